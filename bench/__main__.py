"""``python -m bench`` (``make bench``): performance figures, printed and saved.

Writes ``bench/results.json`` with the machine's description. Not part of
``make test``: timings are reported, never asserted.
"""

from __future__ import annotations

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
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def main() -> None:
    """Run every benchmark, print a table and write the results file."""
    engine = bench_engine.run()
    rows = [(name, seconds * 1000) for name, seconds in engine.items()]
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark':<{width}}  {'median ms':>10}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:>10.1f}")
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "engine_seconds": engine,
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nsparat i {RESULTS}")


if __name__ == "__main__":
    main()
