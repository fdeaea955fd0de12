"""Geocoding through geopy's real HTTP path, against a Nominatim-shaped server on 127.0.0.1.

Nothing of geopy is mocked: a request really leaves geopy, so these tests see the URL, the
headers and the timing that Nominatim would see, and the answers Nominatim can really give
(429, 503, a timeout, a proxy's HTML page). What matters most is that an answer that is not a
place is an error, and that an error is reported as "unavailable" and never cached: a place
remembered wrongly, or remembered as unknown, would never be looked up again.
"""

import csv
import os
import subprocess
import sys

import pandas as pd
import pytest
from nominatim_server import (
    SERVICE_UNAVAILABLE,
    NominatimServer,
    found,
    garbage,
    json_reply,
    rate_limited,
    too_slow,
    unused_domain,
)

from coopmap import atomic, data
from coopmap.exc import GeocodingError
from coopmap.gazetteer import Candidate, Gazetteer
from coopmap.geocode import (
    AMBIGUOUS,
    NOT_FOUND,
    PLACED,
    UNAVAILABLE,
    NominatimSource,
    fill_cache,
    place_missing,
)

from conftest import ROOT

USER_AGENT = "coopmap-tests/1.0 (tests of the geocoding chain)"
TIMEOUT = 0.5
# Names that neither the cache nor the real offline gazetteer knows: only Nominatim can place them.
NEW_TOWN_MA, NEW_TOWN_FR = "Tizi n'Imoula", "Saint-Glinglin"


@pytest.fixture
def server():
    """A fresh server per test, so that its request log holds only that test's requests."""
    with NominatimServer() as server:
        yield server


def _source(domain, timeout=2.0, min_delay=0.0):
    """A NominatimSource on plain HTTP; no delay by default, as only one test is about it."""
    return NominatimSource(USER_AGENT, domain, scheme="http", timeout=timeout, min_delay=min_delay)


@pytest.fixture
def source(server):
    return _source(server.domain)


class FakeGazetteer:
    """An offline gazetteer that knows only `known` names, and records what it was asked."""

    def __init__(self, *known):
        self.known = set(known)
        self.asked = []

    def find(self, country, authority_type, name, seat="", taken=()):
        self.asked.append(name)
        if name not in self.known:
            return None
        return Candidate(34.03313, -5.00028, "fake-gazetteer", "1", name, "town")


def _places(*names):
    """The table of places that `place_missing` takes, for Moroccan urban communes."""
    return pd.DataFrame(
        [
            {
                "place_id": data.place_id("MA", "commune urbaine", name),
                "country": "MA",
                "authority_type": "commune urbaine",
                "name": name,
                "seat": "",
            }
            for name in names
        ]
    )


def _cache(*names):
    """A cache holding `names` (Moroccan urban communes, at one point for simplicity)."""
    rows = [
        ("MA", "commune urbaine", name, "33.58831", "-7.61138", "town", "test", "1", name, "")
        for name in names
    ]
    return pd.DataFrame(rows, columns=data.COORDINATE_COLUMNS)


# --- One lookup ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "authority_type", "name", "countrycodes"),
    [
        ("MA", "commune urbaine", "Fès", "ma,eh"),  # GeoNames files the south under EH
        ("FR", "commune", "Quimper", "fr"),
    ],
)
def test_found_is_the_servers_point_asked_as_nominatim_asks(
    server, source, country, authority_type, name, countrycodes
):
    server.reply(name, found(34.0372, -4.9998, display_name=f"{name}, somewhere", osm_id=42))

    candidate = source.find(country, authority_type, name)

    assert candidate == Candidate(
        latitude=34.0372,
        longitude=-4.9998,
        source="nominatim",
        source_id="node/42",
        query=name,
        precision="town",
        note=f"{name}, somewhere",
    )
    [request] = server.requests
    assert request.path == "/search"
    assert request.params["q"] == name
    assert request.params["countrycodes"] == countrycodes
    assert request.params["format"] == "json"
    assert request.params["limit"] == "1"
    # Nominatim's usage policy asks for a User-Agent that identifies the application.
    assert request.headers["user-agent"] == USER_AGENT


