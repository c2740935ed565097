"""Indicators the city adds to the committed data: ``data/added/<id>.toml`` and ``<id>.csv``.

``prepare`` regenerates ``data/catalogue.toml`` and ``data/values_*.csv`` from
code, so the statisticians' own figures (health, trust, safety, children) live
beside them in ``data/added/``, which ``prepare`` never writes. Each added
indicator is two files written by ``python -m areaindex add-indicator``:

- ``<id>.toml``: its catalogue entry (the fields of
  :class:`areaindex.store.catalogue.Indicator` under ``[indicator]``), the illustrative
  indicator it ``replaces`` (if any), the file it was read from and the sha256 of
  its values file, so that a half-written or hand-edited pair is refused;
- ``<id>.csv``: its values per RegSO in the long form of ``values_*.csv``, one
  row for every RegSO, year and sex (an empty value where the source has none).

``build`` reads both, checks them like the committed values and merges them:
an added indicator that replaces an illustrative one takes over its id and its
place in the catalogue, so every method file that weighs that column keeps
working and now weighs official statistics. The illustrative values of the
replaced indicator are dropped. Nothing here imports Streamlit.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w

from areaindex.data_errors import SourceError
from areaindex.store.catalogue import Catalogue, Indicator, validate
from areaindex.store.longtable import read_long, write_long

FOLDER = Path("data") / "added"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
ENTRY_KEYS = ("replaces", "source_file", "values_file", "values_sha256", "indicator")
HEADER = (
    "Added indicator of Områdesindex, written by `python -m areaindex add-indicator`.\n"
    "Do not edit by hand: run the command again with --update (values_sha256 guards the\n"
    "values file). Read by `python -m areaindex build`; never written by `prepare`."
)


@dataclass(frozen=True)
class AddedIndicator:
    """One added indicator: its catalogue entry and its RegSO values.

    Attributes
    ----------
    indicator : Indicator
        The catalogue entry; its id is the file name's stem.
    values : pandas.DataFrame
        Long form (``unit, indicator, year, sex, value, numerator, denominator``).
    replaces : str or None
        The illustrative indicator it replaces (then ``indicator.id`` equals it).
    source_file : str
        The name of the file the values were read from (provenance).
    path : Path
        The ``.toml`` file.
    """

    indicator: Indicator
    values: pd.DataFrame
    replaces: str | None
    source_file: str
    path: Path

    @property
    def id(self) -> str:
        """The indicator id."""
        return self.indicator.id

    @property
    def values_path(self) -> Path:
        """The ``.csv`` file beside the ``.toml`` file."""
        return self.path.with_suffix(".csv")


def folder(root: str | Path) -> Path:
    """The folder of added indicators under the project root ``root``."""
    return Path(root) / FOLDER


def entry_files(root: str | Path) -> list[Path]:
    """Every added indicator's ``.toml`` and ``.csv`` file, sorted (build inputs)."""
    where = folder(root)
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir() if p.is_file() and p.suffix in (".toml", ".csv"))


def read_added(root: str | Path) -> list[AddedIndicator]:
    """Read and check every added indicator under ``root`` (sorted by id).

    Raises
    ------
    SourceError
        Naming the file and key: invalid TOML, an unknown or missing key, a values
        file that is missing, orphaned, changed since it was written, or holds
        another indicator.
    """
    files = entry_files(root)
    tomls = {p.stem: p for p in files if p.suffix == ".toml"}
    for csv in (p for p in files if p.suffix == ".csv"):
        if csv.stem not in tomls:
            raise SourceError(
                csv,
                f"värdefilen saknar sin katalogpost {csv.stem}.toml (values without catalogue "
                "entry). Lägg till indikatorn igen med add-indicator, eller ta bort filen.",
            )
    return [read_entry(tomls[key]) for key in sorted(tomls)]


def read_entry(path: Path) -> AddedIndicator:
    """Read one ``<id>.toml`` and its ``<id>.csv``.

    Raises
    ------
    SourceError
        As :func:`read_added`.
    """
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(path, f"ogiltig TOML: {exc}") from exc
    unknown = sorted(set(doc) - set(ENTRY_KEYS))
    if unknown:
        raise SourceError(path, f"okända nycklar {unknown} (unknown keys)")
    for key in ("values_file", "values_sha256", "indicator", "source_file"):
        if key not in doc:
            raise SourceError(path, f"nyckeln '{key}' saknas (missing key)")
    indicator_id = path.stem
    if ID_PATTERN.fullmatch(indicator_id) is None:
        raise SourceError(path, "filnamnet är inget giltigt indikator-id (a-z, 0-9, _)")
    csv = path.with_suffix(".csv")
    if doc["values_file"] != csv.name:
        raise SourceError(path, f"values_file ska vara '{csv.name}'", column="values_file")
    if not csv.exists():
        raise SourceError(csv, "värdefilen saknas (values file not found)")
    if sha256(csv) != doc["values_sha256"]:
        raise SourceError(
            csv,
            "värdefilen stämmer inte med values_sha256 i "
            f"{path.name}: den har ändrats för hand eller skrevs inte klart (values file "
            "changed). Lägg till indikatorn igen med add-indicator --update.",
        )
    record = doc["indicator"]
    if not isinstance(record, dict):
        raise SourceError(path, "[indicator] ska vara en tabell", column="indicator")
    names = {f.name for f in fields(Indicator)} - {"id"}
    bad = sorted(set(record) - names)
    if bad:
        raise SourceError(path, f"[indicator]: okända nycklar {bad} (unknown keys)")
    try:
        indicator = Indicator(
            id=indicator_id,
            **{k: tuple(v) if isinstance(v, list) else v for k, v in record.items()},
        )
    except TypeError as exc:
        raise SourceError(path, f"[indicator]: {exc}") from exc
    replaces = doc.get("replaces")
    if replaces is not None and replaces != indicator_id:
        raise SourceError(
            path, f"replaces = '{replaces}' men id är '{indicator_id}'", column="replaces"
        )
    values = read_long(csv)
    others = sorted(set(values["indicator"]) - {indicator_id})
    if others:
        raise SourceError(csv, f"filen innehåller andra indikatorer: {others}", column="indicator")
    return AddedIndicator(indicator, values, replaces, str(doc["source_file"]), path)


