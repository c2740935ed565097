"""Start the app with its start-up work done before the first visitor arrives.

``python -m ui.serve [streamlit run options]`` (what ``make run`` calls) imports
the app's libraries and loads the indicator database, then starts
``streamlit run app.py`` in the same process. ``streamlit run app.py`` works
too, but then the first visitor after a start waits about a second longer for
the map: that work happens during their page load (``bench/FINDINGS.md``).

The server reports itself ready (``/_stcore/health``) only after this work, so
a load balancer or systemd sends no visitor to a cold process.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"

# What the pages import, minus ``streamlit_folium`` (and ``ui.mapping``, which
# imports it): a custom component registers itself with Streamlit only when it
# is imported during a script run, so the page script must be the first to
# import it. Its heavy dependencies (folium, branca, jinja2) are warmed here.
WARM_MODULES: tuple[str, ...] = (
    "numpy",
    "pandas",
    "duckdb",
    "folium",
    "folium.plugins",
    "plotly.graph_objects",
    "ui.core",
    "ui.controls",
    "ui.sections",
    "ui.live",
    "ui.upload_panel",
    "ui.share",
    "areaindex.views.classify",
    "areaindex.views.mapview",
    "areaindex.views.profile",
    "areaindex.views.charts",
)


# Streamlit warns when its caches are used outside a page run ("No runtime
# found", "missing ScriptRunContext"): expected here, and not worth an
# operator's attention.
_QUIET_LOGGERS = (
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
)


@contextlib.contextmanager
def _quiet(names: Sequence[str] = _QUIET_LOGGERS) -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in names]
    disabled = [lg.disabled for lg in loggers]
    for lg in loggers:
        lg.disabled = True
    try:
        yield
    finally:
        for lg, was in zip(loggers, disabled, strict=True):
            lg.disabled = was


def warm_up(modules: Sequence[str] = WARM_MODULES) -> float:
    """Import ``modules`` and load the dataset and presets into Streamlit's resource cache.

    Parameters
    ----------
    modules : sequence of str
        Modules to import. Must not contain a module that declares a Streamlit
        custom component at import time (see ``WARM_MODULES``).

    Returns
    -------
    float
        Seconds taken.
    """
    start = time.perf_counter()
    with _quiet():
        for name in modules:
            importlib.import_module(name)
        from ui.core import get_dataset, get_presets

        # st.cache_resource keeps these for the process: the first page run finds them.
        get_dataset()
        get_presets()
    return time.perf_counter() - start


def ensure_database() -> None:
    """Build the database when it is missing, before any page runs.

    The launcher, not a page, builds it; in a process of its own, so that the
    app never imports the build stage. ``make run`` rebuilds a stale one.
    """
    from ui.core import database_path

    path = database_path()
    if path.exists():
        return
    print(f"Områdesindex: bygger databasen {path} …", file=sys.stderr)
    command = [sys.executable, "-m", "areaindex", "build", "--out", str(path)]
    subprocess.run(command, check=True, cwd=APP.parent)


def _no_config_watch(*args: object, **kwargs: object) -> bool:
    return False


def main(argv: Sequence[str] | None = None) -> None:
    """Warm up, then hand over to ``streamlit run app.py`` with ``argv`` as its options."""
    options = list(sys.argv[1:] if argv is None else argv)
    ensure_database()
    seconds = warm_up()
    shown = f"{seconds:.1f}".replace(".", ",")
    print(f"Områdesindex: bibliotek och data laddade på {shown} s", file=sys.stderr)
    from streamlit.web import bootstrap, cli

    # Streamlit polls its config files five times a second for changes, in every
    # process, busy or idle (bench/profile.py: about 3 ms of CPU a second). The
    # options are read once at start; a changed config.toml needs a restart.
    bootstrap.watch_file = _no_config_watch
    # Tests run the app from a throw-away tree with its own static folder
    # (``testkit.server.app_tree``); Streamlit serves ``static/`` beside the script.
    app = os.environ.get("AREAINDEX_APP", str(APP))
    sys.argv = ["streamlit", "run", app, *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
