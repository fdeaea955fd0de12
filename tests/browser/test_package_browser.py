"""The data package downloaded from "Données et sources" in a real browser: unpacked, it passes
frictionless's checks, as a reuser who never runs this app would check it.
"""

from datetime import date

import pytest
from test_package import unpacked_errors

from coopmap import package
from coopmap.catalog import text

from .test_map_browser import DATA_DIR, open_page

pytestmark = pytest.mark.browser


def test_the_downloaded_package_validates(page, app, tmp_path):
    open_page(page, f"{app}/about")
    with page.expect_download() as download:
        page.get_by_role("button", name=text("package_download", "fr")).click()
    assert download.value.suggested_filename == package.file_name(DATA_DIR, date.today())
    zip_path = tmp_path / download.value.suggested_filename
    download.value.save_as(zip_path)
    unpacked, errors = unpacked_errors(zip_path.read_bytes(), tmp_path / "unpacked")
    assert errors == []
    assert (unpacked / "LICENSES.md").exists() and (unpacked / "CITATION.cff").exists()
