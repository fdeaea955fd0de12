"""Fixtures shared by the test modules: the shipped data, and a copy to change."""

import shutil
from pathlib import Path

import pytest

from coopmap import data

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@pytest.fixture(scope="session")
def shipped():
    """The shipped data, loaded once."""
    return data.load(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path):
    """A copy of the data folder that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
