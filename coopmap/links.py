"""What a link carries, as stable codes: the filters, the language, the basemap, the selected
place, the presentation mode and the map's view.

A link names choices by codes (`levels=territory`, `language=en`, a region as the data spells
it), never by the label one language gives them, so that a reworded label or a link shared
across languages still opens the same view. Links written before, with labels
(`levels=Régions et provinces`), still open: every label of every language is read as its
code. What a link asks that the app cannot give is dropped, and named.
"""

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import pandas as pd

from . import filters, sources
from .catalog import LANGUAGES, text
from .data import Dataset
from .filters import DIVISIONS
from .mapview import LEVELS, MODES, view

SIDES = {"morocco": "Moroccan", "france": "French"}
SEARCH_LIMIT = 100  # characters of a search a link may carry
# What a link asks for, {parameter: value}: a code or text (str), a flag (bool), a list of codes
# (`many` parameters) or [first, last] (years). Its values differ by key, hence Any.
State: TypeAlias = dict[str, Any]


@dataclass(frozen=True)
class Parameter:
    name: str
    many: bool  # a list of codes (repeated in the URL), or one value
    default: object
    help: str


PARAMETERS = (
    Parameter("language", False, "fr", "Interface language: fr, en or ar."),
    Parameter("division", False, "current", "Regional division: current or 2013."),
    *(
        Parameter(
            f"{side}_regions", True, [], f"Regions of the {side} side, as the data spells them."
        )
        for side in SIDES
    ),
    *(
        Parameter(
            f"{side}_types",
            True,
            [],
            f"Authority types of the {side} side, as the data spells them.",
        )
        for side in SIDES
    ),
    Parameter("levels", True, [], "Levels of the pairings: town, territory."),
    Parameter("search", False, "", "Text searched in the places' names."),
    Parameter(
        "sources", True, [], "Sources that name the pairings: presentation_2013, public_pages."
    ),
    Parameter("years", False, [], "Years of first signature, as first-last (1990-2010)."),
    Parameter("undated", False, True, "Pairings with no known year: true or false."),
    Parameter("basemap", False, None, "Basemap: auto, tiles or offline (default: the setting)."),
    Parameter("present", False, False, "Presentation mode: true or false."),
    Parameter("selected_place", False, None, "A place, as country:type:name."),
    Parameter(
        "view",
        False,
        None,
        "The map's view: latitude,longitude,zoom (4 decimals; zoom in quarters: 5.25).",
    ),
)
FILTERS = (
    "division",
    *(f"{side}_regions" for side in SIDES),
    *(f"{side}_types" for side in SIDES),
    "levels",
    "search",
    "sources",
    "years",
    "undated",
)
BY_NAME = {parameter.name: parameter for parameter in PARAMETERS}


def _labels(key_of: Callable[[str], str]) -> Callable[[Iterable[str]], dict[str, str]]:
    """{label in any language: code} for codes whose catalog key is `key_of(code)`."""
    return lambda codes: {
        text(key_of(code), language): code for code in codes for language in LANGUAGES
    }


def _type_labels(authority_types: pd.DataFrame) -> dict[str, str]:
    labels: dict[str, str] = {}
    for language in LANGUAGES:
        labels |= dict(zip(authority_types[f"label_{language}"], authority_types.authority_type))
    return labels


