"""``python -m bench`` (``make bench``): performance figures, printed and saved.

Six parts, in this order: the index engine alone (``bench/bench_engine.py``),
the exact rank bounds on the real tables against their target of < 1 s
(``bench/bench_bounds.py``), the PDF reports (``bench/bench_report.py``),
what a person feels in headless Chromium, our app against two tutorial-style
reference apps, one caching nothing and one caching its data (``bench/browser/``),
many users at once on one process (``bench/load.py``), and 60 users through nginx
with one and with two app processes (``make serve-many``; ``bench.load.run_proxy``).
Writes ``bench/results.json`` with the machine's description. Not part of
``make test``: timings are reported, never asserted.

``python -m bench --quick`` runs fewer presses and repeats (a smoke run; its
figures are rough).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import bench_engine

RESULTS = Path(__file__).resolve().parent / "results.json"


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    cpu = "unknown"
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def print_engine(engine: dict[str, float]) -> None:
    """The engine figures as a two-column table (milliseconds)."""
    width = max(len(name) for name in engine)
    print(f"{'engine benchmark':<{width}}  {'median ms':>10}")
    for name, seconds in engine.items():
        print(f"{name:<{width}}  {seconds * 1000:>10.1f}")


def main(argv: list[str] | None = None) -> None:
    """Run every benchmark, print the tables and write the results file."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer presses and repeats")
    parser.add_argument(
        "--skip", default="", help="parts to leave out: engine,bounds,report,browser,load,proxy"
    )
    args = parser.parse_args(argv)
    skip = {s for s in args.skip.split(",") if s}
    result: dict[str, object] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "quick": args.quick,
    }
    if "engine" not in skip:
        engine = bench_engine.run(repeats=2 if args.quick else 5)
        print_engine(engine)
        result["engine_seconds"] = engine
        print()
    if "bounds" not in skip:
        from bench import bench_bounds

        rows = bench_bounds.run(repeats=1 if args.quick else 3)
        bench_bounds.print_rows(rows)
        result["rank_bounds"] = rows
        print()
    if "report" not in skip:
        from bench import bench_report

        report = bench_report.run(repeats=1 if args.quick else 3)
        print("PDF report (link to bytes)      median s")
        for name, seconds in report.items():
            print(f"{name:<32}{seconds:>8.2f}")
        result["report_seconds"] = report
        print()
    if "browser" not in skip:
        from bench import browser

        result["browser"] = browser.run(
            presses=8 if args.quick else 30,
            cold_starts=1 if args.quick else 5,
            warm_loads=1 if args.quick else 3,
        )
        print()
    if "load" not in skip:
        from bench import load

        result["load"] = load.run(moves=1 if args.quick else load.MOVES)
        print()
    if "proxy" not in skip:
        from bench import load

        result["proxy"] = load.run_proxy(
            sessions=20 if args.quick else load.PROXY_SESSIONS,
            move_seconds=10.0 if args.quick else load.PROXY_MOVE_S,
        )
    RESULTS.write_text(
        json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(f"\nsaved in {RESULTS}")


if __name__ == "__main__":
    main()
