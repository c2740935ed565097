"""A process-wide memo for what every slider move asks for again.

``st.cache_resource`` hashes each argument with Streamlit's own hasher and looks
up the function's signature once per positional argument: about 0.3 ms a call,
and a move makes a dozen such calls. :func:`memo` keeps the same contract
(arguments whose names start with ``_`` are not part of the key; the result is
shared, not copied) on :func:`functools.lru_cache`, which hashes the key in C.

Every memo is emptied when the dataset is loaded again (:func:`clear_all`, called
by ``ui.core._load_dataset`` on a new load), as ``st.cache_resource.clear()``
empties Streamlit's caches: a result never outlives the data it came from.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CLEARS: list[Callable[[], None]] = []


class _Unkeyed:
    """An argument passed through a memo without taking part in its key."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unkeyed)


def memo(max_entries: int = 256) -> Callable[[F], F]:
    """Remember a function's results per key, for the whole process.

    Parameters
    ----------
    max_entries : int, default 256
        The most results kept; the least recently used goes first.

    Returns
    -------
    callable
        A decorator. The function's parameters whose names start with ``_``
        are passed through but not part of the key (they must be determined
        by the others, as with ``st.cache_resource``); the other arguments
        must be hashable. The decorated function has ``clear()``.
    """

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in signature.parameters.values()):
            raise TypeError(f"{func.__name__}: memo takes plain parameters only")
        unkeyed = [i for i, name in enumerate(signature.parameters) if name.startswith("_")]

        @functools.lru_cache(maxsize=max_entries)
        def keyed(*args: Any) -> Any:
            return func(*(a.value if isinstance(a, _Unkeyed) else a for a in args))

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            values = list(bound.args)
            for i in unkeyed:
                values[i] = _Unkeyed(values[i])
            return keyed(*values)

        call.clear = keyed.cache_clear  # type: ignore[attr-defined]
        _CLEARS.append(keyed.cache_clear)
        return call  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Empty every memo (the data they were computed from has been loaded again)."""
    for clear in _CLEARS:
        clear()
