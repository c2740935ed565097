"""The PDF report: same top priorities as the app, fonts embedded, language and title set.

The PDFs are read back with pypdf (text, catalogue, fonts); the expected
ranking comes from :func:`areaindex.views.viewstate.view_from_state` for the same URL
state, and in one test from what the page itself shows (AppTest).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from areaindex.cli import main
from areaindex.views.indexview import load_presets, top_units
from areaindex.views.report import ReportError, render_link
from areaindex.views.report.content import joined
from areaindex.views.urlstate import to_query
from areaindex.views.viewstate import split_link, state_from_params, view_from_state

ROOT = Path(__file__).resolve().parent.parent
QUERY = "w_delaktighet=2&w_utbildning=7&w_ekonomi=5&w_boende=9&w_halsa=0&level=omraden"
LINK = f"http://localhost:8501/?{QUERY}"


@pytest.fixture(scope="module")
def presets():
    return load_presets()


def text_of(pdf: bytes) -> str:
    """The PDF's text with whitespace collapsed (lines wrap where the layout wants)."""
    reader = PdfReader(BytesIO(pdf))
    return norm(" ".join(page.extract_text() for page in reader.pages))


def norm(text: str) -> str:
    """Collapse whitespace; a line may break after a dash ("Holma–\nKroksbäck")."""
    return re.sub(r"\s+", " ", text).replace("– ", "–")


def expected_top(dataset, presets, query: str) -> list[str]:
    state, notices = state_from_params(split_link(query).params, dataset, presets)
    assert not notices
    view = view_from_state(dataset, presets, state).view
    return [view.table.at[u, "name"] for u in top_units(view, 3)]


def ranking_in_text(text: str, names: list[str]) -> list[str]:
    """The names in the order of their first appearance after the ranking heading."""
    tail = text[text.index("Rangordning") :] if "Rangordning" in text else text
    return sorted(names, key=tail.index)


@pytest.fixture(scope="module")
def main_pdf(dataset, presets) -> bytes:
    return render_link(LINK, dataset, presets)


def test_report_names_the_apps_top_priorities_in_order(dataset, presets, main_pdf):
    top = expected_top(dataset, presets, QUERY)
    text = text_of(main_pdf)
    assert norm(f"Högst prioritet: {joined(top, 'sv')}") in text
    # The ranking table lists every area in the app's order.
    view = view_from_state(
        dataset, presets, state_from_params(split_link(QUERY).params, dataset, presets)[0]
    ).view
    order = view.table.sort_values(["rank", "name"])["name"].tolist()
    assert ranking_in_text(text, [norm(n) for n in order]) == [norm(n) for n in order]


def test_report_has_every_part(main_pdf):
    text = text_of(main_pdf)
    for part in (
        "Förslaget och vikterna",
        "Karta",
        "Rangordning",
        "Hur säker är rangordningen?",
        "Indexet jämfört med SCB:s områdestyp",
        "Så räknas indexet",
        "Källor och licenser",
        "Länk till vyn",
        "Ungefärlig geografi:",  # the banner: delaktighet is turnout allocated to areas
        "CC0",
    ):
        assert part in text, part
    # The weights as percentages: 2 + 7 + 5 + 9 = 23, so boende is 9/23 = 39 %.
    assert "39 %" in text
    assert QUERY.split("&")[0] in text.replace(" ", "")


