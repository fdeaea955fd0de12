"""Loading one's own list in a real browser: the report, geocoding, the session view.

The app runs on a copy of the data folder, with Nominatim pointed at a local server; the list
holds a published pairing, a new one whose Moroccan town only Nominatim knows, and a bad row.
"""

import pandas as pd
import pytest
from nominatim_server import NominatimServer, found
from playwright.sync_api import expect

from .test_map_browser import (
    DATA_DIR,
    LAYER_POSITIONS,
    agreement,
    drawn_lines,
    map_frame,
    open_map,
    shipped_pairings,
    wait_for_counts,
)
from conftest import fingerprints

pytestmark = pytest.mark.browser

NEW_TOWN = "Aït Zzyzx"  # unknown to the offline gazetteer: only Nominatim can place it


@pytest.fixture(scope="module")
def nominatim():
    with NominatimServer() as server:
        server.reply(NEW_TOWN, found(31.05, -7.92, display_name=f"{NEW_TOWN}, Maroc", osm_id=7))
        yield server


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for path in DATA_DIR.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def app(start_app, nominatim, data_folder):
    return start_app(
        data_dir=data_folder,
        extra_env={
            "COOPMAP_ONLINE_GEOCODING": "true",
            "COOPMAP_NOMINATIM_DOMAIN": nominatim.domain,
            "COOPMAP_NOMINATIM_SCHEME": "http",
            "COOPMAP_GEOCODER_MIN_DELAY": "0",
        },
    )


@pytest.fixture
def my_list(tmp_path):
    frame = pd.read_csv(DATA_DIR / "partnerships.csv", dtype=str, keep_default_na=False)
    mine = frame.head(3).copy()
    mine.loc[1, "france_authority_type"] = "communne"  # the bad row: row 3 of the file
    mine.loc[2, ["morocco_name", "morocco_authority_type"]] = [NEW_TOWN, "commune rurale"]
    mine.loc[2, ["morocco_region_2013", "morocco_region_current"]] = [
        "Souss-Massa-Drâa",
        "Souss-Massa",
    ]
    mine.loc[2, ["france_name", "france_region_2013", "france_region_current"]] = [
        "Quimper",
        "Bretagne",
        "Bretagne",
    ]
    path = tmp_path / "ma-liste.csv"
    mine.to_csv(path, index=False)
    return path


def test_an_uploaded_list_is_checked_placed_and_shown(
    page, browser, app, nominatim, data_folder, my_list
):
    before = fingerprints(data_folder)
    open_map(page, app)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Vos données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos données")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(my_list)

    report = page.get_by_test_id("stAlert").filter(has_text="ligne des données est écartée")
    expect(report).to_contain_text("ma-liste.csv, ligne 3, colonne france_authority_type")
    expect(report).to_contain_text("Vouliez-vous dire « commune » ?")
    expect(page.get_by_text("Partenariats valides : 2 ; lignes écartées : 1.")).to_be_visible()

    page.get_by_role("button", name="Placer les nouveaux lieux").click()
    outcomes = page.get_by_test_id("stTable").filter(has_text=NEW_TOWN)
    # The first placing loads the offline gazetteer (GeoNames, about 10 s on this machine).
    expect(outcomes).to_contain_text("Nominatim, requête", timeout=90_000)
    expect(outcomes).to_contain_text("Quimper")
    assert nominatim.queries() == [NEW_TOWN], "Quimper was placed offline, and only once asked"

    page.get_by_role("button", name="Explorer l'application avec cette liste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des partenariats")
    expect(page.get_by_text("Vous explorez votre liste")).to_contain_text("ma-liste.csv")
    wait_for_counts(page, lines=2)
    lines = [p["label"] for p in map_frame(page).evaluate(LAYER_POSITIONS) if p["kind"] == "line"]
    new = pd.read_csv(my_list, dtype=str, keep_default_na=False).iloc[2]  # its year and kind
    year = agreement(pd.to_numeric(new.year, errors="coerce"), new.agreement_kind)
    tooltip = f"{NEW_TOWN} (commune rurale) – Quimper (commune)\n{year}"
    assert tooltip in lines, "the new pairing is drawn"
    assert fingerprints(data_folder) == before, "the published files are unchanged"

    other = browser.new_context().new_page()  # another visitor, at the same time
    open_map(other, app)
    wait_for_counts(other, lines=drawn_lines(shipped_pairings()))
    expect(other.get_by_text("Vous explorez votre liste")).to_have_count(0)
    other.context.close()
