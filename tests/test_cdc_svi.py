"""The CDC/ATSDR SVI 2020 reference method against CDC's published data and hand tables."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.cli import score as score_cli
from areaindex.index.engine import score_table
from areaindex.index.method import Method, load_method

ROOT = Path(__file__).resolve().parents[1]
METHOD_FILE = ROOT / "methods" / "cdc_svi_2020.toml"
FIXTURE = ROOT / "tests" / "fixtures" / "cdc_svi_2020" / "SVI2020_PENNSYLVANIA_COUNTY_subset.csv"

VARIABLES = [
    "POV150", "UNEMP", "HBURD", "NOHSDP", "UNINSUR",
    "AGE65", "AGE17", "DISABL", "SNGPNT", "LIMENG",
    "MINRTY",
    "MUNIT", "MOBILE", "CROWD", "NOVEH", "GROUPQ",
]  # fmt: skip
NAN = np.nan


@pytest.fixture(scope="module")
def svi() -> Method:
    return load_method(METHOD_FILE)


def published_to_output(method: Method) -> dict[str, str]:
    """CDC column -> our output column."""
    mapping: dict[str, str] = {}
    for ind in method.indicators:
        var = ind.column.removeprefix("EP_")
        mapping[f"EPL_{var}"] = f"{ind.column}.normalised"
        mapping[f"F_{var}"] = f"{ind.column}.flag"
    for k, dim in enumerate(method.dimension_ids, start=1):
        mapping[f"SPL_THEME{k}"] = f"{dim}.score"
        mapping[f"RPL_THEME{k}"] = f"{dim}.rescaled"
        mapping[f"F_THEME{k}"] = f"{dim}.flags"
    mapping["SPL_THEMES"] = "index.score"
    mapping["RPL_THEMES"] = "index.rescaled"
    mapping["F_TOTAL"] = "index.flags"
    return mapping


def as_published(values: pd.Series) -> np.ndarray:
    """Our output as floats with NaN for missing (CDC's -999 is mapped to NaN too)."""
    return (
        pd.to_numeric(values, errors="raise")
        .astype("Float64")
        .to_numpy(dtype=float, na_value=np.nan)
    )


def assert_reproduces(published: pd.DataFrame, scored: pd.DataFrame, method: Method) -> int:
    """Compare every mapped column exactly; return the number of values compared."""
    mapping = published_to_output(method)
    pub = published.set_index("FIPS")
    out = scored.set_index("FIPS").loc[pub.index]
    compared = 0
    for cdc_col, our_col in mapping.items():
        expected = pd.to_numeric(pub[cdc_col]).to_numpy(dtype=float)
        expected = np.where(expected == -999, NAN, expected)
        actual = as_published(out[our_col])
        mismatch = ~((expected == actual) | (np.isnan(expected) & np.isnan(actual)))
        assert not mismatch.any(), (
            f"{cdc_col} vs {our_col}: FIPS {list(pub.index[mismatch][:5])} "
            f"expected {expected[mismatch][:5]} got {actual[mismatch][:5]}"
        )
        compared += len(expected)
    return compared


# --------------------------------------------------------------------------- published data


@pytest.fixture(scope="module")
def pennsylvania() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str)


def test_fixture_covers_every_published_output_column(
    svi: Method, pennsylvania: pd.DataFrame
) -> None:
    outputs = {c for c in pennsylvania.columns if c.startswith(("EPL_", "SPL_", "RPL_", "F_"))}
    assert outputs == set(published_to_output(svi))
    assert len(outputs) == 16 + 16 + 4 + 4 + 2 + 4 + 1
    assert len(pennsylvania) == 67


def test_reproduces_cdc_pennsylvania_exactly(svi: Method, pennsylvania: pd.DataFrame) -> None:
    scored = score_table(svi, pennsylvania)
    assert assert_reproduces(pennsylvania, scored, svi) == 47 * 67


def test_reproduces_cdc_pennsylvania_through_the_command_line(
    svi: Method, pennsylvania: pd.DataFrame, tmp_path: Path
) -> None:
    out = tmp_path / "pa.csv"
    parser = argparse.ArgumentParser()
    score_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(["score", str(METHOD_FILE), str(FIXTURE), "-o", str(out)])
    assert score_cli.run(args) == 0
    scored = pd.read_csv(out, dtype={"FIPS": str})
    assert assert_reproduces(pennsylvania, scored, svi) == 47 * 67


def test_highest_overall_vulnerability_is_rank_one(svi: Method, pennsylvania: pd.DataFrame) -> None:
    scored = score_table(svi, pennsylvania).set_index("FIPS")
    # Philadelphia has RPL_THEMES = 1.0 in CDC's file.
    assert scored.loc["42101", "index.rank"] == 1


# --------------------------------------------------------------------------- hand tables


def hand_table(n: int = 5) -> pd.DataFrame:
    """n counties; every EP_ variable of county i is i (1..n)."""
    fips = [f"{k:05d}" for k in range(1001, 1001 + 2 * n, 2)]
    data: dict[str, object] = {"FIPS": fips}
    for var in VARIABLES:
        data[f"EP_{var}"] = [float(i) for i in range(1, n + 1)]
    return pd.DataFrame(data)


