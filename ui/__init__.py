"""Streamlit glue shared by ``app.py`` and ``pages/*.py``.

Only layout, widgets, caching and session/URL state live here; every
computation is a call into :mod:`areaindex`, which never imports Streamlit.
"""
