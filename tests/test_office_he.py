""" "he" after a question naming someone only by office, and "Who replaced him later?" where the
corpus names no successor (docs/tuning.md, session 53): the pronoun is read as the one titled
person the last answer's lead names (service.antecedents.lone_titled_holder), an earlier
follow-up's "he" as the person its own answer's lead named (service.engine._read_with_history),
and an answer to "Who succeeded X?" must state X's successor (service.relations.states_successor,
the verdict's "no-successor")."""

from __future__ import annotations

from typing import Any

import pytest

from service.antecedents import lone_titled_holder, resolve_person, resolve_person_read
from service.bm25 import terms_of
from service.conversations.sqlite import ConversationStore
from service.relations import RELATION_FORMS, states_successor, successor_asked

from .support.conversing import converse

TITLED = frozenset({"Bajwa", "Khalilzad", "Hameed", "Mansour", "Akhunzada", "Haqqani", "Austin"})
ARMY_CHIEF = "Who is Pakistan's army chief?"
SUCCESSION = (
    "Yet the restructuring of the Taliban shura following Mansour's death, with successor Shaikh "
    "Haibatullah Akhunzada appointing Sirajuddin Haqqani as one of his principal deputies, worked to "
    "Pakistan's advantage."
)


def test_the_lone_titled_holder_is_the_one_titled_person_the_lead_names() -> None:
    lead = (
        "On 10 May, army chief Qamar Javed Bajwa and ISI chief Faiz Hameed, meeting Ghani in Kabul, reiterated support."
    )
    # Two titled people: no one is read.
    assert lone_titled_holder("Who is the ISI chief?", lead, TITLED) is None
    one = "Accompanied by the commander of U.S. forces, he discussed it with Pakistan's army chief Bajwa on 8 March."
    assert lone_titled_holder(ARMY_CHIEF, one, TITLED) == "Bajwa"
    # A name the question writes is not its answer.
    assert lone_titled_holder("Who did Bajwa meet?", one, TITLED) is None


def test_he_after_an_office_question_is_the_holder_its_answer_named() -> None:
    lead = "In May 2021, the army chief met President Ghani; Pakistan's army chief Bajwa had visited Kabul before."
    read, name = resolve_person_read("When did he visit Kabul?", [ARMY_CHIEF], TITLED, lead)
    assert (read, name) == ("When did Bajwa visit Kabul?", "Bajwa")
    # Without the lead, nothing is read, as before.
    assert resolve_person("When did he visit Kabul?", [ARMY_CHIEF], TITLED) == "When did he visit Kabul?"
    # Two turns on, "him" is the one the earlier follow-up was read as from its answer.
    history = [ARMY_CHIEF, "When did Bajwa visit Kabul?"]
    assert resolve_person("Who replaced him later?", history, TITLED, "", ["Bajwa"]) == "Who replaced Bajwa later?"
    # A one-word name no answer gave and no question wrote in full is still not written in.
    assert resolve_person("Who replaced him later?", history, TITLED) == "Who replaced him later?"


@pytest.mark.parametrize(
    ("question", "sentence", "states"),
    [
        ("Who succeeded Mansour?", SUCCESSION, True),
        ("Who replaced Mansour later?", SUCCESSION, True),
        # Another man's successor, a "new" leader, a talk that "succeeded": no successor of the asked one.
        ("Who replaced Bajwa later?", SUCCESSION, False),
        (
            "Who replaced Mehsud later?",
            "In recent months, its new supreme leader has reunited TTP factions.",
            False,
        ),
        (
            "Who succeeded Trump?",
            "Anxious that the talks succeeded, the military intervened after President Trump called off talks.",
            False,
        ),
        ("Who replaced Bajwa?", "Munir replaced the army chief, Bajwa, in 2022.", True),
        ("Who replaced Bajwa?", "Bajwa was replaced by Asim Munir.", True),
    ],
)
def test_a_successor_is_stated_of_the_asked_person(question: str, sentence: str, states: bool) -> None:
    possessor = successor_asked(question)
    assert possessor
    assert states_successor(possessor, sentence) is states


def test_new_and_took_state_no_succession() -> None:
    for asked in terms_of("succeeded successor replaced"):
        assert not terms_of("new took") & RELATION_FORMS[asked]


def test_who_replaced_him_after_an_office_question_abstains_where_the_corpus_names_no_successor(
    engine: Any, store: ConversationStore
) -> None:
    """Answered before with Mansour's successor, matched on "replaced" alone: the corpus names
    no successor of Bajwa."""
    *_, replaced = converse(
        engine, store, ARMY_CHIEF, "In which years had he visited Kabul before?", "Who replaced him later?"
    )
    assert replaced.abstained


def test_who_replaced_him_is_answered_where_the_corpus_names_the_successor(
    engine: Any, store: ConversationStore
) -> None:
    turns = ("Which Taliban leader did the U.S. kill in a drone strike?", "How long had he led the Taliban?")
    *_, replaced = converse(engine, store, *turns, "Who replaced him later?")
    assert not replaced.abstained
    assert "successor Shaikh Haibatullah Akhunzada" in replaced.answer[0].text