class Reader:
    """Reads a link's parameters against the data: what each may hold, and its old labels."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        assert dataset.authority_types is not None  # a loaded Dataset has every table
        self.type_labels = _type_labels(dataset.authority_types)

    def choices(self, name: str, state: State) -> Mapping[str, str | bool]:
        """{accepted value: code} for parameter `name`, given what was read before it."""
        partnerships = self.dataset.partnerships
        if name == "language":
            return {code: code for code in LANGUAGES} | {v: k for k, v in LANGUAGES.items()}
        if name == "division":
            codes: Collection[str] = list(DIVISIONS)
            return {c: c for c in codes} | _labels(lambda c: f"division_{c}")(codes)
        if name == "levels":
            return {c: c for c in LEVELS} | _labels(lambda c: f"level_{c}")(LEVELS)
        if name == "basemap":
            return {c: c for c in MODES} | _labels(lambda c: f"basemap_{c}")(MODES)
        if name in ("present", "undated"):
            return {"true": True, "false": False}
        if name == "sources":
            groups = sources.GROUPS
            return {g: g for g in groups} | _labels(lambda g: f"source_{g}")(groups)
        side = name.split("_")[0]
        if name.endswith("_regions"):
            regions = filters.region_options(partnerships, side, state.get("division", "current"))
            return {region: region for region in regions}
        if name.endswith("_types"):
            codes = set(partnerships[f"{side}_authority_type"])
            return {c: c for c in codes} | {
                label: code for label, code in self.type_labels.items() if code in codes
            }
        if name == "selected_place":
            return self._places(state)
        raise KeyError(name)

    def _places(self, state: State) -> dict[str, str]:
        """The places the link's filters keep, by id and by their label in any language."""
        kept: dict[str, Any] = {
            key: tuple(v) if isinstance(v, list) else v
            for key, v in state.items()
            if key in FILTERS
        }
        selection = filters.Selection(**kept)
        chosen = filters.apply(self.dataset.partnerships, selection)
        ids = set(chosen.morocco_place_id) | set(chosen.france_place_id)
        places = self.dataset.places[self.dataset.places.place_id.isin(ids)]
        found = {place_id: place_id for place_id in ids}
        authority_types = self.dataset.authority_types
        assert authority_types is not None  # a loaded Dataset has every table
        for language in LANGUAGES:
            types = dict(zip(authority_types.authority_type, authority_types[f"label_{language}"]))
            for place in places.itertuples():
                found[f"{place.name} ({types.get(place.authority_type, place.authority_type)})"] = (
                    place.place_id
                )
        return found


def parse_years(value: object) -> tuple[int, int] | None:
    """(first, last) from "first-last" (years of four digits), or None."""
    parts = str(value).split("-")
    if len(parts) != 2 or not all(part.isdigit() and len(part) == 4 for part in parts):
        return None
    first, last = sorted(int(part) for part in parts)
    return first, last


def read(query: Mapping[str, Sequence[str]], dataset: Dataset) -> tuple[State, list[str]]:
    """The state a link asks for, and what it asks that was dropped.

    `query`: {parameter: [values]} as the URL holds them. Returns ({parameter: value}, [what
    was dropped, as "name" or "name=value"]). Only parameters present in `query` are in the
    state; a parameter at its default is read like any other (it is valid, not "ignored").
    """
    reader = Reader(dataset)
    state: State = {}
    dropped = [name for name in query if name not in BY_NAME]
    for parameter in PARAMETERS:
        values = [value for value in query.get(parameter.name, []) if value != ""]
        if parameter.name not in query:
            continue
        if parameter.name == "search":
            state["search"] = values[0][:SEARCH_LIMIT] if values else ""
            continue
        if parameter.name == "years":
            found = parse_years(values[0]) if values else None
            if found:
                state["years"] = list(found)
            else:
                dropped.append(f"years={','.join(values)}")
            continue
        if parameter.name == "view":
            if values and view.parse(values[0]) is not None:
                state["view"] = values[0]
            else:
                dropped.append(f"view={','.join(values)}")
            continue
        choices = reader.choices(parameter.name, state)
        known = [choices[value] for value in values if value in choices]
        dropped += [f"{parameter.name}={value}" for value in values if value not in choices]
        if parameter.many:
            state[parameter.name] = list(dict.fromkeys(known))
        elif known:
            state[parameter.name] = known[0]
    return state, dropped


def write(state: State, defaults: dict[str, object] | None = None) -> dict[str, list[str]]:
    """{parameter: [codes]} for a URL: every parameter of `state` that is not at its default.

    `defaults` overrides the default of some parameters (the basemap's is a setting).
    """
    defaults = {p.name: p.default for p in PARAMETERS} | (defaults or {})
    query: dict[str, list[str]] = {}
    for parameter in PARAMETERS:
        value = state.get(parameter.name)
        if value is None or value == defaults[parameter.name] or value in ("", []):
            continue
        if parameter.name == "years":
            query["years"] = ["-".join(str(year) for year in value)]
        elif parameter.many:
            query[parameter.name] = [str(v) for v in value]
        elif isinstance(value, bool):
            query[parameter.name] = ["true" if value else "false"]
        else:
            query[parameter.name] = [str(value)]
    return query
