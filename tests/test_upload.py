"""Tests for areaindex.uploads: planners' own indicator files, as real programs write them.

Every fixture is built here, from the names in the database built once per session,
so the files carry the real RegSO labels and area names.
"""

from __future__ import annotations

import ast
import codecs
import io
import math
import re
import string
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areaindex.data_errors import AreaIndexError
from areaindex.store.dataset import Dataset, load_dataset
from areaindex.texts.upload import TEXTS
from areaindex.uploads import (
    MISSING_MARKERS,
    UploadError,
    UploadResult,
    parse_number,
    read_indicator_file,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
LEVELS = ("regso", "omraden", "stadsdelar", "stadsomraden")


class QuietDataset:
    """The dataset with a short repr: Hypothesis prints a failing test's arguments."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset

    def __getattr__(self, name: str) -> object:
        return getattr(self._dataset, name)

    def __repr__(self) -> str:
        return "<dataset>"


@pytest.fixture(scope="module")
def dataset(built_db) -> Dataset:
    return QuietDataset(load_dataset(built_db))  # type: ignore[return-value]


def names_of(dataset: Dataset, level: str) -> list[str]:
    """Unit names of a level in display order."""
    names = dataset.unit_names(level)
    return [names[u] for u in dataset.unit_ids(level)]


def encode(
    rows: list[list[str]],
    *,
    sep: str = ";",
    encoding: str = "utf-8",
    eol: str = "\n",
    bom: bool = False,
    quote: bool = False,
) -> bytes:
    """Rows as a delimited text file; quoted like SCB when ``quote``."""

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote else text

    text = eol.join(sep.join(cell(c) for c in row) for row in rows) + eol
    return (codecs.BOM_UTF8 if bom else b"") + text.encode(encoding)


def omraden_rows(dataset: Dataset, header: tuple[str, str] = ("Område", "Värde")) -> list:
    """One row per område, the value its position plus a half (``0,5``, ``1,5`` …)."""
    rows = [list(header)]
    for i, name in enumerate(names_of(dataset, "omraden")):
        rows.append([name, f"{i},5"])
    return rows


def expected_omraden(dataset: Dataset) -> dict[str, float]:
    return {u: i + 0.5 for i, u in enumerate(dataset.unit_ids("omraden"))}


def read(data: bytes, dataset: Dataset, filename: str = "fil.csv", **kwargs) -> UploadResult:
    return read_indicator_file(data, filename, dataset, **kwargs)


def error(data: bytes, dataset: Dataset, filename: str = "fil.csv", **kwargs) -> UploadError:
    with pytest.raises(UploadError) as info:
        read_indicator_file(data, filename, dataset, **kwargs)
    return info.value


def xlsx(rows: list[list[object]], *, sheets: dict[str, list[list[object]]] | None = None) -> bytes:
    """An .xlsx workbook made with openpyxl: ``rows`` on the first sheet, then ``sheets``."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Data"
    for row in rows:
        first.append(row)
    for title, extra in (sheets or {}).items():
        sheet = book.create_sheet(title)
        for row in extra:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("12 345", 12345.0),
        ("1 234,5", 1234.5),
        (f"1{NBSP}234,5", 1234.5),
        (f"1{NNBSP}234{NNBSP}567", 1234567.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-3,5", -3.5),
        ("−3,5", -3.5),  # U+2212, as typeset tables write minus
        ("+4", 4.0),
        ("1,5E+03", 1500.0),
        ("12,5 %", 12.5),
        (" 7 ", 7.0),
        ("0", 0.0),
    ],
)
def test_parse_number_reads_swedish_and_english_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "12 5", "1 23", "12,5,5", "1e999", "12 kr", "", "..", "-"])
def test_parse_number_refuses_what_is_no_number(text):
    assert parse_number(text) is None


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 3))
def test_swedish_formatting_round_trips(value, decimals):
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    assert parse_number(text) == pytest.approx(round(value, decimals), abs=10**-decimals)


def test_missing_markers_are_the_documented_ones():
    assert {"", "..", "-", "–"} <= MISSING_MARKERS


# --------------------------------------------------------------------------- encodings, separators


def test_utf8_semicolon_with_decimal_comma_and_thousands_spaces(dataset):
    rows = omraden_rows(dataset)
    rows[1][1] = "1 234,5"  # plain space
    rows[2][1] = f"12{NBSP}345"  # no-break space, as Excel writes
    rows[3][1] = f"1{NNBSP}000{NNBSP}000,25"  # narrow no-break space
    result = read(encode(rows), dataset)

    assert result.encoding == "utf-8"
    assert result.separator == ";"
    assert result.level == "omraden"
    ids = dataset.unit_ids("omraden")
    assert result.values[ids[0]] == 1234.5
    assert result.values[ids[1]] == 12345.0
    assert result.values[ids[2]] == 1_000_000.25
    assert result.values[ids[5]] == 5.5
    assert result.value_column == "Värde"
    assert result.missing_units == ()


