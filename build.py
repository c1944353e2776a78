#!/usr/bin/env python3
"""Build the book: ``python build.py [targets] [--jobs N]``. See README.md."""

import sys

from pressroom.cli import main

if __name__ == "__main__":
    sys.exit(main())
