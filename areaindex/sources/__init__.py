"""The raw sources (``../shared/data``) and ``prepare``, which turns them into the committed data.

SCB's tables and maps, Malmö's divisions, the election results, the reference
lists and the seeded illustrative model. Only ``prepare`` runs this stage;
nothing downstream imports it (``tests/test_layers.py``).
"""
