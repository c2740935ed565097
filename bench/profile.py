"""Where a slider move's time goes: server (py-spy) and browser (CDP), for ``bench/FINDINGS.md``.

``python -m bench.profile [--app ours|reference] [--level omraden] [--presses 15]``

* Server: ``py-spy record`` (``pip install py-spy`` into the venv; not a project
  dependency) samples the Streamlit process while the presses run; samples of the
  script thread are attributed to the line of the page script that was running
  (inclusive) and to every function on the stack (inclusive).
* Browser: the CDP ``Performance`` domain (main-thread task, script, layout and
  style time per press) and the ``Profiler`` domain (JavaScript self time per
  script file).

Prints plain-text tables; nothing is written into the project.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bench.browser.choose import predictor_for
from bench.browser.driver import Driver
from bench.browser.pages import open_page, wait_settled, wait_until_drawn
from bench.browser.servers import APPS, cpu_seconds, server_pid
from bench.browser.settings import LOAD_TIMEOUT_MS, PERF_METRICS

PY_SPY = Path(sys.executable).with_name("py-spy")


@contextlib.contextmanager
def py_spy(pid: int, rate: int = 200) -> Iterator[Path]:
    """``py-spy record`` on ``pid`` (raw collapsed stacks, per thread) until the block ends."""
    if not PY_SPY.exists():
        raise RuntimeError(f"{PY_SPY} missing: .venv/bin/pip install py-spy")
    out = Path(tempfile.mkdtemp(prefix="bench-pyspy-")) / "stacks.txt"
    proc = subprocess.Popen(
        [
            str(PY_SPY),
            "record",
            "-p",
            str(pid),
            "-r",
            str(rate),
            "--format",
            "raw",
            "--threads",
            "--nonblocking",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    try:
        yield out
    finally:
        proc.send_signal(2)  # SIGINT: py-spy writes its file and exits
        _, err = proc.communicate(timeout=30)
        if not out.exists():
            raise RuntimeError(f"py-spy wrote nothing: {err.decode(errors='replace')}")


_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*):(?P<line>\d+)\)$")


def summarise_stacks(path: Path, script: str, rate: int) -> dict[str, Any]:
    """Samples by activity, by page-script line and by function (inclusive ms).

    Activities: the page script's body, the garbage collection Streamlit runs after
    each run (``runner.postScriptGC``), the rest of the script thread, and the
    other threads (the event loop that serialises and sends the messages).
    """
    by_activity: collections.Counter[str] = collections.Counter()
    by_line: collections.Counter[str] = collections.Counter()
    by_func: collections.Counter[str] = collections.Counter()
    other: collections.Counter[str] = collections.Counter()
    total = 0

    def in_script(f: dict[str, str]) -> bool:
        return Path(f["file"]).name == script and "streamlit/" not in f["file"]

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = raw.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        if not any("_run_script " in f or "ScriptRunner._run_script (" in f for f in frames):
            by_activity["other threads (event loop: serialise and send)"] += n
            leaf = [m.groupdict() for f in frames[-4:] if (m := _FRAME.match(f))]
            other[" < ".join(f"{f['func']} ({Path(f['file']).name})" for f in leaf[::-1])] += n
            continue
        total += n
        parsed = [m.groupdict() for f in frames if (m := _FRAME.match(f))]
        if any(f["func"] == "ScriptRunner._on_script_finished" for f in parsed) and any(
            "gc" in f["func"] or f["line"] == "1055" for f in parsed[-2:]
        ):
            by_activity["script thread: gc.collect(2) after the run"] += n
        elif any(f["func"] == "<module>" and in_script(f) for f in parsed):
            by_activity["script thread: page script body"] += n
        else:
            by_activity["script thread: streamlit around the run"] += n
        top_line = None
        for f in parsed:
            if in_script(f):
                top_line = top_line or f"{script}:{f['line']}"
        by_line[top_line or "(outside the page script)"] += n
        seen = set()
        for f in parsed:
            name = f"{f['func']} ({Path(f['file']).name})"
            if name not in seen:
                by_func[name] += n
                seen.add(name)
    ms = 1000 / rate
    return {
        "script_thread_ms": total * ms,
        "by_activity_ms": {k: v * ms for k, v in by_activity.most_common()},
        "by_line_ms": {k: v * ms for k, v in by_line.most_common(30)},
        "by_function_ms": {k: v * ms for k, v in by_func.most_common(80)},
        "other_threads_ms": {k: v * ms for k, v in other.most_common(12)},
    }


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) per live thread of ``pid``."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, IndexError):
            fields = (task / "stat").read_text().rpartition(")")[2].split()
            out[int(task.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def thread_names(stacks: Path) -> dict[int, str]:
    """Thread id -> Python thread name, from py-spy's ``--threads`` output."""
    names = {}
    for raw in stacks.read_text(encoding="utf-8", errors="replace").splitlines():
        if m := re.match(r"thread \((\d+)\): ([^;]+);", raw):
            names[int(m.group(1))] = m.group(2).strip()
    return names


