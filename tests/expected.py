"""The test kit's dimension ids and independent ranking under their old name."""

from testkit.expected import MALMO_DIMENSIONS, expected_ranking

__all__ = ["MALMO_DIMENSIONS", "expected_ranking"]
