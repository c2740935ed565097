"""RegSO names that changed between SCB's 2020 statistics and the 2025 map.

Shared by ``prepare`` (reading SCB's tables) and the upload reader (matching a
user's area names at run time), so it lives in the committed-format layer.
"""

from __future__ import annotations

from collections.abc import Mapping

# RegSO renamed between the 2020 statistics and the 2025 map, per municipality code.
# Malmö: "RegSO-Ön norr (2020) = RegSO-Ön (2025)" (the data README). The others were
# found by comparing SCB's 2020 names with the 2025 map: spelling corrections and, in
# Kiruna, a renamed area.
RENAMED_2020_TO_2025: Mapping[str, Mapping[str, str]] = {
    "1280": {"Ön norr": "Ön"},
    "0120": {"Norra Värdölandet-Skärgården": "Norra Värmdölandet-Skärgården"},
    "0160": {"Karlsund": "Karlslund", "Näsby Park": "Näsbypark"},
    "1984": {"Nästkvarn-Studrestaden": "Nästkvarn-Sturestaden"},
    "2584": {"Övre Norrmalm": "Norrmalm"},
}