def cpu_by_thread_kind(
    before: dict[int, float], after: dict[int, float], total_ms: float, names: dict[int, str]
) -> dict[str, float]:
    """True CPU ms per kind of server thread over the presses (exited threads: the rest)."""
    kinds: collections.Counter[str] = collections.Counter()
    for tid, cpu in after.items():
        name = names.get(tid, "")
        if name == "MainThread":
            kind = "event loop (MainThread): serialise and send messages, HTTP"
        elif name.startswith(("AnyIO worker", "ScriptRunner")):
            kind = "script runs (page script + post-run gc.collect)"
        elif name.startswith("ThreadPoolExecutor"):
            kind = "config/secrets file polling (ThreadPoolExecutor)"
        else:
            kind = f"other ({name or 'unnamed'})"
        kinds[kind] += (cpu - before.get(tid, 0.0)) * 1000
    kinds["threads that ended during the run"] = max(0.0, total_ms - sum(kinds.values()))
    return dict(kinds.most_common())


def js_profile_by_url(profile: dict[str, Any]) -> dict[str, float]:
    """Self time (ms) per script file from a CDP ``Profiler.stop`` profile."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    self_us: collections.Counter[str] = collections.Counter()
    for node_id, dt in zip(profile.get("samples", []), deltas, strict=False):
        frame = nodes[node_id]["callFrame"]
        url = frame.get("url") or f"({frame.get('functionName') or 'program'})"
        path = urlparse(url).path or url
        self_us[Path(path).name or path] += dt
    return {k: v / 1000 for k, v in self_us.most_common(15)}


def js_profile_by_function(profile: dict[str, Any], top: int = 25) -> dict[str, float]:
    nodes = {n["id"]: n for n in profile["nodes"]}
    self_us: collections.Counter[str] = collections.Counter()
    samples = zip(profile.get("samples", []), profile.get("timeDeltas", []), strict=False)
    for node_id, dt in samples:
        f = nodes[node_id]["callFrame"]
        where = Path(urlparse(f.get("url", "")).path).name
        name = f"{f.get('functionName') or '(anonymous)'} {where}:{f.get('lineNumber', 0)}"
        self_us[name] += dt
    return {k: v / 1000 for k, v in self_us.most_common(top)}


def profile(
    app: str, level: str, presses: int, rate: int = 200, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Slider presses on one app with py-spy on its server and the CDP profiler in the page."""
    from playwright.sync_api import sync_playwright

    from testkit.browser import CHROMIUM_ARGS, OutsideRequests

    outside = OutsideRequests()
    result: dict[str, Any] = {"app": app, "level": level}
    with APPS[app](env=env) as url, sync_playwright() as pw:
        pid = server_pid(url)
        brw = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            with open_page(brw, outside) as (page, traffic, cdp):
                predictor = predictor_for(level)
                driver = Driver(
                    app, level, page, traffic, cdp, pid, url, None, predictor, presses, 0
                )
                driver.open()
                cdp.send("Profiler.enable")
                cdp.send("Profiler.setSamplingInterval", {"interval": 200})
                with py_spy(pid, rate) as stacks:
                    tasks0, cpu0 = thread_cpu(pid), cpu_seconds(pid)
                    cdp.send("Profiler.start")
                    while not driver.done:
                        driver.step()
                    js = cdp.send("Profiler.stop")["profile"]
                    tasks1, cpu1 = thread_cpu(pid), cpu_seconds(pid)
                result["server_cpu_by_thread_ms"] = cpu_by_thread_kind(
                    tasks0, tasks1, (cpu1 - cpu0) * 1000, thread_names(stacks)
                )
                samples = driver.samples
                result["server"] = summarise_stacks(stacks, "app.py", rate)
                result["browser_main_thread_ms_per_press"] = {
                    m: statistics.median(s[f"browser_{m}_ms"] for s in samples)
                    for m in PERF_METRICS
                }
                result["js_self_ms_total_by_file"] = js_profile_by_url(js)
                result["js_self_ms_total_by_function"] = js_profile_by_function(js)
                result["presses"] = len(samples) + len(driver.skipped)
                result["both_ms_median"] = statistics.median(s["both_ms"] for s in samples)
                result["server_cpu_ms_median"] = statistics.median(
                    s["server_cpu_ms"] for s in samples
                )
        finally:
            brw.close()
    result["outside_requests"] = len(outside.urls)
    return result


