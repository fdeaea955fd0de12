"""Links carry codes; old links with labels still open; what a link drops is named."""

import pytest

from coopmap import links

from conftest import ROOT

FES = "MA:commune urbaine:Fès"


@pytest.mark.parametrize(
    ("query", "state", "dropped"),
    [
        # Codes, as the app writes them.
        ({"levels": ["territory"]}, {"levels": ["territory"]}, []),
        ({"language": ["en"]}, {"language": "en"}, []),
        ({"division": ["2013"]}, {"division": "2013"}, []),
        ({"basemap": ["offline"]}, {"basemap": "offline"}, []),
        ({"present": ["true"]}, {"present": True}, []),
        ({"morocco_regions": ["Oriental"]}, {"morocco_regions": ["Oriental"]}, []),
        ({"france_types": ["département"]}, {"france_types": ["département"]}, []),
        ({"search": ["fes"]}, {"search": "fes"}, []),
        ({"view": ["40.5,-1.25,6"]}, {"view": "40.5,-1.25,6"}, []),
        ({"selected_place": [FES]}, {"selected_place": FES}, []),
        # A default stated in a link is valid, not "ignored".
        ({"present": ["false"]}, {"present": False}, []),
        ({"language": ["fr"]}, {"language": "fr"}, []),
        # Old links, with the labels of either language.
        ({"levels": ["Régions et provinces"]}, {"levels": ["territory"]}, []),
        ({"levels": ["Regions and provinces"]}, {"levels": ["territory"]}, []),
        ({"language": ["Français"]}, {"language": "fr"}, []),
        ({"language": ["English"]}, {"language": "en"}, []),
        ({"division": ["Régions de 2013 (source)"]}, {"division": "2013"}, []),
        ({"france_types": ["department"]}, {"france_types": ["département"]}, []),
        ({"selected_place": ["Fès (commune urbaine)"]}, {"selected_place": FES}, []),
        ({"selected_place": ["Fès (urban commune)"]}, {"selected_place": FES}, []),
        # 2013 regions are read in the division the link names, whatever order it gives.
        (
            {"morocco_regions": ["Fès-Boulemane"], "division": ["2013"]},
            {"division": "2013", "morocco_regions": ["Fès-Boulemane"]},
            [],
        ),
        # What cannot be given is dropped, and named exactly.
        ({"levels": ["zzz"]}, {"levels": []}, ["levels=zzz"]),
        ({"levels": ["town", "zzz"]}, {"levels": ["town"]}, ["levels=zzz"]),
        ({"division": ["nope"]}, {}, ["division=nope"]),
        ({"foo": ["<b>"]}, {}, ["foo"]),
        ({"view": ["1e9,x,99"]}, {}, ["view=1e9,x,99"]),
        (
            {"morocco_regions": ["Fès-Boulemane"]},
            {"morocco_regions": []},
            ["morocco_regions=Fès-Boulemane"],
        ),
        ({"selected_place": ["Atlantis"]}, {}, ["selected_place=Atlantis"]),
        # A place the link's own filters hide cannot be selected.
        (
            {"search": ["oujda"], "selected_place": [FES]},
            {"search": "oujda"},
            [f"selected_place={FES}"],
        ),
        ({"search": ["x" * 500]}, {"search": "x" * links.SEARCH_LIMIT}, []),
        ({"levels": ["town", "town"]}, {"levels": ["town"]}, []),
    ],
)
def test_read(shipped, query, state, dropped):
    assert links.read(query, shipped) == (state, dropped)


@pytest.mark.parametrize(
    ("state", "query"),
    [
        (
            {"levels": ["territory"], "language": "en"},
            {"language": ["en"], "levels": ["territory"]},
        ),
        ({"levels": [], "language": "fr", "present": False, "search": ""}, {}),
        ({"present": True, "selected_place": FES}, {"present": ["true"], "selected_place": [FES]}),
        ({"basemap": "offline"}, {"basemap": ["offline"]}),
    ],
)
def test_write_leaves_defaults_out(state, query):
    assert links.write(state, {"basemap": "auto"}) == query


def test_a_written_link_reads_back_the_same(shipped):
    state = {
        "language": "en",
        "division": "2013",
        "morocco_regions": ["Fès-Boulemane"],
        "france_types": ["commune"],
        "levels": ["town"],
        "search": "fès",
        "present": True,
        "selected_place": FES,
    }
    assert links.read(links.write(state), shipped) == (state, [])


def test_readme_lists_every_link_parameter():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for parameter in links.PARAMETERS:
        assert f"`{parameter.name}`" in readme, parameter.name
