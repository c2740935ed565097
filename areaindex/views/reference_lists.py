"""Public lists to hold the index against: the Police's vulnerable areas and Områdesprogrammet.

The lists name places, not statistical areas, and their boundaries are not
public. A hand-made, reviewed key (``geodata/referenslistor_regso.csv``) says
which RegSO each named area covers; it is approximate and marked so wherever
it is used.

"On the list" is defined once, here, for every level:

- a RegSO is on a list when the key maps it to a named area of that list;
- a larger area (14 areas, stadsdelar, stadsområden) is on a list when it
  contains at least one such RegSO, and takes the most severe category among
  them;
- for SCB's area type, an area counts when it contains at least one RegSO of
  type 1 or 2 (socio-economic challenges); a RegSO when it is of type 1 or 2.

Entries whose only source is not authoritative (``unconfirmed`` in
``data/referenslistor.toml``) are drawn on the map in a category of their own
but never counted as "on the list".

Build time: ``areaindex.store.reference_lists`` reads and validates the
committed files into two tables. Run time: the functions below read those tables from
the :class:`~areaindex.store.dataset.Dataset`; they are pure and never touch Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from areaindex.i18n import t
from areaindex.store.dataset import Dataset, indicator_frame
from areaindex.store.reference_lists import CATEGORIES, NOT_LISTED, SCB, code_of
from areaindex.views.classify import classify_categories
from areaindex.views.reference import AREA_TYPE, ReferenceLayer

NOT_LISTED_COLOUR = "#ffffff"
# One colour per category, the same in every year, from ColorBrewer's YlOrRd: darker = more
# serious, distinct in grey print too; an unconfirmed entry stays light.
CATEGORY_COLOURS = {
    "unconfirmed": "#fecc5c",
    "utsatt": "#fd8d3c",
    "riskomrade": "#f03b20",
    "sarskilt_utsatt": "#bd0026",
    "omradesprogram": "#bd0026",
}
CHALLENGED_TYPES = (1, 2)  # SCB area type 1-2: (major) socio-economic challenges
# (reference, RegSO level?) -> text key: RegSO "are on" a list, larger areas contain one.
SENTENCE_KEYS = {
    ("polisen", False): "reflists.sentence.polisen.areas",
    ("polisen", True): "reflists.sentence.polisen.regso",
    ("omradesprogram", False): "reflists.sentence.omradesprogram.areas",
    ("omradesprogram", True): "reflists.sentence.omradesprogram.regso",
    ("scb", False): "reflists.sentence.scb.areas",
    ("scb", True): "reflists.sentence.scb.regso",
}


# --- run time: lists, layers and sentences from the Dataset ----------------------------------


@dataclass(frozen=True)
class ReferenceList:
    """One list in one year, as the app shows it."""

    id: str
    list: str
    year: int
    label: str
    named: bool
    name: str
    short: str
    source: str
    list_note: str
    note: str


def reference_lists(
    dataset: Dataset, lang: str = "sv", *, named_only: bool = True
) -> list[ReferenceList]:
    """The lists in display order (each list's newest year first), in the page language."""
    frame = dataset.reference_lists
    suffix = "en" if lang == "en" else "sv"
    result = [
        ReferenceList(
            id=r["id"],
            list=r["list"],
            year=int(r["year"]),
            label=r["label"],
            named=bool(r["named"]),
            name=r[f"name_{suffix}"],
            short=r[f"short_{suffix}"],
            source=r[f"source_{suffix}"],
            list_note=r[f"list_note_{suffix}"],
            note=r[f"note_{suffix}"],
        )
        for r in frame.sort_values("ord").to_dict("records")
    ]
    return [r for r in result if r.named or not named_only]


def reference_choices(dataset: Dataset) -> list[str]:
    """Every reference layer a user may pick: SCB's area type, then each named list-year."""
    return [SCB, *(r.id for r in reference_lists(dataset))]


def latest(dataset: Dataset, list_id: str = "polisen") -> str | None:
    """The newest named year of a list (its layer id), or None when there is none."""
    ids = [r for r in reference_lists(dataset) if r.list == list_id]
    return max(ids, key=lambda r: r.year).id if ids else None


def regso_categories(areas: pd.DataFrame, list_year: str) -> pd.Series:
    """RegSO -> category code on one list-year (the most severe where several areas overlap).

    Unconfirmed entries get the code of ``unconfirmed``, whatever category they claim.
    """
    rows = areas[areas["id"] == list_year]
    codes = [
        code_of(c) if ok else code_of("unconfirmed")
        for c, ok in zip(rows["category"], rows["confirmed"], strict=True)
    ]
    return pd.Series(codes, index=rows["regso"].to_numpy(), dtype=int).groupby(level=0).max()


def unit_categories(
    membership: Mapping[str, Sequence[str]], regso_codes: Mapping[str, int], units: Sequence[str]
) -> pd.Series:
    """Unit -> category code: the most severe code of its RegSO, 0 when none is listed.

    Parameters
    ----------
    membership : mapping
        Unit -> the RegSO it is made of (a RegSO is made of itself).
    regso_codes : mapping
        RegSO -> category code, for the listed RegSO only.
    units : sequence of str
        The units to classify, in display order.
    """
    codes = [
        max((regso_codes.get(r, NOT_LISTED) for r in membership.get(u, ())), default=0)
        for u in units
    ]
    return pd.Series(
        codes,
        index=list(units),
        dtype=int,
    )


def _membership(dataset: Dataset, level: str) -> Mapping[str, Sequence[str]]:
    # Outside Malmö's own levels the units are RegSO codes (national level): themselves.
    return dataset.membership.get(level) or {u: [u] for u in dataset.unit_ids(level)}


def category_label(code: int, lang: str = "sv") -> str:
    """The legend and tooltip text of a category code."""
    key = "not_listed" if code == NOT_LISTED else CATEGORIES[code - 1]
    return t(f"reflists.category.{key}", lang)


def list_layer(
    dataset: Dataset,
    list_year: str,
    level: str,
    lang: str = "sv",
    units: Sequence[str] | None = None,
) -> ReferenceLayer:
    """A list-year as a map layer: one class per category present, plus "not on the list".

    Parameters
    ----------
    dataset : Dataset
        Loaded data with the reference tables.
    list_year : str
        A layer id such as ``polisen-2023``.
    level : str
        The map level; a larger area takes the most severe category of its RegSO.
    lang : str
        Language of the legend labels.
    units : sequence of str, optional
        Only these units (default: every unit of the level).
    """
    units = list(units) if units is not None else dataset.unit_ids(level)
    regso = regso_categories(dataset.reference_areas, list_year)
    values = unit_categories(_membership(dataset, level), regso.to_dict(), units)
    present = sorted(set(regso.tolist()))
    codes = (NOT_LISTED, *present)
    palette = (NOT_LISTED_COLOUR, *(CATEGORY_COLOURS[CATEGORIES[c - 1]] for c in present))
    classes = classify_categories(values, codes, palette)
    labels = tuple(category_label(c, lang) for c in codes)
    return ReferenceLayer(list_year, values.astype(float), classes, labels)


def units_on_list(dataset: Dataset, list_year: str, level: str, units: Sequence[str]) -> set[str]:
    """Units on a list-year (confirmed entries only): they contain at least one listed RegSO."""
    regso = regso_categories(dataset.reference_areas, list_year)
    counted = regso[regso > code_of("unconfirmed")]
    values = unit_categories(_membership(dataset, level), counted.to_dict(), units)
    return set(values.index[values > NOT_LISTED])


def units_challenged(dataset: Dataset, level: str, units: Sequence[str]) -> set[str]:
    """Units that are, or contain at least one RegSO, of SCB's area type 1–2."""
    types = indicator_frame(dataset, "regso", indicators=[AREA_TYPE]).values[AREA_TYPE]
    challenged = {r: 1 for r, v in types.items() if v in CHALLENGED_TYPES}
    values = unit_categories(_membership(dataset, level), challenged, units)
    return set(values.index[values > 0])


@dataclass(frozen=True)
class Comparison:
    """How many of the top units are on a list, and the plain sentence that says it."""

    reference: str  # "scb" or a list-year id
    hits: int
    n: int
    sentence: str
    note: str


def comparison_sentence(
    kind: str, hits: int, n: int, *, regso_level: bool, lang: str = "sv", **fields: object
) -> str:
    """One plain sentence: ``2 av de 3 högst prioriterade områdena finns på polisens lista 2023.``

    Parameters
    ----------
    kind : {"polisen", "omradesprogram", "scb"}
        Which reference.
    hits, n : int
        How many of the ``n`` top units are on it.
    regso_level : bool
        RegSO are named as such; larger areas "contain" a listed RegSO.
    fields
        ``year`` (the list's label) for the lists, ``count`` (areas on the list)
        for Områdesprogrammet.
    """
    return t(SENTENCE_KEYS[kind, regso_level], lang, hits=hits, n=n, **fields)


@dataclass(frozen=True)
class ComparisonBasis:
    """What the comparison needs that does not depend on the top units.

    One per level, language and Police list-year: every slider move compares
    its top units against the same sets (:func:`compare_with`).
    """

    lists: tuple[tuple[str, str, str, str, int, frozenset[str]], ...]
    # (list-year id, list kind, label, note, areas on the list, units on it)
    challenged: frozenset[str]  # units of (or containing a RegSO of) SCB's area type 1-2
    regso_level: bool
    lang: str  # the language of the lists' labels, and so of the sentences


def comparison_basis(
    dataset: Dataset,
    level: str,
    lang: str = "sv",
    *,
    police: str | None = None,
    units: Sequence[str] | None = None,
) -> ComparisonBasis:
    """The lists, their units and SCB's challenged units at ``level`` (see :func:`compare_top`)."""
    units = list(units) if units is not None else dataset.unit_ids(level)
    lists = {r.id: r for r in reference_lists(dataset, lang)}
    programme = latest(dataset, "omradesprogram")
    rows = []
    for list_year in (police or latest(dataset, "polisen"), programme):
        if list_year is None or list_year not in lists:
            continue
        info = lists[list_year]
        on_list = frozenset(units_on_list(dataset, list_year, level, units))
        count = int(
            dataset.reference_areas.query("id == @list_year and confirmed")["area"].nunique()
        )
        rows.append((list_year, info.list, info.label, info.note, count, on_list))
    return ComparisonBasis(
        lists=tuple(rows),
        challenged=frozenset(units_challenged(dataset, level, units)),
        regso_level=level not in dataset.membership or level == "regso",
        lang=lang,
    )


def compare_with(basis: ComparisonBasis, top: Sequence[str]) -> list[Comparison]:
    """The top units against a :class:`ComparisonBasis`: one sentence per list, then SCB's."""
    top, regso = list(top), basis.regso_level
    result = []
    for list_year, kind, label, note, count, on_list in basis.lists:
        hits = sum(u in on_list for u in top)
        sentence = comparison_sentence(
            kind, hits, len(top), regso_level=regso, lang=basis.lang, year=label, count=count
        )
        result.append(Comparison(list_year, hits, len(top), sentence, note))
    hits = sum(u in basis.challenged for u in top)
    sentence = comparison_sentence("scb", hits, len(top), regso_level=regso, lang=basis.lang)
    result.append(Comparison(SCB, hits, len(top), sentence, ""))
    return result


def compare_top(
    dataset: Dataset,
    top: Sequence[str],
    level: str,
    lang: str = "sv",
    *,
    police: str | None = None,
    units: Sequence[str] | None = None,
) -> list[Comparison]:
    """The top units against the Police's list, Områdesprogrammet and SCB's area type.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    top : sequence of str
        The highest-priority units (rank 1..k, more when tied).
    level : str
        The level of ``top``.
    lang : str
        Language of the sentences.
    police : str, optional
        The Police's list-year to use (default: the newest with names).
    units : sequence of str, optional
        The view's units (default: every unit of the level); only needed for
        the national level.
    """
    basis = comparison_basis(dataset, level, lang, police=police, units=units)
    return compare_with(basis, top)
