"""`chat.respond`, the front door every other one goes through, on the real engine and a real
SQLite file: what it records, and that a refused question records nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service import chat
from service.conversations import ConversationStore
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


def test_a_first_question_starts_a_conversation_and_a_follow_up_joins_it(
    engine: Any, store: ConversationStore
) -> None:
    first = chat.respond(engine, store, AskRequest(question=QUESTION), source="cli")
    follow_up = chat.respond(engine, store, AskRequest(
        question="And who leads it?", conversation_id=first.conversation_id))
    assert follow_up.conversation_id == first.conversation_id
    record = store.get_conversation(first.conversation_id)
    assert record.source == "cli"
    assert [(t.ask_id, t.question) for t in record.turns] == [
        (first.ask_id, QUESTION), (follow_up.ask_id, "And who leads it?")]
    assert record.turns[0].unit_ids == tuple(r.unit_id for r in first.results)
    assert record.turns[0].abstained is first.abstained
    assert _count(store, "conversations") == 1


def test_refused_requests_record_nothing(engine: Any, store: ConversationStore) -> None:
    with pytest.raises(NotFound):
        chat.respond(engine, store, AskRequest(question=QUESTION, conversation_id="unknown"))
    with pytest.raises(BadInput, match="unknown document"):
        chat.respond(engine, store, AskRequest(
            question=QUESTION, filters=AskFilters(documents=["no-such-report"])))
    assert (_count(store, "conversations"), _count(store, "turns")) == (0, 0)