def test_hand_table_every_variable_ordered(svi: Method) -> None:
    out = score_table(svi, hand_table())
    epl = [0.0, 0.25, 0.5, 0.75, 1.0]  # below / (5 - 1)
    for var in VARIABLES:
        assert out[f"EP_{var}.normalised"].tolist() == epl
    # theme sums: 5 variables, 5 variables, 1 variable, 5 variables
    assert out["socioeconomic.score"].tolist() == [0.0, 1.25, 2.5, 3.75, 5.0]
    assert out["minority.score"].tolist() == epl
    assert out["housing_transport.rescaled"].tolist() == epl
    assert out["index.score"].tolist() == [0.0, 4.0, 8.0, 12.0, 16.0]  # 16 * EPL
    assert out["index.rescaled"].tolist() == epl
    # Only county 5 has EPL >= 0.90, in every variable.
    assert out["EP_POV150.flag"].tolist() == [0, 0, 0, 0, 1]
    assert out["socioeconomic.flags"].tolist() == [0, 0, 0, 0, 5]
    assert out["minority.flags"].tolist() == [0, 0, 0, 0, 1]
    assert out["index.flags"].tolist() == [0, 0, 0, 0, 16]
    assert out["index.rank"].tolist() == [5, 4, 3, 2, 1]
    assert out["FIPS"].tolist()[0] == "01001"  # leading zero kept


def test_hand_table_ties_share_lowest_percentile(svi: Method) -> None:
    t = hand_table(4)
    t["EP_POV150"] = [10.0, 20.0, 20.0, 30.0]  # below 0, 1, 1, 3 of 3 -> 0, 1/3, 1/3, 1
    t["EP_UNEMP"] = [10.0, 20.0, 30.0, 30.0]  # below 0, 1, 2, 2 -> 0, 1/3, 2/3, 2/3
    out = score_table(svi, t)
    assert out["EP_POV150.normalised"].tolist() == [0.0, 0.3333, 0.3333, 1.0]
    assert out["EP_UNEMP.normalised"].tolist() == [0.0, 0.3333, 0.6667, 0.6667]
    # Theme 1 = POV150 + UNEMP + 3 * (0, 1/3, 2/3, 1) rounded:
    # county 2: 0.3333 + 0.3333 + 3 * 0.3333 = 1.6665; county 3: 0.3333 + 0.6667 + 3 * 0.6667
    assert out["socioeconomic.score"].tolist() == [0.0, 1.6665, 3.0001, 4.6667]


def test_hand_table_missing_minus_999(svi: Method) -> None:
    t = hand_table()
    t.loc[2, "EP_UNEMP"] = -999.0
    out = score_table(svi, t)
    # UNEMP ranked among the 4 valid values 1, 2, 4, 5: 0, 1/3, -, 2/3, 1
    unemp = out["EP_UNEMP.normalised"].to_numpy()
    assert np.isnan(unemp[2])
    assert unemp[[0, 1, 3, 4]].tolist() == [0.0, 0.3333, 0.6667, 1.0]
    # County 3's theme 1 and overall score are missing (min_share = 1) ...
    assert np.isnan(out["socioeconomic.score"][2])
    assert np.isnan(out["socioeconomic.rescaled"][2])
    assert np.isnan(out["index.score"][2])
    assert pd.isna(out["index.rank"][2])
    # ... its other themes are not, and still count in their rankings.
    assert out["household.score"][2] == 2.5
    assert out["household.rescaled"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    # Theme 1 of the others: 4 * EPL + EPL_UNEMP = 0, 1.3333, -, 3.6667, 5
    theme1 = out["socioeconomic.score"].to_numpy()
    assert theme1[[0, 1, 3, 4]].tolist() == [0.0, 1.3333, 3.6667, 5.0]
    rpl1 = out["socioeconomic.rescaled"].to_numpy()
    assert rpl1[[0, 1, 3, 4]].tolist() == [0.0, 0.3333, 0.6667, 1.0]
    # Overall: county 2 = 1.3333 + 1.25 + 0.25 + 1.25 = 4.0833
    overall = out["index.score"].to_numpy()
    assert overall[[0, 1, 3, 4]].tolist() == [0.0, 4.0833, 11.9167, 16.0]
    assert out["index.rank"].tolist()[:2] == [4, 3]
    assert out["index.rank"].tolist()[3:] == [2, 1]
    # The missing flag is missing and not counted.
    assert pd.isna(out["EP_UNEMP.flag"][2])
    assert out["socioeconomic.flags"][2] == 0


def test_single_county(svi: Method) -> None:
    out = score_table(svi, hand_table(1))
    assert out["EP_POV150.normalised"].tolist() == [0.0]  # single valid value -> 0
    assert out["index.score"].tolist() == [0.0]
    assert out["index.rescaled"].tolist() == [0.0]
    assert out["index.flags"].tolist() == [0]
    assert out["index.rank"].tolist() == [1]