def test_utf8_with_bom_and_comma_separator(dataset):
    rows = [["Område", "Värde"]] + [
        [n, f"{i}.5"] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows, sep=",", bom=True), dataset)
    assert result.encoding == "utf-8-sig"
    assert result.separator == ","
    assert result.value_column == "Värde"  # the BOM is not part of the first header
    assert result.values.iloc[3] == 3.5


def test_windows_1252_as_swedish_excel_saves_it(dataset):
    data = encode(omraden_rows(dataset), encoding="cp1252")
    assert b"Roseng\xe5rd" in data  # å as the single byte 0xE5, not UTF-8
    result = read(data, dataset)
    assert result.encoding == "cp1252"
    assert result.values["rosengard"] == pytest.approx(expected_omraden(dataset)["rosengard"])
    assert result.value_column == "Värde"


def test_tab_separated(dataset):
    result = read(encode(omraden_rows(dataset), sep="\t"), dataset, "fil.txt")
    assert result.separator == "\t"
    assert result.values.to_dict() == expected_omraden(dataset)


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_every_separator_gives_the_same_values(dataset, sep):
    rows = [["Område", "Värde"]] + [
        [n, f"{i}.25"] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows, sep=sep, quote=True), dataset)
    assert result.separator == sep
    assert result.values.tolist() == [i + 0.25 for i in range(len(rows) - 1)]


def test_excel_sep_line_names_the_separator_and_is_not_counted(dataset):
    """Excel hides a first line ``sep=;``; rows are counted as Excel shows them."""
    rows = omraden_rows(dataset)
    rows[2][1] = "fel"
    err = error(b"sep=;\r\n" + encode(rows, eol="\r\n"), dataset)
    assert err.row == 3
    result = read(b"sep=,\n" + encode(omraden_rows(dataset), sep=",", quote=True), dataset)
    assert result.separator == ","
    assert result.values.to_dict() == expected_omraden(dataset)


def test_utf16_unicode_text_from_excel(dataset):
    text = "\r\n".join("\t".join(r) for r in omraden_rows(dataset))
    result = read(text.encode("utf-16"), dataset, "fil.txt")
    assert result.encoding == "utf-16"
    assert result.separator == "\t"
    assert result.values.to_dict() == expected_omraden(dataset)


def test_quoted_fields_may_hold_the_separator(dataset):
    rows = [["Område", "Kommentar", "Värde"]] + [
        [n, "höjd; justerad", f"{i},5"] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows, quote=True), dataset)
    assert result.value_column == "Värde"
    assert result.values.to_dict() == {
        u: i + 0.5 for i, u in enumerate(dataset.unit_ids("omraden"))
    }


# --------------------------------------------------------------------------- SCB exports


def scb_export(dataset: Dataset) -> tuple[bytes, dict[str, float]]:
    """An SCB-like export: title, BOM, quotes, \\r\\r\\n, other municipalities, footer."""
    codes = dataset.unit_ids("regso")
    names = dataset.unit_names("regso")
    lines = [
        '"Medelinkomst per RegSO, tkr"',
        "",
        '"region","inkomstkomponent","Medelinkomst 2022"',
        '"Lund (RegSO-Centrum)","löneinkomst","301,2"',
    ]
    expected = {}
    for i, code in enumerate(codes):
        value = f"{200 + i},{i % 10}"
        if i == 3:
            value = ".."
        elif i == 7:
            value = "-"
        else:
            expected[code] = float(value.replace(",", "."))
        lines.append(f'"Malmö (RegSO-{names[code]})","löneinkomst","{value}"')
    lines += [
        '"Trelleborg (RegSO-Söder)","löneinkomst","250,0"',
        "",
        '"Källa: SCB"',
        '"Officiell statistik"',
        '"Databas:",',
        '"Statistikdatabasen ",',
        '"Intern referenskod:",',
        '"000005QX",',
        '"Kontaktperson:"',
        '"Malin Forsberg, SCB"',
    ]
    text = "\r\r\n".join(lines) + "\r\r\n"
    return codecs.BOM_UTF8 + text.encode("utf-8"), expected


