"""Text helpers shared by the pipeline: clean source text, split sentences, normalise.

Cleaning removes only presentation (markdown emphasis, backslash escapes, footnote markers);
it never rewrites words. Sentence spans are character offsets into the cleaned text, so the
answer and highlights are always exact slices of a unit's text.
"""

from __future__ import annotations

import re
import unicodedata

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_INT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
MARKER = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~])")

# Sentence ends: terminal punctuation, optional closing quotes/brackets, then space and
# something that can open a sentence.
_SENTENCE_END = re.compile(r"[.?!…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# "cit" is left out on purpose: "op. cit." ends many footnote sentences.
_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.g", "i.e", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj",
    "capt", "sgt", "gov", "sen", "rep", "st", "jr", "sr", "no", "nos", "vs", "cf", "op",
    "ibid", "p", "pp", "vol", "fig", "al", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof", "rev",
}
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (whitespace between them excluded)."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _is_abbreviation(text, match.start()) or end <= start:
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"“‘'":
        word_start -= 1
    word = text[word_start:dot].lower()
    # Initials ("Laurel E. Miller") and listed abbreviations ("U.S.", "op. cit.").
    return (len(word) == 1 and word.isalpha()) or word.rstrip(".") in _ABBREVIATIONS


# Footnote markers, quote marks of every kind (dropped rather than unified, so that 'x', "x",
# “x” and « x » all compare equal), markdown asterisks, soft hyphens and zero-width spaces.
_REMOVED = SUPERSCRIPT_DIGITS + "\"'‘’‚‛“”„‟«»‹›`´′″" + "*\u00ad\u200b"
_REMOVE = str.maketrans("", "", _REMOVED)


def normalise(text: str) -> str:
    """Case-folded text without quote marks, footnote markers or runs of whitespace: the form
    in which gold strings are matched against units (docs/api.md, "Question sets")."""
    # Markers go before NFKC, which would turn superscript digits into ordinary ones;
    # quotes go after it too, as NFKC maps full-width quotes to ASCII ones.
    text = unicodedata.normalize("NFKC", text.translate(_REMOVE)).translate(_REMOVE)
    return " ".join(text.casefold().split())
