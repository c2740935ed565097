"""How long a PDF report takes: the main page, the comparison and the area profile.

Run ``python -m bench.bench_report``; ``make bench`` includes it. Each figure
is the median time of :func:`areaindex.views.report.render_link` in this process
with the dataset already loaded (as in the app's worker process), from link to
PDF bytes: computing the view, drawing the maps, laying out the document.
Reported, never asserted.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from areaindex.store.dataset import load_dataset
from areaindex.views.indexview import load_presets
from areaindex.views.report import render_link

ROOT = Path(__file__).resolve().parent.parent
LINKS = {
    "report_main_14_areas": "http://localhost:8501/?w_boende=8",
    "report_main_regso": "http://localhost:8501/?level=regso",
    "report_comparison": "http://localhost:8501/scenarier?vs=malmo_asn_2023",
    "report_profile": "http://localhost:8501/omrade?area=rosengard",
    "report_main_english": "http://localhost:8501/?lang=en",
}


def run(repeats: int = 3, database: Path = ROOT / "indicators.duckdb") -> dict[str, float]:
    """Median seconds per report (after one warm-up render that loads fonts and libraries)."""
    dataset = load_dataset(database)
    presets = load_presets()
    render_link(LINKS["report_main_14_areas"], dataset, presets)  # warm-up
    figures: dict[str, float] = {}
    for name, link in LINKS.items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            render_link(link, dataset, presets)
            times.append(time.perf_counter() - start)
        figures[name] = statistics.median(times)
    return figures


def main() -> None:
    """Print the figures of :func:`run`."""
    figures = run()
    width = max(len(name) for name in figures)
    print("PDF report, link to bytes, median time:")
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
