"""What a document is about, in its own words (service.summaries): a named document's opening
statements quoted in reading order, and the library listed when no topic is asked."""

from __future__ import annotations

from typing import Any

import pytest

from service.cards import CARD_SCORE
from service.catalog import load_catalog
from service.records import Filters
from service.summaries import OPENING_PASSAGES, asks_for_the_library, read_summary_question

from .conftest import CORPUS
from .support.documents import ADDED_DOCUMENT

_ADDED = ADDED_DOCUMENT


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What is the Crisis Group briefing about?", ("icg-asia-briefing-169",)),
        ("Summarise the Foreign Policy article.", ("fp-pakistan-taliban-2021",)),
        ("What are the main points of Kugelman's article?", ("fp-pakistan-taliban-2021",)),
        ("Give me a summary of the Acme Policy Institute report", ("acme-report-2022",)),
        ("What's the gist of Doe's report?", ("acme-report-2022",)),
        # A topic, not a document: ranked as any other question.
        ("What is the Haqqani network about?", None),
        ("What is the main argument of the Taliban?", None),
        ("What does the briefing say about the TTP?", None),
        # A kind only one document has names it; a word every document is names none.
        ("Summarise the report.", ("acme-report-2022",)),
        ("Summarise the document.", None),
        # What a document does as a whole: what it says, argues, recommends, concludes.
        ("What does Crisis Group recommend?", ("icg-asia-briefing-169",)),
        ("What does Kugelman argue?", ("fp-pakistan-taliban-2021",)),
        ("What are the briefing's recommendations?", ("icg-asia-briefing-169",)),
        ("What are the conclusions of the Acme Policy Institute report?", ("acme-report-2022",)),
        # With a topic after the verb, or said by someone no card names: ranked.
        ("What does the briefing recommend Pakistan do?", None),
        ("What did Khalilzad say?", None),
        ("What did Pakistan say?", None),
    ],
)
def test_a_summary_question_names_its_documents(question: str, named: tuple[str, ...] | None) -> None:
    assert read_summary_question(question, [*load_catalog(CORPUS), _ADDED]) == named


def test_in_a_library_of_one_the_report_is_that_one() -> None:
    assert read_summary_question("Summarise the document.", [_ADDED]) == ("acme-report-2022",)
    assert read_summary_question("What is it about?", [_ADDED]) == ("acme-report-2022",)
    assert read_summary_question("What is water security about?", [_ADDED]) is None


@pytest.mark.parametrize(
    ("question", "library"),
    [
        ("What documents do you have?", True),
        ("Which documents are in the library?", True),
        ("What reports are there?", True),
        ("What documents do you have on the Taliban?", False),
        ("What documents did Crisis Group interview?", False),
    ],
)
def test_the_library_question_asks_about_no_topic(question: str, library: bool) -> None:
    assert asks_for_the_library(question) is library


def test_a_summary_quotes_the_opening_statements_in_reading_order(engine: Any) -> None:
    answer = engine.ask("What is the Crisis Group briefing about?")
    assert not answer.abstained and answer.sentences
    passages = sorted(
        (u for u in engine.all_units() if u.document_id == "icg-asia-briefing-169" and u.kind == "passage"),
        key=lambda u: u.ordinal,
    )
    opening = [u.id for u in passages[:OPENING_PASSAGES]]
    assert [r.hit.unit.id for r in answer.results] == opening
    assert [s.unit_id for s in answer.sentences] == opening
    for sentence in answer.sentences:
        unit = engine.unit(sentence.unit_id)
        assert unit.text[sentence.span[0] : sentence.span[1]] == sentence.text  # verbatim
        assert not sentence.text.endswith("?")  # "What's new?" heads the box's part; it answers nothing
    assert all(r.hit.score == CARD_SCORE for r in answer.results)


def test_a_summary_of_a_document_the_filters_leave_out_is_ranked_instead(engine: Any) -> None:
    filters = Filters(documents=("fp-pakistan-taliban-2021",))
    answer = engine.ask("What is the Crisis Group briefing about?", filters=filters)
    assert all(r.hit.unit.document_id == "fp-pakistan-taliban-2021" for r in answer.results)
    assert all(r.hit.score < CARD_SCORE for r in answer.results)


def test_the_library_question_lists_every_card(engine: Any) -> None:
    answer = engine.ask("What documents do you have?")
    assert not answer.abstained
    assert {r.hit.unit.document_id for r in answer.results} == set(engine.documents)
    assert all(
        r.hit.unit.kind == "document" and s.text.startswith("Title: ")
        for r, s in zip(answer.results, answer.sentences, strict=False)
    )


def test_asked_what_a_document_recommends_its_advice_is_quoted_first(engine: Any) -> None:
    # Ranked, "What does Crisis Group recommend?" matched the notes citing Crisis Group reports
    # and interviews and quoted their reference entries.
    answer = engine.ask("What does Crisis Group recommend?")
    assert not answer.abstained
    assert answer.sentences[0].text == "Islamabad should reach out to Kabul to reduce mistrust."
    assert answer.results[0].hit.unit.id == answer.sentences[0].unit_id
    # Its other opening statements follow in reading order, none of them a reference entry.
    summary = engine.ask("What is the Crisis Group briefing about?")
    assert {s.text for s in answer.sentences} == {s.text for s in summary.sentences}
