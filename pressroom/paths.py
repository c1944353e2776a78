"""Where pressroom's own files live: the project folder, its templates and styles.

One place for the fact, so that moving a module never changes what a path means.
"""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATES = PROJECT / "templates"
STYLES = PROJECT / "styles"
CODE = PROJECT / "pressroom"
