"""Tests for areaindex.store.catalogue: TOML round trip, messages naming entry and key."""

from __future__ import annotations

import dataclasses

import pytest

from areaindex.data_errors import SourceError
from areaindex.store.catalogue import (
    Catalogue,
    Dimension,
    Indicator,
    catalogue_to_toml,
    load_catalogue,
    merge,
    validate,
)

DIM = Dimension("ekonomi", "Ekonomi", "Economy", "Inkomster.", "Incomes.", "Stadskontoret")
RATIO = Indicator(
    id="share_rented",
    name_sv="Andel hyresrätter",
    name_en="Share rented",
    definition_sv="Andel.",
    definition_en="Share.",
    dimension="ekonomi",
    direction="higher_is_need",
    unit="%",
    source="SCB",
    years=(2020, 2023),
    status="official",
    kind="outcome",
    aggregation="ratio",
    scale=100.0,
    sexes=("total", "women", "men"),
    note_sv='Anteckning med "citat" och radbrytning\nandra raden',
)
MEAN = dataclasses.replace(
    RATIO,
    id="mean_income",
    aggregation="weighted_mean",
    weight_basis="Folkmängd",
    scale=1.0,
    sexes=("total",),
    decimals=2,
    status="illustrative",
)
CONTEXT = dataclasses.replace(
    RATIO, id="population", dimension="context", direction="none", aggregation="sum", kind="context"
)
SMALL = Catalogue((DIM,), (RATIO, MEAN, CONTEXT), {"illustrative_seed": "7"})


def load_text(tmp_path, text: str) -> Catalogue:
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    return load_catalogue(path)


def test_round_trip_small(tmp_path):
    text = catalogue_to_toml(SMALL, header="Rad ett\n\nRad tre")
    assert text.startswith("# Rad ett\n#\n# Rad tre\n\n")
    assert load_text(tmp_path, text) == SMALL


def test_round_trip_committed_catalogue(tmp_path, repo_root):
    committed = load_catalogue(repo_root / "data" / "catalogue.toml")
    again = load_text(tmp_path, catalogue_to_toml(committed))
    assert again == committed
    assert isinstance(again.indicators[0].years, tuple)
    assert isinstance(again.indicators[0].sexes, tuple)


def test_committed_catalogue_is_what_prepare_writes(repo_root):
    from areaindex.sources.prepare import catalogue

    committed = load_catalogue(repo_root / "data" / "catalogue.toml")
    defined = catalogue()
    assert committed.dimensions == defined.dimensions
    assert committed.indicators == defined.indicators
    # Meta also carries the SHA-256 of every raw file used and the election counts
    # (what was allocated, what was left out), both computed from the raw files.
    from_raw = ("sha256:", "val:", "val_ej_fordelade:")
    assert {k: v for k, v in committed.meta.items() if not k.startswith(from_raw)} == dict(
        defined.meta
    )
    # 13 files before, plus Valmyndigheten's four election tables.
    assert sum(k.startswith("sha256:") for k in committed.meta) == 17
    assert sum(k.startswith("val:") for k in committed.meta) == 4


def with_indicator(indicator: Indicator) -> Catalogue:
    return Catalogue((DIM,), (RATIO, indicator))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"direction": "up"}, "indicators.mean_income.direction: ogiltigt värde 'up'"),
        ({"dimension": "halsa"}, "indicators.mean_income.dimension: ogiltigt värde 'halsa'"),
        ({"status": "modelled"}, "indicators.mean_income.status"),
        ({"kind": "input"}, "indicators.mean_income.kind"),
        ({"aggregation": "mean"}, "indicators.mean_income.aggregation"),
        ({"sexes": ("women", "men")}, "indicators.mean_income.sexes"),
        ({"sexes": ("total", "other")}, "indicators.mean_income.sexes"),
        ({"years": ()}, "indicators.mean_income.years"),
        ({"weight_basis": ""}, "indicators.mean_income.weight_basis: vikt saknas"),
        (
            {"aggregation": "weighted_median", "weight_basis": ""},
            "indicators.mean_income.weight_basis",
        ),
        ({"direction": "none"}, "indicators.mean_income.direction: en indexindikator måste ha"),
    ],
)
def test_validation_names_entry_and_key(change, where):
    with pytest.raises(SourceError) as caught:
        validate(with_indicator(dataclasses.replace(MEAN, **change)), "cat.toml")
    assert str(caught.value).startswith("cat.toml: ")
    assert where in str(caught.value)