def test_scb_export_with_title_footer_and_missing_markers(dataset):
    data, expected = scb_export(dataset)
    assert data.startswith(codecs.BOM_UTF8) and b"\r\r\n" in data
    result = read(data, dataset, "000005QX_20250131.csv")

    assert result.level == "regso"
    assert result.encoding == "utf-8-sig"
    assert result.separator == ","
    assert result.value_column == "Medelinkomst 2022"
    codes = dataset.unit_ids("regso")
    assert math.isnan(result.values[codes[3]])
    assert math.isnan(result.values[codes[7]])
    assert result.values.drop([codes[3], codes[7]]).to_dict() == pytest.approx(expected)
    assert result.missing_units == ()  # listed with a marker is not "not in the file"
    notices = " ".join(result.notices)
    # The title line is row 1, the header row 3: the rows are those of the file.
    assert "ovanför tabellen" in notices and "rad 1" in notices
    assert "fotnoter" in notices and "Källa: SCB" in notices
    assert "2 rader för andra kommuner" in notices
    names = dataset.unit_names("regso")
    assert f"{names[codes[3]]} (rad {3 + 1 + 3 + 1}, '..')" in notices
    assert f"{names[codes[7]]} (rad {3 + 1 + 7 + 1}, '-')" in notices


def test_scb_rows_are_counted_as_lines_despite_double_carriage_returns(dataset):
    data, _ = scb_export(dataset)
    codes = dataset.unit_ids("regso")
    label = f"Malmö (RegSO-{dataset.unit_names('regso')[codes[10]]})"
    data = data.replace(f'"{label}","löneinkomst","210,0"'.encode(), f'"{label}","x","?"'.encode())
    err = error(data, dataset)
    assert err.row == 4 + 1 + 10  # title, blank, header, Lund, then the 11th RegSO
    assert err.value == "?"
    assert "'Medelinkomst 2022'" in str(err)


def test_scb_header_without_a_name_for_the_region_column(dataset):
    """SCB's area-type table starts ``,2022``: the region column has no header."""
    names = dataset.unit_names("regso")
    lines = [",2022"] + [f"Malmö (RegSO-{names[c]}),{i % 5 + 1}" for i, c in enumerate(names)]
    lines += [",", "Källa:,", "SCB,"]
    result = read(codecs.BOM_UTF8 + "\r\n".join(lines).encode(), dataset)
    assert result.value_column == "2022"
    assert result.values.notna().all()


def test_regso_renamed_in_2025_is_still_recognised(dataset):
    """SCB's 2020–2023 tables call RegSO-Ön 'Ön norr'."""
    names = dataset.unit_names("regso")
    rows = [["region", "värde"]] + [
        [f"Malmö (RegSO-{'Ön norr' if n == 'Ön' else n})", "1"] for n in names.values()
    ]
    result = read(encode(rows, sep=","), dataset)
    assert result.values.notna().all()
    assert any("Ön norr" in n and "namnbyte" in n for n in result.notices)


def test_only_other_municipalities_get_a_hint(dataset):
    rows = [["region", "värde"], ["Lund (RegSO-Centrum)", "1"], ["Lund (RegSO-Norr)", "2"]]
    err = error(encode(rows, sep=","), dataset)
    assert "andra kommuner än Malmö" in str(err)


def test_deso_codes_get_a_hint(dataset):
    rows = [["deso", "värde"], ["1280C1230", "1"], ["1280C1260", "2"]]
    err = error(encode(rows), dataset)
    assert "DeSO" in str(err) and "RegSO" in str(err)


def test_kommun_column_skips_other_municipalities(dataset):
    """A whole-country list may name areas plainly and give the municipality apart."""
    rows = [["Kommun", "Stadsdel", "Värde"], ["Sundsvall", "Centrum", "5"]]
    rows += [["Malmö", n, str(i)] for i, n in enumerate(names_of(dataset, "stadsdelar"))]
    rows += [["Lund", "Centrum", "7"]]
    result = read(encode(rows), dataset)
    assert result.level == "stadsdelar"
    assert result.values.tolist() == list(range(10))
    assert result.numeric_columns == ("Värde",)
    assert any("2 rader för andra kommuner" in n for n in result.notices)


# --------------------------------------------------------------------------- layout


def test_title_line_above_the_header(dataset):
    rows = [["Trygghet i Malmö 2023", ""], ["", ""], *omraden_rows(dataset, ("Område", "Andel %"))]
    result = read(encode(rows), dataset)
    assert result.value_column == "Andel %"
    assert result.values.to_dict() == expected_omraden(dataset)
    assert any("ovanför tabellen" in n and "Trygghet" in n for n in result.notices)


def test_file_without_header(dataset):
    rows = omraden_rows(dataset)[1:]
    result = read(encode(rows), dataset)
    assert result.value_column == "kolumn B"
    assert result.values.to_dict() == expected_omraden(dataset)


def test_footer_notes_and_blank_rows_are_ignored(dataset):
    rows = [*omraden_rows(dataset), ["", ""], ["Källa: egen enkät", ""], ["Anm: preliminärt", ""]]
    result = read(encode(rows), dataset)
    assert result.values.to_dict() == expected_omraden(dataset)
    assert any("2 rader efter tabellen" in n for n in result.notices)


