"""The whole view in the URL: parse query parameters safely, and write them back.

A link copied from the address bar restores the same view. Any value that is
not valid — not a number, out of range, unknown, too long, a script or SQL
fragment — falls back to its default and is reported as a :class:`Notice`,
never an exception.

Parameters: ``w_<dimension>=0..10``, ``preset=<method id>``,
``level=omraden|stadsdelar|stadsomraden|regso``, ``year=``, ``sex=``,
``area=<unit id>``, ``lang=sv|en``, ``present=1``, ``official=1``,
``classes=quantiles|fisher_jenks``, ``layer=index|reference``, ``ref=scb|polisen-2023|…``
(which reference layer: SCB's area type or a public list and year), ``basemap=1``,
``vs=<method id>`` (the scenario to compare with), ``areas=<id>,<id>,…`` (two
to four areas to compare), ``kommun=<code>|sverige`` (Malmö, 1280, by default)
and the robustness page's settings: ``robust_mode=perturb|random``,
``robust_spread=0|5|…|50`` (percent), ``robust_k=<top group size>`` and
``robust_draws=1000|10000|50000``; the rank bounds' ``bounds_region=all|around``,
``bounds_around=5|10|…|100`` (percent) and ``bounds_free=<dimension>,<dimension>…``
(the dimensions that may vary; all when absent).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

WEIGHT_MIN, WEIGHT_MAX = 0, 10
MAX_COMPARED = 4
NATIONAL_LEVEL = "sverige"
MAX_VALUE_LENGTH = 100
CLASSIFICATIONS = ("quantiles", "fisher_jenks")
LAYERS = ("index", "reference")
SEXES = ("total", "women", "men")
LANGS = ("sv", "en")
# The robustness page's choices (its widgets offer exactly these).
ROBUST_MODES = ("perturb", "random")
ROBUST_SPREADS = tuple(range(0, 55, 5))  # percent
ROBUST_DRAWS = (1_000, 10_000, 50_000)
ROBUST_K_MAX = 10_000  # the page caps k at the number of areas less one
# The rank bounds' choices: every weighting, or within ±P % of the current weights.
BOUNDS_REGIONS = ("all", "around")
BOUNDS_AROUND = tuple(range(5, 105, 5))  # percent
_FLAG_TRUE = ("1", "true", "ja", "yes")
_FLAG_FALSE = ("0", "false", "nej", "no")


@dataclass(frozen=True)
class Notice:
    """A URL value that was not valid and was replaced by the default."""

    key: str
    value: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:40] + "…"
        return f"{self.key}={shown!r}"


@dataclass(frozen=True)
class ViewState:
    """Everything that defines what the user sees."""

    weights: Mapping[str, int]
    preset: str
    level: str = "omraden"
    year: int | None = None
    sex: str = "total"
    area: str | None = None
    lang: str = "sv"
    present: bool = False
    official_only: bool = False
    classes: str = "quantiles"
    layer: str = "index"
    ref: str = "scb"  # which reference layer: "scb" or a list-year id such as "polisen-2023"
    basemap: bool = False
    vs: str | None = None
    areas: tuple[str, ...] = ()
    kommun: str = "1280"
    robust_mode: str = "perturb"
    robust_spread: int = 25
    robust_k: int = 3
    robust_draws: int = 10_000
    bounds_region: str = "all"
    bounds_around: int = 25
    bounds_free: tuple[str, ...] = ()  # dimensions the bounds may vary; () = all of them

    def with_weights(self, weights: Mapping[str, int]) -> ViewState:
        """A copy with other weights."""
        return replace(self, weights=dict(weights))


@dataclass(frozen=True)
class Choices:
    """What the URL may select from (ids known to the app)."""

    dimensions: Sequence[str]
    presets: Sequence[str]
    levels: Sequence[str]
    years: Sequence[int]
    areas: Mapping[str, Sequence[str]] = field(default_factory=dict)  # level -> unit ids
    kommuner: Sequence[str] = ("1280", "sverige")  # municipality codes and "sverige"
    references: Sequence[str] = ("scb",)  # reference layers: "scb" and list-year ids


def _first(value: str | Sequence[str] | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value[-1] if len(value) else None


def _whole(text: str, low: int, high: int) -> int | None:
    """A whole number in [low, high] ("5" or "5.0"), else None."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number != int(number):
        return None
    if not low <= number <= high:
        return None
    return int(number)


