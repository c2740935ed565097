"""Tests for areaindex.index.method: parsing, validation, round-trip and derived methods."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areaindex.errors import MethodError
from areaindex.index.method import (
    Aggregation,
    Dimension,
    Indicator,
    Scaling,
    Text,
    load_method,
    method_to_toml,
    parse_method,
    weighted_method_toml,
)
from tests.expected import MALMO_DIMENSIONS

ROOT = Path(__file__).resolve().parents[1]
METHODS_DIR = ROOT / "methods"


def malmo_like_toml() -> str:
    """A method shaped like the Malmö ones: 8 dimensions, weights 0-10."""
    parts = [
        """
[method]
id = "malmo_test"
title = { sv = "Test", en = "Test" }
description = { sv = "Testmetod.", en = "Test method." }
source = "Stadskontoret"
id_column = "omrade"
missing_values = [-999, -99.5]

[normalisation]
method = "minmax"
range = [0, 100]
decimals = 4

[aggregation]
within = "mean"
across = "mean"
min_share = 0.5

[rescale]
index = { method = "percent_rank", decimals = 4 }

[flags]
threshold = 90
"""
    ]
    for d, dim in enumerate(MALMO_DIMENSIONS):
        parts.append(
            f"""
[[dimensions]]
id = "{dim}"
title = {{ sv = "{dim.capitalize()}", en = "{dim}" }}
weight = {d % 11}

  [[dimensions.indicators]]
  column = "{dim}_a"
  direction = "higher_is_need"

  [[dimensions.indicators]]
  column = "{dim}_b"
  direction = "lower_is_need"
  weight = 2.5
  title = "{dim} b"
"""
        )
    return "".join(parts)


MINIMAL = """
[method]
id = "m"
title = "T"
description = "D"
source = "S"
id_column = "id"

[normalisation]
method = "minmax"

[aggregation]
within = "mean"
across = "mean"

[[dimensions]]
id = "a"
title = "A"
weight = 1

  [[dimensions.indicators]]
  column = "x"
  direction = "higher_is_need"

[[dimensions]]
id = "b"
title = "B"
weight = 2

  [[dimensions.indicators]]
  column = "y"
  direction = "lower_is_need"
