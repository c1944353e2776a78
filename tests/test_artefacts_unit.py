"""Web artefacts dropped by name (transforms/artefacts.py), on paragraphs
written here: what goes, what stays, and the sidecar's drop list."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pressroom.doctree import pandoc as P
from pressroom.errors import UserError
from pressroom.transforms.artefacts import image_captions, sidecar_drop, web_artefacts


def doc(*texts: str) -> P.Node:
    return P.document([P.Para(P.inlines(t)) for t in texts])


def kept(d: P.Node) -> list[str]:
    return [P.stringify(b) for b in d["blocks"]]


def ctx(drop=None):
    src = SimpleNamespace(meta={"drop": drop} if drop is not None else {},
                          sidecar_path=Path("s.yaml"))
    return SimpleNamespace(source=src)


TEXT = "The workers of Petrograd met in the Tauride Palace that night."


@pytest.mark.parametrize("caption", [
    "Red Guards at the Smolny / Image: Wikimedia Commons",
    "Lenin speaking in 1920 / Photo: archive",
    "Kronstadt sailors in 1921 ArchiveKronstadt sailors in 1921 / Archive",
], ids=["image-credit", "photo-credit", "doubled"])
def test_captions_go(caption):
    assert kept(image_captions(doc(TEXT, caption), None)) == [TEXT]


@pytest.mark.parametrize("text", [
    TEXT,
    "Workers and soldiers / peasants: all three joined in 1917.",
    "He said yes / no.",
    "x " * 250 + "/ Image: y",
    "Short / Archive",
], ids=["prose", "slash", "short-slash", "too-long", "no-double"])
def test_prose_stays(text):
    assert kept(image_captions(doc(text), None)) == [text]


@pytest.mark.parametrize("line", [
    "Download a PDF", "Download an illustrated ebook", "Next - Part II",
    "Previous: chapter 3", "Share this article", "Email this", "Click here to join",
    "Subscribe", "Back to top", "Return to the index",
], ids=lambda s: s.split()[0].lower() + str(len(s)))
def test_web_lines_go(line):
    assert kept(web_artefacts(doc(TEXT, line), None)) == [TEXT]


@pytest.mark.parametrize("line", [
    "The download of news reached Moscow.", "Read part of it aloud, he said, and they did.",
    "Back to top form, the army advanced again.", ("Subscribe " + "word " * 60).strip(),
], ids=["download-mid", "read-mid", "back-to-top-prose", "too-long"])
def test_prose_that_looks_like_web_stays(line):
    assert kept(web_artefacts(doc(line), None)) == [line]


def test_headings_can_be_artefacts_too():
    d = P.document([P.Header(2, P.inlines("Share this"), "h"), P.Para(P.inlines(TEXT))])
    assert kept(web_artefacts(d, None)) == [TEXT]


def test_sidecar_drop():
    c = ctx([{"match": "Red Guards in", "reason": "caption"},
             {"match": "Photo", "reason": "credit"}])
    d = doc(TEXT, "Red Guards in a commandeered car", "Photo by X", "Red Guards in it again")
    assert kept(sidecar_drop(d, c)) == [TEXT]
    assert kept(sidecar_drop(doc(TEXT), ctx([]))) == [TEXT]
    assert kept(sidecar_drop(doc(TEXT), ctx())) == [TEXT]


def test_sidecar_drop_mistakes():
    with pytest.raises(UserError, match="drop: no paragraph starts with 'Nothing'") as e:
        sidecar_drop(doc(TEXT), ctx([{"match": "Nothing", "reason": "r"}]))
    assert e.value.path == Path("s.yaml") and e.value.hint == "check the text against the source"
    for bad in ([{"match": "The"}], [{"reason": "r"}], ["The"], [{"match": "", "reason": "r"}]):
        with pytest.raises(UserError, match="each drop: entry needs 'match' and 'reason'") as e:
            sidecar_drop(doc(TEXT), ctx(bad))
        assert e.value.path == Path("s.yaml")
        assert e.value.message == "each drop: entry needs 'match' and 'reason'"


def doubled(caption: str, credit: str) -> str:
    """The scrapes' doubled caption: "Caption CreditCaption / Credit"."""
    return f"{caption} {credit}{caption} / {credit}"


@pytest.mark.parametrize("text, dropped", [
    (doubled("Sailors in the port", "Archive of the Baltic Fleet"), True),       # 5 words
    (doubled("Sailors in the port", "Archive of the Red Baltic Fleet"), False),  # 6 words
    (doubled("Sailors1", "Archive"), True),                  # 8 letters after the credit
    (doubled("Sailor1", "Archive"), False),                  # 7: too short to be sure
    ("Alpha beta gamma delta Archive epsilon zeta eta theta / Archive", False),  # unlike
], ids=["credit-5", "credit-6", "second-8", "second-7", "unlike-halves"])
def test_doubled_captions_by_their_limits(text, dropped):
    assert kept(image_captions(doc(TEXT, text), None)) == ([TEXT] if dropped else [TEXT, text])


def test_caption_and_web_line_length_limits():
    cap = "A caption / Image: credit"
    at_400 = "x" * (400 - len(cap)) + cap
    assert len(at_400) == 400 and kept(image_captions(doc(at_400), None)) == []
    assert kept(image_captions(doc("x" + at_400), None)) == ["x" + at_400]
    web = "Subscribe " + "y" * 189
    assert len(web) == 199 and kept(web_artefacts(doc(web), None)) == []
    assert kept(web_artefacts(doc(web + "y"), None)) == [web + "y"]


def test_plain_blocks_are_dropped_too():
    d = P.document([{"t": "Plain", "c": P.inlines("Share this")}, P.Para(P.inlines(TEXT))])
    assert kept(web_artefacts(d, None)) == [TEXT]
