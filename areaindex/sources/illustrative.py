"""Illustrative indicators for the dimensions the city has no public data for.

The committees asked for participation, health, trust, safety and children's
conditions, but no open data on them exist per RegSO. So that the whole method
can be tried, this module generates **illustrative** values from a documented,
seeded model. They are not statistics: the catalogue marks them
``status = "illustrative"`` and the app labels them wherever they appear.

The model (also described in ``data/ILLUSTRATIVE.md``):

1. A latent need score per RegSO, ``z``: the mean of the standardised official
   indicators mean wage income (negated), share with compulsory schooling only
   and share with 3+ years of post-secondary education (negated), 2022.
2. For indicator *i*, year *t* and sex *s*, the expected share is
   ``lo + (hi − lo) · logistic(loading · z + trend · (t − 2023) + sex_gap_s + ε)``
   with ``ε ~ Normal(0, noise)`` drawn once per RegSO (persistent local character)
   plus a small yearly ``Normal(0, noise / 3)``.
3. Counts: the denominator is a share of the RegSO's real population (split
   evenly by sex); the numerator is drawn ``Binomial(denominator, share)``. The
   total is the sum of women and men, so every value aggregates from counts.

Everything is drawn from one ``numpy.random.Generator(PCG64(seed))`` in a fixed
order, so the same seed always gives the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from areaindex.store.catalogue import Indicator

SEED = 20231207  # the date of the labour-market and social committee's decision
YEARS = (2020, 2021, 2022, 2023)
ILLUSTRATIVE_SOURCE = (
    "Illustrativa värden från en seedad modell i Områdesindex (areaindex/sources/illustrative.py, "
    f"seed {SEED}); inte statistik"
)


@dataclass(frozen=True)
class ModelSpec:
    """How one illustrative indicator is generated (see the module docstring)."""

    lo: float
    hi: float
    loading: float
    noise: float
    sex_gap: float  # on the logit scale: women +gap/2, men −gap/2
    trend: float  # on the logit scale per year
    population_share: float  # denominator as a share of the population
    years: tuple[int, ...] = YEARS
    by_sex: bool = True
    share: bool = True  # False: an index value (CNI), weighted mean by population


def _indicator(
    id: str,
    name_sv: str,
    name_en: str,
    definition_sv: str,
    definition_en: str,
    dimension: str,
    direction: str,
    real_source: str,
    spec: ModelSpec,
    kind: str = "outcome",
    unit: str = "%",
) -> tuple[Indicator, ModelSpec]:
    indicator = Indicator(
        id=id,
        name_sv=name_sv,
        name_en=name_en,
        definition_sv=definition_sv,
        definition_en=definition_en,
        dimension=dimension,
        direction=direction,
        unit=unit,
        source=ILLUSTRATIVE_SOURCE,
        years=spec.years,
        status="illustrative",
        kind=kind,
        aggregation="ratio" if spec.share else "weighted_mean",
        scale=100.0 if spec.share else 1.0,
        decimals=1 if spec.share else 2,
        sexes=("total", "women", "men") if spec.by_sex else ("total",),
        licence="Illustrativa värden, ej statistik",
        note_sv=f"Verklig källa när staden levererar data: {real_source}.",
        note_en=f"Real source once the city supplies data: {real_source}.",
        weight_basis="" if spec.share else "Folkmängd samma år (illustrativt)",
    )
    return indicator, spec


_DEFINITIONS: tuple[tuple[Indicator, ModelSpec], ...] = (
    _indicator(
        "association_participation",
        "Deltagande i föreningsliv",
        "Participation in associations",
        "Andel vuxna 18–84 år som deltagit i någon förenings verksamhet senaste året.",
        "Share of adults aged 18–84 who took part in an association's activities in the past year.",
        "delaktighet",
        "lower_is_need",
        "Region Skånes folkhälsoenkät",
        ModelSpec(30, 70, -1.0, 0.35, -0.1, 0.03, 0.7),
    ),
    _indicator(
        "poor_self_rated_health",
        "Dålig självskattad hälsa",
        "Poor self-rated health",
        "Andel vuxna 18–84 år som bedömer sin hälsa som dålig eller mycket dålig.",
        "Share of adults aged 18–84 rating their health as poor or very poor.",
        "halsa",
        "higher_is_need",
        "Region Skånes folkhälsoenkät",
        ModelSpec(4, 20, 1.1, 0.3, 0.2, 0.02, 0.7),
    ),
    _indicator(
        "low_mental_wellbeing",
        "Nedsatt psykiskt välbefinnande",
        "Reduced mental well-being",
        "Andel vuxna 18–84 år med nedsatt psykiskt välbefinnande (GHQ-12).",
        "Share of adults aged 18–84 with reduced mental well-being (GHQ-12).",
        "halsa",
        "higher_is_need",
        "Region Skånes folkhälsoenkät",
        ModelSpec(12, 30, 0.7, 0.3, 0.35, 0.04, 0.7),
    ),
    _indicator(
        "physical_inactivity",
        "Stillasittande fritid",
        "Sedentary leisure time",
        "Andel vuxna 18–84 år med stillasittande fritid.",
        "Share of adults aged 18–84 with sedentary leisure time.",
        "halsa",
        "higher_is_need",
        "Region Skånes folkhälsoenkät",
        ModelSpec(8, 30, 1.0, 0.3, 0.1, 0.0, 0.7),
    ),
    _indicator(
        "care_need_index",
        "Care Need Index (CNI)",
        "Care Need Index (CNI)",
        "Vårdbehovsindex från socioekonomiska faktorer som ökar risken för ohälsa; "
        "1,0 = riksgenomsnittet.",
        "Care need index from socio-economic factors that raise the risk of ill health; "
        "1.0 = national average.",
        "halsa",
        "higher_is_need",
        "Region Skåne (CNI per område), beräknat från SCB-registerdata",
        ModelSpec(0.5, 2.6, 1.6, 0.2, 0.0, 0.0, 1.0, by_sex=False, share=False),
        unit="index",
    ),
    _indicator(
        "low_social_trust",
        "Låg tillit till andra",
        "Low trust in others",
        "Andel vuxna 18–84 år som anser att man i allmänhet inte kan lita på andra människor.",
        "Share of adults aged 18–84 who think that people in general cannot be trusted.",
        "tillit",
        "higher_is_need",
        "Region Skånes folkhälsoenkät",
        ModelSpec(15, 50, 1.2, 0.3, 0.0, 0.02, 0.7),
    ),
    _indicator(
        "feel_unsafe_outdoors",
        "Otrygghet ute på kvällen",
        "Feeling unsafe outdoors at night",
        "Andel vuxna 18–84 år som avstår från att gå ut ensamma på kvällen av rädsla.",
        "Share of adults aged 18–84 who refrain from going out alone at night out of fear.",
        "trygghet",
        "higher_is_need",
        "Polisens och Malmö stads trygghetsmätning; Region Skånes folkhälsoenkät",
        ModelSpec(10, 45, 1.1, 0.3, 0.9, -0.03, 0.7),
    ),
    _indicator(
        "preschool_enrolment",
        "Inskrivna i förskola",
        "Enrolled in preschool",
        "Andel barn 1–5 år som är inskrivna i förskola.",
        "Share of children aged 1–5 enrolled in preschool.",
        "barn_unga",
        "lower_is_need",
        "Malmö stad, förskoleförvaltningen; Skolverket",
        ModelSpec(72, 97, -1.2, 0.3, 0.0, 0.05, 0.06),
        kind="operational",
    ),
    _indicator(
        "child_poverty",
        "Barnfattigdom",
        "Child poverty",
        "Andel barn 0–17 år i hushåll med låg ekonomisk standard.",
        "Share of children aged 0–17 in households with low economic standard.",
        "barn_unga",
        "higher_is_need",
        "SCB (låg ekonomisk standard, barn); Rädda Barnen",
        ModelSpec(3, 45, 1.8, 0.25, 0.0, -0.04, 0.2),
    ),
    _indicator(
        "youth_social_participation",
        "Socialt deltagande bland unga",
        "Social participation among young people",
        "Andel elever i årskurs 9 som deltar i organiserad fritidsaktivitet minst en gång i "
        "veckan.",
        "Share of pupils in year 9 who take part in an organised leisure activity at least weekly.",
        "barn_unga",
        "lower_is_need",
        "Malmö stads elevenkät, CTC-enkäten, Ung Livsstil",
        ModelSpec(35, 75, -1.1, 0.3, -0.3, 0.0, 0.012),
    ),
    _indicator(
        "meaningful_leisure",
        "Meningsfull fritid",
        "Meaningful leisure time",
        "Andel elever i årskurs 9 som upplever att de har en meningsfull fritid.",
        "Share of pupils in year 9 who feel their leisure time is meaningful.",
        "barn_unga",
        "lower_is_need",
        "Malmö stads elevenkät, CTC-enkäten, Ung Livsstil",
        ModelSpec(50, 85, -0.9, 0.3, -0.2, 0.0, 0.012),
    ),
)

# Indicators that official data have replaced. Their random numbers are still drawn,
# in their old place, and thrown away: the generator is one stream, so dropping the
# draws would shift every later indicator's values.
RETIRED: dict[str, ModelSpec] = {
    # Now official: Valmyndigheten's turnout per valdistrikt (areaindex/sources/turnout.py).
    "voter_turnout": ModelSpec(45, 90, -1.3, 0.3, 0.15, 0.0, 0.75, years=(2022,)),
}
ILLUSTRATIVE: tuple[Indicator, ...] = tuple(ind for ind, _ in _DEFINITIONS)
MODEL: dict[str, ModelSpec] = {ind.id: spec for ind, spec in _DEFINITIONS}
# The order in which the generator draws: retired ones first, where they were.
DRAW_ORDER: tuple[str, ...] = ("voter_turnout", *MODEL)


def latent_need(official: pd.DataFrame, year: int = 2022) -> pd.Series:
    """Standardised need score per RegSO from real indicators (mean 0 across RegSO).

    Parameters
    ----------
    official : pandas.DataFrame
        Official values in long form (RegSO level).
    year : int, default 2022
        The year all three inputs share.
    """
    total = official[(official["sex"] == "total") & (official["year"] == year)]
    wide = total.pivot(index="unit", columns="indicator", values="value")
    parts = [
        -wide["mean_wage_income"],
        wide["share_low_education"],
        -wide["share_higher_education"],
    ]
    z = [(p - p.mean()) / p.std(ddof=0) for p in parts]
    score = sum(z) / len(z)
    return (score - score.mean()) / score.std(ddof=0)


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def illustrative_values(official: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Generate every illustrative indicator per RegSO in long form.

    Parameters
    ----------
    official : pandas.DataFrame
        Official values (long form, RegSO), for the latent need score and the
        population that denominators are drawn from.
    seed : int, default :data:`SEED`
        Seed of the random generator.

    Returns
    -------
    pandas.DataFrame
        Columns ``unit, indicator, year, sex, value, numerator, denominator``.
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    z = latent_need(official)
    units = z.index.to_numpy()
    pop = official[(official["indicator"] == "population") & (official["sex"] == "total")]
    pop = pop.pivot(index="unit", columns="year", values="value").reindex(units)
    rows = []
    for indicator_id in DRAW_ORDER:
        spec = RETIRED.get(indicator_id) or MODEL[indicator_id]
        keep = indicator_id in MODEL
        local = rng.normal(0.0, spec.noise, size=len(units))
        for year in spec.years:
            yearly = rng.normal(0.0, spec.noise / 3, size=len(units))
            base = spec.loading * z.to_numpy() + spec.trend * (year - 2023) + local + yearly
            population = pop[year].to_numpy()
            if not spec.share:
                value = spec.lo + (spec.hi - spec.lo) * _logistic(base)
                if keep:
                    rows.append(_frame(units, indicator_id, year, "total", value, None, population))
                continue
            den = np.round(population * spec.population_share)
            den_w = np.floor(den / 2)
            counts = {}
            for sex, den_s, gap in (("women", den_w, 0.5), ("men", den - den_w, -0.5)):
                p = (spec.lo + (spec.hi - spec.lo) * _logistic(base + gap * spec.sex_gap)) / 100
                counts[sex] = (rng.binomial(den_s.astype(np.int64), p).astype(float), den_s)
            if not keep:
                continue
            num = counts["women"][0] + counts["men"][0]
            rows.append(_frame(units, indicator_id, year, "total", 100 * num / den, num, den))
            if spec.by_sex:
                for sex, (num_s, den_s) in counts.items():
                    rows.append(
                        _frame(units, indicator_id, year, sex, 100 * num_s / den_s, num_s, den_s)
                    )
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["indicator", "unit", "year", "sex"]).reset_index(drop=True)


def _frame(units, indicator_id, year, sex, value, numerator, denominator) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": units,
            "indicator": indicator_id,
            "year": year,
            "sex": sex,
            "value": value,
            "numerator": np.nan if numerator is None else numerator,
            "denominator": denominator,
        }
    )
