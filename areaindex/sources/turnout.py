"""Election turnout per RegSO: valdistrikt -> delområde -> RegSO, from counts.

No valdistrikt boundaries are available offline. Malmö names its districts
after the city's delområden, so a reviewed crosswalk
(``data/valdistrikt_delomrade.csv``) puts each district of each election year
in one delområde, and the delområde's eligible voters and voters are split
over the RegSO it overlaps, in proportion to land area. A few districts whose
delområde is split among RegSO but which evidently lie in one of them go to
that RegSO whole (column ``regso`` of the crosswalk, with the reason).

Counts are split as whole numbers (largest remainder), so every district's
eligible voters and voters land in RegSO exactly once, and turnout of any area
is Σ voters / Σ eligible — never an average of percentages. Rows that are not
places (early votes not assigned to a district, 2018's "Uppsamlingsdistrikt")
hold no eligible voters; they are reported and not spread over areas.

The geography is approximate: :func:`split_share` measures how much, as the
share of an area's eligible voters that come from districts whose allocation
crosses the area's border.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from areaindex.data_errors import SourceError
from areaindex.sources.elections import ELECTIONS, LICENCE
from areaindex.store.catalogue import Indicator
from areaindex.store.turnout import (
    ALLOCATION_COLUMNS,
    TURNOUT_INDICATORS,
    TurnoutIndicator,
)

CROSSWALK_FILE = "valdistrikt_delomrade.csv"  # under data/
CROSSWALK_COLUMNS = (
    "election_year",
    "valdistriktskod",
    "valdistriktsnamn",
    "delomrade",
    "regso",
    "match",
    "reason",
)
MATCHES = ("name", "manual", "not_a_place")
NOT_PLACED_META = "val_ej_fordelade:"  # catalogue meta key prefix, then the election id
# Pieces of a delområde below this share of its land are boundary noise: the city's
# and SCB's lines are digitised separately and differ by metres along every edge.
SLIVER_SHARE = 0.01


_NOTE_SV = (
    "Ungefärlig geografi: valdistriktens gränser finns inte här, så varje distrikt har lagts i "
    "ett delområde efter sitt namn (data/valdistrikt_delomrade.csv) och delområdets "
    "röstberättigade och röstande fördelats på RegSO efter landyta. Antal summeras, andelar "
    "medelvärdesbildas aldrig. Förtidsröster som inte fördelats på valdistrikt ingår inte."
)
_NOTE_EN = (
    "Approximate geography: district boundaries are not available here, so each district was "
    "placed in a delområde by its name (data/valdistrikt_delomrade.csv) and the delområde's "
    "eligible voters and voters split over RegSO by land area. Counts are summed, shares never "
    "averaged. Early votes not assigned to a district are not included."
)
TURNOUT_CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        id="voter_turnout",
        name_sv="Valdeltagande i kommunvalet",
        name_en="Turnout in the municipal election",
        definition_sv="Andel röstberättigade som röstade i kommunfullmäktigevalet 2022 "
        "(röstande / röstberättigade). Röstberättigade i kommunvalet är även EU-medborgare och "
        "andra utländska medborgare som varit folkbokförda i Sverige i tre år, så måttet "
        "täcker fler invånare än riksdagsvalet.",
        definition_en="Share of eligible voters who voted in the 2022 municipal council "
        "election (voters / eligible voters). Eligible in municipal elections are also EU "
        "citizens and other foreign citizens registered in Sweden for three years, so it "
        "covers more residents than the parliamentary election.",
        dimension="delaktighet",
        direction="lower_is_need",
        unit="%",
        source="Valmyndigheten: kommunfullmäktigevalet 2022, röstberättigade och röstande "
        "per valdistrikt (ko_tab3_2022.xlsx), fördelat valdistrikt → delområde → RegSO",
        years=(2022,),
        status="official",
        kind="outcome",
        aggregation="ratio",
        scale=100.0,
        source_geography="valdistrikt",
        licence=LICENCE,
        note_sv=_NOTE_SV,
        note_en=_NOTE_EN,
        approximate_geography=True,
    ),
    Indicator(
        id="voter_turnout_riksdag",
        name_sv="Valdeltagande i riksdagsvalet",
        name_en="Turnout in the parliamentary election",
        definition_sv="Andel röstberättigade (svenska medborgare) som röstade i riksdagsvalet "
        "2018 och 2022 (röstande / röstberättigade): samma slags val båda åren, så måttet kan "
        "följas över tid.",
        definition_en="Share of eligible voters (Swedish citizens) who voted in the 2018 and "
        "2022 parliamentary elections (voters / eligible voters): the same kind of election "
        "both years, so it can be followed over time.",
        dimension="delaktighet",
        direction="lower_is_need",
        unit="%",
        source="Valmyndigheten: riksdagsvalen 2018 och 2022, röstberättigade och röstande per "
        "valdistrikt (2018_R_per_valdistrikt.xlsx, ri_tab4_2022.xlsx), fördelat valdistrikt → "
        "delområde → RegSO",
        years=(2018, 2022),
        status="official",
        kind="outcome",
        aggregation="ratio",
        scale=100.0,
        source_geography="valdistrikt",
        licence=LICENCE,
        note_sv=_NOTE_SV,
        note_en=_NOTE_EN,
        approximate_geography=True,
    ),
)
# Regionval 2022 has the same electorate as kommunval 2022: read and allocated as a
# count check (every district once, totals), not published as an indicator of its own.
CHECK_ONLY = ("regionval_2022",)


def read_crosswalk(
    path: str | Path, delomraden: Iterable[str], regso_codes: Iterable[str]
) -> pd.DataFrame:
    """Read and check the reviewed crosswalk valdistrikt -> delområde.

    Raises
    ------
    SourceError
        Naming the row and column: a missing column, a district listed twice
        for a year, an unknown delområde or RegSO, an unknown ``match``, or a
        hand-made or not-a-place row without a reason.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"kan inte läsas som CSV: {exc}") from exc
    for column in CROSSWALK_COLUMNS:
        if column not in frame.columns:
            raise SourceError(path, "kolumnen saknas", column=column)
    frame = frame[list(CROSSWALK_COLUMNS)].apply(lambda c: c.str.strip())
    names, codes = set(delomraden), set(regso_codes)

    def fail(mask: pd.Series, message: str, column: str) -> None:
        if mask.any():
            row = int(np.flatnonzero(mask.to_numpy())[0])
            raise SourceError(path, message.format(frame.iloc[row][column]), row=row, column=column)

    fail(~frame["election_year"].str.fullmatch(r"\d{4}"), "{!r} är inget valår", "election_year")
    fail(
        ~frame["valdistriktskod"].str.fullmatch(r"\d{8}"),
        "{!r} är ingen valdistriktskod (8 siffror)",
        "valdistriktskod",
    )
    fail(
        frame.duplicated(["election_year", "valdistriktskod"]),
        "valdistriktet {!r} står två gånger för samma valår",
        "valdistriktskod",
    )
    fail(~frame["match"].isin(MATCHES), f"{{!r}} är inte en av {', '.join(MATCHES)}", "match")
    place = frame["match"] != "not_a_place"
    fail(place & ~frame["delomrade"].isin(names), "delområdet {!r} finns inte", "delomrade")
    fail(~place & (frame["delomrade"] != ""), "{!r}: en rad som inte är en plats", "delomrade")
    fail((frame["regso"] != "") & ~frame["regso"].isin(codes), "RegSO {!r} finns inte", "regso")
    fail(
        (frame["regso"] != "") & (frame["match"] != "manual"),
        "RegSO {!r} anges bara för rader som matchats för hand (manual)",
        "regso",
    )
    fail(
        (frame["match"] != "name") & (frame["reason"] == ""),
        "skäl saknas för raden ({!r})",
        "match",
    )
    frame["election_year"] = frame["election_year"].astype(int)
    return frame.reset_index(drop=True)


