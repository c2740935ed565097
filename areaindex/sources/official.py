"""Official indicators from SCB's open data, computed per RegSO from the raw exports.

Each indicator is defined here once — its catalogue entry next to the code that
computes it — and ``prepare`` writes both the values (long form) and the
catalogue. Every value is kept with its numerator and denominator so that larger
areas are aggregated from counts, never by averaging percentages.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.data_errors import SourceError
from areaindex.sources.regso import current_name, label_codes, name_key
from areaindex.sources.scb import read_deso_table, read_scb_csv, to_number, year_columns
from areaindex.store.catalogue import Indicator

SCB = "SCB (Statistiska centralbyrån), öppna data, CC0"
RAW_FILES = {
    "foreign_born": "scb/regso_stats_2020_2023/regso_foreign_born_2020_2023.csv",
    "wage_income": "scb/regso_stats_2020_2023/regso_mean_wage_income_2020_2023.csv",
    "tenure": "scb/regso_stats_2020_2023/regso_housing_tenure_2020_2023.csv",
    "area_type": "scb/regso_omradestyp_2022/regso_socioekonomisk_index_2022.csv",
    "deso_regso": "scb/crosswalks/koppling-deso2018-regso2020.csv",
    "deso_age": "scb/deso2018_stats_2022/age_demographics_deso.csv",
    "deso_education": "scb/deso2018_stats_2022/education_demographics_deso.csv",
    "deso_income": "scb/deso2018_stats_2022/income_demographics_deso.csv",
    "deso_households": "scb/deso2018_stats_2022/households_demographics_deso.csv",
}

YEARS_RECENT = (2020, 2021, 2022, 2023)

OFFICIAL: tuple[Indicator, ...] = (
    Indicator(
        id="mean_wage_income",
        name_sv="Medellöneinkomst",
        name_en="Mean wage income",
        definition_sv="Medelvärde av löneinkomst för samtliga folkbokförda (även de utan "
        "löneinkomst), tusen kronor per person och år.",
        definition_en="Mean wage income over all registered residents (including those "
        "without wage income), thousand SEK per person and year.",
        dimension="ekonomi",
        direction="lower_is_need",
        unit="tkr",
        source=f"{SCB}; tabell HE0110I/Tab2InkDesoN (RegSO)",
        years=YEARS_RECENT,
        status="official",
        kind="outcome",
        aggregation="weighted_mean",
        decimals=1,
        weight_basis="Folkmängd 31 dec samma år (befolkningsviktat medelvärde)",
        note_sv="För större områden än RegSO är värdet ett befolkningsviktat medelvärde av "
        "RegSO-medelvärdena (ungefärligt).",
        note_en="Above RegSO the value is a population-weighted mean of RegSO means (approximate).",
    ),
    Indicator(
        id="median_income",
        name_sv="Medianinkomst, 20 år och äldre",
        name_en="Median income, aged 20+",
        definition_sv="Medianinkomst (troligen sammanräknad förvärvsinkomst) för personer 20 år "
        "och äldre, tusen kronor, inkomstår 2022, fasta priser.",
        definition_en="Median income (most likely total earned income) of persons aged 20+, "
        "thousand SEK, income year 2022, fixed prices.",
        dimension="ekonomi",
        direction="lower_is_need",
        unit="tkr",
        source=f"{SCB}; DeSO-tabell inkomst 2022, summerad DeSO → RegSO",
        years=(2022,),
        status="official",
        kind="outcome",
        aggregation="weighted_median",
        decimals=1,
        source_geography="DeSO",
        weight_basis="Antal personer 20 år och äldre i inkomsttabellen",
        note_sv="Medianer går inte att summera: värdet för RegSO och större områden är ett "
        "medelvärde av DeSO-medianer viktat med antal personer (ungefärligt).",
        note_en="Medians do not add up: values for RegSO and larger areas are person-weighted "
        "means of DeSO medians (approximate).",
    ),
    Indicator(
        id="share_low_education",
        name_sv="Andel med högst förgymnasial utbildning",
        name_en="Share with at most compulsory schooling",
        definition_sv="Andel av befolkningen i utbildningstabellen (troligen 25–64 år) vars högsta "
        "utbildning är förgymnasial. Nämnare: alla utbildningsnivåer inklusive uppgift saknas.",
        definition_en="Share of the population in the education table (probably aged 25–64) "
        "whose highest education is compulsory school. Denominator: all levels including "
        "unknown.",
        dimension="utbildning",
        direction="higher_is_need",
        unit="%",
        source=f"{SCB}; DeSO-tabell utbildningsnivå 2022, summerad DeSO → RegSO",
        years=(2022,),
        status="official",
        kind="outcome",
        aggregation="ratio",
        scale=100.0,
        source_geography="DeSO",
    ),
    Indicator(
        id="share_higher_education",
        name_sv="Andel med eftergymnasial utbildning 3 år eller mer",
        name_en="Share with 3+ years of post-secondary education",
        definition_sv="Andel av befolkningen i utbildningstabellen (troligen 25–64 år) med "
        "eftergymnasial utbildning om minst tre år. Nämnare: alla utbildningsnivåer inklusive "
        "uppgift saknas.",
        definition_en="Share of the population in the education table (probably aged 25–64) "
        "with at least three years of post-secondary education. Denominator: all levels "
        "including unknown.",
        dimension="utbildning",
        direction="lower_is_need",
        unit="%",
        source=f"{SCB}; DeSO-tabell utbildningsnivå 2022, summerad DeSO → RegSO",
        years=(2022,),
        status="official",
        kind="outcome",
        aggregation="ratio",
        scale=100.0,
        source_geography="DeSO",
    ),
    Indicator(
        id="share_rented",
        name_sv="Andel hyresrätter",
        name_en="Share of rented dwellings",
        definition_sv="Andel lägenheter som är hyresrätter av lägenheter med känd "
        "upplåtelseform (hyresrätt, bostadsrätt, äganderätt), 31 dec.",
        definition_en="Share of dwellings that are rented among dwellings with known tenure "
        "(rental, tenant-owned, owner-occupied), 31 Dec.",
        dimension="boende",
        direction="higher_is_need",
        unit="%",
        source=f"{SCB}; tabell BO0104X/BO0104T10N (RegSO)",
        years=YEARS_RECENT,
        status="official",
        kind="outcome",
        aggregation="ratio",
        scale=100.0,
    ),
    Indicator(
        id="persons_per_household",
        name_sv="Personer per hushåll",
        name_en="Persons per household",
        definition_sv="Folkmängd delat med antal hushåll, 2022. Ett indirekt mått på "
        "trångboddhet: stora hushåll i små lägenheter ger högt värde, men måttet känner inte "
        "till bostadens storlek.",
        definition_en="Population divided by the number of households, 2022. An indirect "
        "measure of crowding: it does not know the size of the dwelling.",
        dimension="boende",
        direction="higher_is_need",
        unit="personer/hushåll",
        source=f"{SCB}; DeSO-tabeller folkmängd och hushåll 2022, summerade DeSO → RegSO",
        years=(2022,),
        status="official",
        kind="outcome",
        aggregation="ratio",
        decimals=2,
        source_geography="DeSO",
    ),
    Indicator(
        id="population",
        name_sv="Folkmängd",
        name_en="Population",
        definition_sv="Antal folkbokförda personer 31 december.",
        definition_en="Registered population on 31 December.",
        dimension="context",
        direction="none",
        unit="personer",
        source=f"{SCB}; tabell BE0101Y/FolkmDesoLandKon (RegSO)",
        years=YEARS_RECENT,
        status="official",
        kind="context",
        aggregation="sum",
        decimals=0,
    ),
    Indicator(
        id="share_children",
        name_sv="Andel barn och unga 0–19 år",
        name_en="Share of children and young people aged 0–19",
        definition_sv="Andel av folkmängden som är 0–19 år, 2022 (SCB:s åldersgrupper medger "
        "inte 0–17 år).",
        definition_en="Share of the population aged 0–19, 2022 (SCB's age bands do not allow "
        "0–17).",
        dimension="context",
        direction="none",
        unit="%",
        source=f"{SCB}; DeSO-tabell ålder 2022, summerad DeSO → RegSO",
        years=(2022,),
        status="official",
        kind="context",
        aggregation="ratio",
        scale=100.0,
        source_geography="DeSO",
    ),
    Indicator(
        id="share_foreign_born",
        name_sv="Andel utrikes födda",
        name_en="Share born abroad",
        definition_sv="Andel av folkmängden som är född utomlands, 31 dec.",
        definition_en="Share of the population born outside Sweden, 31 Dec.",
        dimension="context",
        direction="none",
        unit="%",
        source=f"{SCB}; tabell BE0101Y/FolkmDesoLandKon (RegSO)",
        years=YEARS_RECENT,
        status="official",
        kind="context",
        aggregation="ratio",
        scale=100.0,
    ),
    Indicator(
        id="scb_area_type",
        name_sv="SCB:s socioekonomiska områdestyp",
        name_en="SCB socio-economic area type",
        definition_sv="SCB:s klassning av RegSO efter socioekonomiskt index: 1 = stora "
        "socioekonomiska utmaningar, 2 = socioekonomiska utmaningar, 3 = socioekonomiskt "
        "blandat, 4 = goda, 5 = mycket goda socioekonomiska förutsättningar.",
        definition_en="SCB's classification of RegSO by a socio-economic index: 1 = major "
        "socio-economic challenges, 2 = socio-economic challenges, 3 = mixed, 4 = good, "
        "5 = very good socio-economic conditions.",
        dimension="reference",
        direction="lower_is_need",
        unit="områdestyp 1–5",
        source=f"{SCB}; socioekonomiskt index och områdestyp per RegSO 2022 (ref. 000005QX)",
        years=(2022,),
        status="official",
        kind="reference",
        aggregation="categorical",
        decimals=0,
    ),
    Indicator(
        id="share_in_challenged_areas",
        name_sv="Andel som bor i område med socioekonomiska utmaningar",
        name_en="Share living in areas with socio-economic challenges",
        definition_sv="Andel av folkmängden 2022 som bor i RegSO av SCB:s områdestyp 1 eller 2 "
        "(stora socioekonomiska utmaningar eller socioekonomiska utmaningar).",
        definition_en="Share of the 2022 population living in RegSO of SCB area type 1 or 2 "
        "(major socio-economic challenges or socio-economic challenges).",
        dimension="reference",
        direction="higher_is_need",
        unit="%",
        source=f"{SCB}; områdestyp per RegSO 2022 och folkmängd 2022",
        years=(2022,),
        status="official",
        kind="reference",
        aggregation="ratio",
        scale=100.0,
    ),
)


def _long(
    unit: pd.Series,
    indicator: str,
    year: int,
    value: pd.Series,
    numerator: pd.Series | None = None,
    denominator: pd.Series | None = None,
    sex: str = "total",
) -> pd.DataFrame:
    nan = pd.Series(np.nan, index=value.index)
    return pd.DataFrame(
        {
            "unit": unit.values,
            "indicator": indicator,
            "year": year,
            "sex": sex,
            "value": value.values,
            "numerator": (nan if numerator is None else numerator).values,
            "denominator": (nan if denominator is None else denominator).values,
        }
    )


def _ratio(num: pd.Series, den: pd.Series, scale: float) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        return (scale * num / den).where(den > 0)


def _regso_table(
    path: Path, register: pd.DataFrame, kommun_codes: Mapping[str, str], required: tuple
) -> pd.DataFrame:
    """An SCB RegSO table restricted to the register, with a ``unit`` code column."""
    frame = read_scb_csv(path, required=("region", *required))
    frame["unit"] = label_codes(frame["region"], register, kommun_codes, path=path)
    return frame[frame["unit"].notna()].copy()


def population_values(
    path: Path, register: pd.DataFrame, kommun_codes: Mapping[str, str]
) -> pd.DataFrame:
    """Population and share born abroad per RegSO and year (BE0101Y)."""
    frame = _regso_table(path, register, kommun_codes, ("födelseregion", "kön"))
    years = year_columns(frame)
    out = []
    totals = frame[frame["födelseregion"].str.strip() == "totalt"].set_index("unit")
    sweden = frame[frame["födelseregion"].str.strip() == "Sverige"].set_index("unit")
    for column, year in years.items():
        total = to_number(totals[column], path, column=column)
        born_se = to_number(sweden[column], path, column=column).reindex(total.index)
        units = pd.Series(total.index, index=total.index)
        out.append(_long(units, "population", year, total))
        abroad = total - born_se
        out.append(
            _long(units, "share_foreign_born", year, _ratio(abroad, total, 100), abroad, total)
        )
    return pd.concat(out, ignore_index=True)


def wage_income_values(
    path: Path,
    register: pd.DataFrame,
    kommun_codes: Mapping[str, str],
    population: pd.DataFrame,
) -> pd.DataFrame:
    """Mean wage income per RegSO and year, weighted by that year's population."""
    frame = _regso_table(path, register, kommun_codes, ("inkomstkomponent", "kön")).set_index(
        "unit"
    )
    pop = population[population["indicator"] == "population"].set_index(["unit", "year"])
    out = []
    for column, year in year_columns(frame).items():
        value = to_number(frame[column], path, column=column)
        weight = pd.Series(
            [pop["value"].get((u, year), np.nan) for u in value.index], index=value.index
        )
        units = pd.Series(value.index, index=value.index)
        out.append(_long(units, "mean_wage_income", year, value, None, weight))
    return pd.concat(out, ignore_index=True)


