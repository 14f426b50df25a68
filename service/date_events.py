"""Which event a date in a sentence is the date of.

A "When …?" question is answered by a sentence that states a date, but a sentence may state the
date of another event than the one asked: "A second round, scheduled for 31 July, was aborted
after the Afghan presidential palace disclosed that … Mullah Omar had died …" dates the second
round, not the disclosure; "… the fence construction, which began in 2017, is aimed at …, as are
the 843 planned frontier posts …" dates the fence, not the posts. The answer-type check
(service.answer_type.states) reads any date as an answer. Here a date is read with the words
around it, as English attaches a time to what it says (docs/retrieval.md, "A date of another
event"):

- a date in a sentence's opening phrase, one led by a preposition, a conjunction or a participle
  ("In November 2020, donors pledged …", "Following the April 2021 … announcement, the …
  negotiator … travelled …", "Responding … to the March U.S. proposal …, Pakistan's foreign
  office spokesperson said …"), or in that of a ";"-joined part of it, dates everything that
  sentence or part says; so does a date standing alone between its clause's bounds, as a reference entry's
  does ("“FO asks Kabul to eliminate terrorist hideouts along border”, Dawn, 29 August 2019.");
- any other date dates its clause (the words between commas, semicolons, colons, dashes or
  brackets), with the DATE_REACH words before a relative clause ("the fence construction, which
  began in 2017") and a "when" clause right after it ("since 2010, when he had reportedly
  reached out …"). Not the words of the clauses around it: "Mullah Ubaidullah Akhund, the former
  Taliban defence minister, and Ustad Yasir reportedly died … between 2010 and 2012" dates the
  deaths, not the office.

A date is the asked event's when those words hold a distinctive word of the question (one that
is not how it asks, in few units: `distinctive`), in any form of it. When the sentence holds such
words but none of its dates does, its dates are of other events: the date left to a note it
cites is looked for (service.note_answer), and an answer led by it is withdrawn
(service.verdict). A sentence holding no distinctive word of the question (a reference entry,
"Dawn, 14 March 2020.") cannot be told and is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from service.bm25 import stem, terms_of

DATE_REACH = 3  # words before a relative clause holding a date: the noun it is said of
PREFIX = 5  # letters two forms of a word share at least ("negotiate"/"negotiations" by stem; "appoint…")
COMMON_SHARE = 0.1  # a term in more of the units than this tells no event apart (as COMMON_TERM_SHARE)

# How a date question asks, not what it asks about, and words that name no event: a note holding
# "said", "had" or "over" shares nothing with "When did X say he had …?".
ASKING_TERMS = terms_of(
    """when what which who date year month day did does do done has have had is are was were will would
can could should may might say says said tell told ask asked make made get got give given his her its
their them they he she it about after before from into over under with than that then there this"""
)

# A date as the answer-type check reads one (service.answer_type): a day and month, a month and
# year, a year or a decade ("the 1990s"), a month alone; "May" and "March" only capitalised.
_MONTH = (
    r"(?:January|February|(?-i:March)|April|(?-i:May)|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DATE = re.compile(
    rf"(?:\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+)?\b{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?"
    r"(?:,?\s+(?:1[0-9]|20)\d\d\b)?"
    r"|\b(?:mid-)?(?:1[0-9]|20)\d\d(?:s\b|\b)",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[,;:()\[\]–—]|\s-\s")
_PART = re.compile(r";")  # a ";"-joined part of a sentence says a thing of its own
# An opening phrase that places what the sentence says in time ("In 2017, …", "Following the …,").
# An opening phrase that places what the sentence says in time or circumstance: led by a
# preposition or conjunction ("In 2017, …", "Since … started in Doha, Qatar on 12 September
# 2020, …") or a participle ("Responding, for instance, to the March U.S. proposal …, the
# spokesperson said …", "Angered that …, the Taliban refused …"), within its first OPENING_PIECES
# clauses, and not a relative clause in it ("According to the Pakistani military, the fence
# construction, which began in 2017, …": an attribution, then a clause of its own).
_OPENING = re.compile(
    r"\s*(?:(?:but|and|yet|so)\s+)?(?!according\b)(?:in|on|at|by|since|after|before|following|during|until|till|from|throughout"
    r"|within|as|when|while|once|early|late|later|earlier|weeks|months|days|years|[a-z]+ing|[a-z]+ed)\b",
    re.IGNORECASE,
)
OPENING_PIECES = 3
_RELATIVE = re.compile(r"\s*(?:which|who|whom|whose|that|where)\b", re.IGNORECASE)
_WHEN_CLAUSE = re.compile(r"\s*when\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]*\w")


def distinctive(terms: Collection[str], share: Callable[[str], float]) -> frozenset[str]:
    """The question's terms that tell an event apart: not how it asks, no number, and in few
    units (`share`: the share of units holding a stemmed term)."""
    return frozenset(t for t in terms if t not in ASKING_TERMS and not t.isdigit() and share(t) <= COMMON_SHARE)


def only_other_events(text: str, wanted: Collection[str]) -> bool:
    """Whether every date `text` states is of another event than the one asked: `text` holds a
    `wanted` word (the question's distinctive terms, stemmed) and states dates, and the words
    each date is read with hold none (module docstring)."""
    if not wanted or not _holds(text, wanted):
        return False
    spans = [m.span() for m in _DATE.finditer(text)]
    return bool(spans) and not any(_holds(_read_with(text, start, end), wanted) for start, end in spans)


def _read_with(text: str, start: int, end: int) -> str:
    """The words a date at text[start:end] dates (module docstring)."""
    part_start = max((m.end() for m in _PART.finditer(text, 0, start)), default=0)
    part_end = next((m.start() for m in _PART.finditer(text, end)), len(text))
    bounds = _bounds(text, part_start, part_end)
    before = [b for b in bounds if b[1] <= start]
    left = before[-1][1] if before else part_start
    right = next((b[0] for b in bounds if b[0] >= end), part_end)
    opening = len(before) < OPENING_PIECES and _OPENING.match(text, part_start) and not _RELATIVE.match(text, left)
    bare = not _WORD.search(text[left:start] + text[end:right])  # "…", Dawn, 29 August 2019.
    if opening or bare:  # it dates the whole part
        return text[part_start:part_end]
    words = [text[left:right]]
    if _RELATIVE.match(text, left):  # "the fence construction, which began in 2017": of the noun before
        words += _WORD.findall(text[part_start:left])[-DATE_REACH:]
    tail = text[right + 1 : part_end] if right < part_end else ""
    if _WHEN_CLAUSE.match(tail):  # "since 2010, when he had reportedly reached out …"
        words.append(_BOUNDARY.split(tail, maxsplit=1)[0])
    return " ".join(words)


def _bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clause bounds within text[start:end]: not a comma between two names ("in Doha, Qatar
    on 12 September 2020"), which lists places or titles."""
    found = []
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(0) == ",":
            previous = _WORD.findall(text[start : match.start()])[-1:]
            following = text[match.end() : end].lstrip()[:1]
            if previous and previous[0][:1].isupper() and following.isupper():
                continue
        found.append(match.span())
    return found


def _holds(text: str, wanted: Collection[str]) -> bool:
    """Whether `text` holds a wanted term, as its stem or a form sharing its first PREFIX letters."""
    held = terms_of(text) | {stem(w.lower()) for w in _WORD.findall(text)}
    if held & set(wanted):
        return True
    prefixes = {t[:PREFIX] for t in wanted if len(t) >= PREFIX}
    return any(t[:PREFIX] in prefixes for t in held if len(t) >= PREFIX)
