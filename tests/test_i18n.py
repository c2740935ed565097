"""Texts in both languages, number formatting, and every key the app's code asks for."""

from __future__ import annotations

import ast
import math
import string
from pathlib import Path

import numpy as np
import pytest

from areaindex.i18n import DEFAULT_LANGUAGE, LANGUAGES, TEXTS, number, t
from areaindex.index import combine, normalise, robustness
from areaindex.store import catalogue, reference_lists
from areaindex.uploads import own
from areaindex.views import urlstate

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# --------------------------------------------------------------------------- the table


def test_languages():
    assert LANGUAGES == ("sv", "en")
    assert DEFAULT_LANGUAGE == "sv"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_has_swedish_and_english_text(key):
    entry = TEXTS[key]
    assert isinstance(entry, tuple)
    assert len(entry) == 2
    sv, en = entry
    assert isinstance(sv, str)
    assert isinstance(en, str)
    assert sv.strip(), f"{key}: Swedish text is empty"
    assert en.strip(), f"{key}: English text is empty"


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_use_the_same_placeholders(key):
    sv, en = TEXTS[key]
    assert placeholders(sv) == placeholders(en)


def test_placeholders_are_plain_names():
    for key, (sv, en) in TEXTS.items():
        for field in placeholders(sv) | placeholders(en):
            assert field.isidentifier(), f"{key}: placeholder {{{field}}} is not a plain name"


# --------------------------------------------------------------------------- t()


def test_t_picks_the_language():
    assert t("nav.map", "sv") == "Karta och rangordning"
    assert t("nav.map", "en") == "Map and ranking"
    assert t("nav.map") == "Karta och rangordning"


@pytest.mark.parametrize("lang", ["de", "", "EN", "sv-SE", None])
def test_t_falls_back_to_swedish_for_unknown_languages(lang):
    assert t("table.rank", lang) == "Rang"


def test_t_fills_in_fields():
    assert t("tooltip.rank_of", "sv", rank=3, n=14) == "3 av 14"
    assert t("tooltip.rank_of", "en", rank=3, n=14) == "3 of 14"
    assert t("area.figures", "de", name="Oxie") == "Nyckeltal för Oxie"


@pytest.mark.parametrize("key", ["no.such.key", "", "NAV.MAP", "nav.map "])
def test_t_raises_key_error_for_unknown_keys(key):
    with pytest.raises(KeyError):
        t(key)
    with pytest.raises(KeyError):
        t(key, "en")


# --------------------------------------------------------------------------- number()


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (362133, 0, "sv", f"362{NBSP}133"),
        (362133, 0, "en", "362,133"),
        (362133, 1, "sv", f"362{NBSP}133,0"),
        (1234567.891, 1, "sv", f"1{NBSP}234{NBSP}567,9"),
        (1234567.891, 2, "en", "1,234,567.89"),
        (72.25, 1, "sv", "72,3"),  # half away from zero; Python's round gives 72.2
        (72.25, 1, "en", "72.3"),
        (-72.25, 1, "sv", "-72,3"),
        (0.25, 1, "sv", "0,3"),
        (2.5, 0, "sv", "3"),
        (3.5, 0, "sv", "4"),
        (-2.5, 0, "en", "-3"),
        (2.675, 2, "sv", "2,68"),  # stored as 2.67499999…; the written decimal is a tie
        (0.125, 2, "en", "0.13"),
        (-0.04, 1, "sv", "0,0"),  # never "-0,0"
        (0, 1, "sv", "0,0"),
        (999.96, 1, "sv", f"1{NBSP}000,0"),
        (45.2, 1, "sv", "45,2"),
        (np.float64(12.34), 1, "sv", "12,3"),
        (np.int64(5), 0, "en", "5"),
    ],
)
def test_number(value, decimals, lang, expected):
    assert number(value, decimals, lang) == expected


def test_number_default_is_one_decimal_in_swedish():
    assert number(72.25) == "72,3"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, np.float64("nan"), math.nan])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_number_shows_missing_values_as_an_en_dash(missing, lang):
    assert number(missing, 1, lang) == "–"


# --------------------------------------------------------------------------- keys in the code

# f-string keys: the values each placeholder can take, from the enums they come from.
EXPANSIONS: dict[str, tuple[str, ...]] = {
    "data.kind.": catalogue.KINDS,
    "data.direction.": catalogue.DIRECTIONS,
    "data.status.": catalogue.STATUSES,
    "options.classes.": urlstate.CLASSIFICATIONS,
    "options.layer.": urlstate.LAYERS,
    "sex.": urlstate.SEXES,
    "method.norm.": normalise.METHODS,
    "method.agg.": combine.HOW,
    "robust.mode.": robustness.MODES,
    "upload.direction.": catalogue.DIRECTIONS[:2],
    "upload.aggregation.": own.AGGREGATIONS,
    "upload.separator.": ("semicolon", "comma", "tab"),
    "addind.status.": catalogue.STATUSES,
    "reflists.category.": ("not_listed", *reference_lists.CATEGORIES),
}
# Functions whose first argument is a text key.
TRANSLATORS = {"t", "tr", "start_page"}