def tenure_values(
    path: Path, register: pd.DataFrame, kommun_codes: Mapping[str, str]
) -> pd.DataFrame:
    """Share of rented dwellings among dwellings with known tenure, per year."""
    frame = _regso_table(path, register, kommun_codes, ("upplåtelseform",))
    out = []
    for column, year in year_columns(frame).items():
        # A missing count ("..") stays missing: pivot_table's sum would make it 0.
        counts = (
            frame.assign(n=to_number(frame[column], path, column=column))
            .groupby(["unit", "upplåtelseform"])["n"]
            .sum(min_count=1)
            .unstack()
        )
        counts.columns = [str(c).strip() for c in counts.columns]
        for needed in ("hyresrätt", "bostadsrätt", "äganderätt"):
            if needed not in counts.columns:
                raise SourceError(path, f"upplåtelseformen {needed!r} saknas")
        known = counts["hyresrätt"] + counts["bostadsrätt"] + counts["äganderätt"]
        units = pd.Series(counts.index, index=counts.index)
        rented = counts["hyresrätt"]
        out.append(_long(units, "share_rented", year, _ratio(rented, known, 100), rented, known))
    return pd.concat(out, ignore_index=True)


def deso_to_regso(crosswalk: Path, register: pd.DataFrame, *, strict: bool = True) -> pd.Series:
    """DeSO code -> 2025 RegSO code for the RegSO in the register (SCB's 2018 -> 2020 key).

    The key gives 2020 RegSO codes, but some municipalities swapped codes between
    names by 2025 (Perstorp, Munkfors, Lycksele, Jokkmokk), so the 2020 RegSO is
    matched to the map by its name within the municipality, not by its code.
    """
    frame = read_scb_csv(crosswalk, required=("Kommun", "DeSO_2018", "RegSO_2020"))
    lookup = {
        (kommun, name_key(name)): code
        for code, name, kommun in register[["regso", "name", "kommun"]].itertuples(index=False)
    }
    codes = {}
    for deso, kommun, name in zip(
        frame["DeSO_2018"].str.strip(),
        frame["Kommun"].str.strip().str.zfill(4),
        frame["RegSO_2020"].str.strip(),
        strict=True,
    ):
        current = current_name(kommun, name)
        code = lookup.get((kommun, name_key(current))) if current is not None else None
        if code is not None:
            codes[deso] = code
    key = pd.Series(codes, dtype=object)
    missing = set(register["regso"]) - set(key)
    if missing and strict:
        raise SourceError(crosswalk, f"RegSO utan DeSO i nyckeln: {sorted(missing)[:5]}")
    return key


