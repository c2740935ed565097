"""The index itself: method files, normalisation, how weights combine, ranks, robustness, bounds.

Pure functions on tables; the run time's core. Imports neither the raw sources
nor the build.
"""