def source_files() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += sorted((ROOT / "ui").glob("*.py"))
    files += [p for p in sorted((ROOT / "areaindex").glob("*.py")) if p.name != "i18n.py"]
    return [p for p in files if p.exists()]


def translation_calls(path: Path) -> list[tuple[int, ast.expr, ast.Call]]:
    """``t("…")``, ``x.tr("…")``, ``start_page("…")`` calls: (line, key expression, call)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in TRANSLATORS:
            calls.append((node.lineno, node.args[0], node))
    return calls


def expand(key: ast.expr) -> list[str] | None:
    """The keys a literal or f-string key can stand for (None if not a literal)."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return [key.value]
    if isinstance(key, ast.JoinedStr):
        parts = key.values
        ok = (
            len(parts) == 2
            and isinstance(parts[0], ast.Constant)
            and isinstance(parts[1], ast.FormattedValue)
        )
        if not ok:
            pytest.fail(f"f-string key {ast.unparse(key)} has an unexpected shape")
        prefix = parts[0].value
        if prefix not in EXPANSIONS:
            pytest.fail(
                f"f-string key {ast.unparse(key)}: add the values it can take to EXPANSIONS"
            )
        return [prefix + value for value in EXPANSIONS[prefix]]
    return None


def page_menu_keys() -> list[tuple[str, str]]:
    """Label keys in ``PAGES = ((script, key), ...)`` tables of the UI code."""
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Tuple | ast.List):
                continue
            if not any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
                continue
            for item in node.value.elts:
                key = item.elts[-1] if isinstance(item, ast.Tuple) else None
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found.append((f"{path.relative_to(ROOT)}:{key.lineno}", key.value))
    return found


def all_calls() -> list[tuple[str, list[str], ast.Call]]:
    found = []
    for path in source_files():
        for line, key, call in translation_calls(path):
            keys = expand(key)
            if keys is not None:
                found.append((f"{path.relative_to(ROOT)}:{line}", keys, call))
    return found


def test_the_scan_finds_the_app_s_text_keys():
    """Guard against a scan that finds nothing (and so checks nothing)."""
    keys = {k for _, ks, _ in all_calls() for k in ks}
    for expected in ("nav.map", "nav.data", "weights.header", "legend.title", "data.kind.context"):
        assert expected in keys
    assert len(keys) > 40


def test_every_key_used_in_the_code_exists():
    missing = [
        f"{where}: {key}" for where, keys, _ in all_calls() for key in keys if key not in TEXTS
    ]
    assert missing == []


def test_every_page_menu_label_exists():
    found = page_menu_keys()
    assert found, "no PAGES = ((script, key), ...) table found in app.py, pages/ or ui/"
    missing = [f"{where}: {key}" for where, key in found if key not in TEXTS]
    assert missing == []


def test_every_call_fills_in_exactly_the_text_s_placeholders():
    """A missing field raises KeyError at run time; a call with none shows ``{field}`` raw.

    (Calls made through a variable key, like ``t(key, lang)``, cannot be checked here.)
    """
    wrong = []
    for where, keys, call in all_calls():
        if any(kw.arg is None for kw in call.keywords):  # **fields: cannot tell
            continue
        given = {kw.arg for kw in call.keywords if kw.arg != "lang"}
        for key in keys:
            if key not in TEXTS:
                continue  # reported by the test above
            wanted = placeholders(TEXTS[key][0])
            if not wanted <= given:  # extra fields are harmless for str.format
                wrong.append(f"{where}: {key} needs {sorted(wanted)}, gets {sorted(given)}")
    assert wrong == []


@pytest.mark.parametrize(
    "prefix", sorted(EXPANSIONS), ids=[p.rstrip(".") for p in sorted(EXPANSIONS)]
)
def test_every_enum_value_has_a_text(prefix):
    missing = [prefix + v for v in EXPANSIONS[prefix] if prefix + v not in TEXTS]
    assert missing == []


def test_numbers_formats_like_number_for_many_values():
    from areaindex.i18n import number, numbers

    values = [0.05, 0.15, 2.5, 1234567.25, -0.05, None, float("nan"), 99.95]
    for lang in ("sv", "en"):
        for decimals in (0, 1, 2):
            assert numbers(values, decimals, lang) == [number(v, decimals, lang) for v in values]
