"""Typography: one house style for the whole book, as Unicode characters.

Three named rules, run after the corrections: ``ellipses`` (… for three
dots), ``dashes`` and ``quotes`` (curly quotes and apostrophes). They
write characters into Str nodes, never Pandoc ``Quoted`` nodes, so the
manuscript prints what it means and normalising it again changes nothing.

The dash convention is the spaced en dash (" – "): three of the five
sources already use it, it is the British book convention the house
follows, and in narrow A5 columns it breaks lines better than an unspaced
em dash. Number ranges take an unspaced en dash (1903–1917).

Quotes are decided from each mark's neighbours, never by pairing marks:
the sources have quotations that span paragraphs, nested straight quotes
and mixed curly/straight pairs (sources-analysis §3.4), which defeat any
counting scheme, while "after a space it opens, after a letter it closes"
gets them right.

Which marks: the language of the text, its sidecar's ``language:`` or
else the book's (settings/labels.text_language), in that language's style
from templates/labels/<language>.yaml (« » for French, „ “ for German).
"""

from __future__ import annotations

from pressroom.doctree import pandoc as P
from pressroom.doctree.typography import (  # noqa: F401  (the string rules, re-exported)
    dashes_text,
    ellipses_text,
    punctuation_spaces_text,
    quotes_text,
    smarten_text)
from pressroom.settings.labels import labels, quote_style, text_language
from pressroom.transforms.textruns import map_runs


def ellipses(doc: P.Node, ctx) -> P.Node:
    return map_runs(doc, ellipses_text)


def dashes(doc: P.Node, ctx) -> P.Node:
    return map_runs(doc, dashes_text)


def quotes(doc: P.Node, ctx) -> P.Node:
    style = quote_style(source_language(ctx))
    return map_runs(doc, lambda s, before, after: quotes_text(s, before, after, style))


def source_language(ctx) -> str:
    """The language of the source a transform works on (no context: English)."""
    if ctx is None:
        return "en"
    config = getattr(ctx, "config", None)
    return text_language(config.data if config else None, ctx.source.meta)


def punctuation_spaces(doc: P.Node, ctx) -> P.Node:
    """The spaces a language sets before some marks (its labels file's
    ``punctuation_spaces:``; none in English)."""
    spaces = labels(source_language(ctx)).get("punctuation_spaces") or {}
    if not spaces:
        return doc
    return map_runs(doc, lambda s, before, after: punctuation_spaces_text(s, spaces, after))


ellipses.rule = "ellipses"
dashes.rule = "dashes"
quotes.rule = "quotes"
punctuation_spaces.rule = "punctuation-spaces"
