"""Notes: reference marks and note texts become Pandoc notes at the mark.

Sources write notes in many ways. Definitions: a "Notes"/"Footnotes"
section holding a numbered list (004's ``- N. text``), or the reader's
``note-def`` divs (Gutenberg ``[Footnote N: …]``, ``*`` notes).
References: ``<sup>N</sup>`` raw HTML, Superscript N, ``[N]`` and a
trailing ``*``. Markdown ``[^N]`` notes are already notes.

A definition whose mark is missing from the text is never dropped: the
sidecar's ``notes:`` list says where it belongs (``n``, ``after``: the
text it follows, ``reason``); otherwise the build warns and puts it at the
end of the section it was found in. Either way the note opens with an
editor's span saying so.
"""

from __future__ import annotations

import re

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.settings.labels import labels

NOTES_HEADING = re.compile(r"^(foot|end)?notes?$", re.I)
SUP = re.compile(r"^<sup>\s*(\w+)\s*</sup>$", re.I)


def _defs_from_list(blocks: list[P.Node]) -> dict[str, list[P.Node]]:
    defs: dict[str, list[P.Node]] = {}
    for b in blocks:
        if b["t"] == "OrderedList":
            start = b["c"][0][0]
            for k, item in enumerate(b["c"][1]):
                defs[str(start + k)] = item
        elif b["t"] == "BulletList":
            for item in b["c"]:
                defs.update(_defs_from_list(item))
        elif b["t"] in ("Para", "Plain"):
            text = P.stringify(b)
            m = re.match(r"^\[?(\d+)[.\])]\s", text)
            if m:
                inl = list(b["c"])
                first = inl[0]
                if first["t"] == "Str" and first["c"] in (m.group(0).strip(),):
                    inl = inl[2:] if len(inl) > 1 and inl[1]["t"] == "Space" else inl[1:]
                defs[m.group(1)] = [P.Para(inl)]
    return defs


def _take_defs(blocks: list[P.Node]) -> tuple[list[P.Node], dict, dict, dict]:
    """Remove note definitions; return blocks, defs, per def the index of
    the last paragraph before it (its section's end, for orphans), and the
    source line of each def where the reader knows it (for warnings)."""
    out: list[P.Node] = []
    defs: dict[str, list[P.Node]] = {}
    where: dict[str, int] = {}
    lines: dict[str, int] = {}
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b["t"] == "Header" and NOTES_HEADING.match(P.stringify(b).strip(" *:")):
            level = b["c"][0]
            j = i + 1
            while j < len(blocks) and not (blocks[j]["t"] == "Header" and blocks[j]["c"][0] <= level):
                j += 1
            found = _defs_from_list(blocks[i + 1:j])
            if found:
                for n, body in found.items():
                    k = _unique(defs, n)
                    where[k] = len(out)
                    defs[k] = body
                i = j
                continue
        attr = P.node_attr(b)
        if b["t"] == "Div" and "note-def" in attr[1]:
            kv = dict(attr[2])
            n = _unique(defs, kv.get("n", "*"))
            if kv.get("line", "").isdigit():
                lines[n] = int(kv["line"])
            defs[n] = b["c"][1]
            where[n] = len(out)
            i += 1
            continue
        out.append(b)
        i += 1
    return out, defs, where, lines


def _unique(defs: dict, n: str) -> str:
    """Notes numbered afresh in each chapter or letter, and every "*"
    note, share a number: each definition gets its own key ("1", "1#2")."""
    if n not in defs:
        return n
    k = 2
    while f"{n}#{k}" in defs:
        k += 1
    return f"{n}#{k}"


def _base(key: str) -> str:
    return key.split("#")[0]


def _ref_number(inlines: list[P.Node], i: int) -> tuple[str, int] | None:
    """If a reference mark starts at inlines[i]: (number, nodes it spans)."""
    n = inlines[i]
    if n["t"] == "RawInline" and n["c"][0] == "html":
        m = SUP.match(n["c"][1])
        if m:
            return m.group(1), 1
        if n["c"][1].lower() == "<sup>" and i + 2 < len(inlines) \
                and inlines[i + 1]["t"] == "Str" and inlines[i + 2]["t"] == "RawInline" \
                and inlines[i + 2]["c"][1].lower() == "</sup>":
            return inlines[i + 1]["c"], 3
    if n["t"] == "Superscript":
        text = P.stringify(n)
        if re.fullmatch(r"\d+|\*", text):
            return text, 1
    return None