def profile_cold(app: str, rate: int = 200, env: dict[str, str] | None = None) -> dict[str, Any]:
    """py-spy on a fresh server during its first page load (imports, data, first run)."""
    from playwright.sync_api import sync_playwright

    from testkit.browser import CHROMIUM_ARGS, OutsideRequests

    outside = OutsideRequests()
    with APPS[app](env=env) as url, sync_playwright() as pw:
        pid = server_pid(url)
        brw = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            with py_spy(pid, rate) as stacks, open_page(brw, outside) as (page, traffic, _):
                cpu0 = cpu_seconds(pid)
                page.goto(url, timeout=LOAD_TIMEOUT_MS)
                drawn = wait_until_drawn(page)
                wait_settled(page, traffic, 0, pid, quiet_ms=500)
                cpu1 = cpu_seconds(pid)
        finally:
            brw.close()
    imports: collections.Counter[str] = collections.Counter()
    funcs: collections.Counter[str] = collections.Counter()
    total = 0
    for raw in stacks.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = raw.rpartition(" ")
        if not count.isdigit() or "_run_script" not in stack:
            continue
        n = int(count)
        total += n
        parsed = [m.groupdict() for f in stack.split(";") if (m := _FRAME.match(f))]
        # the outermost module being imported from the page script or ui/areaindex
        mods = [f["file"] for f in parsed if f["func"] == "<module>"]
        if len(mods) > 1:
            imports[mods[1]] += n
        seen = set()
        for f in parsed:
            name = f"{f['func']} ({Path(f['file']).name})"
            if name not in seen:
                funcs[name] += n
                seen.add(name)
    ms = 1000 / rate
    return {
        "drawn_s": drawn["both"] / 1000,
        "server_cpu_s": cpu1 - cpu0,
        "script_thread_ms": total * ms,
        "imports_ms": {k: v * ms for k, v in imports.most_common(15)},
        "by_function_ms": {k: v * ms for k, v in funcs.most_common(60)},
        "outside_requests": len(outside.urls),
    }


RECOLOUR_JS = """async (rounds) => {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const win = frame.contentWindow;
    const layers = [];
    win.map.eachLayer((l) => { if (l.feature && l.setStyle) layers.push(l); });
    const palette = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
    const painted = () => new Promise((done) => win.requestAnimationFrame(() => {
        const ch = new MessageChannel(); ch.port1.onmessage = done; ch.port2.postMessage(0);
    }));
    const styleMs = [], paintMs = [];
    for (let r = 0; r < rounds; r++) {
        await painted();
        const t0 = performance.now();
        layers.forEach((l, i) => l.setStyle({fillColor: palette[(i + r) % 5]}));
        const t1 = performance.now();
        await painted();
        styleMs.push(t1 - t0); paintMs.push(performance.now() - t0);
    }
    const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
    return {areas: layers.length, setstyle_ms: med(styleMs), to_next_paint_ms: med(paintMs)};
}"""


