"""Decimal rounding half-up, as published indices (CDC SVI, IMD) do it.

Python's ``round`` and NumPy's ``round`` round half to even *and* work on the
binary value, so ``round(2.675, 2)`` gives 2.67: 2.675 is stored as
2.67499999999999982236431605997495353221893310546875. Published figures are
computed as if on the decimal number the value is written as, so 2.675 must
become 2.68. This module rounds the shortest decimal representation of each
float (its ``repr``), which is what a person reading the number sees.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np
import numpy.typing as npt

# Values whose scaled fractional part lies this close to one half are decided
# exactly with ``decimal``; everything else is unambiguous in binary.
_TIE_MARGIN = 1e-6

# Above this scaled magnitude the float error of |x| * 10**decimals (about
# scaled * 2**-52) is no longer far below _TIE_MARGIN, so such values also go
# through ``decimal``. They are rare (e.g. 10**5 at 4 decimals).
_FAST_LIMIT = 1e9

# Enough digits for any double quantized to 15 decimals (1e308 has 309).
_CONTEXT = Context(prec=400)


def round_half_up(values: npt.ArrayLike, decimals: int = 0) -> np.ndarray:
    """Round to ``decimals`` places, halves away from zero, on the decimal value.

    Parameters
    ----------
    values : array_like
        Numbers to round; NaN and infinities are returned unchanged.
    decimals : int, default 0
        Number of decimal places, 0 to 15.

    Returns
    -------
    numpy.ndarray
        Float array of the same shape as ``values`` (a NumPy float scalar for
        a scalar input).

    Notes
    -----
    The rule is "half up" in the sense of ``decimal.ROUND_HALF_UP``: a half is
    rounded *away from zero*, so ``0.5 -> 1`` and ``-0.5 -> -1``. This keeps
    rounding symmetric (``round(-x) == -round(x)``), which matters because
    indicators are negated when lower values mean greater need. A result of
    zero is always ``+0.0``, never ``-0.0``.

    The value rounded is the shortest decimal string that reads back as the
    same float (``repr``), so ``0.12345 -> 0.1235`` at 4 decimals and
    ``2.675 -> 2.68`` at 2 decimals. Most values are rounded with vectorised
    NumPy arithmetic; only values within a hair of a tie, and very large
    values, go through ``decimal.Decimal``, which keeps the function fast for
    10**5 values.

    Examples
    --------
    >>> round_half_up([0.12345, -0.5, 0.5], 4).tolist()
    [0.1235, -0.5, 0.5]
    >>> round_half_up([-0.5, 0.5, 1.5], 0).tolist()
    [-1.0, 1.0, 2.0]
    >>> round_half_up([2.675, -2.675], 2).tolist()
    [2.68, -2.68]
    """
    if isinstance(decimals, bool) or not isinstance(decimals, int | np.integer):
        raise TypeError("decimals must be an integer")
    if not 0 <= decimals <= 15:
        raise ValueError("decimals must be between 0 and 15")
    x = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    magnitude = np.abs(x)
    finite = np.isfinite(x)
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = magnitude * scale
        fast = finite & (scaled < _FAST_LIMIT)
        whole = np.floor(np.where(fast, scaled, 0.0))
        fraction = np.where(fast, scaled - whole, 0.0)
        rounded = np.where(fraction > 0.5, whole + 1.0, whole) / scale

    exact = finite & (~fast | (np.abs(fraction - 0.5) < _TIE_MARGIN))
    if exact.any():
        quantum = Decimal(1).scaleb(-decimals)
        flat_idx = np.flatnonzero(exact)
        flat_mag = magnitude.ravel()
        values_exact = [
            float(
                Decimal(repr(float(flat_mag[i]))).quantize(
                    quantum, rounding=ROUND_HALF_UP, context=_CONTEXT
                )
            )
            for i in flat_idx
        ]
        rounded_flat = rounded.ravel()
        rounded_flat[flat_idx] = values_exact
        rounded = rounded_flat.reshape(rounded.shape)

    out = np.where(finite, np.copysign(rounded, x), x)
    # -0.0 + 0.0 is +0.0: a rounded "-0.0001" should print as 0.0.
    return out + 0.0
