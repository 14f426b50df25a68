"""List questions by source ("Which claims rest on interviews?"): reading the question (the
list intent, the asked kind or outlet, the named document), and the list answer over real HTTP
with the session's engine, checked against the hand-labelled notes (tests/data/references.jsonl)
and the hand-labelled attributions of the web article, which has no notes
(tests/data/attributions.jsonl), not against the parsers that produced them; and on a Markdown
note and a web article the seed documents know nothing of."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.attributions import Attribution, passage_attributions
from service.catalog import load_catalog
from service.records import Document, Unit
from service.schemas import AskResponse
from service.settings import Settings
from service.source_list import LIST_CLAIMS, ClaimIndex, ListQuestion, read_list_question
from service.source_profile import Citations
from service.text import sentence_spans
from service.units import load_corpus
from tests.support.documents import write_one_document_corpus
from tests.support.server import serve_app

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
BRIEFING, ARTICLE = "icg-asia-briefing-169", "fp-pakistan-taliban-2021"


def index_of(units: list[Unit]) -> ClaimIndex:
    """The claims of `units`, their notes and their words, read without an index or a model
    (sentences split as the index splits them)."""

    def attributions_of(index: int) -> tuple[Attribution, ...]:
        text = units[index].text
        return passage_attributions(text, tuple(sentence_spans(text)))

    return ClaimIndex(units, Citations(units).of, attributions_of)


@pytest.fixture(scope="module")
def claim_index() -> ClaimIndex:
    """The corpus's claims and notes, parsed without an index or a model."""
    return index_of(load_corpus(CORPUS).units)


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


def labelled_attributions(kind: str | None = None, outlet: str | None = None) -> set[str]:
    """The words of the web article's attributions whose hand labels name a source of this kind
    and/or outlet, naming who or where (an outlet, or a speaker who is not a bare pronoun)."""
    words = set()
    for line in (REPO / "tests" / "data" / "attributions.jsonl").read_text(encoding="utf-8").splitlines():
        for s in json.loads(line)["sources"]:
            named = s["outlet"] or (s["author"] or "").lower() not in ("", "he", "she", "they", "it", "we")
            if named and (kind is None or s["kind"] == kind) and (outlet is None or s["outlet"] == outlet):
                words.add(s["words"])
    return words


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
        ("Which claims in Kugelman's article come from the BBC?", (), ("BBC",), (ARTICLE,)),  # named in words
        ("What does the Foreign Policy article cite the TTP for?", (), ("TTP",), (ARTICLE,)),
        # A body the notes name only in their words (a possessive before a publisher's entry),
        # one of whose words is a kind noun: the body, not every study or report.
        ("What does the briefing cite the Afghanistan Study Group for?", (), ("Afghanistan Study Group",), (BRIEFING,)),
        ("Which claims rest on the Afghanistan Study Group's report?", ("report",), ("Afghanistan Study Group",), None),
        ("Which claims rest on Crisis Group Reports?", ("report",), ("Crisis Group",), None),  # a kind after an outlet
        ("Which claims rest on News Reports?", ("news article",), (), None),  # kind words alone, in capitals
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


@pytest.mark.parametrize(
    "question",
    [
        "Which claims rest on the Pakistan Study Group's report?",
        "Which notes cite the Iraq Study Group?",
        "List the footnotes citing Kabul Policy Review Studies.",
    ],
)
def test_a_body_no_note_names_is_an_unknown_issuer_not_a_kind(
    question: str, claim_index: ClaimIndex, documents: list[Document]
) -> None:
    """Its "Study" asks for that group's work: nothing is listed, not every report."""
    asked = read(question, claim_index, documents)
    assert asked is not None and asked.unknown_outlet and asked.kinds == ()
    assert claim_index.listed(asked) == [] and claim_index.listed_notes(asked) == []


def test_what_a_note_cites_a_body_no_note_names_for_is_not_a_list(
    claim_index: ClaimIndex, documents: list[Document]
) -> None:
    # As for any source the notes do not know: a plain question (service.references).
    assert read("What does the briefing cite the Iraq Study Group for?", claim_index, documents) is None