def delomrade_shares(
    delomraden: gpd.GeoDataFrame, regso: gpd.GeoDataFrame, *, sliver: float = SLIVER_SHARE
) -> pd.DataFrame:
    """Each delområde's land split over RegSO (land-area overlay), shares summing to 1.

    Parameters
    ----------
    delomraden : geopandas.GeoDataFrame
        Column ``delomrade``; any projected CRS (converted to ``regso``'s).
    regso : geopandas.GeoDataFrame
        Column ``regso``, clipped to land, in a projected CRS (metres).
    sliver : float, default :data:`SLIVER_SHARE`
        Pieces below this share of the delområde are dropped (boundary noise)
        and the others scaled up to sum to 1.

    Returns
    -------
    pandas.DataFrame
        Columns ``delomrade, regso, share``, sorted.
    """
    zones = delomraden[["delomrade", "geometry"]].to_crs(regso.crs)
    pieces = gpd.overlay(zones, regso[["regso", "geometry"]], how="intersection")
    pieces["area"] = pieces.geometry.area
    area = pieces.groupby(["delomrade", "regso"])["area"].sum()
    share = area / area.groupby(level="delomrade").transform("sum")
    share = share[share >= sliver]
    share = share / share.groupby(level="delomrade").transform("sum")
    return (
        share.rename("share").reset_index().sort_values(["delomrade", "regso"], ignore_index=True)
    )


