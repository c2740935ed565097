"""``python -m areaindex build`` killed with SIGKILL never loses or half-writes the database.

Many users read the same ``indicators.duckdb``; a rebuild that dies at any
moment (out of memory, a deploy that kills the job, a power cut) must leave the
previous, complete database at the target. The build writes a temporary file
beside the target and renames it into place, so these tests kill real build
processes at random moments and then check the file at the target every time.

A killed process cannot remove its temporary file; the next successful build
must remove such leftovers (of processes that no longer exist), but never the
temporary file of a build that is still running.
"""

from __future__ import annotations

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

from areaindex.build import TABLES
from areaindex.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SEED = 20231124
N_UNIFORM_KILLS = 20  # delays drawn uniformly over [0, 1.2 x one build's duration]
N_WRITE_KILLS = 6  # delays drawn inside the measured write phase (temp file -> rename)
POLL_S = 0.002

pytestmark = pytest.mark.slow


def temp_pattern(target: Path) -> re.Pattern[str]:
    """Names of the build's temporary files for ``target`` (database and its WAL)."""
    return re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.tmp(\.wal)?")


def temp_files(target: Path) -> list[Path]:
    """Temporary build files lying beside ``target``."""
    pattern = temp_pattern(target)
    return sorted(p for p in target.parent.iterdir() if pattern.fullmatch(p.name))


def start_build(target: Path) -> subprocess.Popen[bytes]:
    """Start ``python -m areaindex build --out target`` as its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "areaindex", "build", "--out", str(target)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def timed_build(target: Path) -> tuple[float, float | None, float | None]:
    """Run one build to completion; return its duration and when the temp file came and went.

    The write phase (temporary file present) is a small part of the build; it is
    measured so that some kills can be aimed at it, where a non-atomic build
    would corrupt the target.
    """
    start = time.monotonic()
    proc = start_build(target)
    appeared = vanished = None
    while proc.poll() is None:
        now = time.monotonic() - start
        present = bool(temp_files(target))
        if present and appeared is None:
            appeared = now
        elif not present and appeared is not None and vanished is None:
            vanished = now
        time.sleep(POLL_S)
    duration = time.monotonic() - start
    _, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    return duration, appeared, vanished


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


def test_killed_builds_never_lose_or_half_write_the_database(tmp_path: Path) -> None:
    reference_db = tmp_path / "reference" / "indicators.duckdb"
    reference_db.parent.mkdir()
    duration, appeared, vanished = timed_build(reference_db)
    reference = snapshot(reference_db)
    assert all(reference["counts"][name] > 0 for name in TABLES), reference
    assert reference["inputs_sha256"], "the reference has no inputs fingerprint"

    target = tmp_path / "served" / "indicators.duckdb"
    target.parent.mkdir()
    timed_build(target)
    assert_complete(target, reference, "first build")

    rng = random.Random(SEED)
    horizon = 1.2 * duration
    delays = [rng.uniform(0, horizon) for _ in range(N_UNIFORM_KILLS)]
    # Aim some kills at the write phase seen in the reference build (widened a
    # little, as timings vary); still within [0, 1.2 x duration].
    if appeared is not None:
        end = vanished if vanished is not None else duration
        low, high = max(0.0, appeared - 0.05), min(horizon, end + 0.05)
        delays += [rng.uniform(low, high) for _ in range(N_WRITE_KILLS)]

    killed_mid_write = 0
    finished_before_kill = 0
    for i, delay in enumerate(delays):
        proc = start_build(target)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        else:
            finished_before_kill += 1
        proc.wait()  # reap it, so its pid is no longer a live process
        context = f"kill {i} after {delay:.3f} s (exit {proc.returncode})"
        leftovers = temp_files(target)
        # This build's own temp file still there: it was killed while writing it.
        killed_mid_write += any(f".{proc.pid}.tmp" in p.name for p in leftovers)
        # A leftover is only ever beside the target, never in its place.
        assert all(p != target and p.parent == target.parent for p in leftovers), context
        # Each build clears the leftovers of killed builds before it writes its own,
        # so they never pile up: at most one dead build's files lie there at a time.
        assert len(leftover_pids(target)) <= 1, f"{context}: stale files pile up: {leftovers}"
        assert_complete(target, reference, context)

    # The kills must have hit the dangerous moments, or this test proves nothing.
    assert killed_mid_write >= 1, (
        f"no kill landed while the temporary database was being written "
        f"(build {duration:.2f} s, temp file {appeared}-{vanished} s)"
    )
    assert finished_before_kill < len(delays), "every build finished before its kill"

    # One more build killed the moment its temp file exists: a certain leftover.
    killed = kill_while_writing(target)
    assert leftover_pids(target) == {killed}
    assert_complete(target, reference, "kill while writing")
    timed_build(target)
    assert_complete(target, reference, "build after the kills")
    assert temp_files(target) == [], "the next build left stale temporary files behind"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def leftover_pids(target: Path) -> set[int]:
    """Process ids named in the temporary files beside ``target``."""
    pattern = temp_pattern(target)
    return {int(pattern.fullmatch(p.name).group(1)) for p in temp_files(target)}


def kill_while_writing(target: Path, attempts: int = 5) -> int:
    """Start builds until one is SIGKILLed while its temp file exists; return its pid."""
    for _ in range(attempts):
        proc = start_build(target)
        mine = target.with_name(f".{target.name}.{proc.pid}.tmp")
        while proc.poll() is None and not mine.exists():
            time.sleep(POLL_S)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if mine.exists():
            return proc.pid
    raise AssertionError(f"no build could be killed while writing in {attempts} attempts")


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
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()

        assert theirs.read_bytes() == b"another build is writing this"
        assert not stale.exists() and not stale_wal.exists()
        assert unrelated.exists()
        load_dataset(target)
    finally:
        alive.kill()
        alive.wait()
