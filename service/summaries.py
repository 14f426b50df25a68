"""What a document is about, in its own words: "What is the Crisis Group briefing about?",
"Summarise the Foreign Policy article.", "What are the main points of Kugelman's piece?".

Retrieval cannot answer these: the question's words are the document's name and "about",
which every unit of it shares, and the best match is whichever passage names the publisher
most (a note's "Crisis Group telephone interview", an author's biography). Reports and articles
lead with their own summary, the opening an editor writes to be read alone: a briefing's
summary box ("What's new? … Why does it matter? … What should be done? …"), an article's
standfirst and first paragraphs. So the answer quotes the opening of each named document: the
first statement (not a question, not a reference entry) of each of its first
`OPENING_PASSAGES` passages, verbatim and cited like any quote. Extractive summarising's "lead"
baseline, read per paragraph so that a summary box's three parts are each heard. Nothing is
ranked, so the score is the read-off score of a document card (service.cards.CARD_SCORE).

"What does Crisis Group recommend?", "What does Kugelman argue?", "What are the briefing's
conclusions?" ask the same of a document by what it does as a whole, and are answered the same
way; asked what it recommends (advises, urges, proposes), its opening statements saying what
should be done are quoted first, the rest in reading order.

"What documents do you have?" (no topic) lists the library: every document's card.
docs/retrieval.md, "Questions about a document".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import islice, zip_longest

from service.answer import shown_result
from service.cards import CARD_SCORE, card_id
from service.composing import ANSWER_SENTENCES, Sources
from service.question_words import BASE, CONCLUDING_VERBS, SOURCE_VERBS, alternation, inflected
from service.records import Answer, AnswerSentence, Document, Hit, Unit
from service.scope import attributions
from service.source_list import named_documents

OPENING_PASSAGES = 3  # the passages a document opens with, each heard once in its summary

# What a document does with its whole argument, and what it comes to ("What does X recommend?").
_SAYS = alternation(inflected((*SOURCE_VERBS, *CONCLUDING_VERBS), BASE))
_FINDINGS = r"recommendations?|conclusions?|findings?|arguments?|message"
# A question asking what a document advises, and the words a statement of advice is made with:
# a summary box says what should be done, and that is what "What does X recommend?" asks for.
_ASKS_ADVICE = re.compile(r"\b(?:recommend\w*|advi[sc]e\w*|urges?|propos\w*|suggest\w*)\b", re.I)
# After a word: a sentence opening on "Should …" states a condition, not advice.
_ADVICE = re.compile(r"(?<=\w\s)(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)\b", re.I)
# The scope (what names the document) of a question asking what a document says as a whole.
_SUMMARY = re.compile(
    r"\s*(?:"
    r"what(?:'s|’s|\s+is|\s+was)\s+(?P<about>.+?)\s+(?:all\s+)?about"
    r"|(?:please\s+)?(?:summari[sz]e|sum\s+up|give\s+(?:me\s+)?(?:an?\s+)?(?:summary|overview|synopsis|gist)\s+of)"
    r"\s+(?P<summarise>.+?)"
    r"|what(?:'s|’s|\s+is|\s+are)\s+(?:the\s+)?"
    r"(?:gist|summary|thrust|bottom\s+line|(?:main|key|central)\s+(?:points?|arguments?|findings?|messages?|takeaways?|ideas?))"
    r"\s+(?:of|in)\s+(?P<main>.+?)"
    # "What does Crisis Group recommend?", "What does Kugelman argue?": what the document says
    # as a whole, asked of it by what it does; with a topic after the verb ("… recommend Pakistan
    # do?") the question is ranked within the document instead (service.scope).
    rf"|what\s+(?:does|did|do)\s+(?P<says>.+?)\s+(?:{_SAYS})"
    rf"|what\s+(?:are|were)\s+(?:the\s+)?(?:{_FINDINGS})\s+(?:of|in)\s+(?P<findings>.+?)"
    rf"|what\s+(?:are|were)\s+(?P<own>.+?)['’]s?\s+(?:main\s+|key\s+)?(?:{_FINDINGS})"
    r")\s*[?.!]*\s*",
    re.I,
)
# A document named by no name, which names one only in a library of one ("Summarise it").
_THE_DOCUMENT = re.compile(
    r"(?:it|this|that|(?:the|this|that|your)\s+(?:document|report|article|briefing|paper|piece|text|study))", re.I
)
# "What documents do you have?", "Which documents are in the library?": no topic, the whole library.
_LIBRARY = re.compile(
    r"\s*(?:what|which)\s+(?:documents?|reports?|articles?|texts?|sources?|publications?)\s+"
    r"(?:(?:do|does)\s+(?:you|the\s+(?:library|collection|corpus|service))\s+(?:have|hold|keep|contain)"
    r"|(?:are|is)\s+(?:there\s+)?in\s+the\s+(?:library|collection|corpus)|are\s+there)\s*\??\s*",
    re.I,
)


def read_summary_question(question: str, documents: Sequence[Document]) -> tuple[str, ...] | None:
    """The documents whose summary `question` asks for, as service.source_list names them (in a
    library of one, "the report" or "it" is that one); None when it asks for none or names none:
    "What is the Haqqani network about?" asks about a topic, and is ranked."""
    match = _SUMMARY.fullmatch(question)
    if match is None:
        return None
    scope = next(group for group in match.groups() if group is not None)
    if _asks_a_topic(scope):  # "Summarise what the article says about the TTP": ranked (service.scope)
        return None
    named = named_documents(scope, documents)
    if named:
        return named
    alone = len(documents) == 1 and _THE_DOCUMENT.fullmatch(scope) is not None
    return (documents[0].id,) if alone else None


def _asks_a_topic(scope: str) -> bool:
    """Whether the words a summary request names its document with ask what it says of a topic
    ("what the article says about the TTP")."""
    return any(topic for _, topic in attributions(scope))


def asks_for_the_library(question: str) -> bool:
    """Whether `question` asks which documents the library holds, about no topic."""
    return _LIBRARY.fullmatch(question) is not None


def summary_answer(
    question: str, named: Sequence[str], sources: Sources, admits: Callable[[Unit], bool], top_k: int
) -> Answer | None:
    """The openings of the `named` documents (module docstring): each opening passage a result,
    its first statement quoted; None when the filters admit none of them or none opens with a
    statement (the question is then ranked as any other)."""
    per_document = [
        [(index, span) for index in _opening(document, sources, admits) if (span := _first_statement(index, sources))]
        for document in named
    ]
    # Each document's first statement before any document's second.
    quoted = [pair for layer in zip_longest(*per_document) for pair in layer if pair is not None]
    if not quoted:
        return None
    if _ASKS_ADVICE.search(question):  # "What does Crisis Group recommend?": its "should" first
        quoted.sort(key=lambda pair: not _advises(pair, sources))  # stable: reading order kept
    sentences = tuple(AnswerSentence.quoting(sources.units[index], span) for index, span in quoted[:ANSWER_SENTENCES])
    results = tuple(
        shown_result(rank, Hit(sources.units[index], CARD_SCORE), (span,), sources)
        for rank, (index, span) in enumerate(quoted[:top_k], start=1)
    )
    return Answer(question, False, sentences, results)


def _advises(quoted: tuple[int, tuple[int, int]], sources: Sources) -> bool:
    """Whether a quoted opening statement says what ought to be done ("Islamabad should …")."""
    index, span = quoted
    return _ADVICE.search(sources.units[index].text_at(span)) is not None


def _opening(document: str, sources: Sources, admits: Callable[[Unit], bool]) -> list[int]:
    """The first OPENING_PASSAGES passages of `document` in reading order: a document's units
    are stored together in reading order, its card last (service.units), so they are read from
    its first unit, found back from its card, not by scanning the corpus."""
    card = sources.by_id.get(card_id(document))
    if card is None:
        return []
    first = card
    while first > 0 and sources.units[first - 1].document_id == document:
        first -= 1
    passages = (i for i in range(first, card) if sources.units[i].kind == "passage" and admits(sources.units[i]))
    return list(islice(passages, OPENING_PASSAGES))


def _first_statement(index: int, sources: Sources) -> tuple[int, int] | None:
    """The span of the passage's first sentence that states: not a question ("What's new?"
    heads a summary box's part, it does not answer) and not a reference entry."""
    text = sources.units[index].text
    for row, (start, end) in zip(sources.sentences.of_unit(index), sources.sentences.spans_of(index), strict=True):
        if not sources.reference[row] and not text[start:end].rstrip().endswith("?"):
            return start, end
    return None