def test_blank_rows_inside_the_table_are_skipped(dataset):
    rows = omraden_rows(dataset)
    rows.insert(5, ["", ""])
    result = read(encode(rows), dataset)
    assert result.values.to_dict() == expected_omraden(dataset)


@pytest.mark.parametrize("label", ["Malmö", "Totalt", "Summa", "Malmö kommun", "1280 Malmö"])
def test_totals_rows_are_skipped_with_a_notice(dataset, label):
    rows = omraden_rows(dataset)
    rows.insert(1, [label, "999999"])
    rows.append(["Totalt", "1 000 000"])
    result = read(encode(rows), dataset)
    assert result.values.to_dict() == expected_omraden(dataset)
    notice = next(n for n in result.notices if "Summerings" in n)
    assert f"rad 2 ('{label}')" in notice


def test_unnamed_sum_row_at_the_end_is_skipped(dataset):
    rows = [*omraden_rows(dataset), ["", "12345"]]
    result = read(encode(rows), dataset)
    assert result.values.to_dict() == expected_omraden(dataset)
    assert any("utan namn" in n for n in result.notices)


def test_row_with_values_but_no_area_inside_the_table_is_an_error(dataset):
    rows = omraden_rows(dataset)
    rows.insert(4, ["", "12,5"])
    err = error(encode(rows), dataset)
    assert err.row == 5
    assert "rad 5" in str(err) and "inget område" in str(err)


# --------------------------------------------------------------------------- area names


@pytest.mark.parametrize("level", LEVELS)
def test_every_level_is_detected(dataset, level):
    rows = [["Namn", "Värde"]] + [[n, str(i)] for i, n in enumerate(names_of(dataset, level))]
    result = read(encode(rows), dataset)
    assert result.level == level
    assert result.values.index.tolist() == dataset.unit_ids(level)
    assert result.values.tolist() == [float(i) for i in range(len(rows) - 1)]


@pytest.mark.parametrize("level", LEVELS)
def test_ids_are_accepted_as_well_as_names(dataset, level):
    rows = [["id", "Värde"]] + [[u, str(i)] for i, u in enumerate(dataset.unit_ids(level))]
    result = read(encode(rows), dataset)
    assert result.level == level
    assert result.values.notna().all()


def test_regso_spellings(dataset):
    names = dataset.unit_names("regso")
    codes = dataset.unit_ids("regso")
    forms = [
        lambda c: c,  # 1280R045
        lambda c: f"Malmö (RegSO-{names[c]})",
        lambda c: f"Malmö ({names[c]})",
        lambda c: f"RegSO-{names[c]}",
        lambda c: names[c],
        lambda c: f"  {names[c].upper()}  ",
        lambda c: f"{c} Malmö (RegSO-{names[c]})",  # PxWeb "code and text"
    ]
    rows = [["Område", "Värde"]] + [[forms[i % len(forms)](c), str(i)] for i, c in enumerate(codes)]
    result = read(encode(rows), dataset)
    assert result.level == "regso"
    assert result.values.tolist() == [float(i) for i in range(len(codes))]


def test_area_spellings_ignore_case_accents_and_dashes(dataset):
    """'Västra hamnen–Gamla staden' with a hyphen, 'rosengard' in ASCII, upper case."""
    variants = {
        "Västra hamnen–Gamla staden": "Västra hamnen-Gamla staden",
        "Rosengård": "rosengard",
        "Husie": "HUSIE",
        "Lindängen–Hermodsdal–Söderkulla": "Lindängen - Hermodsdal - Söderkulla",
    }
    rows = [["Område", "Värde"]] + [
        [variants.get(n, n), str(i)] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows), dataset)
    assert result.level == "omraden"
    assert result.values.notna().all()


def test_stadsdel_hyphen_name_accepts_an_en_dash(dataset):
    rows = [["Stadsdel", "Värde"]] + [
        [n.replace("-", "–"), "1"] for n in names_of(dataset, "stadsdelar")
    ]
    assert "Limhamn–Bunkeflo" in {r[0] for r in rows}
    assert read(encode(rows), dataset).level == "stadsdelar"


def test_names_shared_by_two_levels_go_to_the_one_they_cover_best(dataset):
    """'Husie', 'Kirseberg' and 'Oxie' are both områden and stadsdelar."""
    rows = [["Område", "Värde"], ["Husie", "1"], ["Kirseberg", "2"], ["Oxie", "3"]]
    result = read(encode(rows), dataset)
    assert result.level == "stadsdelar"
    assert len(result.missing_units) == 7
    assert any("både" in n for n in result.notices)


def test_area_column_need_not_be_first(dataset):
    rows = [["Nr", "Område", "Värde"]] + [
        [str(i + 1), n, f"{i},5"] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows), dataset)
    assert result.value_column == "Värde"  # right of the area column, not the row number
    assert result.numeric_columns == ("Nr", "Värde")
    assert result.values.to_dict() == expected_omraden(dataset)


