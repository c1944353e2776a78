"""Where pressroom's own files live: its package, templates and styles.

One place for the fact, so that moving a module never changes what a path means.
The templates, styles and fonts are package data (``pressroom/templates/``,
``pressroom/styles/``), so an installed pressroom carries them; PROJECT is the
folder holding the package, which in a git checkout is the repository (its
``manuscript/`` is the default book there).
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent
TEMPLATES = PACKAGE / "templates"
STYLES = PACKAGE / "styles"
CODE = PACKAGE


def theme_folder(book_root: Path) -> Path | None:
    """A book's theme: ``<book folder>/theme/``, whose ``templates/`` and
    ``styles/`` files override pressroom's of the same relative name; None
    when the book has none."""
    folder = Path(book_root) / "theme"
    return folder if folder.is_dir() else None