def test_a_seat_is_searched_rather_than_the_grouping_it_seats(server, source):
    """A communauté de communes is no town: its seat is what Nominatim can place."""
    seat = "L'Argentière-la-Bessée"
    server.reply(seat, found(44.79, 6.56, display_name=seat, osm_type="relation", osm_id=7))

    candidate = source.find("FR", "communauté de communes", "Pays des Écrins", seat=seat)

    assert (candidate.query, candidate.precision, candidate.source_id) == (
        seat,
        "seat",
        "relation/7",
    )
    assert server.queries() == [seat]


def test_not_found_is_none(server, source):
    assert source.find("MA", "commune urbaine", NEW_TOWN_MA) is None
    assert server.queries() == [NEW_TOWN_MA]


def test_not_found_is_reported_and_not_cached(server, source):
    cache = _cache("Casablanca")

    updated, [outcome] = place_missing(_places(NEW_TOWN_MA), cache, FakeGazetteer(), source)

    assert outcome.status == NOT_FOUND
    assert "neither the offline gazetteer nor Nominatim" in outcome.reason
    assert outcome.reason.text("fr").startswith("ni le répertoire hors ligne ni Nominatim")
    assert outcome.reason.text("ar").startswith("لا دليل الأماكن دون اتصال ولا Nominatim")
    assert updated.equals(cache)


# --- Failures: an error is never "not found", and never cached ----------------------------------

# (what the server answers to "Fès", words of the error); None: nothing listens on the port.
FAILURES = [
    pytest.param(rate_limited(retry_after=30), "GeocoderRateLimited", id="429 Retry-After"),
    pytest.param(SERVICE_UNAVAILABLE, "status code 503", id="503"),
    pytest.param(too_slow(TIMEOUT * 4), "timed out", id="too slow"),
    pytest.param(garbage(), "GeocoderParseError", id="not JSON"),
    pytest.param(json_reply({"error": "Internal error"}), "Internal error", id="error object"),
    pytest.param(json_reply([{"display_name": "Fès"}]), "without coordinates", id="no lat/lon"),
    pytest.param(
        json_reply([{"lat": "north", "lon": "-5.0", "display_name": "Fès"}]),
        "not a place",
        id="latitude not a number",
    ),
    pytest.param(
        json_reply([{"lat": "95", "lon": "-5.0", "display_name": "Fès"}]),
        "not a place",
        id="latitude out of range",
        marks=pytest.mark.filterwarnings("ignore:Latitude normalization"),
    ),
    pytest.param(json_reply(["Fès"]), "not a place", id="list of strings"),
    pytest.param(None, "GeocoderUnavailable", id="closed port"),
]


def _failing_source(server, reply):
    """A source whose search for "Fès" gets `reply`, or finds no server if `reply` is None."""
    if reply is None:
        return _source(unused_domain(), timeout=TIMEOUT)
    server.reply("Fès", reply)
    return _source(server.domain, timeout=TIMEOUT)


@pytest.mark.parametrize(("reply", "words"), FAILURES)
def test_a_failure_is_a_geocoding_error(server, reply, words):
    source = _failing_source(server, reply)

    with pytest.raises(GeocodingError, match=words):
        source.find("MA", "commune urbaine", "Fès")

    # Asked once: the HTTP client must not retry by itself (it would sleep out a Retry-After).
    assert len(server.requests) == (0 if reply is None else 1)


def test_a_429_hands_on_its_retry_after(server):
    """The Retry-After of a 429 reaches the error, for a caller that wants to wait."""
    source = _failing_source(server, rate_limited(retry_after=30))

    with pytest.raises(GeocodingError) as raised:
        source.find("MA", "commune urbaine", "Fès")

    assert raised.value.__cause__.retry_after == 30


