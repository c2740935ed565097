"""``python -m areaindex build``: the committed compact dataset -> ``indicators.duckdb``.

The build validates everything first, writes a temporary database beside the
target, checks that it opens and is complete, and only then replaces the target
with an atomic rename. A build that fails at any point leaves the previous
database untouched. The output is deterministic: the same inputs give the same
tables, row for row.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely

from areaindex.data_errors import AreaIndexError, BuildError, SourceError
from areaindex.store import added, divisions, geo, reference_lists, sweden, turnout
from areaindex.store.aggregate import aggregate, at_regso
from areaindex.store.catalogue import Catalogue, load_catalogue
from areaindex.store.longtable import LONG_COLUMNS, read_long
from areaindex.store.paths import DATABASE, ROOT

DEFAULT_DB = DATABASE
SCHEMA_VERSION = "1"
TABLES = (
    "meta",
    "levels",
    "dimensions",
    "indicators",
    "units",
    "membership",
    "indicator_values",
    "geometries",
    "turnout_approximation",
    "reference_lists",  # reference_lists.LIST_TABLES, written out for the SQL scan
    "reference_areas",
)

# Tolerance (degrees, ~1e-4 deg = 6-11 m) for simplifying the shapes of each level's
# map layer; the larger the units, the coarser the outline that still looks right.
LEVEL_SIMPLIFY_DEG = {
    "omraden": 1.5e-4,
    "stadsdelar": 1.5e-4,
    "stadsomraden": 2e-4,
    "regso": 0.0,
    "kommun": 2e-4,
}


def input_files(root: Path = ROOT) -> list[Path]:
    """Every committed file the database is built from."""
    return [
        root / "data" / "catalogue.toml",
        root / "data" / "values_official.csv",
        root / "data" / "values_illustrative.csv",
        root / "data" / turnout.ALLOCATION_FILE,
        root / "geodata" / "regso.geojson",
        root / "geodata" / divisions.OMRADEN_FILE,
        root / "geodata" / divisions.STADSDELAR_FILE,
        root / sweden.GEOMETRY_FILE,
        root / sweden.VALUES_FILE,
        root / sweden.KOMMUNER_FILE,
        *added.entry_files(root),
        root / "data" / reference_lists.META_FILE,
        *(root / "data" / name for name in reference_lists.LIST_FILES),
        root / "geodata" / reference_lists.KEY_FILE,
    ]


def load_inputs(
    root: Path = ROOT, pending: Sequence[added.AddedIndicator] = ()
) -> dict[str, object]:
    """Read and validate the committed dataset.

    The indicators added under ``data/added/`` are merged in (see
    :mod:`areaindex.store.added`); ``pending`` adds or updates some that are not
    written yet, so that ``add-indicator`` can check them before writing.

    Raises
    ------
    SourceError, BuildError
        Naming the file (and row or column) that is wrong.
    """
    data, geodata = root / "data", root / "geodata"
    catalogue = load_catalogue(data / "catalogue.toml")
    regso = geo.read_geojson(geodata / "regso.geojson")
    for column in ("regso", "name"):
        if column not in regso.columns:
            raise SourceError(geodata / "regso.geojson", "egenskapen saknas", column=column)
    codes = set(regso["regso"])
    omraden = divisions.read_omraden(geodata / divisions.OMRADEN_FILE, codes)
    stadsdelar = divisions.read_stadsdelar(geodata / divisions.STADSDELAR_FILE, codes)
    official = read_long(data / "values_official.csv")
    illustrative = read_long(data / "values_illustrative.csv")
    check_values(official, catalogue, codes, data / "values_official.csv", "official")
    check_values(illustrative, catalogue, codes, data / "values_illustrative.csv", "illustrative")
    entries = {e.id: e for e in added.read_added(root)} | {e.id: e for e in pending}
    catalogue, values = added.apply_added(
        catalogue, pd.concat([official, illustrative], ignore_index=True), list(entries.values())
    )
    for entry in entries.values():
        check_values(entry.values, catalogue, codes, entry.values_path, entry.indicator.status)
    lists = reference_lists.read_reference_lists(
        data, geodata, dict(zip(regso["regso"], regso["name"], strict=True))
    )
    return {
        **lists,
        "catalogue": catalogue,
        "regso": regso.sort_values("regso").reset_index(drop=True),
        "omraden": omraden,
        "stadsdelar": stadsdelar,
        "values": values,
        "allocation": turnout.read_allocation(data / turnout.ALLOCATION_FILE, codes),
    }


def check_values(
    values: pd.DataFrame,
    catalogue: Catalogue,
    codes: set[str],
    path: Path,
    status: str,
    *,
    complete: bool = True,
) -> None:
    """Validate long-form values against the catalogue and the RegSO map.

    Each file may hold only indicators of its own status, so modelled values can
    never be passed off as official statistics. With ``complete`` every RegSO
    must have every indicator (Malmö); the national file may lack a few (a RegSO
    new in the 2025 map has no earlier statistics).
    """
    known = {ind.id: ind for ind in catalogue.indicators}

    def fail(mask: pd.Series, message: str, column: str) -> None:
        if mask.any():
            row = int(np.flatnonzero(mask.to_numpy())[0])
            value = values.iloc[row][column]
            value = value.item() if isinstance(value, np.generic) else value  # 2019, not np.int64
            raise SourceError(path, message.format(value), row=row, column=column)

    fail(~values["indicator"].isin(known), "indikatorn {!r} finns inte i katalogen", "indicator")
    wrong = values["indicator"].map(lambda i: known[i].status != status)
    fail(wrong, f"indikatorn {{!r}} har inte status {status!r} i katalogen", "indicator")
    fail(~values["unit"].isin(codes), "RegSO {!r} finns inte på kartan", "unit")
    dup = values.duplicated(["unit", "indicator", "year", "sex"])
    fail(dup, "raden {!r} förekommer två gånger (samma område, indikator, år, kön)", "unit")
    bad_year = [
        y not in known[i].years for i, y in zip(values["indicator"], values["year"], strict=True)
    ]
    fail(pd.Series(bad_year), "året {!r} finns inte bland indikatorns år i katalogen", "year")
    bad_sex = [
        s not in known[i].sexes for i, s in zip(values["indicator"], values["sex"], strict=True)
    ]
    fail(pd.Series(bad_sex), "könet {!r} finns inte bland indikatorns kön i katalogen", "sex")
    fail(~np.isfinite(values["value"].fillna(0)), "värdet {!r} är inte ändligt", "value")
    negative = (values[["numerator", "denominator"]] < 0).any(axis=1)
    fail(negative, "negativt antal i rad för {!r}", "indicator")
    scale = values["indicator"].map(
        lambda i: known[i].scale if known[i].aggregation == "ratio" else np.nan
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = scale * values["numerator"] / values["denominator"]
    off = (expected - values["value"]).abs() > 1e-3 * np.maximum(1, values["value"].abs())
    fail(off.fillna(False), "värdet för {!r} stämmer inte med täljare/nämnare", "indicator")
    for indicator_id in values["indicator"].unique():
        per_unit = (
            values[values["indicator"] == indicator_id].groupby(["year", "sex"])["unit"].nunique()
        )
        if complete and (per_unit != len(codes)).any():
            raise SourceError(path, f"indikatorn {indicator_id!r} saknar värden för några RegSO")


def level_tables(inputs: dict[str, object]) -> dict[str, pd.DataFrame]:
    """Units, membership, values and geometry of every level."""
    catalogue: Catalogue = inputs["catalogue"]  # type: ignore[assignment]
    regso = inputs["regso"]
    member = divisions.membership(inputs["omraden"], inputs["stadsdelar"])  # type: ignore[arg-type]
    values = inputs["values"]
    population = values[
        (values["indicator"] == "population") & (values["sex"] == "total")  # type: ignore[index]
    ]
    latest = population[population["year"] == population["year"].max()]
    units, value_parts, geom_rows = [], [], []
    for order, lvl in enumerate((*divisions.LEVELS, divisions.CITY_LEVEL)):
        rows = member[member["level"] == lvl.id]
        groups = rows.set_index("regso")["unit"]
        names = rows.drop_duplicates("unit").set_index("unit")["unit_name"]
        pop = latest.assign(unit=latest["unit"].map(groups)).groupby("unit")["value"].sum()
        ordered = sorted(names.index, key=lambda u: (names[u].casefold(), u))
        units.append(
            pd.DataFrame(
                {
                    "level": lvl.id,
                    "unit": ordered,
                    "name": [names[u] for u in ordered],
                    "population": [float(pop.get(u, np.nan)) for u in ordered],
                    "level_order": order,
                    "unit_order": range(len(ordered)),
                }
            )
        )
        if lvl.id == "regso":
            value_parts.append(at_regso(values, catalogue))  # type: ignore[arg-type]
        else:
            value_parts.append(aggregate(values, groups, catalogue, lvl.id))  # type: ignore[arg-type]
        shapes = geo.dissolve(regso, regso["regso"].map(groups), order=ordered)  # type: ignore[index]
        tolerance = LEVEL_SIMPLIFY_DEG[lvl.id]
        if tolerance:
            shapes = pd.Series(
                shapely.coverage_simplify(shapes.values, tolerance), index=shapes.index
            )
        for unit, shape in shapes.items():
            geom = geo.round_coordinates(shape)
            geom_rows.append((lvl.id, unit, shapely.to_geojson(geom)))
    return {
        "units": pd.concat(units, ignore_index=True),
        "membership": member[["regso", "level", "unit"]].sort_values(["level", "regso"]),
        "indicator_values": pd.concat(value_parts, ignore_index=True),
        "geometries": pd.DataFrame(geom_rows, columns=["level", "unit", "geojson"]),
        "turnout_approximation": turnout.approximation_table(inputs["allocation"], member),  # type: ignore[arg-type]
    }


def catalogue_tables(catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    """Levels, dimensions and indicators as tables, in display order."""
    dims = pd.DataFrame([asdict(d) for d in catalogue.dimensions]).rename(
        columns={"id": "dimension"}
    )
    dims["ord"] = range(len(dims))
    inds = pd.DataFrame([asdict(i) for i in catalogue.indicators]).rename(
        columns={"id": "indicator"}
    )
    inds["years"] = inds["years"].map(list)
    inds["sexes"] = inds["sexes"].map(list)
    inds["ord"] = range(len(inds))
    all_levels = (*divisions.LEVELS, divisions.CITY_LEVEL)
    levels = pd.DataFrame([asdict(lv) for lv in all_levels]).rename(columns={"id": "level"})
    levels["ord"] = range(len(levels))
    return {"levels": levels, "dimensions": dims, "indicators": inds}


def fingerprint(paths: list[Path]) -> str:
    """SHA-256 over the inputs' names and contents: what the database was built from."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build(target: str | Path = DEFAULT_DB, root: str | Path = ROOT) -> Path:
    """Build the database from the committed dataset, atomically.

    Parameters
    ----------
    target : str or Path
        The database file to (re)place.
    root : str or Path
        The project root holding ``data/`` and ``geodata/``.

    Returns
    -------
    Path
        The database path.

    Raises
    ------
    SourceError, BuildError
        If the inputs are invalid or the new database fails its checks; the
        existing database (if any) is left as it was.
    """
    target, root = Path(target), Path(root)
    inputs = load_inputs(root)
    tables = {
        **catalogue_tables(inputs["catalogue"]),  # type: ignore[arg-type]
        **level_tables(inputs),
        **{name: inputs[name] for name in reference_lists.LIST_TABLES},
    }
    national = sweden.national_tables(root, inputs["catalogue"])
    check_values(
        national["values"].query("level == @sweden.NATIONAL_LEVEL")[list(LONG_COLUMNS)],
        inputs["catalogue"],  # type: ignore[arg-type]
        set(national["units"].query("level == @sweden.NATIONAL_LEVEL")["unit"]),
        root / sweden.VALUES_FILE,
        "official",
        complete=False,
    )
    tables["units"] = pd.concat(
        [tables["units"].assign(kommun=divisions.CITY_UNIT), national["units"]], ignore_index=True
    )
    tables["indicator_values"] = pd.concat(
        [tables["indicator_values"], national["values"]], ignore_index=True
    )
    tables["geometries"] = pd.concat(
        [tables["geometries"], national["geometries"]], ignore_index=True
    )
    meta = {
        "schema_version": SCHEMA_VERSION,
        "inputs_sha256": fingerprint(input_files(root)),
        "duckdb_version": duckdb.__version__,
        **{f"catalogue.{k}": str(v) for k, v in inputs["catalogue"].meta.items()},  # type: ignore[attr-defined]
    }
    tables = {"meta": pd.DataFrame(sorted(meta.items()), columns=["key", "value"]), **tables}
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove(tmp)
    _remove_stale_temporaries(target)
    _pause_for_tests("started")
    try:
        write_database(tmp, tables)
        _pause_for_tests("written")
        verify_database(tmp, tables)
        _pause_for_tests("verified")
        os.replace(tmp, target)
        _pause_for_tests("replaced")
        _fsync_dir(target.parent)
    finally:
        _remove(tmp)
    return target