def _weight(text: str) -> int | None:
    return _whole(text, WEIGHT_MIN, WEIGHT_MAX)


def parse_query(
    params: Mapping[str, str | Sequence[str]], defaults: ViewState, choices: Choices
) -> tuple[ViewState, list[Notice]]:
    """Read a view from query parameters.

    Parameters
    ----------
    params : mapping
        Query parameters (``st.query_params`` or a parsed query string); a key
        given several times counts with its last value.
    defaults : ViewState
        The view when nothing (valid) is given.
    choices : Choices
        Valid dimension, preset, level, year and area ids.

    Returns
    -------
    (ViewState, list of Notice)
        The view, and one notice per value that was invalid and replaced by its
        default. Unknown keys are ignored and reported too.
    """
    notices: list[Notice] = []
    values: dict[str, str] = {}
    for key, raw in params.items():
        value = _first(raw)
        if value is None:
            continue
        key = str(key)
        if len(value) > MAX_VALUE_LENGTH or len(key) > MAX_VALUE_LENGTH:
            notices.append(Notice(key[:MAX_VALUE_LENGTH], value))
            continue
        values[key] = value.strip()

    weights = dict(defaults.weights)
    known = {"preset", "level", "year", "sex", "area", "lang", "present", "official", "classes"}
    known |= {"basemap", "layer", "ref", "vs", "areas", "kommun"}
    known |= {"robust_mode", "robust_spread", "robust_k", "robust_draws"}
    known |= {"bounds_region", "bounds_around", "bounds_free"}
    for key, value in values.items():
        if key.startswith("w_"):
            dim = key[2:]
            weight = _weight(value)
            if dim not in choices.dimensions or weight is None:
                notices.append(Notice(key, value))
            else:
                weights[dim] = weight
        elif key not in known:
            notices.append(Notice(key, value))

    def pick(key: str, allowed: Iterable[str], default: str) -> str:
        value = values.get(key)
        if value is None:
            return default
        if value in allowed:
            return value
        notices.append(Notice(key, value))
        return default

    def flag(key: str, default: bool) -> bool:
        value = values.get(key)
        if value is None:
            return default
        if value.lower() in _FLAG_TRUE:
            return True
        if value.lower() in _FLAG_FALSE:
            return False
        notices.append(Notice(key, value))
        return default

    level = pick("level", choices.levels, defaults.level)
    kommun = pick("kommun", choices.kommuner, defaults.kommun)
    # Outside Malmö the areas are RegSO of the national register.
    area_level = level if kommun == defaults.kommun else NATIONAL_LEVEL
    year = defaults.year
    if "year" in values:
        text = values["year"]
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        if text.isascii() and text.isdecimal() and int(text) in choices.years:
            year = int(text)
        else:
            notices.append(Notice("year", text))
    area = defaults.area
    if "area" in values:
        if values["area"] in choices.areas.get(area_level, ()):
            area = values["area"]
        else:
            notices.append(Notice("area", values["area"]))
    compare = defaults.areas
    if "areas" in values:
        wanted = [a.strip() for a in values["areas"].split(",") if a.strip()]
        valid = choices.areas.get(area_level, ())
        if (
            1 <= len(wanted) <= MAX_COMPARED
            and len(set(wanted)) == len(wanted)
            and all(a in valid for a in wanted)
        ):
            compare = tuple(wanted)
        else:
            notices.append(Notice("areas", values["areas"]))

    def whole(key: str, low: int, high: int, allowed: Sequence[int] | None, default: int) -> int:
        value = values.get(key)
        if value is None:
            return default
        number = _whole(value, low, high)
        if number is None or (allowed is not None and number not in allowed):
            notices.append(Notice(key, value))
            return default
        return number

    free = defaults.bounds_free
    if "bounds_free" in values:
        wanted = [d.strip() for d in values["bounds_free"].split(",") if d.strip()]
        if (
            wanted
            and len(set(wanted)) == len(wanted)
            and all(d in choices.dimensions for d in wanted)
        ):
            free = tuple(wanted)
        else:
            notices.append(Notice("bounds_free", values["bounds_free"]))

    vs = defaults.vs
    if "vs" in values:
        if values["vs"] in choices.presets:
            vs = values["vs"]
        else:
            notices.append(Notice("vs", values["vs"]))
    state = ViewState(
        weights=weights,
        preset=pick("preset", choices.presets, defaults.preset),
        level=level,
        year=year,
        sex=pick("sex", SEXES, defaults.sex),
        area=area,
        lang=pick("lang", LANGS, defaults.lang),
        present=flag("present", defaults.present),
        official_only=flag("official", defaults.official_only),
        classes=pick("classes", CLASSIFICATIONS, defaults.classes),
        layer=pick("layer", LAYERS, defaults.layer),
        ref=pick("ref", choices.references, defaults.ref),
        basemap=flag("basemap", defaults.basemap),
        vs=vs,
        areas=compare,
        kommun=kommun,
        robust_mode=pick("robust_mode", ROBUST_MODES, defaults.robust_mode),
        robust_spread=whole("robust_spread", 0, 100, ROBUST_SPREADS, defaults.robust_spread),
        robust_k=whole("robust_k", 1, ROBUST_K_MAX, None, defaults.robust_k),
        robust_draws=whole(
            "robust_draws", 1, max(ROBUST_DRAWS), ROBUST_DRAWS, defaults.robust_draws
        ),
        bounds_region=pick("bounds_region", BOUNDS_REGIONS, defaults.bounds_region),
        bounds_around=whole("bounds_around", 0, 100, BOUNDS_AROUND, defaults.bounds_around),
        bounds_free=free,
    )
    return state, notices


