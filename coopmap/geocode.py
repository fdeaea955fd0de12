"""Place the places that the cache lacks: the cache, then the offline gazetteer, then Nominatim.

The chain never forgets an error as a "not found": only a place that a source answered
about is written to the cache, and the cache is written atomically. Nominatim is asked through
geopy, restricted to the place's country, with an identifying User-Agent and one request per
second (its usage policy); `online` can be None to work offline only.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol, cast

import pandas as pd
from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from . import settings
from .catalog import Message
from .data import (
    COORDINATE_COLUMNS,
    COORDINATES_FILE,
    read_coordinates,
)
from .exc import GeocodingError
from .gazetteer import AREA_LEVELS, COUNTRY_CODES, Candidate, Gazetteer

PLACED, AMBIGUOUS = "placed", "ambiguous"  # ambiguous: placed on the likeliest, to confirm
NOT_FOUND, UNAVAILABLE = "not found", "unavailable"


@dataclass(frozen=True)
class Outcome:
    """What happened to one place: placed (with the candidate), not found, or unavailable."""

    place_id: str
    status: str
    reason: str  # a catalog.Message
    candidate: Candidate | None = None
    row: dict[str, str] | None = None  # the row of coordinates.csv, when placed


class PlaceRow(Protocol):
    """A place as a row of a table of places (`Dataset.places`) gives it; a `seat` too, if the
    table has one.
    """

    place_id: str
    country: str
    authority_type: str
    name: str


class OnlineSource(Protocol):
    """A geocoder that `place_missing` asks for what the offline gazetteer lacks."""

    def find(
        self, country: str, authority_type: str, name: str, seat: str = ""
    ) -> Candidate | None:
        """A `Candidate`, None if the place is not known; GeocodingError if no answer."""
        ...


class NominatimSource:
    """Nominatim through geopy's real HTTP path; errors become GeocodingError."""

    def __init__(
        self,
        user_agent: str,
        domain: str,
        scheme: str = "https",
        timeout: float = 10.0,
        min_delay: float = 1.0,
    ) -> None:
        # max_retries=0: geopy's HTTP client otherwise retries on its own, twice after a
        # timeout, and after sleeping the whole Retry-After of a 429 or 503 (an hour, if
        # Nominatim says so); an error must come back at once, as "unavailable".
        self.nominatim = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=partial(RequestsAdapter, max_retries=0),
        )
        # swallow_exceptions=False: RateLimiter would otherwise turn an error into None,
        # which looks like "not found" and would be cached as such.
        self._geocode = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay,
            max_retries=0,
            swallow_exceptions=False,
        )

    def find(
        self, country: str, authority_type: str, name: str, seat: str = ""
    ) -> Candidate | None:
        query = seat or name
        codes = [code.lower() for code in COUNTRY_CODES[country]]
        try:
            location = self._geocode(query, exactly_one=True, country_codes=codes)
        except GeopyError as error:
            raise GeocodingError(f"Nominatim: {type(error).__name__}: {error}") from error
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise GeocodingError(
                f"Nominatim sent an answer that is not a place: {error!r}"
            ) from error
        if location is None:
            return None
        raw = location.raw if isinstance(location.raw, dict) else {}
        if raw.get("lat") is None or raw.get("lon") is None:
            # geopy makes a place without coordinates a point at 0°, 0°: never a place.
            raise GeocodingError(f"Nominatim sent a place without coordinates: {raw!r}")
        return Candidate(
            latitude=float(location.latitude),
            longitude=float(location.longitude),
            source="nominatim",
            source_id=f"{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
            query=query,
            precision="seat" if seat else ("area" if authority_type in AREA_LEVELS else "town"),
            note=str(raw.get("display_name", "")),
        )


def _taken(coordinates: pd.DataFrame) -> set[tuple[float, float]]:
    latitudes = pd.to_numeric(coordinates.latitude, errors="coerce").round(4)
    longitudes = pd.to_numeric(coordinates.longitude, errors="coerce").round(4)
    return set(zip(latitudes, longitudes))