def link_notes(doc: P.Node, ctx) -> P.Node:
    blocks, defs, where, lines = _take_defs(doc["blocks"])
    if not defs and not any(n["t"] in ("RawInline", "Superscript") for n in P.iter_nodes(blocks)):
        return doc
    used: set[str] = set()
    by_number: dict[str, list[str]] = {}
    for k in defs:
        by_number.setdefault(_base(k), []).append(k)

    def note_for(num: str, pos: int):
        """The definition a mark at block pos refers to: the first unused
        one with its number at or after it (notes follow their text), else
        the nearest unused one before it."""
        keys = [k for k in by_number.get(num, []) if k not in used]
        if not keys:
            return None
        after = [k for k in keys if where.get(k, 0) > pos]
        k = after[0] if after else max(reversed(keys), key=lambda k: where.get(k, 0))
        used.add(k)
        return {"t": "Note", "c": defs[k]}

    def fix_inlines(inl: list[P.Node], pos: int) -> list[P.Node]:
        out: list[P.Node] = []
        i = 0
        while i < len(inl):
            ref = _ref_number(inl, i)
            if ref and ref[0] in by_number:
                note = note_for(ref[0], pos)
                if note:
                    while out and out[-1]["t"] == "Space":
                        out.pop()
                    out.append(note)
                    i += ref[1]
                    continue
            n = inl[i]
            if n["t"] == "Str" and defs:
                m = MARK.match(n["c"])
                num = m and (m.group(2) or m.group(3) or m.group(4) or m.group(5))
                note = note_for(num, pos) if m and num in by_number else None
                if note:
                    out.append({"t": "Str", "c": m.group(1) + m.group(6)})
                    out.append(note)
                    i += 1
                    continue
            out.append(n)
            i += 1
        return out

    def visitor(pos: int):
        def visit(node):
            t = node["t"]
            if t in ("Para", "Plain"):
                return {"t": t, "c": fix_inlines(node["c"], pos)}
            if t == "Header":
                c = list(node["c"])
                c[2] = fix_inlines(c[2], pos)
                return {"t": t, "c": c}
            if t == "LineBlock":
                return {"t": t, "c": [fix_inlines(line, pos) for line in node["c"]]}
            return None
        return visit

    blocks = [P.walk(b, visitor(pos)) for pos, b in enumerate(blocks)]
    if defs:
        for node in P.iter_nodes(blocks):
            if node["t"] == "Str" and MARK.match(node["c"]):
                ctx.warn(f"the mark in '{node['c']}' has no note text left to attach: "
                         "a note lost in the source, or a mark that is part of the text?")
    orphans = [n for n in defs if n not in used]
    blocks = _place_orphans(blocks, orphans, defs, where, lines, ctx)
    return {**doc, "blocks": blocks}


# A mark after a word: "[1]", "{1}", "*", "†", or ASCII Gutenberg's "(*)", "(+)".
MARK = re.compile(r"^(.*?\S)(?:\[(\d+)\]|\{(\d+)\}|([*†‡])|\(([*+†‡])\))([.,;:!?”’\"')]*)$")


def _editor(text: str) -> P.Node:
    return P.Span(P.inlines(text), classes=["editor"])


def _place_orphans(blocks, orphans, defs, where, lines, ctx) -> list[P.Node]:
    placed = {}
    for i, spec in enumerate(ctx.source.meta.get("notes") or []):
        if not isinstance(spec, dict) or "n" not in spec or "after" not in spec:
            raise UserError(f"notes[{i + 1}] needs 'n' and 'after' (and a 'reason')",
                            ctx.source.sidecar_path)
        placed[str(spec["n"])] = spec
    for n, spec in placed.items():
        if n not in defs:
            raise UserError(f"notes: the source has no note {n}", ctx.source.sidecar_path)
        if n not in [_base(o) for o in orphans]:
            continue
        n = next(o for o in orphans if _base(o) == n)
        note_blocks = _with_editor(defs[n], _label(ctx, "note_mark_placed"))
        if not _insert_after(blocks, spec["after"], {"t": "Note", "c": note_blocks}):
            raise UserError(f"notes: note {n}: no paragraph contains '{spec['after']}'",
                            ctx.source.sidecar_path, hint="quote the text the note follows")
    for n in orphans:
        if _base(n) in placed:
            continue
        ctx.warn(f"note {_base(n)} has no reference mark in the text; placed at the end "
                 "of its section (say where it belongs in the sidecar's notes:)",
                 lines.get(n))
        note = {"t": "Note", "c": _with_editor(defs[n], _label(ctx, "note_mark_missing"))}
        k = where.get(n, len(blocks)) - 1
        while k >= 0 and blocks[k]["t"] not in ("Para", "Plain"):
            k -= 1
        if k < 0:
            blocks.append(P.Para([note]))
        else:
            blocks[k] = {"t": blocks[k]["t"], "c": blocks[k]["c"] + [note]}
    return blocks


def _label(ctx, key: str) -> str:
    """The editor's words in the book's language (templates/labels/)."""
    return labels(ctx.config.data["language"] if ctx.config else "en")[key]


def _with_editor(note_blocks: list[P.Node], text: str) -> list[P.Node]:
    first = note_blocks[0] if note_blocks else P.Para([])
    if first["t"] in ("Para", "Plain"):
        return [P.Para([_editor(text), {"t": "Space"}] + first["c"])] + note_blocks[1:]
    return [P.Para([_editor(text)])] + note_blocks


def _insert_after(blocks: list[P.Node], snippet: str, note: P.Node) -> bool:
    for node in P.iter_nodes(blocks):
        if node["t"] not in ("Para", "Plain") or snippet not in P.stringify(node):
            continue
        inl = node["c"]
        for k in range(len(inl)):
            if snippet in P.stringify(inl[:k + 1]):
                inl.insert(k + 1, note)
                return True
    return False


link_notes.rule = "notes"
link_notes.editorial = True