def _deso_sums(path: Path, key: pd.Series, columns: tuple[str, ...]) -> pd.DataFrame:
    """Sum DeSO count columns to RegSO."""
    frame = read_deso_table(path, required=columns)
    frame = frame[frame.index.isin(key.index)]
    missing = set(key.index) - set(frame.index)
    if missing:
        raise SourceError(path, f"DeSO saknas i filen: {sorted(missing)[:5]}")
    numbers = pd.DataFrame({c: to_number(frame[c], path, column=c) for c in columns})
    return numbers.groupby(key.reindex(numbers.index).values).sum(min_count=1)


def deso_values(source: Path, key: pd.Series) -> pd.DataFrame:
    """Indicators from SCB's DeSO tables of 2022, summed to RegSO."""
    year = 2022
    out = []
    edu_cols = (
        "middle_school",
        "gymnasium",
        "post_gymnasium_less_than_3",
        "post_gymnasium_more_than_3",
        "education_missing",
    )
    edu = _deso_sums(source / RAW_FILES["deso_education"], key, edu_cols)
    units = pd.Series(edu.index, index=edu.index)
    everyone = edu[list(edu_cols)].sum(axis=1)
    low, high = edu["middle_school"], edu["post_gymnasium_more_than_3"]
    out.append(_long(units, "share_low_education", year, _ratio(low, everyone, 100), low, everyone))
    out.append(
        _long(units, "share_higher_education", year, _ratio(high, everyone, 100), high, everyone)
    )

    bands = ("0-4 år", "5-9 år", "10-14 år", "15-19 år")
    age = _deso_sums(source / RAW_FILES["deso_age"], key, ("total", *bands))
    units = pd.Series(age.index, index=age.index)
    young = age[list(bands)].sum(axis=1)
    out.append(
        _long(units, "share_children", year, _ratio(young, age["total"], 100), young, age["total"])
    )

    hh = _deso_sums(source / RAW_FILES["deso_households"], key, ("total_households",))
    hh = hh["total_households"].reindex(age.index)
    out.append(
        _long(units, "persons_per_household", year, _ratio(age["total"], hh, 1), age["total"], hh)
    )

    path = source / RAW_FILES["deso_income"]
    income = read_deso_table(path, required=("Median income tkr", "Antal personer totalt"))
    income = income[income.index.isin(key.index)]
    median = to_number(income["Median income tkr"], path, column="Median income tkr")
    persons = to_number(income["Antal personer totalt"], path, column="Antal personer totalt")
    regso = key.reindex(income.index).values
    weighted = (median * persons).groupby(regso).sum(min_count=1)
    weight = persons.where(median.notna()).groupby(regso).sum(min_count=1)
    units = pd.Series(weighted.index, index=weighted.index)
    out.append(_long(units, "median_income", year, weighted / weight, None, weight))
    return pd.concat(out, ignore_index=True)


