"""List questions by source ("Which claims rest on interviews?"): reading the question (the
list intent, the asked kind or outlet, the named document), and the list answer over real HTTP
with the session's engine, checked against the hand-labelled notes (tests/data/references.jsonl),
not against the parser that produced it; and on a Markdown note the seed documents know nothing
of."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.catalog import load_catalog
from service.records import Document
from service.schemas import AskResponse
from service.settings import Settings
from service.source_list import LIST_CLAIMS, ClaimIndex, ListQuestion, read_list_question
from service.source_profile import Citations
from service.units import load_corpus
from tests.support.server import serve_app

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
BRIEFING, ARTICLE = "icg-asia-briefing-169", "fp-pakistan-taliban-2021"


@pytest.fixture(scope="module")
def claim_index() -> ClaimIndex:
    """The corpus's claims and notes, parsed without an index or a model."""
    units = load_corpus(CORPUS).units
    return ClaimIndex(units, Citations(units).of)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return load_catalog(CORPUS)


def read(question: str, claim_index: ClaimIndex, documents: list[Document]) -> ListQuestion | None:
    return read_list_question(question, claim_index.issuers, documents)


def labelled_notes(kind: str | None = None, outlet: str | None = None) -> set[int]:
    """The briefing's footnotes whose hand labels cite a source of this kind and/or outlet."""
    notes = set()
    for line in (REPO / "tests" / "data" / "references.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if any(
            (kind is None or s["kind"] == kind) and (outlet is None or s["outlet"] == outlet) for s in row["sources"]
        ):
            notes.add(row["number"])
    return notes


# Reading the question ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kinds", "outlets", "documents"),
    [
        ("Which claims rest on interviews?", ("interview",), (), None),
        ("Which statements are sourced to official statements?", ("official statement",), (), None),
        ("Which claims come from press releases?", ("official statement",), (), None),  # not "the press"
        ("Which claims in the Crisis Group briefing come from news reports?", ("news article",), (), (BRIEFING,)),
        ("Which of the article's claims rely on media reports?", ("news article",), (), (ARTICLE,)),
        ("What does the report cite The New York Times for?", (), ("The New York Times",), None),
        ("What does Kugelman's article cite Dawn for?", (), ("Dawn",), (ARTICLE,)),  # the author names it
        ("Which claims rest on Crisis Group interviews?", ("interview",), ("Crisis Group",), None),
        ("Which claims are based on books or think-tank reports?", ("report", "book"), (), None),
        ("List the claims sourced to legal texts", ("legal text",), (), None),
        ("Which claims rest on Bloomberg?", (), (), None),  # an outlet no note names: asked, not found
    ],
)
def test_list_questions_are_read_with_their_kind_outlet_and_document(
    question: str,
    kinds: tuple[str, ...],
    outlets: tuple[str, ...],
    documents: tuple[str, ...] | None,
    claim_index: ClaimIndex,
) -> None:
    asked = read(question, claim_index, load_catalog(CORPUS))
    assert asked is not None
    assert (asked.kinds, asked.outlets, asked.documents) == (kinds, outlets, documents)


@pytest.mark.parametrize(
    "question",
    [
        "Whom did Crisis Group interview about the peace talks?",
        "What did the interviewed analysts say about the TTP?",
        "Which interview supports the claim that Pakistan pleaded to include the Taliban in Bonn?",
        "What does the briefing say about interviews with Taliban leaders?",
        "What is the source for the claim that Mullen called the Haqqani network a veritable arm of the ISI?",
        "What does Pakistan use the Taliban for?",
        "What did Imran Khan cite as the reason for the talks?",
        "Which claims rest on weak evidence?",  # a list, but of no kind of source
        "Which news outlet reported Baradar's release?",
        "Who told The New York Times that Pakistan supported the attack?",
    ],
)
def test_ordinary_questions_are_not_lists(question: str, claim_index: ClaimIndex, documents: list[Document]) -> None:
    assert read(question, claim_index, documents) is None