def recolour_cost(level: str, rounds: int = 30) -> dict[str, Any]:
    """Restyling every area in the live map frame (no server): JS time and time to paint.

    What a slider move would cost if the colours were computed in the browser.
    """
    from playwright.sync_api import sync_playwright

    from testkit.browser import CHROMIUM_ARGS, OutsideRequests

    outside = OutsideRequests()
    with APPS["ours"]() as url, sync_playwright() as pw:
        brw = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            with open_page(brw, outside) as (page, _traffic, _cdp):
                page.goto(f"{url}/?level={level}", timeout=LOAD_TIMEOUT_MS)
                wait_until_drawn(page)
                page.wait_for_timeout(1500)
                res = page.evaluate(RECOLOUR_JS, rounds)
        finally:
            brw.close()
    return {**res, "outside_requests": len(outside.urls)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--app", default="ours", choices=list(APPS))
    parser.add_argument("--level", default="omraden")
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server")
    parser.add_argument("--cold", action="store_true", help="profile the first page load")
    parser.add_argument("--recolour", action="store_true", help="time restyling in the browser")
    args = parser.parse_args()
    if args.recolour:
        print(args.level, recolour_cost(args.level))
        return
    if args.cold:
        res = profile_cold(args.app, env=dict(e.split("=", 1) for e in args.env))
        print(
            f"{args.app} cold start: drawn after {res['drawn_s']:.2f} s, server CPU "
            f"{res['server_cpu_s']:.2f} s, script thread {res['script_thread_ms']:.0f} ms sampled"
        )
        print("  modules imported from the page script (inclusive ms):")
        for k, v in res["imports_ms"].items():
            print(f"    {v:8.0f}  {k}")
        print("  by function (inclusive ms):")
        for k, v in res["by_function_ms"].items():
            print(f"    {v:8.0f}  {k}")
        return
    res = profile(args.app, args.level, args.presses, env=dict(e.split("=", 1) for e in args.env))
    n = res["presses"]
    print(
        f"{args.app} at {args.level}: {n} presses, slider→map median "
        f"{res['both_ms_median']:.0f} ms, server CPU {res['server_cpu_ms_median']:.0f} ms/press"
    )
    print("\nserver CPU by thread (true CPU, ms per press):")
    for k, v in res["server_cpu_by_thread_ms"].items():
        print(f"    {v / n:8.1f}  {k}")
    print(f"server, script thread: {res['server']['script_thread_ms'] / n:.0f} ms per press")
    print("  by activity (sampled wall time, ms per press):")
    for k, v in res["server"]["by_activity_ms"].items():
        print(f"    {v / n:8.1f}  {k}")
    print("  other threads, innermost frames (ms per press):")
    for k, v in res["server"]["other_threads_ms"].items():
        print(f"    {v / n:8.1f}  {k}")
    print("  by page-script line (inclusive, ms per press):")
    for k, v in res["server"]["by_line_ms"].items():
        print(f"    {v / n:8.1f}  {k}")
    print("  by function (inclusive, ms per press):")
    for k, v in res["server"]["by_function_ms"].items():
        print(f"    {v / n:8.1f}  {k}")
    print("\nbrowser main thread per press (CDP Performance, median ms):")
    for k, v in res["browser_main_thread_ms_per_press"].items():
        print(f"    {v:8.1f}  {k}")
    print("  JavaScript self time by file (ms per press):")
    for k, v in res["js_self_ms_total_by_file"].items():
        print(f"    {v / n:8.1f}  {k}")
    print("  JavaScript self time by function (ms per press):")
    for k, v in res["js_self_ms_total_by_function"].items():
        print(f"    {v / n:8.1f}  {k}")
    print(f"\noutside requests: {res['outside_requests']}")


if __name__ == "__main__":
    main()
