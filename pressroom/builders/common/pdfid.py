"""Every PDF's trailer ``/ID``, derived from the file's own content.

Place in the flow: the last step of every PDF writer (pamphlet, print
interior and cover, packets and booklets) is ``stamp(path)``. PDF/X (and a
print shop's preflight) requires a file identifier; PDF writers make a
random one, or none, so two builds of the same book would differ. Here the
identifier is the MD5 of the file with its identifier blanked: the same
content gives the same /ID, and a changed content a new one.

How: the writers are asked to write an identifier (WeasyPrint:
``WEASY_OPTIONS``; pypdf: ``prepare(writer)``), then ``stamp`` overwrites
both strings of the last ``/ID`` in place with hex digits of the digest,
at the same length, so no byte offset in the file moves. A file with no
``/ID`` at all is rewritten once with pypdf.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# WeasyPrint writes an /ID when given one (pydyf); the stamp then replaces it
WEASY_OPTIONS = {"pdf_identifier": b"0" * 32}

_STRING = rb"(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))"
_ID = re.compile(rb"/ID\s*\[\s*" + _STRING + rb"\s*" + _STRING + rb"\s*\]")


def content_id(data: bytes) -> str:
    """The identifier of a PDF whose bytes (identifier blanked) are ``data``:
    32 hex digits."""
    return hashlib.md5(data).hexdigest()


def _same_length(token: bytes, digest: str) -> bytes:
    """``digest`` written as a PDF string exactly as long as ``token``."""
    inner = len(token) - 2
    hexes = (digest * (inner // len(digest) + 1))[:inner]
    if token.startswith(b"<") and inner % 2:      # a hex string: an even count
        hexes = hexes[:-1] + " "
    return token[:1] + hexes.encode() + token[-1:]


def prepare(writer) -> None:
    """Make a pypdf ``PdfWriter`` write an identifier (replaced by ``stamp``)."""
    from pypdf.generic import ArrayObject, ByteStringObject
    writer._ID = ArrayObject([ByteStringObject(b"\0" * 16), ByteStringObject(b"\0" * 16)])


def stamp(path: Path) -> str:
    """Give the PDF at ``path`` its content-derived /ID; returns it (hex)."""
    path = Path(path)
    data = path.read_bytes()
    match = None
    for match in _ID.finditer(data):
        pass
    if match is None:
        _rewrite_with_id(path)
        return stamp(path)
    first, second = match.span(1), match.span(2)
    blank = bytearray(data)
    for a, b in (first, second):             # the strings' contents, not delimiters
        blank[a + 1:b - 1] = b"0" * (b - a - 2)
    digest = content_id(bytes(blank))
    out = bytearray(data)
    for a, b in (first, second):
        out[a:b] = _same_length(data[a:b], digest)
    path.write_bytes(bytes(out))
    return digest


def _rewrite_with_id(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    prepare(writer)
    with open(path, "wb") as fh:
        writer.write(fh)


def trailer_id(path: Path) -> list[bytes]:
    """The two strings of the trailer's /ID, as pypdf reads them (tests)."""
    from pypdf import PdfReader
    ids = PdfReader(str(path)).trailer.get("/ID")
    return [bytes(x.original_bytes if hasattr(x, "original_bytes") else x) for x in ids] \
        if ids else []
