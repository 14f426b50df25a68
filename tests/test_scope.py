"""What a named document says (service.scope): the phrase naming documents read as a scope, the
topic ranked within them through the real engine, the request's filters combined with it, and
questions that only mention a publisher left as they were."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import httpx
import pytest

from service.answer import cited_notes_only
from service.bm25 import terms_of
from service.cards import read_document_by_topic
from service.catalog import load_catalog
from service.evaluate.questions import load_questions
from service.records import Answer, AnswerSentence, Document, Filters
from service.references import asks_for_source
from service.scope import Scope, read_scope, scoped_filters

from .conftest import CORPUS
from .support.answers import lead_holds
from .support.documents import ADDED_DOCUMENT

BRIEFING, ARTICLE = "icg-asia-briefing-169", "fp-pakistan-taliban-2021"
_ADDED = ADDED_DOCUMENT  # a third document: documents are named from any catalog's fields


def _library() -> list[Document]:
    return [*load_catalog(CORPUS), _ADDED]


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        ("What does Kugelman say about India?", Scope((ARTICLE,), "India?")),
        ("What does Doe write about the Indus treaty?", Scope((_ADDED.id,), "the Indus treaty?")),
        (
            "According to the Crisis Group briefing, why did the Murree talks collapse?",
            Scope((BRIEFING,), "why did the Murree talks collapse?"),
        ),
        ("In the Acme Policy Institute report, who built the dams?", Scope((_ADDED.id,), "who built the dams?")),
        ("Who is Faiz Hameed, according to the article?", Scope((ARTICLE,), "Who is Faiz Hameed?")),
        ("Does the briefing mention Kashmir?", Scope((BRIEFING,), "Kashmir?")),
        ("How does the Foreign Policy piece describe the TTP?", Scope((ARTICLE,), "the TTP?")),
        ("What is Kugelman's view of China?", Scope((ARTICLE,), "China?")),
        ("In Kugelman's view, what does Pakistan want?", Scope((ARTICLE,), "what does Pakistan want?")),
        # Not the voice of a catalogued document: a cited report, a person, a year, an interviewee.
        ("According to a UN report, how many attacks did the TTP carry out?", None),
        ("In the Crisis Group report on Pashtun alienation, what is said of the south?", None),
        ("According to Prime Minister Imran Khan, who has won the war?", None),
        ("In 2015, who hosted the Murree talks?", None),
        ("What did Crisis Group interviewees say about the fence?", None),
        ("What happened in Murree?", None),
        # A publisher as the topic, not the voice.
        ("Who told Crisis Group that the jihad has ended?", None),
        ("What does the briefing say?", None),
    ],
)
def test_the_phrase_naming_documents_is_read_as_a_scope_and_a_topic(question: str, scope: Scope | None) -> None:
    assert read_scope(question, _library()) == scope


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        # Placed in an outlet or at a date the author's document is not: the other documents, asked whole.
        ("What did Doe write in Dawn?", "other"),
        ("What did Doe write for The Hindu in 2019?", "other"),
        ("What did Doe write in May 2022?", "other"),
        ("What did Kugelman write in Dawn in August 2018?", "other"),
        # Placed in the document's own outlet or at its own date, or by no name: the document.
        ("What did Doe write in the Acme Policy Institute report about the dams?", _ADDED.id),
        ("What did Doe write in March 2022 about the dams?", _ADDED.id),
        ("What did Doe write in 2022 about the dams?", _ADDED.id),
        ("What did Doe write in her report about the dams?", _ADDED.id),
        ("What did Kugelman write in The Friday Times about the fence?", ARTICLE),
    ],
)
def test_an_authors_writing_placed_elsewhere_is_not_scoped_to_the_authors_document(question: str, scope: str) -> None:
    """ "he wrote" reads as "in his document" only where the question's outlet and date are its own."""
    library = _library()
    read = read_scope(question, library)
    assert read is not None
    if scope == "other":
        author = _ADDED.id if "Doe" in question else ARTICLE
        assert read == Scope(tuple(d.id for d in library if d.id != author), question)
    else:
        assert read.documents == (scope,)


def test_an_authors_writing_in_another_outlet_is_answered_from_the_note_citing_it(engine: Any) -> None:
    """The article's author wrote for Dawn in 2018; only the briefing's note cites that piece."""
    answer = engine.ask("What did he write in Dawn in August 2018?", history=["Who is Michael Kugelman?"])
    assert not answer.abstained
    assert answer.results[0].hit.unit.document_id == BRIEFING
    lead_holds(answer, "Imran Khan's opportunity with America")


