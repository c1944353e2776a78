"""Index candidates: frequent capitalised names that no index entry covers.

The marking transform (transforms/marking.py) hands over every paragraph's
text with the spans its glossary and index marks cover; what is left and
looks like a name ("Ada Lovelace", "Manchester"), is not a sentence-start
word (its lower-case form occurs in the book), not a demonym ("Italian")
and occurs often enough is reported in the build (``book.index.candidates``),
so the index keeps up when a source is added.
"""

from __future__ import annotations

import re
from collections import Counter

from pressroom.doctree.spans import OBJECT

_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*\w(?: (?:[A-Z][\w'’.-]*\w|of|de|von|van|der|la|the))*")
_DEMONYM = re.compile(r"(?:ans?|ish|ese|French|Germans?|English|Dutch)$")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")
_STOP = {"The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or", "For", "To",
         "As", "By", "It", "He", "She", "We", "They", "This", "That", "These",
         "Those", "I", "If", "When", "While", "Mr", "Mrs", "Dr", "St", "So", "Yet",
         "January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December", "Monday", "Sunday"}


def find_candidates(paragraphs, min_count: int = 5) -> list[tuple[str, int]]:
    """Capitalised names (not sentence-start words, not in any entry) that
    occur at least ``min_count`` times: candidates for new index headings."""
    vocab: set[str] = set()
    for text, _ in paragraphs:
        vocab.update(_LOWER.findall(text))
    counts: Counter = Counter()
    for text, covered in paragraphs:
        if covered:
            chars = list(text)
            for s, e in covered:
                chars[s:e] = OBJECT * (e - s)
            text = "".join(chars)
        for m in _NAME.finditer(text):
            words = m.group().strip().split(" ")
            while words and (words[0] in _STOP or words[0].lower() in vocab and len(words) > 1):
                words.pop(0)
            while words and words[-1].islower():
                words.pop()
            name = re.sub(r"['’]s?$", "", " ".join(words))
            if (len(name) < 3 or name in _STOP
                    or " " not in name and (name.lower() in vocab or _DEMONYM.search(name))):
                continue
            counts[name] += 1
    return [(n, c) for n, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
            if c >= min_count]
