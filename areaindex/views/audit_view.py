"""The statistical audit as the page shows it: headline findings and translated tables.

Each table is kept twice: with numbers (for the CSV download, so a spreadsheet
gets numbers) and formatted for the reader's language (for the screen).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from areaindex.i18n import number, numbers, t
from areaindex.index.method import Method
from areaindex.rounding import round_half_up
from areaindex.views.audit import Audit

# The checks counted in the headline, in page order.
CHECKS = ("coverage", "outliers", "collinear", "against", "alpha", "weights")


@dataclass(frozen=True)
class AuditTable:
    """One table of the page: numeric ``frame`` (CSV) and how many decimals each column shows."""

    key: str
    frame: pd.DataFrame
    decimals: Mapping[str, int]
    pvalues: tuple[str, ...] = ()  # shown as "< 0,001" below 0.001

    def shown(self, lang: str = "sv") -> pd.DataFrame:
        """The table with its numbers formatted for ``lang`` (decimal comma in Swedish)."""
        out = self.frame.copy()
        for column, d in self.decimals.items():
            values = out[column].astype(float).to_numpy()
            text = numbers(values, d, lang)
            if column in self.pvalues:
                floor = f"< {number(10.0**-d, d, lang)}"
                text = [floor if v < 10.0**-d else s for v, s in zip(values, text, strict=True)]
            out[column] = text
        return out

    def for_csv(self) -> pd.DataFrame:
        """The numeric table, rounded as shown (half away from zero); whole numbers stay whole."""
        out = self.frame.copy()
        for column, d in self.decimals.items():
            if not pd.api.types.is_integer_dtype(out[column]):
                out[column] = round_half_up(out[column].to_numpy(dtype=float), d)
        return out


@dataclass(frozen=True)
class Finding:
    """One check's verdict for the headline list."""

    check: str
    ok: bool
    text: str


