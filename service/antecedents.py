"""Who "he" is: a follow-up's personal pronoun read as the person its history names.

A follow-up reaches the engine with the earlier questions it refers back to
(service.chat.retrieval_history). Read together with them, "What did he criticise?" after "What
did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?" matches the passage that
answered the first question best: every rare word of the earlier question ("Zabihullah", "TV
channel") is in it, and the follow-up's one word of its own ("criticise") weighs little beside
them. Reports introduce a person once by full name and then by surname alone ("Mujahid
recently criticized …"), so the pronoun is read as the surname of the person the nearest
earlier question names: "What did Mujahid criticise?". The history is still read with it, for
the topic.

Without a named-entity tagger, a person is a name as the answer-type check reads one (a run of
two or more capitalised words that does not open the question: "Admiral Michael Mullen",
"Zabihullah Mujahid"), the first such run of the latest earlier question that has one. A single
capitalised word ("Ghani", "Pakistan") is not taken: a country or a movement is written the same
way; nor is a run after "the" ("the United States", "the Northern Alliance", "the Express
Tribune"): English gives a person's name no article. Only the first pronoun is replaced; the
question as asked is what the response shows (docs/retrieval.md, "Follow-ups").

"it" is read the same way when an earlier question asked what something is ("What is the
Haqqani network?"): the ranking reads "its, the Haqqani network's, leaders", the pronoun kept,
since reports write "its links to Pakistan" as often as the name (`resolve_thing`). The answer's
sentences are matched word for word on the question as asked: matched on the name, it led with
the sentences naming the network rather than the one that answers (docs/tuning.md, session 12).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.answer_type import NAME_RUN
from service.dates import YEAR, date_mentions

_PERSONAL = re.compile(r"\b(?:he|him|his|she|her|himself|herself)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# A neuter pronoun, singular or plural, and its possessive ("its leaders": "X's leaders").
_SINGULAR = re.compile(r"\b(?:(it)|(its))\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:(they|them)|(their))\b", re.IGNORECASE)
# "What is the Haqqani network?": a question asking what a thing is names its topic whole.
_DEFINITION = re.compile(r"^\s*what\s+(?:(is|was)|(are|were))\s+(?P<topic>[^?]+?)\s*\?*\s*$", re.IGNORECASE)
# "How many registered Afghan refugees live in Pakistan?": what is counted is plural ("them").
_COUNTED = re.compile(r"^\s*how\s+many\s+(?P<rest>[^?]+)", re.IGNORECASE)
_AUXILIARY = frozenset("do does did is are was were have has had will would can could".split())
COUNTED_WORDS = 4  # at most this many words name what is counted
# "that date", "this year", "the same day": a date the conversation gave, by pointing at it.
_DATE_POINTER = re.compile(r"\b(?:that|this|the same)\s+(date|day|month|year)\b", re.IGNORECASE)
_POINTING = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|he|him|his|she|her)\b", re.IGNORECASE)


def named_person(question: str) -> str | None:
    """The first run of two or more capitalised words past the question's first word and not
    after "the", or None."""
    text = question.strip()
    for match in NAME_RUN.finditer(text):
        if not _ARTICLE_BEFORE.search(text, 0, match.start()):
            return match.group(0)
    return None


def resolve_person(question: str, history: Sequence[str]) -> str:
    """`question` with its first personal pronoun replaced by the surname of the person the
    latest earlier question naming one names; unchanged when it has no such pronoun or no
    earlier question names anyone."""
    if not history or _PERSONAL.search(question) is None:
        return question
    for earlier in reversed(history):
        person = named_person(earlier)
        if person is not None:
            return _PERSONAL.sub(person.split()[-1], question, count=1)
    return question


def defined_topic(question: str) -> tuple[str, bool] | None:
    """What a question asking what something is ("What is the Haqqani network?") asks about, and
    whether it is plural ("What are …"); None for any other question, or when that topic itself
    points back ("What is the source for that?")."""
    match = _DEFINITION.match(question)
    if match is None or _POINTING.search(match.group("topic")):
        return None
    return match.group("topic"), match.group(2) is not None


def counted_topic(question: str) -> str | None:
    """What a "How many …?" question counts: its words up to the first plural-looking one ("How
    many registered Afghan refugees live …": "registered Afghan refugees"), stopping before an
    auxiliary ("How many security personnel did …"), at most COUNTED_WORDS; None otherwise."""
    match = _COUNTED.match(question)
    if match is None:
        return None
    words: list[str] = []
    for word in match.group("rest").split()[:COUNTED_WORDS]:
        if word.lower() in _AUXILIARY:
            break
        words.append(word)
        if word.endswith("s") and not word.endswith("ss"):
            break
    return " ".join(words) or None


def _topic(question: str) -> tuple[str, bool] | None:
    """The topic an earlier question gives a neuter pronoun: what it asks the nature of, or what
    it counts (plural)."""
    counted = counted_topic(question)
    return defined_topic(question) or ((counted, True) if counted else None)


def resolve_thing(question: str, history: Sequence[str]) -> str:
    """`question` with its first neuter pronoun ("it", "its"; "they", "them", "their" after a
    plural) followed by the topic of the latest earlier question that asked what something is or
    counted something (`_topic`) in the pronoun's number, passing only earlier questions that
    point with such a pronoun too: "What posts did its, the Haqqani network's, leaders get?". The
    pronoun stays: reports write "its links to Pakistan" as often as the name, and the ranking
    reads both. Unchanged when no such question comes first."""
    for earlier in reversed(history):
        topic = _topic(earlier)
        pronoun = None if topic is None else (_PLURAL if topic[1] else _SINGULAR).search(question)
        if topic is not None and pronoun is not None:
            said = topic[0] if pronoun.group(1) else f"{topic[0]}'s"
            return f"{question[: pronoun.end()]}, {said},{question[pronoun.end() :]}"
        if not (_SINGULAR.search(earlier) or _PLURAL.search(earlier)):
            return question
    return question


def resolve_date(question: str, history: Sequence[str], said: Sequence[str]) -> str:
    """`question` with "that date" ("this year", "the same day") followed by the date it points
    at: the first the last answer's lead (`said[0]`) gives that the latest earlier question did
    not ask about, else the first that question names. "Why was that date chosen?" after "What
    did President Biden announce on 14 April 2021?", answered "… to withdraw all U.S. troops by
    11 September …", is ranked as "Why was that date, 11 September, chosen?". A year for "that
    year" when no date is written. Unchanged when nothing points at a date or none is found."""
    pointer = _DATE_POINTER.search(question)
    if pointer is None or not history:
        return question
    asked = history[-1]
    known = {value for value, _ in date_mentions(asked)}
    lead = [words for value, words in date_mentions(said[0]) if value not in known] if said else []
    found = lead + [words for _, words in date_mentions(asked)]
    if not found and pointer.group(1).lower() == "year":
        found = [y for y in YEAR.findall(said[0]) if y not in asked] if said else []
        found += YEAR.findall(asked)
    if not found:
        return question
    said_date = found[0].rstrip(".")  # a month's spelling may take a full stop ("Sept.")
    return f"{question[: pointer.end()]}, {said_date},{question[pointer.end() :]}"


def ranking_reading(question: str, history: Sequence[str], said: Sequence[str]) -> str:
    """What the ranking reads of a follow-up beside the question itself: the thing "it" stands
    for (resolve_thing) and the date "that date" points at (resolve_date)."""
    return resolve_date(resolve_thing(question, history), history, said)