def labelled_titles(words: str) -> set[int]:
    """The briefing's footnotes whose hand labels cite a work whose title holds `words`."""
    notes = set()
    for line in (REPO / "tests" / "data" / "references.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if any(words in (s["title"] or "") for s in row["sources"]):
            notes.add(row["number"])
    return notes


def test_an_issuer_the_notes_name_in_their_words_lists_the_notes_naming_it(
    claim_index: ClaimIndex, documents: list[Document]
) -> None:
    """Named in the prose introducing a citation ("the … Afghanistan Study Group's February 2021
    report: …", before a U.S. Institute of Peace entry) or as the body a cited report is "of"
    ("Twenty-seventh report of the Analytical Support and Sanctions Monitoring Team")."""
    group = labelled_titles("Afghanistan Study Group")
    team = labelled_titles("Analytical Support and Sanctions Monitoring Team")
    assert group and len(team) > 1
    for question, expected in [
        ("Which footnotes cite the Afghanistan Study Group?", group),
        ("Which claims in the briefing rest on the Afghanistan Study Group's report?", group),
        ("Which notes cite the Analytical Support and Sanctions Monitoring Team?", team),
        ("What does the briefing cite the Analytical Support and Sanctions Monitoring Team for?", team),
        ("Which notes cite the UN Security Council?", labelled_notes(outlet="UN Security Council")),
    ]:
        asked = read(question, claim_index, documents)
        assert asked is not None, question
        assert {n.number for n in claim_index.listed_notes(asked)} == expected, question
        assert {n.number for claim in claim_index.listed(asked) for n in claim.notes} == expected, question


@pytest.mark.parametrize(
    ("question", "kinds", "outlets"),
    [
        ("Which reports does the briefing cite?", ("report",), ()),
        ("What studies does the briefing draw on?", ("report",), ()),
        ("Which Crisis Group reports does the briefing cite?", ("report",), ("Crisis Group",)),
        ("Which books does the briefing cite?", ("book",), ()),
    ],
)
def test_the_works_of_a_kind_a_document_cites_are_a_list_of_notes(
    question: str, kinds: tuple[str, ...], outlets: tuple[str, ...], claim_index: ClaimIndex, documents: list[Document]
) -> None:
    asked = read(question, claim_index, documents)
    assert asked is not None and asked.notes
    assert (asked.kinds, asked.outlets, asked.documents) == (kinds, outlets, (BRIEFING,))
    expected = set.intersection(
        *(labelled_notes(kind=kind) for kind in kinds), *(labelled_notes(outlet=o) for o in outlets)
    )
    assert {n.number for n in claim_index.listed_notes(asked)} == expected


@pytest.mark.parametrize(
    "question",
    [
        "Which reports does the briefing cite on the TTP?",  # the source of a claim, asked by kind
        "Which Taliban leaders does the briefing quote?",  # no kind of work
        "Which sources does the briefing cite?",
    ],
)
def test_works_asked_for_with_a_topic_or_without_a_kind_are_not_a_list(
    question: str, claim_index: ClaimIndex, documents: list[Document]
) -> None:
    assert read(question, claim_index, documents) is None


def test_no_question_of_another_kind_in_the_sets_reads_as_a_list(
    claim_index: ClaimIndex, documents: list[Document]
) -> None:
    """Every dev and held-out question that is not a list one (with "listed": the `source-list`
    kind and `source-list-entry`, lists of notes for an outlet of a joined note) keeps its old path."""
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (CORPUS / "questions" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            read_as_list = read(row["question"], claim_index, documents) is not None
            assert read_as_list == ("listed" in row), row["id"]


def test_the_claims_listed_are_those_the_labels_give(claim_index: ClaimIndex, documents: list[Document]) -> None:
    for question, expected in [
        ("Which claims rest on interviews?", labelled_notes(kind="interview")),
        ("Which claims rest on books?", labelled_notes(kind="book")),
        ("What does the briefing cite Reuters for?", labelled_notes(outlet="Reuters")),
        ("What is Reuters cited for?", labelled_notes(outlet="Reuters")),  # the passive, of every document
        ("Which claims rest on Dawn reports?", labelled_notes(outlet="Dawn")),  # no Dawn "report": Dawn's articles
    ]:
        asked = read(question, claim_index, documents)
        assert asked is not None
        assert {n.number for claim in claim_index.listed(asked) for n in claim.notes} == expected, question
    for nothing in ("Which claims rest on Bloomberg?", "Which claims in the Crisis Group briefing cite websites?"):
        asked = read(nothing, claim_index, documents)
        assert asked is not None and claim_index.listed(asked) == [], nothing


def test_the_claims_of_a_document_without_notes_are_those_its_labelled_attributions_give(
    claim_index: ClaimIndex, documents: list[Document]
) -> None:
    """The web article names its sources in its sentences: a list reads those, by the same
    kinds and outlets, and only there (the briefing's own "said" sentences cite their notes)."""
    for question, expected in [
        ("Which claims in the Foreign Policy article rest on interviews?", labelled_attributions(kind="interview")),
        ("Which claims in Kugelman's article come from reports?", labelled_attributions(kind="report")),
        (
            "Which statements in the article are sourced to official statements?",
            labelled_attributions(kind="official statement"),
        ),
        ("What does the Foreign Policy article cite the BBC for?", labelled_attributions(outlet="BBC")),
        ("Which claims in the article cite NATO interrogators?", labelled_attributions(outlet="NATO interrogators")),
    ]:
        asked = read(question, claim_index, documents)
        assert asked is not None and expected, question
        listed = claim_index.listed(asked)
        assert {a.text for claim in listed for a in claim.attributions} == expected, question
        assert all(claim.notes == () and claim.claim.footnotes == () for claim in listed), question
    for nothing in (
        "Which claims in the Foreign Policy article rest on books?",
        "What does Kugelman cite Reuters for?",
    ):
        asked = read(nothing, claim_index, documents)
        assert asked is not None and claim_index.listed(asked) == [], nothing
    # Across both documents, the briefing's claims come from its notes only, then the article's.
    everything = read("Which claims rest on interviews?", claim_index, documents)
    assert everything is not None
    listed = claim_index.listed(everything)
    briefing = [c for c in listed if not c.attributions]
    assert {n.number for c in briefing for n in c.notes} == labelled_notes(kind="interview")
    assert [c for c in listed if c.attributions] == listed[len(briefing) :]


def test_the_sets_expect_of_a_document_without_notes_what_its_labels_give() -> None:
    """Each `attributed` of the question sets is the words of a hand-labelled attribution, and
    each gold a piece of a sentence carrying one of them (corpus/questions/README.md)."""
    labelled: dict[str, str] = {}  # words -> the sentence they are labelled in
    for line in (REPO / "tests" / "data" / "attributions.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labelled.update({source["words"]: row["text"] for source in row["sources"]})
    seen = 0
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (CORPUS / "questions" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "attributed" not in row:
                continue
            assert row["document"] == ARTICLE and row["listed"] == [], row["id"]
            assert set(row["attributed"]) <= set(labelled), row["id"]
            sentences = [labelled[words] for words in row["attributed"]]
            assert all(any(gold in sentence for sentence in sentences) for gold in row["gold"]), row["id"]
            seen += 1
    assert seen >= 13


# A web article the seed documents know nothing of ----------------------------------------------

WEB_ARTICLE = "\n\n".join(
    [
        "Dams and the monsoon",
        "The river authority opened the spillways on Monday. A former senior irrigation engineer said the gates"
        " had not been serviced since 2015. Ayesha Malik told me the village had been warned only an hour before."
        " Provincial minister Omar Khan told Reuters that compensation would be paid within a month.",
        "Khan said the dam was safe. According to a 2019 World Bank survey, half the canals leak. The provincial"
        " government announced that an inquiry would report in June. They also complained that nobody came. He"
        " said in an interview that the gates were old.",
        "",
    ]
)


def _claims_of_one_document(folder: Path, file: str, text: str, **entry: str) -> tuple[ClaimIndex, list[Document]]:
    """The claims and the catalog of a corpus of one document (`write_one_document_corpus`)."""
    root = write_one_document_corpus(folder, file, text, **entry)
    return index_of(load_corpus(root).units), load_catalog(root)


@pytest.fixture(scope="module")
def web_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClaimIndex, list[Document]]:
    return _claims_of_one_document(
        tmp_path_factory.mktemp("web-corpus"),
        "dams.txt",
        WEB_ARTICLE,
        id="dams-2022",
        title="Dams and the monsoon",
        publisher="Example Daily",
        author="Sam Reporter",
        date="2022-08",
        kind="article",
    )


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # Interviews: someone told an outlet or the writer, or an unnamed person said it. A named
        # person's bare "said" (Khan) could be a speech or a post: the sentence does not say.
        (
            "Which claims rest on interviews?",
            [
                "A former senior irrigation engineer said",
                "Ayesha Malik told me",
                "Provincial minister Omar Khan told Reuters",
            ],
        ),
        ("What does the article cite Reuters for?", ["Provincial minister Omar Khan told Reuters"]),
        ("Which claims come from reports?", ["According to a 2019 World Bank survey"]),
        ("Which claims cite the World Bank?", ["According to a 2019 World Bank survey"]),
        ("Which claims rest on government statements?", ["The provincial government announced"]),
        ("Which claims rest on books?", []),
    ],
)
def test_a_web_article_no_seed_document_resembles_lists_its_claims_by_their_words(
    question: str, words: list[str], web_corpus: tuple[ClaimIndex, list[Document]]
) -> None:
    index, documents = web_corpus
    asked = read_list_question(question, index.issuers, documents)
    assert asked is not None
    listed = index.listed(asked)
    assert [a.text for claim in listed for a in claim.attributions] == words  # in reading order
    for claim in listed:
        # "He said in an interview" names nobody to check: never listed, though an interview.
        assert all(a.identified for a in claim.attributions)


# A note naming its issuers in its words, in no seed document's style
RIVERS_NOTE = "\n".join(
    [
        "# Rivers and their reviewers",
        "",
        "## Findings",
        "",
        "The dam has leaked since 2015.[^1] Farmers downstream lost a third of their crop.[^2] The ministry"
        " denies both.[^3]",
        "",
        "[^1]: According to the Lower Indus Study Group's March 2022 study: \"the spillway gates were never"
        ' serviced". "Lower Indus: Final Study", Example Institute, March 2022.',
        '[^2]: Sara Lee, "Drought and the delta", Harbour Times, 4 April 2022.',
        '[^3]: "Fourth report of the Basin Monitoring Panel", River Commission, 1 May 2022.',
        "",
    ]
)


@pytest.fixture(scope="module")
def rivers_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClaimIndex, list[Document]]:
    return _claims_of_one_document(
        tmp_path_factory.mktemp("rivers-corpus"),
        "rivers.md",
        RIVERS_NOTE,
        id="rivers-note",
        title="Rivers and their reviewers",
        publisher="Example Daily",
        date="2022-06",
        kind="note",
    )


