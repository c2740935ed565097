"""The report as a document: a list of sections -> HTML -> a tagged A4 PDF (WeasyPrint).

A report is data (:class:`Report`, a title and a list of :class:`Section`) and
one function turns any report into a PDF, so a new section is a function that
returns a :class:`Section` (see :mod:`areaindex.views.report.content`).

The PDF is PDF/UA-1 (tagged, for screen readers), carries its language
(``<html lang>`` -> ``/Lang``) and title (``<title>``), and embeds its fonts:
DejaVu, the fonts matplotlib ships, so å, ä and ö print on any machine
whatever fonts it has installed.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FAMILY = "Report Sans"
FONTS = (  # (file, weight, style)
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


@dataclass(frozen=True)
class Section:
    """One part of the report: an id, a heading and its body as HTML."""

    key: str
    title: str
    body: str


@dataclass(frozen=True)
class Report:
    """A whole report: language, title, subtitle lines, sections and a footer text."""

    lang: str
    title: str
    subtitle: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


def inline(text: str) -> str:
    """Escape ``text`` for HTML and turn the app's Markdown emphasis into tags.

    The translation table uses ``**bold**`` and ``*italic*`` only.
    """
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)


def paragraph(text: str, css_class: str = "") -> str:
    """A paragraph of (Markdown-emphasised) text."""
    attr = f' class="{css_class}"' if css_class else ""
    return f"<p{attr}>{inline(text)}</p>"


def bullet_list(items: Sequence[str]) -> str:
    """An unordered list of (Markdown-emphasised) texts."""
    return "<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>"


def numbered_list(items: Sequence[str]) -> str:
    """An ordered list of (Markdown-emphasised) texts."""
    return "<ol>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ol>"


def table(
    frame: pd.DataFrame,
    *,
    caption: str = "",
    numeric: Sequence[str] = (),
    emphasise: Sequence[int] = (),
) -> str:
    """A DataFrame as an accessible HTML table (header cells with scope, a caption).

    Parameters
    ----------
    frame : pandas.DataFrame
        Already formatted cells (strings or numbers); the index is not shown.
    caption : str
        Shown above the table and read out by screen readers.
    numeric : sequence of str
        Columns aligned to the right.
    emphasise : sequence of int
        Row positions printed in bold (e.g. the top priorities).
    """
    right = set(numeric)
    head = "".join(
        f'<th scope="col"{" class=num" if c in right else ""}>{html.escape(str(c))}</th>'
        for c in frame.columns
    )
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = "–" if value is None or (isinstance(value, float) and value != value) else value
            cls = ' class="num"' if column in right else ""
            cells.append(f"<td{cls}>{html.escape(str(text))}</td>")
        attr = ' class="top"' if i in emphasise else ""
        rows.append(f"<tr{attr}>{''.join(cells)}</tr>")
    cap = f"<caption>{inline(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def figure(png: bytes, alt: str, caption: str = "", css_class: str = "") -> str:
    """A picture (PNG) with its text alternative and caption."""
    data = base64.b64encode(png).decode("ascii")
    cls = f' class="{css_class}"' if css_class else ""
    cap = f"<figcaption>{inline(caption)}</figcaption>" if caption else ""
    return (
        f'<figure{cls}><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
        f"{cap}</figure>"
    )


def box(body: str, css_class: str = "note") -> str:
    """A bordered box (the banners of the screen: illustrative data, approximations)."""
    return f'<div class="{css_class}">{body}</div>'


def _font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{(FONT_DIR / name).as_uri()}'); "
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FONTS
    )


CSS = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  @bottom-left { content: string(doctitle); font-size: 7.5pt; color: #444; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #444; }
}
html { font-family: '%(family)s'; font-size: 9.5pt; line-height: 1.35; color: #000; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; string-set: doctitle content(); }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm 0; border-bottom: 0.6pt solid #000;
     break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm 0; break-after: avoid; }
p { margin: 0 0 2mm 0; }
.meta { color: #333; margin: 0; }
.lead { font-size: 11pt; }
section { break-inside: auto; }
figure { margin: 2mm 0; break-inside: avoid; text-align: center; }
figure img { width: 100%%; }
figure.half { display: inline-block; width: 49%%; vertical-align: top; }
figcaption { font-size: 8pt; text-align: left; }
table { border-collapse: collapse; width: 100%%; margin: 1mm 0 3mm 0; font-size: 8.5pt; }
caption { text-align: left; font-size: 8pt; padding-bottom: 1mm; caption-side: top; }
th, td { border-bottom: 0.4pt solid #777; padding: 0.8mm 1.2mm; text-align: left;
         vertical-align: top; }
th { border-bottom: 0.9pt solid #000; font-weight: bold; }
.num { text-align: right; }
tr.top td { font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.note { border: 1pt solid #000; border-left: 4pt solid #000; padding: 2mm 3mm;
        margin: 2mm 0 3mm 0; break-inside: avoid; }
.note p:last-child { margin-bottom: 0; }
.link { font-size: 8pt; word-break: break-all; overflow-wrap: anywhere; }
ul, ol { margin: 0 0 2mm 0; padding-left: 5mm; }
li { margin-bottom: 0.8mm; }
"""


def to_html(report: Report) -> str:
    """The report as one self-contained HTML document (pictures inline, fonts local)."""
    sections = "\n".join(
        f'<section id="{html.escape(s.key)}"><h2>{inline(s.title)}</h2>{s.body}</section>'
        for s in report.sections
    )
    subtitle = "".join(f'<p class="meta">{inline(line)}</p>' for line in report.subtitle)
    keywords = html.escape(", ".join(report.keywords))
    return (
        f'<!DOCTYPE html><html lang="{html.escape(report.lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(report.title)}</title>"
        f'<meta name="keywords" content="{keywords}">'
        f'<meta name="generator" content="Områdesindex">'
        f"<style>{_font_faces()}{CSS % {'family': FONT_FAMILY}}</style></head>"
        f"<body><header><h1>{html.escape(report.title)}</h1>{subtitle}</header>"
        f"<main>{sections}</main></body></html>"
    )


def to_pdf(report: Report) -> bytes:
    """Render the report as a tagged (PDF/UA-1) A4 PDF with embedded fonts."""
    # Imported here: WeasyPrint loads Pango through cffi, which only the report needs.
    import weasyprint

    document = weasyprint.HTML(string=to_html(report), base_url=str(FONT_DIR))
    return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
