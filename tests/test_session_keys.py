"""The session's keys are one table (ui/keys.py): no module of the edge, and no page, keeps a
key of its own in `st.session_state`, and every key of the table says what it is for.
"""

import ast
from pathlib import Path

import pytest

from coopmap import links
from ui import keys

ROOT = Path(__file__).resolve().parent.parent
EDGE = sorted([*ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"])


def _session_keys(path):
    """(line, key) of every key a file reads or writes in st.session_state, as written."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = None
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault", "pop")
            and node.args
        ):
            target, key = node.func.value, node.args[0]
        if isinstance(target, ast.Attribute) and target.attr == "session_state":
            found.append((node.lineno, key))
    return found


@pytest.mark.parametrize("path", EDGE, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_key_is_spelled_outside_the_table(path):
    literals = [
        (line, key.value)
        for line, key in _session_keys(path)
        if isinstance(key, ast.Constant) and key.value not in keys.KEYS
    ]
    assert not literals, f"{path.name}: keys not in ui/keys.py: {literals}"


def test_the_link_state_is_the_links_parameters():
    """What a link carries is kept in the session under the same names (but the view, which
    the map keeps in the address).
    """
    names = {key.name for key in keys.LINK_STATE}
    assert names == {p.name for p in links.PARAMETERS} - {"view"}


@pytest.mark.parametrize("key", keys.KEYS.values(), ids=lambda key: key.name)
def test_every_key_says_what_it_is_for(key):
    assert key.help.strip().endswith(".") and len(key.help) > 15


def test_defaults_are_fresh_copies():
    """A default list or dict is copied: one session's choice cannot change another's."""
    first = keys.default("morocco_regions")
    first.append("Oriental")
    assert keys.default("morocco_regions") == []