def apply_added(
    catalogue: Catalogue, values: pd.DataFrame, entries: Sequence[AddedIndicator]
) -> tuple[Catalogue, pd.DataFrame]:
    """The catalogue and values with the added indicators merged in.

    A replacing indicator takes the illustrative one's place in the catalogue;
    a new one follows the last indicator of its dimension. The replaced
    indicator's values are dropped.

    Parameters
    ----------
    catalogue : Catalogue
        The catalogue as ``prepare`` wrote it.
    values : pandas.DataFrame
        The committed long-form values (official and illustrative).
    entries : sequence of AddedIndicator
        From :func:`read_added` (and the one being added).

    Raises
    ------
    SourceError
        Naming the added file and key: a replaced indicator that does not exist
        or is not illustrative, a different dimension or direction than the one
        replaced, an id already in the catalogue, or an unknown dimension.
    """
    known = {ind.id: ind for ind in catalogue.indicators}
    inds = list(catalogue.indicators)
    for entry in entries:
        ind, path = entry.indicator, entry.path
        if entry.replaces is not None:
            old = known.get(entry.replaces)
            if old is None:
                raise SourceError(
                    path,
                    f"indikatorn '{entry.replaces}' som ska ersättas finns inte i katalogen "
                    "(replaced indicator not found)",
                    column="replaces",
                )
            if not old.illustrative:
                raise SourceError(
                    path,
                    f"'{entry.replaces}' är redan officiell statistik i data/catalogue.toml och "
                    "kan inte ersättas (only illustrative indicators can be replaced). Ta bort "
                    "den tillagda indikatorn med add-indicator --remove.",
                    column="replaces",
                )
            for key in ("dimension", "direction"):
                if getattr(old, key) != getattr(ind, key):
                    raise SourceError(
                        path,
                        f"{key} är '{getattr(ind, key)}' men den ersatta indikatorn har "
                        f"'{getattr(old, key)}' (must match the replaced indicator)",
                        column=key,
                    )
            inds[inds.index(old)] = ind
        else:
            if ind.id in known:
                raise SourceError(
                    path,
                    f"id '{ind.id}' finns redan i katalogen (id already in use); välj ett "
                    "annat id eller använd replaces för en illustrativ indikator",
                )
            same = [i for i, x in enumerate(inds) if x.dimension == ind.dimension]
            inds.insert(same[-1] + 1 if same else len(inds), ind)
        known[ind.id] = ind
    merged = replace(catalogue, indicators=tuple(inds))
    for entry in entries:
        if entry.indicator.dimension not in {d.id for d in catalogue.dimensions} | {"context"}:
            raise SourceError(
                entry.path,
                f"dimensionen '{entry.indicator.dimension}' finns inte (unknown dimension)",
                column="dimension",
            )
    validate(merged, entries[0].path if entries else "data/added")
    replaced = {e.replaces for e in entries if e.replaces is not None}
    kept = values[~values["indicator"].isin(replaced)]
    out = pd.concat([kept, *(e.values for e in entries)], ignore_index=True)
    return merged, out


def entry_toml(entry: AddedIndicator, values_sha256: str) -> str:
    """The ``<id>.toml`` text of an added indicator."""
    record = {
        k: list(v) if isinstance(v, tuple) else v
        for k, v in asdict(entry.indicator).items()
        if k != "id"
    }
    doc: dict[str, Any] = {}
    if entry.replaces is not None:
        doc["replaces"] = entry.replaces
    doc |= {
        "source_file": entry.source_file,
        "values_file": entry.values_path.name,
        "values_sha256": values_sha256,
        "indicator": record,
    }
    comment = "".join(f"# {line}\n" for line in HEADER.splitlines())
    return comment + "\n" + tomli_w.dumps(doc)


def write_entry(entry: AddedIndicator) -> None:
    """Write the values, then the catalogue entry, each by an atomic rename.

    The entry records the values file's sha256, so a crash between the two
    renames leaves a pair that ``build`` refuses with a message rather than
    reads wrongly.
    """
    entry.path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(entry.values_path, lambda p: write_long(entry.values, p))
    digest = sha256(entry.values_path)
    _write_atomically(entry.path, lambda p: p.write_text(entry_toml(entry, digest), "utf-8"))


def remove_entry(root: str | Path, indicator_id: str) -> list[Path]:
    """Delete an added indicator's two files; returns those deleted (none if unknown)."""
    where = folder(root)
    removed = []
    for path in (where / f"{indicator_id}.toml", where / f"{indicator_id}.csv"):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def sha256(path: Path) -> str:
    """The file's SHA-256 (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_atomically(target: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; committed files are world-readable
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
