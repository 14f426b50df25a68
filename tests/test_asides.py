"""A conversation's turn asking of someone's private life or tastes is withdrawn when no quoted
sentence states it of them (service.asides; docs/tuning.md, session 41). On the session index
and through the shared front door for the conversations; the shapes on their own."""

from __future__ import annotations

from typing import Any

import pytest

from service.asides import private_kinds, unstated_aside
from service.conversations.sqlite import ConversationStore

from .support.conversing import converse

NO_FAVORITES = (
    "Despite Pakistani protestations that they have “no favorites” in Afghanistan, state and society alike "
    "clearly regard it as a favorite."
)
SPORTS = (
    "Witness the words of support for the Taliban’s takeover from retired generals, political leaders, "
    "religious seminaries, and sports celebrities in Pakistan."
)
PREFERRED = (
    "Pakistan's preferred Afghan partners first included Gulbuddin Hekmatyar's predominantly Pashtun Hizb-e Islami."
)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("What is his favourite colour?", ["liking", "colour"]),
        ("What kind of music did he like?", ["liking", "music"]),
        ("Does he enjoy playing football?", ["liking", "sport"]),
        ("Which university did Moeed Yusuf graduate from?", ["schooling"]),
        ("Does he own a Tesla?", ["owning"]),
        ("What did he tweet about it last week?", ["online"]),
        ("Where does he live now?", ["home"]),
        ("Where does he reside these days?", ["home"]),
        ("Where is he buried?", ["burial"]),
        # A count of people living in a place asks no one's home (session 54).
        ("How many Afghan refugees live in Pakistan?", []),
        # A comparison, a wish, a hyphenated word, a policy's preference: no taste asked.
        ("What did he say Pakistan is like?", []),
        ("What would the Taliban like Pakistan to do?", []),
        ("Which like-minded groups does it back?", []),
        ("What outcome does Pakistan prefer?", []),
        ("What is its own view of the border?", []),
        ("How did their own detainees describe Pakistan to NATO interrogators?", []),
        # "like that/this" closing the clause says how it was done, not what someone likes (session 55).
        ("Why did it step in like that?", []),
        ("Why do they feel like this, after the war?", []),
        ("Why did he grin like that during the interview?", []),
        ("Does he like that?", ["liking"]),
        ("Does he like that team?", ["liking"]),
        ("What did he like so much about Karachi?", ["liking"]),
    ],
)
def test_the_private_kinds_a_question_asks(question: str, kinds: list[str]) -> None:
    assert [kind.name for kind in private_kinds(question)] == kinds


def test_a_liking_written_of_no_one_asked_does_not_state_it() -> None:
    """fp §20 writes "no favorites", of Pakistan: not Mujahid's favourite colour, nor anyone's."""
    assert unstated_aside("What is Mujahid's favourite colour?", [(NO_FAVORITES, NO_FAVORITES)], [{"mujahid"}])
    assert unstated_aside("What is his favourite colour?", [(NO_FAVORITES, "")], [])


def test_every_kind_asked_is_stated_in_one_sentence() -> None:
    """A sport in one quote and a liking in another state no favourite sport."""
    assert unstated_aside("What was his favourite sport?", [(SPORTS, ""), (NO_FAVORITES, "")], [])


def test_asked_of_one_unnamed_person_only_a_sentence_of_one_person_states_it() -> None:
    # "he" read as no one: "sports celebrities in Pakistan" tells no one's sport; "He played …" may.
    assert unstated_aside("What sports did he play as a young man?", [(SPORTS, "")], [])
    assert not unstated_aside("What sports did he play as a young man?", [("He played cricket at school.", "")], [])
    assert not unstated_aside("Which sports celebrities backed the Taliban?", [(SPORTS, "")], [])  # no one person


def test_the_name_may_be_written_by_the_quote_s_passage() -> None:
    """A sentence saying "he" of the one its passage names states it of them."""
    passage = "Michael Kugelman is the writer of the South Asia Brief. He is a fan of cricket."
    assert not unstated_aside("Does Kugelman follow cricket?", [("He is a fan of cricket.", passage)], [{"kugelman"}])
    assert unstated_aside("Does Hameed follow cricket?", [("He is a fan of cricket.", passage)], [{"hameed"}])


def test_a_liking_a_source_states_of_the_one_named_stands() -> None:
    question = "Was Hekmatyar's party one of Pakistan's favourite Afghan partners?"
    assert not unstated_aside(question, [(PREFERRED, "")], [{"hekmatyar"}, {"pakistan"}])
    assert not unstated_aside("Which sports celebrities backed the Taliban?", [(SPORTS, "")], [{"taliban"}])


def test_a_private_aside_after_an_answered_turn_abstains_and_the_next_turn_answers(
    engine: Any, store: ConversationStore
) -> None:
    """A user's conversation: "his favourite colour" was answered with three Taliban sentences."""
    first, colour, doha = converse(
        engine,
        store,
        "Who is Sirajuddin Haqqani's brother?",
        "What is his favourite colour?",
        "Whom was he engaging with in Doha?",
    )
    assert not first.abstained
    assert colour.abstained
    assert not doha.abstained
    assert "engaging with U.S. officials" in doha.answer[0].text


def test_an_aside_naming_its_person_is_read_inside_the_conversation(engine: Any, store: ConversationStore) -> None:
    """Named, the turn is read without history; it still follows the conversation's turns."""
    _, club = converse(
        engine,
        store,
        "What did Foreign Minister Qureshi disclose on 14 November 2020?",
        "What is Qureshi's favourite football club?",
    )
    assert club.abstained


def test_a_liking_a_source_states_is_answered_inside_a_conversation(engine: Any, store: ConversationStore) -> None:
    _, love = converse(
        engine,
        store,
        "How did Taliban detainees describe Pakistan in the 2012 NATO report?",
        "Did they love Pakistan?",
    )
    assert not love.abstained
    assert any("little love for Pakistan" in s.text for s in love.answer)


def test_a_home_asked_after_an_office_answered_by_its_holder_s_name_abstains(
    engine: Any, store: ConversationStore
) -> None:
    """ "Which American envoy …?" is answered by "Khalilzad discussed the plan …" (the corpus titles
    him U.S. envoy elsewhere); "Where does he live now?" is then read with that turn, and its
    opener's sentence, which writes no home, is withdrawn (docs/tuning.md, session 54)."""
    opener, home = converse(
        engine,
        store,
        "Which American envoy discussed the plan with President Ghani in Kabul?",
        "Where does he live now?",
    )
    assert not opener.abstained
    assert "Khalilzad discussed the plan" in opener.answer[0].text
    assert home.abstained


def test_a_why_turn_saying_how_with_like_that_is_answered_and_a_liking_still_abstains(
    engine: Any, store: ConversationStore
) -> None:
    """`d4316b`'s shape: "did it step in like that" was read as a verb of liking after "did", and
    the answer leading with its reason was withdrawn as a private aside (session 55)."""
    first, why, music = converse(
        engine,
        store,
        "After Trump cancelled the talks on the eve of an expected deal, how did Pakistan's military respond?",
        "Why did it step in like that?",
        "What kind of music does it like?",
    )
    assert not first.abstained
    assert not why.abstained
    assert "Anxious to ensure that the talks succeeded" in why.answer[0].text
    assert music.abstained
