"""A why-question's reason told by the next sentence, pointing back at the lead.

A report states something and gives its reason in the sentence after, which names the fact
only by a pronoun: "But Pakistan may soon find that friendship with the Taliban won't come
quite as easily." then, opening the next paragraph, "That's in large part because the leverage
Islamabad had enjoyed over its long-standing asset … is at risk of being lost." A why-question
asked of that fact ("Why won't it come easily?", "Why might friendship with them not come
easily?", a bare "Why?") holds the first sentence's words, so that sentence leads, and the one
that answers shares none of them: it was quoted nowhere in the answer (dev `d694`, `d4037`,
`d3420`; docs/retrieval.md, "A why-question's reason told next").

Here only the reading of the words: whether a question asks why, whether a sentence gives the
reason for the one before it by pointing back at it, whether a sentence states a reason of its
own. Which sentence is "next" (in its unit, else the first of the passage after it) and when the
lead gives way is service.answer's (`_reason_told_next`), for every front door alike.
"""

from __future__ import annotations

import re

# "Why …?", "And why …?", "But why …?", "How come …?" ("ok, why …" as users type it).
_ASKS_WHY = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:why\b|how\s+come\b)", re.IGNORECASE)
# A sentence opening by pointing back at what was just said and giving its cause: "That's in
# large part because …", "This is because …", "It was partly due to …". A few words may stand
# between the verb and the cause ("in large part", "largely", "mainly"), no more: further on,
# "because" belongs to a clause of the sentence's own subject.
_REASON_BACK = re.compile(
    r"^\W*(?:that|this|it)(?:['’]s|\s+is|\s+was)\s+(?:[\w-]+\s+){0,3}?(?:because|due\s+to|owing\s+to)\b",
    re.IGNORECASE,
)
# A sentence stating a cause itself: the lead already answers "why" and keeps its place.
_STATES_CAUSE = re.compile(r"\b(?:because|due\s+to|owing\s+to)\b", re.IGNORECASE)


def asks_why(question: str) -> bool:
    """Whether the question asks for a reason ("Why …?", "And why?", "How come?")."""
    return _ASKS_WHY.match(question) is not None


def gives_reason_back(text: str) -> bool:
    """Whether the sentence opens by giving the reason for the one before it ("That's in large
    part because …")."""
    return _REASON_BACK.match(text) is not None


def states_cause(text: str) -> bool:
    """Whether the sentence writes a cause of its own ("… because …", "… due to …")."""
    return _STATES_CAUSE.search(text) is not None
