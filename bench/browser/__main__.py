"""``python -m bench.browser``: see :mod:`bench.browser`."""

from bench.browser import main

main()
