"""Bytes to text: every source passes through here before any reader.

The sidecar's ``encoding:`` is obeyed when it is given (an undecodable byte
is then an error naming file, line and byte). Otherwise: UTF-8 (with or
without BOM) and UTF-16 with BOM; a UTF-8 file with a few lines in
Windows-1252 (one pasted ``é``) has those lines read as Windows-1252, with
a warning per file naming the first line; a file that is not UTF-8 is
detected with charset-normalizer (a Cyrillic or Greek code page when its
text reads as that script; Windows-1252 otherwise). Mis-decoded text in a
UTF-8 file (``CafÃ©``) is repaired with ftfy, and control characters are
removed, each with a warning naming the first line. Anything else (NUL
bytes, bytes that are text in no encoding, a UTF-16 file cut in the middle
of a character, a megabyte-long line) is a UserError naming the file and
line, so a reader never crashes on bytes. Line ends become \\n.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import Callable

from pressroom.errors import UserError
from pressroom.readers.limits import check_nesting

MAX_LINE = 1_000_000        # characters; a scraped page's longest real line is far less
Warn = Callable[[str, "int | None"], None]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTI = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
SCRIPTS = ("CYRILLIC", "GREEK", "HEBREW", "ARABIC", "THAI")


def _quiet(message: str, line: int | None = None) -> None:
    return None


def _line_of(raw: bytes, pos: int) -> int:
    return raw[:pos].count(b"\n") + 1


def _undecodable(raw: bytes, err: UnicodeDecodeError, path, what: str, hint: str) -> UserError:
    return UserError(f"undecodable bytes (0x{raw[err.start]:02x}): {what}", path,
                     _line_of(raw, err.start), hint=hint)


def decode(raw: bytes, path: Path | None = None, encoding: str | None = None,
           warn: Warn = _quiet) -> tuple[str, str]:
    """Return (text, encoding name); warnings go to ``warn(message, line)``."""
    if not raw.strip():
        raise UserError("source is empty", path, hint="add text or remove it from book.yaml")
    utf32 = raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
    utf16 = not utf32 and raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    wide = utf16 or utf32 or (encoding or "").lower().replace("_", "-").startswith(("utf-16", "utf-32"))
    if b"\x00" in raw and not wide:
        halves = raw[1::2] if raw[1:2] == b"\x00" else raw[0::2]
        guess = (" (it looks like UTF-16 without a byte-order mark: set 'encoding: utf-16-le' "
                 "or 'utf-16-be' in the sidecar)") if halves.count(0) > len(halves) * 0.9 else ""
        raise UserError(f"source contains NUL bytes: is it a binary file?{guess}", path,
                        _line_of(raw, raw.index(b"\x00")), hint="give a text, Markdown or HTML file")
    if encoding:
        text, enc = _declared(raw, encoding, path, warn), encoding
    elif utf32:
        try:
            text, enc = raw.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise UserError("UTF-32 text cut short or broken", path,
                            hint="re-save the file as UTF-8") from None
    elif utf16:
        text, enc = _utf16(raw, path), "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        text, enc = _utf8(raw[3:], path, warn), "utf-8-sig"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if _UTF8_MULTI.search(raw):
                text, enc = _utf8(raw, path, warn), "utf-8"
            else:
                text, enc = _detect(raw, path, warn)
    if "\x00" in text:
        raise UserError("source contains NUL bytes: is it a binary file?", path,
                        hint="give a text, Markdown or HTML file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _repair(text, warn)
    lengths = [len(ln) for ln in text.split("\n")]
    if max(lengths) > MAX_LINE:
        line = lengths.index(max(lengths)) + 1
        raise UserError(f"a single line of {max(lengths):,} characters: not an article's text",
                        path, line, hint="check the file; split it into paragraphs")
    return text, enc


def _declared(raw: bytes, encoding: str, path, warn: Warn = _quiet) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UserError(f"unknown encoding '{encoding}'", path,
                        hint="use a Python codec name: utf-8, cp1252, koi8-r ...") from None
    if codecs.lookup(encoding).name not in ("utf-8", "ascii") and _UTF8_MULTI.search(raw):
        try:
            raw.decode("utf-8")
            warn(f"the sidecar says 'encoding: {encoding}', but the file is valid UTF-8 "
                 "text: check the sidecar", None)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise _undecodable(raw, err, path, f"not {encoding} text",
                           f"check the sidecar's 'encoding: {encoding}'") from None


def _utf16(raw: bytes, path) -> str:
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as err:
        line = raw[:err.start].decode("utf-16", errors="replace").count("\n") + 1
        what = ("the file ends in the middle of a character (an odd trailing byte)"
                if err.start >= len(raw) - 1 else "a broken UTF-16 surrogate pair")
        raise UserError(f"UTF-16 text cut short: {what}", path, line,
                        hint="re-save the file as UTF-8") from None


def _utf8(raw: bytes, path, warn: Warn) -> str:
    """UTF-8 with a few bytes in Windows-1252 (a pasted ``é``): each such
    byte read as Windows-1252, the rest as UTF-8; one warning."""
    out, first = [], None
    for n, line in enumerate(raw.split(b"\n"), 1):
        pos, parts = 0, []
        while True:
            try:
                parts.append(line[pos:].decode("utf-8"))
                break
            except UnicodeDecodeError as err:
                parts.append(line[pos:pos + err.start].decode("utf-8"))
                byte = line[pos + err.start:pos + err.start + 1]
                try:
                    char = byte.decode("cp1252")
                except UnicodeDecodeError:
                    raise UserError(f"undecodable bytes (0x{byte[0]:02x}): neither UTF-8 "
                                    "nor Windows-1252 text", path, n,
                                    hint="re-save the file as UTF-8") from None
                first = first or (n, byte[0], char)
                parts.append(char)
                pos += err.start + 1
        out.append("".join(parts))
    if first:
        n, byte, char = first
        warn(f"byte 0x{byte:02x} is not UTF-8: read as Windows-1252 ('{char}'); "
             "re-save the file as UTF-8", n)
    return "\n".join(out)


def _detect(raw: bytes, path, warn: Warn) -> tuple[str, str]:
    """A file that is not UTF-8: charset-normalizer's best guess when it
    reads as a non-Latin script, else Windows-1252."""
    from charset_normalizer import from_bytes
    best = from_bytes(raw).best()
    if best is not None and best.coherence >= 0.2:
        text = str(best)
        letters = [c for c in text if ord(c) > 127 and c.isalpha()]
        if letters and sum(unicodedata.name(c, "").startswith(SCRIPTS) for c in letters) > len(letters) / 2:
            warn(f"not UTF-8: read as {best.encoding} (detected); set 'encoding:' in the "
                 "sidecar to confirm, or re-save the file as UTF-8", None)
            return text, best.encoding
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        guess = f"; it may be {best.encoding}: set 'encoding: {best.encoding}' in the sidecar" \
            if best is not None else ""
        raise _undecodable(raw, err, path, "neither UTF-8 nor Windows-1252 text",
                           f"re-save the file as UTF-8{guess}") from None


def _repair(text: str, warn: Warn) -> str:
    """Mojibake (``CafÃ©``) repaired with ftfy, control characters removed;
    one warning each, naming the first line."""
    import ftfy
    from ftfy.badness import is_bad
    lines = text.split("\n")
    fixed_at = None
    for i, line in enumerate(lines):
        if is_bad(line):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                if fixed_at is None:
                    at = next((k for k, (a, b) in enumerate(zip(line, fixed)) if a != b), 0)
                    start = max(0, line.rfind(" ", 0, at) + 1)
                    fixed_at = (i + 1, line[start:start + 20].split(" ")[0],
                                fixed[start:start + 20].split(" ")[0])
                lines[i] = fixed
    if fixed_at:
        warn(f"mis-decoded text repaired ('{fixed_at[1]}' -> '{fixed_at[2]}'); "
             "check the file's encoding", fixed_at[0])
    controls = [i for i, line in enumerate(lines, 1) if _CONTROL.search(line)]
    if controls:
        found = _CONTROL.search(lines[controls[0] - 1]).group(0)
        warn(f"control characters removed (U+{ord(found):04X} first; {len(controls)} "
             "line(s))", controls[0])
        lines = [_CONTROL.sub("", line) for line in lines]
    return "\n".join(lines)


def read_source_text(path: Path, encoding: str | None = None,
                     warn: Warn = _quiet) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read source: {e.strerror}", path) from None
    return decode(raw, path, encoding, warn)


def read_source(source, ctx) -> tuple[str, str]:
    """A source's text, in the sidecar's ``encoding:`` when it names one,
    with decoding warnings given to the reader's context."""
    root = getattr(getattr(ctx, "config", None), "root", None)
    if root is not None and not source.path.resolve().is_relative_to(Path(root).resolve()):
        raise UserError("source is outside the book folder (a symlink leaving it?)",
                        source.path, hint="copy the file into the book folder")
    encoding = (source.meta or {}).get("encoding")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            sidecar = source.sidecar_path
            try:
                lines = sidecar.read_text(encoding="utf-8").split("\n")
                line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("encoding:"))
            except (OSError, UnicodeDecodeError, StopIteration):
                line = None
            raise UserError(f"unknown encoding '{encoding}'", sidecar, line,
                            hint="use a Python codec name: utf-8, cp1252, koi8-r ...") from None
    text, enc = read_source_text(source.path, encoding, ctx.warn)
    check_nesting(text, source.format, source.path)
    return text, enc
