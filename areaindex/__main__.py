"""``python -m areaindex`` runs the command line interface."""

import sys

from areaindex.cli import main

sys.exit(main())