@pytest.mark.parametrize(
    ("question", "outlets", "notes"),
    [
        ("Which claims cite the Lower Indus Study Group?", ("Lower Indus Study Group",), [1]),
        ("Which footnotes cite the Lower Indus Study Group's study?", ("Lower Indus Study Group",), [1]),
        ("What does the note cite the Basin Monitoring Panel for?", ("Basin Monitoring Panel",), [3]),
        ("Which claims rest on studies?", (), [1, 3]),  # the kind, where no body is named
        ("Which claims rest on the Upper Indus Study Group's report?", (), []),  # no note names it
    ],
)
def test_a_note_no_seed_document_resembles_lists_the_issuers_it_names_in_its_words(
    question: str, outlets: tuple[str, ...], notes: list[int], rivers_corpus: tuple[ClaimIndex, list[Document]]
) -> None:
    index, documents = rivers_corpus
    asked = read_list_question(question, index.issuers, documents)
    assert asked is not None and asked.outlets == outlets
    assert [n.number for n in index.listed_notes(asked)] == notes
    assert [n.number for claim in index.listed(asked) for n in claim.notes] == notes


# Over HTTP ----------------------------------------------------------------------------------------


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
    # And the web article's three, each a sentence naming an interview in its words, after them.
    assert counts.attributions == len(labelled_attributions(kind="interview")) == 3
    assert counts.claims == len(claims) + counts.attributions and counts.notes == len(interviews)
    assert counts.shown == len(body.answer) <= min(LIST_CLAIMS, len(claims))
    # Every quoted claim is in a result (four asked: the claims of the first four passages).
    assert len(body.results) == 4 and {s.unit_id for s in body.answer} == {r.unit_id for r in body.results}
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


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which footnotes cite Dawn?", ListQuestion((), ("Dawn",), None, notes=True)),
        ("What endnotes cite The Diplomat?", ListQuestion((), ("The Diplomat",), None, notes=True)),
        ("List the notes that cite books.", ListQuestion(("book",), (), None, notes=True)),
        (
            "Which of the briefing's footnotes rest on interviews?",
            ListQuestion(("interview",), (), (BRIEFING,), notes=True),
        ),
        # Asked, and no note names it: the list is of nothing.
        ("Which footnotes cite Bloomberg?", ListQuestion((), (), None, unknown_outlet=True, notes=True)),
    ],
)
def test_notes_asked_for_in_the_plural_are_read_as_a_list_of_notes(
    question: str, expected: ListQuestion, claim_index: ClaimIndex, documents: list[Document]
) -> None:
    assert read(question, claim_index, documents) == expected


