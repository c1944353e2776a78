"""``python -m pressroom``: the same command as ``pressroom`` and ``build.py``
(``python -m pressroom watch`` rebuilds on every saved change)."""

import sys

from pressroom.cli import main

sys.exit(main())
