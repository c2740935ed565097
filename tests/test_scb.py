"""Tests for areaindex.sources.scb: SCB's CSV exports with their real quirks, on small files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.data_errors import SourceError
from areaindex.sources.scb import (
    RegionLabel,
    parse_region_label,
    read_deso_table,
    read_scb_csv,
    regso_display_name,
    to_number,
    year_columns,
)

BOM = "\ufeff"


def write_scb(path: Path, lines: list[str], *, eol: str = "\r\r\n", bom: bool = True) -> Path:
    """Write lines as SCB does: UTF-8 with byte-order mark and ``\\r\\r\\n`` line ends."""
    path.write_bytes(((BOM if bom else "") + eol.join(lines) + eol).encode("utf-8"))
    return path


# A BE0101Y-like export: quoted header, \r\r\n, then SCB's footer notes.
POPULATION_LINES = [
    '"region","födelseregion","kön","Antal 2020","Antal 2021"',
    '"Malmö (RegSO-Lindängen)","Sverige","totalt",1651,1629',
    '"Malmö (RegSO-Lindängen)","totalt","totalt",4053,..',
    '"Upplands Väsby (Bollstanäs)","totalt","totalt",6062,-',
    ",",
    "Databas:,",
    "Statistikdatabasen ,",
    ",",
    "Intern referenskod:,",
    "000005QX,",
]


def test_bom_crlf_and_footer_rows_are_dropped(tmp_path):
    path = write_scb(tmp_path / "pop.csv", POPULATION_LINES)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\r\n" in path.read_bytes()

    frame = read_scb_csv(path, required=("region", "Antal 2020"))

    # The BOM is not part of the first column name; the footer is gone.
    assert list(frame.columns) == ["region", "födelseregion", "kön", "Antal 2020", "Antal 2021"]
    assert frame["region"].tolist() == [
        "Malmö (RegSO-Lindängen)",
        "Malmö (RegSO-Lindängen)",
        "Upplands Väsby (Bollstanäs)",
    ]
    # Every cell is kept as text for the caller to convert; row labels are 0, 1, 2.
    assert frame["Antal 2021"].tolist() == ["1629", "..", "-"]
    assert frame.index.tolist() == [0, 1, 2]


def test_plain_lf_file_without_bom_reads_the_same(tmp_path):
    crlf = read_scb_csv(write_scb(tmp_path / "a.csv", POPULATION_LINES))
    lf = read_scb_csv(write_scb(tmp_path / "b.csv", POPULATION_LINES, eol="\n", bom=False))
    pd.testing.assert_frame_equal(crlf, lf)


def test_empty_region_header_and_quoted_multiline_note(tmp_path):
    # The area-type export: ",2022" header, \r\n, a blank row, then a quoted note that
    # spans two lines and a table title in the footer.
    lines = [
        ",2022",
        "Malmö (RegSO-Lindängen),1",
        "Malmö (RegSO-Ön),5",
        ",",
        '"Delegationen mot segregation (Delmos) och SCB har utvecklat ett index.',
        ' Vissa RegSO-koder har uppdaterats.",',
        "Databas:,",
        "Intern referenskod:,",
        "000005QX,",
    ]
    path = write_scb(tmp_path / "typ.csv", lines, eol="\r\n")

    frame = read_scb_csv(path, required=("region", "2022"))

    assert list(frame.columns) == ["region", "2022"]
    assert frame.to_dict("list") == {
        "region": ["Malmö (RegSO-Lindängen)", "Malmö (RegSO-Ön)"],
        "2022": ["1", "5"],
    }
    assert year_columns(frame) == {"2022": 2022}


def test_footnote_side_columns_are_dropped(tmp_path):
    # The households export has a long table title as a fifth column header.
    lines = [
        'deso,total_households,,,"Antal hushåll efter år, region och hushållstyp"',
        "1280C1010,357,,,",
        "1280C1020,598,,,",
        ",,,,",
        "Intern referenskod:,,,,",
    ]
    frame = read_scb_csv(write_scb(tmp_path / "hh.csv", lines, eol="\n", bom=False))
    assert list(frame.columns) == ["deso", "total_households"]
    assert frame["total_households"].tolist() == ["357", "598"]


def test_missing_markers_become_nan_and_numbers_parse(tmp_path):
    series = pd.Series(["12", "..", "-", "", "1\u00a0234", "2 500", "3.5", "–", "."], name="Antal")
    values = to_number(series, tmp_path / "x.csv")
    expected = [12.0, np.nan, np.nan, np.nan, 1234.0, 2500.0, 3.5, np.nan, np.nan]
    np.testing.assert_array_equal(values.to_numpy(), np.array(expected))
    assert values.dtype == float


def test_non_number_cell_names_file_row_and_column(tmp_path):
    lines = [*POPULATION_LINES[:2], '"Malmö (RegSO-Lindängen)","totalt","totalt",4053,x12']
    path = write_scb(tmp_path / "pop.csv", lines)
    frame = read_scb_csv(path)

    with pytest.raises(SourceError) as caught:
        to_number(frame["Antal 2021"], path, column="Antal 2021")

    err = caught.value
    assert err.path == path
    assert err.row == 1  # the second data row, zero-based ...
    assert err.column == "Antal 2021"
    message = str(err)
    assert str(path) in message
    assert "rad 2" in message  # ... shown one-based
    assert "'Antal 2021'" in message
    assert "'x12'" in message


def test_non_number_in_series_indexed_by_code_names_the_code(tmp_path):
    # The importers index tables by RegSO or DeSO code before converting; the error
    # must then still be a SourceError naming the file and the code (it used to
    # crash with "invalid literal for int()").
    series = pd.Series(["4053", "x"], index=["1280R001", "1280R045"], name="Antal 2020")
    with pytest.raises(SourceError) as caught:
        to_number(series, tmp_path / "pop.csv")
    assert caught.value.row is None
    assert caught.value.column == "Antal 2020"
    assert "1280R045" in str(caught.value)
    assert "'x'" in str(caught.value)
    assert str(tmp_path / "pop.csv") in str(caught.value)


def test_missing_required_column_is_named(tmp_path):
    path = write_scb(tmp_path / "pop.csv", POPULATION_LINES)
    with pytest.raises(SourceError) as caught:
        read_scb_csv(path, required=("region", "upplåtelseform"))
    assert caught.value.path == path
    assert "kolumn saknas: upplåtelseform;" in str(caught.value)


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes('"region","Antal 2020"\r\n"Malmö (RegSO-Ön)",1\r\n'.encode("latin-1"))
    with pytest.raises(SourceError, match="UTF-8") as caught:
        read_scb_csv(path)
    assert caught.value.path == path


def test_missing_file_and_file_without_data_rows(tmp_path):
    with pytest.raises(SourceError, match="filen saknas"):
        read_scb_csv(tmp_path / "nope.csv")
    only_footer = write_scb(tmp_path / "empty.csv", ['"region","Antal 2020"', ",", "Databas:,"])
    with pytest.raises(SourceError, match="inga datarader"):
        read_scb_csv(only_footer)


def test_read_deso_table_keeps_deso_rows_only(tmp_path):
    lines = [
        "deso,Median income tkr,Antal personer totalt,,,,,",
        "1280C1010,374.7,652,,,,,",
        "1280A0020,424.4,1132,,,,,",
        "Fotnot: inkomstår 2022,,,,,,,",
        ",,,,,,,",
        "Intern referenskod:,,,,,,,",
        "000002FI,,,,,,,",
    ]
    frame = read_deso_table(write_scb(tmp_path / "inc.csv", lines, eol="\n", bom=False))
    assert frame.index.tolist() == ["1280C1010", "1280A0020"]
    assert list(frame.columns) == ["Median income tkr", "Antal personer totalt"]


def test_read_deso_table_refuses_duplicates_and_files_without_codes(tmp_path):
    dup = write_scb(tmp_path / "dup.csv", ["deso,total", "1280C1010,5", "1280C1010,6"], eol="\n")
    with pytest.raises(SourceError, match="1280C1010 förekommer flera gånger"):
        read_deso_table(dup)
    prose = write_scb(tmp_path / "prose.csv", ["deso,total", "Summa,5"], eol="\n")
    with pytest.raises(SourceError, match="inga rader med DeSO-kod"):
        read_deso_table(prose)


def test_year_columns():
    frame = pd.DataFrame(
        columns=[
            "region",
            "kön",
            "Medelvärde för samtliga, tkr 2020",
            "Antal 2023",
            "2022",
            "Antal 1899",
        ]
    )
    assert year_columns(frame) == {
        "Medelvärde för samtliga, tkr 2020": 2020,
        "Antal 2023": 2023,
        "2022": 2022,
    }


@pytest.mark.parametrize(
    ("label", "kommun", "area"),
    [
        ("Malmö (RegSO-Almvik norr-Lindängen norr)", "Malmö", "Almvik norr-Lindängen norr"),
        ("Upplands Väsby (Bollstanäs)", "Upplands Väsby", "Bollstanäs"),
        ("  Malmö  ( RegSO-Ön norr ) ", "Malmö", "Ön norr"),
        ("Malmö (regso-Ön)", "Malmö", "Ön"),
    ],
)
def test_parse_region_label(label, kommun, area):
    assert parse_region_label(label) == RegionLabel(kommun, area)


@pytest.mark.parametrize("label", ["Malmö", "Malmö RegSO-Ön", "(RegSO-Ön)", "Malmö (Ön", ""])
def test_parse_region_label_refuses_malformed(label):
    with pytest.raises(ValueError, match="okänd regionbeteckning"):
        parse_region_label(label)


def test_regso_display_name():
    assert regso_display_name("RegSO-Lindängen") == "Lindängen"
    assert regso_display_name(" Lindängen ") == "Lindängen"
    assert regso_display_name("REGSO- Ön") == "Ön"
    # Only the prefix is removed, not a RegSO- elsewhere in the name.
    assert regso_display_name("Ön RegSO-x") == "Ön RegSO-x"


@pytest.mark.sources
def test_real_exports_read_without_footer(shared_data):
    pop = read_scb_csv(
        shared_data / "scb/regso_stats_2020_2023/regso_foreign_born_2020_2023.csv",
        required=("region", "födelseregion", "kön"),
    )
    assert year_columns(pop) == {f"Antal {y}": y for y in (2020, 2021, 2022, 2023)}
    assert len(pop) == 2 * 3363  # Sverige and totalt for each RegSO in Sweden
    assert (pop["region"].str.match(r"^[^()]+ \(.+\)$")).all()
    malmo = pop[pop["region"].str.startswith("Malmö (")]
    assert len(malmo) == 2 * 91

    area_type = read_scb_csv(
        shared_data / "scb/regso_omradestyp_2022/regso_socioekonomisk_index_2022.csv"
    )
    assert list(area_type.columns) == ["region", "2022"]
    assert len(area_type) == 3363
    assert to_number(area_type["2022"], "typ").isin([1, 2, 3, 4, 5]).all()
