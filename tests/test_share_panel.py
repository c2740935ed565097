"""The share panel's method file: what each slider move sends for it.

A public method's text around its weights is a static file the browser fetches
once, and a move sends only the weights as the file writes them; a method
uploaded in the session is sent whole and never written to the static folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from areaindex.index.method import method_to_toml
from areaindex.views.indexview import load_presets
from tests.uploaded_methods import uploaded_method

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
WEIGHTS = {"delaktighet": 2, "utbildning": 7, "ekonomi": 0, "boende": 9}


def share_download(at: AppTest) -> dict:
    panels = [json.loads(c.proto.json) for c in at.get("bidi_component")]
    return next(p["download"] for p in panels if p.get("part") == "share")


def static_file(url: str) -> Path:
    return Path(os.environ["AREAINDEX_STATIC"]) / url.removeprefix("/app/static/")


def test_a_preset_sends_its_weights_and_the_file_is_the_method_with_them():
    at = AppTest.from_file(APP, default_timeout=90)
    for dim, weight in WEIGHTS.items():
        at.query_params[f"w_{dim}"] = str(weight)
    at.run()
    assert not at.exception, at.exception
    download = share_download(at)
    assert "text" not in download
    parts = json.loads(static_file(download["template"]).read_text(encoding="utf-8"))
    assert len(parts) == len(download["values"]) + 1
    # As the browser joins them (ui/live/component.js, oiFileText).
    text = "".join(p + v for p, v in zip(parts, download["values"], strict=False)) + parts[-1]
    method = load_presets()["malmo_stadskontoret_2023"]
    weights = {d: float(WEIGHTS.get(d, 0)) for d in method.dimension_ids}
    assert text == method_to_toml(method.with_weights(weights))


def test_an_uploaded_method_is_sent_whole_and_not_published():
    method = uploaded_method()
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["_uploaded_methods"] = {method.id: method}
    at.query_params["preset"] = method.id
    at.run()
    assert not at.exception, at.exception
    download = share_download(at)
    assert "template" not in download and "values" not in download
    assert download["text"].startswith("[method]")
    assert f'id = "{method.id}"' in download["text"]
    published = Path(os.environ["AREAINDEX_STATIC"]) / "live"
    assert not list(published.glob(f"method-{method.id}-*.json"))
