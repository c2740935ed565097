"""Several users at once: concurrent browser sessions, each sees only its own ranking.

The public link is used by many people at the same time, and Streamlit keeps each
user's view in the server process. This starts the real app and drives a few
browser contexts concurrently (Playwright's async API, one Chromium). Each
session opens the app with its own random weights in the URL, and then all of
them move one slider at the same moment. Every ranking the chart shows must be
the one computed independently for that session's weights: never another
session's, not even briefly. No request may fail, no other host may be
contacted, and the server's memory must stay bounded.

This is a correctness test: every wait is on a real event (the ranking shown),
with a limit that only stops a run that hangs; how long anything takes is not
judged. Twenty sessions, their latencies and the server's memory over time are
figures for ``make bench`` (``bench/load.py``); both use :mod:`testkit.sessions`.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlparse

import pytest

from testkit.browser import chromium_path
from testkit.expected import expected_ranking
from testkit.sessions import (
    DIMENSIONS,
    KEYS,
    OUTSIDE_URL,
    LoadReport,
    Move,
    Network,
    Rounds,
    SessionOutcome,
    SessionPlan,
    percentile,
    plan_sessions,
    rss_bytes,
    run_load,
    session_url,
)

N_SESSIONS = 4
SEED = 7
# Only stops a run that hangs (a session that never sees a ranking); a slow,
# busy machine finishes well inside it.
TIMEOUT_S = 1800.0
MAX_RSS = 1.5 * 2**30  # bytes


@pytest.fixture(scope="module")
def plans(dataset):
    """The sessions' weights and moves, seeded."""
    return plan_sessions(dataset, N_SESSIONS, moves=1, seed=SEED)


# -- the harness itself (fast, no browser) -----------------------------------------


def test_plans_are_distinct_and_observable(plans):
    assert len(plans) == N_SESSIONS
    for plan in plans:
        assert set(plan.weights) == set(DIMENSIONS)
        assert all(0 <= w <= 10 for w in plan.weights.values()) and any(plan.weights.values())
        (move,) = plan.moves
        assert move.weights[move.dimension] == KEYS[move.key] != plan.weights[move.dimension]
        assert move.expected != plan.expected, "the move must change what the chart shows"
    # Every session starts from its own ranking, so showing another's is detectable.
    assert len({tuple(p.expected) for p in plans}) == N_SESSIONS
    assert len({tuple(p.weights.items()) for p in plans}) == N_SESSIONS


def test_session_url_carries_every_weight(plans):
    plan = plans[0]
    query = parse_qs(urlparse(session_url("http://127.0.0.1:1", plan.weights)).query)
    assert {k: int(v[0]) for k, v in query.items()} == {
        f"w_{d}": w for d, w in plan.weights.items()
    }


def test_report_flags_a_foreign_ranking_and_failures(plans):
    mine, other = plans[0], plans[1]
    honest = SessionOutcome(
        mine,
        initial=mine.expected,
        finals=[mine.moves[0].expected],
        shown=[mine.expected, mine.moves[0].expected],
        latencies=[0.5],
    )
    report = LoadReport([honest], Network(requests=10), [(0.0, 1)], 0.0, 1.0)
    assert report.problems() == []

    leaked = SessionOutcome(
        mine,
        initial=mine.expected,
        finals=[mine.moves[0].expected],
        shown=[mine.expected, other.expected, mine.moves[0].expected],
        latencies=[0.5],
    )
    report = LoadReport([leaked], Network(failed=["x"]), [(0.0, 1)], 0.0, 1.0)
    problems = report.problems()
    assert any("another session's ranking" in p for p in problems)
    assert any("request failed" in p for p in problems)
    wrong = SessionOutcome(mine, initial=other.expected, finals=[], shown=[other.expected])
    assert len(LoadReport([wrong], Network(), [], 0.0, 1.0).problems()) >= 3


@pytest.mark.parametrize(
    ("url", "outside"),
    [
        ("http://127.0.0.1:8501/", False),
        ("http://127.0.0.1:8501/_stcore/health", False),
        ("http://localhost:8501/app/static/leaflet/leaflet.js", False),
        ("http://[::1]:8501/?w_boende=3", False),
        ("ws://127.0.0.1:8501/_stcore/stream", False),
        ("data:image/png;base64,AAAA", False),
        ("blob:http://127.0.0.1:8501/1234", False),
        ("about:srcdoc", False),
        ("https://tiles.example.org/1/2/3.png", True),
        ("http://127.0.0.1.example.org/x.js", True),
        ("http://localhost.example.org:8501/", True),
        ("https://example.org/?next=http://127.0.0.1/", True),
    ],
)
def test_outside_url_pattern(url, outside):
    # Only these are intercepted (blocked and recorded) in the load sessions.
    assert bool(OUTSIDE_URL.search(url)) is outside


