"""`chat.respond`, the front door every other one goes through, on the real engine and a real
SQLite file: what it records, and that a refused question records nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service import chat
from service.conversations.sqlite import ConversationStore
from service.errors import BadInput, NotFound
from service.schemas import AskFilters, AskRequest

QUESTION = "Why does Pakistan host the Taliban leadership?"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    store = ConversationStore(tmp_path / "cited.db")
    yield store
    store.close()


def _count(store: ConversationStore, table: str) -> int:
    with sqlite3.connect(store.path) as db:
        (count,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    db.close()  # the context manager commits; it does not close
    return int(count)


def test_a_first_question_starts_a_conversation_and_a_follow_up_joins_it(engine: Any, store: ConversationStore) -> None:
    first = chat.respond(engine, store, AskRequest(question=QUESTION), source="cli")
    follow_up = chat.respond(
        engine, store, AskRequest(question="And who leads it?", conversation_id=first.conversation_id)
    )
    assert follow_up.conversation_id == first.conversation_id
    record = store.get_conversation(first.conversation_id)
    assert record.source == "cli"
    assert [(t.ask_id, t.question) for t in record.turns] == [
        (first.ask_id, QUESTION),
        (follow_up.ask_id, "And who leads it?"),
    ]
    assert record.turns[0].unit_ids == tuple(r.unit_id for r in first.results)
    assert record.turns[0].abstained is first.abstained
    assert _count(store, "conversations") == 1


def test_refused_requests_record_nothing(engine: Any, store: ConversationStore) -> None:
    with pytest.raises(NotFound):
        chat.respond(engine, store, AskRequest(question=QUESTION, conversation_id="unknown"))
    with pytest.raises(BadInput, match="unknown document"):
        chat.respond(engine, store, AskRequest(question=QUESTION, filters=AskFilters(documents=["no-such-report"])))
    assert (_count(store, "conversations"), _count(store, "turns")) == (0, 0)


# -- the history rule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Earlier:
    question: str
    abstained: bool = False


@pytest.mark.parametrize(
    "question",
    [
        "Who led it?",
        "Why was that date chosen?",
        "What had Pakistan asked for there?",
        "What else did they complain of?",
        "Why?",
        "And the second?",
        "What about India?",
    ],
)
def test_questions_that_point_back_are_follow_ups(question: str) -> None:
    assert chat.refers_back(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the boiling point of water?",
        "Which donor made the largest pledge?",
        "And what's the weather like in London today?",
        "Is there a fence along the border?",
    ],
)
def test_questions_that_stand_on_their_own_are_not(question: str) -> None:
    assert not chat.refers_back(question)


def test_history_skips_abstained_turns_and_keeps_the_last_answered_ones() -> None:
    earlier = [
        Earlier("What is the Durand Line?"),
        Earlier("Who drew it?"),
        Earlier("What is the boiling point of water?", abstained=True),
    ]
    assert chat.retrieval_history("And who negotiated it?", earlier, 2) == ("What is the Durand Line?", "Who drew it?")
    assert chat.retrieval_history("And who negotiated it?", earlier, 1) == ("Who drew it?",)
    assert chat.retrieval_history("And who negotiated it?", earlier, 0) == ()
    assert chat.retrieval_history("How many moons does Jupiter have?", earlier, 2) == ()


def test_an_off_topic_turn_abstains_and_the_next_follow_up_still_finds_its_antecedent(
    engine: Any, store: ConversationStore
) -> None:
    first = chat.respond(engine, store, AskRequest(question="What is the Durand Line?"))
    off = chat.respond(
        engine, store, AskRequest(question="What is the boiling point of water?", conversation_id=first.conversation_id)
    )
    back = chat.respond(
        engine, store, AskRequest(question="And who negotiated it?", conversation_id=first.conversation_id)
    )
    assert not first.abstained and off.abstained and off.results == []
    assert not back.abstained
    assert any("Mortimer Durand" in r.text for r in back.results)  # the top 5 a user sees
