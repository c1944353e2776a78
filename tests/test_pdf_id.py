"""Every PDF gets a trailer /ID derived from its content (issue 14/18):
present, the same for the same bytes, different for different content,
and written without moving any byte offset (the file still parses strictly)."""

from __future__ import annotations

import hashlib

from pypdf import PdfReader, PdfWriter

from pressroom.builders.common import pdfid
from pressroom.builders.common import weasy


def _weasy_pdf(path, text):
    import weasyprint
    weasyprint.HTML(string=f"<p>{text}</p>").write_pdf(str(path), **pdfid.WEASY_OPTIONS)


def _expected(path) -> str:
    """MD5 of the file with both /ID strings' contents replaced by '0'."""
    data = path.read_bytes()
    at = data.rindex(b"/ID")
    end = data.index(b"]", at)
    head, ids, tail = data[:at], bytearray(data[at:end]), data[end:]
    for opener, closer in ((b"<", b">"), (b"(", b")")):
        i = ids.find(opener)
        while i != -1:
            j = ids.index(closer, i)
            ids[i + 1:j] = b"0" * (j - i - 1)
            i = ids.find(opener, j + 1)
    return hashlib.md5(head + bytes(ids) + tail).hexdigest()


def test_weasyprint_pdf_id_is_content_hash(tmp_path):
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    _weasy_pdf(a, "one")
    _weasy_pdf(b, "one")
    _weasy_pdf(c, "two")
    ids = [pdfid.stamp(p) for p in (a, b, c)]
    assert ids[0] == ids[1] != ids[2]
    assert a.read_bytes() == b.read_bytes()
    assert ids[0] == _expected(a)
    reader = PdfReader(str(a), strict=True)
    first, second = reader.trailer["/ID"]
    assert bytes(first.original_bytes) == ids[0].encode() == bytes(second.original_bytes)
    assert len(reader.pages) == 1


def test_pypdf_writer_gets_an_id_in_place(tmp_path):
    src = tmp_path / "src.pdf"
    _weasy_pdf(src, "three")
    out = tmp_path / "out.pdf"
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    pdfid.prepare(writer)
    with open(out, "wb") as fh:
        writer.write(fh)
    size = out.stat().st_size
    digest = pdfid.stamp(out)
    assert out.stat().st_size == size
    assert digest == _expected(out)
    ids = PdfReader(str(out), strict=True).trailer["/ID"]
    assert [bytes(x.original_bytes if hasattr(x, "original_bytes") else x) for x in ids] \
        == [bytes.fromhex(digest)] * 2


def test_pdf_without_id_is_given_one(tmp_path):
    out = tmp_path / "none.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with open(out, "wb") as fh:
        writer.write(fh)
    assert "/ID" not in PdfReader(str(out)).trailer
    digest = pdfid.stamp(out)
    assert digest == _expected(out)
    again = tmp_path / "again.pdf"
    again.write_bytes(out.read_bytes())
    assert pdfid.stamp(again) == digest