def test_no_question_of_another_kind_in_the_sets_reads_as_a_list(
    claim_index: ClaimIndex, documents: list[Document]
) -> None:
    """Every dev and held-out question that is not a `source-list` one keeps its old path."""
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (CORPUS / "questions" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            read_as_list = read(row["question"], claim_index, documents) is not None
            assert read_as_list == (row["kind"] == "source-list"), row["id"]


def test_the_claims_listed_are_those_the_labels_give(claim_index: ClaimIndex, documents: list[Document]) -> None:
    for question, expected in [
        ("Which claims rest on interviews?", labelled_notes(kind="interview")),
        ("Which claims rest on books?", labelled_notes(kind="book")),
        ("What does the briefing cite Reuters for?", labelled_notes(outlet="Reuters")),
        ("Which claims rest on Dawn reports?", labelled_notes(outlet="Dawn")),  # no Dawn "report": Dawn's articles
    ]:
        asked = read(question, claim_index, documents)
        assert asked is not None
        assert {n.number for claim in claim_index.listed(asked) for n in claim.notes} == expected, question
    for nothing in ("Which claims rest on Bloomberg?", "Which claims in the Foreign Policy article cite interviews?"):
        asked = read(nothing, claim_index, documents)
        assert asked is not None and claim_index.listed(asked) == [], nothing


# Over HTTP ----------------------------------------------------------------------------------------


@pytest.fixture
def client(make_settings: Callable[..., Settings], engine: Any) -> Iterator[httpx.Client]:
    with serve_app(make_settings(), engine) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def ask(client: httpx.Client, question: str, **fields: Any) -> AskResponse:
    response = client.post("/v1/ask", json={"question": question, **fields})
    assert response.status_code == 200, response.text
    return AskResponse.model_validate(response.json())


def test_a_list_question_is_answered_with_its_claims_notes_and_sources_over_http(
    client: httpx.Client, engine: Any
) -> None:
    body = ask(client, "Which claims rest on interviews?", top_k=4)
    interviews = labelled_notes(kind="interview")
    assert not body.abstained and body.source_list is not None
    counts = body.source_list
    assert (counts.kinds, counts.outlets, counts.documents, counts.order) == (["interview"], [], None, "document")
    # Every marked sentence closed by an interview note, from the units and the labels alone.
    units = engine.all_units()
    claims = {
        (u.id, r.sentence) for u in units if u.kind == "passage" for r in u.footnote_refs if r.number in interviews
    }
    assert counts.claims == len(claims) and counts.notes == len(interviews)
    assert counts.shown == len(body.answer) == min(LIST_CLAIMS, len(claims))
    by_id = {u.id: u for u in units}
    positions = []
    for sentence in body.answer:
        unit = by_id[sentence.unit_id]
        start = unit.text.index(sentence.text)  # verbatim from the corpus
        assert (sentence.unit_id, (start, start + len(sentence.text))) in claims
        assert sentence.listed and {n.number for n in sentence.listed} <= set(sentence.footnotes) & interviews
        for note in sentence.listed:
            assert note.unit_id == f"{BRIEFING}:fn:{note.number}"
            assert note.sources and all(s.kind == "interview" for s in note.sources)
        positions.append((unit.ordinal, start))
    assert positions == sorted(positions), "listed in document order"
    # The results are the passages holding the listed claims, in that order, highlighted at them.
    assert [r.rank for r in body.results] == list(range(1, 5))
    holding = list(dict.fromkeys(s.unit_id for s in body.answer))[:4]
    assert [r.unit_id for r in body.results] == holding
    for result in body.results:
        quoted = {s.text for s in body.answer if s.unit_id == result.unit_id}
        assert {result.text[a:b] for a, b in result.highlights} == quoted
        assert any(s.kind == "interview" for f in result.footnotes for s in f.sources)


def test_a_list_with_nothing_to_list_abstains_and_says_what_was_asked(client: httpx.Client) -> None:
    body = ask(client, "Which claims in the Foreign Policy article rest on interviews?")
    assert body.abstained and body.answer == [] and body.results == []
    assert body.source_list is not None
    assert (body.source_list.documents, body.source_list.claims, body.source_list.shown) == ([ARTICLE], 0, 0)
    # The request's filters restrict a list as a document the question names does.
    filtered = ask(client, "Which claims rest on interviews?", filters={"documents": [ARTICLE]})
    assert filtered.abstained and filtered.source_list is not None and filtered.source_list.claims == 0


def test_an_ordinary_question_naming_interviews_is_not_a_list(client: httpx.Client) -> None:
    body = ask(client, "Whom did Crisis Group interview about the Taliban's military push?")
    assert body.source_list is None and all(s.listed == [] for s in body.answer)


def test_an_outlet_the_seed_documents_never_cite_is_listed_in_a_note_that_does(
    notes_corpus_settings: Settings, embedder: Any
) -> None:
    """A Markdown note citing The Economist (see conftest): the outlets are read from the
    loaded notes, not from a list written for the seed documents."""
    from service.engine import load_engine

    engine = load_engine(notes_corpus_settings, embedder=embedder)
    with serve_app(notes_corpus_settings, engine) as url, httpx.Client(base_url=url, timeout=30) as client:
        body = ask(client, "Which claims cite The Economist?")
        interviews = ask(client, "Which claims in the note rest on interviews?")
    assert body.source_list is not None and body.source_list.outlets == ["The Economist"]
    assert [(s.footnotes, [n.number for n in s.listed]) for s in body.answer] == [([2], [2]), ([3], [3])]
    assert [src.author for s in body.answer for n in s.listed for src in n.sources] == ["Jane Doe", "Ahmed Rashid"]
    # "the note" names every document of this corpus, so it restricts nothing.
    assert interviews.source_list is not None and interviews.source_list.documents is None
    assert [s.text for s in interviews.answer] == [
        "Talks with the Taliban have pros and cons, as analysts in Islamabad argue at length."
    ]
