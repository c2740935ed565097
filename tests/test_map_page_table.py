"""The map page's ranking table (AppTest): the top three rows, and only they, are highlighted.

The highlight is computed as one frame of styles (not a call per row); this holds
it to the ranks shown, including a view where the third place is shared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
HIGHLIGHT = "background-color: #fde0dd"


def highlighted_ranks(query: dict[str, str]) -> tuple[list[int], list[int]]:
    """(ranks of the highlighted rows, every rank) in the table's row order."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.session_state["show_ranking_table"] = True  # the table is drawn on request
    at.run()
    assert not at.exception, at.exception
    table = next(df for df in at.dataframe if "Rang" in getattr(df.value, "columns", []))
    styler = table.proto.arrow_data.styler  # the styles Streamlit sends to the browser
    rows = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", styler.styles):
        if HIGHLIGHT in body:
            found = re.findall(rf"#T_{styler.uuid}_row(\d+)_col\d+", selectors)
            rows |= {int(r) for r in found}
    ranks = [int(r) for r in table.value["Rang"]]
    return [ranks[i] for i in sorted(rows)], ranks


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"level": "regso"},
        {"w_delaktighet": "0", "w_utbildning": "0", "w_ekonomi": "10", "w_boende": "0"},
    ],
)
def test_exactly_the_rows_ranked_three_or_better_are_highlighted(query):
    shown, ranks = highlighted_ranks(query)
    assert shown == [r for r in ranks if r <= 3]
    assert len(shown) >= 3


def test_the_table_is_drawn_on_request_and_the_csv_is_always_there():
    """By default the map page has no ranking table (a slider move then costs the
    server much less); the CSV download and a line saying where the ranking is stay."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not [df for df in at.dataframe if "Rang" in getattr(df.value, "columns", [])]
    assert any("Tabellen visar dessutom" in c.value for c in at.caption)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ned rangordningen (CSV)" in labels
    at.toggle(key="show_ranking_table").set_value(True).run()
    assert [df for df in at.dataframe if "Rang" in getattr(df.value, "columns", [])]
    assert "Ladda ned rangordningen (CSV)" in [b.proto.label for b in at.get("download_button")]
