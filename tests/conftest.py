"""Shared fixtures for the data-pipeline tests.

- ``repo_root``: the project root (holds the committed ``data/`` and ``geodata/``).
- ``shared_data``: the raw sources in ``../shared/data``; skips when they are absent
  (a user's clone has none, CI has them). Only tests marked ``sources`` may use it.
- ``built_db``: ``indicators.duckdb`` built once per session from the committed data
  into a temporary folder (never the repository's own database).
- ``db``: the built database's tables as DataFrames, read once per session.
- ``app_env`` (used by every test): the app's database is ``built_db`` and its
  static folder a temporary one (``AREAINDEX_DB``, ``AREAINDEX_STATIC``,
  ``AREAINDEX_APP``; :func:`testkit.server.app_tree`), so AppTest runs and
  servers never read the repository's ``indicators.duckdb`` nor write into its
  ``static/``.
- ``server``: the app (``python -m ui.serve``, as ``make run`` starts it) on a free port,
  one per test session.
- ``browser``: Debian's Chromium through Playwright, one per test session.

The server and browser helpers are in :mod:`testkit` (shared with ``bench``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import settings

# Correctness, never speed: no example may fail for taking long on a busy machine.
settings.register_profile("areaindex", deadline=None)
settings.load_profile("areaindex")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# The official Malmö population on 31 December (SCB; the sources' README).
MALMO_POPULATION = {2020: 347_949, 2021: 351_749, 2022: 357_377, 2023: 362_133}
N_REGSO = 91


@pytest.fixture(scope="session", autouse=True)
def app_env(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Point the app (in AppTest and in servers) at the session's database and static folder."""
    from testkit.server import app_env as environment
    from testkit.server import app_tree

    tree = tmp_path_factory.mktemp("app")
    app_tree(tree)
    env = environment(built_db, tree)
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield env
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def server(app_env: dict[str, str]) -> Iterator[str]:
    """The app on a free port, started once for the session's tests and stopped after them.

    Every test opens its own browser context, so each is a new Streamlit session.
    """
    from testkit.server import app_server

    with app_server(app_env) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (never a downloaded browser), closed after the session."""
    from testkit.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def dataset(built_db: Path):
    """The session's database as the app loads it."""
    from areaindex.store.dataset import load_dataset

    return load_dataset(built_db)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project root."""
    return REPO_ROOT


# The files that take a worker longest (about 20 s to 200 s each on the 2-core
# machine), longest first. ``make test`` (``-n 2 --dist loadfile``) hands whole files
# to the two workers in collection order; started first, they share out evenly and
# the quick files fill the gaps, so neither worker is left alone with a long file
# at the end. Only the order of the files changes: no test depends on it.
SLOWEST_FIRST = (
    "test_browser_every_page.py",
    "test_browser.py",
    "test_bench_smoke.py",
    "test_accessibility.py",
    "test_proxy.py",
    "test_build_kill.py",
    "test_add_indicator.py",
    "test_load.py",
    "test_map_fragment.py",
    "test_prepare.py",
    "test_report.py",
)


def pytest_configure(config: pytest.Config) -> None:
    """Keep the file order of :data:`SLOWEST_FIRST` under pytest-xdist.

    xdist's ``loadfile`` otherwise reorders files by their number of tests, which
    puts long files of few tests (whole browser sessions, killed builds) last.
    """
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the slowest files first; refuse a test that reads the raw sources without the
    ``sources`` marker.

    A user's clone has no ``../shared``; CI selects and runs the marked tests.
    The order within a file, and of the other files, is kept (a stable sort).
    """
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
    for item in items:
        uses_sources = "shared_data" in getattr(item, "fixturenames", ())
        if uses_sources and item.get_closest_marker("sources") is None:
            raise pytest.UsageError(
                f"{item.nodeid} reads ../shared/data but is not marked @pytest.mark.sources"
            )


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The raw source folder ``../shared/data``; skips when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(
            f"raw sources not found at {SHARED_DATA} (../shared/data next to the clone); "
            "tests marked 'sources' run in CI, where they are present"
        )
    return SHARED_DATA


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database built from the committed data, once per session."""
    from areaindex.store.build import build

    return build(tmp_path_factory.mktemp("db") / "indicators.duckdb", root=REPO_ROOT)


@pytest.fixture(scope="session")
def full_db(built_db: Path) -> dict[str, pd.DataFrame]:
    """Every table of the built database, every row (read-only connection)."""
    from areaindex.store.build import TABLES

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return {name: con.execute(f'SELECT * FROM "{name}"').df() for name in TABLES}
    finally:
        con.close()


MALMO_LEVELS = ("omraden", "stadsdelar", "stadsomraden", "regso", "kommun")


@pytest.fixture(scope="session")
def db(full_db: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The built database's Malmö rows: every table, without the national levels."""
    out = {}
    for name, frame in full_db.items():
        if "level" in frame.columns and name != "levels":
            frame = frame[frame["level"].isin(MALMO_LEVELS)].reset_index(drop=True)
        out[name] = frame
    return out


@pytest.fixture(scope="session")
def national_db(full_db: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The built database's national rows (all of Sweden)."""
    return {
        name: frame[~frame["level"].isin(MALMO_LEVELS)].reset_index(drop=True)
        for name, frame in full_db.items()
        if "level" in frame.columns and name != "levels"
    }


@pytest.fixture(scope="session")
def committed_values(repo_root: Path) -> pd.DataFrame:
    """Official and illustrative RegSO values as committed, read as plain CSV."""
    parts = [
        pd.read_csv(repo_root / "data" / name, dtype={"unit": str, "indicator": str, "sex": str})
        for name in ("values_official.csv", "values_illustrative.csv")
    ]
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="session")
def regso_of(repo_root: Path) -> dict[str, dict[str, str]]:
    """RegSO -> unit per level, read straight from the committed division files."""
    from areaindex.store.divisions import slug

    omraden = pd.read_csv(repo_root / "geodata" / "omraden_provisoriska_2023.csv", dtype=str)
    stadsdelar = pd.read_csv(repo_root / "geodata" / "regso_stadsdelar.csv", dtype=str)
    return {
        "omraden": dict(zip(omraden["regso"], omraden["omrade"], strict=True)),
        "stadsdelar": {
            r: slug(s) for r, s in zip(stadsdelar["regso"], stadsdelar["stadsdel"], strict=True)
        },
        "stadsomraden": {
            r: slug(s) for r, s in zip(stadsdelar["regso"], stadsdelar["stadsomrade"], strict=True)
        },
        "kommun": dict.fromkeys(stadsdelar["regso"], "1280"),
        "regso": {r: r for r in stadsdelar["regso"]},
    }