def test_one_note_or_the_claims_are_not_a_list_of_notes(claim_index: ClaimIndex, documents: list[Document]) -> None:
    assert read("Which footnote cites The Guardian?", claim_index, documents) is None  # ranked: service.note_answer
    assert read("Which footnotes are attached to the sentence about the Durand Line?", claim_index, documents) is None
    claims = read("Which claims cite Dawn?", claim_index, documents)
    assert claims is not None and not claims.notes


def test_the_notes_listed_are_every_note_the_labels_give(claim_index: ClaimIndex, documents: list[Document]) -> None:
    for question, expected in [
        ("Which footnotes cite Dawn?", labelled_notes(outlet="Dawn")),
        ("Which notes rest on interviews?", labelled_notes(kind="interview")),
        ("Which footnotes cite books?", labelled_notes(kind="book")),
        ("Which footnotes cite Dawn reports?", labelled_notes(outlet="Dawn")),  # the outlet decides
    ]:
        asked = read(question, claim_index, documents)
        assert asked is not None
        listed = claim_index.listed_notes(asked)
        assert [n.number for n in listed] == sorted(expected), question  # all of them, in order
        assert all(n.unit_id == f"{BRIEFING}:fn:{n.number}" and n.sources for n in listed)
    for nothing in ("Which footnotes cite Bloomberg?", "Which footnotes in the Foreign Policy article cite the BBC?"):
        asked = read(nothing, claim_index, documents)
        assert asked is not None and claim_index.listed_notes(asked) == [], nothing


