"""Generated URLs through the whole main page: never an exception, always a usable view.

``tests/test_urlstate.py`` drives 1,000 generated query strings through the
parser, which decides everything the page does with a query; this drives a few
dozen of the same kind (the same strategy) through the page itself with AppTest,
so that whatever the parser lets through is also survived by everything the page
does with it: the scope and municipality, the index, the map, the charts, the
tables and the link it writes back. Each page run costs about half a second, a
parser run a fraction of a millisecond: the many cases go to the parser.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from tests.test_urlstate import QUERIES, parse

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
N_EXAMPLES = 30


def _as_query_value(value: str | list[str]) -> str | list[str]:
    # Streamlit's query parameters hold strings; a repeated key is a list.
    return value if isinstance(value, str) else [str(v) for v in value]


def test_main_page_survives_generated_queries():
    """Generated query strings: no exception, sliders in range, a notice per bad key."""
    seen = []

    @settings(
        max_examples=N_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(QUERIES)
    def check(params):
        seen.append(1)
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = _as_query_value(value)
        at.run()
        assert not at.exception, (params, at.exception)
        assert len(at.slider) >= 4
        for slider in at.slider:
            assert 0 <= slider.value <= 10
        _, notices = parse(params)
        shown = " ".join(w.value for w in at.warning)
        for notice in notices:
            assert notice.key in shown, (params, notice, shown)

    check()
    assert len(seen) >= N_EXAMPLES
