"""All user-facing text of the app, in Swedish (default) and English.

One table, one function: ``t("key", lang)``. The table is kept in small modules
per feature under :mod:`areaindex.texts` and merged here (a key may be defined
only once). Text with placeholders uses
``str.format`` fields, which must be the same in both languages (a test checks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from areaindex.rounding import round_half_up
from areaindex.texts import collect_texts

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

# key -> (Swedish, English), gathered from every module in areaindex/texts/
TEXTS: Mapping[str, tuple[str, str]] = collect_texts()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """Translate ``key`` into ``lang`` and fill in ``fields``.

    Parameters
    ----------
    key : str
        A key of :data:`TEXTS`.
    lang : str, default "sv"
        ``"sv"`` or ``"en"``; anything else falls back to Swedish.
    **fields
        Values for the text's ``{placeholders}``.

    Returns
    -------
    str
        The text; an unknown key raises ``KeyError`` so that a typo fails tests.
    """
    sv, en = TEXTS[key]
    text = en if lang == "en" else sv
    return text.format(**fields) if fields else text


def numbers(
    values: Iterable[float | None], decimals: int = 1, lang: str = DEFAULT_LANGUAGE
) -> list[str]:
    """:func:`number` for many values at once (rounded together: thousands of areas).

    Parameters
    ----------
    values : iterable of float or None
        The values; None and NaN are shown as an en dash.
    decimals : int, default 1
        Decimals shown.
    lang : {"sv", "en"}
        Language of the separators.

    Returns
    -------
    list of str
    """
    array = np.array([np.nan if v is None else v for v in values], dtype=float)
    rounded = round_half_up(array, decimals)
    out = []
    for raw, value in zip(array, rounded, strict=True):
        if raw != raw:
            out.append("–")
            continue
        text = f"{float(value):,.{decimals}f}"
        out.append(text if lang == "en" else text.replace(",", "\u00a0").replace(".", ","))
    return out


def number(value: float | None, decimals: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """Format a number the way readers of ``lang`` expect.

    Swedish: decimal comma and a (no-break) space between thousands, ``12 345,6``;
    English: ``12,345.6``. Missing values are shown as an en dash. Rounding is
    half away from zero (as people round), not Python's half-to-even.
    """
    if value is None or value != value:  # NaN
        return "–"
    rounded = float(round_half_up(float(value), decimals))
    text = f"{rounded:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")