def test_fonts_are_embedded_and_language_and_title_set(main_pdf):
    reader = PdfReader(BytesIO(main_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert reader.metadata.title == "Områdesindex – rapport"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_font = descendants[0].get_object() if descendants else font
            descriptor = descriptor_font["/FontDescriptor"].get_object()
            fonts.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)
    assert "å" in text_of(main_pdf) and "ö" in text_of(main_pdf)


def test_english_report(dataset, presets):
    pdf = render_link(f"{QUERY}&lang=en", dataset, presets)
    reader = PdfReader(BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title == "Area index – report"
    top = expected_top(dataset, presets, QUERY)
    assert norm(f"Highest priority: {joined(top, 'en')}") in text_of(pdf)


def test_comparison_and_profile_reports(dataset, presets):
    comparison = text_of(
        render_link(f"http://localhost:8501/scenarier?{QUERY}&vs=malmo_asn_2023", dataset, presets)
    )
    assert "Jämförelse av förslag" in comparison and "Förändringar i rang" in comparison
    assert "Arbetsmarknads- och socialnämndens förslag (2023)" in comparison
    profile = text_of(
        render_link(f"http://localhost:8501/omrade?{QUERY}&area=rosengard", dataset, presets)
    )
    for part in ("Områdesprofil: Rosengård", "Nyckeltal för Rosengård", "Utveckling över tid"):
        assert part in profile
    assert "RegSO i området" in profile


def test_profile_without_area_and_zero_weights_are_refused(dataset, presets):
    with pytest.raises(ReportError, match="område"):
        render_link(f"http://localhost:8501/omrade?{QUERY}", dataset, presets)
    zero = "&".join(f"w_{d.id}=0" for d in dataset.catalogue.dimensions)
    with pytest.raises(ReportError):
        render_link(zero, dataset, presets)


@pytest.mark.parametrize("query", [LINK, QUERY, f"?{QUERY}"])
def test_cli_round_trip(tmp_path, dataset, presets, query):
    out = tmp_path / "rapport.pdf"
    assert main(["report", query, "-o", str(out)]) == 0
    top = expected_top(dataset, presets, QUERY)
    assert norm(f"Högst prioritet: {joined(top, 'sv')}") in text_of(out.read_bytes())


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("w_boende=elva", "w_boende"),
        ("http://localhost:8501/?level=kvarter", "level"),
        ("http://localhost:8501/omrade?area=atlantis", "area"),
    ],
)
def test_cli_bad_query_exits_2_with_a_message(tmp_path, capsys, query, named):
    out = tmp_path / "rapport.pdf"
    assert main(["report", query, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "fel:" in err and named in err
    assert not out.exists()


def test_page_and_report_agree_on_the_top_priorities(dataset, presets):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in split_link(QUERY).params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Ladda ner rapport (PDF)" in labels
    headline = next(m.value for m in at.markdown if "Högst prioritet" in m.value)
    shown = headline.split("\n\n")[0].removeprefix("### ")  # the heading, not its caption
    # The report of the page's own state (what its button sends) says the same.
    state, _ = state_from_params(split_link(QUERY).params, dataset, presets)
    defaults = view_from_state(dataset, presets, state).defaults
    pdf = render_link(urlencode(to_query(state, defaults)), dataset, presets)
    assert norm(shown) in text_of(pdf)


def test_map_legend_numbers_classes_and_gives_each_its_own_pattern(dataset, presets):
    from areaindex.views.classify import classify
    from areaindex.views.report.staticmap import legend_entries

    state, _ = state_from_params(split_link(QUERY).params, dataset, presets)
    view = view_from_state(dataset, presets, state).view
    for method in ("quantiles", "fisher_jenks"):
        classes = classify(view.table["index"], method)
        entries = legend_entries(classes, "sv")
        # The same colours as the screen's legend, and a pattern per class for black and white.
        assert [c for c, _, _ in entries] == [b.colour for b in classes.bins]
        assert len({h for _, h, _ in entries}) == len(entries)
        assert [label.split(":")[0] for _, _, label in entries] == [
            f"Klass {i}" for i in range(1, len(entries) + 1)
        ]


def test_pictures_have_a_text_alternative(main_pdf):
    root = PdfReader(BytesIO(main_pdf)).trailer["/Root"]
    alts = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(root["/StructTreeRoot"])
    assert alts and all(a.startswith("Karta") for a in alts)


def test_a_sessions_own_indicator_counts_and_is_marked(dataset, presets):
    from areaindex.uploads.own import OwnIndicator

    # Husie gets a value that makes it the area of greatest need in boende.
    values = tuple((u, 100.0 if u == "husie" else 0.0) for u in dataset.unit_ids("omraden"))
    own = OwnIndicator(
        "egen_1", "Trångboddhet (egen)", "boende", "higher_is_need", "omraden", values
    )
    state, _ = state_from_params(split_link(QUERY).params, dataset, presets)
    view = view_from_state(dataset, presets, state, own=(own,)).view
    top = [view.table.at[u, "name"] for u in top_units(view, 3)]
    text = text_of(render_link(QUERY, dataset, presets, own=(own,)))
    assert norm(f"Högst prioritet: {joined(top, 'sv')}") in text
    assert "Egna indikatorer: Trångboddhet (egen)" in text


def test_report_carries_the_illustrative_banner_when_such_values_have_weight(dataset, presets):
    text = text_of(render_link(f"{LINK}&w_halsa=5", dataset, presets))
    assert "Illustrativa data." in text
    assert "Illustrativa data." not in text_of(render_link(LINK, dataset, presets))


def test_report_has_the_rank_bounds_and_the_public_lists_as_the_app_computes_them(
    dataset, presets, main_pdf
):
    from areaindex.index.bounds import rank_bounds
    from areaindex.views.bounds_view import headline
    from areaindex.views.reference_lists import compare_top

    state, _ = state_from_params(split_link(QUERY).params, dataset, presets)
    current = view_from_state(dataset, presets, state)
    view = current.view
    top = top_units(view, 3)
    text = text_of(main_pdf)
    # Computed here without the report's cache: every unit, every weighting.
    bounds = rank_bounds(current.table.scores)
    line = headline(bounds.summary, view.table["rank"], current.names, k=3, lang="sv")
    assert line is not None
    assert norm(line.text) in text
    assert "Bästa möjliga" in text and "Sämsta möjliga" in text
    for comparison in compare_top(dataset, top, "omraden", "sv"):
        assert norm(comparison.sentence) in text
    # In English too.
    english = text_of(render_link(f"{LINK}&lang=en", dataset, presets))
    line_en = headline(bounds.summary, view.table["rank"], current.names, k=3, lang="en")
    assert norm(line_en.text) in english
    for comparison in compare_top(dataset, top, "omraden", "en"):
        assert norm(comparison.sentence) in english
