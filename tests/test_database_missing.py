"""A page never builds the database: without one it says how to, the launcher builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

import ui.serve

ROOT = Path(__file__).resolve().parent.parent


def test_a_page_without_a_database_says_how_to_build_it(tmp_path, monkeypatch):
    missing = tmp_path / "none.duckdb"
    monkeypatch.setenv("AREAINDEX_DB", str(missing))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert "Databasen saknas" in text and "The database is missing" in text
    assert "python -m areaindex build" in text and str(missing) in text
    assert not missing.exists()  # the page built nothing


def test_the_launcher_builds_a_missing_database_in_its_own_process(tmp_path, monkeypatch):
    missing = tmp_path / "new.duckdb"
    monkeypatch.setenv("AREAINDEX_DB", str(missing))
    calls = []

    def run(command, **kwargs):
        calls.append((command, kwargs))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(ui.serve.subprocess, "run", run)
    ui.serve.ensure_database()
    assert calls == [
        (
            [sys.executable, "-m", "areaindex", "build", "--out", str(missing)],
            {"check": True, "cwd": ROOT},
        )
    ]


def test_the_launcher_leaves_an_existing_database_alone(tmp_path, monkeypatch):
    existing = tmp_path / "there.duckdb"
    existing.write_bytes(b"kept")
    monkeypatch.setenv("AREAINDEX_DB", str(existing))
    monkeypatch.setattr(ui.serve.subprocess, "run", lambda *a, **k: 1 / 0)
    ui.serve.ensure_database()
    assert existing.read_bytes() == b"kept"