def area_type_values(
    path: Path,
    register: pd.DataFrame,
    kommun_codes: Mapping[str, str],
    population: pd.DataFrame,
) -> pd.DataFrame:
    """SCB's area type 2022 and the share of people living in type 1–2 RegSO."""
    frame = _regso_table(path, register, kommun_codes, ("2022",)).set_index("unit")
    area_type = to_number(frame["2022"], path, column="2022")
    invalid = area_type.notna() & ~area_type.isin([1, 2, 3, 4, 5])
    if invalid.any():
        raise SourceError(path, f"områdestyp {area_type[invalid].iloc[0]} är inte 1–5")
    pop = population[(population["indicator"] == "population") & (population["year"] == 2022)]
    pop = pop.set_index("unit")["value"].reindex(area_type.index)
    challenged = pop.where(area_type <= 2, 0.0).where(area_type.notna())
    units = pd.Series(area_type.index, index=area_type.index)
    return pd.concat(
        [
            _long(units, "scb_area_type", 2022, area_type),
            _long(
                units,
                "share_in_challenged_areas",
                2022,
                _ratio(challenged, pop, 100),
                challenged,
                pop.where(area_type.notna()),
            ),
        ],
        ignore_index=True,
    )


def _require_units(path: Path, found: pd.Series, register: pd.DataFrame) -> None:
    missing = set(register["regso"]) - set(found)
    if missing:
        raise SourceError(path, f"RegSO saknas i filen: {', '.join(sorted(missing)[:5])}")


