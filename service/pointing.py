"""How a question's own words point at the conversation before it.

A question may name something only by pronoun ("Why did the army storm it?"), answer to an
earlier event ("What did Pakistan do in response?"), or be a fragment of the one before ("And
about India?", "What about in 2021?"). These readings look at the question alone, never at
the turns before it: service.chat decides from them what a question is read with, and
service.engine whether a follow-up's turn may also be read alone (docs/retrieval.md,
"Follow-ups").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from service.antecedents import asked_alone
from service.question_words import (
    ARTICLES,
    DEMONSTRATIVES,
    PAST,
    QUESTION_WORDS,
    REFLEXIVES,
    REPORTED_VERBS,
    THIRD_PERSON,
    alternation,
    inflected,
)
from service.repeats import asks_only_what_followed

# Words that point at something said earlier. "that" and "this" only as pronouns or
# determiners: "that" opening a clause ("said that ...") is rare in a question.
_REFERRING = THIRD_PERSON | REFLEXIVES | DEMONSTRATIVES | frozenset("hers theirs there then else former latter".split())
OPENERS = ("and ", "but ", "so ", "also ", "what about ", "how about ", "and what about ")
ELLIPSIS_WORDS = 2  # content words of a fragment after "and", "what about"
_EXISTENTIAL = re.compile(r"\b(?:is|are|was|were|be|been) there\b")
# "this year", "this weekend", "these days" place a question in the asker's present, not in
# anything said before ("that year", "this time" do point back, so they are not here).
_PRESENT_TIME = re.compile(
    r"\b(?:this (?:year|month|week|weekend|morning|afternoon|evening|season|summer|winter|spring|autumn|"
    r"century|decade)|these days)\b"
)
# Phrases that answer to an event named earlier: "What did Pakistan do in response?" has content
# words of its own and no pronoun, yet responds to what the last answer reported. With their
# own complement ("in response to the attack", "instead of talks", "as well as") they do not.
_IN_RETURN = re.compile(
    r"\b(?:in (?:response|return|reply|reaction|turn)|afterwards?|instead|as well)\b(?!\s+(?:to|of|as|for)\b)"
)
# Pronouns that point at nothing (docs/retrieval.md, "Follow-ups"): "it" as the subject of the
# weather ("is it raining", "will it be sunny"), of the time or the day ("what time is it"), of a
# distance or a duration ("how far is it from …", "how long does it take …"), or standing in for
# a clause that follows ("is it true that …", "is it safe to …", "what is it like to …", "is it said that …"); "there"
# before "be" ("will there be …"); "that" opening a clause after a verb of saying or knowing
# ("do you think that …"). An off-topic turn asking them is not a follow-up and is read alone.
_WEATHER = r"(?:rain|snow|hail|sleet|drizzle|thunder|sunny|cloudy|windy|foggy|misty|humid|muggy|overcast|stormy)"
_TEMPERATURE = r"(?:hot|cold|warm|chilly|cool|freezing)\s+(?:out|outside|today|tonight|tomorrow|now|in|at|on)\b"
_CLAUSE_ADJECTIVE = (
    r"(?:true|false|safe|unsafe|possible|impossible|easy|hard|difficult|better|best|worse|worth|legal|illegal|"
    r"ok|okay|normal|necessary|important|wise|healthy|unhealthy|dangerous|cheaper|expensive|common|rude|polite|"
    r"allowed|advisable|appropriate|like|a\s+(?:good|bad)\s+idea)"
)
_REPORTED = rf"(?:{alternation(inflected(REPORTED_VERBS, PAST))}|known|rumou?red|expected)"
_EXPLETIVE = re.compile(
    rf"\bit(?:\s+\w+){{0,3}}?\s+{_WEATHER}(?:s|ed|ing|y)?\b"
    rf"|\bit(?:\s+\w+){{0,3}}?\s+{_TEMPERATURE}"
    r"|\bhow\s+(?:hot|cold|warm|chilly|humid|windy|sunny)\s+(?:is|was|will|does|did)\s+it\b"
    r"|\bwhat\s+(?:time|day|date)(?:\s+of\s+the\s+(?:week|month|year))?\s+is\s+it\b"
    r"|\bhow\s+(?:far|long)\s+(?:is|was)\s+it(?=\s+(?:from|to|until|till|before|since|between)\b)"
    r"|\bhow\s+(?:long|much\s+time|many\s+\w+)\s+(?:does|did|will|would|can|could)\s+it\s+take\b"
    r"|\bit\s+(?:(?:is|was|be|been|still|really|also|ever|always|generally|usually|actually|even)\s+)*"
    rf"(?:{_CLAUSE_ADJECTIVE}|{_REPORTED})\s+(?:that|to|whether|if)\b"
    r"|\bthere\s+(?:be|been)\b"
    r"|\b(?:know|knew|think|thought|believe|heard|hear|say|said|sure)\s+that\b"
    # "that" ending the question ("Who said that?") is the pronoun, not a clause it opens
    r"(?!\s+(?:is|was|are|were|will|would|can|could|has|had|does|did|'s)\b|[\s?.!]*$)"
)
_POINTER = re.compile(r"\b(?:it|there|that)\b")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Pronouns that a word of the same question can bind: a possessive or reflexive points at the
# clause's own subject ("What did Pakistan's foreign ministry say about its border fence?"),
# where "it", "him", "them" point outside it ("Why does Pakistan want off it?"). "her" is
# left out: it is also the object "him" is.
_BOUND = frozenset("his its their theirs".split()) | REFLEXIVES
# "Who agreed?", "Who had died?": a "who" and one verb in the past, nothing else of its own, asks
# who did what the last answer reported; read alone, its one word matched other passages and the
# last answer's passage, where the answer is, left the results (docs/tuning.md, session 20).
_WHO_DID = re.compile(r"^who\s+(?:(?:had|has|then|also)\s+)?[a-z]+(?:ed|ied)\s*\?*\s*$")
# A noun phrase whose noun is left out, ending the question: "Which were the other two?", "Who
# gave the most?", "Who were the others?", "Which was the largest?". "The other two" what, "the
# most" of what, is the noun the turn before asked about; read alone, "two" or "most" matched
# any passage (docs/tuning.md, session 38). Words ending in "-est" that are not superlatives
# ("the west", "the interest") are not read so.
_NOT_SUPERLATIVE = (
    "west|rest|best|interest|protest|request|conquest|harvest|forest|honest|modest|manifest|contest|arrest"
)
_HEADLESS = re.compile(
    r"\bthe\s+(?:others?(?:\s+(?:one|ones|two|three|four|five|six|seven|eight|nine|ten|\d+))?|rest|most|least"
    rf"|(?!(?:{_NOT_SUPERLATIVE})\b)[a-z]{{2,}}est)\s*[?.!]*$"
)


def refers_back(question: str) -> bool:
    """True when `question` cannot be read without what came before it: it names something
    by pronoun (not the asker's present: "this year"), answers to an earlier event ("in
    response", "afterwards"), has no content word of its own, ends on a noun phrase whose noun
    is left out ("Who gave the most?"), or is a fragment after "and", "what about"."""
    text, read = read_words(question)
    words = [word.text for word in read]
    if any(word in _REFERRING for word in words) or _IN_RETURN.search(text) or asks_only_what_followed(question):
        return True
    return _fragment(text, words)


def points_outside(question: str) -> bool:
    """True when `question` refers back (refers_back) to something it does not name itself: a
    pronoun other than a possessive or reflexive after a name of its own ("Who built it?", "Why
    did the army storm it?"), an earlier event, or a fragment ("What about in 2021?"). "What did
    the Taliban say about their office?" refers back but names its own antecedent."""
    text, read = read_words(question)
    words = [word.text for word in read]
    if _IN_RETURN.search(text) or _fragment(text, words) or asks_only_what_followed(question):
        return True
    named = [_named(word) for word in read]
    return any(
        word in _REFERRING and not (word in _BOUND and any(named[:position])) for position, word in enumerate(words)
    )


class Word(NamedTuple):
    """A question's word as this module reads it, with what its writing says of it."""

    text: str  # lower-cased, without its clitic ("pakistan" of "Pakistan's")
    capitalised: bool  # written with a capital, and not the question's first word
    after_article: bool  # right after "the", "a" or "an"


def read_words(question: str) -> tuple[str, list[Word]]:
    """The question lower-cased with its spaces collapsed, and its words without their
    clitics, the asker's present ("this year"), "is there" and the pronouns that point at
    nothing (_without_expletives) left out. One pass over the words: each keeps its case and
    the word before it (even a left-out one), for _named."""
    spaced = " ".join(question.replace("\u2019", "'").split())
    text = spaced.lower()
    # Left out by blanking, not cutting, so that every word keeps its place in `text`, and the
    # capital it was written with is the character at that place (a letter that lower-cases
    # to two, as "İ" does, is repeated to keep the places aligned).
    kept = _without_expletives(_PRESENT_TIME.sub(_blank, _EXISTENTIAL.sub(_blank, text)))
    written = spaced if len(text) == len(spaced) else "".join(c * len(c.lower()) for c in spaced)
    words: list[Word] = []
    before: str | None = None
    for match in _WORD.finditer(text):
        word = match.group().split("'")[0]
        if not kept[match.start()].isspace():
            words.append(Word(word, before is not None and written[match.start()].isupper(), before in ARTICLES))
        before = word
    return text, words


def _without_expletives(text: str) -> str:
    """`text` (lower-cased) with the pronouns that point at nothing (`_EXPLETIVE`) blanked; the
    words around them stay ("what day of the week is today": "day" and "week" are its own words)."""
    return _EXPLETIVE.sub(lambda match: _POINTER.sub(_blank, match.group(0)), text)


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of `match`: a word left out keeps the places of the words after it."""
    return " " * len(match.group())


def _named(word: Word) -> bool:
    """Whether `word` can be what a possessive after it stands for: a name (capitalised after
    the first word: "Pakistan's", "the Taliban") or a noun after an article ("the army"). Not
    any content word: "What happened to his brother?" names no one."""
    return word.text not in QUESTION_WORDS and word.text not in _REFERRING and (word.capitalised or word.after_article)


def is_fragment(question: str) -> bool:
    """Whether `question` is a fragment that takes what it asks from the turn before ("And about
    India?", "What about in 2021?"): it cannot be read on its own (`_fragment`)."""
    text, read = read_words(question)
    return _fragment(text, [word.text for word in read])


def _fragment(text: str, words: Sequence[str]) -> bool:
    """No content word at all, a noun phrase without its noun ending it ("Which were the other
    two?"), or an opener before a fragment: "And the second?", "What about India?". An opener
    before a whole question of its own ("And what's the weather like in London today?") is not
    one."""
    content = [word for word in words if word not in QUESTION_WORDS]
    if not content or asked_alone(text) is not None:  # "On which date?" asks of what was said
        return True
    if _WHO_DID.match(text) and len(content) == 1:  # "Who agreed?": who did what was just reported
        return True
    if _HEADLESS.search(text):  # "Which were the other two?": the noun is the last turn's
        return True
    return text.startswith(OPENERS) and len(content) <= ELLIPSIS_WORDS
