"""Many users at once: latency and server memory with concurrent browser sessions.

``python -m bench.load`` prints a table; :func:`run` returns the figures as a
dict for ``bench/__main__.py``. The sessions are the load test's
(``testkit/sessions.py``): one Chromium, one browser context per user, each
with its own seeded weights in the URL; in every round all users move a slider
with the keyboard at the same moment, and the time from key press to the new
(and correct) ranking on the chart is measured. Timings are reported, never
asserted; wrong rankings, failed requests and server memory that is too high or
keeps growing (what ``tests/test_load.py`` asserted with 20 sessions before it
moved here; the test now runs a few) are counted under ``problems``.

Needs Debian's chromium (``make chromium``) and ``indicators.duckdb``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from areaindex.store.dataset import load_dataset
from testkit.server import database_path
from testkit.sessions import run_load

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = 20
MOVES = 3  # slider moves per session: 60 latency samples with 20 sessions
SEED = 7
# Generous: on a 2-core machine the 20 simulated browsers alone take minutes.
TIMEOUT_S = 900.0
# The server's memory should stay bounded: flagged (not asserted) beyond these.
MAX_RSS_MB = 1.5 * 1024
MAX_GROWTH = 1.30  # the second half's peak over the first half's

ROWS = (
    ("sessions", "sessions", ""),
    ("moves", "slider moves timed", ""),
    ("requests", "requests", ""),
    ("failed_requests", "failed requests (incl. HTTP >= 400)", ""),
    ("outside_requests", "requests to other hosts", ""),
    ("problems", "problems (wrong ranking, errors)", ""),
    ("latency_ms_median", "key press -> ranking, median", "ms"),
    ("latency_ms_p90", "key press -> ranking, p90", "ms"),
    ("latency_ms_p99", "key press -> ranking, p99", "ms"),
    ("latency_ms_max", "key press -> ranking, max", "ms"),
    ("page_load_s_median", "first page load, median", "s"),
    ("page_load_s_max", "first page load, max", "s"),
    ("peak_rss_mb", "server RSS, peak", "MB"),
    ("rss_first_half_peak_mb", "server RSS, peak in first half", "MB"),
    ("rss_second_half_peak_mb", "server RSS, peak in second half", "MB"),
    ("wall_s", "wall time", "s"),
)


def run(
    sessions: int = SESSIONS,
    moves: int = MOVES,
    seed: int = SEED,
    timeout: float = TIMEOUT_S,
    *,
    show: bool = True,
) -> dict[str, object]:
    """Run the concurrent sessions against a fresh app server; return (and print) figures.

    Parameters
    ----------
    sessions : int
        Concurrent users (browser contexts).
    moves : int
        Slider moves per user; all users move at the same moment, ``moves`` times.
    seed : int
        Seed of the users' weights and moves.
    timeout : float
        The whole run is cancelled after this many seconds.
    show : bool
        Print the table.

    Returns
    -------
    dict
        ``sessions``, ``moves``, ``requests``, ``failed_requests``,
        ``outside_requests``, ``problems``, ``latency_ms_median`` / ``_p90`` /
        ``_p99`` / ``_max``, ``page_load_s_median`` / ``_max``, ``peak_rss_mb``,
        ``rss_first_half_peak_mb``, ``rss_second_half_peak_mb``, ``wall_s``; and
        ``problem_list`` with the first problems in words.
    """
    dataset = load_dataset(database_path())
    report = run_load(dataset, sessions, moves=moves, seed=seed, timeout=timeout)
    figures = report.summary()
    problems = report.problems()
    first, second = report.rss_halves()
    if figures["peak_rss_mb"] > MAX_RSS_MB:
        problems.append(f"server memory peaked at {figures['peak_rss_mb']} MB (> {MAX_RSS_MB})")
    if first and second > MAX_GROWTH * first:
        growth = f"{first / 2**20:.0f} -> {second / 2**20:.0f} MB"
        problems.append(f"server memory kept growing: {growth}")
    figures["problems"] = len(problems)
    figures["problem_list"] = problems[:20]
    if show:
        print_table(figures)
    return figures


def print_table(figures: dict[str, object]) -> None:
    """The figures as a two-column table."""
    width = max(len(label) for _, label, _ in ROWS)
    print(f"{'load (concurrent sessions)':<{width}}  {'value':>10}")
    for key, label, unit in ROWS:
        value = figures.get(key)
        text = "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
        print(f"{label:<{width}}  {text:>10} {unit}")
    for problem in figures.get("problem_list", []):  # type: ignore[union-attr]
        print(f"  ! {problem}")


def main() -> None:
    """Command line: ``python -m bench.load [--sessions N] [--moves M]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--moves", type=int, default=MOVES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S)
    args = parser.parse_args()
    run(args.sessions, args.moves, args.seed, args.timeout)


if __name__ == "__main__":
    main()
