"""Method files as a user would upload them: Malmö's indicators under other rules.

Parsed with :func:`areaindex.index.method.parse_method` (as the method page does),
so tests of the index run on methods that differ from the presets in every
rule the method format allows: aggregation within and across dimensions,
decimals, range, ``min_share`` and weights above the sliders' 10.
"""

from __future__ import annotations

from areaindex.index.method import Method, parse_method

# Official statistics only (they exist at every level, all of Sweden included).
_DIMENSIONS = {
    "utbildning": (("share_low_education", "higher_is_need"),),
    "ekonomi": (("mean_wage_income", "lower_is_need"), ("median_income", "lower_is_need")),
    "boende": (("share_rented", "higher_is_need"),),
}
_WEIGHTS = {"utbildning": 20, "ekonomi": 35, "boende": 10}


def uploaded_method_toml(
    across: str = "mean",
    within: str = "mean",
    decimals: int | None = 2,
    min_share: float = 0.5,
    low: float = 1.0,
) -> str:
    """A method file's text; ``low`` > 0 keeps every score positive for geometric means."""
    lines = [
        "[method]",
        f'id = "upload_{across}_{within}"',
        f'title = {{ sv = "Uppladdad ({across})", en = "Uploaded ({across})" }}',
        'description = "En testmetod, inte ett förslag."',
        'source = "tests/uploaded_methods.py"',
        'id_column = "unit"',
        "",
        "[normalisation]",
        'method = "minmax"',
        f"range = [{low}, 100]",
        "",
        "[aggregation]",
        f'within = "{within}"',
        f'across = "{across}"',
        f"min_share = {min_share}",
    ]
    if decimals is not None:
        lines.append(f"decimals = {decimals}")
    for dim, indicators in _DIMENSIONS.items():
        lines += ["", "[[dimensions]]", f'id = "{dim}"', f'title = "{dim}"']
        lines.append(f"weight = {_WEIGHTS[dim]}")
        for column, direction in indicators:
            lines += [
                "  [[dimensions.indicators]]",
                f'  column = "{column}"',
                f'  direction = "{direction}"',
            ]
    return "\n".join(lines) + "\n"


def uploaded_method(**kwargs: object) -> Method:
    """:func:`uploaded_method_toml` parsed as the method page parses an upload."""
    return parse_method(uploaded_method_toml(**kwargs), file="uppladdad.toml")