def test_a_name_the_document_writes_is_what_it_is_about_not_where_it_was_written() -> None:
    """ "for the Taliban" names no outlet when the document writes "Taliban": its scope stays."""
    library = _library()
    writes = lambda document, text: document == _ADDED.id and "dams" in text.lower()  # noqa: E731
    question = "What did Doe write for Dams Watch?"  # a name her report writes
    assert read_scope(question, library, writes).documents == (_ADDED.id,)
    assert read_scope(question, library).documents != (_ADDED.id,)  # unwritten, it is an outlet


@pytest.mark.parametrize(
    "question",
    ["What does the briefing recommend for the Taliban?", "What does Crisis Group say in Kabul?"],
)
def test_a_named_document_keeps_its_scope_for_a_name_it_writes(engine: Any, question: str) -> None:
    """ "the briefing" scopes the question to the briefing although the briefing writes "Taliban"
    and "Kabul": every result is its own (unscoped, the article ranks among them)."""
    answer = engine.ask(question, top_k=10)
    assert answer.results and {r.hit.unit.document_id for r in answer.results} == {BRIEFING}


@pytest.mark.parametrize("kind", ["source", "claim-source", "source-list", "footnote-number", "metadata", "summary"])
def test_questions_that_name_a_publisher_as_their_topic_are_no_scope(kind: str) -> None:
    """Source, claim-source, list, note, card and summary questions of both sets keep their
    reading: "Who told Crisis Group …?", "What does the briefing cite RAND for?"."""
    documents = load_catalog(CORPUS)
    questions = [q for q in load_questions([CORPUS / "questions" / "dev.jsonl"]) if q.kind == kind]
    assert questions
    assert [q.id for q in questions if read_scope(q.question, documents) is not None] == []


def test_the_request_filters_are_narrowed_and_an_excluding_one_wins() -> None:
    scope = Scope((BRIEFING,), "China?")
    assert scoped_filters(scope, None) == Filters((BRIEFING,), None)
    assert scoped_filters(scope, Filters(None, ("footnote",))) == Filters((BRIEFING,), ("footnote",))
    assert scoped_filters(scope, Filters((BRIEFING, ARTICLE), None)) == Filters((BRIEFING,), None)
    assert scoped_filters(scope, Filters((ARTICLE,), ("passage",))) is None


def test_a_named_documents_topic_is_answered_from_that_document(engine: Any) -> None:
    """Kugelman wrote the article; the briefing's former ambassador on India is not his."""
    answer = engine.ask("What does Kugelman say about India?", top_k=5)
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == {ARTICLE}
    lead_holds(answer, "India")


def test_the_named_document_that_does_not_say_abstains(engine: Any) -> None:
    """Only the article speaks of Kashmir: the briefing does not say, the article does."""
    assert engine.ask("What does the briefing say about Kashmir?").abstained
    article = engine.ask("What does the Foreign Policy article say about Kashmir?")
    assert not article.abstained and "Kashmir" in article.sentences[0].text
    assert {r.hit.unit.document_id for r in article.results} == {ARTICLE}


def test_the_request_kinds_are_kept_and_its_excluding_documents_win(engine: Any) -> None:
    notes = engine.ask("According to the briefing, who is Faiz Hameed?", top_k=5, filters=Filters(None, ("footnote",)))
    assert notes.results and {(r.hit.unit.document_id, r.hit.unit.kind) for r in notes.results} == {
        (BRIEFING, "footnote")
    }
    # Named by its title, not by a speaker (what Kugelman says is also read as a relation the
    # briefing does not state: service.said_about).
    other = engine.ask(
        "What does the Foreign Policy article say about India?", top_k=5, filters=Filters((BRIEFING,), None)
    )
    assert other.results and {r.hit.unit.document_id for r in other.results} == {BRIEFING}


