"""Områdesindex: indicators, index methods and maps for Malmö's områdeslyft.

All logic of the dashboard lives in this package; it never imports Streamlit, so
every function can be used and tested from plain Python.
"""

__version__ = "0.1.0"