def write_database(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write every table into a new DuckDB file (single-threaded, so deterministic)."""
    con = duckdb.connect(str(path), config={"threads": 1, "enable_external_access": False})
    try:
        for name in TABLES:
            con.register("frame_view", tables[name])
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame_view')  # noqa: S608 - fixed names
            con.unregister("frame_view")
            if name == TABLES[len(TABLES) // 2]:
                _pause_for_tests("writing")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def verify_database(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Reopen the new file read-only and check every table is complete."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        for name in TABLES:
            count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
            if count != len(tables[name]):
                raise BuildError(f"tabellen {name} har {count} rader, väntade {len(tables[name])}")
    finally:
        con.close()


# Tests only (tests/test_build_kill.py): ``AREAINDEX_BUILD_PAUSE=<stage>:<file>`` makes
# the build stop at ``stage`` (``started``: inputs read, no temporary file yet;
# ``writing``: half the tables are in the temporary file; ``written``; ``verified``:
# just before the rename; ``replaced``: just after it), create ``file`` and wait while
# it exists, so that a test can kill the build at exactly that moment instead of
# hoping a timer lands there.
PAUSE_ENV = "AREAINDEX_BUILD_PAUSE"


def _pause_for_tests(stage: str) -> None:
    wanted, _, flag = os.environ.get(PAUSE_ENV, "").partition(":")
    if wanted != stage or not flag:
        return
    Path(flag).write_text(str(os.getpid()), encoding="utf-8")
    while Path(flag).exists():
        time.sleep(0.01)


def is_stale(target: Path = DEFAULT_DB, root: Path = ROOT) -> bool:
    """True when the database is missing or was built from other inputs."""
    if not target.exists():
        return True
    try:
        con = duckdb.connect(str(target), read_only=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = ?", ["inputs_sha256"]).fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return True
    return row is None or row[0] != fingerprint(input_files(root))


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            candidate.unlink()


def _remove_stale_temporaries(target: Path) -> None:
    """Delete temporary databases (and WALs) left beside ``target`` by killed builds.

    A build killed with SIGKILL cannot remove its own ``.<name>.<pid>.tmp``; the pid
    in the name tells whether that build is still running. Files of running builds
    are kept, so two builds at once never delete each other's work.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.tmp(\.wal)?")
    if not target.parent.is_dir():
        return
    for path in target.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match and not _process_alive(int(match.group(1))):
            path.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    # Signal 0 delivers nothing; it only asks the kernel whether the pid exists.
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    return True


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``build`` on the command line."""
    parser = subparsers.add_parser("build", help="build indicators.duckdb from the committed data")
    parser.add_argument("--out", type=Path, default=DEFAULT_DB, help="database file to write")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root with data/, geodata/")


def run(args: argparse.Namespace) -> int:
    """Run ``build``; exit code 2 with a message naming the file on bad input."""
    try:
        path = build(args.out, args.root)
    except AreaIndexError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    print(f"byggde {path}")
    return 0
