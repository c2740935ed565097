"""The launcher (``python -m ui.serve``): what it warms up, and what it hands to Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ui import serve

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter in the project (the warm-up fills process caches)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_warm_up_imports_no_module_that_declares_a_component():
    # A custom component registers with Streamlit only when it is imported during
    # a page run: imported by the warm-up, the map would never draw.
    out = run_python(
        "import sys\n"
        "from ui.serve import warm_up\n"
        "warm_up()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit_folium'"
        " or m == 'ui.mapping'))\n"
    )
    assert out == "[]"


def test_warm_up_imports_the_libraries_and_caches_the_dataset():
    out = run_python(
        "import sys\n"
        "from ui.serve import warm_up, WARM_MODULES\n"
        "warm_up()\n"
        "import ui.core\n"
        "def fail(*args, **kwargs):\n"
        "    raise AssertionError('the dataset was loaded a second time')\n"
        "ui.core.load_dataset = fail\n"
        "ui.core.get_dataset()\n"
        "print(all(m in sys.modules for m in WARM_MODULES), 'folium' in sys.modules)\n"
    )
    assert out == "True True"


def test_main_warms_up_then_hands_its_options_to_streamlit_run(monkeypatch, capsys):
    import streamlit.web.cli as cli

    calls: list[object] = []
    monkeypatch.setattr(serve, "warm_up", lambda: calls.append("warm") or 1.34)
    monkeypatch.setattr(cli, "main", lambda: calls.append(list(sys.argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["serve"])
    monkeypatch.delenv("AREAINDEX_APP", raising=False)  # conftest runs a copy of the app
    with pytest.raises(SystemExit) as stop:
        serve.main(["--server.port", "8600"])
    assert stop.value.code == 0
    assert calls == ["warm", ["streamlit", "run", str(ROOT / "app.py"), "--server.port", "8600"]]
    assert "laddade på 1,3 s" in capsys.readouterr().err


def test_main_runs_the_app_named_by_the_environment(monkeypatch, tmp_path):
    """Tests run the app from a copy of its tree whose static/ is theirs (testkit.server)."""
    import streamlit.web.cli as cli

    calls: list[object] = []
    monkeypatch.setattr(serve, "warm_up", lambda: 0.5)
    monkeypatch.setattr(cli, "main", lambda: calls.append(list(sys.argv)) or 0)
    monkeypatch.setenv("AREAINDEX_APP", str(tmp_path / "app.py"))
    with pytest.raises(SystemExit):
        serve.main([])
    assert calls == [["streamlit", "run", str(tmp_path / "app.py")]]
