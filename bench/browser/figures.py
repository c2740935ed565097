"""Figures from the samples: medians, ratios reference / ours, targets and the table."""

from __future__ import annotations

import os
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from bench.browser.settings import KB, TARGETS


def _pct(values: Sequence[float], q: float) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _median(values: Sequence[float | None]) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


def _median_of(rows: Sequence[Mapping[str, Any]], key: str) -> float | None:
    return _median([r.get(key) for r in rows])


def _mean_of(rows: Sequence[Mapping[str, Any]], key: str) -> float | None:
    found = [r[key] for r in rows if r.get(key) is not None]
    return statistics.fmean(found) if found else None


def _kb(value: float | None) -> float | None:
    return None if value is None else value / KB


PHASES = (
    "first_send",
    "first_msg",
    "map_delta",
    "map",
    "ranking_delta",
    "ranking",
    "both",
    "painted",
    "script_finished",
    "last_msg",
)


def summarise_level(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Medians and 95th percentile of one app's presses at one level."""
    samples = raw["samples"]
    both = [s["both_ms"] for s in samples]
    kinds: dict[str, list[int]] = {}
    for s in samples:
        for kind, size in s["ws_bytes_by_kind"].items():
            kinds.setdefault(kind, []).append(size)
    by_kind = {k: statistics.median(v + [0] * (len(samples) - len(v))) for k, v in kinds.items()}
    return {
        "areas": raw["areas"],
        "presses": len(samples),
        "skipped": len(raw["skipped"]),
        "median_ms": _median(both),
        "p95_ms": _pct(both, 95),
        "min_ms": min(both) if both else None,
        "max_ms": max(both) if both else None,
        "samples_ms": [round(x, 1) for x in both],
        "first_change_median_ms": _median_of(samples, "first_change_ms"),
        "settled_median_ms": _median_of(samples, "settled_ms"),
        "settled_p95_ms": _pct([s["settled_ms"] for s in samples if s.get("settled_ms")], 95),
        "settled_samples_ms": [round(s["settled_ms"] or 0, 1) for s in samples],
        "phases_median_ms": {p: _median_of(samples, f"{p}_ms") for p in PHASES},
        "kb_per_move_median": _kb(_median([s["ws_bytes"] + s["http_bytes"] for s in samples])),
        "ws_kb_per_move_median": _kb(_median_of(samples, "ws_bytes")),
        "http_kb_per_move_median": _kb(_median_of(samples, "http_bytes")),
        "kb_until_update_median": _kb(_median_of(samples, "ws_bytes_until_update")),
        "ws_bytes_by_kind_median": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
        "reruns_per_move_median": _median_of(samples, "reruns"),
        "wire_kb_per_move_median": _kb(_median_of(samples, "wire_bytes")),
        "server_cpu_ms_median": _median_of(samples, "server_cpu_ms"),
        "server_cpu_ms_mean": _mean_of(samples, "server_cpu_ms"),
        "browser_cpu_ms_median": _median_of(samples, "browser_cpu_ms"),
        "browser_cpu_by_process_ms_median": {
            kind: _median([(s.get("browser_cpu_by_process_ms") or {}).get(kind) for s in samples])
            for kind in sorted(
                {k for s in samples for k in (s.get("browser_cpu_by_process_ms") or {})}
            )
        },
        "browser_main_thread_ms_median": _median_of(samples, "browser_TaskDuration_ms"),
        "browser_script_ms_median": _median_of(samples, "browser_ScriptDuration_ms"),
        "load_average_median": _median_of(samples, "load_average"),
        "saw_map_change": bool(samples) and all(s["map_changed"] for s in samples),
        "saw_ranking_change": bool(samples) and all(s["ranking_changed"] for s in samples),
        "all_settled": bool(samples) and all(s["settled"] for s in samples),
        "first_load_s": raw["load"]["both"] / 1000 if raw["load"] else None,
        "warmup_ms": [round(s["both_ms"], 1) for s in raw["warmup"]],
    }


def summarise_loads(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    keys = [k for k, v in runs[0].items() if isinstance(v, int | float)] if runs else []
    return {
        "runs": list(runs),
        "median_s": _median_of(runs, "s"),
        "phases_median": {k: _median_of(runs, k) for k in keys},
    }


def _ratio(ref: float | None, ours: float | None) -> float | None:
    return None if ref is None or ours is None or ours <= 0 else ref / ours


RATIO_KEYS = {
    "slider_to_map_median_ms": "median_ms",
    "settled_median_ms": "settled_median_ms",
    "slider_to_map_p95_ms": "p95_ms",
    "kb_per_move_median": "kb_per_move_median",
    "wire_kb_per_move_median": "wire_kb_per_move_median",
    "server_cpu_ms_median": "server_cpu_ms_median",
    "server_cpu_ms_mean": "server_cpu_ms_mean",
    "browser_cpu_ms_median": "browser_cpu_ms_median",
    "browser_main_thread_ms_median": "browser_main_thread_ms_median",
}


def ratios(result: Mapping[str, Any], other: str = "reference") -> dict[str, float | None]:
    """``other`` (``reference`` or ``tutorial``) / ours for every figure both have."""
    ours, ref = result["ours"], result.get(other)
    if not ref:
        return {}
    out: dict[str, float | None] = {}
    for level, fig in ours["slider_to_map"].items():
        rfig = ref["slider_to_map"].get(level)
        if rfig:
            for name, key in RATIO_KEYS.items():
                out[f"{name}.{level}"] = _ratio(rfig[key], fig[key])
    for name in ("cold_start", "warm_load"):
        if ours.get(name) and ref.get(name):
            out[f"{name}_median_s"] = _ratio(ref[name]["median_s"], ours[name]["median_s"])
    return out


def evaluate_targets(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each target: its value, the target and whether it is met (None if not measured)."""
    ours = result["ours"]
    values: dict[str, float | None] = {
        "cold_start_median_s": (ours.get("cold_start") or {}).get("median_s")
    }
    for level, fig in ours["slider_to_map"].items():
        values[f"slider_to_map_median_ms.{level}"] = fig["median_ms"]
        values[f"slider_to_map_p95_ms.{level}"] = fig["p95_ms"]
        values[f"kb_per_move_median.{level}"] = fig["kb_per_move_median"]
        values[f"speedup_vs_reference.{level}"] = result["ratios"].get(
            f"slider_to_map_median_ms.{level}"
        )
        values[f"first_change_median_ms.{level}"] = fig["first_change_median_ms"]
        values[f"settled_median_ms.{level}"] = fig["settled_median_ms"]
        values[f"server_cpu_ms_mean.{level}"] = fig["server_cpu_ms_mean"]
        values[f"settled_speedup_vs_tutorial.{level}"] = (result.get("ratios_tutorial") or {}).get(
            f"settled_median_ms.{level}"
        )
    out = {}
    for name, (op, limit) in TARGETS.items():
        if name not in values:
            continue
        value = values[name]
        met = None if value is None else (value <= limit if op == "<=" else value >= limit)
        out[name] = {"target": f"{op} {limit:g}", "value": value, "met": met}
    return out


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ")


def format_table(result: Mapping[str, Any]) -> str:
    """The figures as a plain-text table: ours, reference, ratio, target, met."""
    ours, ref = result["ours"], result.get("reference") or {}
    tut = result.get("tutorial") or {}
    targets, rat = result["targets"], result["ratios"]
    trat = result.get("ratios_tutorial") or {}
    rows: list[tuple[str, ...]] = []
    current: dict[str, Any] = {}  # the tutorial app's figure for the row being added

    def verdict(*keys: str) -> tuple[str, str]:
        found = [targets[k] for k in keys if k in targets]
        text = "; ".join(
            ({"speedup": "ref/ours ", "settled_speedup": "tut/ours "}.get(k.split("_vs")[0], ""))
            + targets[k]["target"]
            for k in keys
            if k in targets
        )
        met = "; ".join(
            "not measured" if t["met"] is None else ("met" if t["met"] else "MISSED") for t in found
        )
        return text, met

    def add(name: str, o: Any, r: Any, ratio_key: str, digits: int, *target_keys: str) -> None:
        ratio, tratio = rat.get(ratio_key), trat.get(ratio_key)
        shown = "–" if ratio is None else f"{ratio:.1f}×"
        tshown = "–" if tratio is None else f"{tratio:.1f}×"
        t = current.pop("value", None)
        cells = (name, _fmt(o, digits), _fmt(r, digits), shown, _fmt(t, digits), tshown)
        rows.append((*cells, *verdict(*target_keys)))

    def tutorial(level: str | None, key: str | None, section: str = "slider_to_map") -> None:
        """The tutorial app's figure for the next row."""
        if level is None:
            current["value"] = (tut.get(section) or {}).get(key) if key else None
        else:
            current["value"] = (tut.get(section) or {}).get(level, {}).get(key)

    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        tutorial(level, "first_change_median_ms")
        add(
            f"first visible change, median ms ({n} areas)",
            fig["first_change_median_ms"],
            rfig.get("first_change_median_ms"),
            f"first_change_median_ms.{level}",
            0,
            f"first_change_median_ms.{level}",
        )
        tutorial(level, "settled_median_ms")
        add(
            f"page settled, median ms ({n} areas)",
            fig["settled_median_ms"],
            rfig.get("settled_median_ms"),
            f"settled_median_ms.{level}",
            0,
            f"settled_median_ms.{level}",
            f"settled_speedup_vs_tutorial.{level}",
        )
        tutorial(level, "server_cpu_ms_mean")
        add(
            f"server CPU per move, mean ms ({n} areas)",
            fig["server_cpu_ms_mean"],
            rfig.get("server_cpu_ms_mean"),
            f"server_cpu_ms_mean.{level}",
            0,
            f"server_cpu_ms_mean.{level}",
        )

    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        tutorial(level, "median_ms")
        add(
            f"slider→map median, ms ({n} areas)",
            fig["median_ms"],
            rfig.get("median_ms"),
            f"slider_to_map_median_ms.{level}",
            0,
            f"slider_to_map_median_ms.{level}",
            f"speedup_vs_reference.{level}",
        )
        tutorial(level, "p95_ms")
        add(
            f"slider→map p95, ms ({n} areas)",
            fig["p95_ms"],
            rfig.get("p95_ms"),
            f"slider_to_map_p95_ms.{level}",
            0,
            f"slider_to_map_p95_ms.{level}",
        )
    cold, rcold = ours.get("cold_start") or {}, ref.get("cold_start") or {}
    tutorial(None, "median_s", "cold_start")
    add(
        "cold start median, s",
        cold.get("median_s"),
        rcold.get("median_s"),
        "cold_start_median_s",
        2,
        "cold_start_median_s",
    )
    ready = (cold.get("phases_median") or {}).get("server_ready_s")
    rready = (rcold.get("phases_median") or {}).get("server_ready_s")
    add("  server start until ready, s", ready, rready, "server_ready_s", 2)
    warm, rwarm = ours.get("warm_load") or {}, ref.get("warm_load") or {}
    tutorial(None, "median_s", "warm_load")
    add(
        "page load, warm server, s",
        warm.get("median_s"),
        rwarm.get("median_s"),
        "warm_load_median_s",
        2,
    )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        tutorial(level, "kb_per_move_median")
        add(
            f"kB received per move ({n} areas)",
            fig["kb_per_move_median"],
            rfig.get("kb_per_move_median"),
            f"kb_per_move_median.{level}",
            1,
            f"kb_per_move_median.{level}",
        )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        tutorial(level, "wire_kb_per_move_median")
        add(
            f"  on the wire, kB ({n} areas)",
            fig["wire_kb_per_move_median"],
            rfig.get("wire_kb_per_move_median"),
            f"wire_kb_per_move_median.{level}",
            1,
        )
    for level, fig in ours["slider_to_map"].items():
        rfig = (ref.get("slider_to_map") or {}).get(level, {})
        n = fig["areas"]
        tutorial(level, "browser_cpu_ms_median")
        add(
            f"browser CPU per move, ms ({n} areas)",
            fig["browser_cpu_ms_median"],
            rfig.get("browser_cpu_ms_median"),
            f"browser_cpu_ms_median.{level}",
            0,
        )
    headers = ("figure", "ours", "reference", "ref/ours", "tutorial", "tut/ours", "target", "met?")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in (1, 2, 3, 4, 5) else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows), ""]
    missed = [k for k, t in targets.items() if t["met"] is False]
    out.append("targets missed: " + (", ".join(missed) if missed else "none"))
    out.append(f"outside requests attempted (all blocked): {result['outside_requests']}")
    app = result.get("app", {})
    out.append(
        f"app measured: code {app.get('code_sha256')} (last change {app.get('newest_change')})"
        + (" — CHANGED DURING THE RUN" if app.get("changed_during_run") else "")
    )
    out.append(
        f"machine: {os.cpu_count()} cores, load average {result['load_average']['start']} at "
        f"start, {result['load_average']['end']} at end"
        + (" — busy machine: wall-clock figures are inflated" if result["busy"] else "")
    )
    out.append("\nwhere a move's time goes, ms after keydown (medians, ours / reference):")
    for level, fig in ours["slider_to_map"].items():
        rph = (ref.get("slider_to_map") or {}).get(level, {}).get("phases_median_ms", {})
        parts = [f"{p} {_fmt(v)}/{_fmt(rph.get(p))}" for p, v in fig["phases_median_ms"].items()]
        out.append(f"  {level}: " + ", ".join(parts))
    out.append("largest WebSocket messages per move, ours (median bytes):")
    for level, fig in ours["slider_to_map"].items():
        top = list(fig["ws_bytes_by_kind_median"].items())[:6]
        out.append(f"  {level}: " + ", ".join(f"{k} {_fmt(v)}" for k, v in top))
    return "\n".join(out)
