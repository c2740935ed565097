"""Tests for areaindex.sources.regso: the RegSO register and matching SCB labels to codes."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from areaindex.data_errors import SourceError
from areaindex.sources.regso import label_codes, name_key, read_kommun_codes, read_regso_polygons
from areaindex.sources.scb import read_scb_csv

REGISTER = pd.DataFrame(
    {
        "regso": ["1280R001", "1280R045", "1280R086"],
        "name": ["Almvik norr-Lindängen norr", "Lindängen", "Ön"],
        "kommun": ["1280", "1280", "1280"],
    }
)
KOMMUN_CODES = {"Malmö": "1280", "Lund": "1281"}


def codes(labels: list[str], index: list[int] | None = None) -> list[str | None]:
    series = pd.Series(labels, index=index)
    return label_codes(series, REGISTER, KOMMUN_CODES, path="t.csv").tolist()


def test_name_key_ignores_prefix_case_and_space():
    assert name_key("RegSO-Almvik norr-Lindängen norr") == "almvik norr-lindängen norr"
    assert name_key("  ALMVIK  NORR-lindängen norr ") == "almvik norr-lindängen norr"
    assert name_key("Ön") == name_key("regso-ÖN") == "ön"


def test_labels_match_ignoring_case_space_and_prefix():
    assert codes(
        [
            "Malmö (RegSO-Lindängen)",
            "Malmö (Lindängen)",
            "Malmö (regso-LINDÄNGEN )",
            "Malmö (RegSO-Almvik  norr-Lindängen norr)",
        ]
    ) == ["1280R045", "1280R045", "1280R045", "1280R001"]


def test_ön_norr_of_2020_is_ön_of_2025():
    assert codes(["Malmö (RegSO-Ön norr)", "Malmö (RegSO-Ön)"]) == ["1280R086", "1280R086"]
    # The rename, like every other match, ignores case and space.
    assert codes(["Malmö (RegSO-ÖN  NORR)"]) == ["1280R086"]


def test_rename_applies_only_in_its_municipality():
    register = pd.concat(
        [REGISTER, pd.DataFrame({"regso": ["1281R001"], "name": ["Ön"], "kommun": ["1281"]})]
    )
    # "Ön norr" in Lund is not renamed: Lund has no such RegSO, so it is an error.
    with pytest.raises(SourceError, match="Ön norr"):
        label_codes(pd.Series(["Lund (RegSO-Ön norr)"]), register, KOMMUN_CODES)
    found = label_codes(pd.Series(["Lund (RegSO-Ön)"]), register, KOMMUN_CODES)
    assert found.tolist() == ["1281R001"]


def test_other_municipalities_give_none_and_index_is_kept():
    result = label_codes(
        pd.Series(
            ["Lund (RegSO-Lindängen)", "Upplands Väsby (Bollstanäs)", "Malmö (RegSO-Lindängen)"],
            index=[10, 11, 12],
        ),
        REGISTER,
        KOMMUN_CODES,
    )
    assert result.index.tolist() == [10, 11, 12]
    assert result.tolist() == [None, None, "1280R045"]


def test_unknown_regso_of_register_municipality_names_the_row():
    labels = ["Malmö (RegSO-Lindängen)", "Lund (X)", "Malmö (RegSO-Ön)", "Malmö (RegSO-Atlantis)"]
    with pytest.raises(SourceError) as caught:
        codes(labels)
    assert caught.value.row == 3
    assert str(caught.value.path) == "t.csv"
    message = str(caught.value)
    assert message.startswith("t.csv, rad 4:")
    assert "Malmö (RegSO-Atlantis)" in message
    assert "1280" in message


def test_malformed_label_names_the_row():
    with pytest.raises(SourceError) as caught:
        codes(["Malmö (RegSO-Ön)", "Malmö utan parentes"])
    assert caught.value.row == 1
    assert "Malmö utan parentes" in str(caught.value)


def write_regso_gpkg(path, frame: dict) -> None:
    squares = [shapely.box(i, 0, i + 1, 1) for i in range(len(frame["regsokod"]))]
    gpd.GeoDataFrame(frame, geometry=squares, crs="EPSG:3006").to_file(path, driver="GPKG")


def test_read_regso_polygons_filters_sorts_and_strips_prefix(tmp_path):
    path = tmp_path / "regso.gpkg"
    write_regso_gpkg(
        path,
        {
            "regsokod": ["1280R045", "1281R001", "1280R001"],
            "regsonamn": ["RegSO-Lindängen", "RegSO-Centrum", "RegSO-Almvik norr-Lindängen norr"],
            "kommunkod": ["1280", "1281", "1280"],
            "lanskod": ["12", "12", "12"],
        },
    )
    frame = read_regso_polygons(path, kommun="1280")
    assert frame["regso"].tolist() == ["1280R001", "1280R045"]
    assert frame["name"].tolist() == ["Almvik norr-Lindängen norr", "Lindängen"]
    assert frame["kommun"].tolist() == ["1280", "1280"]
    assert frame.crs.to_epsg() == 3006
    # The geometry travels with its row: 1280R001 was the third square, x from 2 to 3.
    assert frame.geometry.iloc[0].bounds == (2.0, 0.0, 3.0, 1.0)
    assert len(read_regso_polygons(path)) == 3


def test_read_regso_polygons_errors(tmp_path):
    path = tmp_path / "regso.gpkg"
    write_regso_gpkg(path, {"regsokod": ["1280R001"], "regsonamn": ["RegSO-A"], "kommun": ["1"]})
    with pytest.raises(SourceError) as caught:
        read_regso_polygons(path)
    assert caught.value.column == "kommunkod"

    good = tmp_path / "good.gpkg"
    write_regso_gpkg(good, {"regsokod": ["1280R001"], "regsonamn": ["A"], "kommunkod": ["1280"]})
    with pytest.raises(SourceError, match="inga RegSO för kommunkod 0114"):
        read_regso_polygons(good, kommun="0114")

    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"not a geopackage")
    with pytest.raises(SourceError, match="GeoPackage") as caught:
        read_regso_polygons(broken)
    assert caught.value.path == broken


def test_read_kommun_codes_keeps_leading_zeros(tmp_path):
    path = tmp_path / "key.csv"
    path.write_bytes(
        "\ufeffKommun,Kommunnamn,DeSO_2018,RegSO_2020,RegSOkod_2020\r\n"
        "0114,Upplands Väsby,0114C1010,Bollstanäs,0114R001\r\n"
        "0114,Upplands Väsby,0114C1030,Bollstanäs,0114R001\r\n"
        "1280,Malmö,1280C1010,Lindängen,1280R045\r\n"
        "114,Upplands Väsby,0114C1040,Bollstanäs,0114R001\r\n".encode()
    )
    assert read_kommun_codes(path) == {"Upplands Väsby": "0114", "Malmö": "1280"}


@pytest.mark.sources
def test_every_malmo_label_of_the_real_tables_matches_the_2025_map(shared_data):
    register = read_regso_polygons(
        shared_data / "scb/regso_2025/regso2025_malmo_epsg3006.gpkg", kommun="1280"
    )
    assert len(register) == 91
    kommun_codes = read_kommun_codes(shared_data / "scb/crosswalks/koppling-deso2018-regso2020.csv")
    assert kommun_codes["Malmö"] == "1280"
    path = shared_data / "scb/regso_stats_2020_2023/regso_foreign_born_2020_2023.csv"
    frame = read_scb_csv(path)
    found = label_codes(frame["region"], register, kommun_codes, path=path)
    matched = found.dropna()
    # Every Malmö RegSO twice (born in Sweden, total), nothing from other municipalities.
    assert matched.value_counts().eq(2).all()
    assert set(matched) == set(register["regso"])
    assert frame.loc[matched.index, "region"].str.startswith("Malmö (").all()
    on_norr = frame["region"] == "Malmö (RegSO-Ön norr)"
    assert on_norr.sum() == 2
    assert set(found[on_norr]) == {"1280R086"}
    assert register.set_index("regso").at["1280R086", "name"] == "Ön"
