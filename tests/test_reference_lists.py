"""Public reference lists: the committed key, the build, the map layer and the sentences.

The sentences are checked on a hand-made dataset whose top units and list
membership are known, so each expected sentence is written out in full.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pytest

from areaindex.data_errors import SourceError
from areaindex.store import geo
from areaindex.store.build import build
from areaindex.store.catalogue import Catalogue
from areaindex.store.dataset import Dataset, load_dataset
from areaindex.store.reference_lists import (
    KEY_FILE,
    LIST_FILES,
    META_FILE,
    code_of,
    police_category,
    read_meta,
    read_reference_lists,
)
from areaindex.views.reference import AREA_TYPE
from areaindex.views.reference_lists import (
    CATEGORY_COLOURS,
    NOT_LISTED_COLOUR,
    compare_top,
    compare_with,
    comparison_basis,
    latest,
    list_layer,
    reference_choices,
    unit_categories,
)

# --- a hand-made dataset -----------------------------------------------------------------
#
# Areas A..D are made of RegSO r1..r5. The Police's list 2023 names X (r1, särskilt
# utsatt) and Y (r4, utsatt); 2017 has only an unconfirmed entry Z (r3). The programme
# names P (r3) and Q (r5). SCB area types: r1=1, r2=4, r3=2, r4=5, r5=3.
MEMBERS = {"A": ["r1", "r2"], "B": ["r3"], "C": ["r4"], "D": ["r5"]}
REGSO = ["r1", "r2", "r3", "r4", "r5"]
AREA_TYPES = {"r1": 1, "r2": 4, "r3": 2, "r4": 5, "r5": 3}


def list_row(list_id: str, year: int, label: str, order: int) -> dict[str, object]:
    police = list_id == "polisen"
    return {
        "id": f"{list_id}-{year}",
        "list": list_id,
        "year": year,
        "label": label,
        "named": True,
        "name_sv": "Polisens lista" if police else "Områdesprogrammet",
        "name_en": "The Police's list" if police else "The area programme",
        "short_sv": "polisens lista" if police else "Områdesprogrammet",
        "short_en": "the Police's list" if police else "the area programme",
        "source_sv": "Polisen" if police else "Malmö stad",
        "source_en": "Police" if police else "City of Malmö",
        "list_note_sv": "Ungefärligt.",
        "list_note_en": "Approximate.",
        "note_sv": f"Not {year}.",
        "note_en": f"Note {year}.",
        "ord": order,
    }


def area_rows(list_year: str, area: str, category: str, regso: list[str], confirmed=True):
    list_id, year = list_year.rsplit("-", 1)
    return [
        {
            "id": list_year,
            "list": list_id,
            "year": int(year),
            "area": area,
            "category": category,
            "confirmed": confirmed,
            "regso": r,
            "match": "namn",
            "source_url": "",
        }
        for r in regso
    ]


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    units = pd.DataFrame(
        [
            {"level": lvl, "unit": u, "name": u, "unit_order": i}
            for lvl, ids in (("omraden", list(MEMBERS)), ("regso", REGSO))
            for i, u in enumerate(ids)
        ]
    )
    values = pd.DataFrame(
        {
            "level": "regso",
            "unit": list(AREA_TYPES),
            "indicator": AREA_TYPE,
            "year": 2022,
            "sex": "total",
            "value": [float(v) for v in AREA_TYPES.values()],
            "approximate": False,
        }
    )
    lists = pd.DataFrame(
        [
            list_row("polisen", 2023, "2023", 0),
            list_row("polisen", 2017, "2017", 1),
            list_row("omradesprogram", 2010, "2010–2015", 100),
        ]
    )
    areas = pd.DataFrame(
        [
            *area_rows("polisen-2023", "X", "sarskilt_utsatt", ["r1"]),
            *area_rows("polisen-2023", "Y", "utsatt", ["r4"]),
            *area_rows("polisen-2017", "Z", "utsatt", ["r3"], confirmed=False),
            *area_rows("omradesprogram-2010", "P", "omradesprogram", ["r3"]),
            *area_rows("omradesprogram-2010", "Q", "omradesprogram", ["r5"]),
        ]
    )
    return Dataset(
        catalogue=Catalogue((), (), {}),
        levels=(),
        units=units,
        values=values,
        geometries={},
        membership={"omraden": MEMBERS, "regso": {r: [r] for r in REGSO}},
        reference_lists=lists,
        reference_areas=areas,
    )


def sentences(comparisons) -> list[str]:
    return [c.sentence for c in comparisons]


def test_sentences_for_areas_in_swedish(tiny):
    got = compare_top(tiny, ["A", "B", "C"], "omraden", "sv")
    assert sentences(got) == [
        "2 av de 3 högst prioriterade områdena finns på polisens lista 2023.",
        "1 av de 3 högst prioriterade områdena omfattar något av de 2 områdena i "
        "Områdesprogrammet 2010–2015.",
        "2 av de 3 högst prioriterade områdena har minst ett RegSO av SCB:s områdestyp 1–2 "
        "(socioekonomiska utmaningar).",
    ]
    assert [(c.reference, c.hits, c.n) for c in got] == [
        ("polisen-2023", 2, 3),
        ("omradesprogram-2010", 1, 3),
        ("scb", 2, 3),
    ]
    assert got[0].note == "Not 2023."


def test_sentences_for_areas_in_english(tiny):
    got = compare_top(tiny, ["A", "B", "C"], "omraden", "en")
    assert sentences(got) == [
        "The Police's list of 2023 covers 2 of the 3 highest-priority areas.",
        "The 2 areas of the area programme 2010–2015 overlap 1 of the 3 highest-priority areas.",
        "SCB area type 1–2 (socio-economic challenges) is found in 2 of the 3 highest-priority "
        "areas (in at least one of their RegSO).",
    ]


def test_sentences_for_regso(tiny):
    got = compare_top(tiny, ["r2", "r3", "r5", "r1"], "regso", "sv")
    assert sentences(got) == [
        "1 av de 4 högst prioriterade RegSO finns på polisens lista 2023.",
        "2 av de 4 högst prioriterade RegSO ligger i något av de 2 områdena i "
        "Områdesprogrammet 2010–2015.",
        "2 av de 4 högst prioriterade RegSO är av SCB:s områdestyp 1–2 "
        "(socioekonomiska utmaningar).",
    ]
    english = compare_top(tiny, ["r2", "r3", "r5", "r1"], "regso", "en")
    assert english[0].sentence == (
        "The Police's list of 2023 covers 1 of the 4 highest-priority RegSO."
    )


def test_an_unconfirmed_entry_is_never_counted(tiny):
    got = compare_top(tiny, ["B"], "omraden", "sv", police="polisen-2017")
    assert (got[0].reference, got[0].hits) == ("polisen-2017", 0)
    assert got[0].sentence == "0 av de 1 högst prioriterade områdena finns på polisens lista 2017."


def test_latest_named_police_list_is_the_default(tiny):
    assert latest(tiny, "polisen") == "polisen-2023"
    assert reference_choices(tiny) == ["scb", "polisen-2023", "polisen-2017", "omradesprogram-2010"]


def test_most_serious_category_wins_and_unlisted_units_are_zero():
    got = unit_categories(MEMBERS, {"r1": 1, "r2": 4, "r5": 2}, ["A", "B", "C", "D", "E"])
    assert got.to_dict() == {"A": 4, "B": 0, "C": 0, "D": 2, "E": 0}


def test_list_layer_classes_colours_and_labels(tiny):
    layer = list_layer(tiny, "polisen-2023", "omraden", "sv")
    assert layer.values.to_dict() == {
        "A": code_of("sarskilt_utsatt"),
        "B": 0,
        "C": code_of("utsatt"),
        "D": 0,
    }
    assert layer.labels == ("inte på listan", "utsatt område", "särskilt utsatt område")
    assert [b.colour for b in layer.classes.bins] == [
        NOT_LISTED_COLOUR,
        CATEGORY_COLOURS["utsatt"],
        CATEGORY_COLOURS["sarskilt_utsatt"],
    ]
    assert [b.count for b in layer.classes.bins] == [2, 1, 1]
    assert layer.classes.colours.to_dict() == {
        "A": CATEGORY_COLOURS["sarskilt_utsatt"],
        "B": NOT_LISTED_COLOUR,
        "C": CATEGORY_COLOURS["utsatt"],
        "D": NOT_LISTED_COLOUR,
    }
    unconfirmed = list_layer(tiny, "polisen-2017", "regso", "en")
    assert unconfirmed.values["r3"] == code_of("unconfirmed")
    assert unconfirmed.labels[-1] == "vulnerable area, not confirmed (not counted)"


def test_colours_run_light_to_dark_with_seriousness():
    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    order = ["unconfirmed", "utsatt", "riskomrade", "sarskilt_utsatt"]
    shades = [luminance(NOT_LISTED_COLOUR)] + [luminance(CATEGORY_COLOURS[c]) for c in order]
    assert shades == sorted(shades, reverse=True)
    assert len(set(shades)) == len(shades)  # distinct in grey print


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("särskilt utsatt område", "sarskilt_utsatt"),
        ("särskilt utsatt område (new in 2017)", "sarskilt_utsatt"),
        ("särskilt utsatt område (kvarstår)", "sarskilt_utsatt"),
        ("riskområde", "riskomrade"),
        ("utsatt område (category not confirmed)", "utsatt"),
        ("utsatt (some areas split into sub-areas in 2025)", "utsatt"),
    ],
)
def test_police_categories_as_published(text, category):
    assert police_category(text) == category


def test_unknown_police_category_is_refused():
    with pytest.raises(ValueError, match="okänd kategori"):
        police_category("trygg zon")


# --- the committed files -----------------------------------------------------------------


def committed(repo_root: Path) -> dict[str, pd.DataFrame]:
    regso = geo.read_geojson(repo_root / "geodata" / "regso.geojson")
    names = dict(zip(regso["regso"], regso["name"], strict=True))
    return read_reference_lists(repo_root / "data", repo_root / "geodata", names)


def named_entries(data: Path, lists_dir: Path | None = None) -> set[tuple[str, int, str]]:
    """(list, year, area) of every named area of every named year, read straight from the CSVs."""
    meta = read_meta(data / META_FILE)
    lists_dir = lists_dir or data
    police = pd.read_csv(lists_dir / LIST_FILES[0], dtype={"year": int})
    named_years = {y["year"] for y in meta["polisen"]["years"] if y["named"]}
    programme = pd.read_csv(lists_dir / LIST_FILES[1])
    (programme_year,) = (y["year"] for y in meta["omradesprogram"]["years"])
    return {
        ("polisen", int(y), a.strip())
        for y, a in zip(police["year"], police["area_name_as_published"], strict=True)
        if y in named_years
    } | {("omradesprogram", programme_year, a.strip()) for a in programme["area"]}


def test_the_key_covers_every_named_area_of_every_list_year(repo_root):
    key = pd.read_csv(repo_root / "geodata" / KEY_FILE, dtype={"regso": str})
    keyed = set(zip(key["lista"], key["ar"], key["omrade"], strict=True))
    entries = named_entries(repo_root / "data")
    assert entries == keyed
    # Every police year with names and the programme: 2015-2023 and 2010(-2015).
    assert {(lst, y) for lst, y, _ in entries} == {
        ("polisen", y) for y in (2015, 2017, 2019, 2021, 2023)
    } | {("omradesprogram", 2010)}


def test_the_key_is_marked_approximate_and_explained(repo_root):
    key = pd.read_csv(repo_root / "geodata" / KEY_FILE, dtype=str, keep_default_na=False)
    assert (key["ungefarlig"] == "true").all()
    assert (key["kommentar"].str.len() > 0).all()
    assert set(key["matchning"]) <= {"namn", "yta", "manuell"}
    # "yta": at least half of the RegSO's land lies in the named delområden.
    by_area = key[key["matchning"] == "yta"]
    assert (by_area["andel_av_regso"].astype(float) >= 0.5).all()
    # "namn": the RegSO's name carries one of the place names.
    for name, dels in zip(
        key.loc[key["matchning"] == "namn", "regso_namn"],
        key.loc[key["matchning"] == "namn", "delomraden"],
        strict=True,
    ):
        assert any(d.split()[0].casefold() in name.casefold() for d in dels.split(";")), name


def test_committed_lists_build_into_tables(repo_root):
    tables = committed(repo_root)
    lists, areas = tables["reference_lists"], tables["reference_areas"]
    assert list(lists["id"]) == [
        "polisen-2025",
        "polisen-2023",
        "polisen-2021",
        "polisen-2019",
        "polisen-2017",
        "polisen-2015",
        "omradesprogram-2010",
    ]
    assert not lists.set_index("id").at["polisen-2025", "named"]
    assert "polisen-2025" not in set(areas["id"])
    # Only the one entry from an unofficial source is unconfirmed.
    assert areas.loc[~areas["confirmed"], ["id", "area"]].drop_duplicates().values.tolist() == [
        ["polisen-2017", "Holma/Kroksbäck/Bellevue(gården)"]
    ]
    # Seved is Södra Sofielund in every year it is listed.
    seved = areas[areas["area"].str.contains("Seved")]
    assert set(seved["regso"]) == {"1280R072"}


def test_build_loads_the_tables(built_db, repo_root):
    expected = committed(repo_root)
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        for name, frame in expected.items():
            stored = con.execute(f'SELECT * FROM "{name}"').df()
            assert len(stored) == len(frame) > 0
            assert list(stored.columns) == list(frame.columns)
    finally:
        con.close()
    dataset = load_dataset(built_db)
    assert len(dataset.reference_areas) == len(expected["reference_areas"])
    assert latest(dataset, "polisen") == "polisen-2023"


@pytest.fixture
def root(tmp_path, repo_root) -> Path:
    copy = tmp_path / "root"
    for folder in ("data", "geodata"):
        shutil.copytree(repo_root / folder, copy / folder)
    return copy


def edit_key(root: Path, change) -> None:
    path = root / "geodata" / KEY_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f[f["omrade"] != "Segevång"], "'Segevång' (omradesprogram 2010) saknar RegSO"),
        (lambda f: f.assign(regso=f["regso"].where(f.index != 3, "1280R999")), "1280R999"),
        (lambda f: f.assign(regso_namn=f["regso_namn"].where(f.index != 2, "Oxie")), "Oxie"),
        (lambda f: f.assign(ungefarlig="false"), "ungefärlig"),
        (lambda f: f.assign(omrade=f["omrade"].where(f.index != 0, "Hyllie")), "'Hyllie'"),
        (lambda f: f.assign(matchning="gissning"), "gissning"),
    ],
    ids=[
        "area_without_regso",
        "unknown_regso",
        "wrong_name",
        "not_approximate",
        "unknown_area",
        "bad_match",
    ],
)
def test_a_broken_key_stops_the_build_and_keeps_the_database(
    root, tmp_path, built_db, change, message
):
    target = tmp_path / "out" / "indicators.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built_db, target)
    before = target.read_bytes()
    edit_key(root, change)
    with pytest.raises(SourceError, match=KEY_FILE) as err:
        build(target, root=root)
    assert message in str(err.value)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_an_unconfirmed_name_not_on_the_list_is_refused(root):
    meta = root / "data" / META_FILE
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            'unconfirmed = ["Holma/Kroksbäck/Bellevue(gården)"]', 'unconfirmed = ["Holma"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="'Holma' finns inte i listan"):
        committed(root)


# --- against the raw sources -------------------------------------------------------------


@pytest.mark.sources
def test_committed_lists_are_the_sources_unchanged(shared_data, repo_root):
    for name in LIST_FILES:
        assert (repo_root / "data" / name).read_bytes() == (shared_data / name).read_bytes()


@pytest.mark.sources
def test_the_key_covers_every_named_area_of_the_raw_lists(shared_data, repo_root):
    key = pd.read_csv(repo_root / "geodata" / KEY_FILE)
    keyed = set(zip(key["lista"], key["ar"], key["omrade"], strict=True))
    assert named_entries(repo_root / "data", shared_data) <= keyed


@pytest.mark.sources
def test_land_shares_in_the_key_match_the_delomraden(shared_data, repo_root):
    zones = gpd.read_file(shared_data / "malmo" / "delomraden_epsg3008.gpkg").to_crs(geo.SWEREF99TM)
    regso = geo.read_geojson(repo_root / "geodata" / "regso.geojson").to_crs(geo.SWEREF99TM)
    shapes = dict(zip(regso["regso"], regso.geometry, strict=True))
    key = pd.read_csv(repo_root / "geodata" / KEY_FILE, dtype={"regso": str})
    for dels, code, share in zip(
        key["delomraden"], key["regso"], key["andel_av_regso"], strict=True
    ):
        wanted = dels.split(";")
        named = zones[zones["delomrade"].isin(wanted)]
        assert len(named) == len(wanted), f"unknown delområde in {dels}"
        shape = shapes[code]
        got = shape.intersection(named.geometry.union_all()).area / shape.area
        assert got == pytest.approx(share, abs=0.006), (dels, code)


def test_the_build_writes_both_list_tables():
    from areaindex.store import build, reference_lists

    assert set(reference_lists.LIST_TABLES) <= set(build.TABLES)


@pytest.mark.parametrize(("level", "pool"), [("omraden", ["A", "B", "C"]), ("regso", REGSO)])
def test_one_basis_answers_for_every_top(tiny, level, pool):
    """The map page keeps one basis per level and language; any top then gives what
    a fresh comparison gives."""
    import itertools

    basis = comparison_basis(tiny, level, "sv")
    for n in (1, 2, 3):
        for top in itertools.permutations(pool, n):
            assert compare_with(basis, top) == compare_top(tiny, top, level, "sv")
    police = comparison_basis(tiny, level, "en", police="polisen-2017")
    assert compare_with(police, pool[:2]) == compare_top(
        tiny, pool[:2], level, "en", police="polisen-2017"
    )
