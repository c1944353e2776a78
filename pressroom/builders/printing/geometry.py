"""The print edition's geometry: its settings and sizes live in settings/print.py
(checked when book.yaml loads); this module names them for the print builder.

Place in the flow: ``BookConfig.print_settings`` → the interior
(printing/interior.py) and the cover (printing/cover.py), which lay out and
finish (printing/finish.py) with these sizes.
"""

from __future__ import annotations

from pressroom.settings.print import (  # noqa: F401  (the print builder's names)
    INCH,
    MM,
    SADDLE_MULTIPLE,
    TRIMS,
    PrintSettings,
    mm)