def test_a_list_of_notes_quotes_each_note_where_it_names_the_source(engine: Any) -> None:
    """ "Which footnotes cite Dawn?" gets every such note, not the best one: the notes as the
    results in document order, each quoted by its sentence naming Dawn, highlighted there."""
    dawn = sorted(labelled_notes(outlet="Dawn"))
    longest = engine.ask("Which footnotes cite Dawn?", top_k=LIST_CLAIMS)
    quoted_notes = list(dict.fromkeys(s.unit_id for s in longest.sentences))  # a note may quote two entries
    assert quoted_notes == [f"{BRIEFING}:fn:{n}" for n in dawn[:LIST_CLAIMS]]
    assert longest.source_list is not None and longest.source_list.shown == LIST_CLAIMS
    answer = engine.ask("Which footnotes cite Dawn?", top_k=5)  # each quoted note is a result
    assert not answer.abstained and answer.source_list is not None
    counts = answer.source_list
    assert (counts.items, counts.outlets, counts.notes, counts.shown) == ("notes", ("Dawn",), len(dawn), 5)
    assert [s.unit_id for s in answer.sentences] == [f"{BRIEFING}:fn:{n}" for n in dawn[:5]]
    for sentence in answer.sentences:
        unit = engine.unit(sentence.unit_id)
        assert unit.text[sentence.span[0] : sentence.span[1]] == sentence.text and "Dawn" in sentence.text
        assert [n.unit_id for n in sentence.listed] == [sentence.unit_id]
    assert [r.hit.unit.id for r in answer.results] == [s.unit_id for s in answer.sentences[:5]]
    for result, sentence in zip(answer.results, answer.sentences, strict=False):
        assert result.hit.unit.kind == "footnote" and result.hit.score == 1.0
        assert result.highlights == (sentence.span,)
    wire = AskResponse.from_answer(answer, conversation_id="c", ask_id="a")
    assert wire.source_list is not None and wire.source_list.items == "notes"
    assert engine.ask("Which footnotes cite Bloomberg?").abstained


