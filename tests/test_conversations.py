"""The conversation and feedback store on a real SQLite file: durability settings, restart,
history, feedback rules, the Slack event dedupe, concurrency between threads and processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.conversations import ConversationStore, Store, new_id, open_store
from service.errors import BadInput, NotFound
from service.settings import Settings


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "cited.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ConversationStore]:
    store = ConversationStore(db_path)
    yield store
    store.close()


def ask(store: Store, conversation_id: str, question: str, units: list[str]) -> str:
    ask_id = new_id()
    store.add_turn(conversation_id, question, ask_id, units, abstained=not units)
    return ask_id


def test_creates_parent_folder_and_sets_durable_pragmas(
    store: ConversationStore, db_path: Path
) -> None:
    assert db_path.is_file()
    assert store.pragma("journal_mode") == "wal"
    assert store.pragma("synchronous") == 2  # FULL
    assert store.pragma("busy_timeout") >= 1000
    assert store.pragma("foreign_keys") == 1


def test_open_store_uses_database_path_and_refuses_unsupported_url(tmp_path: Path) -> None:
    store = open_store(Settings(database_path=tmp_path / "a.db"))
    try:
        assert isinstance(store, ConversationStore)
        assert (tmp_path / "a.db").is_file()
    finally:
        store.close()
    with pytest.raises(BadInput, match="CITED_DATABASE_URL"):
        open_store(Settings(database_path=tmp_path / "b.db", database_url="postgresql://x/y"))


def test_turns_history_and_conversation_survive_a_restart(db_path: Path) -> None:
    first = ConversationStore(db_path)
    conversation = first.new_conversation("api", None)
    asks = [ask(first, conversation, f"question {i}", [f"u{i}"]) for i in range(4)]
    first.record_feedback(asks[1], "u1", True, "spot on", "api")
    first.close()

    again = ConversationStore(db_path)
    try:
        assert again.history(conversation, 2) == ["question 2", "question 3"]
        assert again.history(conversation, 10) == [f"question {i}" for i in range(4)]
        assert again.history(conversation, 0) == []
        record = again.get_conversation(conversation)
        assert record.source == "api"
        assert [t.ask_id for t in record.turns] == asks
        assert record.turns[0].unit_ids == ("u0",)
        assert record.turns[0].abstained is False
        assert record.turns[0].created_at.endswith("+00:00")
        assert again.feedback(asks[1]) == [("u1", True, "spot on", "api")]
    finally:
        again.close()


def test_unknown_ids_are_not_found(store: ConversationStore) -> None:
    with pytest.raises(NotFound):
        store.get_conversation("nope")
    with pytest.raises(NotFound):
        store.history("nope", 3)
    with pytest.raises(NotFound):
        store.add_turn("nope", "q", new_id(), [], True)
    with pytest.raises(NotFound, match="unknown ask"):
        store.record_feedback("no-such-ask", "u1", True, None, "api")


def test_feedback_must_name_a_result_of_the_ask_and_later_replaces_earlier(
    store: ConversationStore,
) -> None:
    conversation = store.new_conversation("api")
    ask_id = ask(store, conversation, "q", ["u1", "u2"])
    with pytest.raises(BadInput, match="not a result"):
        store.record_feedback(ask_id, "u9", True, None, "api")
    store.record_feedback(ask_id, "u2", True, None, "api")
    store.record_feedback(ask_id, "u2", False, "actually no", "slack")
    assert store.feedback(ask_id) == [("u2", False, "actually no", "slack")]


def test_external_keys_find_one_conversation(store: ConversationStore) -> None:
    key = "slack:T1:C1:1700000000.000100"
    assert store.find_by_external_key(key) is None
    first = store.new_conversation("slack", key)
    assert store.new_conversation("slack", key) == first
    assert store.find_by_external_key(key) == first
    assert store.new_conversation("slack", "slack:T1:C1:other") != first


def test_seen_event_is_true_only_for_repeats(store: ConversationStore) -> None:
    assert store.seen_event("Ev1") is False
    assert store.seen_event("Ev1") is True
    assert store.seen_event("Ev2") is False


def test_seen_event_is_atomic_across_threads(store: ConversationStore) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        results.append(store.seen_event("EvRace"))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] + [True] * 7


@pytest.mark.parametrize("bad", ["a\x00b", "\ud800", "x\udfff"])
def test_nul_and_lone_surrogates_never_reach_sqlite(store: ConversationStore, bad: str) -> None:
    conversation = store.new_conversation("api")
    with pytest.raises(BadInput):
        store.add_turn(conversation, bad, new_id(), [], True)
    ask_id = ask(store, conversation, "fine", ["u1"])
    with pytest.raises(BadInput):
        store.record_feedback(ask_id, "u1", True, bad, "api")
    with pytest.raises(BadInput):
        store.seen_event(bad)
    assert [t.question for t in store.get_conversation(conversation).turns] == ["fine"]


def test_export_feedback_questions(store: ConversationStore) -> None:
    texts = {"u1": "A" * 80, "u2": "  short text  ", "u3": "unhelpful"}

    def unit_text(unit_id: str) -> str:
        if unit_id not in texts:
            raise NotFound(unit_id)
        return texts[unit_id]

    conversation = store.new_conversation("api")
    helped = ask(store, conversation, "what helped?", ["u1", "u2", "u3", "gone"])
    store.record_feedback(helped, "u1", True, None, "api")
    store.record_feedback(helped, "u2", True, None, "api")
    store.record_feedback(helped, "u3", False, None, "api")
    store.record_feedback(helped, "gone", True, None, "api")  # no longer in the index
    unhelped = ask(store, conversation, "nothing helped", ["u3"])
    store.record_feedback(unhelped, "u3", False, None, "api")

    lines = store.export_feedback_questions(unit_text)
    assert lines == [{
        "id": f"feedback-{helped}",
        "question": "what helped?",
        "gold": ["A" * 60, "short text"],
        "unit_ids": ["gone", "u1", "u2"],
        "kind": "feedback",
    }]


def _write_rows(path: str, source: str, count: int) -> None:
    store = ConversationStore(Path(path))
    try:
        for i in range(count):
            conversation = store.new_conversation(source, f"{source}:{i}")
            ask_id = new_id()
            store.add_turn(conversation, f"{source} {i}", ask_id, ["u1"], False)
            store.record_feedback(ask_id, "u1", i % 2 == 0, None, source)
            store.seen_event(f"{source}-event-{i}")
    finally:
        store.close()


def test_two_processes_write_at_once_without_locking_errors(db_path: Path) -> None:
    ConversationStore(db_path).close()  # schema first, so both writers start equal
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_rows, args=(str(db_path), name, 60))
               for name in ("api", "slack")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT source, COUNT(*) FROM conversations GROUP BY source"
                          " ORDER BY source").fetchall() == [("api", 60), ("slack", 60)]
        assert db.execute("SELECT COUNT(*) FROM turns").fetchone() == (120,)
        assert db.execute("SELECT COUNT(*) FROM feedback").fetchone() == (120,)
        assert db.execute("SELECT COUNT(*) FROM seen_events").fetchone() == (120,)
    db.close()


def test_threads_share_one_store(store: ConversationStore) -> None:
    conversation = store.new_conversation("api")
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            for i in range(25):
                ask(store, conversation, f"t{offset}-{i}", ["u"])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.get_conversation(conversation).turns) == 100
