"""The answer-type check: what a question asks for, whether a sentence states it, and the
engine abstaining on a date or quantity question that its evidence does not answer."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import AnswerType, expected_type, states


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("When did the Taliban open their political office in Doha?", AnswerType.DATE),
        ("In what year did the Taliban first take Kabul?", AnswerType.DATE),
        # The first wh-phrase decides: this "when" is a conjunction.
        ("How many US troops were left when the Biden administration took office?", AnswerType.QUANTITY),
        ("What proportion of Pakistan's population is Shia?", AnswerType.QUANTITY),
        ("What was the voter turnout in the 2019 election?", AnswerType.QUANTITY),
        # "How long is <a thing>" asks for a length; "how long" about time passing, for a period.
        ("How long is the Durand Line?", AnswerType.QUANTITY),
        ("How long had it been since Pakistan last had a friendly government in Kabul?", AnswerType.PERIOD),
        ("How long was Baradar detained before his release?", AnswerType.PERIOD),
        ("How long did Mansour lead the Taliban?", AnswerType.PERIOD),
        # A measure noun counts only as the head of what is asked for.
        ("Which country has a larger Shia population than Pakistan?", None),
        ("Who led it?", None),
        ("What is the Haqqani network?", None),
        ("Why did Pakistan back the Taliban?", None),
    ],
)
def test_expected_type_follows_the_first_wh_phrase(question: str, wanted: AnswerType | None) -> None:
    assert expected_type(question) is wanted


@pytest.mark.parametrize(
    ("answer_type", "text", "stated"),
    [
        (AnswerType.QUANTITY, "it carried out 32 attacks in August alone", True),
        (AnswerType.QUANTITY, "around 1.4 million registered Afghan refugees", True),
        (AnswerType.QUANTITY, "83 per cent of the fence was complete", True),
        (AnswerType.QUANTITY, "hundreds of Afghans protested", True),
        # A year, the day of a date and a report number are not quantities.
        (AnswerType.QUANTITY, "the talks began in 2020", False),
        (AnswerType.QUANTITY, "The News, 5 June 2021.", False),
        (AnswerType.QUANTITY, "Crisis Group Asia Reports N°s 311, Taking Stock", False),
        (AnswerType.DATE, "the office opened in June 2013", True),
        (AnswerType.DATE, "Pakistan's links with the Taliban predate it by several decades", True),
        (AnswerType.DATE, "Pakistan retains influence with the Taliban", False),
        (AnswerType.PERIOD, "the 2,430km line", True),
        (AnswerType.PERIOD, "since the 1990s", True),
    ],
)
def test_states_finds_dates_and_quantities(answer_type: AnswerType, text: str, stated: bool) -> None:
    assert states(answer_type, text, "?") is stated


def test_a_value_the_question_gives_is_not_an_answer() -> None:
    assert not states(AnswerType.DATE, "as it did in 2021", "What happened to the budget in 2021?")
    assert states(AnswerType.DATE, "as it did in 2019", "What happened to the budget in 2021?")


@pytest.mark.parametrize(
    "question",
    [
        "How much US military aid did Pakistan receive in 2010?",
        "When did Pakistan conduct its first nuclear test?",
        # The second result's "four soldiers were killed" does
        # not count: only the top result's highlights do.
        "How many soldiers serve in Pakistan's army?",
    ],
)
def test_typed_question_without_typed_evidence_abstains(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and not answer.results and not answer.sentences


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("How many attacks did the TTP carry out in August?", "32 attacks"),
        ("When did the Taliban open their political office in Doha?", "2013"),
        # Strong evidence answered in words: the check stands aside.
        ("How much leverage does Pakistan still have over the Taliban?", "leverage"),
    ],
)
def test_typed_questions_the_corpus_answers_are_answered(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert any(gold in sentence.text for sentence in answer.sentences)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The top result's best-scored sentence restates the question ("Pakistan's efforts to
        # fence the contested border…"); the one with the year comes next.
        ("When did Pakistan begin fencing its border with Afghanistan?", "which began in 2017"),
        ("When was the current Afghan peace process set in motion?", "set in train in September 2020"),
    ],
)
def test_a_sentence_stating_the_asked_for_value_leads_the_answer(engine: Any, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences and lead in answer.sentences[0].text