def test_areas_missing_from_the_file(dataset):
    rows = omraden_rows(dataset)
    del rows[1:4]
    result = read(encode(rows), dataset)
    missing = tuple(dataset.unit_ids("omraden")[:3])
    assert result.missing_units == missing
    assert result.values[list(missing)].isna().all()
    assert result.values.notna().sum() == 11
    assert any("3 av 14 områden finns inte i filen" in n for n in result.notices)


# --------------------------------------------------------------------------- value columns


def wide(dataset: Dataset) -> bytes:
    rows = [["Område", "År", "Antal", "Andel", "Kommentar"]] + [
        [n, "2023", str(100 + i), f"{i},5", "ok"]
        for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    return encode(rows)


def test_first_numeric_column_is_used_and_the_others_offered(dataset):
    result = read(wide(dataset), dataset)
    assert result.value_column == "Antal"  # a year column is no indicator
    assert result.numeric_columns == ("År", "Antal", "Andel")
    assert result.values.iloc[0] == 100.0


def test_value_column_can_be_chosen(dataset):
    result = read(wide(dataset), dataset, value_column="Andel")
    assert result.value_column == "Andel"
    assert result.values.to_dict() == expected_omraden(dataset)
    assert read(wide(dataset), dataset, value_column="andel ").value_column == "Andel"
    assert read(wide(dataset), dataset, value_column="D").value_column == "Andel"


def test_chosen_value_column_must_exist(dataset):
    err = error(wide(dataset), dataset, value_column="Medelinkomst")
    assert "'Medelinkomst'" in str(err) and "finns inte" in str(err)
    assert "'Antal'" in str(err)  # what could be chosen instead


def test_chosen_value_column_must_be_numeric(dataset):
    err = error(wide(dataset), dataset, value_column="Kommentar")
    assert "'Kommentar'" in str(err) and "inga tal" in str(err)


def test_percent_signs_are_dropped(dataset):
    rows = [["Område", "Andel"]] + [
        [n, f"{i},5 %"] for i, n in enumerate(names_of(dataset, "omraden"))
    ]
    result = read(encode(rows), dataset)
    assert result.values.to_dict() == expected_omraden(dataset)
    assert any("Procent" in n for n in result.notices)


# --------------------------------------------------------------------------- Excel


def test_xlsx_made_with_openpyxl(dataset):
    names = names_of(dataset, "omraden")
    rows: list[list[object]] = [["Otrygghet i Malmö, andel (%)"], [], ["Område", "Andel", "Not"]]
    rows += [[n, i + 0.5, None] for i, n in enumerate(names)]
    rows[4][1] = ".."
    rows.append(["Malmö", 7.5, "hela staden"])
    data = xlsx(rows, sheets={"Info": [["Källa", "Egen enkät"]]})
    result = read(data, dataset, "enkat.xlsx")

    assert result.encoding is None and result.separator is None
    assert result.sheet == "Data"
    assert result.level == "omraden"
    assert result.value_column == "Andel"
    expected = expected_omraden(dataset)
    first = dataset.unit_ids("omraden")[1]
    assert math.isnan(result.values[first])
    assert result.values.drop(first).to_dict() == {k: v for k, v in expected.items() if k != first}
    notices = " ".join(result.notices)
    assert "2 blad" in notices
    assert "rad 5, '..'" in notices  # Excel's own row number
    assert "rad 18 ('Malmö')" in notices


def test_xlsx_data_on_a_later_sheet(dataset):
    rows = [["Område", "Värde"]] + [[n, i] for i, n in enumerate(names_of(dataset, "stadsdelar"))]
    data = xlsx([["Läs mig"], ["Data finns på nästa blad"]], sheets={"Värden": rows})
    result = read(data, dataset, "fil.xlsx")
    assert result.sheet == "Värden"
    assert result.level == "stadsdelar"


def test_xlsx_bad_value_names_the_excel_row(dataset):
    rows = [["Område", "Värde"]] + [[n, i] for i, n in enumerate(names_of(dataset, "stadsdelar"))]
    rows[6][1] = "#DIVISION/0!"
    err = error(xlsx(rows), dataset, "fil.xlsx")
    assert err.row == 7
    assert err.column == "Värde"
    assert "'#DIVISION/0!'" in str(err)


def test_xlsx_formulas_without_saved_values_get_a_hint(dataset):
    """openpyxl writes formulas without results; Excel stores both when it saves."""
    rows = [["Område", "Värde"]] + [[n, "=1+1"] for n in names_of(dataset, "stadsomraden")]
    err = error(xlsx(rows), dataset, "fil.xlsx")
    assert "ingen kolumn med tal" in str(err) and "formler" in str(err)


def test_broken_xlsx_is_refused(dataset):
    data = np.random.default_rng(1).bytes(2000)
    err = error(data, dataset, "fil.xlsx")
    assert ".xlsx" in str(err) and "Excel" in str(err)


def test_truncated_xlsx_is_refused(dataset):
    data = xlsx([["Område", "Värde"], ["Husie", 1]])
    err = error(data[: len(data) // 2], dataset, "fil.xlsx")
    assert "skadad" in str(err)


@pytest.mark.parametrize(
    "data", [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), b"Omrade;Varde\nHusie;1\n"]
)
def test_xls_is_refused_with_how_to_save(dataset, data):
    err = error(data, dataset, "gammal.xls")
    assert ".xls" in str(err) and ".xlsx" in str(err) and "CSV" in str(err)


def test_ods_is_refused(dataset):
    err = error(b"PK\x03\x04whatever", dataset, "fil.ods")
    assert ".xlsx" in str(err)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b"\r\n\r\n  \n", codecs.BOM_UTF8 + b"\n"])