def test_context_and_reference_need_no_direction():
    validate(
        Catalogue((DIM,), (CONTEXT, dataclasses.replace(CONTEXT, id="typ", dimension="reference")))
    )


def test_duplicate_ids_are_refused():
    with pytest.raises(SourceError, match=r"indicators\.share_rented: id förekommer två gånger"):
        validate(Catalogue((DIM,), (RATIO, MEAN, RATIO)))
    with pytest.raises(SourceError, match="dubbla dimensions-id"):
        validate(Catalogue((DIM, DIM), (RATIO,)))


def test_duplicate_entry_in_toml_is_refused(tmp_path):
    text = catalogue_to_toml(SMALL)
    entry = text[text.index("[indicators.population]") :]
    with pytest.raises(SourceError, match="ogiltig TOML") as caught:
        load_text(tmp_path, text + "\n" + entry)
    assert caught.value.path == tmp_path / "catalogue.toml"


def test_invalid_values_in_the_file_name_file_entry_and_key(tmp_path):
    text = catalogue_to_toml(SMALL).replace(
        'direction = "higher_is_need"', 'direction = "higher"', 1
    )
    with pytest.raises(SourceError) as caught:
        load_text(tmp_path, text)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "catalogue.toml"))
    assert "indicators.share_rented.direction: ogiltigt värde 'higher'" in message


def test_unknown_and_missing_keys_name_the_entry(tmp_path):
    text = catalogue_to_toml(SMALL)
    unknown = text.replace('unit = "%"', 'unit = "%"\nenhet = "procent"', 1)
    with pytest.raises(SourceError, match=r"indicators.share_rented: okända nycklar \['enhet'\]"):
        load_text(tmp_path, unknown)
    missing = text.replace('source = "SCB"\n', "", 1)
    with pytest.raises(SourceError, match=r"indicators\.share_rented: .*source"):
        load_text(tmp_path, missing)


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(SourceError, match="filen saknas"):
        load_catalogue(tmp_path / "nope.toml")
    with pytest.raises(SourceError, match="ogiltig TOML"):
        load_text(tmp_path, "[indicators.x\n")


def test_approximate_at():
    assert not RATIO.approximate_at("omraden")
    assert not CONTEXT.approximate_at("kommun")
    assert not MEAN.approximate_at("regso")
    assert MEAN.approximate_at("omraden")
    assert MEAN.approximate_at("kommun")
    median = dataclasses.replace(MEAN, aggregation="weighted_median")
    assert median.approximate_at("regso")  # DeSO medians averaged to RegSO already
    assert median.approximate_at("stadsdelar")


def test_lookups_and_merge():
    assert SMALL.indicator("mean_income") is MEAN
    assert SMALL.dimension("ekonomi") is DIM
    assert SMALL.ids == ("share_rented", "mean_income", "population")
    assert SMALL.in_dimension("ekonomi") == (RATIO, MEAN)
    with pytest.raises(KeyError):
        SMALL.indicator("nope")
    assert MEAN.illustrative and not RATIO.illustrative
    assert RATIO.name("en") == "Share rented" and RATIO.name() == "Andel hyresrätter"
    merged = merge([Catalogue((DIM,), (RATIO,)), Catalogue((DIM,), (MEAN,))], meta={"k": "v"})
    assert merged == Catalogue((DIM,), (RATIO, MEAN), {"k": "v"})
