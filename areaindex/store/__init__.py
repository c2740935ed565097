"""The committed format (``data/``, ``geodata/``) and the database built from it.

Reading and writing the long-form values table, the catalogue, added
indicators, divisions, the national files and the reference-list key;
``build`` turns them into ``indicators.duckdb`` and :mod:`areaindex.store.dataset`
reads that at run time. Never imports the raw sources.
"""
