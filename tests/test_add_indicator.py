"""``python -m areaindex add-indicator``: the city's own figures into the committed data.

Every test works in a temporary copy of the repository's ``data/`` and ``geodata/``
and builds into a temporary database; the repository's own files are never written.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areaindex.cli import main
from areaindex.data_errors import SourceError
from areaindex.index.method import load_method
from areaindex.store import added
from areaindex.store.build import build, input_files, is_stale
from areaindex.store.dataset import load_dataset
from areaindex.views.indexview import dimension_table, effective_method, index_view

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_META = ROOT / "data" / "added" / "EXAMPLE.meta.toml.txt"
EXAMPLE_DATA = ROOT / "data" / "added" / "EXAMPLE.data.csv.txt"
N_REGSO = 91

META = """
replaces = "low_social_trust"
name_sv = "Låg tillit till andra"
name_en = "Low trust in others"
definition_sv = "Andel svarande som anser att man i allmänhet inte kan lita på andra."
definition_en = "Share of respondents who think that people in general cannot be trusted."
unit = "%"
source = "Region Skåne, Folkhälsoenkät Skåne 2022 (testfil)"
licence = "Testlicens"
official = true

[[columns]]
year = 2022
numerator = "Låg tillit (antal)"
denominator = "Svarande"
"""


def copy_project(tmp_path: Path) -> Path:
    """A project root with copies of the committed data and geodata (no added indicators)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("added"))
    shutil.copytree(ROOT / "geodata", root / "geodata")
    return root


def regso_table() -> pd.DataFrame:
    return pd.read_csv(ROOT / "geodata" / "regso_stadsdelar.csv", dtype=str)


