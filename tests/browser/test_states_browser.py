"""Empty and error states in a real browser: a clear sentence, the rest working, no traceback.

Each state is reached as a visitor reaches it (a search, a link, a broken data folder, a bad
list); the page must show the expected sentence, no Streamlit exception box and no
traceback, and every other page must still work. The presentation caption shows hostile
names exactly as written. Screenshots go to test-artifacts/states/.
"""

import shutil

import pandas as pd
import pytest
from playwright.sync_api import expect

from coopmap import data
from coopmap.catalog import text

from .conftest import HOSTILE_PAIRINGS
from .test_map_browser import (
    ARTIFACTS,
    DATA_DIR,
    drawn_lines,
    hostile_agreement,
    map_frame,
    open_map,
    open_page,
    pairings_metric,
    search,
    shipped_pairings,
    wait_for_counts,
)

pytestmark = pytest.mark.browser

STATES = ARTIFACTS / "states"
TRACEBACK = "Traceback (most recent call last)"


def no_traceback(page, name):
    """The page shows no exception box and no traceback; its screenshot is kept."""
    STATES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=STATES / f"{name}.png", full_page=True)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert TRACEBACK not in page.locator("body").inner_text()
    expect(page.get_by_text(text("unexpected_error"))).to_have_count(0)


def data_folder(tmp_path_factory, name, spoil):
    folder = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(DATA_DIR, folder)
    spoil(folder)
    return folder


@pytest.fixture(scope="module")
def broken_programme_app(start_app, tmp_path_factory):
    """programme_figures.csv with a value that is no number ("1er" for "1")."""

    def spoil(folder):
        path = folder / "programme_figures.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.loc[0, "value"] = "1er"
        frame.to_csv(path, index=False)

    return start_app(data_dir=data_folder(tmp_path_factory, "programme", spoil))


@pytest.fixture(scope="module")
def no_pairings_app(start_app, tmp_path_factory):
    def spoil(folder):
        (folder / data.PARTNERSHIPS_FILE).unlink()

    return start_app(data_dir=data_folder(tmp_path_factory, "pairings", spoil))


def test_a_search_that_matches_nothing(page, app):
    open_map(page, app)
    search(page, "zzz")
    expect(page.get_by_text(text("empty_result"))).to_be_visible()
    expect(pairings_metric(page)).to_have_text("0")
    wait_for_counts(page, lines=0, places=0)
    no_traceback(page, "search-no-match")
    page.get_by_role("button", name=text("reset")).first.click()
    wait_for_counts(page, lines=drawn_lines(shipped_pairings()))


def test_a_bad_cell_in_the_programme_stops_only_its_pages(page, broken_programme_app):
    open_map(page, broken_programme_app)
    wait_for_counts(page, lines=drawn_lines(shipped_pairings()))
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    for path in ("programme", "expertise"):
        open_page(page, f"{broken_programme_app}/{path}")
        alert = page.get_by_test_id("stAlert").filter(has_text="programme_figures.csv, ligne 2")
        expect(alert).to_contain_text("colonne value : « 1er » n'est pas un nombre entier")
        no_traceback(page, f"programme-bad-cell-{path}")


def test_no_pairings_file_is_said_and_the_programme_still_shows(page, no_pairings_app):
    open_page(page, no_pairings_app)
    alert = page.get_by_test_id("stAlert").filter(has_text="partnerships.csv")
    expect(alert).to_contain_text("le fichier n'existe pas")
    no_traceback(page, "no-pairings-map")
    open_page(page, f"{no_pairings_app}/programme")
    expect(page.get_by_role("heading", level=1)).to_have_text(text("page_programme"))
    expect(page.get_by_role("heading", name=text("programme_figures"))).to_be_visible()
    expect(page.get_by_role("heading", level=3).first).to_be_visible()  # a figure's card
    no_traceback(page, "no-pairings-programme")


def test_a_list_with_no_valid_row(page, app, tmp_path):
    frame = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    path = tmp_path / "tout-faux.csv"
    frame.head(3).assign(france_authority_type="communne").to_csv(path, index=False)
    open_page(page, f"{app}/data")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    expect(page.get_by_text(text("no_valid_row"))).to_be_visible()
    expect(page.get_by_role("button", name=text("use_for_session"))).to_have_count(0)
    no_traceback(page, "list-no-valid-row")


@pytest.fixture(scope="module")
def hostile_app(start_app, hostile_data):
    return start_app(data_dir=hostile_data)


def test_the_presentation_caption_shows_hostile_names_as_written(page, guard, hostile_app):
    open_map(page, f"{hostile_app}/?present=true")
    wait_for_counts(page, lines=3)
    frame = map_frame(page)
    captions = set()
    for step in range(1, 4):
        page.keyboard.press("ArrowRight")
        steps = frame.locator(".coopmap-steps")
        expect(steps).to_have_attribute("data-step", str(step))
        captions.add(frame.locator(".coopmap-step-caption strong").inner_text())
    assert captions == {  # the tooltip of the line, its year and kind of agreement below
        f"{morocco} (commune urbaine) – {france} (commune)\n{hostile_agreement()}"
        for morocco, france in HOSTILE_PAIRINGS
    }
    for each in page.frames:
        assert each.locator("img[src='x']").count() == 0
    assert guard.dialogs == []
    no_traceback(page, "presentation-hostile")
