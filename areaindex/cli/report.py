"""``python -m areaindex report "QUERY" -o OUT.pdf``: a view's link as a PDF report.

QUERY is a link copied from the app (its page decides the report: the main
page, ``/scenarier`` or ``/omrade``) or its query string. Exit code 0 on
success, 2 when the link is at fault (the message names the parameter).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from areaindex.store.dataset import load_dataset
from areaindex.store.paths import ROOT
from areaindex.views.indexview import load_presets
from areaindex.views.report.content import KINDS, ReportError
from areaindex.views.report.render import render_link

EXIT_OK, EXIT_INPUT_ERROR = 0, 2


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help="write the PDF report of a view's link",
        description=(
            "Skriv en vy som PDF-rapport. QUERY är en länk från appen eller dess del efter '?'. "
            "(Write a view as a PDF report; QUERY is a link from the app or its query string.)"
        ),
    )
    parser.add_argument("query", help='the view\'s link or query string, e.g. "w_boende=5&lang=en"')
    parser.add_argument("-o", "--output", type=Path, required=True, help="output PDF file")
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default=None,
        help="report kind (default: from the link's page; main for a bare query string)",
    )
    parser.add_argument(
        "--base-url",
        default=None,
        help="the app's address for the link printed in the report (default: the link's own)",
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("AREAINDEX_DB", ROOT / "indicators.duckdb")),
        help="the database built by `python -m areaindex build`",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``report``: 0 on success, 2 when the link (or the database) is at fault."""
    if not args.database.exists():
        print(
            f"fel: databasen {args.database} saknas; kör `python -m areaindex build` "
            "(database missing)",
            file=sys.stderr,
        )
        return EXIT_INPUT_ERROR
    dataset = load_dataset(args.database)
    try:
        pdf = render_link(
            args.query, dataset, load_presets(), kind=args.kind, base_url=args.base_url
        )
    except ReportError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        args.output.write_bytes(pdf)
    except OSError as exc:
        print(f"fel: {args.output} kan inte skrivas: {exc} (I/O error)", file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(f"{args.output}: {len(pdf)} bytes")
    return EXIT_OK
