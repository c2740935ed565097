"""Numbers as Swedish and English programs write them, and the markers of a missing value."""

from __future__ import annotations

import functools
import math
import re

MISSING_MARKERS = frozenset({"", ".", "..", "...", "-", "–", "—", "−"})


@functools.lru_cache(maxsize=65_536)
def parse_number(text: str) -> float | None:
    """Read a number as Swedish and English spreadsheets write it.

    Parameters
    ----------
    text : str
        A cell, e.g. ``"12,5"``, ``"12.5"``, ``"12 345"``, ``"1 234,5"``,
        ``"−3"``, ``"1,5E+03"`` or ``"12,5 %"`` (the percent sign is dropped:
        the number stays 12.5).

    Returns
    -------
    float or None
        The value, or None when the text is no (finite) number. Missing-value
        markers are not numbers either; see :data:`MISSING_MARKERS`.
    """
    t = text.strip()
    if t.endswith("%"):
        t = t[:-1].rstrip()
    if not t:
        return None
    sign = ""
    if t[0] in "+-−":
        sign = "-" if t[0] != "+" else ""
        t = t[1:].lstrip()
    match = re.fullmatch(r"(?P<num>[\d.,\s]+?)(?:[eE](?P<exp>[+-]?\d+))?", t)
    if match is None:
        return None
    num, exponent = match["num"], match["exp"] or "0"
    plain = _plain_digits(num)
    if plain is None:
        return None
    try:
        value = float(f"{sign}{plain}e{exponent}")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _plain_digits(num: str) -> str | None:
    """``"1 234,5"`` -> ``"1234.5"``; None unless thousands come in groups of three.

    A single comma or point is the decimal mark: ``"1,234"`` is 1.234, as a Swedish
    reader takes it. Both marks, or one repeated, separate thousands
    (``"1.234,5"``, ``"1,234.5"``, ``"1.234.567"``).
    """
    if re.search(r"\s", num):
        # Space as thousands separator: only between groups of three digits, so
        # that a typo such as "12 5" is reported rather than read as 125.
        match = re.fullmatch(r"(\d{1,3}(?:\s\d{3})+)([.,]\d+)?", num)
        if match is None:
            return None
        return re.sub(r"\s", "", match[1]) + (match[2] or "").replace(",", ".")
    if "," in num and "." in num:
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
        group = "." if decimal == "," else ","
        match = re.fullmatch(
            rf"(\d{{1,3}}(?:{re.escape(group)}\d{{3}})+)({re.escape(decimal)}\d+)?", num
        )
        if match is None:
            return None
        return match[1].replace(group, "") + (match[2] or "").replace(decimal, ".")
    for mark in (",", "."):
        count = num.count(mark)
        if count == 1:
            whole, frac = num.split(mark)
            if not (whole or frac) or not (whole + frac).isdigit():
                return None
            return f"{whole or '0'}.{frac or '0'}"
        if count > 1:
            match = re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", num)
            return num.replace(mark, "") if match else None
    return num if num.isdigit() else None


def is_missing_marker(text: str) -> bool:
    """True for the cells that mean "no value": ``..``, ``-``, ``–`` or empty."""
    return text.strip() in MISSING_MARKERS
