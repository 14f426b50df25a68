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

Without a named-entity tagger, a person is a run of two or more capitalised words that does not
open the question ("Admiral Michael Mullen", "Zabihullah Mujahid"), the first such run of the
latest earlier question that has one. A single capitalised word ("Ghani", "Pakistan") is not
taken: a country or a movement is written the same way; nor is a run after "the" ("the United
States", "the Northern Alliance", "the Express Tribune"): English gives a person's name no article. Only the first
pronoun is replaced; the question as asked is what the response shows (docs/retrieval.md, "Follow-ups").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PERSONAL = re.compile(r"\b(?:he|him|his|she|her|himself|herself)\b", re.IGNORECASE)
_CAPITALISED = r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)?"
_PERSON = re.compile(rf"(?<!^)\b{_CAPITALISED}(?:\s+{_CAPITALISED})+")
_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def named_person(question: str) -> str | None:
    """The first run of two or more capitalised words past the question's first word and not
    after "the", or None."""
    text = question.strip()
    for match in _PERSON.finditer(text):
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