@pytest.mark.parametrize(("reply", "words"), FAILURES)
def test_a_failure_is_unavailable_and_never_cached(server, reply, words):
    cache = _cache("Casablanca")

    updated, [outcome] = place_missing(
        _places("Fès"), cache, FakeGazetteer(), _failing_source(server, reply)
    )

    assert outcome.status == UNAVAILABLE
    assert words in outcome.reason and outcome.reason.endswith("try again later")
    assert outcome.reason.text("fr").endswith("réessayez plus tard")  # the server's words kept
    assert words in outcome.reason.text("fr")
    assert outcome.candidate is None
    assert updated.equals(cache)


# --- The chain: cache, then offline gazetteer, then Nominatim ----------------------------------


def test_the_chain_asks_the_cache_then_the_gazetteer_then_nominatim(server, source):
    server.reply(NEW_TOWN_MA, found(30.6, -8.1, display_name=NEW_TOWN_MA, osm_id=9))
    gazetteer = FakeGazetteer("Fès")

    updated, outcomes = place_missing(
        _places("Casablanca", "Fès", NEW_TOWN_MA), _cache("Casablanca"), gazetteer, source
    )

    # Casablanca is cached: looked up nowhere. Fès is offline: never sent to Nominatim.
    assert [(o.place_id, o.status) for o in outcomes] == [
        ("MA:commune urbaine:Fès", PLACED),
        (f"MA:commune urbaine:{NEW_TOWN_MA}", PLACED),
    ]
    assert gazetteer.asked == ["Fès", NEW_TOWN_MA]
    assert server.queries() == [NEW_TOWN_MA]
    assert list(updated.name) == ["Casablanca", "Fès", NEW_TOWN_MA]
    assert list(updated.source) == ["test", "fake-gazetteer", "nominatim"]
    assert list(updated[["latitude", "longitude"]].iloc[2]) == ["30.60000", "-8.10000"]


def test_consecutive_lookups_keep_the_minimum_delay(server):
    """Nominatim allows one request per second; the delay must hold between two places."""
    source = _source(server.domain, min_delay=0.3)

    source.find("MA", "commune urbaine", "Fès")
    source.find("MA", "commune urbaine", "Meknès")

    first, second = server.requests
    assert second.time - first.time >= 0.3 - 0.05  # a margin for the clocks of two threads


# --- fill_cache on a copy of the data folder ----------------------------------------------------


def _new_number(data_dir):
    """A pairing number that no pairing of `data_dir` has yet."""
    pairings = data.read_csv(data_dir / data.PARTNERSHIPS_FILE, data.PARTNERSHIP_COLUMNS)
    return str(max(map(int, pairings.pairing_id)) + 1)


def _add_pairing(data_dir, morocco_name, france_name, france_regions=("Bretagne", "Bretagne")):
    """Append a valid pairing of a rural commune with a commune; return the loaded dataset."""
    row = {column: "" for column in data.PARTNERSHIP_COLUMNS}
    row.update(
        pairing_id=_new_number(data_dir),
        morocco_name=morocco_name,
        morocco_authority_type="commune rurale",
        morocco_region_2013="Souss-Massa-Drâa",
        morocco_region_current="Souss-Massa",
        france_name=france_name,
        france_authority_type="commune",
        france_region_2013=france_regions[0],
        france_region_current=france_regions[1],
        source_file="tests",
        source_section="Villes et groupements intercommunaux",
        source_text=f"{morocco_name} : {france_name}",
    )
    with open(data_dir / data.PARTNERSHIPS_FILE, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, data.PARTNERSHIP_COLUMNS, lineterminator="\n").writerow(row)
    dataset = data.load(data_dir)
    assert dataset.problems == []
    return dataset


def _cache_file(data_dir):
    return data.read_csv(data_dir / data.COORDINATES_FILE, data.COORDINATE_COLUMNS)


def _temporary_files(data_dir):
    return [path.name for path in data_dir.iterdir() if path.name.endswith(".tmp")]


