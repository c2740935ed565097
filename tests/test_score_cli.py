"""Tests for ``python -m areaindex score`` (areaindex.cli.score)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from areaindex.cli import score as score_cli

ROOT = Path(__file__).resolve().parents[1]

METHOD = """
[method]
id = "t"
title = "T"
description = "D"
source = "S"
id_column = "FIPS"
missing_values = [-999]

[normalisation]
method = "minmax"

[aggregation]
within = "mean"
across = "mean"
min_share = 1.0

[[dimensions]]
id = "ekonomi"
title = "Ekonomi"
weight = 1

  [[dimensions.indicators]]
  column = "inkomst"
  direction = "lower_is_need"

[[dimensions]]
id = "boende"
title = "Boende"
weight = 1

  [[dimensions.indicators]]
  column = "trangbodd"
  direction = "higher_is_need"
"""

# inkomst lower_is_need: -[100, 200, 300] -> minmax [100, 50, 0]
# trangbodd [0.5, 1.5, 1.0] -> [0, 100, 50]
# index = mean -> [50, 75, 25] -> rank [2, 1, 3]
TABLE = "FIPS,namn,inkomst,trangbodd\n01001,Ett,100,0.5\n01003,Två,200,1.5\n01005,Tre,300,1.0\n"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="python -m areaindex")
    score_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return score_cli.run(parser.parse_args(["score", *argv]))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    method = tmp_path / "metod.toml"
    method.write_text(METHOD, encoding="utf-8")
    table = tmp_path / "tabell.csv"
    table.write_text(TABLE, encoding="utf-8")
    return method, table, tmp_path / "ut.csv"


def read_output(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"FIPS": str})


def test_scores_table_and_keeps_leading_zeros(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    assert run(str(method), str(table), "-o", str(out)) == 0
    result = read_output(out)
    assert result.columns.tolist() == [
        "FIPS",
        "inkomst.normalised",
        "trangbodd.normalised",
        "ekonomi.score",
        "boende.score",
        "index.score",
        "index.rank",
    ]
    assert result["FIPS"].tolist() == ["01001", "01003", "01005"]
    assert result["index.score"].tolist() == [50.0, 75.0, 25.0]
    assert result["index.rank"].tolist() == [2, 1, 3]


def test_semicolon_bom_and_decimal_comma(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    method, _, out = files
    swedish = tmp_path / "svensk.csv"
    text = TABLE.replace(",", ";").replace("0.5", "0,5").replace("1.5", "1,5").replace("1.0", "1,0")
    swedish.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    assert run(str(method), str(swedish), "-o", str(out)) == 0
    result = read_output(out)
    assert result["FIPS"].tolist() == ["01001", "01003", "01005"]
    assert result["index.score"].tolist() == [50.0, 75.0, 25.0]


def test_missing_values_are_empty_fields(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    table.write_text(TABLE.replace("01003,Två,200", "01003,Två,-999"), encoding="utf-8")
    assert run(str(method), str(table), "-o", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    # The row of 01003: inkomst missing -> normalised, ekonomi, index and rank empty.
    assert lines[2].split(",") == ["01003", "", "100.0", "", "100.0", "", ""]


def test_weight_override(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    # ekonomi 3, boende 1: (3 * [100, 50, 0] + [0, 100, 50]) / 4 = [75, 62.5, 12.5]
    assert run(str(method), str(table), "-o", str(out), "--weight", "ekonomi=3") == 0
    assert read_output(out)["index.score"].tolist() == [75.0, 62.5, 12.5]


def test_broken_method_file_exits_2_naming_file_and_key(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    method.write_text(METHOD.replace('direction = "lower_is_need"', 'direction = "lower"'))
    assert run(str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(method) in err
    assert "dimensions[0].indicators[0].direction" in err
    assert not out.exists()


def test_missing_column_exits_2_naming_table_and_column(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    table.write_text(TABLE.replace("trangbodd", "trangboddhet"), encoding="utf-8")
    assert run(str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert str(table) in err
    assert "'trangbodd'" in err


def test_non_numeric_value_exits_2(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    table.write_text(TABLE.replace("0.5", "halv"), encoding="utf-8")
    assert run(str(method), str(table), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "'halv'" in err and "trangbodd" in err and "datarad 1" in err


def test_missing_table_file_exits_2(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    method, _, out = files
    assert run(str(method), str(tmp_path / "saknas.csv"), "-o", str(out)) == 2
    assert "saknas.csv" in capsys.readouterr().err


def test_table_not_utf8_exits_2(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    table.write_bytes(TABLE.encode("latin-1"))
    assert run(str(method), str(table), "-o", str(out)) == 2
    assert "UTF-8" in capsys.readouterr().err


def test_bad_weight_argument_exits_2(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    assert run(str(method), str(table), "-o", str(out), "--weight", "ekonomi") == 2
    assert "DIMENSION=" in capsys.readouterr().err
    assert run(str(method), str(table), "-o", str(out), "--weight", "okand=1") == 2
    assert "okand" in capsys.readouterr().err


def test_all_zero_weights_exit_2(
    files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    method, table, out = files
    code = run(
        str(method), str(table), "-o", str(out), "--weight", "ekonomi=0", "--weight", "boende=0"
    )
    assert code == 2
    assert "Alla vikter är noll" in capsys.readouterr().err


def test_detect_separator() -> None:
    assert score_cli.detect_separator("a;b;c") == ";"
    assert score_cli.detect_separator("a,b;c,d") == ","
    assert score_cli.detect_separator("a") == ","


def test_python_dash_m_entry_point(files: tuple[Path, Path, Path]) -> None:
    method, table, out = files
    proc = subprocess.run(
        [sys.executable, "-m", "areaindex", "score", str(method), str(table), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert read_output(out)["index.rank"].tolist() == [2, 1, 3]
