"""service.question_words: the English question and function words, each list written once, and
the readers that set them aside reading alike where their lists were one list by accident."""

from __future__ import annotations

import pytest

from service import question_words as words
from service.antecedents import counted_topic
from service.bm25 import terms_of
from service.holders import asked_role
from service.said_about import read_said_about
from service.truecase import asked


@pytest.mark.parametrize(
    ("terms", "written"),
    [
        (words.QUESTION_TERMS, words.QUESTION_WORDS),
        (words.FUNCTION_TERMS, words.FUNCTION_WORDS),
        (words.ASKING_TERMS, words.WH_WORDS | words.AUXILIARIES | words.THIRD_PERSON | words.SAYING),
    ],
)
def test_a_stemmed_set_is_its_words_as_a_question_is_read(terms: frozenset[str], written: frozenset[str]) -> None:
    """A question written only in a set's words has no term outside its stemmed set, and the
    stemmed set holds nothing else: no stem of a stop word, which no question's terms hold."""
    assert terms_of(" ".join(sorted(written))) == terms


def test_the_question_terms_are_those_a_question_can_hold() -> None:
    """The verdict's set once stemmed each word alone, stop words too ("the", "is"), which no
    question's terms hold; "when" and "did" a question's terms do hold."""
    assert {"when", "did"} <= words.QUESTION_TERMS
    assert words.QUESTION_TERMS.isdisjoint(words.QUESTION_WORDS - terms_of(" ".join(sorted(words.QUESTION_WORDS))))


def test_the_readers_share_the_wh_words_and_the_auxiliaries() -> None:
    """The date question's words hold every question's asking words and the function words; the
    reported speech's and the office's frame every wh-word; the office's frame every auxiliary."""
    wh = terms_of(" ".join(sorted(words.WH_WORDS)))
    assert words.ASKING_TERMS | words.FUNCTION_TERMS <= words.DATE_ASKING_TERMS and wh <= words.SPEECH_FRAME_TERMS
    assert words.WH_WORDS | words.AUXILIARIES <= words.OFFICE_FRAME_WORDS
    assert words.AUXILIARIES <= words.QUESTION_WORDS and words.AUXILIARIES <= words.QUESTION_OPENERS


def test_a_topic_is_read_without_how_it_asks() -> None:
    """ "… say about where the shura operates" is about the shura, not about "where"."""
    said = read_said_about("What does the UN Monitoring Team say about where the Taliban shura operates from?")
    assert said is not None and "where" not in said.topic and "shura" in said.topic


def test_a_count_ends_at_any_auxiliary() -> None:
    assert counted_topic("How many refugees should Pakistan take in?") == "refugees"
    assert counted_topic("How many security personnel did the TTP kill?") == "security personnel"


def test_the_office_is_read_past_the_frame() -> None:
    role = asked_role("Who is the current prime minister of Pakistan?")
    assert role is not None and role.stems[:2] == ("prime", "minist") and not role.verb


@pytest.mark.parametrize(
    "typed", ["whats the ttp", "who leads the ttp", "shall we talk", "is the fence finished", "and whos baradar"]
)
def test_a_question_typed_without_its_mark_is_one(typed: str) -> None:
    assert asked(typed).endswith("?")
