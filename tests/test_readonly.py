"""The web app's database connection cannot write, read other files or load code.

The public app runs queries for many anonymous users; even if a query could be
influenced, the connection it runs on must not be able to change the database,
read or write other files, reach the network, or install and load extensions.
The app must also open the database only through
:func:`areaindex.store.dataset.connect_read_only`, so no page can bypass those limits.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from areaindex.store.build import TABLES
from areaindex.store.dataset import READ_ONLY_CONFIG, connect_read_only, load_dataset

ROOT = Path(__file__).resolve().parent.parent
# The only module allowed to open the database for writing (it builds the file).
WRITER = ROOT / "areaindex" / "store" / "build.py"
# The only function allowed to call duckdb.connect at run time.
READ_ONLY_OPENER = (ROOT / "areaindex" / "store" / "dataset.py", "connect_read_only")


def app_sources() -> list[Path]:
    """Every module of the package, the UI, the pages and the main script."""
    files = [ROOT / "app.py"]
    for folder in ("areaindex", "ui", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


@pytest.fixture()
def database(built_db: Path, tmp_path: Path) -> Path:
    """A private copy of the built database (so a failing test cannot damage others)."""
    copy = tmp_path / "indicators.duckdb"
    copy.write_bytes(built_db.read_bytes())
    return copy


@pytest.fixture()
def con(database: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The app's connection to the copy."""
    connection = connect_read_only(database)
    yield connection
    connection.close()


def fingerprint(path: Path) -> tuple[int, str]:
    """Modification time and content hash of a file."""
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def test_connection_settings_are_locked_down(con):
    for name, wanted in READ_ONLY_CONFIG.items():
        value = con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
        assert value == wanted, name
    assert READ_ONLY_CONFIG["enable_external_access"] is False
    assert READ_ONLY_CONFIG["autoload_known_extensions"] is False
    assert READ_ONLY_CONFIG["autoinstall_known_extensions"] is False


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO meta VALUES ('x', 'y')",
        "UPDATE meta SET value = 'x'",
        "DELETE FROM meta",
        "DROP TABLE meta",
        "CREATE TABLE t (x INTEGER)",
        "CREATE VIEW v AS SELECT 1",
        "ALTER TABLE meta ADD COLUMN x INTEGER",
    ],
)
def test_writes_fail(con, database, statement):
    before = fingerprint(database)
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute(statement)
    con.close()
    assert fingerprint(database) == before


@pytest.mark.parametrize(
    ("statement", "written"),
    [
        ("COPY meta TO '{out}/meta.csv'", "meta.csv"),
        ("COPY (SELECT 1 AS x) TO '{out}/one.parquet' (FORMAT parquet)", "one.parquet"),
        ("EXPORT DATABASE '{out}/export'", "export"),
    ],
)
def test_copy_to_a_file_fails(con, tmp_path, statement, written):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(duckdb.PermissionException):
        con.execute(statement.format(out=out))
    assert not (out / written).exists()


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_json('/etc/passwd')",
        "SELECT * FROM read_parquet('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        # Remote files would need httpfs; autoloading is off and so is file access.
        "SELECT * FROM read_csv('https://example.invalid/data.csv')",
    ],
)
def test_reading_other_files_fails(con, statement):
    with pytest.raises(duckdb.PermissionException):
        con.execute(statement).fetchall()


@pytest.mark.parametrize(
    "statement",
    [
        "INSTALL httpfs",
        "INSTALL json",
        "LOAD httpfs",
        "LOAD '/tmp/areaindex-not-an-extension.duckdb_extension'",
        "FORCE INSTALL spatial",
    ],
)
def test_installing_and_loading_extensions_fails(con, statement):
    # json, parquet and icu are linked into the duckdb binary itself: "LOAD json"
    # is a no-op that loads no code, so only extensions from disk are tried here.
    # The error must be the configuration's refusal, not a missing network or file
    # (offline, an unrestricted INSTALL fails too, for the wrong reason).
    with pytest.raises(duckdb.PermissionException):
        con.execute(statement)


