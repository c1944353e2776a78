"""Transforms: small, named functions over the Pandoc tree.

Source transforms run on one chapter at a time, right after its reader
(clean-up, structure, notes, typography, corrections, ids); book transforms
run on the assembled book (glossary and index marking). Each is a plain
function ``transform(doc, ctx) -> doc``; ``ctx`` carries the source, its
sidecar and the fidelity report the transform writes its counts to.
"""

from __future__ import annotations

from .ids import assign_ids
from .sanitize import sanitize

# The order matters and is the whole normaliser at a glance.
SOURCE_TRANSFORMS = [
    sanitize,            # untrusted markup: whitelist raw HTML, refuse remote images
    assign_ids,
]