def test_empty_file(dataset, data):
    err = error(data, dataset)
    assert "tom" in str(err)
    assert isinstance(err, AreaIndexError)


def test_file_over_the_size_limit(dataset):
    data = encode(omraden_rows(dataset))
    err = error(data, dataset, max_bytes=100)
    assert "högst 100 byte" in str(err)
    assert f"({len(data)} > 100 byte)" in str(err)  # the size, exactly
    big = error(b"x" * 6_000_001, dataset)
    assert "6,0 MB" in str(big) and "5,0 MB" in str(big)
    english = error(b"x" * 6_000_001, dataset, lang="en")
    assert "6.0 MB" in str(english) and "at most 5.0 MB" in str(english)
    assert "(6000001 > 5000000 bytes)" in str(english)


def test_no_numeric_column(dataset):
    rows = [["Område", "Kommentar"]] + [[n, "bra"] for n in names_of(dataset, "omraden")]
    err = error(encode(rows), dataset)
    assert "ingen kolumn med tal" in str(err)
    assert "'Kommentar'" in str(err)


def test_no_area_column(dataset):
    rows = [["Namn", "Värde"], ["Foo", "1"], ["Bar", "2"]]
    err = error(encode(rows), dataset)
    assert "ingen kolumn med områden" in str(err)
    assert "1280R001" in str(err) and "Centrum" in str(err)  # what would be accepted


def test_bad_number_names_row_column_and_value(dataset):
    rows = omraden_rows(dataset, ("Område", "Andel arbetslösa"))
    rows[3][1] = "12,5 procent"
    err = error(encode(rows), dataset)
    assert err.row == 4  # the header is row 1
    assert err.column == "Andel arbetslösa"
    assert err.value == "12,5 procent"
    message = str(err)
    assert message.startswith("fil.csv: rad 4, kolumn 'Andel arbetslösa' (B)")
    assert "'12,5 procent'" in message
    for accepted in ("12,5", "12.5", "12 345", "1 234,5", "'..'", "'-'", "'–'", "tom cell"):
        assert accepted in message


def test_every_bad_number_is_listed(dataset):
    rows = omraden_rows(dataset)
    rows[2][1] = "n/a"
    rows[9][1] = "ca 5"
    err = error(encode(rows), dataset)
    assert err.row == 3
    assert "rad 3: 'n/a'" in str(err) and "rad 10: 'ca 5'" in str(err)


def test_unknown_areas_are_all_listed_with_rows(dataset):
    rows = omraden_rows(dataset)
    rows[2][0] = "Rosengårdd"
    rows[5][0] = "Centrum"  # a stadsdel, not one of the 14 områden
    rows[8][0] = "Gotham"
    err = error(encode(rows), dataset)
    message = str(err)
    assert "3 områden" in message
    assert "'Rosengårdd' (rad 3; menade du 'Rosengård'?)" in message
    assert "'Centrum' (rad 6; finns i '10 stadsdelar" in message
    assert "'Gotham' (rad 9)" in message
    assert "14 områden" in message and "Augustenborg–Nydala–Hindby" in message
    assert err.row == 3 and err.column == "Område" and err.value == "Rosengårdd"


def test_unknown_regso_label_suggests_the_name(dataset):
    names = dataset.unit_names("regso")
    rows = [["region", "värde"]] + [[f"Malmö (RegSO-{n})", "1"] for n in names.values()]
    rows[45][0] = "Malmö (RegSO-Lindängn)"
    err = error(encode(rows, sep=","), dataset)
    assert "'Malmö (RegSO-Lindängn)' (rad 46; menade du 'Lindängen'?)" in str(err)
    assert "1280R001" in str(err)


