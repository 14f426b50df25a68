"""A follow-up asking only for the source of what the last answer led with ("Which report?",
"What's the source for that?", "Who wrote it?"), answered from the notes that sentence cites
(service.note_answer.quoted_source_answer), and a note's dated entry kept from leading a "When"
question about what the note's quotation reports (docs/retrieval.md, "Follow-ups" and "A date
left to the note"). Asked by the real engine over the session index."""

from __future__ import annotations

from typing import Any

import pytest

from service.antecedents import Asked, asked_alone
from service.chat import quoted_by
from service.note_answer import QUOTED_SOURCE_SCORE
from service.references import asks_for_source

from .support.answers import answer_lead_holding, answer_opening

NOTE = "icg-asia-briefing-169:fn:{}"
QURESHI = "What did Qureshi say at the trilateral meeting on 3 June?"  # note 82, citing The Express Tribune


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Which report?", Asked.SOURCE),
        ("What's the source for that?", Asked.SOURCE),
        ("Which newspaper reported it?", Asked.SOURCE),
        ("According to whom?", Asked.SOURCE),
        ("Where is that from?", Asked.SOURCE),
        ("What is the source of this claim?", Asked.SOURCE),
        ("Who wrote it?", Asked.WRITER),
        # Words of their own: ranked as any question
        ("Which report did he cite on the Taliban?", None),
        ("What is the report about?", None),
    ],
)
def test_a_source_asked_alone_is_read_by_its_kind(question: str, asked: Asked | None) -> None:
    assert asked_alone(question) is asked


def test_whats_the_source_asks_for_a_source() -> None:
    assert asks_for_source("What's the source?")
    assert asks_for_source("What’s the source of that figure?")
    assert not asks_for_source("What's the Durand Line?")


def test_which_newspaper_is_answered_with_the_entry_of_the_note_the_lead_cites(engine: Any) -> None:
    first = engine.ask(QURESHI)
    assert first.sentences[0].unit_id == NOTE.format(82)
    answer = engine.ask("Which newspaper reported it?", history=[QURESHI], said=quoted_by(first))
    assert not answer.abstained
    entry = answer.sentences[0]
    assert entry.unit_id == NOTE.format(82) and "The Express Tribune, 3 June 2021" in entry.text
    assert answer.results[0].hit.unit.id == NOTE.format(82)
    assert answer.results[0].hit.score == QUOTED_SOURCE_SCORE
    for sentence in answer.sentences:  # verbatim, highlighted in its result
        result = next(r for r in answer.results if r.hit.unit.id == sentence.unit_id)
        assert result.hit.unit.text[sentence.span[0] : sentence.span[1]] == sentence.text
        assert sentence.span in result.highlights


def test_who_wrote_it_after_the_entry_quotes_the_entry_again(engine: Any) -> None:
    first = engine.ask(QURESHI)
    second_question = "Which newspaper reported it?"
    second = engine.ask(second_question, history=[QURESHI], said=quoted_by(first))
    answer_opening(
        engine, "Who wrote it?", "Kamran Yousaf,", history=[QURESHI, second_question], said=quoted_by(second)
    )


def test_a_lead_naming_its_speaker_in_words_is_followed_by_its_notes_first(engine: Any) -> None:
    # "… Khalilzad said Pakistan had been 'supportive …'" names a speaker and rests on the note
    # its passage's next marker cites; "Who wrote it?" asks for the article the note cites, which leads.
    first_question = "What did Khalilzad tell the Senate committee about Pakistan's support?"
    first = engine.ask(first_question)
    lead = first.sentences[0]
    assert "Khalilzad said" in lead.text
    answer = engine.ask("Who wrote it?", history=[first_question], said=quoted_by(first))
    assert not answer.abstained
    assert answer.sentences[0].unit_id.startswith("icg-asia-briefing-169:fn:")
    assert answer.sentences[0].unit_id != lead.unit_id


def test_a_follow_up_with_words_of_its_own_is_ranked(engine: Any) -> None:
    first = engine.ask(QURESHI)
    answer = engine.ask(
        "Which report says the Taliban and al-Qaeda remain aligned?", history=[QURESHI], said=quoted_by(first)
    )
    assert all(r.hit.score != QUOTED_SOURCE_SCORE or r.hit.unit.id != NOTE.format(82) for r in answer.results[:1])


def test_a_notes_entry_does_not_date_what_the_quotation_in_its_sentence_reports(engine: Any) -> None:
    # Note 26: 'A Pakistan foreign ministry spokesperson said: "His [Baradar's] release was
    # facilitated …". "Khalilzad's visit put off …", Dawn, 15 November 2018.' The entry dates
    # the statement; the release was in October 2018.
    answer = engine.ask("When was Baradar released?")
    assert all("15 November 2018" not in s.text for s in answer.sentences[:1])
    answer_lead_holding(
        engine,
        "When did Pakistan's foreign ministry say it had facilitated Baradar's release at the U.S. request?",
        "15 November 2018",
    )
