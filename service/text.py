"""Text helpers shared by the pipeline: clean source text, split sentences, normalise.

Cleaning removes only presentation (markdown emphasis, backslash escapes, footnote markers);
it never rewrites words. Sentence spans are character offsets into the cleaned text, so the
answer and highlights are always exact slices of a unit's text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pysbd

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
MARKER = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~])")

# pysbd (rule-based sentence boundary disambiguation, Golden Rules tested) knows abbreviations
# ("U.S.", "Gen.", "No.", "op. cit."), initials and quotations. Two things it gets wrong in
# footnotes are repaired after it: a title ending in "?" or "op. cit." followed by ", date" or
# ";" is cut there, and a list quoted inside a sentence ("(a) …; (b) …") becomes one sentence per
# item; a footnote marker after a full stop opens the next sentence instead of closing its own.
_FULL_STOP = re.compile(r"[.?!…][\"'”’)\]]*$")
_CONTINUES = re.compile(r"[a-z,;:)\]–-]")
# "(a) …; (b) …; and (c) …" inside a sentence: pysbd reads the enumerators as a list's items and
# then misses the full stop after the last one ("… on 2 December 2020". Kamran Yousaf, "…",
# The Express Tribune, …: a quotation and the reference entry after it read as one sentence).
# They are segmented as "[a]", the same length, so that every offset holds.
_ENUMERATOR = re.compile(r"\(([a-z]|[ivx]{1,4}|\d{1,2})\)(?=\s)")
TERMINAL = re.compile(r"[.?!:;…][\"'”’)\]]*$")


def superscript_to_int(marker: str) -> int:
    """'⁷⁵' -> 75."""
    return int(marker.translate(_SUPER_TO_INT))


def clean_inline(text: str) -> str:
    """Drop markdown emphasis and backslash escapes; keep every word as it is."""
    text = _EMPHASIS.sub(r"\2", text)
    return _ESCAPE.sub(r"\1", text)


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a finished sentence (markers and emphasis ignored)."""
    tail = MARKER.sub("", text).rstrip().rstrip("*").rstrip()
    return bool(TERMINAL.search(tail))


Span = tuple[int, int]  # a [start, end) range of characters in a text
# An owner's "'s" (or a bare apostrophe) ending a word, and "'s" right after a word inside a text.
POSSESSIVE_END = re.compile(r"['\u2019]s?$")
POSSESSIVE = re.compile(r"['\u2019]s\b")
DIGEST = 16  # bytes of a text's digest (`text_digest`)


@dataclass
class SentenceMemo:
    """Sentence spans by text (a digest of it), for the length of a build.

    pysbd takes about 2 ms a unit, and a build asks for a unit's sentences more than once
    (its footnote markers while parsing, the sentence table after); kept across builds
    (service.sentence_cache), only new text is split at all (docs/scale.md, "Incremental
    builds"). `used` holds what this build asked for: what is worth keeping."""

    known: dict[bytes, tuple[Span, ...]] = field(default_factory=dict)
    used: dict[bytes, tuple[Span, ...]] = field(default_factory=dict)

    def spans(self, text: str) -> list[Span]:
        key = text_digest(text)
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
        if found is None:
            found = tuple(_split_sentences(text))
        self.used[key] = found
        return list(found)


_MEMO: ContextVar[SentenceMemo | None] = ContextVar("sentence_memo", default=None)


@contextmanager
def remembering_sentences(memo: SentenceMemo) -> Iterator[SentenceMemo]:
    """While open (in this thread), `sentence_spans` reads from and adds to `memo`."""
    token = _MEMO.set(memo)
    try:
        yield memo
    finally:
        _MEMO.reset(token)


def text_digest(text: str) -> bytes:
    """128 bits naming `text`, a memo key (a collision among a million texts: about 10^-27)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences of `text` (whitespace between them excluded)."""
    memo = _MEMO.get()
    return memo.spans(text) if memo is not None else _split_sentences(text)


def _split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    position = 0
    masked = _ENUMERATOR.sub(r"[\1]", text)  # same length: its offsets are the text's
    for segment in _segmenter().segment(masked):
        found = segment.strip()
        start = masked.find(found, position) if found else -1
        if start < 0:
            break  # the segmenter changed the text; what is left becomes one sentence below
        end = start + len(found)
        piece = text[start:end]
        marker = MARKER.match(text, start)
        if spans and marker:  # "…good-will".¹ Afghans…": the marker closes the sentence before it
            spans[-1] = (spans[-1][0], marker.end())
            start = _skip_space(text, marker.end())
            if start >= end:
                position = end
                continue
        if spans and _continues(text[spans[-1][0] : spans[-1][1]], piece):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        position = end
    rest = _skip_space(text, position)
    if rest < len(text.rstrip()):
        spans.append((rest, len(text.rstrip())))
    return spans


def _segmenter() -> pysbd.Segmenter:
    # A segmenter keeps the text it is working on: one per call keeps threads apart (~20 µs).
    return pysbd.Segmenter(language="en", clean=False)


def _continues(previous: str, piece: str) -> bool:
    """True when `piece` goes on the sentence `previous` began: `previous` has no full stop, or
    `piece` opens with a lower-case word or with punctuation that never starts a sentence."""
    return not _FULL_STOP.search(MARKER.sub("", previous).rstrip()) or bool(_CONTINUES.match(piece))


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


# Footnote markers, quote marks of every kind (dropped rather than unified, so that 'x', "x",
# “x” and « x » all compare equal), markdown asterisks, soft hyphens and zero-width spaces.
_REMOVED = SUPERSCRIPT_DIGITS + "\"'‘’‚‛“”„‟«»‹›`´′″" + "*\u00ad\u200b"
_REMOVE = str.maketrans("", "", _REMOVED)


# A phrase a user quotes: inside double quotes (straight or curly) or curly single ones, or
# straight single ones that no letter touches from outside (not an apostrophe: "Pakistan's").
_QUOTED_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|‘([^’]+)’|(?<!\w)\'([^\']+)\'(?!\w)')


def quoted_phrases(question: str) -> tuple[str, ...]:
    """The phrases `question` quotes, each as `normalise` gives it ("Who said \"two faces of the
    same coin\"?" → ("two faces of the same coin",)); () when it quotes none."""
    phrases = (next(group for group in match.groups() if group) for match in _QUOTED_PHRASE.finditer(question))
    return tuple(phrase for phrase in map(normalise, phrases) if phrase)


def question_form(text: str) -> str:
    """A question as the index reads text: compatibility characters folded (NFKC), so that
    full-width letters, ligatures and non-breaking spaces typed or pasted by a user match
    the same words as their plain forms ("Ｗｈｏ ｉｓ Ｆａｉｚ Ｈａｍｅｅｄ？" asks "Who is Faiz Hameed?")."""
    return unicodedata.normalize("NFKC", text)


def normalise(text: str) -> str:
    """Case-folded text without quote marks, footnote markers or runs of whitespace: the form
    in which gold strings are matched against units (docs/api.md, "Question sets")."""
    # Markers go before NFKC, which would turn superscript digits into ordinary ones;
    # quotes go after it too, as NFKC maps full-width quotes to ASCII ones.
    text = unicodedata.normalize("NFKC", text.translate(_REMOVE)).translate(_REMOVE)
    return " ".join(text.casefold().split())