def test_duplicate_areas_name_their_rows(dataset):
    rows = omraden_rows(dataset)
    rows.append([rows[3][0].upper(), "1"])
    err = error(encode(rows), dataset)
    assert f"'{rows[3][0]}' på rad 4 och 16" in str(err)
    assert err.row == 16


def test_duplicates_from_a_long_table_get_a_hint(dataset):
    rows = [["Område", "Kön", "Värde"]]
    for n in names_of(dataset, "stadsomraden"):
        rows += [[n, "kvinnor", "1"], [n, "män", "2"]]
    err = error(encode(rows), dataset)
    assert "'Kön'" in str(err) and "en rad per område" in str(err)


def test_text_that_is_no_table(dataset):
    err = error("Hej!\nDet här är ett brev.\n".encode(), dataset, "brev.txt")
    assert "ingen kolumn med områden" in str(err)


def test_binary_file_with_text_name(dataset):
    err = error(b"\x00\x01\x02binary\x00" * 50, dataset, "bild.csv")
    assert "Excel" in str(err) or "text" in str(err)


# --------------------------------------------------------------------------- robustness


FILENAMES = st.sampled_from(["fil.csv", "fil.xlsx", "fil.txt", "fil.xls", "fil", "fil.CSV"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), filename=FILENAMES)
def test_random_bytes_raise_only_upload_errors(dataset, data, filename):
    try:
        result = read_indicator_file(data, filename, dataset)
    except UploadError as exc:
        assert str(exc).strip()
    else:
        assert isinstance(result, UploadResult)


@pytest.fixture(scope="module")
def spellings(dataset) -> list[str]:
    """Every unit's name, and the RegSO codes."""
    return [n for lvl in LEVELS for n in names_of(dataset, lvl)] + dataset.unit_ids("regso")


