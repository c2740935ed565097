"""Tests for ``python -m areaindex bounds`` (areaindex.cli.bounds)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from areaindex.cli import bounds as bounds_cli
from areaindex.cli import score as score_cli
from tests.test_score_cli import METHOD, TABLE

ROOT = Path(__file__).resolve().parents[1]
CDC_METHOD = ROOT / "methods" / "cdc_svi_2020.toml"
CDC_TABLE = ROOT / "tests" / "fixtures" / "cdc_svi_2020" / "SVI2020_PENNSYLVANIA_COUNTY_subset.csv"

# Dimension scores (see tests/test_score_cli.py): Ett (100, 0), Två (50, 100), Tre (0, 50).
# Ett: first with all weight on ekonomi, last with all on boende. Två: first on boende,
# second on ekonomi. Tre: second on boende, last on ekonomi.
EXPECTED = {"01001": (1, 3), "01003": (1, 2), "01005": (2, 3)}


def run(command: str, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="python -m areaindex")
    sub = parser.add_subparsers(dest="command", required=True)
    module = bounds_cli if command == "bounds" else score_cli
    module.add_parser(sub)
    return module.run(parser.parse_args([command, *argv]))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    method = tmp_path / "metod.toml"
    method.write_text(METHOD, encoding="utf-8")
    table = tmp_path / "tabell.csv"
    table.write_text(TABLE, encoding="utf-8")
    return method, table, tmp_path / "ut.csv"


def read_output(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"FIPS": str})


def test_writes_bounds_and_witness_weights(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    assert run("bounds", str(method), str(table), "-o", str(out)) == 0
    result = read_output(out)
    assert result.columns.tolist() == [
        "FIPS",
        "rank.best",
        "rank.worst",
        "best.w.ekonomi",
        "best.w.boende",
        "worst.w.ekonomi",
        "worst.w.boende",
    ]
    got = {r.FIPS: (r._2, r._3) for r in result.itertuples()}
    assert got == EXPECTED
    for side in ("best", "worst"):
        total = result[f"{side}.w.ekonomi"] + result[f"{side}.w.boende"]
        assert total.tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_round_trip_witness_weights_reproduce_the_ranks_with_score(
    files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    method, table, out = files
    assert run("bounds", str(method), str(table), "-o", str(out)) == 0
    result = read_output(out)
    scored = tmp_path / "scored.csv"
    for row in result.set_index("FIPS").itertuples():
        for side in ("best", "worst"):
            args = [str(method), str(table), "-o", str(scored)]
            for dim in ("ekonomi", "boende"):
                share = float(result.set_index("FIPS").at[row.Index, f"{side}.w.{dim}"])
                args += ["--weight", f"{dim}={share!r}"]
            assert run("score", *args) == 0
            ranks = pd.read_csv(scored, dtype={"FIPS": str}).set_index("FIPS")["index.rank"]
            assert ranks[row.Index] == EXPECTED[row.Index][side == "worst"]


def test_around_keeps_the_weights_near_the_current_ones(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    # Equal weights ±10 %: the ranking [2, 1, 3] cannot change.
    assert run("bounds", str(method), str(table), "-o", str(out), "--around", "10") == 0
    result = read_output(out)
    assert result["rank.best"].tolist() == result["rank.worst"].tolist() == [2, 1, 3]


def test_cdc_sums_with_four_decimals_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "cdc.csv"
    assert run("bounds", str(CDC_METHOD), str(CDC_TABLE), "-o", str(out)) == 0
    result = pd.read_csv(out, dtype={"FIPS": str}).set_index("FIPS")
    assert (result["rank.best"] <= result["rank.worst"]).all()
    # Witnesses checked with score itself (which rounds the index to 4 decimals).
    scored = tmp_path / "scored.csv"
    dims = [c.removeprefix("best.w.") for c in result.columns if c.startswith("best.w.")]
    for fips in result.index[:4]:
        for side in ("best", "worst"):
            args = [str(CDC_METHOD), str(CDC_TABLE), "-o", str(scored)]
            for dim in dims:
                args += ["--weight", f"{dim}={float(result.at[fips, f'{side}.w.{dim}'])!r}"]
            assert run("score", *args) == 0
            ranks = pd.read_csv(scored, dtype={"FIPS": str}).set_index("FIPS")["index.rank"]
            assert ranks[fips] == result.at[fips, f"rank.{side}"]


def test_broken_method_file_exits_2_naming_file_and_key(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    method.write_text(METHOD.replace('direction = "lower_is_need"', 'direction = "lower"'))
    assert run("bounds", str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(method) in err and "dimensions[0].indicators[0].direction" in err
    assert not out.exists()


def test_bad_table_exits_2_naming_table_and_column(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    table.write_text(TABLE.replace("inkomst", "income"), encoding="utf-8")
    assert run("bounds", str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(table) in err and "inkomst" in err


def test_missing_value_exits_2_saying_exact_bounds_are_impossible(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    # min_share 0 so that 01003 is scored from boende alone: no longer linear.
    method.write_text(METHOD.replace("min_share = 1.0", "min_share = 0.0"))
    table.write_text(TABLE.replace("01003,Två,200", "01003,Två,-999"), encoding="utf-8")
    assert run("bounds", str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(table) in err and "01003" in err and "ekonomi" in err
    assert not out.exists()


def test_bad_options_exit_2(files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]):
    method, table, out = files
    assert run("bounds", str(method), str(table), "-o", str(out), "--free", "okand") == 2
    assert "okand" in capsys.readouterr().err
    assert run("bounds", str(method), str(table), "-o", str(out), "--around", "-5") == 2
    assert "--around" in capsys.readouterr().err


def test_python_dash_m_entry_point(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    proc = subprocess.run(
        [sys.executable, "-m", "areaindex", "bounds", str(method), str(table), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert read_output(out)["rank.worst"].tolist() == [3, 2, 3]
