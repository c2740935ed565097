"""The RegSO register: codes, names and municipalities, and matching SCB's labels to codes.

SCB's statistics tables name a RegSO by label (``Malmö (RegSO-Lindängen)``), its
maps by code (``1280R045``). Labels are matched to codes within the
municipality, ignoring case, surrounding space and the ``RegSO-`` prefix.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from areaindex.data_errors import SourceError
from areaindex.sources.scb import parse_region_label, read_scb_csv, regso_display_name
from areaindex.store.regso_names import RENAMED_2020_TO_2025

# RegSO in the 2020 statistics that the 2025 map no longer has (Kiruna's Bolaget,
# demolished as the town moves for the mine): their rows are skipped.
REMOVED_BY_2025: Mapping[str, frozenset[str]] = {"2584": frozenset({"bolaget"})}
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


def name_key(name: str) -> str:
    """Matching key for an area name: no prefix, case, dash style or surrounding space."""
    return " ".join(regso_display_name(str(name)).translate(_DASHES).casefold().split())


def current_name(kommun: str, name: str) -> str | None:
    """The 2025 name of a RegSO named ``name`` in 2020 (None if it no longer exists)."""
    if name_key(name) in REMOVED_BY_2025.get(kommun, frozenset()):
        return None
    renamed = {name_key(old): new for old, new in RENAMED_2020_TO_2025.get(kommun, {}).items()}
    return renamed.get(name_key(name), name)


def read_regso_polygons(path: str | Path, kommun: str | None = None) -> gpd.GeoDataFrame:
    """Read SCB's RegSO polygons.

    Parameters
    ----------
    path : str or Path
        A GeoPackage with columns ``regsokod``, ``regsonamn``, ``kommunkod``.
    kommun : str, optional
        Keep only this municipality code (``"1280"`` is Malmö).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``regso`` (code), ``name`` (without prefix), ``kommun`` and
        ``geometry``, sorted by code, in the file's CRS.
    """
    path = Path(path)
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise SourceError(path, f"kan inte läsas som GeoPackage: {exc}") from exc
    for column in ("regsokod", "regsonamn", "kommunkod"):
        if column not in frame.columns:
            raise SourceError(path, "kolumnen saknas", column=column)
    if kommun is not None:
        frame = frame[frame["kommunkod"] == kommun]
        if frame.empty:
            raise SourceError(path, f"inga RegSO för kommunkod {kommun}")
    out = gpd.GeoDataFrame(
        {
            "regso": frame["regsokod"].astype(str),
            "name": frame["regsonamn"].map(regso_display_name),
            "kommun": frame["kommunkod"].astype(str),
        },
        geometry=frame.geometry.values,
        crs=frame.crs,
    )
    return out.sort_values("regso").reset_index(drop=True)


def read_kommun_codes(crosswalk: str | Path) -> dict[str, str]:
    """Map municipality name to code from SCB's DeSO–RegSO key."""
    frame = read_scb_csv(crosswalk, required=("Kommun", "Kommunnamn"))
    pairs = frame[["Kommunnamn", "Kommun"]].drop_duplicates()
    return {str(n).strip(): str(c).strip().zfill(4) for n, c in pairs.itertuples(index=False)}


def label_codes(
    labels: pd.Series,
    register: pd.DataFrame,
    kommun_codes: Mapping[str, str],
    *,
    path: str | Path = "<labels>",
) -> pd.Series:
    """Translate SCB region labels to RegSO codes.

    Parameters
    ----------
    labels : pandas.Series
        Labels such as ``"Malmö (RegSO-Lindängen)"``.
    register : pandas.DataFrame
        With columns ``regso``, ``name``, ``kommun`` (see :func:`read_regso_polygons`).
    kommun_codes : mapping
        Municipality name -> code.
    path : str or Path
        The file the labels come from, for error messages.

    Returns
    -------
    pandas.Series
        RegSO code per label; ``None`` where the label's municipality is not in
        the register (for example when the register holds only Malmö) or where
        the RegSO no longer exists in the 2025 map.

    Raises
    ------
    SourceError
        If a label of a municipality in the register matches no RegSO.
    """
    lookup = {
        (kommun, name_key(name)): code
        for code, name, kommun in register[["regso", "name", "kommun"]].itertuples(index=False)
    }
    in_register = set(register["kommun"])
    codes: list[str | None] = []
    for row, label in labels.items():
        try:
            parsed = parse_region_label(label)
        except ValueError as exc:
            raise SourceError(path, str(exc), row=int(row)) from exc
        kommun = kommun_codes.get(parsed.kommun)
        if kommun is None or kommun not in in_register:
            codes.append(None)
            continue
        area = current_name(kommun, parsed.area)
        if area is None:
            codes.append(None)
            continue
        code = lookup.get((kommun, name_key(area)))
        if code is None:
            raise SourceError(
                path,
                f"RegSO {label!r} finns inte i RegSO-kartan för kommun {kommun}",
                row=int(row),
            )
        codes.append(code)
    return pd.Series(codes, index=labels.index, dtype=object)