def test_fill_cache_writes_the_new_places_with_their_source(server, source, data_copy):
    dataset = _add_pairing(data_copy, NEW_TOWN_MA, NEW_TOWN_FR)
    server.reply(NEW_TOWN_MA, found(30.6, -8.1, osm_id=1))
    server.reply(NEW_TOWN_FR, found(48.1, -1.7, osm_id=2))
    before = _cache_file(data_copy)

    outcomes = fill_cache(
        dataset.places, data_copy, "tester", online=source, gazetteer=FakeGazetteer()
    )

    assert [o.status for o in outcomes] == [PLACED, PLACED]
    after = _cache_file(data_copy)
    assert after.iloc[: len(before)].equals(before)
    new = after.iloc[len(before) :][["country", "name", "latitude", "longitude", "source"]]
    assert new.values.tolist() == [
        ["MA", NEW_TOWN_MA, "30.60000", "-8.10000", "nominatim"],
        ["FR", NEW_TOWN_FR, "48.10000", "-1.70000", "nominatim"],
    ]
    assert _temporary_files(data_copy) == []


def test_fill_cache_keeps_what_was_found_and_not_what_failed(server, source, data_copy):
    dataset = _add_pairing(data_copy, NEW_TOWN_MA, NEW_TOWN_FR)
    server.reply(NEW_TOWN_MA, SERVICE_UNAVAILABLE)
    server.reply(NEW_TOWN_FR, found(48.1, -1.7))
    before = _cache_file(data_copy)

    outcomes = fill_cache(
        dataset.places, data_copy, "tester", online=source, gazetteer=FakeGazetteer()
    )

    assert [o.status for o in outcomes] == [UNAVAILABLE, PLACED]
    added = _cache_file(data_copy).iloc[len(before) :]
    assert list(added.name) == [NEW_TOWN_FR]


def test_a_failing_lookup_leaves_the_cache_file_untouched(server, source, data_copy):
    dataset = _add_pairing(data_copy, NEW_TOWN_MA, "Bordeaux", ("Aquitaine", "Nouvelle-Aquitaine"))
    server.reply(NEW_TOWN_MA, SERVICE_UNAVAILABLE)
    path = data_copy / data.COORDINATES_FILE
    before = path.read_bytes()

    [outcome] = fill_cache(
        dataset.places, data_copy, "tester", online=source, gazetteer=FakeGazetteer()
    )

    assert outcome.status == UNAVAILABLE
    assert path.read_bytes() == before
    assert _temporary_files(data_copy) == []


def test_a_write_that_fails_leaves_the_old_file_whole(server, source, data_copy, monkeypatch):
    """The cache is swapped in by one rename: if that fails, the old file stays as it was."""
    dataset = _add_pairing(data_copy, NEW_TOWN_MA, NEW_TOWN_FR)
    server.reply(NEW_TOWN_MA, found(30.6, -8.1))
    path = data_copy / data.COORDINATES_FILE
    before = path.read_bytes()

    def failing_replace(temporary, target):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        fill_cache(dataset.places, data_copy, "tester", online=source, gazetteer=FakeGazetteer())

    assert path.read_bytes() == before
    assert _temporary_files(data_copy) == []


# --- The command line, with the real offline gazetteer ------------------------------------------