def split_counts(total: int, shares: np.ndarray) -> np.ndarray:
    """Split a whole count by shares into whole counts summing to it (largest remainder).

    Ties in the remainders go to the earlier share, so the split is deterministic.
    """
    exact = total * np.asarray(shares, dtype=float)
    whole = np.floor(exact).astype(np.int64)
    left = int(total - whole.sum())
    order = np.argsort(-(exact - whole), kind="stable")
    whole[order[:left]] += 1
    return whole


def allocate(
    districts: pd.DataFrame,
    crosswalk: pd.DataFrame,
    shares: pd.DataFrame,
    *,
    crosswalk_path: str | Path = CROSSWALK_FILE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Allocate one election's districts to RegSO.

    Parameters
    ----------
    districts : pandas.DataFrame
        :func:`areaindex.sources.elections.read_districts` output for one election.
    crosswalk : pandas.DataFrame
        :func:`read_crosswalk` output.
    shares : pandas.DataFrame
        :func:`delomrade_shares` output.
    crosswalk_path : str or Path
        For messages.

    Returns
    -------
    (allocation, not_places)
        ``allocation``: columns :data:`ALLOCATION_COLUMNS`, one row per district
        and RegSO it reaches; ``not_places``: the rows that are not places, with
        their counts.

    Raises
    ------
    SourceError
        If a district of the file is missing from the crosswalk, a crosswalk
        district of that year is missing from the file, a not-a-place row holds
        eligible voters, or a delområde overlaps no RegSO.
    """
    election = districts["election"].iloc[0]
    year = int(districts["year"].iloc[0])
    key = crosswalk[crosswalk["election_year"] == year].set_index("valdistriktskod")
    spec = ELECTIONS[election]
    missing = sorted(set(districts["valdistriktskod"]) - set(key.index))
    if missing:
        raise SourceError(
            crosswalk_path,
            f"valdistrikt {', '.join(missing[:5])} ({spec.file}, {year}) saknas i korsnyckeln",
        )
    absent = sorted(set(key.index) - set(districts["valdistriktskod"]))
    if absent:
        raise SourceError(
            crosswalk_path,
            f"valdistrikt {', '.join(absent[:5])} ({year}) finns inte i {spec.file}",
        )
    by_delomrade = {d: rows for d, rows in shares.groupby("delomrade")}
    # A code can occur twice in a file (early votes per constituency): sum first.
    counts = districts.groupby("valdistriktskod", sort=True)[["eligible", "voters"]].sum()
    rows, not_places = [], []
    for code, (eligible, voters) in counts.iterrows():
        entry = key.loc[code]
        if entry["match"] == "not_a_place":
            if eligible:
                raise SourceError(
                    crosswalk_path,
                    f"valdistrikt {code} ({year}) är markerat som ingen plats men har "
                    f"{eligible} röstberättigade",
                )
            not_places.append(
                (election, year, code, entry["valdistriktsnamn"], eligible, voters, entry["reason"])
            )
            continue
        if entry["regso"]:
            targets, weights = [entry["regso"]], np.array([1.0])
        else:
            part = by_delomrade.get(entry["delomrade"])
            if part is None:
                raise SourceError(
                    crosswalk_path, f"delområdet {entry['delomrade']!r} ligger inte i någon RegSO"
                )
            targets, weights = part["regso"].tolist(), part["share"].to_numpy()
        for regso, share, e, v in zip(
            targets,
            weights,
            split_counts(int(eligible), weights),
            split_counts(int(voters), weights),
            strict=True,
        ):
            rows.append((election, year, code, regso, float(share), int(e), int(v)))
    allocation = pd.DataFrame(rows, columns=list(ALLOCATION_COLUMNS))
    reported = pd.DataFrame(
        not_places,
        columns=[
            "election",
            "year",
            "valdistriktskod",
            "valdistriktsnamn",
            "eligible",
            "voters",
            "reason",
        ],
    )
    return allocation, reported


def turnout_values(
    allocation: pd.DataFrame, units: Iterable[str], indicators: Iterable[TurnoutIndicator]
) -> pd.DataFrame:
    """Turnout per RegSO in long form: value = 100 · Σ voters / Σ eligible, with the counts.

    Every RegSO of ``units`` gets a row for every indicator year; one that
    received no eligible voters has counts 0 and no value.
    """
    units = sorted(units)
    out = []
    for spec in indicators:
        for election in spec.elections:
            rows = allocation[allocation["election"] == election]
            sums = rows.groupby("regso")[["eligible", "voters"]].sum().reindex(units, fill_value=0)
            den = sums["eligible"].astype(float)
            num = sums["voters"].astype(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = (100.0 * num / den).where(den > 0)
            out.append(
                pd.DataFrame(
                    {
                        "unit": units,
                        "indicator": spec.indicator,
                        "year": ELECTIONS[election].year,
                        "sex": "total",
                        "value": value.to_numpy(),
                        "numerator": num.to_numpy(),
                        "denominator": den.to_numpy(),
                    }
                )
            )
    return pd.concat(out, ignore_index=True)


@dataclass(frozen=True)
class TurnoutData:
    """Everything ``prepare`` takes from the election files."""

    values: pd.DataFrame  # long form, RegSO
    allocation: pd.DataFrame  # ALLOCATION_COLUMNS, every election read
    not_places: pd.DataFrame  # rows that are not places, with their counts
    totals: pd.DataFrame  # per election: eligible and voters in the file, and allocated


def prepare_turnout(
    source: str | Path,
    crosswalk_path: str | Path,
    regso: gpd.GeoDataFrame,
    delomraden: gpd.GeoDataFrame,
    kommun: str = "1280",
) -> TurnoutData:
    """Read every election file, allocate its districts to RegSO and check nothing is lost.

    Raises
    ------
    SourceError
        If a file or the crosswalk is wrong (see :func:`allocate`), or if the
        allocated counts do not add up to the file's (a bug: never written).
    """
    from areaindex.sources.elections import read_districts

    crosswalk = read_crosswalk(crosswalk_path, delomraden["delomrade"], regso["regso"])
    shares = delomrade_shares(delomraden, regso)
    allocations, reports, totals = [], [], []
    elections = [e for spec in TURNOUT_INDICATORS for e in spec.elections] + list(CHECK_ONLY)
    for election in elections:
        districts = read_districts(source, election, kommun)
        allocation, not_places = allocate(
            districts, crosswalk, shares, crosswalk_path=crosswalk_path
        )
        file_counts = districts[["eligible", "voters"]].sum()
        placed = allocation[["eligible", "voters"]].sum()
        reported = not_places[["eligible", "voters"]].sum()
        for column in ("eligible", "voters"):
            if int(placed[column]) + int(reported[column]) != int(file_counts[column]):
                raise SourceError(
                    Path(source) / ELECTIONS[election].path,
                    f"{column}: {int(placed[column])} fördelade + {int(reported[column])} "
                    f"rapporterade ≠ {int(file_counts[column])} i filen",
                )
        allocations.append(allocation)
        reports.append(not_places)
        totals.append(
            {
                "election": election,
                "districts": districts["valdistriktskod"].nunique(),
                "eligible": int(file_counts["eligible"]),
                "voters": int(file_counts["voters"]),
                "eligible_allocated": int(placed["eligible"]),
                "voters_allocated": int(placed["voters"]),
            }
        )
    allocation = pd.concat(allocations, ignore_index=True)
    values = turnout_values(allocation, regso["regso"], TURNOUT_INDICATORS)
    return TurnoutData(
        values=values,
        allocation=allocation,
        not_places=pd.concat(reports, ignore_index=True),
        totals=pd.DataFrame(totals),
    )


def report_lines(data: TurnoutData) -> list[str]:
    """What ``prepare`` prints and keeps in the catalogue's meta: totals and rows left out."""
    lines = []
    for row in data.totals.itertuples(index=False):
        lines.append(
            f"{row.election}: {row.districts} valdistrikt, {row.eligible} röstberättigade och "
            f"{row.voters} röstande i filen; fördelade på RegSO: {row.eligible_allocated} "
            f"röstberättigade, {row.voters_allocated} röstande"
        )
    for row in data.not_places.itertuples(index=False):
        lines.append(
            f"{row.election}: {row.valdistriktskod} {row.valdistriktsnamn!r} är ingen plats, "
            f"ej fördelad: {row.eligible} röstberättigade, {row.voters} röstande"
        )
    return lines


def report_meta(data: TurnoutData) -> dict[str, str]:
    """The report as catalogue meta entries (kept in the database's meta table)."""
    meta = {}
    for row in data.totals.itertuples(index=False):
        meta[f"val:{row.election}"] = (
            f"{row.districts} valdistrikt; {row.eligible} röstberättigade, {row.voters} röstande "
            f"i filen; {row.eligible_allocated} röstberättigade, {row.voters_allocated} "
            "röstande fördelade på RegSO"
        )
    left = data.not_places.groupby("election")[["eligible", "voters"]].sum()
    for election, row in left.iterrows():
        codes = sorted(
            set(data.not_places.loc[data.not_places["election"] == election, "valdistriktskod"])
        )
        # "codes; eligible; voters": read back by areaindex.views.turnout_view.not_placed.
        meta[f"{NOT_PLACED_META}{election}"] = (
            f"{' '.join(codes)}; {int(row['eligible'])}; {int(row['voters'])}"
        )
    return meta
