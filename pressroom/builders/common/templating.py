"""Jinja environments shared by the builders: templates/ (HTML, autoescaped)
and styles/ (``*.css.j2``: CSS rules whose few computed values, such as a
page size, are passed in; never autoescaped, so values must be CSS already).

Themes: a book overrides any of pressroom's templates or stylesheets by a
file of the same relative name under its ``theme/`` folder
(``theme/templates/pdf/document.html.j2``, ``theme/styles/pdf/book.css``).
Every lookup takes the book's theme folder (``theme_of(book)``) and searches
it before pressroom's own files.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from pressroom.doctree.typography import smarten_text
from pressroom.errors import UserError
from pressroom.settings.labels import style_from_labels
from pressroom.paths import PACKAGE, STYLES, TEMPLATES, theme_folder  # noqa: F401  (PACKAGE: re-exported)


def theme_of(book) -> Path | None:
    """The book's theme folder, or None when it has none."""
    return theme_folder(book.config.root)


def _search(theme: Path | None, defaults: Path, sub: str) -> list[str]:
    return ([str(theme / sub)] if theme is not None else []) + [str(defaults)]


@lru_cache(maxsize=None)
def environment(theme: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_search(theme, TEMPLATES, "templates")),
        autoescape=jinja2.select_autoescape(("html", "xhtml", "j2", "xml")),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    # book text written in YAML (glossary headwords): the book's quotes and dashes
    env.filters["typo"] = typo
    return env


@jinja2.pass_context
def typo(context, text) -> str:
    """The house typography, in the quotation marks of the template's
    ``labels`` (the book's language; without them, English)."""
    L = context.get("labels")
    return smarten_text(str(text), style_from_labels(L) if L else None)


def render_template(name: str, *, theme: Path | None = None, **context) -> str:
    return _render(environment(theme), _where(theme, TEMPLATES, "templates", name),
                   "template", name, context)


@lru_cache(maxsize=None)
def style_environment(theme: Path | None = None) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_search(theme, STYLES, "styles")), autoescape=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


def render_style(name: str, *, theme: Path | None = None, **values) -> str:
    """A stylesheet template from styles/ with its computed values filled in."""
    return _render(style_environment(theme), _where(theme, STYLES, "styles", name),
                   "stylesheet", name, values)


def _where(theme: Path | None, defaults: Path, sub: str, name: str) -> Path:
    """The file a name means: the theme's, if it has one, else pressroom's."""
    if theme is not None and (theme / sub / name).is_file():
        return theme / sub / name
    return defaults / name


def _render(env: jinja2.Environment, path: Path, what: str, name: str, values: dict) -> str:
    """One template rendered, a missing or broken one as one clear line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise UserError(f"{what} not found: {name}", path,
                        hint="restore it from git") from None
    except jinja2.TemplateSyntaxError as e:
        raise UserError(f"{what} error: {e.message}", path, e.lineno) from None
    return template.render(**values)


def style_path(name: str, theme: Path | None = None) -> Path:
    """The stylesheet file ``name`` (relative to styles/), the theme's first."""
    path = _where(theme, STYLES, "styles", name)
    if not path.is_file():
        raise UserError(f"stylesheet not found: {name}", path)
    return path


def style_base(name: str) -> str:
    """The URL a stylesheet's relative ``url()``s resolve against: pressroom's
    own place for that name, so a theme's copy of ``pdf/book.css`` still
    imports ``../fonts/fonts.css`` from pressroom's fonts."""
    return (STYLES / name).as_uri()