def test_a_document_scoped_question_over_http(client: httpx.Client) -> None:
    question = "In the Foreign Policy article, who is Faiz Hameed?"
    response = client.post("/v1/ask", json={"question": question, "top_k": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question"] == question and not body["abstained"]
    assert {r["document"]["id"] for r in body["results"]} == {ARTICLE}
    assert "Faiz Hameed" in body["answer"][0]["text"]
    filtered = client.post("/v1/ask", json={"question": question, "filters": {"documents": [BRIEFING]}}).json()
    assert {r["document"]["id"] for r in filtered["results"]} == {BRIEFING}


@pytest.mark.parametrize("text", ["Taliban", "Dawn", "Friday Times", "Kugelman", "Durand Line", "xylophone"])
def test_whether_a_document_writes_a_name_matches_its_units_text(engine: Any, text: str) -> None:
    """The postings lookup agrees with reading the units themselves, for each document."""
    for document in (BRIEFING, ARTICLE):
        stems = terms_of(text)
        units = [u for u in engine.all_units() if u.document_id == document]
        expected = bool(stems) and all(any(stem in terms_of(u.text) for u in units) for stem in stems)
        assert engine.document_writes(document, text) is expected, (document, text)
    assert engine.document_writes("no-such-document", "Taliban") is False


def test_a_document_named_by_its_topic_scopes_the_question(engine: Any) -> None:
    """ "The article about Pakistan's win in Afghanistan" is the article (retrieval of the topic
    finds it first, well above the briefing): what it says about the TTP is ranked within it,
    where before the briefing's TTP passages came first (docs/retrieval.md, "What a named
    document says")."""
    answer = engine.ask("What does the article about Pakistan's win in Afghanistan say about the TTP?", top_k=5)
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == {ARTICLE}
    assert any("galvanized by the Taliban" in r.hit.unit.text for r in answer.results[:2])


def test_a_cited_work_named_by_its_topic_scopes_nothing(engine: Any) -> None:
    """ "The Crisis Group report on Pashtun alienation" is a report the briefing cites (its note
    is what retrieval of the topic finds first), "the Dawn piece" no document of the library:
    neither question is read as a scope."""
    asked = "What does the Crisis Group report on Pashtun alienation say about the tribal areas?"
    assert engine.scope_by_topic(asked, None, "hybrid") is None
    assert (
        engine.scope_by_topic("What does the Dawn piece about Khalilzad's visit say about Baradar?", None, "hybrid")
        is None
    )


def test_the_scope_by_topic_reading_holds_for_any_catalog() -> None:
    """The phrase names documents by their kind or outlet only when some card holds those words,
    whatever the catalog; the topic is what retrieval ranks (service.cards.read_document_by_topic)."""
    documents = _library()
    assert read_document_by_topic("the paper on water sharing along the Indus", documents) == (
        tuple(d.id for d in documents),
        "water sharing along the Indus",
    )
    assert read_document_by_topic("the Acme Policy Institute report on dams", documents) == (
        (_ADDED.id,),
        "dams",
    )
    assert read_document_by_topic("the Dawn piece about Khalilzad's visit", documents) is None
    assert read_document_by_topic("Kugelman", documents) is None


def test_what_a_document_named_by_its_topic_says_is_no_source_question(engine: Any) -> None:
    """ "What does the report on … say about Baradar?" asks what the briefing says, scoped to it
    by its topic; it is no source question, for the engine as for the harness (its
    `uncited_references` counts the answers of source questions only; docs/tuning.md, session 38)."""
    question = "What does the report on Pakistan's role in the Afghan peace process say about Baradar?"
    assert not asks_for_source(question)
    answer = engine.ask(question, top_k=5)
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == {BRIEFING}


def _quoting(engine: Any, unit_id: str, sentence: str, footnotes: tuple[int, ...] = ()) -> AnswerSentence:
    unit = engine.unit(unit_id)
    start = unit.text.index(sentence)
    return AnswerSentence.quoting(unit, (start, start + len(sentence)), footnotes)


def test_an_answer_to_a_source_question_quotes_only_the_notes_its_sentences_cite(engine: Any) -> None:
    """Every answer leaves the engine through `cited_notes_only`: to a turn asking for a source,
    a note neither leading, nor carried by a quoted sentence's marker, is dropped, whatever path
    composed the answer (a scope's topic is read without the turn's asking words); a note that
    leads or is cited stays, and an answer to any other question is left as it is."""
    claim = _quoting(
        engine, f"{BRIEFING}:p:II.C.4", "Baradar was allowed to join the Taliban's political office", (26,)
    )
    cited = _quoting(engine, f"{BRIEFING}:fn:26", "A Pakistan foreign ministry spokesperson said")
    uncited = _quoting(engine, f"{BRIEFING}:fn:75", "Baradar also met with Taliban leaders in Pakistan.")
    asked = "Which outlet reported Baradar's release?"
    assert asks_for_source(asked)
    answer = Answer(asked, False, (claim, cited, uncited), ())
    assert cited_notes_only(asked, answer).sentences == (claim, cited)
    led = Answer(asked, False, (uncited, claim, cited), ())  # a note that leads is what is quoted
    assert cited_notes_only(asked, led).sentences == (uncited, claim, cited)
    other = "What does the report say happened to Baradar?"
    assert cited_notes_only(other, replace(answer, question=other)).sentences == answer.sentences
