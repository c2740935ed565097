"""The audit page through AppTest: it renders, in both languages, every table can be
downloaded, and its link (URL state) restores method, level and weights."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.expected import MALMO_DIMENSIONS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "pages/granskning.py"


def run_audit(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def query(at: AppTest) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def test_default_view_renders_every_check_with_a_download_per_table():
    at = run_audit()
    assert [t.value for t in at.title] == ["Granskning av indexet"]
    text = [m.value for m in at.markdown]
    headline = next(m for m in text if "kontroller utan anmärkning" in m)
    ok, total = (int(w) for w in headline.removeprefix("### ").split()[0:3:2])
    assert total == 6 and 0 <= ok <= 6
    # One line per check, with a word (not only an icon) saying the verdict.
    verdicts = [m for m in text if "Utan anmärkning." in m or "Anmärkning." in m]
    assert len(verdicts) == 6
    assert sum("Utan anmärkning." in m for m in verdicts) == ok
    # Every threshold is stated with its source.
    joined = " ".join(text)
    for needle in ("65 %", "t_avail = 0.65", "3,5", "överskottskurtosis", "0,9", "0,7", "60 %"):
        assert needle in joined, needle
    assert "Paruolo" in joined and "Nunnally" in joined
    # 14 areas: the page says the sample is small and gives the critical r (df = 12: 0.532).
    assert any("Få enheter (14)" in i.value and "0,53" in i.value for i in at.info)
    # Every table has its own CSV download.
    downloads = at.get("download_button")
    assert len(at.dataframe) >= 7
    assert len(downloads) == len(at.dataframe)
    assert len(at.get("plotly_chart")) == 2  # heat map and effective weights
    # Four equal dimensions: nominal 25 % each, effective shares add up to 100 %.
    eff = table_with(at, "Effektiv vikt (%)")
    assert eff["Nominell vikt (%)"].tolist() == ["25,0"] * 4
    shares = [float(v.replace(",", ".")) for v in eff["Effektiv vikt (%)"]]
    assert abs(sum(shares) - 100) <= 0.2


def test_page_in_english():
    at = run_audit({"lang": "en"})
    assert [t.value for t in at.title] == ["Index audit"]
    text = " ".join(m.value for m in at.markdown)
    assert "checks without remarks" in text and "kontroller" not in text
    assert "Effective weight (%)" in table_with(at, "Effective weight (%)").columns
    assert len(at.get("download_button")) == len(at.dataframe)


def test_the_link_restores_method_level_and_weights():
    link = {"preset": "malmo_asn_2023", "level": "regso", "w_boende": "10", "w_delaktighet": "0"}
    at = run_audit(link)
    intro = at.markdown[0].value
    assert "Arbetsmarknads- och socialnämndens förslag (2023)" in intro
    assert "91 RegSO" in intro
    coverage = table_with(at, "Enheter med värde")
    assert set(coverage["Enheter"]) == {"91"}
    # Delaktighet has weight 0 in the link: it is not audited.
    assert "Delaktighet" not in set(coverage["Dimension"])
    eff = table_with(at, "Effektiv vikt (%)")
    nominal = dict(zip(eff["Dimension"], eff["Nominell vikt (%)"], strict=True))
    assert set(nominal) == {"Utbildning", "Ekonomi", "Boende"}
    # ASN weights utbildning and ekonomi 5 each; boende 10 from the link: 10/20 = 50 %.
    assert nominal["Boende"] == "50,0"
    # The page keeps the view in its own address.
    kept = query(at)
    assert kept["preset"] == "malmo_asn_2023" and kept["level"] == "regso"
    assert kept["w_boende"] == "10"
    assert any("91 enheter" in c.value for c in at.caption)


def test_all_of_sweden_reports_missing_values_and_what_the_rule_does():
    at = run_audit({"kommun": "sverige"})
    units = table_with(at, "Dimensioner utan poäng")
    assert len(units) >= 1
    effect = table_with(at, "Rang med medelvärde")
    assert len(effect) == len(units)
    assert not any("Få enheter" in i.value for i in at.info)


def test_every_weight_at_zero_stops_with_a_message():
    at = run_audit({f"w_{d}": "0" for d in MALMO_DIMENSIONS})
    assert any("Alla vikter är noll" in i.value for i in at.info)
    assert not at.dataframe


def test_a_flagged_indicator_shows_what_winsorising_does_to_the_ranking(dataset):
    from areaindex.views.audit import audit
    from areaindex.views.indexview import dimension_table, load_presets
    from areaindex.views.scope import scope_of

    # Falkenberg's 14 RegSO: mean wage income is skewed enough to be flagged.
    kommun = "1382"
    method = load_presets()["malmo_stadskontoret_2023"]
    scope = scope_of(dataset, kommun, "regso")
    table = dimension_table(dataset, method, scope.level, units=scope.units, official_only=True)
    weights = {"delaktighet": 5, "utbildning": 5, "ekonomi": 5, "boende": 5}
    expected = audit(table.method, table.raw.values, weights)
    flagged = expected.distribution.index[expected.distribution["outlier"]].tolist()
    assert flagged, "precondition: an indicator is flagged in this municipality"

    at = run_audit({"kommun": kommun})
    outliers = next(m.value for m in at.markdown if "Extremvärden:" in m.value)
    assert outliers.startswith(":material/warning: *Anmärkning.*")
    assert "Medellöneinkomst" in outliers
    dist = table_with(at, "Möjliga extremvärden")
    assert dist["Möjliga extremvärden"].tolist().count("ja") == len(flagged)
    ranks = table_with(at, "Rang winsoriserad")
    assert len(ranks) == len(expected.winsorised_ranks) == 14
    changes = sorted(int(c) for c in ranks["Förändring"])
    assert changes == sorted(int(c) for c in expected.winsorised_ranks["change"])
    assert len(at.get("download_button")) == len(at.dataframe)