def indicator_labels(
    method: Method, lang: str = "sv", known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Indicator column -> display name: ``known`` first, then the method's title, else the id."""
    out = {}
    for dim in method.dimensions:
        for ind in dim.indicators:
            title = None if ind.title is None else (ind.title.en if lang == "en" else ind.title.sv)
            out[ind.column] = (known or {}).get(ind.column) or title or ind.column
    return out


def dimension_labels(method: Method, lang: str = "sv") -> dict[str, str]:
    """Dimension id -> display name from the method."""
    return {d.id: (d.title.en if lang == "en" else d.title.sv) for d in method.dimensions}


def _yes_no(values: Sequence[object], lang: str) -> list[str]:
    return [
        t("audit.none", lang)
        if v is None or (isinstance(v, float) and np.isnan(v))
        else t("audit.yes" if bool(v) else "audit.no", lang)
        for v in values
    ]


def _percent(value: float, lang: str, decimals: int = 0) -> str:
    return f"{number(100 * value, decimals, lang)} %"


def _names(ids: Sequence[str], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(i, i) for i in ids) if ids else t("audit.none")


# --------------------------------------------------------------------------- findings


def findings(
    audit: Audit,
    ind_labels: Mapping[str, str],
    dim_labels: Mapping[str, str],
    lang: str = "sv",
) -> list[Finding]:
    """One verdict per check, in the order of :data:`CHECKS`."""
    out: list[Finding] = []
    k = len(audit.indicators)
    cov = audit.indicator_coverage
    low = cov.index[cov["low"]].tolist()
    units_low = int(audit.unit_coverage["low"].sum())
    if low:
        listed = ", ".join(
            f"{ind_labels.get(c, c)} ({_percent(cov.at[c, 'share'], lang)})" for c in low
        )
        text = t("audit.find.coverage_low", lang, count=len(low), k=k, list=listed)
    else:
        text = t("audit.find.coverage_ok", lang, k=k)
    if units_low:
        text += t(
            "audit.find.units_low",
            lang,
            count=number(units_low, 0, lang),
            n=number(audit.n_units, 0, lang),
        )
    out.append(Finding("coverage", not low and not units_low, text))

    dist = audit.distribution
    flagged = dist.index[dist["outlier"]].tolist()
    if flagged:
        moved, most = rank_change_summary(audit.winsorised_ranks, "rank_after")
        out.append(
            Finding(
                "outliers",
                False,
                t(
                    "audit.find.outliers",
                    lang,
                    list=_names(flagged, ind_labels),
                    n=number(audit.n_units, 0, lang),
                    moved=number(moved, 0, lang),
                    most=number(most, 0, lang),
                ),
            )
        )
    else:
        out.append(Finding("outliers", True, t("audit.find.outliers_ok", lang)))

    pairs = audit.collinear_pairs
    defined = audit.correlations.notna().to_numpy()
    n_pairs = int(np.triu(defined, k=1).sum())
    if len(pairs):
        first = pairs.iloc[0]
        out.append(
            Finding(
                "collinear",
                False,
                t(
                    "audit.find.collinear",
                    lang,
                    count=number(len(pairs), 0, lang),
                    pairs=number(n_pairs, 0, lang),
                    a=ind_labels.get(first["a"], first["a"]),
                    b=ind_labels.get(first["b"], first["b"]),
                    r=number(first["r"], 2, lang),
                ),
            )
        )
    else:
        out.append(Finding("collinear", True, t("audit.find.collinear_ok", lang)))

    against = audit.against_dimension
    bad = against.index[against["against"]].tolist()
    out.append(
        Finding(
            "against",
            not bad,
            t("audit.find.against", lang, list=_names(bad, ind_labels))
            if bad
            else t("audit.find.against_ok", lang),
        )
    )

    cons = audit.consistency.dropna(subset=["alpha"])
    weak = cons.index[cons["alpha"] < 0.7].tolist()
    if cons.empty:
        out.append(Finding("alpha", True, t("audit.find.alpha_none", lang)))
    elif weak:
        out.append(
            Finding("alpha", False, t("audit.find.alpha_low", lang, list=_names(weak, dim_labels)))
        )
    else:
        out.append(Finding("alpha", True, t("audit.find.alpha_ok", lang)))

    eff = audit.effective_dimensions.dropna(subset=["effective"])
    if len(audit.dimensions) < 2:
        out.append(Finding("weights", True, t("audit.find.weights_single", lang)))
    elif eff.empty:
        out.append(Finding("weights", False, t("audit.find.weights_none", lang)))
    else:
        top, low_dim = eff["effective"].idxmax(), eff["effective"].idxmin()
        fields = {
            "top": dim_labels.get(top, top),
            "top_eff": _percent(eff.at[top, "effective"], lang),
            "top_nom": _percent(eff.at[top, "nominal"], lang),
            "low": dim_labels.get(low_dim, low_dim),
            "low_eff": _percent(eff.at[low_dim, "effective"], lang),
            "low_nom": _percent(eff.at[low_dim, "nominal"], lang),
        }
        dominant = bool(eff["dominant"].any())
        key = "audit.find.weights_dominant" if dominant else "audit.find.weights_ok"
        out.append(Finding("weights", not dominant, t(key, lang, **fields)))
    return out


# --------------------------------------------------------------------------- tables


def indicator_coverage_table(
    audit: Audit, ind_labels: Mapping[str, str], dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Coverage per indicator."""
    cov = audit.indicator_coverage
    c = {
        "dimension": t("audit.col.dimension", lang),
        "indicator": t("audit.col.indicator", lang),
        "coverage": t("audit.col.coverage", lang),
        "low": t("audit.col.low", lang),
    }
    frame = pd.DataFrame(
        {
            c["dimension"]: [dim_labels.get(d, d) for d in cov["dimension"]],
            c["indicator"]: [ind_labels.get(i, i) for i in cov.index],
            t("audit.col.units_with_value", lang): cov["n_present"].to_numpy(),
            t("audit.col.units", lang): cov["n_units"].to_numpy(),
            c["coverage"]: 100 * cov["share"].to_numpy(dtype=float),
            c["low"]: _yes_no(cov["low"].tolist(), lang),
        }
    )
    whole = (t("audit.col.units_with_value", lang), t("audit.col.units", lang))
    return AuditTable("coverage_indicators", frame, {c["coverage"]: 1, **dict.fromkeys(whole, 0)})


def unit_coverage_table(
    audit: Audit, unit_names: Mapping[str, str], dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Coverage of the units with a missing value, lowest first."""
    cov = audit.unit_coverage
    cov = cov[cov["n_present"] < cov["n_indicators"]]
    cov = cov.assign(_name=[unit_names.get(u, u) for u in cov.index]).sort_values(
        ["share", "_name"]
    )
    coverage = t("audit.col.coverage", lang)
    frame = pd.DataFrame(
        {
            t("audit.col.unit", lang): cov["_name"].to_numpy(),
            t("audit.col.indicators_with_value", lang): cov["n_present"].to_numpy(),
            coverage: 100 * cov["share"].to_numpy(dtype=float),
            t("audit.col.low", lang): _yes_no(cov["low"].tolist(), lang),
            t("audit.col.reweighted", lang): [_names(d, dim_labels) for d in cov["reweighted"]],
            t("audit.col.dropped", lang): [_names(d, dim_labels) for d in cov["dropped"]],
            t("audit.col.index_missing", lang): _yes_no(cov["index_missing"].tolist(), lang),
        }
    )
    return AuditTable(
        "coverage_units", frame, {coverage: 1, t("audit.col.indicators_with_value", lang): 0}
    )


def _rank_table(
    key: str,
    ranks: pd.DataFrame,
    after: str,
    after_label: str,
    unit_names: Mapping[str, str],
    lang: str,
) -> AuditTable:
    rows = ranks.assign(_name=[unit_names.get(u, u) for u in ranks.index])
    rows = rows.assign(_abs=rows["change"].abs()).sort_values(
        ["_abs", "rank", "_name"], ascending=[False, True, True], na_position="last"
    )
    frame = pd.DataFrame(
        {
            t("audit.col.unit", lang): rows["_name"].to_numpy(),
            t("audit.col.rank", lang): rows["rank"].astype("Int64").array,
            t(after_label, lang): rows[after].astype("Int64").array,
            t("audit.col.change", lang): rows["change"].astype("Int64").array,
        }
    )
    columns = ("audit.col.rank", after_label, "audit.col.change")
    return AuditTable(key, frame, {t(c, lang): 0 for c in columns})


def rank_change_summary(ranks: pd.DataFrame, after: str) -> tuple[int, int]:
    """How many units get another rank (or gain or lose one), and the largest move in places."""
    before = ranks["rank"].astype("Float64")
    later = ranks[after].astype("Float64")
    differs = (before != later).fillna(True) & ~(before.isna() & later.isna())
    moves = (later - before).abs().dropna()
    return int(differs.sum()), int(moves.max()) if len(moves) else 0


def missing_effect_table(
    audit: Audit, unit_names: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Incomplete units: rank under the method's rule and with mean imputation."""
    return _rank_table(
        "missing_effect",
        audit.missing_effect,
        "rank_imputed",
        "audit.col.rank_imputed",
        unit_names,
        lang,
    )


def winsorised_table(audit: Audit, unit_names: Mapping[str, str], lang: str = "sv") -> AuditTable:
    """Every unit's rank now and with the flagged indicators winsorised, largest change first."""
    return _rank_table(
        "winsorised_ranks",
        audit.winsorised_ranks,
        "rank_after",
        "audit.col.rank_winsorised",
        unit_names,
        lang,
    )


def distribution_table(
    audit: Audit, ind_labels: Mapping[str, str], dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Descriptive statistics, skewness, excess kurtosis and the outlier flag per indicator."""
    dist = audit.distribution
    col = {
        "mean": t("audit.col.mean", lang),
        "sd": t("audit.col.sd", lang),
        "min": t("audit.col.min", lang),
        "max": t("audit.col.max", lang),
        "skew": t("audit.col.skew", lang),
        "kurtosis": t("audit.col.kurtosis", lang),
        "skew_after": t("audit.col.skew_after", lang),
        "kurtosis_after": t("audit.col.kurtosis_after", lang),
    }
    frame = pd.DataFrame(
        {
            t("audit.col.dimension", lang): [dim_labels.get(d, d) for d in dist["dimension"]],
            t("audit.col.indicator", lang): [ind_labels.get(i, i) for i in dist.index],
            t("audit.col.n", lang): dist["n"].to_numpy(),
            **{col[k]: dist[k].to_numpy(dtype=float) for k in ("mean", "sd", "min", "max")},
            col["skew"]: dist["skew"].to_numpy(dtype=float),
            col["kurtosis"]: dist["kurtosis"].to_numpy(dtype=float),
            t("audit.col.outlier", lang): _yes_no(dist["outlier"].tolist(), lang),
            t("audit.col.winsorised", lang): dist["winsorised"].to_numpy(),
            col["skew_after"]: dist["skew_after"].to_numpy(dtype=float),
            col["kurtosis_after"]: dist["kurtosis_after"].to_numpy(dtype=float),
            t("audit.col.outlier_after", lang): _yes_no(dist["outlier_after"].tolist(), lang),
        }
    )
    whole = (t("audit.col.n", lang), t("audit.col.winsorised", lang))
    return AuditTable(
        "distribution", frame, {**dict.fromkeys(col.values(), 2), **dict.fromkeys(whole, 0)}
    )


def correlation_table(audit: Audit, ind_labels: Mapping[str, str], lang: str = "sv") -> AuditTable:
    """The correlation matrix with indicator names as row and column headings."""
    corr = audit.correlations
    names = [ind_labels.get(c, c) for c in corr.columns]
    frame = pd.DataFrame(corr.to_numpy(dtype=float), columns=names)
    frame.insert(0, t("audit.col.indicator", lang), names)
    return AuditTable("correlations", frame, dict.fromkeys(names, 2))


def pairs_table(audit: Audit, ind_labels: Mapping[str, str], lang: str = "sv") -> AuditTable:
    """Indicator pairs with |r| above the threshold, strongest first."""
    pairs = audit.collinear_pairs
    r = t("audit.col.r", lang)
    frame = pd.DataFrame(
        {
            t("audit.col.a", lang): [ind_labels.get(i, i) for i in pairs["a"]],
            t("audit.col.b", lang): [ind_labels.get(i, i) for i in pairs["b"]],
            r: pairs["r"].to_numpy(dtype=float),
            t("audit.col.same_dimension", lang): _yes_no(pairs["same_dimension"].tolist(), lang),
        }
    )
    return AuditTable("collinear_pairs", frame, {r: 2})


def against_table(
    audit: Audit, ind_labels: Mapping[str, str], dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Each indicator's correlation with its dimension and the index, and the flag."""
    a = audit.against_dimension
    cols = {
        "r_dimension": t("audit.col.r_dimension", lang),
        "p_dimension": t("audit.col.p_dimension", lang),
        "r_index": t("audit.col.r_index", lang),
    }
    frame = pd.DataFrame(
        {
            t("audit.col.dimension", lang): [dim_labels.get(d, d) for d in a["dimension"]],
            t("audit.col.indicator", lang): [ind_labels.get(i, i) for i in a.index],
            cols["r_dimension"]: a["r_dimension"].to_numpy(dtype=float),
            cols["p_dimension"]: a["p_dimension"].to_numpy(dtype=float),
            cols["r_index"]: a["r_index"].to_numpy(dtype=float),
            t("audit.col.against", lang): _yes_no(a["against"].tolist(), lang),
            t("audit.col.alone", lang): _yes_no(a["alone"].tolist(), lang),
        }
    )
    return AuditTable(
        "indicator_vs_dimension",
        frame,
        {cols["r_dimension"]: 2, cols["p_dimension"]: 3, cols["r_index"]: 2},
        pvalues=(cols["p_dimension"],),
    )


def consistency_table(audit: Audit, dim_labels: Mapping[str, str], lang: str = "sv") -> AuditTable:
    """Cronbach's alpha and the first principal component per dimension."""
    c = audit.consistency
    cols = {
        "alpha": t("audit.col.alpha", lang),
        "eigenvalue": t("audit.col.eigenvalue", lang),
        "pc1_share": t("audit.col.pc1_share", lang),
    }
    frame = pd.DataFrame(
        {
            t("audit.col.dimension", lang): [dim_labels.get(d, d) for d in c.index],
            t("audit.col.k", lang): c["k"].to_numpy(),
            t("audit.col.complete", lang): c["n"].to_numpy(),
            cols["alpha"]: c["alpha"].to_numpy(dtype=float),
            t("audit.col.alpha_ok", lang): _yes_no(c["alpha_ok"].tolist(), lang),
            cols["eigenvalue"]: c["eigenvalue"].to_numpy(dtype=float),
            cols["pc1_share"]: 100 * c["pc1_share"].to_numpy(dtype=float),
            t("audit.col.pc1_ok", lang): _yes_no(c["pc1_ok"].tolist(), lang),
        }
    )
    return AuditTable(
        "consistency",
        frame,
        {
            cols["alpha"]: 2,
            cols["eigenvalue"]: 2,
            cols["pc1_share"]: 1,
            t("audit.col.k", lang): 0,
            t("audit.col.complete", lang): 0,
        },
    )


def effective_dimension_table(
    audit: Audit, dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Nominal and effective weight per dimension."""
    e = audit.effective_dimensions
    cols = {
        "nominal": t("audit.col.nominal", lang),
        "r": t("audit.col.r", lang),
        "r2": t("audit.col.r2", lang),
        "effective": t("audit.col.effective", lang),
    }
    frame = pd.DataFrame(
        {
            t("audit.col.dimension", lang): [dim_labels.get(d, d) for d in e.index],
            cols["nominal"]: 100 * e["nominal"].to_numpy(dtype=float),
            cols["r"]: e["r"].to_numpy(dtype=float),
            cols["r2"]: e["r2"].to_numpy(dtype=float),
            cols["effective"]: 100 * e["effective"].to_numpy(dtype=float),
            t("audit.col.dominant", lang): _yes_no(e["dominant"].tolist(), lang),
        }
    )
    return AuditTable(
        "effective_dimensions",
        frame,
        {cols["nominal"]: 1, cols["r"]: 2, cols["r2"]: 2, cols["effective"]: 1},
    )


def effective_indicator_table(
    audit: Audit, ind_labels: Mapping[str, str], dim_labels: Mapping[str, str], lang: str = "sv"
) -> AuditTable:
    """Nominal and effective weight per indicator."""
    e = audit.effective_indicators
    dims = audit.against_dimension["dimension"].reindex(e.index)
    cols = {
        "nominal": t("audit.col.nominal", lang),
        "r": t("audit.col.r", lang),
        "r2": t("audit.col.r2", lang),
        "effective": t("audit.col.effective", lang),
    }
    frame = pd.DataFrame(
        {
            t("audit.col.dimension", lang): [dim_labels.get(d, d) for d in dims],
            t("audit.col.indicator", lang): [ind_labels.get(i, i) for i in e.index],
            cols["nominal"]: 100 * e["nominal"].to_numpy(dtype=float),
            cols["r"]: e["r"].to_numpy(dtype=float),
            cols["r2"]: e["r2"].to_numpy(dtype=float),
            cols["effective"]: 100 * e["effective"].to_numpy(dtype=float),
        }
    )
    return AuditTable(
        "effective_indicators",
        frame,
        {cols["nominal"]: 1, cols["r"]: 2, cols["r2"]: 2, cols["effective"]: 1},
    )
