"""Transforms: small, named functions over the Pandoc tree.

Source transforms run on one chapter at a time, right after its reader
(clean-up, structure, notes, typography, corrections, ids); book transforms
run on the assembled book (glossary and index marking). Each is a plain
function ``transform(doc, ctx) -> doc`` with a ``rule`` name; the pipeline
measures what each one does to the words and writes it to the fidelity
ledger under that name.
"""

from __future__ import annotations

from pressroom.transforms.artefacts import image_captions, sidecar_drop, web_artefacts
from pressroom.transforms.breaks import join_page_breaks
from pressroom.transforms.corrections import apply_corrections
from pressroom.transforms.coverage import glyph_coverage
from pressroom.transforms.headings import (heading_case, heading_levels, heading_lines,
                                           heading_numerals)
from pressroom.transforms.ids import assign_ids
from pressroom.transforms.interpolations import editor_interpolations
from pressroom.transforms.notes import link_notes
from pressroom.transforms.quotes import block_quotes
from pressroom.transforms import sanitize   # the module: its function is sanitize.sanitize
from pressroom.transforms.typography import dashes, ellipses, punctuation_spaces, quotes
from pressroom.transforms.whitespace import colon_space, nbsp, note_space, split_possessive

# The order matters and is the whole normaliser at a glance.
SOURCE_TRANSFORMS = [
    sanitize.sanitize,   # untrusted markup: whitelist raw HTML, refuse remote images
    sidecar_drop,        # paragraphs the sidecar names (with reasons)
    image_captions,      # captions of images the book does not reproduce
    web_artefacts,       # download links, series navigation
    link_notes,          # note marks + note texts -> Pandoc notes
    editor_interpolations,  # "[ed: …]" in the text -> a note
    heading_lines,       # a heading on several lines is one line; bylines leave it
    heading_numerals,    # $\mathbf{V}$, Greek Ι, bold in headings
    heading_levels,      # the text's top level is 2
    heading_case,        # ALL-CAPS headings in title case
    join_page_breaks,    # paragraphs cut by a page break
    block_quotes,        # quotations, attributions, epigraphs
    nbsp,                # white space
    split_possessive,
    colon_space,
    note_space,          # a note's call next to its word
    apply_corrections,   # the sidecar's editorial corrections
    ellipses,            # typography, last: it sees the corrected text
    dashes,
    quotes,
    punctuation_spaces,  # the language's spaces before ; : ! ? (French)
    assign_ids,          # heading ids
    glyph_coverage,      # characters no font has: warned, last (it changes nothing)
]
