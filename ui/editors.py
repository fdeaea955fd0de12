"""Editors: signing in and out, and why a write was refused.

A visitor reads; writing the published data needs an editor, checked at the moment of writing
(`writing_editor`). Editors are the local editors file (coopmap.editors), or Streamlit's own
sign-in when an `[auth]` section is in its secrets.
"""

import ipaddress
import time

import streamlit as st

from coopmap import editors, publish, settings
from coopmap.text import markdown_escape

from . import keys
from .language import joined, number, said, t


def _identity_provider():
    """Whether Streamlit's own sign-in is configured (an `[auth]` section in its secrets)."""
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def current_editor():
    """The editor this session is signed in as, checked now; None for a visitor.

    Called at the moment of writing: an editor who signed out, or was removed, is no longer
    one, whatever the page showed before.
    """
    if _identity_provider():
        allowed = st.secrets.get("coopmap", {}).get("editors", [])
        return st.user.email if st.user.is_logged_in and st.user.email in allowed else None
    name = st.session_state.get(keys.EDITOR)
    return name if editors.is_editor(settings.get("editors_file"), name) else None


def _fresh_minutes():
    return settings.get("fresh_sign_in_minutes")


def _sign_in_too_old():
    """Whether this session's local sign-in is older than the `fresh_sign_in_minutes` setting."""
    age = time.time() - st.session_state.get(keys.SIGNED_IN_AT, 0)
    return not _identity_provider() and age > _fresh_minutes() * 60


def writing_editor():
    """The editor this session may write as, now: `current_editor()`, whose password, for a
    local editor, was typed within the `fresh_sign_in_minutes` setting. Asked at the moment of
    writing; an older sign-in raises editors.SignInTooOld and the editor panel asks for the
    password again: whoever replays a stolen session id does not know it (docs/editing.md,
    "Threat model").
    """
    editor = current_editor()
    if editor and _sign_in_too_old():
        raise editors.SignInTooOld("type your password again to change the published data")
    return editor


def _client_address():
    """The client's address as this server sees it (None on localhost), or as the reverse proxy
    in front of it reports it: the last X-Forwarded-For entry, the one the proxy added (the
    client can write the ones before it).
    """
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    try:
        behind_proxy = peer is None or ipaddress.ip_address(peer).is_private
    except ValueError:  # not an address (AppTest has none): taken as no peer at all
        peer, behind_proxy = None, True
    if isinstance(forwarded, str) and forwarded and behind_proxy:
        return forwarded.split(",")[-1].strip()
    return peer or "localhost"


def _sign_in(name_key=keys.EDITOR_NAME, password_key=keys.PASSWORD):
    """The sign-in form's callback: a name and a password against the local editors file (also
    the callback of the form that asks an editor's password again, with their name).
    """
    name = st.session_state.get(name_key, "")
    password = st.session_state.get(password_key, "")
    st.session_state[password_key] = ""
    try:
        st.session_state[keys.EDITOR] = editors.sign_in(
            settings.get("editors_file"), name, password, source=_client_address()
        )
        st.session_state[keys.SIGNED_IN_AT] = time.time()
        st.session_state[keys.SIGN_IN_ERROR] = None
    except editors.SignInRefused as refused:
        st.session_state[keys.SIGN_IN_ERROR] = (
            "sign_in_locked" if refused.locked else "sign_in_refused"
        )


def editor_panel():
    """Sign in and out, on the pages where editors change the data; the editor, or None.

    A read-only replica has no editor: it says where editing happens instead (the writes
    themselves refuse, in coopmap.publish, whatever a page offers).
    """
    if settings.get("read_only"):
        st.info(said(publish.ReadOnly(settings.get("editing_url"))), icon=":material/key_off:")
        return None
    editor = current_editor()
    stale = editor is not None and _sign_in_too_old()
    with st.expander(t("editor_area"), expanded=editor is None or stale, icon=":material/key:"):
        if editor:
            st.write(t("signed_in_as", name=markdown_escape(editor)))
            if stale:
                with st.form("confirm_form", enter_to_submit=True):
                    st.caption(t("reauth_needed", minutes=number(_fresh_minutes())))
                    st.text_input(
                        t("password"),
                        key=keys.CONFIRM_PASSWORD,
                        type="password",
                        autocomplete="current-password",
                    )
                    st.form_submit_button(
                        t("reauth_button"),
                        on_click=_sign_in,
                        kwargs={"name_key": keys.EDITOR, "password_key": keys.CONFIRM_PASSWORD},
                    )
            if _identity_provider():
                st.button(t("sign_out"), on_click=st.logout, key="sign_out")
            else:
                st.button(
                    t("sign_out"),
                    key="sign_out",
                    on_click=lambda: st.session_state.pop(keys.EDITOR, None),
                )
        elif _identity_provider():
            st.button(t("sign_in"), on_click=st.login, key="sign_in")
        else:
            with st.form("sign_in_form", enter_to_submit=True):
                st.text_input(t("editor_name"), key=keys.EDITOR_NAME, autocomplete="username")
                st.text_input(
                    t("password"),
                    key=keys.PASSWORD,
                    type="password",
                    autocomplete="current-password",
                )
                st.form_submit_button(t("sign_in"), on_click=_sign_in)
        error = st.session_state.get(keys.SIGN_IN_ERROR)
        if error and (editor is None or stale):
            st.error(t(error))
    return editor


def report_write_error(error):
    """Say, in the visitor's language, why a write was refused; nothing was written."""
    if isinstance(error, publish.StaleData):
        since = joined(
            t(
                "version_title",
                number=v.number,
                kind=t(f"kind_{v.kind}"),
                who=markdown_escape(v.who),
                when=v.when,
            )
            for v in error.since
        )
        st.error(t("stale_data", since=since or t("stale_outside")))
    elif isinstance(error, publish.NotAnEditor):
        st.error(t("not_editor"))
    elif isinstance(error, publish.Busy):
        st.error(t("busy"))
    elif isinstance(error, publish.ReadOnly):
        st.error(said(error))
    elif isinstance(error, publish.NoChange):
        st.info(t("no_change"))
    elif isinstance(error, editors.SignInTooOld):
        st.error(t("reauth_needed", minutes=number(_fresh_minutes())))
    else:
        st.error(t("data_error", error=said(error)))
