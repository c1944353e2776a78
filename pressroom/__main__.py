"""``python -m pressroom [targets]``: the same command as ``python build.py``
(``python -m pressroom watch`` rebuilds on every saved change)."""

import sys

from pressroom.cli import main

sys.exit(main())
