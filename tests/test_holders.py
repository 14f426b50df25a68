"""Who holds an office now: the current-holder question and the past holder's markers
(service.holders), and the `former-holder` withdrawal they drive (service.verdict)."""

from __future__ import annotations

from typing import Any

import pytest

from service.holders import AskedRole, asked_role, only_former_holders
from tests.test_engine import _withdrawals


@pytest.mark.parametrize(
    ("question", "words", "verb"),
    [
        ("Who is the Taliban's current prime minister?", 2, False),
        ("Who is the current U.S. secretary of state?", 1, False),  # the office ends at "of"
        ("Who is the present army chief of Pakistan?", 2, False),
        ("Who is the U.S. defence secretary at present?", 2, False),
        ("Who leads the TTP today?", 1, True),
        ("Who currently heads the agency?", 1, True),  # the present before the verb
    ],
)
def test_a_question_asking_for_the_current_holder_reads_its_office(question: str, words: int, verb: bool) -> None:
    role = asked_role(question)
    assert role is not None and len(role.stems) == words and role.verb is verb


@pytest.mark.parametrize(
    "question",
    [
        "Who was the first supreme leader of the Pakistani Taliban?",  # asks for the first one
        "Who is the Taliban's defence minister?",  # no word of the asker's present
        "Who is Baradar now?",  # a name, no office
        "When did the current peace process begin?",  # asks for no holder
        "What presents a conundrum for Islamabad now?",  # "presents" is no present
    ],
)
def test_other_questions_ask_for_no_current_holder(question: str) -> None:
    assert asked_role(question) is None


def _role(question: str) -> AskedRole:
    role = asked_role(question)
    assert role is not None
    return role


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is the current leader of the group?", "Including the group's first supreme leader, A B, they fought."),
        ("Who is the current chairman of the board?", "In 2011, C D, then chairman of the board, called it an arm."),
        ("Who is the ministry's defence minister today?", "E F, the former Taliban defence minister, died in custody."),
        ("Who is the envoy's ambassador now?", "They include a former ambassador, arrested in 2002."),
        ("Who is the ambassador now?", "The ex-ambassador went on to say more."),
        ("Who is the party's leader now?", "One of its founding leaders, G H, spent a decade in prison."),
        ("Who currently heads the council?", "New Prime Minister I J, who headed the council, was named."),
        ("Who leads the council now?", "A delegation led by K L met officials."),
    ],
)
def test_a_holder_the_text_marks_as_past_is_no_current_holder(question: str, sentence: str) -> None:
    assert only_former_holders(_role(question), [sentence])


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # No marker: the sentence may name the current holder.
        ("Who is the current prime minister?", ["These include new Prime Minister A B, who headed the council."]),
        ("Who is the present army chief?", ["The envoy met the army chief; then, the army chief left."]),
        # A marker in another clause belongs to something else.
        ("Who is the current foreign minister?", ["For the first time, Foreign Minister C D spoke."]),
        # A sentence not writing the office says nothing either way, and the first that does decides.
        (
            "Who is the current defence minister?",
            ["Nothing on it here.", "Defence minister E F spoke.", "The former defence minister G H died."],
        ),
        ("Who is the current leader?", []),
    ],
)
def test_an_office_written_without_a_past_marker_stands(question: str, sentences: list[str]) -> None:
    assert not only_former_holders(_role(question), sentences)


def test_what_a_user_reads_first_about_the_office_decides() -> None:
    role = _role("Who is the current leader of the group?")
    first = "Commanders, including the group's first supreme leader, A B, fought."
    later = "In recent months, its new supreme leader has reunited the factions."
    assert only_former_holders(role, ["Unrelated.", first, later])
    assert not only_former_holders(role, [later, first])


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Taliban's current defence minister?",  # "the former Taliban defence minister"
        "Who is the current chairman of the Joint Chiefs of Staff?",  # "then chairman"
        "Who is the Taliban's ambassador to Pakistan now?",  # "a former Taliban ambassador"
    ],
)
def test_an_answer_naming_only_a_past_holder_is_withdrawn(engine: Any, question: str) -> None:
    with _withdrawals() as reasons:
        answer = engine.ask(question)
    assert answer.abstained and not answer.sentences
    assert reasons == ["former-holder"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Who is the Taliban's current prime minister?", "new Prime Minister Mullah Obaidullah Akhund"),
        ("Who is Pakistan's national security advisor now?", "Moeed Yusuf"),
        # Asked for the first or a past holder, the marked one answers.
        ("Who was the first supreme leader of the Pakistani Taliban?", "first supreme leader, Baitullah Mehsud"),
        ("Who previously served as the Taliban's defence minister?", "the former Taliban defence minister"),
    ],
)
def test_an_answer_naming_the_asked_holder_stands(engine: Any, question: str, lead: str) -> None:
    with _withdrawals() as reasons:
        answer = engine.ask(question)
    assert not answer.abstained and reasons == []
    assert lead in answer.sentences[0].text