def to_query(state: ViewState, defaults: ViewState) -> dict[str, str]:
    """Query parameters that restore ``state``.

    Weights, preset and level are always written, so a link keeps meaning the
    same view even if the app's defaults change; other keys only when they
    differ from the default.
    """
    query = {f"w_{dim}": str(int(w)) for dim, w in state.weights.items()}
    query["preset"] = state.preset
    query["level"] = state.level
    optional = {
        "year": (state.year, defaults.year, str),
        "sex": (state.sex, defaults.sex, str),
        "area": (state.area, defaults.area, str),
        "lang": (state.lang, defaults.lang, str),
        "present": (state.present, defaults.present, lambda v: "1" if v else "0"),
        "official": (state.official_only, defaults.official_only, lambda v: "1" if v else "0"),
        "classes": (state.classes, defaults.classes, str),
        "layer": (state.layer, defaults.layer, str),
        "ref": (state.ref, defaults.ref, str),
        "basemap": (state.basemap, defaults.basemap, lambda v: "1" if v else "0"),
        "vs": (state.vs, defaults.vs, str),
        "areas": (state.areas, defaults.areas, ",".join),
        "kommun": (state.kommun, defaults.kommun, str),
        "robust_mode": (state.robust_mode, defaults.robust_mode, str),
        "robust_spread": (state.robust_spread, defaults.robust_spread, str),
        "robust_k": (state.robust_k, defaults.robust_k, str),
        "robust_draws": (state.robust_draws, defaults.robust_draws, str),
        "bounds_region": (state.bounds_region, defaults.bounds_region, str),
        "bounds_around": (state.bounds_around, defaults.bounds_around, str),
        "bounds_free": (tuple(state.bounds_free), tuple(defaults.bounds_free), ",".join),
    }
    for key, (value, default, fmt) in optional.items():
        if value != default and value is not None and value != ():
            query[key] = fmt(value)
    return query