def test_settings_cannot_reopen_file_access(con):
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.execute("SET allow_unsigned_extensions = true")
    # Autoloading can be switched back on by a statement, but it would still need
    # file access to load anything: the remote read keeps failing.
    con.execute("SET autoload_known_extensions = true")
    con.execute("SET autoinstall_known_extensions = true")
    with pytest.raises(duckdb.PermissionException):
        con.execute("SELECT * FROM 'https://example.invalid/data.parquet'").fetchall()


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("ATTACH '{other}' AS other", duckdb.PermissionException),
        ("ATTACH '{other}' AS other (READ_ONLY)", duckdb.PermissionException),
        ("ATTACH '{dir}/new.duckdb' AS new", duckdb.PermissionException),
        ("ATTACH '/etc/passwd' AS passwd", duckdb.PermissionException),
        # A writable scratch database in memory is refused too (read-only instance).
        ("ATTACH ':memory:' AS scratch", duckdb.Error),
    ],
)
def test_attach_fails(database, tmp_path, statement, refusal):
    # A real, valid database to attach, so only the configuration can refuse it.
    other = tmp_path / "other.duckdb"
    writer = duckdb.connect(str(other))
    writer.execute("CREATE TABLE secret AS SELECT 42 AS x")
    writer.close()
    before = fingerprint(other)
    con = connect_read_only(database)
    try:
        with pytest.raises(refusal):
            con.execute(statement.format(other=other, dir=tmp_path))
    finally:
        con.close()
    assert fingerprint(other) == before
    assert not (tmp_path / "new.duckdb").exists()


def test_load_dataset_never_writes(database):
    before = fingerprint(database)
    siblings = sorted(p.name for p in database.parent.iterdir())
    for _ in range(3):
        dataset = load_dataset(database)
        assert len(dataset.unit_ids("omraden")) == 14
    assert fingerprint(database) == before
    # No WAL or lock file appears beside it either.
    assert sorted(p.name for p in database.parent.iterdir()) == siblings


def test_attempted_writes_leave_the_file_untouched(database):
    before = fingerprint(database)
    con = connect_read_only(database)
    try:
        for statement in (
            "INSERT INTO meta VALUES ('x', 'y')",
            *(f'DELETE FROM "{name}"' for name in TABLES),
            "CHECKPOINT",
        ):
            with contextlib.suppress(duckdb.Error):
                con.execute(statement)
    finally:
        con.close()
    assert fingerprint(database) == before
    assert load_dataset(database).meta == load_dataset(database).meta


# -- the source: no other way into the database ---------------------------------


def duckdb_connect_calls(tree: ast.Module) -> list[tuple[int, str | None]]:
    """``duckdb.connect(...)`` calls (also via ``import duckdb as x`` or
    ``from duckdb import connect``): line and enclosing function name."""
    module_aliases: set[str] = set()
    function_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            module_aliases |= {a.asname or a.name for a in node.names if a.name == "duckdb"}
        elif isinstance(node, ast.ImportFrom) and node.module == "duckdb":
            function_aliases |= {a.asname or a.name for a in node.names if a.name == "connect"}

    found: list[tuple[int, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Call):
            func = node.func
            via_module = (
                isinstance(func, ast.Attribute)
                and func.attr == "connect"
                and isinstance(func.value, ast.Name)
                and func.value.id in module_aliases
            )
            via_name = isinstance(func, ast.Name) and func.id in function_aliases
            if via_module or via_name:
                found.append((node.lineno, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, None)
    return found


def test_scanner_finds_connect_calls():
    code = (
        "import duckdb\nimport duckdb as db\nfrom duckdb import connect as c\n"
        "def f():\n    return duckdb.connect('x')\n"
        "g = db.connect('y')\nh = c('z')\nother.connect('not duckdb')\n"
    )
    assert duckdb_connect_calls(ast.parse(code)) == [(5, "f"), (6, None), (7, None)]


def test_the_app_opens_the_database_only_read_only():
    allowed_file, allowed_function = READ_ONLY_OPENER
    sources = app_sources()
    assert allowed_file in sources and WRITER in sources
    offenders = []
    seen_in_opener = False
    for path in sources:
        if path == WRITER:
            continue
        calls = duckdb_connect_calls(ast.parse(path.read_text(encoding="utf-8")))
        for line, function in calls:
            if path == allowed_file and function == allowed_function:
                seen_in_opener = True
            else:
                offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == [], f"duckdb.connect outside connect_read_only: {offenders}"
    assert seen_in_opener, "connect_read_only no longer calls duckdb.connect: update this test"
