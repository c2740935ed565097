"""Accessibility (WCAG 2.1 AA) of every page, checked with axe-core in Chromium.

axe-core comes from the npm registry at set-up (``make test`` fetches it into
``tests/.vendor/``) and is injected into the page and every frame (the map is
in a frame), so the map's controls are checked too. No serious or critical
violation is allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import OutsideRequests, PageWatch, block_outside, chromium_path

AXE = Path(__file__).resolve().parent / ".vendor" / "axe.min.js"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core missing: `make test` fetches it"),
]
PAGES = [
    "",
    "?present=1",
    "?lang=en&layer=reference&level=regso",
    "scenarier?vs=malmo_asn_2023",
    "omrade?area=rosengard",
    "jamfor_omraden?areas=rosengard,husie,limhamn",
    "robusthet",
    "granskning",
    "metod",
    "data_och_metod",
]


def serious_violations(page) -> list[str]:
    script = AXE.read_text(encoding="utf-8")
    for frame in page.frames:
        frame.add_script_tag(content=script)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], iframes: true})"
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(server, browser, path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = OutsideRequests()
    block_outside(context, outside)
    watch = PageWatch(context)
    page = watch.page
    try:
        since = watch.now()
        page.goto(f"{server}/{path}")
        # Charts, the map frame and tables have finished drawing: the page has settled.
        watch.settle("() => !!document.querySelector('[data-testid=\"stApp\"] h1')", since=since)
        assert serious_violations(page) == []
        assert outside.urls == []
    finally:
        context.close()


def test_the_checker_finds_a_real_violation(browser):
    """axe must flag unreadable text; otherwise the test above proves nothing."""
    page = browser.new_page()
    page.set_content(
        '<html lang="sv"><body><p style="color:#ddd;background:#fff">Låg kontrast</p></body></html>'
    )
    try:
        found = serious_violations(page)
        assert any("color-contrast" in v for v in found), found
    finally:
        page.close()
