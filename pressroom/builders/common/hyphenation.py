"""No name broken at a line end: the hyphenation rule WeasyPrint is given
while it lays out, since CSS has no property for it.

Place in the flow: every WeasyPrint layout (pdf/layout.py for the pamphlet
and the print interior, common/weasy.py for packets and the rest) runs
inside ``names_kept_whole()``. A word that begins with a capital is not
hyphenated, as with TeX's ``\\uchyph=0``: in most languages the capital
marks a name, and a broken name reads badly. A language whose labels say
``hyphenate_capitalised: true`` (German, where every noun has a capital)
keeps WeasyPrint's usual hyphenation. pdf/hyphenation.py checks the
pages after layout, and the typographic proof reports what is left.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

from pressroom.settings.labels import labels


@lru_cache(maxsize=None)
def capitals_hyphenate(lang: str | None) -> bool:
    """Whether words that begin with a capital may break in ``lang`` (a
    BCP 47 tag or pyphen's "de_DE"): its labels' ``hyphenate_capitalised``."""
    return bool(labels((lang or "en").replace("_", "-"))["hyphenate_capitalised"])


class _Dictionary:
    """A pyphen dictionary that offers no break in a capitalised word."""

    def __init__(self, inner, lang):
        self.inner, self.capitals = inner, capitals_hyphenate(lang)

    def iterate(self, word: str):
        if word[:1].isupper() and not self.capitals:
            return iter(())
        return self.inner.iterate(word)


class _Pyphen:
    """Stands in for the ``pyphen`` module inside WeasyPrint's line breaker."""

    def __init__(self, real):
        self.real, self.language_fallback = real, real.language_fallback

    def Pyphen(self, lang=None, **kwargs):        # noqa: N802 (pyphen's name)
        return _Dictionary(self.real.Pyphen(lang=lang, **kwargs), lang)


@contextmanager
def names_kept_whole():
    """While it lasts, WeasyPrint's automatic hyphenation breaks no word
    that begins with a capital (in a language where that marks a name).
    WeasyPrint looks its dictionaries up through the ``pyphen`` module its
    line breaker imported; that name is pointed at ``_Pyphen`` and put back.
    The layouts are made one at a time in a process, so nothing else sees it."""
    from weasyprint.text import line_break
    real = line_break.pyphen
    line_break.pyphen = _Pyphen(real)
    try:
        yield
    finally:
        line_break.pyphen = real