"""


def test_parse_malmo_like_method() -> None:
    method = parse_method(malmo_like_toml(), file="malmo_test.toml")
    assert method.dimension_ids == MALMO_DIMENSIONS
    assert method.weights["barn_unga"] == 7.0
    assert method.missing_values == (-999.0, -99.5)
    assert method.normalisation == Scaling("minmax", (0.0, 100.0), 4)
    assert method.aggregation == Aggregation("mean", "mean", 0.5, None)
    assert method.rescale_index == Scaling("percent_rank", (0.0, 100.0), 4)
    assert method.rescale_dimensions is None
    assert method.flag_threshold == 90.0
    ind = method.dimensions[2].indicators[1]
    assert ind == Indicator("ekonomi_b", "lower_is_need", 2.5, None, Text("ekonomi b", "ekonomi b"))
    assert len(method.indicator_columns) == 16
    assert method.file == "malmo_test.toml"


def test_defaults_of_minimal_method() -> None:
    method = parse_method(MINIMAL)
    assert method.title == Text("T", "T")
    assert method.aggregation.min_share == 1.0
    assert method.normalisation.range == (0.0, 100.0)
    assert method.dimensions[0].indicators[0].weight == 1.0
    assert method.flag_threshold is None
    assert method.missing_values == ()


def test_text_en_defaults_to_sv() -> None:
    method = parse_method(MINIMAL.replace('title = "A"', 'title = { sv = "Ålder" }'))
    assert method.dimensions[0].title == Text("Ålder", "Ålder")


@pytest.mark.parametrize("name", ["cdc_svi_2020.toml", "imd_2019.toml"])
def test_reference_methods_round_trip(name: str) -> None:
    method = load_method(METHODS_DIR / name)
    assert parse_method(method_to_toml(method)) == method


def test_round_trip_with_every_optional_part() -> None:
    method = parse_method(malmo_like_toml())
    method = method.with_goalposts(
        {col: (float(i), float(i) + 0.5) for i, col in enumerate(method.indicator_columns)}
    )
    method = replace(method, rescale_dimensions=Scaling("minmax", (1.0, 10.0), 2))
    again = parse_method(method_to_toml(method))
    assert again == method
    assert again.dimensions[3].indicators[1].goalposts == (7.0, 7.5)


def test_readme_example_parses() -> None:
    readme = (METHODS_DIR / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert block is not None
    method = parse_method(block.group(1), file="README.md")
    assert method.dimension_ids == ("ekonomi", "utbildning")
    assert method.dimensions[0].indicators[1].weight == 2.0


def test_reference_method_shapes() -> None:
    cdc = load_method(METHODS_DIR / "cdc_svi_2020.toml")
    assert cdc.dimension_ids == ("socioeconomic", "household", "minority", "housing_transport")
    assert [len(d.indicators) for d in cdc.dimensions] == [5, 5, 1, 5]
    assert cdc.missing_values == (-999.0,)
    assert cdc.id_column == "FIPS"
    imd = load_method(METHODS_DIR / "imd_2019.toml")
    assert sum(imd.weights.values()) == pytest.approx(0.999)
    assert imd.weights["income"] == 0.225


# --------------------------------------------------------------------------- errors


def broken(old: str, new: str, base: str = MINIMAL) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


CASES = [
    # (description, text, expected key, fragment of the Swedish message)
    ("missing id", broken('id = "m"\n', ""), "method.id", "saknas"),
    (
        "missing section",
        broken("[normalisation]\nmethod", "[normalisatio]\nmethod"),
        "normalisatio",
        "Okänd nyckel",
    ),
    ("weight not a number", broken("weight = 2", 'weight = "två"'), "dimensions[1].weight", "tal"),
    ("weight is a boolean", broken("weight = 2", "weight = true"), "dimensions[1].weight", "tal"),
    (
        "negative dimension weight",
        broken("weight = 2", "weight = -1"),
        "dimensions[1].weight",
        "negativ",
    ),
    (
        "negative indicator weight",
        broken('column = "y"', 'column = "y"\n  weight = -0.5'),
        "dimensions[1].indicators[0].weight",
        "negativ",
    ),
    (
        "unknown direction",
        broken('direction = "lower_is_need"', 'direction = "lower"'),
        "dimensions[1].indicators[0].direction",
        "Okänt värde 'lower'",
    ),
    (
        "unknown normalisation",
        broken('method = "minmax"', 'method = "softmax"'),
        "normalisation.method",
        "Okänt värde",
    ),
    (
        "unknown aggregation",
        broken('within = "mean"', 'within = "median"'),
        "aggregation.within",
        "Okänt värde",
    ),
    ("typo in key", broken("weight = 1", "weigth = 1"), "dimensions[0].weigth", "Okänd nyckel"),
    ("duplicate dimension id", broken('id = "b"', 'id = "a"'), "dimensions[1].id", "förekommer"),
    (
        "duplicate indicator column",
        broken('column = "y"', 'column = "x"'),
        "dimensions[1].indicators[0].column",
        "förekommer redan i dimensions[0].indicators[0]",
    ),
    (
        "min_share above 1",
        broken('across = "mean"', 'across = "mean"\nmin_share = 1.5'),
        "aggregation.min_share",
        "mellan 0 och 1",
    ),
    (
        "min_share below 0",
        broken('across = "mean"', 'across = "mean"\nmin_share = -0.1'),
        "aggregation.min_share",
        "mellan 0 och 1",
    ),
    (
        "goalposts lo >= hi",
        broken('method = "minmax"', 'method = "goalposts"').replace(
            'direction = "higher_is_need"', 'direction = "higher_is_need"\n  goalposts = [5, 5]'
        ),
        "dimensions[0].indicators[0].goalposts",
        "lägsta < högsta",
    ),
    (
        "goalposts missing with goalposts normalisation",
        broken('method = "minmax"', 'method = "goalposts"'),
        "dimensions[0].indicators[0].goalposts",
        "behöver målvärden",
    ),
    (
        "goalposts without goalposts normalisation",
        broken('column = "x"', 'column = "x"\n  goalposts = [1, 2]'),
        "dimensions[0].indicators[0].goalposts",
        "används bara",
    ),
    (
        "no dimensions",
        "dimensions = []\n" + MINIMAL.split("[[dimensions]]")[0],
        "dimensions",
        "tom",
    ),
    (
        "dimension without indicators",
        broken(
            'weight = 1\n\n  [[dimensions.indicators]]\n  column = "x"\n'
            '  direction = "higher_is_need"\n',
            "weight = 1\nindicators = []\n",
        ),
        "dimensions[0].indicators",
        "tom",
    ),
    ("dotted dimension id", broken('id = "a"', 'id = "a.b"'), "dimensions[0].id", "Ogiltigt id"),
    (
        "reserved dimension id",
        broken('id = "a"', 'id = "index"'),
        "dimensions[0].id",
        "Ogiltigt id",
    ),
    (
        "indicator equals id column",
        broken('column = "x"', 'column = "id"'),
        "dimensions[0].indicators[0].column",
        "id-kolumnen",
    ),
    (
        "decimals not integer",
        broken('method = "minmax"', 'method = "minmax"\ndecimals = 2.5'),
        "normalisation.decimals",
        "heltal",
    ),
    (
        "decimals too large",
        broken('method = "minmax"', 'method = "minmax"\ndecimals = 20'),
        "normalisation.decimals",
        "decimaler",
    ),
    (
        "bad range",
        broken('method = "minmax"', 'method = "minmax"\nrange = [100, 0]'),
        "normalisation.range",
        "lägsta < högsta",
    ),
    (
        "rescale with goalposts",
        MINIMAL + '\n[rescale]\nindex = { method = "goalposts" }\n',
        None,
        None,
    ),
    (
        "geometric mean after zscore",
        broken('method = "minmax"', 'method = "zscore"').replace(
            'within = "mean"', 'within = "geometric_mean"'
        ),
        "aggregation.within",
        "större än noll",
    ),
    (
        "missing values not a list",
        broken('id_column = "id"', 'id_column = "id"\nmissing_values = -9'),
        "method.missing_values",
        "lista",
    ),
    (
        "flags without threshold",
        MINIMAL.replace("[[dimensions]]", "[flags]\n\n[[dimensions]]", 1),
        "flags.threshold",
        "saknas",
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_validation_errors(text: str, key: str | None, fragment: str | None) -> None:
    with pytest.raises(MethodError) as info:
        parse_method(text, file="broken.toml")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.file == "broken.toml"
    if key is not None:
        assert err.key == key
    if fragment is not None:
        assert fragment in err.message
    assert str(err).startswith("broken.toml")


def test_rescale_goalposts_key_is_reported() -> None:
    text = MINIMAL + '\n[rescale]\nindex = { method = "goalposts" }\n'
    with pytest.raises(MethodError) as info:
        parse_method(text)
    assert info.value.key == "rescale.index.method"


def test_toml_syntax_error_reports_line() -> None:
    lines = MINIMAL.splitlines()
    bad_line = lines.index('id_column = "id"')
    lines[bad_line] = 'id_column = "id'  # unterminated string
    with pytest.raises(MethodError) as info:
        parse_method("\n".join(lines), file="syntax.toml")
    assert info.value.line == bad_line + 1
    assert f"rad {bad_line + 1}" in info.value.message


def test_load_method_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(MethodError) as info:
        load_method(path)
    assert info.value.file == str(path)
    assert "finns inte" in info.value.message


def test_load_method_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(MINIMAL.replace('"T"', '"Hälsa"').encode("latin-1"))
    with pytest.raises(MethodError) as info:
        load_method(path)
    assert "UTF-8" in info.value.message


def test_load_method_keeps_file_name(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_method(path).file == str(path)


# --------------------------------------------------------------------------- derived methods


def test_with_weights_returns_new_method() -> None:
    method = parse_method(MINIMAL)
    changed = method.with_weights({"b": 0})
    assert changed.weights == {"a": 1.0, "b": 0.0}
    assert method.weights == {"a": 1.0, "b": 2.0}  # the original is untouched


def test_with_weights_unknown_id() -> None:
    with pytest.raises(MethodError) as info:
        parse_method(MINIMAL, file="x.toml").with_weights({"c": 1})
    assert info.value.key == "weights.c"
    assert info.value.file == "x.toml"


@pytest.mark.parametrize("bad", [-1, float("nan"), "1"])
def test_with_weights_bad_value(bad: object) -> None:
    with pytest.raises(MethodError):
        parse_method(MINIMAL).with_weights({"a": bad})  # type: ignore[dict-item]


def test_without_indicators_drops_empty_dimensions() -> None:
    method = parse_method(MINIMAL).without_indicators(["y"])
    assert method.dimension_ids == ("a",)
    assert method.indicator_columns == ("x",)


def test_without_indicators_keeps_dimension_with_indicators_left() -> None:
    method = parse_method(malmo_like_toml()).without_indicators(["ekonomi_a"])
    assert method.dimensions[2].indicators[0].column == "ekonomi_b"
    assert len(method.dimensions) == 8


def test_without_indicators_errors() -> None:
    method = parse_method(MINIMAL)
    with pytest.raises(MethodError):
        method.without_indicators(["z"])
    with pytest.raises(MethodError):
        method.without_indicators(["x", "y"])


def test_with_goalposts_switches_normalisation() -> None:
    method = parse_method(MINIMAL).with_goalposts({"x": (0, 10), "y": (150, 450)})
    assert method.normalisation.method == "goalposts"
    assert method.dimensions[1].indicators[0].goalposts == (150.0, 450.0)
    assert parse_method(method_to_toml(method)) == method


def test_with_goalposts_errors() -> None:
    method = parse_method(MINIMAL)
    with pytest.raises(MethodError) as info:
        method.with_goalposts({"x": (0, 10)})
    assert info.value.key == "dimensions[1].indicators[0].goalposts"
    with pytest.raises(MethodError):
        method.with_goalposts({"x": (10, 0), "y": (1, 2)})
    with pytest.raises(MethodError):
        method.with_goalposts({"x": (0, 1), "y": (1, 2), "z": (1, 2)})


def test_method_is_frozen() -> None:
    method = parse_method(MINIMAL)
    with pytest.raises(AttributeError):
        method.id = "other"  # type: ignore[misc]
    assert isinstance(method.dimensions[0], Dimension)


WEIGHTS = st.one_of(
    st.integers(0, 100).map(float),
    st.floats(0, 1e6, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 1e-7, 3e20, 2.0**53, 1.123456789012345]),
)


@pytest.mark.parametrize(
    "name", ["malmo_stadskontoret_2023.toml", "malmo_asn_2023.toml", "cdc_svi_2020.toml"]
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_weighted_method_file_is_the_file_with_those_weights(name: str, data) -> None:
    """The share panel's method file (from a template) is method_to_toml's, byte for byte."""
    method = load_method(METHODS_DIR / name)
    chosen = data.draw(st.lists(st.sampled_from(method.dimension_ids), unique=True))
    weights = {d: data.draw(WEIGHTS) for d in chosen}
    text = weighted_method_toml(method, weights)
    assert text == method_to_toml(method.with_weights(weights))
    assert parse_method(text) == method.with_weights(weights)


def test_weighted_method_file_checks_the_weights_as_with_weights() -> None:
    method = load_method(METHODS_DIR / "malmo_stadskontoret_2023.toml")
    with pytest.raises(MethodError, match="Okänd dimension"):
        weighted_method_toml(method, {"nope": 1.0})
    with pytest.raises(MethodError):
        weighted_method_toml(method, {method.dimension_ids[0]: -1.0})
