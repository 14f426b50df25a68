"""How questions' names are read (docs/tuning.md, session 40, "Names joined by a hyphen, a
demonym's name, and Which <things>"): the capitalised parts of a question's hyphenated words are
names (service.evidence.named_words), a demonym before a name
makes one name of the two (service.said_about.demonym_names), and "Which conditions …?" asks for
things, not names (service.answer_type.asks_which_things)."""

from __future__ import annotations

from typing import Any

from service.answer_type import asks_for_name, asks_which_things
from service.evidence import named_words
from service.said_about import demonym_names, read_said_about, writes_joined

from .support.answers import check_lead_holds


def test_a_question_names_the_capitalised_parts_of_a_joined_word() -> None:
    words = named_words("Who led the anti-Iranian protests and the Pakistan-backed militias?")
    assert words == ["Iranian", "Pakistan"]  # not "backed", whatever the case of the word's start


def test_a_name_inside_a_joined_word_is_read_as_unknown(engine: Any) -> None:
    # "anti-Iranian": before, a word opening in lowercase named no one, so "Iranian", which no
    # unit writes, was not unknown_name (dev d3825); "anti-Pakistan" names what the corpus writes.
    assert engine.scope.question("Where did the anti-Iranian protests of 7 September take place?").unknown_name
    assert not engine.scope.question("Where did the anti-Pakistan protests of 7 September take place?").unknown_name


def test_a_demonym_before_a_name_makes_one_name() -> None:
    said = read_said_about("What did Hillary Clinton say about reconciliation with the Pakistani Taliban?")
    assert said is not None and said.joined == (("pakistani", "taliban"),)
    assert demonym_names("Imran Khan") == ()  # "Imran" is no demonym: its place would be "Imr"
    assert demonym_names("a Pakistani TV channel") == ()  # an acronym after it
    assert demonym_names("The Guardian Armitage had warned Pakistan") == ()  # inside a run: a title's word
    assert demonym_names("the Pakistani and Afghan Taliban") == ()  # coordinated: two groups (dev d3185)
    assert not writes_joined(said, "Clinton announced reconciliation with the Taliban, Pakistan said.")
    assert writes_joined(said, "It failed to convince the Taliban to distance itself from the Pakistani Taliban.")


def test_what_someone_said_of_the_taliban_is_not_said_of_the_pakistani_taliban(engine: Any) -> None:
    # Mujahid speaks of the Taliban, never of the Pakistani Taliban (dev d3827: answered on main).
    assert engine.ask("What did Zabihullah Mujahid say about the Pakistani Taliban?").abstained
    asked = "What did a former senior Pakistani diplomat say about the Pakistani Taliban?"
    answer = engine.ask(asked)
    texts = [s.text for s in answer.sentences]
    check_lead_holds(asked, texts, "distance itself from the Pakistani Taliban", answer.abstained)


def test_which_before_a_plural_of_things_asks_for_no_name() -> None:
    assert asks_which_things("Which conditions does the briefing say donors attached to their pledges?")
    assert asks_which_things("Which sectarian tensions could it fuel?")
    assert not asks_for_name("Which assurances does Pakistan want from the insurgents?")
    for question in (
        "Which countries recognised the Taliban's emirate?",
        "Which organisations and countries were to co-host the meeting?",  # a body
        "Which security analysts did Crisis Group interview?",  # the plural is "analysts"
        "Which conference drew up a roadmap?",  # a singular asks for a name
        "Who said that?",
    ):
        assert asks_for_name(question), question
