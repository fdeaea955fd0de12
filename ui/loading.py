"""The data, read through `st.cache_data`: the published files, or the list a session explores.

The cached loads are pure: they read the files, write nothing and call nothing online. Each
run looks at the data files (`os.stat`, a few microseconds each), and their identity, size and
time are part of the cache's key: a file published by this process, by another replica on the
same data folder, or copied in by whoever brings a read-only replica its data is read at the
next run of every replica.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from coopmap import data, programme, publish, settings, upload
from coopmap.catalog import LANGUAGES
from coopmap.exc import CoopMapError
from coopmap.text import markdown_escape

from . import keys
from .language import language, said, t


def _stamps(data_dir, names):
    """What changes when a file is edited: its inode (a file written whole and renamed into
    place, as coopmap.atomic and rsync write, is a new one), size and time.
    """
    found = []
    for name in names:
        path = Path(data_dir) / name
        stat = path.stat() if path.exists() else None
        found.append((name, stat and stat.st_ino, stat and stat.st_mtime_ns, stat and stat.st_size))
    return tuple(found)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir, stamps):
    """The published data, one object shared by every session rather than a copy for each run
    (`st.cache_data` unpickles its value at every call: a sixth of a run). No page changes a
    dataset in place; tests/test_app.py checks the published one after every page.
    """
    return data.load(data_dir)


@st.cache_data(show_spinner=False, max_entries=20, ttl=3600)
def _load_list(data_dir, name, digest, _content, points, stamps):
    """An uploaded list, kept in memory and cached by the hash of its content."""
    return upload.load(data_dir, data.Source(name, _content), points)


def _data_dir():
    return Path(settings.get("data_dir"))


def dataset():
    """The checked data: the published data, or the list this session chose to explore (see
    pages/data.py). Data that cannot be read at all gives an empty dataset, and the reason is
    said once at the top of the page (`say_if_unreadable`): the pages that do not need the
    pairings still work.
    """
    data_dir = _data_dir()
    stamps = _stamps(data_dir, data.DATA_FILES)
    own = st.session_state.get(keys.SESSION_LIST)
    st.session_state[keys.UNREADABLE] = None
    try:
        if own:
            points = session_points(own["digest"])
            return _load_list(
                str(data_dir), own["name"], own["digest"], own["content"], points, stamps
            )
        return _load(str(data_dir), stamps)
    except CoopMapError as error:
        # In every language: the reader may switch before the data is read again.
        st.session_state[keys.UNREADABLE] = {lang: error.text(lang) for lang in LANGUAGES}
        return data.empty()


def data_key():
    """What this run's data is read from: the files' stamps, and the session's list and its
    points if it explores one. Equal keys, equal data: a key for what is cached from it.
    """
    data_dir = _data_dir()
    own = st.session_state.get(keys.SESSION_LIST)
    if not own:
        return _stamps(data_dir, data.DATA_FILES)
    points = session_points(own["digest"])
    version = int(pd.util.hash_pandas_object(points, index=False).sum())
    return _stamps(data_dir, data.DATA_FILES) + ((own["digest"], version),)


def unreadable():
    """Whether this run's data could not be read."""
    return bool(st.session_state.get(keys.UNREADABLE))


def say_if_unreadable():
    reason = st.session_state.get(keys.UNREADABLE)
    if reason:
        st.error(t("data_error", error=markdown_escape(reason[language()])))


def published():
    """The published data, whatever list this session explores (empty if unreadable)."""
    data_dir = _data_dir()
    try:
        return _load(str(data_dir), _stamps(data_dir, data.DATA_FILES))
    except CoopMapError:
        return data.empty()


def published_fingerprint():
    """The fingerprint of the published files now: what a change about to be made starts from."""
    return publish.fingerprint(_data_dir())


def session_points(digest):
    """The points this session found or corrected for the places of the list `digest`."""
    points = st.session_state.setdefault(keys.SESSION_POINTS, {})
    return points.get(digest, pd.DataFrame(columns=data.COORDINATE_COLUMNS))


def set_session_points(digest, frame):
    st.session_state.setdefault(keys.SESSION_POINTS, {})[digest] = frame.reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _load_programme(data_dir, stamps):
    return programme.load(data_dir)


def the_programme():
    """The programme's data files, reloaded when one of them changes; or stop the page with a
    clear error (the other pages do not read them, and still work).
    """
    data_dir = _data_dir()
    try:
        return _load_programme(str(data_dir), _stamps(data_dir, programme.RULES))
    except CoopMapError as error:
        st.error(t("data_error", error=said(error)))
        st.stop()