def trust_file(path: Path, *, seed: int = 7) -> pd.DataFrame:
    """A Swedish Excel-style CSV: a title line, RegSO by name, counts, a footer."""
    table = regso_table()
    rng = np.random.default_rng(seed)
    table["svarande"] = rng.integers(40, 400, len(table))
    table["antal"] = rng.binomial(table["svarande"], 0.3)
    lines = ["Folkhälsoenkät 2022, låg tillit (testdata)", "Område;Svarande;Låg tillit (antal)"]
    lines += [f"{r.regso_namn};{r.svarande};{r.antal}" for r in table.itertuples()]
    lines += ["", "Källa: Region Skåne"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return table


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, to compare before and after."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["add-indicator", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def added_project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A project with official trust figures added (counts) and a database built from it."""
    tmp = tmp_path_factory.mktemp("added")
    root = copy_project(tmp)
    table = trust_file(tmp / "tillit.csv")
    (tmp / "tillit.toml").write_text(META, encoding="utf-8")
    args = [tmp / "tillit.csv", "--meta", tmp / "tillit.toml", "--root", root]
    assert main(["add-indicator", *map(str, args)]) == 0
    db = build(tmp / "indicators.duckdb", root=root)
    return {"root": root, "table": table, "db": db, "dataset": load_dataset(db)}


# --------------------------------------------------------------------------- round trip


def test_command_writes_the_entry_and_values_into_data_added(added_project):
    root = added_project["root"]
    folder = root / "data" / "added"
    assert sorted(p.name for p in folder.iterdir()) == [
        "low_social_trust.csv",
        "low_social_trust.toml",
    ]
    (entry,) = added.read_added(root)
    assert entry.replaces == "low_social_trust"
    assert entry.indicator.status == "official"
    assert entry.indicator.aggregation == "ratio" and entry.indicator.scale == 100.0
    # The dimension and direction come from the replaced indicator.
    assert (entry.indicator.dimension, entry.indicator.direction) == ("tillit", "higher_is_need")
    values = entry.values.set_index("unit")
    table = added_project["table"].set_index("regso")
    assert len(values) == N_REGSO
    assert (values["numerator"] == table["antal"].astype(float)).all()
    assert (values["denominator"] == table["svarande"].astype(float)).all()
    # The new files are inputs of the build (so `make` and is_stale see them).
    assert folder / "low_social_trust.toml" in input_files(root)


def test_build_shows_the_indicator_as_official_and_drops_the_illustrative(added_project):
    dataset = added_project["dataset"]
    ind = dataset.catalogue.indicator("low_social_trust")
    assert ind.status == "official" and not ind.illustrative
    assert ind.source == "Region Skåne, Folkhälsoenkät Skåne 2022 (testfil)"
    assert ind.years == (2022,)
    assert ind.sexes == ("total",)
    rows = dataset.values[dataset.values["indicator"] == "low_social_trust"]
    # Only the added year and sex: the illustrative 2020–2023 values by sex are gone.
    assert set(rows["year"]) == {2022} and set(rows["sex"]) == {"total"}
    # It keeps its place in the catalogue (the trust dimension, as before).
    assert [i.id for i in dataset.catalogue.in_dimension("tillit")] == ["low_social_trust"]


def test_larger_areas_are_recomputed_from_summed_counts(added_project):
    dataset = added_project["dataset"]
    table = added_project["table"].set_index("regso")
    rows = dataset.values.query("indicator == 'low_social_trust' and level == 'omraden'")
    assert len(rows) == 14
    assert not rows["approximate"].any()
    for row in rows.itertuples():
        members = dataset.membership["omraden"][row.unit]
        num, den = table.loc[members, "antal"].sum(), table.loc[members, "svarande"].sum()
        assert row.value == pytest.approx(100 * num / den, rel=1e-9)
        assert row.denominator == den


def test_the_trust_dimension_is_no_longer_marked_illustrative(added_project, repo_root, dataset):
    method = load_method(repo_root / "methods" / "malmo_asn_2023.toml")
    weights = {d.id: d.weight for d in method.dimensions}
    assert weights["tillit"] > 0

    def marked(dataset) -> tuple[str, ...]:
        dims = dimension_table(dataset, method, "omraden")
        names = dataset.unit_names("omraden")
        return index_view(dims, weights, names, dataset.catalogue).illustrative_dimensions

    before = dataset  # the session's database: built from the committed data alone
    after = added_project["dataset"]
    assert "tillit" in marked(before)
    assert "tillit" not in marked(after)
    # Other dimensions with illustrative values keep their mark.
    assert "trygghet" in marked(after)
    # "Official statistics only" keeps the trust dimension now.
    official = effective_method(method, after.catalogue, official_only=True)
    assert "tillit" in official.dimension_ids
    assert "tillit" not in effective_method(method, before.catalogue, True).dimension_ids


def test_shares_only_are_weighted_by_population_and_marked_approximate(tmp_path, capsys):
    root = copy_project(tmp_path)
    table = regso_table()
    rng = np.random.default_rng(3)
    table["andel"] = rng.uniform(10, 60, len(table)).round(1)
    lines = ["RegSO-kod\tBehörighet (%)"]
    lines += [f"{r.regso}\t{str(r.andel).replace('.', ',')}" for r in table.itertuples()]
    (tmp_path / "skola.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "skola.toml").write_text(
        """
id = "share_not_eligible_upper_secondary"
name_sv = "Ej behöriga till gymnasiet"
name_en = "Not eligible for upper secondary school"
definition_sv = "Andel elever i årskurs 9 som inte är behöriga till gymnasiets yrkesprogram."
definition_en = "Share of year-9 pupils not eligible for vocational upper secondary programmes."
dimension = "barn_unga"
direction = "higher_is_need"
kind = "outcome"
unit = "%"
source = "Skolverket (testfil)"
licence = "CC0"
official = true

[[columns]]
year = 2023
value = "Behörighet (%)"
""",
        encoding="utf-8",
    )
    code, _out, err = run(
        capsys, tmp_path / "skola.txt", "--meta", tmp_path / "skola.toml", "--root", root
    )
    assert code == 0, err
    dataset = load_dataset(build(tmp_path / "db.duckdb", root=root))
    ind = dataset.catalogue.indicator("share_not_eligible_upper_secondary")
    assert ind.status == "official" and ind.aggregation == "weighted_mean"
    assert "Folkmängd" in ind.weight_basis and "ungefärliga" in ind.note_sv
    # Placed after the other indicators of its dimension.
    assert dataset.catalogue.in_dimension("barn_unga")[-1].id == ind.id
    values = dataset.values
    pop = values.query("indicator == 'population' and level == 'regso' and year == 2023")
    pop = pop.query("sex == 'total'").set_index("unit")["value"]
    share = table.set_index("regso")["andel"]
    rows = values.query(f"indicator == '{ind.id}' and level == 'omraden'")
    assert rows["approximate"].all()
    for row in rows.itertuples():
        members = dataset.membership["omraden"][row.unit]
        expected = (share[members] * pop[members]).sum() / pop[members].sum()
        assert row.value == pytest.approx(expected, rel=1e-6)
    regso = values.query(f"indicator == '{ind.id}' and level == 'regso'").set_index("unit")
    assert not regso["approximate"].any()
    assert regso["value"].to_dict() == pytest.approx(share.to_dict())


def test_remove_brings_the_illustrative_values_back(tmp_path, capsys, added_project):
    root = copy_project(tmp_path)
    trust_file(tmp_path / "tillit.csv")
    (tmp_path / "tillit.toml").write_text(META, encoding="utf-8")
    args = (tmp_path / "tillit.csv", "--meta", tmp_path / "tillit.toml", "--root", root)
    assert run(capsys, *args)[0] == 0  # named as in added_project: the same entry
    code, out, _ = run(capsys, "--list", "--root", root)
    assert code == 0 and out.startswith("low_social_trust: Låg tillit till andra (tillit,")
    # The same figures added the same way: the module's database is this root's build.
    with_added = added_project["db"]
    assert not is_stale(with_added, root)
    code, out, _ = run(capsys, "--remove", "low_social_trust", "--root", root)
    assert code == 0 and "kommer tillbaka" in out
    assert not list((root / "data" / "added").glob("*.toml"))
    assert is_stale(with_added, root)  # built from other inputs than those now committed
    dataset = load_dataset(build(tmp_path / "db.duckdb", root=root))
    assert dataset.catalogue.indicator("low_social_trust").illustrative
    code, _, err = run(capsys, "--remove", "low_social_trust", "--root", root)
    assert code == 2 and "är ingen tillagd indikator" in err


def test_adding_again_needs_update(tmp_path, capsys):
    root = copy_project(tmp_path)
    trust_file(tmp_path / "t.csv")
    (tmp_path / "t.toml").write_text(META, encoding="utf-8")
    args = (tmp_path / "t.csv", "--meta", tmp_path / "t.toml", "--root", root)
    assert run(capsys, *args)[0] == 0
    before = snapshot(root / "data")
    code, _, err = run(capsys, *args)
    assert code == 2 and "--update" in err
    assert snapshot(root / "data") == before
    trust_file(tmp_path / "t.csv", seed=8)
    assert run(capsys, *args, "--update")[0] == 0
    assert snapshot(root / "data") != before


def test_the_documented_example_works(tmp_path, capsys):
    """The committed example pair, copied as the README says, is accepted; build ignores it."""
    root = copy_project(tmp_path)
    shutil.copy(EXAMPLE_DATA, tmp_path / "lag_tillit.csv")
    shutil.copy(EXAMPLE_META, tmp_path / "lag_tillit.meta.toml")
    code, out, err = run(
        capsys,
        tmp_path / "lag_tillit.csv",
        "--meta",
        tmp_path / "lag_tillit.meta.toml",
        "--root",
        root,
    )
    assert code == 0, err
    assert "2 av 91 RegSO har värden" in out
    # Its two RegSO lie in one of the 14 areas, whose value then rests on them alone.
    assert "2022: för 1 av de 14 områdena räknas värdet bara från" in out
    assert "Lindängen–Hermodsdal–Söderkulla" in out
    # The repository's own data/added holds only the example, which is no build input.
    assert not added.entry_files(ROOT) and not added.read_added(ROOT)


# --------------------------------------------------------------------------- bad input


def broken_case(tmp_path: Path, kind: str) -> tuple[Path, Path]:
    data, meta = tmp_path / "tillit.csv", tmp_path / "tillit.toml"
    table = trust_file(data)
    meta.write_text(META, encoding="utf-8")
    text = data.read_text(encoding="utf-8")
    first, second = table["regso_namn"].iloc[3], table["regso_namn"].iloc[10]
    if kind == "area":
        data.write_text(text.replace(f"\n{first};", "\nRosengårdx;"), encoding="utf-8")
    elif kind == "number":
        row = f"{second};{table['svarande'].iloc[10]};{table['antal'].iloc[10]}"
        data.write_text(text.replace(row, f"{second};{table['svarande'].iloc[10]};tolv"), "utf-8")
    elif kind == "meta_key":
        meta.write_text(META.replace('licence = "Testlicens"\n', ""), encoding="utf-8")
    elif kind == "meta_toml":
        meta.write_text(META.replace("official = true", "official = ja"), encoding="utf-8")
    elif kind == "direction":
        meta.write_text('direction = "lower_is_need"\n' + META, encoding="utf-8")
    elif kind == "replaces_official":
        meta.write_text(META.replace('"low_social_trust"', '"share_rented"'), encoding="utf-8")
    elif kind == "level":
        lines = ["Område;Svarande;Låg tillit (antal)", "Husie;100;30", "Fosie;200;50"]
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "fraction":
        row = f"{second};{table['svarande'].iloc[10]};{table['antal'].iloc[10]}"
        data.write_text(text.replace(row, f"{second};{table['svarande'].iloc[10]};12,5"), "utf-8")
    return data, meta


BROKEN = {
    # kind: (language, words the message must contain). The file's line 1 is a title,
    # line 2 the header, so the table's row i (from 0) is line i + 3.
    "area": ("sv", ["tillit.csv", "Rosengårdx", "rad 6", "känns inte igen"]),
    "number": ("sv", ["tillit.csv", "rad 13", "'tolv'", "Låg tillit (antal)"]),
    "meta_key": ("sv", ["tillit.toml", "'licence'", "saknas"]),
    "meta_toml": ("en", ["tillit.toml", "not valid TOML", "line"]),
    "direction": ("sv", ["tillit.toml", "'direction'", "higher_is_need"]),
    "replaces_official": ("sv", ["tillit.toml", "'replaces'", "share_rented"]),
    "level": ("en", ["tillit.csv", "RegSO", "was read as '10 stadsdelar"]),
    "fraction": ("sv", ["tillit.csv", "Låg tillit (antal)", "12.5", "heltal"]),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_input_gets_a_clear_message_and_changes_nothing(tmp_path, capsys, kind):
    root = copy_project(tmp_path)
    data, meta = broken_case(tmp_path, kind)
    lang, words = BROKEN[kind]
    before = snapshot(root)
    code, _out, err = run(capsys, data, "--meta", meta, "--root", root, "--lang", lang)
    assert code == 2
    assert err.startswith("add-indicator: ")
    for word in words:
        assert word in err, (word, err)
    assert "Traceback" not in err
    assert snapshot(root) == before


def test_english_messages_with_lang_en(tmp_path, capsys):
    root = copy_project(tmp_path)
    data, meta = broken_case(tmp_path, "meta_key")
    code, _, err = run(capsys, data, "--meta", meta, "--root", root, "--lang", "en")
    assert code == 2 and "the meta file lacks the key 'licence'" in err


def test_build_refuses_a_values_file_changed_by_hand(tmp_path, capsys, added_project):
    root = copy_project(tmp_path)
    trust_file(tmp_path / "tillit.csv")
    (tmp_path / "tillit.toml").write_text(META, encoding="utf-8")
    args = (tmp_path / "tillit.csv", "--meta", tmp_path / "tillit.toml", "--root", root)
    assert run(capsys, *args)[0] == 0  # named as in added_project: the same entry
    # A copy of the module's database, built from the same inputs as this root.
    db = Path(shutil.copy(added_project["db"], tmp_path / "db.duckdb"))
    assert not is_stale(db, root)
    built = hashlib.sha256(db.read_bytes()).hexdigest()
    csv = root / "data" / "added" / "low_social_trust.csv"
    csv.write_text(csv.read_text().replace(",total,", ",total, ", 1), encoding="utf-8")
    with pytest.raises(SourceError, match="values_sha256"):
        build(db, root=root)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == built  # the database is untouched
    (root / "data" / "added" / "low_social_trust.toml").unlink()
    with pytest.raises(SourceError, match="saknar sin katalogpost"):
        build(db, root=root)


# --------------------------------------------------------------------------- the app


@pytest.fixture
def app_on_added_db(added_project, monkeypatch):
    """The app reading the database built with the added indicator ($AREAINDEX_DB)."""
    import streamlit as st

    monkeypatch.setenv("AREAINDEX_DB", str(added_project["db"]))
    st.cache_resource.clear()  # the dataset is cached per process: load the new file
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def run_app(page: str, query: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_data_page_lists_the_added_indicator_as_official(app_on_added_db):
    at = run_app("pages/data_och_metod.py", {})
    table = next(df.value for df in at.dataframe if "Indikator" in df.value.columns)
    row = table[table["Indikator"] == "Låg tillit till andra"]
    assert len(row) == 1
    assert row["Status"].iloc[0] == "Officiell statistik"
    assert row["Källa"].iloc[0] == "Region Skåne, Folkhälsoenkät Skåne 2022 (testfil)"
    assert row["År"].iloc[0] == "2022"
    # Trust is no longer listed among the dimensions without real data, nor the indicator
    # among the illustrative ones; other dimensions still are.
    warning = next(w.value for w in at.warning if "Illustrativa data" in w.value)
    assert "Tillit" not in warning and "Trygghet" in warning
    listed = "\n".join(m.value for m in at.markdown)
    assert "- Låg tillit till andra" not in listed
    assert "- Otrygghet ute på kvällen" in listed


def test_main_page_banner_no_longer_names_trust(app_on_added_db, built_db, monkeypatch):
    weights = {"w_tillit": "5", "w_trygghet": "5"}
    at = run_app("app.py", weights)
    warning = next(w.value for w in at.warning if "Illustrativa data" in w.value)
    assert "Trygghet" in warning and "Tillit" not in warning
    # The same view on the committed data alone still names trust.
    import streamlit as st

    monkeypatch.setenv("AREAINDEX_DB", str(built_db))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = run_app("app.py", weights)
    warning = next(w.value for w in at.warning if "Illustrativa data" in w.value)
    assert "Trygghet" in warning and "Tillit" in warning


@pytest.mark.sources
def test_prepare_keeps_the_added_indicators(tmp_path, capsys, shared_data):
    """`prepare` regenerates catalogue and values from code but never touches data/added."""
    from areaindex.sources.prepare import prepare

    root = copy_project(tmp_path)
    trust_file(tmp_path / "t.csv")
    (tmp_path / "t.toml").write_text(META, encoding="utf-8")
    assert run(capsys, tmp_path / "t.csv", "--meta", tmp_path / "t.toml", "--root", root)[0] == 0
    kept = snapshot(root / "data" / "added")
    written = prepare(shared_data, root)
    assert all(added.FOLDER.parts[-1] not in p.parts for p in written.values())
    assert snapshot(root / "data" / "added") == kept
    dataset = load_dataset(build(tmp_path / "db.duckdb", root=root))
    assert dataset.catalogue.indicator("low_social_trust").status == "official"


def test_outside_malmo_the_added_indicator_is_out_of_play(added_project, repo_root):
    """Malmö's own figures have no values elsewhere: not weighed as missing in Göteborg."""
    from areaindex.views.indexview import indicators_at
    from areaindex.views.scope import scope_of

    dataset = added_project["dataset"]
    method = load_method(repo_root / "methods" / "malmo_asn_2023.toml")
    scope = scope_of(dataset, "1480", "omraden")
    assert "low_social_trust" not in indicators_at(dataset, scope.level)
    assert "share_rented" in indicators_at(dataset, scope.level)
    dims = dimension_table(dataset, method, scope.level, official_only=True, units=scope.units)
    assert "tillit" not in dims.method.dimension_ids
    assert "boende" in dims.method.dimension_ids
    malmo = dimension_table(dataset, method, "omraden", official_only=True)
    assert "tillit" in malmo.method.dimension_ids


def test_goteborg_sidebar_takes_trust_out_of_play(app_on_added_db):
    at = run_app("app.py", {"kommun": "1480", "w_tillit": "5"})
    slider = next(s for s in at.sidebar.slider if s.label.startswith("Tillit"))
    assert slider.disabled and "inga officiella data" in slider.label
    at = run_app("app.py", {"w_tillit": "5"})
    slider = next(s for s in at.sidebar.slider if s.label.startswith("Tillit"))
    assert not slider.disabled and slider.label == "Tillit · 20 %"