def place_missing(
    places: pd.DataFrame,
    coordinates: pd.DataFrame,
    gazetteer: Gazetteer,
    online: OnlineSource | None = None,
    progress: Callable[[int, int, Outcome], object] | None = None,
) -> tuple[pd.DataFrame, list[Outcome]]:
    """Find points for the `places` that `coordinates` (the cache) lacks.

    Returns the cache with the new rows appended and one `Outcome` per place looked up.
    `progress(done, total, outcome)` is called after each place.
    """
    cached = set(zip(coordinates.country, coordinates.authority_type, coordinates.name))
    # A table of text: pandas types its cells as any scalar.
    rows_of_places = cast(Iterable[PlaceRow], places.itertuples(index=False))
    missing = [p for p in rows_of_places if (p.country, p.authority_type, p.name) not in cached]
    taken = _taken(coordinates)
    outcomes: list[Outcome] = []
    rows: list[dict[str, str]] = []
    for done, place in enumerate(missing, 1):
        outcome = _place_one(place, gazetteer, online, taken)
        if outcome.row:
            c = outcome.candidate
            assert c is not None  # a place with a row was placed on a candidate
            taken.add((round(c.latitude, 4), round(c.longitude, 4)))
            rows.append(outcome.row)
        outcomes.append(outcome)
        if progress:
            progress(done, len(missing), outcome)
    if rows:
        coordinates = pd.concat(
            [coordinates, pd.DataFrame(rows, columns=COORDINATE_COLUMNS)], ignore_index=True
        )
    return coordinates, outcomes


def _cache_row(place: PlaceRow, candidate: Candidate) -> dict[str, str]:
    return {
        "country": place.country,
        "authority_type": place.authority_type,
        "name": place.name,
        "latitude": f"{candidate.latitude:.5f}",
        "longitude": f"{candidate.longitude:.5f}",
        "precision": candidate.precision,
        "source": candidate.source,
        "source_id": candidate.source_id,
        "query": candidate.query,
        "note": candidate.note,
    }


def _place_one(
    place: PlaceRow,
    gazetteer: Gazetteer,
    online: OnlineSource | None,
    taken: set[tuple[float, float]],
) -> Outcome:
    seat = getattr(place, "seat", "") or ""
    candidate = gazetteer.find(place.country, place.authority_type, place.name, seat, taken)
    if candidate and candidate.alternatives:
        reason = Message(
            "reason_ambiguous", count=len(candidate.alternatives) + 1, id=candidate.source_id
        )
        row = _cache_row(place, candidate)
        return Outcome(place.place_id, AMBIGUOUS, reason, candidate, row)
    if candidate:
        reason = Message("reason_gazetteer", source=candidate.source)
        return Outcome(place.place_id, PLACED, reason, candidate, _cache_row(place, candidate))
    if online is None:
        return Outcome(
            place.place_id,
            NOT_FOUND,
            Message("reason_offline_only", file=COORDINATES_FILE),
        )
    try:
        candidate = online.find(place.country, place.authority_type, place.name, seat)
    except GeocodingError as error:
        return Outcome(place.place_id, UNAVAILABLE, Message("reason_unavailable", error=str(error)))
    if candidate is None:
        return Outcome(
            place.place_id,
            NOT_FOUND,
            Message("reason_not_found", name=seat or place.name, file=COORDINATES_FILE),
        )
    reason = Message("reason_nominatim", query=candidate.query)
    return Outcome(place.place_id, PLACED, reason, candidate, _cache_row(place, candidate))


def fill_cache(
    places: pd.DataFrame,
    data_dir: Path,
    who: str | None,
    online: OnlineSource | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Callable[[int, int, Outcome], object] | None = None,
) -> list[Outcome]:
    """Place what the cache of `data_dir` lacks among `places`, add it to the cache as a
    version by `who` (coopmap.publish), and return one `Outcome` per place looked up.
    """
    from .publish import NotAnEditor, add_places, refuse_if_read_only  # publish reads the cache

    refuse_if_read_only()
    if not who:  # before any lookup: a visitor does not get to query Nominatim either
        raise NotAnEditor("only an editor who is signed in may change the published data")
    coordinates = read_coordinates(data_dir / COORDINATES_FILE)
    _, outcomes = place_missing(places, coordinates, gazetteer or Gazetteer(), online, progress)
    rows = [outcome.row for outcome in outcomes if outcome.row]
    if rows:
        add_places(data_dir, rows, who)
    return outcomes


@functools.cache
def _nominatim(
    user_agent: str, domain: str, scheme: str, timeout: float, min_delay: float
) -> NominatimSource:
    return NominatimSource(user_agent, domain, scheme, timeout, min_delay)


def online_source() -> NominatimSource | None:
    """The one Nominatim source of this process (None when online geocoding is off): its usage
    policy (one request per second) is per application, so every session shares one limiter.
    """
    if not settings.get("online_geocoding"):
        return None
    return _nominatim(
        settings.get("user_agent"),
        settings.get("nominatim_domain"),
        settings.get("nominatim_scheme"),
        settings.get("geocoder_timeout"),
        settings.get("geocoder_min_delay"),
    )
