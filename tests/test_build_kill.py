"""``python -m areaindex build`` killed with SIGKILL never loses or half-writes the database.

Many users read the same ``indicators.duckdb``; a rebuild that dies at any
moment (out of memory, a deploy that kills the job, a power cut) must leave the
previous, complete database at the target. The build writes a temporary file
beside the target and renames it into place, so these tests kill real build
processes and then check the file at the target every time: at random moments,
and at the dangerous ones forced with the build's test hook
(``AREAINDEX_BUILD_PAUSE``: the build stops before it writes, half-way through
writing the temporary file, after writing it, after checking it just before the
rename, and just after the rename, and waits there to be killed), so no kill
depends on a timer landing in a short write phase on a busy machine.

A killed process cannot remove its temporary file; the next successful build
must remove such leftovers (of processes that no longer exist), but never the
temporary file of a build that is still running.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from areaindex.store.build import PAUSE_ENV, TABLES
from areaindex.store.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SEED = 20231124
N_UNIFORM_KILLS = 3  # delays drawn uniformly over [0, 1.2 x one build's duration]
# areaindex.store.build._pause_for_tests: stage -> whether the killed build's temporary
# file is left beside the target. The last leaves one, for the final build to clear.
PAUSE_STAGES = {
    "started": False,
    "replaced": False,
    "writing": True,
    "written": True,
    "verified": True,
}
POLL_S = 0.01

pytestmark = pytest.mark.slow


def temp_pattern(target: Path) -> re.Pattern[str]:
    """Names of the build's temporary files for ``target`` (database and its WAL)."""
    return re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.tmp(\.wal)?")


def temp_files(target: Path) -> list[Path]:
    """Temporary build files lying beside ``target``."""
    pattern = temp_pattern(target)
    return sorted(p for p in target.parent.iterdir() if pattern.fullmatch(p.name))


def start_build(target: Path, pause: str | None = None) -> subprocess.Popen[bytes]:
    """Start ``python -m areaindex build --out target`` as its own process.

    ``pause`` is ``"<stage>:<flag file>"`` for the build's test hook.
    """
    env = {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    if pause is not None:
        env[PAUSE_ENV] = pause
    return subprocess.Popen(
        [sys.executable, "-m", "areaindex", "build", "--out", str(target)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def timed_build(target: Path, pause: str | None = None) -> float:
    """Run one build to completion; return its duration."""
    start = time.monotonic()
    proc = start_build(target, pause)
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - start


def kill_at(target: Path, stage: str, flag: Path) -> int:
    """Start a build, wait (as long as it takes) until it pauses at ``stage``, SIGKILL it.

    Returns the killed build's pid. The build has told us where it is (``flag``),
    so the kill lands at that moment however busy the machine is.
    """
    flag.unlink(missing_ok=True)
    proc = start_build(target, pause=f"{stage}:{flag}")
    while not flag.exists():
        if proc.poll() is not None:
            _, err = proc.communicate()
            raise AssertionError(f"the build ended before pausing at {stage!r}: {err.decode()}")
        time.sleep(POLL_S)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    flag.unlink()
    return proc.pid


def snapshot(path: Path) -> dict[str, object]:
    """Row count of every table and the inputs' fingerprint, read-only."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        counts = {
            name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES
        }
        sha = con.execute("SELECT value FROM meta WHERE key = ?", ["inputs_sha256"]).fetchone()
    finally:
        con.close()
    return {"counts": counts, "inputs_sha256": sha[0] if sha else None}


def assert_complete(target: Path, reference: dict[str, object], context: str) -> None:
    """The target opens read-only, has every table in full and loads as a dataset."""
    assert target.is_file(), f"{context}: the database is gone"
    assert snapshot(target) == reference, f"{context}: the database is incomplete"
    dataset = load_dataset(target)
    assert dataset.meta["inputs_sha256"] == reference["inputs_sha256"], context
    assert len(dataset.unit_ids("omraden")) == 14, context


def test_killed_builds_never_lose_or_half_write_the_database(
    tmp_path: Path, built_db: Path
) -> None:
    # The session's database is built from the same committed inputs by the same code.
    reference = snapshot(built_db)
    assert all(reference["counts"][name] > 0 for name in TABLES), reference
    assert reference["inputs_sha256"], "the reference has no inputs fingerprint"

    target = tmp_path / "served" / "indicators.duckdb"
    target.parent.mkdir()
    flag = tmp_path / "paused"
    # The hook's variable naming no stage of the build: it runs straight through.
    duration = timed_build(target, pause=f"no-such-stage:{flag}")
    assert not flag.exists()
    assert_complete(target, reference, "first build")

    # Any moment: delays drawn uniformly over the build's duration.
    rng = random.Random(SEED)
    delays = [rng.uniform(0, 1.2 * duration) for _ in range(N_UNIFORM_KILLS)]
    for i, delay in enumerate(delays):
        proc = start_build(target)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=delay)  # the kill's moment, or earlier if the build ended
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()  # reap it, so its pid is no longer a live process
        context = f"kill {i} after {delay:.3f} s (exit {proc.returncode})"
        leftovers = temp_files(target)
        # A leftover is only ever beside the target, never in its place.
        assert all(p != target and p.parent == target.parent for p in leftovers), context
        # Each build clears the leftovers of killed builds before it writes its own,
        # so they never pile up: at most one dead build's files lie there at a time.
        assert len(leftover_pids(target)) <= 1, f"{context}: stale files pile up: {leftovers}"
        assert_complete(target, reference, context)

    # Every step of the write, forced: a non-atomic build would corrupt the target.
    for stage, leaves_temp in PAUSE_STAGES.items():
        killed = kill_at(target, stage, flag)
        context = f"killed at {stage!r}"
        assert leftover_pids(target) == ({killed} if leaves_temp else set()), context
        assert all(p != target and p.parent == target.parent for p in temp_files(target))
        assert_complete(target, reference, context)

    # The last killed build's leftover is cleared by the next build.
    assert len(leftover_pids(target)) == 1
    timed_build(target)
    assert_complete(target, reference, "build after the kills")
    assert temp_files(target) == [], "the next build left stale temporary files behind"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def leftover_pids(target: Path) -> set[int]:
    """Process ids named in the temporary files beside ``target``."""
    pattern = temp_pattern(target)
    return {int(pattern.fullmatch(p.name).group(1)) for p in temp_files(target)}


def test_build_keeps_the_temporary_file_of_a_running_build(tmp_path: Path) -> None:
    """Cleaning up must not delete the temp file of another build that is still alive."""
    target = tmp_path / "indicators.duckdb"
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = target.with_name(f".{target.name}.{alive.pid}.tmp")
        theirs.write_bytes(b"another build is writing this")
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        stale = target.with_name(f".{target.name}.{dead.pid}.tmp")
        stale.write_bytes(b"left by a killed build")
        stale_wal = stale.with_name(stale.name + ".wal")
        stale_wal.write_bytes(b"")
        unrelated = target.with_name("notes.tmp")
        unrelated.write_bytes(b"not ours")

        proc = start_build(target)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()

        assert theirs.read_bytes() == b"another build is writing this"
        assert not stale.exists() and not stale_wal.exists()
        assert unrelated.exists()
        load_dataset(target)
    finally:
        alive.kill()
        alive.wait()
