"""Command line: ``python -m areaindex {prepare,build,score,add-indicator,report,bounds}``.

Each sub-command lives in its own module, which provides ``add_parser`` and
``run``; this module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

# sub-command name -> module providing add_parser(subparsers) and run(args) -> int
COMMANDS = {
    "prepare": "areaindex.sources.prepare",
    "build": "areaindex.store.build",
    "score": "areaindex.cli.score",
    "add-indicator": "areaindex.cli.add_indicator",
    "report": "areaindex.cli.report",
    "bounds": "areaindex.cli.bounds",
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m areaindex",
        description="Områdesindex: prepare data, build the database, score tables, write reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_parser(sub)
        sub.choices[name].set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    return int(args._run(args))
