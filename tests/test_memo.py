"""The process-wide memo behind the map page's per-move caches (ui.memo)."""

from __future__ import annotations

import pandas as pd
import pytest

from ui import memo


def test_the_key_is_the_plain_arguments_and_underscored_ones_pass_through() -> None:
    calls = []

    @memo.memo(max_entries=8)
    def total(_frame: pd.DataFrame, key: str, scale: float = 1.0) -> float:
        calls.append(key)
        return float(_frame["x"].sum()) * scale

    frame = pd.DataFrame({"x": [1.0, 2.0]})
    assert total(frame, "a") == 3.0
    # Another frame under the same key: the remembered result (the key says what it is).
    assert total(pd.DataFrame({"x": [5.0]}), "a") == 3.0
    assert total(frame, "a", 2.0) == 6.0
    assert total(frame, key="a", scale=2.0) == 6.0  # keywords and defaults: the same key
    assert total(frame, "a", scale=1.0) == 3.0
    assert calls == ["a", "a"]
    assert total(frame, "b") == 3.0
    assert calls == ["a", "a", "b"]


def test_every_memo_is_emptied_when_the_data_is_loaded_again() -> None:
    calls = []

    @memo.memo()
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    square(3)
    square(3)
    memo.clear_all()
    square(3)
    assert calls == [3, 3]


def test_a_failure_is_not_remembered() -> None:
    calls = []

    @memo.memo()
    def fragile(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            raise RuntimeError("first time")
        return x

    with pytest.raises(RuntimeError):
        fragile(1)
    assert fragile(1) == 1
    assert calls == [1, 1]


def test_only_plain_parameters() -> None:
    with pytest.raises(TypeError, match="plain parameters"):

        @memo.memo()
        def keyword_only(*, x: int) -> int:
            return x
