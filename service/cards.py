"""Document cards: one unit per document made of its catalog fields, so that questions about
the documents themselves ("Who wrote…", "When was the briefing published?", "What do you have
on…") are retrieved, answered and cited like any other unit.

A question asking for a field of a document the question names (its title, author, publisher,
date, series, URL or kind: `read_card_question`) is answered from that document's card, not
ranked: a card holds few of the question's words, and its cosine to "Who wrote the Crisis
Group briefing?" is that of a list of names, so ranking finds it but the calibrated score of
its evidence is low. The document is named as list questions name one (service.source_list:
by a catalog field's capitalised words, the author's surname, a kind only some documents
have), or by most of its title's words; and whatever else the question says about it must be
on its card ("the Crisis Group report on Pashtun alienation" is a report the briefing cites,
not the briefing). The answer quotes the card's line for the field; "Who wrote…?" of a
document without an author quotes its publisher (an institution's report is its own).
"Which was published first, A or B?" naming two documents or more is answered with their
cards' date lines, the one asked for first; "Was A published before or after B?", "Is A older
than B?", "How many months apart were A and B published?" with both, in the order the question
names them (`_read_date_order`).
"What documents do you have on X?" (`read_documents_on`) is answered with the cards of the
documents whose units retrieval finds for X, best first (service.engine). "Who wrote the article
about Pakistan's win in Afghanistan?" names a document by its topic, which its card does not
hold: `read_card_by_topic` reads the field, the documents the words before the topic admit, and
the topic, and service.engine picks the document whose text retrieval finds for the topic.
docs/retrieval.md, "Questions about a document".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.answer import human_date, shown_result
from service.answer_type import asked_wh_start
from service.bm25 import tokenize
from service.composing import ANSWER_SENTENCES, Sources
from service.records import Answer, AnswerSentence, Document, Hit, Unit, UnitKind
from service.source_list import named_documents

CARD_KIND: UnitKind = "document"
CARD_SCORE = 1.0  # a field read off the card of the document the question names (docs/api.md)
DESCRIBED_SHARE = 2 / 3  # share of the question's own words about a document that its card must hold
TITLED_SHARE = 2 / 3  # share of a title's words a question must hold to name the document by it

# What asks for which line of the card, in order of preference: a document without an author
# was written by its publisher. The field asked first in the question wins ("When was the
# article by the author … published?" asks for the date).
_FIELDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\btitled?\b|\bwhat\s+is\s+(?:it|the\s+\w+)\s+called\b", re.I), ("Title",)),
    (
        re.compile(
            r"\bwho\s+(?:wrote|authored|penned|(?:is|was)\s+(?:the\s+)?(?:author|writer))\b"
            r"|\bauthor(?:s|ed)?\b|\bwriters?\b|\bwritten\s+by\b|\bby\s+whom\b",
            re.I,
        ),
        ("Author", "Publisher"),
    ),
    (
        re.compile(
            r"\bwho\s+(?:published|issued|released|put\s+out)\b|\bpublishers?\b"
            r"|\b(?:which|what)\s+(?:organi[sz]ation|outlet|institution|think[- ]tank|publication|magazine|"
            r"newspaper|website)\b.*\b(?:published|issued|released)\b"
            r"|\bwhere\s+(?:was|did|is)\b.*\b(?:published|appear(?:ed)?|run|ran|come\s+out)\b",
            re.I,
        ),
        ("Publisher",),
    ),
    (
        re.compile(
            r"\b(?:(?P<when>when)|(?:what|which)\s+(?:date|day|month|year))\b.*"
            r"\b(?:published|written|released|issued|dated|appear(?:ed)?|come\s+out|came\s+out)\b"
            r"|\b(?:publication|release)\s+date\b|\bdate\s+of\s+(?:publication|release)\b",
            re.I,
        ),
        ("Date",),
    ),
    (re.compile(r"\bseries\b", re.I), ("Series",)),
    (re.compile(r"\b(?:url|web\s*address|link)\b", re.I), ("URL",)),
    (re.compile(r"\b(?:what|which)\s+(?:kind|type|sort)\s+of\s+(?:document|text|publication)\b", re.I), ("Kind",)),
)


def _asks_field(pattern: re.Pattern[str], question: str) -> re.Match[str] | None:
    """The first place `pattern` asks its field in `question`. A "when" is the date asked only
    where it is what the question asks (`asked_wh_start`): "When was the briefing published?",
    "Do you know when the article came out?"; not "What did the report say when it was published
    about …?" nor "Who was Pakistan's prime minister when the briefing was published?", which
    ask something the text states (docs/tuning.md, session 45)."""
    for match in pattern.finditer(question):
        if match.groupdict().get("when") is None or match.start("when") == asked_wh_start(question):
            return match
    return None


# "Which was published first, the briefing or the article?", "Which is more recent, …?": the
# date of each named document, the one asked for first (docs/retrieval.md, "Which came first").
_DATE_ORDER = re.compile(
    r"\b(?:published|written|released|issued|dated|appeared|came\s+out|come\s+out)\s+"
    r"(?:(?P<first>first|earlier|earliest|sooner)|(?P<last>later|latest|last|more\s+recently|most\s+recently))\b"
    r"|\b(?:is|was)\s+(?:the\s+)?(?:(?P<older>older|oldest|earlier|earliest)"
    r"|(?P<newer>newer|newest|more\s+recent|most\s+recent|later|latest))\b",
    re.I,
)
# "Was A published before or after B?", "Is A older than B?", "How many months apart were A and
# B published?", "How long after A was B published?": the two dates asked of, read in the order
# the question names the documents (the cards' Date lines are what the corpus says; the reader
# compares or counts them).
_DATE_RELATION = re.compile(
    r"\b(?:before\s+or\s+after|after\s+or\s+before|earlier\s+or\s+later|later\s+or\s+earlier)\b"
    r"|\b(?:older|newer|earlier|later|sooner|more\s+recent(?:ly)?)\s+than\b"
    r"|\b(?:published|written|released|issued|dated|appeared|came\s+out|come\s+out)\s+(?:before|after)\b"
    r"|\bhow\s+(?:long|soon|much\s+later|much\s+earlier)\s+(?:before|after)\b"
    r"|\bhow\s+(?:many|much)\s+(?:\w+\s+){0,2}?(?:apart|separate[sd]?|between|passed|elapsed)\b"
    r"|\bhow\s+far\s+apart\b|\b(?:time|gap)\s+between\b",
    re.I,
)
# Where a comparison's parts end: "A or B", "A than B", "A, B and C", "after A was B published".
_COMPARED_PARTS = re.compile(r"[,:;]|\b(?:or|than|and|versus|vs\.?|before|after|was|were|is|are)\b", re.I)
# "Which …?": the question picks one document, the one asked for is quoted first.
_PICKS_ONE = re.compile(r"\b(?:which|what)\b", re.I)
# "Which of the documents …?", "… in the library": every document is compared.
_ALL_DOCUMENTS = re.compile(r"\b(?:documents|(?:library|collection|corpus))\b", re.I)
# Words a question about a document uses whatever the document: asking words, the fields'
# words, names for a document. Anything else the question says describes the document.
_GENERIC = frozenset(
    tokenize(
        [
            "what which who whom whose when where how is was are were did does do the a an of by in on "
            "wrote write written writer author authored penned published publish publisher issued released "
            "put out come came appear appeared run ran dated date day month year publication release "
            "title titled called name named series number url web address link kind type sort "
            "document text piece article report briefing brief paper essay study column op-ed analysis "
            "it its this that first earlier earliest sooner later latest last older oldest newer newest "
            "more most recent recently or both two documents "
            "before after than apart separate separates separated between gap time long soon far much many "
            "passed elapsed days weeks months years"
        ]
    )[0]
)
# "What documents do you have on the peace process?", "Which articles in the library are about …?"
_DOCUMENTS_ON = re.compile(
    r"\s*(?:what|which)\s+(?:documents?|reports?|articles?|briefings?|papers?|publications?|texts?|pieces?)\s+"
    r"(?:(?:do|does)\s+(?:you|the\s+(?:library|collection|corpus|service))\s+(?:have|hold|keep|contain)"
    r"|(?:are|is)\s+there|(?:in|from)\s+the\s+(?:library|collection|corpus)(?:\s+(?:are|is))?|(?:are|is))\s+"
    r"(?:(?:on|about|concerning|regarding|covering|discussing)\s+)(?P<topic>[^?]+?)\s*\??\s*",
    re.I,
)
# "the article about …", "the Dawn piece on …", "the report that discusses …": a document asked of
# by what it is about. `described` is what the question says of the document itself (its outlet,
# its publisher), `topic` what it is about, up to the words asking for the field.
_BY_TOPIC = re.compile(
    r"\b(?:the|a|an|that|this)\s+(?P<described>(?:(?!(?:the|a|an|of)\s)[\w'’.&-]+\s+){0,4}?)"
    r"(?P<kind>articles?|reports?|briefings?|brief|papers?|pieces?|analys[ie]s|study|studies|essays?|columns?|"
    r"op-eds?|commentary|documents?|publications?)\s+"
    r"(?:(?:that|which)\s+(?:is\s+|was\s+)?)?"
    r"(?:about|on|of|concerning|regarding|covering|discussing|discusses|discussed|examining|examines|describing|"
    r"describes|looking\s+at|looks\s+at|says|said|argues|argued)\s+"
    r"(?P<topic>.+?)"
    r"(?:\s+(?:(?:first\s+)?(?:published|written|released|issued|dated|appear(?:ed)?|come\s+out|came\s+out|"
    r"called|run|ran|put\s+out)|by\s+whom))*\s*[?.!]*\s*$",
    re.I,
)
# Asking words of a field question that say nothing of the document ("Which think tank published …").
_ASKING = frozenset(
    tokenize(["organisation organization outlet institution think tank magazine newspaper website publication"])[0]
)


@dataclass(frozen=True)
class CardByTopic:
    """A question asking for a field of a document it names by its topic: the card lines that
    answer it, the documents what it says of the document admits, and the topic."""

    fields: tuple[str, ...]
    documents: tuple[str, ...]
    topic: str


@dataclass(frozen=True)
class CardQuestion:
    """A question asking for a field of named documents: the card lines that answer it, in
    order of preference, and the documents, best described first."""

    fields: tuple[str, ...]
    documents: tuple[str, ...]


def card_id(document_id: str) -> str:
    return f"{document_id}:card"


def document_card(document: Document, ordinal: int) -> Unit:
    """The card of `document`: one line a field. No full stops: the card is one sentence, so
    the answer to "when…?" or "who…?" quotes the whole card, date and author included."""
    fields = [
        ("Title", document.title),
        ("Kind", document.kind),
        ("Author", document.author),
        ("Publisher", document.publisher),
        ("Series", document.series),
        ("Date", human_date(document.date) if document.date else None),
    ]
    lines = [f"{name}: {' '.join(value.split())}" for name, value in fields if value]
    if document.url:
        lines.append(f"URL: {document.url}")
    return Unit(
        id=card_id(document.id),
        kind=CARD_KIND,
        document_id=document.id,
        section=None,
        text="\n".join(lines),
        ordinal=ordinal,
        spans=(),
    )


def read_card_question(question: str, documents: Sequence[Document]) -> CardQuestion | None:
    """The card fields `question` asks for and the documents it names (module docstring);
    None when it asks for no field, names no document, or describes it otherwise than its
    card does."""
    compared = _read_date_order(question, documents)
    if compared is not None:
        return compared
    asked = [(match.start(), fields) for pattern, fields in _FIELDS if (match := _asks_field(pattern, question))]
    if not asked:
        return None
    fields = min(asked, key=lambda pair: pair[0])[1]
    fitting = _named_in(question, documents)
    return CardQuestion(fields, fitting) if fitting else None


def read_card_by_topic(question: str, documents: Sequence[Document]) -> CardByTopic | None:
    """ "Who wrote the article about Pakistan's win in Afghanistan?", "When was the report on
    Pakistan's role in the peace talks published?": the field asked for, the documents whose
    card holds every word said of the document itself ("the article", "the Crisis Group
    report"; by its kind when only some documents are of it), and the topic. None when the
    question asks for no field before the topic, or says of the document what no card holds
    ("the Dawn piece about …", "the book on …": a work the documents cite)."""
    about = _BY_TOPIC.search(question)
    if about is None:
        return None
    asking = question[: about.start("topic")] + question[about.end("topic") :]  # "When was … published?"
    asked = [(m.start(), fields) for pattern, fields in _FIELDS if (m := _asks_field(pattern, asking))]
    if not asked or not about.group("topic").strip():
        return None
    fields = min(asked, key=lambda pair: pair[0])[1]
    fitting = _described_by(about, documents)
    return CardByTopic(fields, fitting, about.group("topic").strip()) if fitting else None


def read_document_by_topic(text: str, documents: Sequence[Document]) -> tuple[tuple[str, ...], str] | None:
    """ "the article about Pakistan's win in Afghanistan", "the report on the peace talks": the
    documents whose card holds every word `text` says of the document itself (as
    `read_card_by_topic` admits them) and the topic; None when `text` is not a document named
    by its topic from its first word, or says of it what no card holds ("the Dawn piece about
    …": a work the documents cite). The phrase of attribution of a question scoped by topic
    (service.engine, `scope_by_topic`)."""
    about = _BY_TOPIC.match(text.strip())
    if about is None or not about.group("topic").strip():
        return None
    fitting = _described_by(about, documents)
    return (fitting, about.group("topic").strip()) if fitting else None


def _described_by(about: re.Match[str], documents: Sequence[Document]) -> tuple[str, ...]:
    """The documents whose card holds every word a `_BY_TOPIC` match says of the document
    itself (its kind, its outlet), not counting asking words; a kind no card names admits all."""
    said = f"{about.group('described')}{about.group('kind')}"
    words = set(tokenize([said])[0]) - _GENERIC - _ASKING
    named = named_documents(said, documents) or tuple(d.id for d in documents)
    by_id = {d.id: d for d in documents}
    return tuple(d for d in named if words <= _card_terms(by_id[d]))


def _named_in(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """The documents `text` names and its card describes (`described_documents`)."""
    named = named_documents(text, documents) or _titled(set(tokenize([text])[0]), documents)
    return described_documents(text, named, documents)


def _read_date_order(question: str, documents: Sequence[Document]) -> CardQuestion | None:
    """ "Which was published first, A or B?" naming two documents or more: their dates, the
    earliest first (the latest first for "later", "more recent"); "Was A published before or
    after B?", "Is A older than B?", "How many months apart were A and B published?": their
    dates in the order the question names them. None for any other question. A document the
    catalog gives no date comes last: the reader sees it has none."""
    match = _DATE_ORDER.search(question)
    if match is None and not _DATE_RELATION.search(question):
        return None
    if _ALL_DOCUMENTS.search(question) and not named_documents(question, documents):
        fitting: tuple[str, ...] = tuple(d.id for d in documents)
    else:  # each compared document is described by its own part of the question
        parts = (_named_in(part, documents) for part in _COMPARED_PARTS.split(question))
        fitting = tuple(dict.fromkeys(d for part in parts for d in part))
    if len(fitting) < 2:
        return None
    dated = {d.id: d.date for d in documents if d.id in fitting and d.date}
    if match is None or not _PICKS_ONE.search(question):  # as asked: "Is A older than B?"
        ordered = [d for d in fitting if d in dated]
    else:
        ordered = sorted(dated, key=lambda d: dated[d], reverse=bool(match.group("last") or match.group("newer")))
    return CardQuestion(("Date",), (*ordered, *(d for d in fitting if d not in dated)))


def described_documents(
    text: str, named: Sequence[str], documents: Sequence[Document], share: float = DESCRIBED_SHARE
) -> tuple[str, ...]:
    """Of the `named` documents, those whose card holds what `text` says of them (at least
    `share` of its words that are not asking words or names for a document), best described
    first: "the Crisis Group report on Pashtun alienation" is not the briefing."""
    described = set(tokenize([text])[0]) - _GENERIC
    by_id = {d.id: d for d in documents}
    shares = {d: held_share(described, _card_terms(by_id[d])) for d in named}
    return tuple(sorted((d for d in named if shares[d] >= share), key=lambda d: -shares[d]))


def read_documents_on(question: str) -> str | None:
    """What a "What documents do you have on …?" question asks about, or None."""
    match = _DOCUMENTS_ON.fullmatch(question)
    return match.group("topic") if match else None


def _titled(terms: set[str], documents: Sequence[Document]) -> tuple[str, ...]:
    """The documents whose title's own words the question mostly holds."""
    titled = []
    for document in documents:
        title = set(tokenize([document.title])[0]) - _GENERIC
        if title and held_share(title, terms) >= TITLED_SHARE:
            titled.append(document.id)
    return tuple(titled)


def _card_terms(document: Document) -> set[str]:
    return set(tokenize([document_card(document, 0).text])[0])


def held_share(words: set[str], within: set[str]) -> float:
    """The share of `words` that `within` holds (all of none: a description that is all generic
    words, `described_documents`, contradicts no card). service.lead._held_share, the share of a
    question's terms a sentence holds, gives 0 for none: an empty question restates nothing."""
    return len(words & within) / len(words) if words else 1.0


def card_answer(
    question: str, asked: CardQuestion, sources: Sources, admits: Callable[[Unit], bool], top_k: int
) -> Answer | None:
    """The named documents' cards as the results and the asked field's line of each as the
    answer; None when the filters admit none of the cards, or no card has the field (the
    question is then ranked as any other)."""
    quoted: list[tuple[Unit, tuple[int, int]]] = []
    for document in asked.documents:
        index = sources.by_id.get(card_id(document))
        if index is None or not admits(sources.units[index]):
            continue
        unit = sources.units[index]
        line = next((span for field in asked.fields if (span := field_line(unit.text, field))), None)
        if line is not None:
            quoted.append((unit, line))
    if not quoted:
        return None
    sentences = tuple(AnswerSentence.quoting(unit, line) for unit, line in quoted[:ANSWER_SENTENCES])
    results = tuple(
        shown_result(rank, Hit(unit, CARD_SCORE), (line,), sources)
        for rank, (unit, line) in enumerate(quoted[:top_k], start=1)
    )
    return Answer(question, False, sentences, results)


def documents_answer(question: str, listed: Sequence[tuple[str, float]], sources: Sources, top_k: int) -> Answer:
    """The cards of `listed` (documents and the calibrated chance that each is about what was
    asked, best first) as the results, their titles as the answer; an abstention for none."""
    cards = [(sources.by_id[card_id(d)], chance) for d, chance in listed if card_id(d) in sources.by_id]
    if not cards:
        return Answer(question, True, (), (), abstain_reason="no-document")
    shown = []
    for rank, (index, chance) in enumerate(cards[:top_k], start=1):
        unit = sources.units[index]
        title = field_line(unit.text, "Title") or (0, len(unit.text))
        shown.append((shown_result(rank, Hit(unit, chance), (title,), sources), unit, title))
    sentences = tuple(AnswerSentence.quoting(unit, title) for _, unit, title in shown[:ANSWER_SENTENCES])
    return Answer(question, False, sentences, tuple(result for result, _, _ in shown))


def field_line(card: str, field: str) -> tuple[int, int] | None:
    """Where the card's line for `field` ("Author: …") starts and ends, or None."""
    match = re.search(rf"^{re.escape(field)}: .*$", card, re.M)
    return (match.start(), match.end()) if match else None
