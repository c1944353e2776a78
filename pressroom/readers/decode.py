"""Bytes to text: every source passes through here before any reader.

Detects UTF-8 (with or without BOM), UTF-16 with BOM, and falls back to
cp1252/Latin-1, so a reader never crashes on bytes. Line ends become \\n.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError


def decode(raw: bytes, path: Path | None = None) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if not raw.strip():
        raise UserError("source is empty", path, hint="add text or remove it from book.yaml")
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = raw.decode("utf-16"), "utf-16"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, enc = raw.decode("latin-1"), "latin-1"
    if "\x00" in text:
        raise UserError("source contains NUL bytes: is it a binary file?", path,
                        hint="give a text, Markdown or HTML file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), enc


def read_source_text(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read source: {e.strerror}", path) from None
    return decode(raw, path)
