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

_PERSONAL = re.compile(r"\b(?:he|him|his|she|her|himself|herself)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# A neuter pronoun, singular or plural, and its possessive ("its leaders": "X's leaders").
_SINGULAR = re.compile(r"\b(?:(it)|(its))\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:(they|them)|(their))\b", re.IGNORECASE)
# "What is the Haqqani network?": a question asking what a thing is names its topic whole.
_DEFINITION = re.compile(r"^\s*what\s+(?:(is|was)|(are|were))\s+(?P<topic>[^?]+?)\s*\?*\s*$", re.IGNORECASE)
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


def resolve_thing(question: str, history: Sequence[str]) -> str:
    """`question` with its first neuter pronoun ("it", "its"; "they", "their" after a plural)
    followed by the topic of the latest earlier question that asked what something is, passing
    only earlier follow-ups that point with such a pronoun too: "What posts did its, the Haqqani
    network's, leaders get?". The pronoun stays: reports write "its links to Pakistan" as often as
    the name, and the ranking reads both. Unchanged when no such question comes first."""
    for earlier in reversed(history):
        topic = defined_topic(earlier)
        if topic is not None:
            name, plural = topic
            pronoun = (_PLURAL if plural else _SINGULAR).search(question)
            if pronoun is None:
                return question
            said = name if pronoun.group(1) else f"{name}'s"
            return f"{question[: pronoun.end()]}, {said},{question[pronoun.end() :]}"
        if not (_SINGULAR.search(earlier) or _PLURAL.search(earlier)):
            return question
    return question
