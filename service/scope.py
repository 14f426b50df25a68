"""Questions about what one document says: "What does Kugelman say about India?", "According
to the Crisis Group briefing, why did the Murree talks collapse?", "In the Foreign Policy
article, who is Faiz Hameed?", "Does the briefing mention Kashmir?".

Ranked as they are asked, the document's name is only more words to match, and the best match
may be in another document: "What does Kugelman say about India?" was answered with a former
ambassador's quote from the briefing, though Kugelman wrote the article. So a question whose
phrase of attribution names documents ("according to X", "in X," or "…, in X?", "what does X
say/write/argue … about", "does X mention …", "how does X describe …", "what is X's view of
…") is read as a scope and a topic: the documents X names (as service.source_list names them:
a catalog field's capitalised words, the author's surname, a kind only some documents have),
and the question without that phrase. The engine ranks the topic within those documents, as a
request's document filter would (service.engine). X must say nothing of the document that its
card does not ("According to a UN report, …", "In the Crisis Group report on Pashtun
alienation, …" name reports the briefing cites, "Crisis Group interviewees" its sources:
service.cards.described_documents), so such questions are ranked as before. Nor is a question
placing the writing asked of in an outlet or at a date the document is not ("What did Kugelman
write in Dawn in August 2018?" of an article Foreign Policy published in September 2021): the
author wrote something else, which only another document may cite: the question is ranked as
asked within the other documents.
docs/retrieval.md, "What a named document says".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from service.cards import described_documents
from service.dates import YEAR, date_values
from service.question_words import BASE, COVERING_VERBS, PAST, SOURCE_VERBS, THIRD, alternation, inflected
from service.records import Document, Filters
from service.source_list import named_documents
from service.text import POSSESSIVE

# The verbs a question asks what a document says or covers with (docs/retrieval.md, "What a named
# document says"), and two phrases of its own.
_ASKED_OF_A_DOCUMENT = (*SOURCE_VERBS, *COVERING_VERBS)
_WRITTEN = ("say", "write", "argue")  # the verbs a text is reported with in the past (below)
_VERBS = rf"{alternation(inflected(_ASKED_OF_A_DOCUMENT, BASE))}|tell\s+(?:us|readers)|have\s+to\s+say"
# The verbs above as a clause after "what" writes them ("what the article says about …"); in the
# past only those a text is reported with ("what Kugelman wrote about …"): a past like "warned" or
# "suggested" after "What did X …" is the question's own clause ("What did Musharraf say Armitage
# warned …?", "What had it suggested?").
_VERBS_SAID = rf"{alternation(inflected(_ASKED_OF_A_DOCUMENT, THIRD) + inflected(_WRITTEN, PAST))}|has\s+to\s+say"
# Requests a user opens such a clause with.
_REQUESTS = r"summari[sz]e|sum\s+up|tell\s+me|explain|describe|outline"
# Each pattern's `scope` names the documents, its `topic` is what is asked of them.
_ATTRIBUTIONS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # "According to the briefing, why …?", "In Kugelman's article, who …?"
        r"\s*(?:according\s+to|in|per|as\s+per)\s+(?P<scope>[^,]+?)\s*,\s*(?P<topic>.+?)",
        # "What does Kugelman say about India?", "How does the article describe …?"
        rf"\s*(?:what|how)\s+(?:does|did|do)\s+(?P<scope>.+?)\s+(?:{_VERBS})\b"
        r"(?:\s+(?:about|on|regarding|concerning|of))?\s*(?P<topic>.*?)",
        # "Summarise what the article says about the TTP", "Tell me what Kugelman writes on
        # India": a request for what the document says of a topic, not for its summary.
        rf"\s*(?:(?:please\s+)?(?:{_REQUESTS})\s+)?what\s+(?P<scope>.+?)\s+(?:{_VERBS_SAID})\b"
        r"(?:\s+(?:about|on|regarding|concerning|of))?\s*(?P<topic>.*?)",
        # "Does the briefing mention Kashmir?", "Did Kugelman write about …?"
        rf"\s*(?:does|did|do)\s+(?P<scope>.+?)\s+(?:{_VERBS}|talk|cover|address|refer\s+to|name)\b"
        r"(?:\s+(?:anything\s+)?(?:about|on|to|of))?\s*(?P<topic>.*?)",
        # "What is Kugelman's view of India?"
        r"\s*what(?:'s|’s|\s+is|\s+was|\s+are)\s+(?P<scope>.+?)['’]s?\s+"
        r"(?:views?|take|position|argument|assessment|verdict|opinion)\s+(?:of|on|about|regarding)\s+(?P<topic>.+?)",
        # "Who is Faiz Hameed, according to the Foreign Policy article?": the last such phrase.
        r"\s*(?P<topic>.+)\s*,?\s+(?:according\s+to|in|per)\s+(?P<scope>[^,]+?)",
    )
)
_END = r"\s*[?.!]*\s*"
NAMED_SHARE = 1.0  # a phrase naming a document holds only words of its card: it names, it does not describe
# The voice of a document named before it: "In Kugelman's view, …", "according to the briefing's authors".
_VOICE = re.compile(r"(?:['’]s)?\s+(?:views?|opinion|words|account|analysis|assessment|authors?|writers?)$", re.I)
# Where or when the writing asked of appeared, each phrase leading the topic: "in Dawn", "for
# Dawn", "in August 2018" of "What did Kugelman write in Dawn in August 2018?".
_PLACED = re.compile(
    r"\s*(?:in|for)\s+(?P<place>.+?)(?=\s+(?:in|for|about|on|regarding|concerning|of)\s|\s*[?.!]*$)", re.I
)
_CAPITALISED = re.compile(r"\b[A-Z]")


@dataclass(frozen=True)
class Scope:
    """The documents a question asks about and what it asks of them."""

    documents: tuple[str, ...]
    topic: str


def attributions(question: str) -> Iterator[tuple[str, str]]:
    """Each reading of `question` as a phrase of attribution and what it asks, in the order of
    the patterns: (the words that name the source, its voice left out; the topic, "" when the
    question asks for what the source says as a whole: "What did the Crisis Group recommend?")."""
    for pattern in _ATTRIBUTIONS:
        match = re.fullmatch(pattern.pattern + _END, question, re.I)
        if match is not None:
            yield _VOICE.sub("", match.group("scope").strip()), match.group("topic").strip(" ,")


def read_scope(
    question: str, documents: Sequence[Document], writes: Callable[[str, str], bool] = lambda _id, _text: False
) -> Scope | None:
    """The documents `question` names as the source of what it asks, and its topic (module
    docstring); None when it names none this way, names them with words their cards do not
    hold, or asks nothing else. One placing what it asks in an outlet or at a date the documents
    it names are not (`placed_elsewhere`) is asked whole of the other documents: None when there
    are none. `writes(document_id, text)` says whether a document's own text writes every term of
    `text`: a name it writes is what it is about, not where its author wrote something else."""
    by_id = {d.id: d for d in documents}
    for scope, topic in attributions(question):
        named = documents_named(scope, documents) if topic else ()
        fitting = tuple(d for d in named if not placed_elsewhere(topic, by_id[d], writes))
        if fitting:
            return Scope(fitting, as_asked(topic, question))
        if named:  # what they wrote elsewhere: the other documents may cite it, asked whole
            others = tuple(d.id for d in documents if d.id not in named)
            return Scope(others, question) if others else None
    return None


def documents_named(scope: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """The documents the words `scope` name with words of their cards only (module docstring),
    best described first; () when they name none."""
    named = named_documents(POSSESSIVE.sub("", scope), documents)
    return described_documents(scope, named, documents, NAMED_SHARE) if named else ()


def placed_elsewhere(
    topic: str, document: Document, writes: Callable[[str, str], bool] = lambda _id, _text: False
) -> bool:
    """Whether `topic` opens by placing what is asked in an outlet `document`'s card does not
    name or at a date that is not its date: "in Dawn in August 2018?" of an article Foreign
    Policy published in September 2021 asks what its author wrote elsewhere (module docstring).
    "in Foreign Policy about …", "in September 2021 about …" and "in his article" are its own,
    and so is a name the document itself writes ("for the Taliban", "in Kabul": what it is
    about, by `writes`)."""
    return any(
        _other_date(place, document) or (_other_outlet(place, document) and not writes(document.id, place))
        for place in _places(topic)
    )


def _places(topic: str) -> Iterator[str]:
    """The phrases "in X"/"for X" that lead `topic`, each X."""
    start = 0
    while (match := _PLACED.match(topic, start)) is not None:
        yield match.group("place")
        start = match.end()


def _other_date(place: str, document: Document) -> bool:
    """Whether `place` writes a year or a month that is not `document`'s (an undated document
    is not told apart)."""
    if not document.date:
        return False
    year, _, month = document.date.partition("-")
    years = YEAR.findall(place)
    months = [value.month for value in date_values(place)]
    return any(y != year for y in years) or bool(month) and any(m != int(month[:2]) for m in months)


def _other_outlet(place: str, document: Document) -> bool:
    """Whether `place`, written in capitals and not a date, holds a word `document`'s card
    does not: "Dawn" is not the article's publisher, "The Friday Times" is."""
    if YEAR.search(place) or date_values(place) or not _CAPITALISED.search(place):
        return False
    return not described_documents(place, (document.id,), (document,), NAMED_SHARE)


def as_asked(topic: str, question: str) -> str:
    """The topic ended as the question is ("…?"), so that it reads as a question."""
    end = question.rstrip()[-1:]
    return topic + end if end in "?.!" and not topic.endswith(end) else topic


def scoped_filters(scope: Scope, filters: Filters | None) -> Filters | None:
    """The request's filters narrowed to the scope's documents (its kinds kept); None when the
    request's own document filter leaves them all out: the request wins, and the question is
    ranked as asked within its filters (docs/retrieval.md, "What a named document says")."""
    kinds = filters.kinds if filters is not None else None
    allowed = filters.documents if filters is not None else None
    within = tuple(d for d in scope.documents if allowed is None or d in allowed)
    return Filters(within, kinds) if within else None
