"""What the browser benchmark measures and how: URLs, weights, keys, targets, limits."""

from __future__ import annotations

from pathlib import Path

from testkit.expected import MALMO_DIMENSIONS

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parents[1]
REFERENCE_DIR = BENCH / "reference_app"
TUTORIAL_DIR = BENCH / "tutorial_app"
INSTRUMENT_JS = (BENCH / "instrument.js").read_text(encoding="utf-8")

SLIDER = '[data-testid="stSlider"]'
VIEWPORT = {"width": 1400, "height": 1100}
KB = 1000  # bytes: the targets are read as kB of 1000 bytes (the stricter reading)

# Dimension id -> the start of its slider label (both apps label sliders with the name).
DIMENSIONS = dict(
    zip(
        MALMO_DIMENSIONS,
        (
            "Delaktighet",
            "Utbildning",
            "Ekonomi",
            "Boende",
            "Hälsa",
            "Tillit",
            "Trygghet",
            "Barn och unga",
        ),
        strict=True,
    )
)
# Both apps start from the city office's proposal, given explicitly in the URL.
START_WEIGHTS = {
    "delaktighet": 5,
    "utbildning": 5,
    "ekonomi": 5,
    "boende": 5,
    "halsa": 0,
    "tillit": 0,
    "trygghet": 0,
    "barn_unga": 0,
}
KEYS = ("End", "Home", "ArrowRight", "ArrowLeft")

TARGETS = {
    "slider_to_map_median_ms.omraden": ("<=", 100.0),
    "slider_to_map_p95_ms.omraden": ("<=", 200.0),
    "slider_to_map_median_ms.regso": ("<=", 150.0),
    "cold_start_median_s": ("<=", 3.0),
    "kb_per_move_median.omraden": ("<=", 60.0),
    "speedup_vs_reference.omraden": (">=", 3.0),
    "speedup_vs_reference.regso": (">=", 3.0),
    "slider_to_map_median_ms.sverige": ("<=", 400.0),
    # Issue 17: the whole page, not only the map and ranking, and the server's share.
    "first_change_median_ms.omraden": ("<=", 50.0),
    "first_change_median_ms.regso": ("<=", 50.0),
    "settled_median_ms.omraden": ("<=", 150.0),
    "settled_median_ms.regso": ("<=", 250.0),
    "settled_speedup_vs_tutorial.omraden": (">=", 4.0),
    "settled_speedup_vs_tutorial.regso": (">=", 4.0),
    # The mean, not the median: the kernel counts CPU time in 10 ms ticks, so one
    # press reads 30 or 40 ms and a median of such readings jumps by ten; the mean
    # (all the presses' CPU over their number) is what a server's capacity follows.
    "server_cpu_ms_mean.omraden": ("<=", 40.0),
    "server_cpu_ms_mean.regso": ("<=", 60.0),
}

# URL parameters per measured level: ``sverige`` is all 3,363 RegSO of Sweden
# (the municipality picker's "hela Sverige"), which only our app has.
LEVEL_QUERIES: dict[str, dict[str, str]] = {
    "omraden": {"level": "omraden"},
    "regso": {"level": "regso"},
    "sverige": {"kommun": "sverige"},
}
OURS_ONLY_LEVELS = {"sverige"}

PRESS_TIMEOUT_MS = 20_000  # for both changes to show
QUIET_MS = 600  # no WebSocket message for this long (and since the update) = move over
CPU_IDLE_MS = 15  # server CPU per 250 ms below this = idle
SETTLE_TIMEOUT_S = 30.0
LOAD_TIMEOUT_MS = 120_000
PERF_METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