def test_percentile_and_memory_probe():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 100) == 4.0
    assert percentile([5.0], 99) == 5.0
    assert 10 * 2**20 < rss_bytes(os.getpid()) < 100 * 2**30
    assert rss_bytes(2**22 + 12345) == 0  # no such process


# -- the real thing -----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed")
def test_concurrent_sessions_each_see_their_own_ranking(dataset, plans, app_env):
    # In a thread of its own: the session's sync Playwright (the ``browser``
    # fixture) may hold this thread's event loop, and the sessions use asyncio.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(
            run_load, dataset, N_SESSIONS, moves=1, seed=SEED, timeout=TIMEOUT_S
        ).result()
    summary = report.summary()
    print("load test:", summary)

    assert [o.plan for o in report.outcomes] == plans  # the same seeded sessions
    assert report.problems() == [], "\n".join(report.problems())
    for outcome in report.outcomes:
        plan = outcome.plan
        assert outcome.initial == plan.expected
        assert outcome.finals == [plan.moves[0].expected]
        assert len(outcome.latencies) == 1
        # The page's log saw this session's own rankings: the foreign check is live.
        assert plan.expected in outcome.shown and plan.moves[0].expected in outcome.shown
    assert report.network.requests >= N_SESSIONS
    assert report.network.outside == []

    samples = [b for _, b in report.rss]
    assert samples and min(samples) > 50 * 2**20, "memory was not sampled"
    assert report.peak_rss < MAX_RSS, summary


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed")
def test_a_move_that_adds_or_removes_a_note_keeps_one_ranking_on_screen(dataset, app_env):
    """The cause of an empty ranking once read under load: a weight change that added
    a note above the map moved every element below it, so the rerun replaced the
    ranking's place with another element and drew the ranking again only when it
    got there (none on screen meanwhile); removing a note showed two rankings until
    the run ended. Notes now sit in fixed slots (``ui.sections.banners``).

    Participation (``delaktighet``) rests on an approximate geography, which a
    note says while it has weight: 0 -> 10 adds that note, 10 -> 0 removes it.
    """
    start = {d: 5 for d in DIMENSIONS} | {"delaktighet": 0}
    plans = []
    for number, (weights, key) in enumerate(
        [(start, "End"), (start | {"delaktighet": 10}, "Home")]
    ):
        after = weights | {"delaktighet": KEYS[key]}
        move = Move("delaktighet", key, after, expected_ranking(dataset, after, "omraden"))
        expected = expected_ranking(dataset, weights, "omraden")
        plans.append(SessionPlan(number, weights, expected, (move,)))
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(run_load, dataset, len(plans), timeout=TIMEOUT_S, plans=plans).result()

    assert report.problems() == [], "\n".join(report.problems())
    adds, removes = report.outcomes
    assert adds.notes[1] == adds.notes[0] + 1, adds.notes  # the move added a note
    assert removes.notes[1] == removes.notes[0] - 1, removes.notes  # and this one removed it
    for outcome in report.outcomes:
        assert outcome.finals == [outcome.plan.moves[0].expected]
        assert outcome.vanished == 0  # the ranking never left the screen
        assert outcome.most_listed == len(outcome.plan.expected)  # never two at once


def test_toggling_plans_move_one_slider_end_to_end(dataset):
    plans = plan_sessions(dataset, 3, moves=5, seed=SEED, toggle=True)
    for plan in plans:
        first, second = plan.moves[0], plan.moves[1]
        assert len(plan.moves) == 5
        assert {first.key, second.key} == {"End", "Home"} and first.dimension == second.dimension
        assert plan.moves[2::2] == (first, first) and plan.moves[3::2] == (second,)
        # Every move changes what the chart shows, so each is observable.
        assert first.expected != plan.expected and second.expected != first.expected


def test_rounds_open_when_every_running_session_waits():
    async def scenario() -> list[str]:
        rounds, log = Rounds(3), []

        async def user(name: str, fails: bool) -> None:
            if fails:  # a page that never loads leaves instead of blocking the rest
                rounds.leave()
                return
            await rounds.wait(0)
            log.append(name)
            rounds.leave()

        await asyncio.wait_for(
            asyncio.gather(user("a", False), user("b", True), user("c", False)), 60
        )
        return log

    # In a thread of its own: an earlier browser test in this worker may hold this
    # thread's event loop (sync Playwright), where asyncio.run cannot start another.
    with ThreadPoolExecutor(1) as pool:
        log = pool.submit(asyncio.run, scenario()).result()
    assert sorted(log) == ["a", "c"]


def test_report_flags_a_ranking_that_left_the_screen(plans):
    mine = plans[0]
    outcome = SessionOutcome(
        mine,
        initial=mine.expected,
        finals=[mine.moves[0].expected],
        shown=[mine.expected, mine.moves[0].expected],
        vanished=1,
    )
    problems = LoadReport([outcome], Network(), [], 0.0, 1.0).problems()
    assert any("left the screen" in p for p in problems)