def official_values(
    source: str | Path,
    register: pd.DataFrame,
    kommun_codes: Mapping[str, str],
    *,
    strict: bool = True,
) -> pd.DataFrame:
    """Compute every official indicator per RegSO, in long form.

    Parameters
    ----------
    source : str or Path
        The raw data folder (``../shared/data``).
    register : pandas.DataFrame
        The RegSO to compute for (columns ``regso``, ``name``, ``kommun``).
    kommun_codes : mapping
        Municipality name -> code.
    strict : bool, default True
        Every RegSO of the register must be in every file (Malmö). All of
        Sweden is read with ``strict=False``: a RegSO new in the 2025 map has
        no 2020–2023 statistics and is simply left without values.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LONG_COLUMNS`, one row per RegSO, indicator, year and sex,
        sorted.

    Raises
    ------
    SourceError
        Naming the file, if a file is malformed or (``strict``) lacks a RegSO.
    """
    source = Path(source)
    population = population_values(source / RAW_FILES["foreign_born"], register, kommun_codes)
    key = deso_to_regso(source / RAW_FILES["deso_regso"], register, strict=strict)
    parts = {
        "foreign_born": population,
        "wage_income": wage_income_values(
            source / RAW_FILES["wage_income"], register, kommun_codes, population
        ),
        "tenure": tenure_values(source / RAW_FILES["tenure"], register, kommun_codes),
        "deso_education": deso_values(source, key),
        "area_type": area_type_values(
            source / RAW_FILES["area_type"], register, kommun_codes, population
        ),
    }
    if strict:
        for name, part in parts.items():
            _require_units(source / RAW_FILES[name], part["unit"], register)
    values = pd.concat(parts.values(), ignore_index=True)
    return values.sort_values(["indicator", "unit", "year", "sex"]).reset_index(drop=True)
