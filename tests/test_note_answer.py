"""Notes by number ("What does footnote 7 say?") and "Which footnote …?" questions
(service.note_answer): read from the question, answered by the real engine over the session
index and over HTTP, and, in a corpus of two documents that both number their notes from 1,
ordered by retrieval or restricted to the document the question names."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.catalog import load_catalog
from service.evaluate.questions import contains_gold, load_questions
from service.note_answer import read_numbered, which_note_topic
from service.number_words import word_number
from service.records import Answer, Document, Filters
from service.references import is_reference
from service.schemas import AskResponse
from service.settings import Settings
from service.units import load_corpus
from tests.conftest import CORPUS, NOTES_DOCUMENT
from tests.support.answers import answer_opening

BRIEFING, ARTICLE = "icg-asia-briefing-169", "fp-pakistan-taliban-2021"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return load_catalog(CORPUS)


# Reading the question -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("What does footnote 7 say?", (7,)),
        ("What does note 11 cite?", (11,)),
        ("Quote fn. 63.", (63,)),
        ("What is in fn7?", (7,)),
        ("What does n. 14 say?", (14,)),
        ("What does endnote 36 say?", (36,)),
        ("What do footnotes 7 and 8 say?", (7, 8)),
        ("What is note no. 12?", (12,)),
        ("Footnote #5, please", (5,)),
    ],
)
def test_a_note_named_by_number_is_read(question: str, numbers: tuple[int, ...], documents: list[Document]) -> None:
    asked = read_numbered(question, documents)
    assert asked is not None and asked.numbers == numbers and asked.documents is None


@pytest.mark.parametrize(
    "question",
    [
        "Who published Asia Briefing N°169?",  # a series number
        "Which Crisis Group Asia Reports N°s 62 and 207 does the briefing cite?",
        "Why does the briefing have 93 notes?",  # a count
        "What did the U.N. 1267 committee decide?",  # an abbreviation ending in "N."
        "What did the report note in 2021?",  # "note" the verb, no number after it
        "What is Resolution No. 7 about?",
        "What does the keynote 5 say?",
        "Which notes, one by one, cite Dawn?",
        "What does the first footnoted claim say?",  # an ordinal, but of no note
    ],
)
def test_numbers_that_are_not_note_numbers_are_not_read_as_notes(question: str, documents: list[Document]) -> None:
    assert read_numbered(question, documents) is None


# Numbers in words (service.number_words): a cardinal after the note word, an ordinal before it.
IN_WORDS = {
    "What does footnote seven say?": (7,),
    "What does footnote seventeen say?": (17,),
    "What does note twenty-one cite?": (21,),
    "Quote footnote forty one.": (41,),
    "What do footnotes seven and 8 say?": (7, 8),
    "What is in the twelfth footnote?": (12,),
    "What does the 3rd endnote say?": (3,),
    "What does the twenty-first note cite?": (21,),
}


@pytest.mark.parametrize("question", IN_WORDS)
def test_a_note_named_by_a_number_in_words_is_read(question: str, documents: list[Document]) -> None:
    asked = read_numbered(question, documents)
    assert asked is not None and asked.numbers == IN_WORDS[question]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one", 1),
        ("Seven", 7),
        ("nineteen", 19),
        ("twenty", 20),
        ("forty-one", 41),
        ("forty one", 41),
        ("ninety-nine", 99),
        ("first", 1),
        ("twelfth", 12),
        ("twentieth", 20),
        ("thirty-third", 33),
        ("12", 12),
        ("12th", 12),
        ("twenty ten", None),
        ("first twenty", None),
        ("hundred", None),
        ("seven eight", None),
    ],
)
def test_numbers_in_words_are_read_up_to_ninety_nine(words: str, value: int | None) -> None:
    assert word_number(words) == value


def test_the_document_a_note_is_asked_of_is_the_one_the_question_or_the_conversation_names(
    documents: list[Document],
) -> None:
    named = read_numbered("What does footnote 3 of the Foreign Policy article say?", documents)
    assert named is not None and named.documents == (ARTICLE,)
    # What the note is asked about is not where it is: Kugelman is an author the briefing cites.
    about = read_numbered("What does footnote 20 say about Michael Kugelman?", documents)
    assert about is not None and about.documents is None
    followed = read_numbered("And footnote 8?", documents, history=["What does the Crisis Group briefing say?"])
    assert followed is not None and followed.documents == (BRIEFING,)


def test_a_which_footnote_question_is_read_without_its_frame() -> None:
    assert which_note_topic("Which footnote is attached to the sentence about the 2,430km line?") == "the 2,430km line"
    assert which_note_topic("Which footnote cites The Guardian?") == "The Guardian"
    assert which_note_topic("In which note does the report explain the name Quetta shura?") is not None
    assert which_note_topic("Which faction did Pakistan back?") is None
    assert which_note_topic("What does footnote 7 say?") is None


def test_every_footnote_number_gold_is_in_exactly_one_note() -> None:
    """The footnote-number questions' truth, checked against the parsed corpus: each gold
    occurs in one unit, a footnote, and the sets hold unanswerable ones."""
    units = load_corpus(CORPUS).units
    questions = [
        q
        for name in ("dev.jsonl", "test.jsonl")
        for q in load_questions([CORPUS / "questions" / name])
        if q.kind == "footnote-number"
    ]
    assert len(questions) >= 16 and sum(not q.answerable for q in questions) >= 4
    for question in (q for q in questions if q.answerable):
        (unit,) = [u for u in units if contains_gold(u.text, question.gold)]
        assert unit.kind == "footnote", question.id


# The engine over the session index ----------------------------------------------------------------


def quoted_from(answer: Answer, unit_id: str) -> bool:
    """Every answer sentence is verbatim text of the unit it names, and names `unit_id` first."""
    units = {r.hit.unit.id: r.hit.unit for r in answer.results}
    return answer.sentences[0].unit_id == unit_id and all(s.text in units[s.unit_id].text for s in answer.sentences)


def test_a_note_by_number_leads_with_its_citation_and_is_quoted_whole(engine: Any) -> None:
    answer = engine.ask("What does footnote 7 say?")
    first = answer.results[0]
    assert not answer.abstained and first.hit.unit.id == f"{BRIEFING}:fn:7"
    assert first.citation.endswith("§II.A, footnote 7") and first.hit.score == 1.0
    assert quoted_from(answer, f"{BRIEFING}:fn:7") and answer.sentences[0].text.startswith("In an interview, Musharraf")
    short = engine.ask("What is in note 61?")
    assert [s.text for s in short.sentences] == [short.results[0].hit.unit.text]  # the whole note
    assert short.results[0].sources[f"{BRIEFING}:fn:61"]  # with its parsed source, as any note


def test_a_note_named_in_words_is_answered_as_by_its_digits(engine: Any) -> None:
    for words, digits in [
        ("What does footnote seven say?", "What does footnote 7 say?"),
        ("What is in the twelfth footnote?", "What is in footnote 12?"),
    ]:
        said, expected = engine.ask(words), engine.ask(digits)
        assert not said.abstained and said.sentences == expected.sentences
        assert [r.hit.unit.id for r in said.results] == [r.hit.unit.id for r in expected.results]
    assert engine.ask("What does footnote ninety-nine say?").abstained  # the briefing has 93


def test_every_quoted_sentence_is_highlighted_in_its_result(engine: Any) -> None:
    """Notes by number, "Which footnote …?" answers (the note, then the claim) and list answers
    highlight each sentence they quote in the result it comes from (answer.highlight_quoted),
    and a result composed for the topic keeps its own highlights."""
    for question in [
        "What does footnote 7 say?",
        "Which footnote is attached to the sentence about the 2,430km line?",
        "Which footnote cites The Guardian?",
        "Which claims cite Al Jazeera?",
        "Which footnotes cite The Diplomat?",
    ]:
        answer = engine.ask(question)
        assert not answer.abstained and answer.sentences, question
        highlights = {r.hit.unit.id: r.highlights for r in answer.results}
        for sentence in answer.sentences:
            assert sentence.span in highlights[sentence.unit_id], (question, sentence.text)
    topic = engine.ask("the 2,430km line")
    led = engine.ask("Which footnote is attached to the sentence about the 2,430km line?")
    kept = {r.hit.unit.id: set(r.highlights) for r in topic.results}
    for result in led.results[2:]:  # after the note and the claim: the topic's results, as composed
        assert set(result.highlights) == kept.get(result.hit.unit.id, set(result.highlights))


def test_what_a_note_cites_leads_with_its_reference_entry(engine: Any) -> None:
    """Footnote 7 states Musharraf's claim, then cites The Guardian: asked what it cites, the
    reference entry leads; asked what it says, the note is read in its order."""
    cites = engine.ask("What does footnote 7 cite?")
    assert cites.results[0].hit.unit.id == f"{BRIEFING}:fn:7"
    assert cites.sentences[0].text.startswith('"Bush threatened to bomb Pakistan, says Musharraf", The Guardian')
    answer_opening(engine, "What does footnote 7 say?", "In an interview, Musharraf")


def test_a_note_asked_what_it_says_leads_with_its_claim_not_its_reference_entries(engine: Any) -> None:
    """Footnote 12 opens with an interview note, then states a claim, then cites a book: asked
    what it says, the claim leads and the reference entries follow, in their order; asked what
    it cites, they lead."""
    said = answer_opening(engine, "What does footnote 12 say?", "According to a former Pakistani foreign secretary")
    assert [is_reference(s.text) for s in said.sentences] == [False, True, True]
    assert said.sentences[1].text == "Crisis Group telephone interview, October 2020."
    cites = engine.ask("What does footnote 12 cite?")
    assert [is_reference(s.text) for s in cites.sentences] == [True, True, False]


def test_a_note_no_admitted_document_has_is_an_abstention(engine: Any) -> None:
    assert engine.ask("What does footnote 112 say?").abstained
    assert engine.ask("What does footnote 3 of the Foreign Policy article say?").abstained  # it has no notes
    assert engine.ask("What does footnote 3 say?", filters=Filters(documents=(ARTICLE,))).abstained
    assert engine.ask("What does footnote 3 say?", filters=Filters(kinds=("passage",))).abstained
    kept = engine.ask("What does footnote 3 say?", filters=Filters(documents=(BRIEFING,), kinds=("footnote",)))
    assert kept.results[0].hit.unit.id == f"{BRIEFING}:fn:3"


def test_which_footnote_questions_lead_with_the_note_then_the_claim(engine: Any) -> None:
    attached = engine.ask("Which footnote is attached to the sentence about the 2,430km line?")
    assert [r.hit.unit.id for r in attached.results[:2]] == [f"{BRIEFING}:fn:2", f"{BRIEFING}:p:II.A.1"]
    assert attached.results[0].citation.endswith("footnote 2") and quoted_from(attached, f"{BRIEFING}:fn:2")
    claim = attached.sentences[-1]
    assert "2,430km line" in claim.text and claim.footnotes == (2,)
    cites = engine.ask("Which footnote cites The Guardian?")
    assert cites.results[0].hit.unit.id == f"{BRIEFING}:fn:7" and "The Guardian" in cites.sentences[0].text
    assert engine.ask("Which footnote cites the boiling point of water?").abstained


def test_notes_by_number_over_http(client: httpx.Client) -> None:
    response = client.post("/v1/ask", json={"question": "What does fn. 63 say?"})
    missing = client.post("/v1/ask", json={"question": "What does footnote 131 say?"})
    body = AskResponse.model_validate(response.json())
    assert body.results[0].unit_id == f"{BRIEFING}:fn:63" and body.results[0].footnote_number == 63
    assert body.answer[0].text.startswith("In May 2021, Bajwa and the ISI head met President Ghani")
    assert missing.status_code == 200 and missing.json()["abstained"] is True


# Two documents numbering their notes from 1 -------------------------------------------------------

SECOND_NOTE = "\n".join(
    [
        "# Water and the border",
        "",
        "## Rivers",
        "",
        "The Kabul River feeds the plains downstream, and dams upstream worry farmers.[^1] "
        "Engineers have surveyed the valley twice.[^2]",
        "",
        "[^1]: Irrigation canals below the Warsak dam carry the river's water to orchards and wheat fields.",
        '[^2]: Sara Khan, "Surveying the valley", The Hydrologist, 2 May 2019.',
        "",
    ]
)


@pytest.fixture(scope="module")
def two_note_engine(tmp_path_factory: pytest.TempPathFactory, built_index_dir: Path, embedder: Any) -> Any:
    """A corpus of two Markdown notes, each with its own footnotes 1 and 2, built once (the
    session's caches hard-linked in)."""
    from service.build import build_index
    from service.engine import load_engine

    root = tmp_path_factory.mktemp("two-notes")
    (root / "documents").mkdir()
    (root / "documents" / "talks.md").write_text(NOTES_DOCUMENT, encoding="utf-8")
    (root / "documents" / "water.md").write_text(SECOND_NOTE, encoding="utf-8")
    (root / "catalog.toml").write_text(
        '[[documents]]\nid = "talks-note"\nfile = "documents/talks.md"\ntitle = "Talks and their sources"\n'
        'publisher = "Example Institute"\nkind = "note"\n\n'
        '[[documents]]\nid = "water-note"\nfile = "documents/water.md"\ntitle = "Water and the border"\n'
        'publisher = "River Trust"\nkind = "note"\n',
        encoding="utf-8",
    )
    shutil.copytree(built_index_dir / "cache", root / "index" / "cache", copy_function=os.link)
    settings = Settings(corpus_dir=root, index_dir=root / "index")
    build_index(settings, embedder=embedder, progress=False)
    return load_engine(settings, embedder=embedder)


def test_a_number_several_documents_have_lists_their_notes_best_first(two_note_engine: Any) -> None:
    water = two_note_engine.ask("What does footnote 1 say about irrigation canals and orchards?")
    talks = two_note_engine.ask("What does footnote 1 say about the interview with a security analyst?")
    assert [r.hit.unit.id for r in water.results] == ["water-note:fn:1", "talks-note:fn:1"]
    assert [r.hit.unit.id for r in talks.results] == ["talks-note:fn:1", "water-note:fn:1"]
    assert water.sentences[0].unit_id == "water-note:fn:1" and talks.sentences[0].unit_id == "talks-note:fn:1"


def test_a_number_in_a_named_document_is_that_documents_note(two_note_engine: Any) -> None:
    named = two_note_engine.ask("What does footnote 2 of the River Trust note say?")
    assert [r.hit.unit.id for r in named.results] == ["water-note:fn:2"]
    assert named.results[0].citation.endswith("footnote 2")
    assert two_note_engine.ask("What does footnote 3 of the River Trust note say?").abstained  # talks has a 3
    third = two_note_engine.ask("What does footnote 3 say?")
    assert [r.hit.unit.id for r in third.results] == ["talks-note:fn:3"]
