"""Bytes to text: every source passes through here before any reader.

Detects UTF-8 (with or without BOM), UTF-16 with BOM, and falls back to
cp1252; anything else (NUL bytes, bytes that are text in neither, a
megabyte-long line) is a UserError naming the file and line, so a reader
never crashes on bytes. Line ends become \\n.
"""

from __future__ import annotations

from pathlib import Path

from pressroom.errors import UserError

MAX_LINE = 1_000_000        # characters; a scraped page's longest real line is far less


def decode(raw: bytes, path: Path | None = None) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if not raw.strip():
        raise UserError("source is empty", path, hint="add text or remove it from book.yaml")
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = raw[:raw.index(b"\x00")].count(b"\n") + 1
        raise UserError("source contains NUL bytes: is it a binary file?", path, line,
                        hint="give a text, Markdown or HTML file")
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
            except UnicodeDecodeError as e:
                line = raw[:e.start].count(b"\n") + 1
                raise UserError(f"undecodable bytes (0x{raw[e.start]:02x}): neither UTF-8 "
                                "nor Windows-1252 text", path, line,
                                hint="re-save the file as UTF-8") from None
    if "\x00" in text:
        raise UserError("source contains NUL bytes: is it a binary file?", path,
                        hint="give a text, Markdown or HTML file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    longest = max(map(len, text.split("\n")))
    if longest > MAX_LINE:
        line = next(i for i, ln in enumerate(text.split("\n"), 1) if len(ln) == longest)
        raise UserError(f"a single line of {longest:,} characters: not an article's text",
                        path, line, hint="check the file; split it into paragraphs")
    return text, enc


def read_source_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read source: {e.strerror}", path) from None
    return decode(raw, path)
