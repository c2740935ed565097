"""CSV for Swedish Excel (BOM, ``;``, decimal comma, CRLF, no formulas) and the ranking table."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from areaindex.i18n import number
from areaindex.views.export import neutralise, ranking_frame, to_excel_csv
from areaindex.views.indexview import IndexView

BOM = b"\xef\xbb\xbf"


def lines(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    return text[: -len("\r\n")].split("\r\n")


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


# --------------------------------------------------------------------------- neutralise


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46", "'+46"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Rosengård", "Rosengård"),
        ("a=b", "a=b"),
        ("", ""),
        (-2.5, -2.5),
        (-3, -3),
        (None, None),
    ],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


# --------------------------------------------------------------------------- to_excel_csv


def numbers_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Område": ["Rosengård", "Oxie", "Limhamn"],
            "Index": [100.0, -39.7, 0.25],
            "Rang": pd.array([1, 2, 3], dtype="Int64"),
            "Folkmängd": [23307, 12000, -5],
        }
    )


def test_csv_starts_with_the_bom_and_uses_semicolons_decimal_comma_and_crlf():
    data = to_excel_csv(numbers_frame())
    assert data.startswith(BOM)
    assert not data.startswith(BOM + BOM)
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    assert lines(data) == [
        "Område;Index;Rang;Folkmängd",
        "Rosengård;100,0;1;23307",
        "Oxie;-39,7;2;12000",
        "Limhamn;0,25;3;-5",
    ]


def test_csv_is_utf8():
    data = to_excel_csv(pd.DataFrame({"Område": ["Värnhem–Sorgenfri"]}))
    assert "Värnhem–Sorgenfri".encode() in data


def test_negative_numbers_stay_numbers():
    data = to_excel_csv(pd.DataFrame({"x": [-1.5, -0.25], "n": [-3, 4]}))
    assert lines(data) == ["x;n", "-1,5;-3", "-0,25;4"]
    assert "'" not in data.decode("utf-8-sig")


def test_round_trip_through_pandas_gives_the_same_numbers():
    frame = numbers_frame()
    back = read_back(to_excel_csv(frame))
    assert back.columns.tolist() == frame.columns.tolist()
    assert back["Område"].tolist() == frame["Område"].tolist()
    assert back["Index"].tolist() == frame["Index"].tolist()
    assert back["Rang"].tolist() == [1, 2, 3]
    assert back["Folkmängd"].tolist() == [23307, 12000, -5]


def test_missing_numbers_are_empty_cells():
    frame = pd.DataFrame({"a": [1.5, np.nan], "r": pd.array([1, None], dtype="Int64")})
    assert lines(to_excel_csv(frame)) == ["a;r", "1,5;1", ";"]
    back = read_back(to_excel_csv(frame))
    assert back["a"].iloc[0] == 1.5
    assert back.isna().iloc[1].all()


def test_text_with_separator_or_quote_is_quoted():
    frame = pd.DataFrame({"t": ["a;b", 'say "hi"']})
    back = read_back(to_excel_csv(frame))
    assert back["t"].tolist() == ["a;b", 'say "hi"']


def test_column_names_that_look_like_formulas_are_neutralised():
    frame = pd.DataFrame({"=HYPERLINK(x)": [1], "+a": [2], "-b": [3], "@c": [4], "ok": [5]})
    assert lines(to_excel_csv(frame))[0] == "'=HYPERLINK(x);'+a;'-b;'@c;ok"


def test_object_column_cells_that_look_like_formulas_are_neutralised():
    frame = pd.DataFrame({"t": pd.Series(["=1+1", "+46", "-x", "@A1", "ok", 7], dtype=object)})
    assert frame["t"].dtype == object
    assert lines(to_excel_csv(frame))[1:] == ["'=1+1", "'+46", "'-x", "'@A1", "ok", "7"]


@pytest.mark.parametrize("cell", ["=1+1", "+46", "-x", "@SUM(A1)"])
def test_text_cells_that_look_like_formulas_are_neutralised(cell):
    frame = pd.DataFrame({"Område": [cell, "Oxie"], "Index": [-1.5, 2.0]})
    assert lines(to_excel_csv(frame)) == ["Område;Index", f"'{cell};-1,5", "Oxie;2,0"]


def test_string_dtype_cells_are_neutralised():
    frame = pd.DataFrame({"t": pd.array(["=1+1", "ok"], dtype="string")})
    assert lines(to_excel_csv(frame)) == ["t", "'=1+1", "ok"]


def test_the_input_frame_is_not_changed():
    frame = pd.DataFrame({"=a": pd.Series(["=1", "x"], dtype=object), "n": [1.5, 2.5]})
    copy = frame.copy()
    to_excel_csv(frame)
    pd.testing.assert_frame_equal(frame, copy)


# --------------------------------------------------------------------------- ranking_frame


def hand_view() -> IndexView:
    """Four units; 'd' has no index. Ranks 1..3 out of table order."""
    table = pd.DataFrame(
        {
            "name": ["Oxie", "Rosengård", "Limhamn", "Husie"],
            "index": [72.25, 100.0, 0.04, np.nan],
            "rank": pd.array([2, 1, 3, None], dtype="Int64"),
            "score.ekonomi": [50.0, 100.0, 0.0, np.nan],
            "score.halsa": [94.5, 100.0, 0.08, np.nan],
            "contrib.ekonomi": [25.0, 50.0, 0.0, np.nan],
            "contrib.halsa": [47.25, 50.0, 0.04, np.nan],
        },
        index=pd.Index(["oxie", "rosengard", "limhamn", "husie"], name="unit"),
    )
    return IndexView(
        table=table,
        dimensions=("ekonomi", "halsa"),
        shares={"ekonomi": 50.0, "halsa": 50.0},
        illustrative_dimensions=("halsa",),
    )


NAMES = {"ekonomi": "Ekonomi", "halsa": "Hälsa"}
POPULATION = {"oxie": 12_345.0, "rosengard": 23_307.0, "limhamn": 30_000.4, "husie": 22_000.6}


def test_ranking_frame_columns_in_the_documented_order():
    frame = ranking_frame(
        hand_view(), NAMES, population=POPULATION, illustrative_names={"halsa": "Hälsa"}
    )
    assert frame.columns.tolist() == [
        "Rang",
        "Område",
        "Index",
        "Ekonomi",
        "Hälsa",
        "Folkmängd 2023",
        "Illustrativt",
    ]


def test_ranking_frame_is_sorted_by_rank_with_missing_last():
    frame = ranking_frame(hand_view(), NAMES)
    assert frame["Område"].tolist() == ["Rosengård", "Oxie", "Limhamn", "Husie"]
    assert frame["Rang"].tolist()[:3] == [1, 2, 3]
    assert frame["Rang"].isna().tolist() == [False, False, False, True]
    assert str(frame["Rang"].dtype) == "Int64"
    assert frame.index.tolist() == [0, 1, 2, 3]


def test_ranking_frame_values():
    frame = ranking_frame(hand_view(), NAMES)
    # (Oxie's 72.25 is a tie: see test_ranking_frame_rounds_like_the_rest_of_the_app.)
    assert frame["Index"].iloc[0] == 100.0
    assert frame["Index"].iloc[2] == 0.0
    assert frame["Ekonomi"].tolist()[:3] == [100.0, 50.0, 0.0]
    assert frame["Hälsa"].tolist()[:3] == [100.0, 94.5, 0.1]
    assert np.isnan(frame["Index"].iloc[3])


def test_ranking_frame_rounds_like_the_rest_of_the_app():
    frame = ranking_frame(hand_view(), NAMES)
    oxie = frame[frame["Område"] == "Oxie"].iloc[0]
    assert number(oxie["Index"], 1) == number(72.25, 1) == "72,3"
    assert oxie["Index"] == 72.3


def test_ranking_frame_population_is_a_whole_number_column():
    frame = ranking_frame(hand_view(), NAMES, population=POPULATION)
    pop = frame["Folkmängd 2023"]
    assert str(pop.dtype) == "Int64"
    assert pop.tolist() == [23_307, 12_345, 30_000, 22_001]


def test_ranking_frame_population_missing_for_a_unit_is_na():
    frame = ranking_frame(hand_view(), NAMES, population={"oxie": 5.0})
    assert frame["Folkmängd 2023"].isna().tolist() == [True, False, True, True]
    assert frame["Folkmängd 2023"].iloc[1] == 5


def test_ranking_frame_has_no_population_column_without_population():
    frame = ranking_frame(hand_view(), NAMES)
    assert "Folkmängd 2023" not in frame.columns


def test_ranking_frame_illustrative_column_names_the_dimensions_on_every_row():
    frame = ranking_frame(
        hand_view(), NAMES, illustrative_names={"halsa": "Hälsa", "tillit": "Tillit"}
    )
    assert frame["Illustrativt"].tolist() == ["Hälsa, Tillit"] * 4


@pytest.mark.parametrize("illustrative", [None, {}])
def test_ranking_frame_illustrative_column_says_no_without_illustrative_data(illustrative):
    frame = ranking_frame(hand_view(), NAMES, illustrative_names=illustrative)
    assert frame["Illustrativt"].tolist() == ["nej"] * 4


def test_ranking_frame_in_english():
    frame = ranking_frame(hand_view(), NAMES, lang="en", population=POPULATION)
    assert frame.columns.tolist() == [
        "Rank",
        "Area",
        "Index",
        "Ekonomi",
        "Hälsa",
        "Population 2023",
        "Illustrative",
    ]
    assert frame["Illustrative"].tolist() == ["no"] * 4


def test_dimension_without_a_display_name_uses_its_id():
    frame = ranking_frame(hand_view(), {"ekonomi": "Ekonomi"})
    assert "halsa" in frame.columns


def test_ranking_frame_as_csv_reads_back():
    frame = ranking_frame(
        hand_view(), NAMES, population=POPULATION, illustrative_names={"halsa": "Hälsa"}
    )
    back = read_back(to_excel_csv(frame))
    assert back.columns.tolist() == frame.columns.tolist()
    assert back["Område"].tolist() == ["Rosengård", "Oxie", "Limhamn", "Husie"]
    assert back["Ekonomi"].tolist()[:3] == [100.0, 50.0, 0.0]
    assert back["Folkmängd 2023"].tolist() == [23_307, 12_345, 30_000, 22_001]


def test_area_name_that_looks_like_a_formula_is_neutralised_in_the_ranking_csv():
    view = hand_view()
    table = view.table.copy()
    table.loc["oxie", "name"] = "=2+5"
    view = IndexView(table, view.dimensions, view.shares, view.illustrative_dimensions)
    data = to_excel_csv(ranking_frame(view, NAMES)).decode("utf-8-sig")
    assert "\r\n2;'=2+5;" in data
