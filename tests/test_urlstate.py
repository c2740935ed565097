"""URL state: every documented parameter round-trips; anything invalid falls back safely.

The choices are built by hand (not from the database), so these tests need no data.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areaindex.views import urlstate
from areaindex.views.urlstate import (
    CLASSIFICATIONS,
    LANGS,
    LAYERS,
    MAX_VALUE_LENGTH,
    SEXES,
    Choices,
    Notice,
    ViewState,
    parse_query,
    to_query,
)
from tests.expected import MALMO_DIMENSIONS

DIMENSIONS = MALMO_DIMENSIONS
PRESETS = ("malmo_stadskontoret_2023", "malmo_asn_2023")
LEVELS = ("omraden", "stadsdelar", "stadsomraden", "regso")
YEARS = (2020, 2021, 2022, 2023)
AREAS = {
    "omraden": ("rosengard", "limhamn", "oxie"),
    "stadsdelar": ("fosie", "husie"),
    "stadsomraden": ("soder",),
    "regso": ("1280R001", "1280R002"),
    "sverige": ("0114R001", "1280R001"),
}
CHOICES = Choices(
    dimensions=list(DIMENSIONS),
    presets=list(PRESETS),
    levels=list(LEVELS),
    years=list(YEARS),
    areas={level: list(ids) for level, ids in AREAS.items()},
    kommuner=["1280", "0114", "sverige"],
    references=["scb", "polisen-2023", "polisen-2017", "omradesprogram-2010"],
)
REFERENCES = tuple(CHOICES.references)
DEFAULT_WEIGHTS = {d: (5 if i < 4 else 0) for i, d in enumerate(DIMENSIONS)}
DEFAULTS = ViewState(weights=dict(DEFAULT_WEIGHTS), preset="malmo_stadskontoret_2023")
FLAGS = ("present", "official", "basemap")
KNOWN_KEYS = (
    *(f"w_{d}" for d in DIMENSIONS),
    "preset",
    "level",
    "year",
    "sex",
    "area",
    "lang",
    *FLAGS,
    "classes",
    "layer",
    "ref",
    "robust_mode",
    "robust_spread",
    "robust_k",
    "robust_draws",
)


def parse(params: dict) -> tuple[ViewState, list[Notice]]:
    return parse_query(params, DEFAULTS, CHOICES)


# --------------------------------------------------------------------------- defaults


def test_no_parameters_gives_the_defaults_without_notices():
    state, notices = parse({})
    assert state == DEFAULTS
    assert notices == []


def test_to_query_of_the_defaults_always_writes_weights_preset_and_level():
    assert to_query(DEFAULTS, DEFAULTS) == {
        "w_delaktighet": "5",
        "w_utbildning": "5",
        "w_ekonomi": "5",
        "w_boende": "5",
        "w_halsa": "0",
        "w_tillit": "0",
        "w_trygghet": "0",
        "w_barn_unga": "0",
        "preset": "malmo_stadskontoret_2023",
        "level": "omraden",
    }


def test_to_query_writes_optional_keys_only_when_they_differ_from_the_default():
    state = replace(DEFAULTS, year=2021, lang="en", present=True, classes="fisher_jenks")
    query = to_query(state, DEFAULTS)
    assert {k: v for k, v in query.items() if not k.startswith("w_")} == {
        "preset": "malmo_stadskontoret_2023",
        "level": "omraden",
        "year": "2021",
        "lang": "en",
        "present": "1",
        "classes": "fisher_jenks",
    }


# --------------------------------------------------------------------------- round trips

ROUND_TRIPS = {
    "weights": {"weights": {**DEFAULT_WEIGHTS, "halsa": 7, "ekonomi": 0, "barn_unga": 10}},
    "all_weights_zero": {"weights": dict.fromkeys(DIMENSIONS, 0)},
    "preset": {"preset": "malmo_asn_2023"},
    "level_stadsdelar": {"level": "stadsdelar"},
    "level_stadsomraden": {"level": "stadsomraden"},
    "level_regso": {"level": "regso"},
    "year_first": {"year": 2020},
    "year_last": {"year": 2023},
    "sex_women": {"sex": "women"},
    "sex_men": {"sex": "men"},
    "area": {"area": "rosengard"},
    "area_on_other_level": {"level": "regso", "area": "1280R002"},
    "lang": {"lang": "en"},
    "present": {"present": True},
    "official": {"official_only": True},
    "classes": {"classes": "fisher_jenks"},
    "layer": {"layer": "reference"},
    "ref_police_list": {"layer": "reference", "ref": "polisen-2023"},
    "ref_older_police_list": {"ref": "polisen-2017"},
    "ref_programme": {"layer": "reference", "ref": "omradesprogram-2010", "level": "regso"},
    "basemap": {"basemap": True},
    "vs": {"vs": "malmo_asn_2023"},
    "areas": {"areas": ("rosengard", "oxie")},
    "four_areas_on_regso": {"level": "regso", "areas": ("1280R001", "1280R002")},
    "kommun": {"kommun": "0114"},
    "sverige": {"kommun": "sverige", "area": "0114R001"},
    "robust_mode": {"robust_mode": "random"},
    "robust_spread": {"robust_spread": 0},
    "robust_spread_top": {"robust_spread": 50},
    "robust_k": {"robust_k": 12},
    "robust_draws": {"robust_draws": 50_000},
    "bounds_region": {"bounds_region": "around"},
    "bounds_around": {"bounds_around": 100},
    "bounds_free": {"bounds_free": ("halsa", "ekonomi")},
    "everything": {
        "weights": {**DEFAULT_WEIGHTS, "tillit": 3},
        "preset": "malmo_asn_2023",
        "level": "stadsdelar",
        "year": 2022,
        "sex": "men",
        "area": "husie",
        "lang": "en",
        "present": True,
        "official_only": True,
        "classes": "fisher_jenks",
        "layer": "reference",
        "basemap": True,
        "vs": "malmo_stadskontoret_2023",
        "areas": ("husie",),
        "robust_mode": "random",
        "robust_spread": 10,
        "robust_k": 1,
        "robust_draws": 1_000,
        "bounds_region": "around",
        "bounds_around": 5,
        "bounds_free": ("delaktighet",),
    },
}


def documented_parameters() -> set[str]:
    """Keys listed in the module docstring (``w_<dimension>`` as ``w_``)."""
    keys = set(re.findall(r"``(\w+?)(?:<\w+>)?=", urlstate.__doc__))
    assert {"preset", "level", "year", "basemap", "w_"} <= keys, keys
    return keys


def test_every_documented_parameter_is_covered_by_a_round_trip():
    written = set()
    for changes in ROUND_TRIPS.values():
        query = to_query(replace(DEFAULTS, **changes), DEFAULTS)
        written |= {"w_" if k.startswith("w_") else k for k in query}
    assert documented_parameters() <= written


@pytest.mark.parametrize("changes", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_every_documented_parameter_round_trips(changes):
    state = replace(DEFAULTS, **changes)
    assert state != DEFAULTS or changes == {}
    back, notices = parse(to_query(state, DEFAULTS))
    assert back == state
    assert notices == []


def test_false_flags_round_trip_when_the_defaults_are_true():
    defaults = replace(DEFAULTS, present=True, official_only=True, basemap=True)
    state = replace(defaults, present=False, official_only=False, basemap=False)
    query = to_query(state, defaults)
    assert (query["present"], query["official"], query["basemap"]) == ("0", "0", "0")
    back, notices = parse_query(query, defaults, CHOICES)
    assert back == state
    assert notices == []


TRUE_SPELLINGS = ["1", "true", "ja", "yes", "TRUE"]
FALSE_SPELLINGS = ["0", "false", "nej", "no", "No"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, True) for text in TRUE_SPELLINGS] + [(text, False) for text in FALSE_SPELLINGS],
)
def test_flag_spellings(text, expected):
    defaults = replace(DEFAULTS, basemap=not expected)
    state, notices = parse_query({"basemap": text}, defaults, CHOICES)
    assert state.basemap is expected
    assert notices == []


def test_values_are_stripped_of_surrounding_space():
    state, notices = parse({"w_halsa": " 3 ", "level": " regso\t", "year": "2021 "})
    assert (state.weights["halsa"], state.level, state.year) == (3, "regso", 2021)
    assert notices == []


@st.composite
def valid_states(draw: st.DrawFn) -> ViewState:
    level = draw(st.sampled_from(LEVELS))
    return ViewState(
        weights={d: draw(st.integers(0, 10)) for d in DIMENSIONS},
        preset=draw(st.sampled_from(PRESETS)),
        level=level,
        year=draw(st.none() | st.sampled_from(YEARS)),
        sex=draw(st.sampled_from(SEXES)),
        area=draw(st.none() | st.sampled_from(AREAS[level])),
        lang=draw(st.sampled_from(LANGS)),
        present=draw(st.booleans()),
        official_only=draw(st.booleans()),
        classes=draw(st.sampled_from(CLASSIFICATIONS)),
        layer=draw(st.sampled_from(LAYERS)),
        ref=draw(st.sampled_from(REFERENCES)),
        basemap=draw(st.booleans()),
        robust_mode=draw(st.sampled_from(urlstate.ROBUST_MODES)),
        robust_spread=draw(st.sampled_from(urlstate.ROBUST_SPREADS)),
        robust_k=draw(st.integers(1, urlstate.ROBUST_K_MAX)),
        robust_draws=draw(st.sampled_from(urlstate.ROBUST_DRAWS)),
        bounds_region=draw(st.sampled_from(urlstate.BOUNDS_REGIONS)),
        bounds_around=draw(st.sampled_from(urlstate.BOUNDS_AROUND)),
        bounds_free=tuple(
            draw(st.lists(st.sampled_from(MALMO_DIMENSIONS), unique=True, max_size=8))
        ),
    )


@settings(max_examples=200, deadline=None, database=None)
@given(valid_states())
def test_any_valid_state_round_trips(state):
    back, notices = parse(to_query(state, DEFAULTS))
    assert back == state
    assert notices == []


# --------------------------------------------------------------------------- invalid values

INVALID_WEIGHTS = [
    "",
    "abc",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "-1",
    "11",
    "2.5",
    "10.5",
    "1e400",
    "9" * 60,
    "1" + "0" * 99,
    "x" * (MAX_VALUE_LENGTH + 1),
    "5" * (MAX_VALUE_LENGTH + 1),
    "' OR 1=1 --",
    "5; DROP TABLE indicator_values",
    "<script>alert(1)</script>",
    '"5"',
    "'5'",
    "0x5",
    "5 5",
    "None",
]


@pytest.mark.parametrize("value", INVALID_WEIGHTS)
def test_invalid_weight_keeps_the_default_with_one_notice(value):
    state, notices = parse({"w_ekonomi": value})
    assert state == DEFAULTS
    assert len(notices) == 1
    assert notices[0].key == "w_ekonomi"
    assert notices[0].value.strip() == value.strip()


@pytest.mark.parametrize(("text", "weight"), [("0", 0), ("10", 10), ("7", 7), ("-0", 0)])
def test_weight_bounds_are_inclusive(text, weight):
    state, notices = parse({"w_halsa": text})
    assert state.weights["halsa"] == weight
    assert type(state.weights["halsa"]) is int
    assert notices == []


INVALID = [
    ("level", "kommun"),
    ("level", "regso' OR '1'='1"),
    ("level", "<script>alert('x')</script>"),
    ("level", "r" * (MAX_VALUE_LENGTH + 1)),
    ("preset", "imd_2019"),
    ("preset", "malmo_asn_2023; DROP TABLE meta"),
    ("preset", '"malmo_asn_2023"'),
    ("year", "2019"),
    ("year", "2024"),
    ("year", "2023.0"),
    ("year", "20.23"),
    ("year", "-2023"),
    ("year", "nan"),
    ("year", "inf"),
    ("year", "99999999999999999999999999"),
    ("year", "2" * (MAX_VALUE_LENGTH + 1)),
    ("year", "2023 OR 1=1"),
    ("sex", "female"),
    ("sex", "<b>women</b>"),
    ("area", "unknown-area"),
    ("area", "1280R001"),  # a RegSO id, but the level is omraden
    ("area", "rosengard'--"),
    ("area", "<script>document.cookie</script>"),
    ("lang", "de"),
    ("lang", "sv-SE"),
    ("lang", ""),
    ("classes", "natural_breaks"),
    ("classes", "quantiles; DROP"),
    ("layer", "satellite"),
    ("layer", "<img src=x onerror=alert(1)>"),
    ("present", "2"),
    ("present", "maybe"),
    ("official", "-1"),
    ("basemap", "<script>"),
    ("robust_mode", "sobol"),
    ("robust_mode", "<script>"),
    ("robust_spread", "7"),
    ("robust_spread", "60"),
    ("robust_spread", "-5"),
    ("robust_spread", "nan"),
    ("robust_k", "0"),
    ("robust_k", "2.5"),
    ("robust_k", "1e400"),
    ("robust_k", "10001"),
    ("robust_draws", "100"),
    ("robust_draws", "1e9"),
    ("robust_draws", "10000; DROP"),
    ("bounds_region", "everything"),
    ("bounds_around", "0"),
    ("bounds_around", "7"),
    ("bounds_free", "okänd"),
    ("bounds_free", "halsa,halsa"),
    ("unknown", "1"),
    ("w_unknown_dimension", "5"),
    ("w_", "5"),
    ("k" * (MAX_VALUE_LENGTH + 1), "1"),
    ("'; DROP TABLE units; --", "1"),
    ("<script>", "alert(1)"),
    ("extra", "{}"),
]


@pytest.mark.parametrize(("key", "value"), INVALID)
def test_invalid_value_falls_back_to_the_default_with_one_notice(key, value):
    state, notices = parse({key: value})
    assert state == DEFAULTS
    assert len(notices) == 1
    assert notices[0].key == key[:MAX_VALUE_LENGTH]
    assert notices[0].value.strip() == value.strip()


def test_each_invalid_value_gets_its_own_notice_and_valid_ones_still_apply():
    state, notices = parse(
        {
            "w_ekonomi": "11",
            "w_halsa": "4",
            "level": "nowhere",
            "year": "2022",
            "lang": "xx",
            "foo": "bar",
        }
    )
    assert state == replace(DEFAULTS, weights={**DEFAULT_WEIGHTS, "halsa": 4}, year=2022)
    assert sorted(n.key for n in notices) == ["foo", "lang", "level", "w_ekonomi"]


def test_area_is_checked_against_the_level_from_the_url():
    state, notices = parse({"level": "regso", "area": "1280R001"})
    assert (state.level, state.area) == ("regso", "1280R001")
    assert notices == []
    # An invalid level falls back to omraden, where the RegSO id is unknown.
    state, notices = parse({"level": "nope", "area": "1280R001"})
    assert (state.level, state.area) == ("omraden", None)
    assert sorted(n.key for n in notices) == ["area", "level"]


def test_repeated_keys_count_with_their_last_value():
    state, notices = parse({"level": ["regso", "stadsdelar"], "w_halsa": ["9", "2"]})
    assert (state.level, state.weights["halsa"]) == ("stadsdelar", 2)
    assert notices == []


def test_repeated_key_with_an_invalid_last_value_falls_back_with_one_notice():
    state, notices = parse({"level": ["regso", "bogus"], "w_halsa": ["3", "99"]})
    assert state == DEFAULTS
    assert sorted((n.key, n.value) for n in notices) == [("level", "bogus"), ("w_halsa", "99")]


def test_a_key_given_with_no_value_is_ignored():
    state, notices = parse({"level": [], "year": []})
    assert state == DEFAULTS
    assert notices == []


def test_notice_text_is_cut_after_40_characters():
    assert str(Notice("level", "abc")) == "level='abc'"
    shown = str(Notice("area", "x" * 41))
    assert shown == "area='" + "x" * 40 + "…'"


@pytest.mark.parametrize("value", ["²", "①", "2023²"])
def test_year_with_digit_like_characters_falls_back_with_a_notice(value):
    state, notices = parse({"year": value})
    assert state == DEFAULTS
    assert notices == [Notice("year", value)]


# --------------------------------------------------------------------------- property test

TRICKY_VALUES = [
    "",
    " ",
    "0",
    "5",
    "10",
    "11",
    "-1",
    "2.5",
    "5.0",
    "1e3",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "2019",
    "2020",
    "2023",
    "regso",
    "omraden",
    "rosengard",
    "1280R001",
    "malmo_asn_2023",
    "women",
    "en",
    "sv",
    "fisher_jenks",
    "1",
    "true",
    "nej",
    "' OR 1=1 --",
    "'; DROP TABLE units; --",
    "<script>alert(1)</script>",
    '"',
    "\x00",
    "x" * (MAX_VALUE_LENGTH + 1),
]
KEYS = st.one_of(
    st.sampled_from((*KNOWN_KEYS, "w_unknown", "w_", "foo")),
    st.text(max_size=12),
)
TEXT_VALUES = st.one_of(
    st.sampled_from(TRICKY_VALUES),
    st.text(max_size=12),
    st.integers(-20, 2030).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
VALUES = st.one_of(TEXT_VALUES, st.lists(TEXT_VALUES, max_size=2))
QUERIES = st.dictionaries(KEYS, VALUES, max_size=6)
N_EXAMPLES = 1000


def _last(value: str | list[str]) -> str | None:
    if isinstance(value, str):
        return value
    return value[-1] if value else None


def test_parse_query_survives_generated_queries():
    """At least 1,000 generated query dicts: never an exception, always a valid state."""
    seen = []

    @settings(
        max_examples=N_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(QUERIES)
    def check(params):
        seen.append(1)
        state, notices = parse(params)

        assert set(state.weights) == set(DIMENSIONS)
        for weight in state.weights.values():
            assert type(weight) is int
            assert 0 <= weight <= 10
        assert state.preset in PRESETS
        assert state.level in LEVELS
        assert state.year is None or state.year in YEARS
        assert state.sex in SEXES
        assert state.area is None or state.area in AREAS[state.level]
        assert state.lang in LANGS
        assert state.classes in CLASSIFICATIONS
        assert state.layer in LAYERS
        assert state.ref in REFERENCES
        for flag in (state.present, state.official_only, state.basemap):
            assert type(flag) is bool
        assert state.robust_mode in urlstate.ROBUST_MODES
        assert state.robust_spread in urlstate.ROBUST_SPREADS
        assert type(state.robust_k) is int and 1 <= state.robust_k <= urlstate.ROBUST_K_MAX
        assert state.robust_draws in urlstate.ROBUST_DRAWS
        assert state.bounds_region in urlstate.BOUNDS_REGIONS
        assert state.bounds_around in urlstate.BOUNDS_AROUND
        assert set(state.bounds_free) <= set(MALMO_DIMENSIONS)

        # At most one notice per key given, each naming (the start of) a key given.
        assert len(notices) <= len(params)
        for notice in notices:
            assert isinstance(notice, Notice)
            assert any(str(k).startswith(notice.key) for k in params)
            str(notice)

        # A valid weight in the URL is taken as is.
        for dim in DIMENSIONS:
            raw = _last(params.get(f"w_{dim}", "")) or ""
            if raw.strip() in {str(i) for i in range(11)}:
                assert state.weights[dim] == int(raw.strip())

    check()
    assert len(seen) >= N_EXAMPLES


# --------------------------------------------------------------------------- reference layer


@pytest.mark.parametrize(
    "value",
    ["polisen-2025", "polisen", "POLISEN-2023", "polisen-2023 x", "scb;", "<b>", "reference", ""],
)
def test_unknown_reference_layer_falls_back_to_scb_with_a_notice(value):
    state, notices = parse({"layer": "reference", "ref": value, "level": "regso"})
    assert state.ref == DEFAULTS.ref == "scb"
    assert notices == [Notice("ref", value.strip())]
    # The rest of the link still counts.
    assert (state.layer, state.level) == ("reference", "regso")


def test_reference_layer_is_written_only_when_not_scb():
    assert "ref" not in to_query(replace(DEFAULTS, layer="reference"), DEFAULTS)
    query = to_query(replace(DEFAULTS, layer="reference", ref="polisen-2017"), DEFAULTS)
    assert (query["layer"], query["ref"]) == ("reference", "polisen-2017")


def test_bounds_settings_round_trip_and_bad_values_give_notices():
    state, notices = parse(
        {"bounds_region": "around", "bounds_around": "40", "bounds_free": "ekonomi,boende"}
    )
    assert notices == []
    assert (state.bounds_region, state.bounds_around, state.bounds_free) == (
        "around",
        40,
        ("ekonomi", "boende"),
    )
    assert parse(to_query(state, DEFAULTS))[0] == state
    for key, value in [
        ("bounds_region", "some"),
        ("bounds_around", "33"),
        ("bounds_around", "200"),
        ("bounds_free", "ekonomi,ekonomi"),
        ("bounds_free", "ekonomi,okänd"),
        ("bounds_free", ","),
    ]:
        state, notices = parse({key: value})
        assert [n.key for n in notices] == [key], (key, value)
        assert getattr(state, key) == getattr(DEFAULTS, key)
