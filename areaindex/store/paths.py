"""Where the committed data lives: the project root and its data folders."""

from __future__ import annotations

from pathlib import Path

# The checkout: data/, geodata/, methods/ and indicators.duckdb sit here.
ROOT = Path(__file__).resolve().parent.parent.parent
DATABASE = ROOT / "indicators.duckdb"