def labelled_outlets(number: int) -> set[str]:
    """The outlets the hand labels give for one of the briefing's notes."""
    for line in (REPO / "tests" / "data" / "references.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["number"] == number:
            return {s["outlet"] for s in row["sources"] if s["outlet"]}
    return set()


def cites(outlet: str, text: str) -> bool:
    """Whether `text` names `outlet` as a citation does, before its date: `…", Dawn, 8 June`
    (or `…," Dawn, 8 June`), as a whole name ("The News" is not inside "TOLO News")."""
    return re.search(rf"(?<![\w-]){re.escape(outlet)}, ", text) is not None


@pytest.mark.parametrize("outlet", ["TOLO News", "The News", "Agence France-Presse", "Reuters", "Dawn"])
def test_a_list_of_notes_quotes_the_asked_outlets_entries_of_a_joined_note(engine: Any, outlet: str) -> None:
    """A note joining several outlets' citations with ";" is quoted by the asked outlet's
    entries only: every note the labels give is listed, as before, and no quote holds the
    citation of another outlet the labels give for that note (checked against the labels'
    outlets written as a citation writes them, "Outlet, date"), while each quote is a
    citation of the asked outlet or a short reference to one."""
    expected = sorted(labelled_notes(outlet=outlet))
    answer = engine.ask(f"Which footnotes cite {outlet}?", top_k=LIST_CLAIMS)
    assert not answer.abstained and answer.source_list is not None
    listed = [n.number for s in answer.sentences for n in s.listed]
    assert list(dict.fromkeys(listed)) == expected[:LIST_CLAIMS]
    cut = 0
    for sentence in answer.sentences:
        (note,) = sentence.listed
        others = labelled_outlets(note.number) - {outlet}
        assert not any(cites(other, sentence.text) for other in others), (outlet, sentence.text)
        assert cites(outlet, sentence.text) or "op. cit." in sentence.text, (outlet, sentence.text)
        cut += bool(others)
    assert cut, outlet  # each of these outlets shares a note with another


def test_a_list_with_nothing_to_list_abstains_and_says_what_was_asked(client: httpx.Client) -> None:
    body = ask(client, "Which claims in the Foreign Policy article rest on books?")
    assert body.abstained and body.answer == [] and body.results == []
    assert body.source_list is not None
    assert (body.source_list.documents, body.source_list.claims, body.source_list.shown) == ([ARTICLE], 0, 0)
    # The request's filters restrict a list as a document the question names does.
    filtered = ask(client, "Which claims rest on books?", filters={"documents": [ARTICLE]})
    assert filtered.abstained and filtered.source_list is not None and filtered.source_list.claims == 0


def test_a_list_over_a_document_without_notes_quotes_its_claims_with_their_words_over_http(
    client: httpx.Client, engine: Any
) -> None:
    body = ask(client, "Which claims in the Foreign Policy article rest on interviews?")
    expected = labelled_attributions(kind="interview")
    assert not body.abstained and body.source_list is not None
    counts = body.source_list
    assert (counts.kinds, counts.documents, counts.claims, counts.notes) == (["interview"], [ARTICLE], 3, 0)
    assert counts.attributions == len(expected) == 3 and counts.shown == len(body.answer) == 3
    by_id = {u.id: u for u in engine.all_units()}
    listed = []
    for sentence in body.answer:
        unit = by_id[sentence.unit_id]  # the exact citation: the document and section of the passage
        assert unit.document_id == ARTICLE and unit.kind == "passage"
        start = unit.text.index(sentence.text)  # verbatim from the corpus
        assert sentence.footnotes == [] and sentence.listed == []
        for said in sentence.listed_attributions:
            assert unit.text[said.span[0] : said.span[1]] == said.text  # the words, verbatim, in place
            assert said.sentence == (start, start + len(sentence.text))
            assert said.source.kind == "interview" and said.identified
            assert said in sentence.attributions
            listed.append(said.text)
    assert set(listed) == expected
    assert [r.unit_id for r in body.results] == list(dict.fromkeys(s.unit_id for s in body.answer))
    assert all(r.score == 1.0 and r.citation for r in body.results)


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