def _geocode_command(data_dir, domain, *options):
    """Run `python -m coopmap geocode` against `domain`; return (exit code, lines printed)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COOPMAP_")}
    env.update(
        COOPMAP_NOMINATIM_DOMAIN=domain,
        COOPMAP_NOMINATIM_SCHEME="http",
        COOPMAP_USER_AGENT=USER_AGENT,
        COOPMAP_GEOCODER_TIMEOUT="2",
        COOPMAP_GEOCODER_MIN_DELAY="0",
        COOPMAP_ONLINE_GEOCODING="1",
    )
    command = [sys.executable, "-m", "coopmap", "geocode", str(data_dir), *options]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.stderr == ""
    return run.returncode, run.stdout.splitlines()


def test_the_command_places_new_places_and_exits_0(server, data_copy):
    _add_pairing(data_copy, NEW_TOWN_MA, "Quimper")
    server.reply(NEW_TOWN_MA, found(30.6, -8.1, osm_id=5))
    cached = len(_cache_file(data_copy))

    code, lines = _geocode_command(data_copy, server.domain)

    assert lines == [
        f"[1/2] MA:commune rurale:{NEW_TOWN_MA}: placed (Nominatim, query '{NEW_TOWN_MA}')",
        "[2/2] FR:commune:Quimper: placed (offline gazetteer (geonames-cities500))",
        f"{cached} place(s) already in the cache, 2 placed, 0 not placed.",
    ]
    assert code == 0
    # Quimper was found offline: Nominatim was asked for the Moroccan commune only.
    [request] = server.requests
    assert request.params["q"] == NEW_TOWN_MA
    assert request.params["countrycodes"] == "ma,eh"
    assert request.headers["user-agent"] == USER_AGENT
    added = _cache_file(data_copy).iloc[cached:]
    assert added[["name", "source", "source_id"]].values.tolist() == [
        [NEW_TOWN_MA, "nominatim", "node/5"],
        ["Quimper", "geonames-cities500", "2984701"],
    ]


def test_the_command_reports_an_unavailable_nominatim_and_exits_1(server, data_copy):
    _add_pairing(data_copy, NEW_TOWN_MA, "Bordeaux", ("Aquitaine", "Nouvelle-Aquitaine"))
    server.reply(NEW_TOWN_MA, SERVICE_UNAVAILABLE)
    before = (data_copy / data.COORDINATES_FILE).read_bytes()
    cached = len(_cache_file(data_copy))  # every place the data names already has a row

    code, [report, summary] = _geocode_command(data_copy, server.domain)

    assert report.startswith(f"[1/1] MA:commune rurale:{NEW_TOWN_MA}: unavailable (Nominatim: ")
    assert report.endswith("; try again later)")
    assert summary == f"{cached} place(s) already in the cache, 0 placed, 1 not placed."
    assert code == 1
    assert (data_copy / data.COORDINATES_FILE).read_bytes() == before


def test_the_command_offline_never_contacts_the_server(server, data_copy):
    _add_pairing(data_copy, NEW_TOWN_MA, "Quimper")
    server.reply(NEW_TOWN_MA, found(30.6, -8.1))
    cached = len(_cache_file(data_copy))

    code, lines = _geocode_command(data_copy, server.domain, "--offline")

    assert server.requests == []
    assert lines[0].startswith(
        f"[1/2] MA:commune rurale:{NEW_TOWN_MA}: not found (not in the offline gazetteer, "
        "and online geocoding is off"
    )
    assert lines[1:] == [
        "[2/2] FR:commune:Quimper: placed (offline gazetteer (geonames-cities500))",
        f"{cached} place(s) already in the cache, 1 placed, 1 not placed.",
    ]
    assert code == 1
    added = _cache_file(data_copy).iloc[cached:]
    assert list(added.name) == ["Quimper"]


# --- homonyms ----------------------------------------------------------------------------------


def test_a_name_borne_by_several_towns_is_ambiguous_placed_on_the_largest():
    """GeoNames has two Moroccan towns called Dakhla: the commune (23.7°N) and a district of
    Agadir. The larger is placed, and the other offered, for the user to confirm."""
    cache = pd.DataFrame(columns=data.COORDINATE_COLUMNS)
    updated, [outcome] = place_missing(_places("Dakhla"), cache, Gazetteer(), online=None)
    assert outcome.status == AMBIGUOUS
    assert "2 places bear this name" in outcome.reason
    assert outcome.reason.text("fr").startswith("2 lieux portent ce nom")
    assert outcome.candidate.latitude == pytest.approx(23.68, abs=0.01)
    assert [round(a.latitude, 1) for a in outcome.candidate.alternatives] == [30.4]
    assert updated.latitude.tolist() == ["23.68477"]
