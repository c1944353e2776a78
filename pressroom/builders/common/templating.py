"""Jinja environments shared by the builders: templates/ (HTML, autoescaped)
and styles/ (``*.css.j2``: CSS rules whose few computed values, such as a
page size, are passed in; never autoescaped, so values must be CSS already)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from pressroom.doctree.typography import smarten_text
from pressroom.errors import UserError
from pressroom.paths import PACKAGE, STYLES, TEMPLATES  # noqa: F401  (PACKAGE: re-exported)


@lru_cache(maxsize=None)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(("html", "xhtml", "j2", "xml")),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    # book text written in YAML (glossary headwords): the book's quotes and dashes
    env.filters["typo"] = lambda text: smarten_text(str(text))
    return env


def render_template(name: str, **context) -> str:
    return _render(environment(), TEMPLATES, "template", name, context)


@lru_cache(maxsize=None)
def style_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(STYLES)), autoescape=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


def render_style(name: str, **values) -> str:
    """A stylesheet template from styles/ with its computed values filled in."""
    return _render(style_environment(), STYLES, "stylesheet", name, values)


def _render(env: jinja2.Environment, root: Path, what: str, name: str, values: dict) -> str:
    """One template rendered, a missing or broken one as one clear line."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise UserError(f"{what} not found: {name}", root / name,
                        hint="restore it from git") from None
    except jinja2.TemplateSyntaxError as e:
        raise UserError(f"{what} error: {e.message}", root / name, e.lineno) from None
    return template.render(**values)


def style_path(name: str) -> Path:
    path = STYLES / name
    if not path.is_file():
        raise UserError(f"stylesheet not found: {name}", path)
    return path