@st.composite
def messy_tables(draw: st.DrawFn, names: list[str]) -> bytes:
    """Table-like text from real names, numbers, markers, junk, any separator and encoding."""
    cell = st.one_of(
        st.sampled_from(names),
        st.sampled_from(["Malmö", "Totalt", "Källa: SCB", "..", "-", "–", "", "Lund (X)"]),
        st.floats(allow_nan=False, allow_infinity=False).map(
            lambda v: f"{v:.3f}".replace(".", ",")
        ),
        st.text(alphabet=string.printable + 'åäöÅÄÖ\u00a0–"', max_size=12),
    )
    sep = draw(st.sampled_from([";", ",", "\t", "|"]))
    rows = draw(st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=30))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r\r\n", "\r"]))
    text = eol.join(sep.join(r) for r in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_messy_tables_raise_only_upload_errors(dataset, spellings, data):
    raw = data.draw(messy_tables(spellings), label="file")
    try:
        result = read_indicator_file(raw, "fil.csv", dataset)
    except UploadError:
        return
    assert result.level in LEVELS
    assert result.values.index.tolist() == dataset.unit_ids(result.level)
    assert result.value_column in result.numeric_columns


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=14, max_size=14
    ).filter(lambda vs: any(v is not None for v in vs)),  # all missing: no numeric column
    sep=st.sampled_from([";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_written_values_are_read_back(dataset, values, sep, encoding):
    rows = [["Område", "Värde"]]
    for name, value in zip(names_of(dataset, "omraden"), values, strict=True):
        text = ".." if value is None else f"{value:,.2f}".replace(",", NBSP).replace(".", ",")
        rows.append([name, text])
    result = read(encode(rows, sep=sep, encoding=encoding), dataset)
    for got, want in zip(result.values.tolist(), values, strict=True):
        if want is None:
            assert math.isnan(got)
        else:
            assert got == pytest.approx(round(want, 2), abs=0.006)


# --------------------------------------------------------------------------- the user's language

# Words that only a Swedish message has (area and level names are Swedish in both).
SWEDISH = re.compile(
    r"\b(rad|raden|raderna|rader|kolumn|kolumnen|filen|området|områden|och|eller|inga|finns|"
    r"tal|värdet|godtas|tolkades|saknas|ignorerades|blad|arbetsboken|känns)\b",
    re.IGNORECASE,
)


def bad_files(dataset: Dataset) -> dict[str, tuple[bytes, str, dict]]:
    """One file per kind of error: content, name and reader options."""
    names = names_of(dataset, "omraden")
    good = [["Area", "Value"]] + [[n, f"{i},5"] for i, n in enumerate(names)]
    swapped = [row[:] for row in good]
    swapped[3][0], swapped[5][0] = "Rosengårdd", "1280A0010"
    bad_numbers = [row[:] for row in good]
    bad_numbers[2][1], bad_numbers[9][1] = "n/a", "ca 5"
    unlabelled = [*good[:4], ["", "7"], *good[4:]]
    long = [["Area", "Sex", "Value"]] + [[n, s, "1"] for n in names[:3] for s in ("m", "f")]
    return {
        "too_large": (encode(good), "fil.csv", {"max_bytes": 100}),
        "empty": (b"  \n", "fil.csv", {}),
        "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 64, "fil.xls", {}),
        "ods": (b"<xml/>", "fil.ods", {}),
        "binary": (b"Area;Value\n\x00\x01;2\n", "fil.csv", {}),
        "broken_xlsx": (b"PK\x03\x04 not a workbook", "fil.xlsx", {}),
        "no_area_column": (encode([["a", "b"], ["x", "1"], ["y", "2"]]), "fil.csv", {}),
        "deso": (encode([["DeSO", "Value"], ["1280A0010", "1"], ["1280C1020", "2"]]), "d.csv", {}),
        "unknown": (encode(swapped), "fil.csv", {}),
        "duplicates": (encode(long), "fil.csv", {}),
        "unlabelled": (encode(unlabelled), "fil.csv", {}),
        "bad_value": (encode(bad_numbers), "fil.csv", {}),
        "no_numeric": (encode([["Area", "Comment"]] + [[n, "ok"] for n in names]), "f.csv", {}),
        "no_such_column": (encode(good), "fil.csv", {"value_column": "Missing"}),
        "not_numeric": (
            encode([["Area", "Value", "Comment"]] + [[n, "1", "ok"] for n in names]),
            "fil.csv",
            {"value_column": "Comment"},
        ),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "too_large",
        "empty",
        "xls",
        "ods",
        "binary",
        "broken_xlsx",
        "no_area_column",
        "deso",
        "unknown",
        "duplicates",
        "unlabelled",
        "bad_value",
        "no_numeric",
        "no_such_column",
        "not_numeric",
    ],
)
def test_every_error_comes_in_the_users_language(dataset, kind):
    data, name, options = bad_files(dataset)[kind]
    sv = error(data, dataset, name, **options)
    en = error(data, dataset, name, lang="en", **options)
    assert SWEDISH.search(sv.detail), sv.detail  # Swedish by default
    assert not SWEDISH.search(en.detail), en.detail
    assert not re.search(r"[åäö]", en.detail.replace("Rosengårdd", "")) or kind in {
        "unknown",
        "duplicates",
        "unlabelled",
        "bad_value",
        "no_area_column",
        "deso",
    }, en.detail  # only area names keep their letters
    assert str(en).startswith(f"{name}: ") and str(sv).startswith(f"{name}: ")
    # The place of the fault does not depend on the language.
    assert (en.row, en.column, en.value) == (sv.row, sv.column, sv.value)


def test_notices_come_in_the_users_language(dataset):
    data, _ = scb_export(dataset)
    sv = read(data, dataset, "scb.csv")
    en = read(data, dataset, "scb.csv", lang="en")
    assert len(en.notices) == len(sv.notices) >= 4
    for sv_text, en_text in zip(sv.notices, en.notices, strict=True):
        assert SWEDISH.search(sv_text), sv_text
        assert not SWEDISH.search(en_text), en_text
    english = " ".join(en.notices)
    assert "Ignored as a title" in english and "row 1" in english
    assert "2 rows for municipalities other than Malmö" in english
    # The values do not depend on the language.
    pd.testing.assert_series_equal(en.values, sv.values)


def test_reader_messages_all_come_from_the_translation_table():
    """No message text is written in the reader's code: every key it uses exists."""
    from areaindex.texts.upload_reader import TEXTS as READER_TEXTS

    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted((Path(__file__).parent.parent / "areaindex" / "uploads").glob("*.py"))
    )
    used = set(re.findall(r'(?:say|self)\(\s*"([a-z_]+)"', source))
    used |= set(re.findall(r'say\.error\(\s*"([a-z_]+)"', source))
    used |= set(re.findall(r'"(\w+_(?:one|many))"', source))
    assert used, "the reader's message keys were not found"
    missing = {k for k in used if f"upload.read.{k}" not in READER_TEXTS}
    assert not missing, missing
    # And no Swedish sentence is left in the code: only docstrings and the patterns
    # that recognise what Swedish files contain (headers, footers, totals).
    for path in sorted((Path(__file__).parent.parent / "areaindex" / "uploads").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            text = node.value
            if id(node) in docstrings or "|" in text or text.startswith("^") or len(text) < 12:
                continue
            assert not SWEDISH.search(text), f"{path.name}:{node.lineno}: {text!r}"


# --------------------------------------------------------------------------- texts


def test_upload_texts_are_prefixed_and_have_matching_placeholders():
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    assert TEXTS
    for key, (sv, en) in TEXTS.items():
        assert key.startswith("upload."), key
        assert sv.strip() and en.strip(), key
        assert fields(sv) == fields(en), key
