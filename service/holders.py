"""Who holds an office now: a question asking for the current holder, and a sentence that names
only a former one.

"Who is the current leader of the TTP?" asks for the holder of an office today. A sentence
naming "the group's first supreme leader, Baitullah Mehsud" answers another question: the
first holder is not the current one, and quoting it as the answer states a wrong fact. The
text marks such a holder with its own words, right before the office: "first", "former",
"then", "late", "founding", "previous", "ex-" ("Admiral Michael Mullen, then chairman of the
Joint Chiefs of Staff"; "Mullah Ubaidullah Akhund, the former Taliban defence minister"), or
writes the office's verb in the past ("who headed"). Everything here is read from the shape of
generic English, never from a list of names (docs/retrieval.md, "Who holds an office now").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.bm25 import stem

# A question asking for a holder: its first word asks for a person or one of a set.
_HOLDER_QUESTION = re.compile(r"\s*(?:who|whom|which)\b", re.IGNORECASE)
# The asker's present: "current", "now", "today", "at present", "the present army chief".
_NOW = re.compile(
    r"\b(?:current(?:ly)?|now|nowadays|today|presently|incumbent|these\s+days)\b"
    r"|(?:\b(?:at|the)|['’]s)\s+present\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# Words that carry no office: the question's frame, articles, prepositions.
_FRAME = frozenset(
    "who whom which is are was were be been the a an of to for in at on by with and or as "
    "that does do did has have had serves serve served".split()
)
# The asker's present, skipped like the frame; before a verb it keeps the verb the office ("Who currently heads …?").
_PRESENT = frozenset("currently current now nowadays today presently present incumbent still these days".split())
# The text's own words that make a holder a past one, read right before the office.
_FORMER = frozenset(
    "former formerly first founding founder founders late previous previously erstwhile onetime "
    "earlier past outgoing predecessor slain deposed ousted retired ex".split()
)
_THEN = "then"  # "then chairman", "the then foreign minister": only right before the office
MARK_WINDOW = 4  # words before the office a marker may stand in ("the group's first supreme leader")
# A clause ends at punctuation: a marker beyond it belongs to something else.
_CLAUSE = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s")
_PAST_FORMS = {"led": "lead", "ran": "run", "held": "hold"}  # irregular past of an office's verb


@dataclass(frozen=True)
class AskedRole:
    """The office a current-holder question asks about, as stems ("prime minister" → "prime",
    "minist"), and whether it is asked by a verb ("Who leads …?", whose past "led" marks a
    former holder)."""

    stems: tuple[str, ...]
    verb: bool


def asked_role(question: str) -> AskedRole | None:
    """The office whose current holder `question` asks for, or None when it asks for no current
    holder. The office is the first run of lowercase words after the question's first word,
    past its frame ("is", "the") and its present ("current", "now"): "Who is the Taliban's
    current prime minister?" → prime minister; "Who is the current U.S. secretary of state?" →
    secretary; "Who leads the TTP today?" → leads, a verb. Capitalised words (names, "U.S."),
    possessives and the frame end a run."""
    if not _HOLDER_QUESTION.match(question) or not _NOW.search(question):
        return None
    run: list[str] = []
    verb = False  # "Who heads …?": a present verb right after the question word (or its present)
    framed = False  # a frame word came first ("Who is …"): the office is a noun
    for word in (match.group() for match in list(_WORD.finditer(question))[1:]):
        lowered = word.lower()
        if word[0].isupper() or lowered in _FRAME or lowered in _PRESENT or "'" in word or "’" in word:
            if run:
                break
            framed = framed or lowered not in _PRESENT
            continue
        if not run:
            verb = not framed and lowered.endswith("s")
        run.append(stem(lowered))
    return AskedRole(tuple(run), verb) if run else None


def only_former_holders(role: AskedRole, sentences: Sequence[str]) -> bool:
    """Whether the first of `sentences` (an answer's, the lead first) that writes the asked
    office writes it only as a past holder's: a marker of the text's own ("former", "first",
    "then", "late", "founding", …) among the few words before it in its clause, or, for an
    office asked by a verb, that verb in the past ("who headed"). What a user reads first about
    the office decides: a lead naming "the group's first supreme leader" is a wrong fact even
    when a later sentence writes "its new supreme leader". A sentence writing the office with no
    such marker ("new Prime Minister Mullah Obaidullah Akhund") may name the current holder;
    one not writing it says nothing either way."""
    for text in sentences:
        marks = _mentions(role, text)
        if marks:
            return all(marks)
    return False


def _mentions(role: AskedRole, text: str) -> list[bool]:
    """For each place `text` writes the asked office: whether a past holder's marker stands
    before it."""
    found: list[bool] = []
    for clause in _CLAUSE.split(text):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", clause)]  # "ex-ambassador": ex, ambassador
        size = len(role.stems)
        for start in range(len(words) - size + 1):
            if all(_same_word(asked, words[start + k]) for k, asked in enumerate(role.stems)):
                found.append(_marked_past(role, words, start))
    return found


def _same_word(asked: str, word: str) -> bool:
    """Whether `word` is a form of the asked office word, whose stem is `asked`: one stem begins
    the other when the shorter has four letters or more ("lead" and "leader", "advis" and
    "advisor"), else they are equal."""
    other = stem(_PAST_FORMS.get(word, word))
    shorter, longer = sorted((asked, other), key=len)
    return longer.startswith(shorter) if len(shorter) >= 4 else shorter == longer


def _marked_past(role: AskedRole, words: list[str], start: int) -> bool:
    """Whether the office written at `words[start]` is a past holder's."""
    if role.verb and (words[start].endswith("ed") or words[start] in _PAST_FORMS):
        return True
    before = words[max(0, start - MARK_WINDOW) : start]
    return any(word in _FORMER for word in before) or (bool(before) and before[-1] == _THEN)
