"""``python -m pressroom``: the same command as ``pressroom`` and ``build.py``."""

import sys

from pressroom.cli import main

sys.exit(main())
