"""What the pages show: index view, area profile, maps, charts, audit, exports, URL state, report.

Run time: reads the database through :mod:`areaindex.store.dataset`, computes
with :mod:`areaindex.index`, never imports Streamlit, the raw sources or the build.
"""
