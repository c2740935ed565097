"""The report button in Debian's Chromium: a click downloads the PDF of the page's view.

The PDF's headline must name the same top priorities as the page's headline,
and the area profile's PDF the area on screen. Every request to another host
is blocked and recorded; none may be attempted.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import ARTIFACTS, OutsideRequests, block_outside, chromium_path, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]
QUERY = "w_delaktighet=1&w_utbildning=6&w_ekonomi=4&w_boende=9"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text).replace("– ", "–")


@pytest.mark.parametrize(
    ("path", "extra", "label", "expected"),
    [
        ("", "", "Ladda ner rapport (PDF)", "headline"),
        ("omrade", "&area=husie&lang=en", "Download report (PDF)", "Area profile: Husie"),
        ("scenarier", "&vs=malmo_asn_2023", "Ladda ner rapport (PDF)", "Jämförelse av förslag"),
    ],
)
def test_report_button_downloads_the_views_pdf(server, browser, path, extra, label, expected):
    outside = OutsideRequests()
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    block_outside(context, outside)
    page = context.new_page()
    try:
        page.goto(f"{server}/{path}?{QUERY}{extra}", wait_until="domcontentloaded")
        wait_for_app(page, timeout=120_000)
        button = page.get_by_role("button", name=label)
        button.wait_for(timeout=120_000)
        if expected == "headline":
            heading = page.locator("h3", has_text="Högst prioritet").first.inner_text()
            expected = re.sub(r"\s+", " ", heading).strip()
        with page.expect_download(timeout=180_000) as info:
            button.click()
        download = info.value
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF")
        assert expected.replace("– ", "–") in pdf_text(data)
        if path == "":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report_button.png"))
    finally:
        context.close()
    assert outside.urls == []


def test_the_main_report_is_of_the_weights_on_screen_when_clicked(server, browser):
    """The button is drawn once per page; a slider move changes what it saves."""
    outside = OutsideRequests()
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    block_outside(context, outside)
    page = context.new_page()
    heading = page.locator("h3", has_text="Högst prioritet").first
    try:
        page.goto(f"{server}/?{QUERY}", wait_until="domcontentloaded")
        wait_for_app(page, timeout=120_000)
        heading.wait_for(timeout=120_000)
        before = re.sub(r"\s+", " ", heading.inner_text()).strip()
        assert "Lindängen" not in before
        box = page.locator('[data-testid="stSlider"]').filter(has_text="Delaktighet")
        box.locator('input[type="range"]').focus()
        page.keyboard.press("End")  # delaktighet 1 -> 10 brings Lindängen into the top three
        page.locator("h3", has_text="Lindängen").first.wait_for(timeout=120_000)
        wait_for_app(page, timeout=120_000)
        after = re.sub(r"\s+", " ", heading.inner_text()).strip()
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name="Ladda ner rapport (PDF)").click()
        text = pdf_text(Path(info.value.path()).read_bytes())
        assert after.replace("– ", "–") in text
        assert before.replace("– ", "–") not in text
    finally:
        context.close()
    assert outside.urls == []
