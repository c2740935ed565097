"""The English IMD 2019 reference method on hand-computed tables.

No stored copy of the published IMD 2019 scores could be found (see
methods/README.md), so these tests check the method against values computed by
hand from the technical report's formulas:

* each domain score is ranked, 1 = least deprived, R = rank / N;
* X = -23 ln(1 - R (1 - e^(-100/23))), with 1 - e^(-100/23) = 0.98706509861;
* IMD = 0.225 income + 0.225 employment + 0.135 education + 0.135 health
  + 0.093 crime + 0.093 barriers + 0.093 living environment (weights sum 0.999).

Calculator values used below (N = 4): X(1/4) = -23 ln(0.75323373) = 6.517733,
X(2/4) = -23 ln(0.50646745) = 15.646790, X(3/4) = -23 ln(0.25970118) = 31.009144,
X(4/4) = 100.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.index.engine import score_table
from areaindex.index.method import Method, load_method

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ["income", "employment", "education", "health", "crime", "barriers", "living_environment"]
X1, X2, X3, X4 = 6.517733, 15.646790, 31.009144, 100.0
TOL = 1e-5


@pytest.fixture(scope="module")
def imd() -> Method:
    return load_method(ROOT / "methods" / "imd_2019.toml")


def lsoa_table(rows: dict[str, list[float]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, index=DOMAINS).T.reset_index(names="lsoa")
    return table


def test_same_order_in_every_domain(imd: Method) -> None:
    # Domain scores (higher = more deprived): D least deprived everywhere, A most.
    table = lsoa_table(
        {
            "E01000001": [0.40, 0.30, 60.0, 2.0, 1.5, 40.0, 50.0],
            "E01000002": [0.20, 0.15, 30.0, 1.0, 0.5, 30.0, 30.0],
            "E01000003": [0.10, 0.10, 20.0, 0.0, 0.0, 20.0, 20.0],
            "E01000004": [0.05, 0.05, 10.0, -1.0, -0.5, 10.0, 10.0],
        }
    )
    out = score_table(imd, table)
    # Every domain of A has rank 4 -> X = 100; IMD = 0.999 * 100 = 99.9.
    # B: rank 3 -> 0.999 * 31.009144 = 30.978135; C: 0.999 * 15.646790 = 15.631143;
    # D: 0.999 * 6.517733 = 6.511215.
    assert out["income.normalised"].tolist() == pytest.approx([X4, X3, X2, X1], abs=TOL)
    assert out["index.score"].tolist() == pytest.approx(
        [99.9, 30.978135, 15.631143, 6.511215], abs=TOL
    )
    assert out["index.rank"].tolist() == [1, 2, 3, 4]  # 1 = most deprived


def test_weights_are_the_published_ones_and_not_renormalised(imd: Method) -> None:
    # LSOA A is the most deprived in income only and least deprived elsewhere.
    table = lsoa_table(
        {
            "A": [0.9, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0],
            "B": [0.1, 0.9, 9.0, 9.0, 9.0, 9.0, 9.0],
        }
    )
    out = score_table(imd, table)
    # N = 2: X(1/2) = 15.646790, X(2/2) = 100.
    # A: 0.225 * 100 + 0.774 * 15.646790 = 22.5 + 12.110615 = 34.610615
    # B: 0.225 * 15.646790 + 0.774 * 100 = 3.520528 + 77.4 = 80.920528
    assert out["index.score"].tolist() == pytest.approx([34.610615, 80.920528], abs=TOL)
    assert out["index.rank"].tolist() == [2, 1]


def test_domain_weight_order(imd: Method) -> None:
    # Two LSOAs that swap the most deprived place in employment (0.225) versus
    # crime (0.093): the one leading on employment must come first.
    table = lsoa_table(
        {
            "emp": [1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            "cri": [1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0],
        }
    )
    out = score_table(imd, table)
    # Ties in the other domains share rank 1 of 2: X(1/2) = 15.646790.
    # emp: 0.225 * 100 + (0.999 - 0.225) * 15.646790 = 34.610615
    # cri: 0.093 * 100 + (0.999 - 0.093) * 15.646790 = 9.3 + 14.175992 = 23.475992
    assert out["index.score"].tolist() == pytest.approx([34.610615, 23.475992], abs=TOL)
    assert out["index.rank"].tolist() == [1, 2]


def test_missing_domain_score_gives_missing_imd(imd: Method) -> None:
    table = lsoa_table(
        {
            "A": [0.3, 0.3, 3.0, 3.0, 3.0, 3.0, 3.0],
            "B": [0.2, np.nan, 2.0, 2.0, 2.0, 2.0, 2.0],
            "C": [0.1, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0],
        }
    )
    out = score_table(imd, table)
    assert np.isnan(out["index.score"][1])
    assert pd.isna(out["index.rank"][1])
    # Employment is ranked among the 2 valid LSOAs: C -> X(1/2), A -> X(2/2).
    employment = out["employment.normalised"].to_numpy()
    assert employment[[0, 2]].tolist() == pytest.approx([X4, 15.646790], abs=TOL)
