"""Questions about what the corpus never mentions, asked of places it does name
(service.offtopic), on the session's real index and model with the check on
(`CITED_OFFTOPIC_COSINE=0.27`, the value measured): read alone they abstain, inside a
conversation too, and the follow-up after them still finds its antecedent; answerable questions
with a word the corpus never uses are still answered. Off, the default, nothing changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service import chat
from service.bm25 import term_share
from service.conversations.sqlite import ConversationStore
from service.offtopic import UNSEEN_WEIGHT, read_topic, residual
from service.schemas import AskRequest
from service.settings import Settings

from .conftest import CORPUS

MEASURED = 0.27  # docs/tuning.md, "Off-topic questions that name the corpus's places"


@pytest.fixture(scope="module")
def checking(built_index_dir: Path, embedder: Any) -> Any:
    """The engine over the session's index with the off-topic check on."""
    from service.engine import load_engine

    settings = Settings(corpus_dir=CORPUS, index_dir=built_index_dir, offtopic_cosine=MEASURED)
    return load_engine(settings, embedder=embedder)


def _reading(engine: Any, question: str) -> Any:
    return read_topic(question, lambda term: term_share(engine.files.bm25, term), len(engine.all_units()))


def test_the_residual_drops_only_the_capitalised_words_the_corpus_holds(engine: Any) -> None:
    def share(term: str) -> float:
        return float(term_share(engine.files.bm25, term))

    assert residual("How do I apply for a Pakistani visa?", share) == "How do I apply for a visa"
    assert residual("What was the score of the last India-Pakistan cricket match?", share) == (
        "What was the score of the last cricket match"
    )
    # A name the corpus never writes stays: it is what the question asks about.
    assert residual("How do I apply for a Ruritanian visa?", share) == "How do I apply for a Ruritanian visa"
    # The first word is capitalised as every question's is, and stays.
    assert residual("Pakistani visas: how do I get one?", share).startswith("Pakistani")


def test_words_the_corpus_never_uses_must_weigh_a_third_of_the_question(engine: Any) -> None:
    visa = _reading(engine, "How do I apply for a Pakistani visa?")
    assert visa.unseen == ("visa",) and visa.unseen_weight >= UNSEEN_WEIGHT and visa.may_be_elsewhere
    # One unusual verb among the question's rare words: not enough to doubt the question.
    larger = _reading(engine, "Which country has a larger Shia population than Pakistan?")
    assert larger.unseen == ("larger",) and not larger.may_be_elsewhere
    assert not _reading(engine, "Who founded the Taliban?").may_be_elsewhere  # every word known


@pytest.mark.parametrize(
    "question",
    [
        "How do I apply for a Pakistani visa?",
        "What was the score of the last India-Pakistan cricket match?",
        "Where can I rent a car in Islamabad?",
    ],
)
def test_a_question_about_what_the_corpus_never_mentions_abstains_though_it_names_its_places(
    checking: Any, question: str
) -> None:
    answer = checking.ask(question)
    assert answer.abstained and answer.results == ()


def test_the_check_is_off_by_default(engine: Any) -> None:
    assert engine.settings.offtopic_cosine == 0
    assert not engine.ask("How do I apply for a Pakistani visa?").abstained  # "Pakistani" carries it


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Who became the Taliban's new prime minister in September?", "new Prime Minister Mullah Obaidullah Akhund"),
        ("What happened on Sept. 5?", "killed three Pakistani paramilitary forces"),
    ],
)
def test_an_answerable_question_with_a_word_the_corpus_never_uses_is_still_answered(
    checking: Any, question: str, gold: str
) -> None:
    answer = checking.ask(question)
    assert not answer.abstained
    assert gold in answer.results[0].hit.unit.text


def test_an_off_topic_turn_naming_the_corpus_s_places_abstains_and_the_return_finds_its_antecedent(
    checking: Any, tmp_path: Path
) -> None:
    turns = (
        "What does Pakistan's military say the border fence is for?",
        "How do I apply for a Pakistani visa?",  # "visa" is the only word the corpus never uses
        "How many frontier posts are planned along it?",
    )
    store = ConversationStore(tmp_path / "cited.db")
    try:
        first = chat.respond(checking, store, AskRequest(question=turns[0]))
        off, back = (
            chat.respond(checking, store, AskRequest(question=question, conversation_id=first.conversation_id))
            for question in turns[1:]
        )
        assert not first.abstained and off.abstained and off.results == []
        assert not back.abstained
        assert "843 planned frontier posts" in back.results[0].text
    finally:
        store.close()
