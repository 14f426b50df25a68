"""Property tests on made-up documents of the same shapes as the PDF extractions: random
paragraphs with footnote markers, laid out on pages with footers, cut at random page breaks
(mid-word with a hyphen, between words, before a marker) and random footnote splits.
Parsing must give back every paragraph and footnote, whole, once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pysbd.lang.english import English

from service.parse import heading_of, join_pieces, parse_document, split_blocks
from service.text import SUPERSCRIPT_DIGITS, ends_sentence

_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)

# Words that are not abbreviations ("fig.", "prof."), which by design do not end sentences
# (the sentence splitter's own list).
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS)
lower_word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).filter(lambda w: w not in _ABBREVIATIONS)
proper_word = lower_word.map(str.capitalize)


@st.composite
def sentences(draw: st.DrawFn, min_words: int = 4) -> list[str]:
    """Words of one sentence; the last ends with a full stop."""
    rest = st.lists(st.one_of(lower_word, lower_word, proper_word), min_size=min_words - 1, max_size=14)
    words = [draw(proper_word), *draw(rest)]
    words[-1] += "."
    return words


@dataclass
class Layout:
    """The made-up document as written (truth) and as a PDF extraction would print it."""

    paragraphs: list[str] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)


@st.composite
def documents(draw: st.DrawFn) -> Layout:
    layout = Layout()
    next_note = 1
    for number in range(draw(st.integers(2, 7))):
        words: list[str] = []
        # Like a real report, the body opens with a full paragraph (30+ words), which is
        # how the parser tells the title lines above it from the body.
        opening = number == 0
        for _ in range(draw(st.integers(4, 5) if opening else st.integers(1, 4))):
            sentence = draw(sentences(8 if opening else 4))
            if draw(st.booleans()):
                sentence[-1] += str(next_note).translate(_SUPER)
                note = " ".join(draw(sentences()) + draw(sentences()))
                layout.footnotes[next_note] = note
                next_note += 1
            words.extend(sentence)
        layout.paragraphs.append(" ".join(words))
    paginate(draw, layout)
    return layout


def paginate(draw: st.DrawFn, layout: Layout) -> None:
    """Lay the paragraphs out on pages, each followed by the footnotes its text cites."""
    stream = " \n\n ".join(layout.paragraphs).split(" ")  # "\n\n" tokens end paragraphs
    pages: list[list[str]] = []
    while stream:
        # Pages hold at least a few lines; the first page opens with a real paragraph.
        size = draw(st.integers(30 if not pages else 10, 80))
        cut = min(size, len(stream))
        # Never cut right after a sentence end: there a page break and a paragraph end look alike.
        while cut < len(stream) and at_paragraph_or_sentence_end(stream, cut):
            cut += 1
        pages.append(stream[:cut])
        stream = stream[cut:]
    carry: str | None = None  # the cut tail of the previous page's last footnote
    for index, tokens in enumerate(pages):
        body = " ".join(tokens).split(" \n\n ")
        body = [b.strip() for b in body if b.strip()]
        if draw(st.booleans()) and body and len(body[-1].split()[-1]) >= 6 and not ends_sentence(body[-1]):
            body, tail = hyphenate(body, draw)
            pages[index + 1 : index + 2] = [[tail, *pages[index + 1]]] if index + 1 < len(pages) else []
        notes = [n for n in layout.footnotes if any(cites(b, n) for b in body)]
        layout.blocks.extend(body)
        if carry is not None and notes:
            layout.blocks.append(carry)
            carry = None
        layout.blocks.extend(f"{marker(n)} {layout.footnotes[n]}" for n in notes)
        following_has_notes = any(
            any(cites(" ".join(p), n) for n in layout.footnotes) for p in pages[index + 1 : index + 2]
        )
        if notes and following_has_notes and draw(st.booleans()):
            head, tail = split_words(layout.blocks[-1], draw)
            if tail:
                layout.blocks[-1], carry = head, tail


def at_paragraph_or_sentence_end(stream: list[str], cut: int) -> bool:
    return stream[cut - 1] == "\n\n" or ends_sentence(stream[cut - 1]) or stream[cut] == "\n\n"


def hyphenate(body: list[str], draw: st.DrawFn) -> tuple[list[str], str]:
    """Cut the page's last word in two with a hyphen; the second half opens the next page."""
    *rest, word = body[-1].split(" ")
    at = draw(st.integers(2, len(word) - 3))
    return body[:-1] + [" ".join([*rest, word[:at] + "-"])], word[at:]


def split_words(block: str, draw: st.DrawFn) -> tuple[str, str | None]:
    words = block.split(" ")
    candidates = [i for i in range(2, len(words)) if not ends_sentence(words[i - 1])]
    if not candidates:
        return block, None
    at = draw(st.sampled_from(candidates))
    return " ".join(words[:at]), " ".join(words[at:])


def cites(text: str, number: int) -> bool:
    return re.search(f"(?<![{SUPERSCRIPT_DIGITS}]){marker(number)}(?![{SUPERSCRIPT_DIGITS}])", text) is not None


def marker(number: int) -> str:
    return str(number).translate(_SUPER)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_parse_gives_back_every_paragraph_and_footnote_whole(layout: Layout) -> None:
    raw = "Made-Up Report Title\n\n" + "\n\n".join(layout.blocks) + "\n"
    parsed = parse_document(raw)
    assert [p.raw_text() for p in parsed.paragraphs] == layout.paragraphs
    assert {n: f.raw_text() for n, f in parsed.footnotes.items()} == layout.footnotes
    assert [b.text for b, reason in parsed.skipped] == ["Made-Up Report Title"]


def test_join_pieces_rejoins_hyphenated_words_only_before_lower_case() -> None:
    assert join_pieces(["gives Paki-", "stani policymakers"]) == "gives Pakistani policymakers"
    assert join_pieces(["the predominantly", "Pashtun Deobandi"]) == "the predominantly Pashtun Deobandi"
    assert join_pieces(["a U.S.-", "Taliban deal"]) == "a U.S.- Taliban deal"


def test_headings_are_recognised_but_sentences_are_not() -> None:
    assert heading_of("III. Back to Square One?") == (1, "III", "III. Back to Square One?")
    assert heading_of("B. *Emboldening Homegrown Militants*") == (2, "B", "B. Emboldening Homegrown Militants")
    assert heading_of("## Methods") == (2, "Methods", "Methods")
    assert heading_of("A. This is a sentence that ends like one.") is None
    assert heading_of("Pakistan was one of three countries.") is None


def test_split_blocks_keeps_exact_spans() -> None:
    raw = "\n\nFirst block\nsame block\n\n\nSecond  \n"
    blocks = split_blocks(raw)
    assert [raw[b.span[0] : b.span[1]] for b in blocks] == ["First block\nsame block", "Second"]
