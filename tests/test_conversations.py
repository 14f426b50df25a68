"""The conversation and feedback store, on a real SQLite file and on a real PostgreSQL server.

The behavioural tests run against both backends (`backend` fixture): restart, history,
feedback rules, the Slack event dedupe, text the databases cannot hold, concurrency between
threads, processes and two store objects on one database (two replicas). The SQLite-only
tests check its durability pragmas and file creation. The PostgreSQL server is started once
per session by `tests.support.postgres` and its tables are emptied before each test.
"""

from __future__ import annotations

import multiprocessing
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from service.conversations import AskRecord, Store, new_id, open_store
from service.conversations.postgres import PostgresStore
from service.conversations.sqlite import ConversationStore
from service.errors import BadInput, CitedError, NotFound
from service.settings import Settings
from tests.support.postgres import empty_tables, postgres_url  # noqa: F401 - a fixture

AnyStore = ConversationStore | PostgresStore


@dataclass(frozen=True)
class Backend:
    """One database under test; `open()` gives another store on it (a restart, a replica)."""

    name: str
    database_path: Path
    database_url: str | None = None

    @property
    def settings(self) -> Settings:
        return Settings(database_path=self.database_path, database_url=self.database_url)

    def open(self) -> AnyStore:
        store = open_store(self.settings)
        assert isinstance(store, ConversationStore | PostgresStore)
        return store

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a read straight from the database, past the store."""
        if self.database_url is None:
            with sqlite3.connect(self.database_path) as db:
                rows = db.execute(sql).fetchall()
            db.close()  # the context manager commits; it does not close
            return rows
        with psycopg.connect(self.database_url) as pg:
            return pg.execute(sql).fetchall()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    db_path = tmp_path / "nested" / "dir" / "cited.db"
    if request.param == "sqlite":
        return Backend("sqlite", db_path)
    url = request.getfixturevalue("postgres_url")  # started only when a test needs it
    PostgresStore(url).close()  # the schema, so there are tables to empty
    empty_tables(url)
    return Backend("postgres", db_path, url)


@pytest.fixture
def store(backend: Backend) -> Iterator[AnyStore]:
    store = backend.open()
    yield store
    store.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "cited.db"


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[ConversationStore]:
    store = ConversationStore(db_path)
    yield store
    store.close()


def ask(store: Store, conversation_id: str, question: str, units: list[str]) -> str:
    ask_id = new_id()
    recorded = AskRecord(conversation_id, "api", question, ask_id, units, abstained=not units)
    assert store.record_ask(recorded) == conversation_id
    return ask_id


def questions(store: Store, conversation_id: str) -> list[str]:
    """A conversation's questions, oldest first."""
    return [turn.question for turn in store.get_conversation(conversation_id).turns]


def run_threads(count: int, target: Callable[[int], None]) -> list[BaseException]:
    """Run `target(n)` for n in range(count) in threads released together; their errors."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            barrier.wait()
            target(n)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# -- SQLite only ----------------------------------------------------------------------------


def test_creates_parent_folder_and_sets_durable_pragmas(sqlite_store: ConversationStore, db_path: Path) -> None:
    assert db_path.is_file()
    assert sqlite_store.pragma("journal_mode") == "wal"
    assert sqlite_store.pragma("synchronous") == 2  # FULL
    assert sqlite_store.pragma("busy_timeout") >= 1000
    assert sqlite_store.pragma("foreign_keys") == 1


def test_open_store_uses_database_path_without_a_url(tmp_path: Path) -> None:
    store = open_store(Settings(database_path=tmp_path / "a.db"))
    try:
        assert isinstance(store, ConversationStore)
        assert (tmp_path / "a.db").is_file()
    finally:
        store.close()


# -- choosing and reaching PostgreSQL ----------------------------------------------------------


def test_open_store_refuses_a_url_that_is_not_postgresql(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="CITED_DATABASE_URL must be a postgresql:// URL"):
        open_store(Settings(database_path=tmp_path / "b.db", database_url="mysql://x/y"))
    assert not (tmp_path / "b.db").exists()


def test_unreachable_postgresql_fails_at_open_without_showing_the_password(
    tmp_path: Path,
) -> None:
    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        url = f"postgresql://cited:s3cret-pw@127.0.0.1:{port}/cited"
        with pytest.raises(CitedError, match=f"127.0.0.1:{port}/cited") as caught:
            open_store(Settings(database_path=tmp_path / "c.db", database_url=url))
    assert "s3cret-pw" not in str(caught.value)
    assert not (tmp_path / "c.db").exists()


def test_a_malformed_postgresql_url_is_bad_input_without_echoing_it(tmp_path: Path) -> None:
    url = "postgresql://cited:pa%zz-secret@127.0.0.1/cited"  # a broken percent escape
    with pytest.raises(BadInput, match="not a valid PostgreSQL URL") as caught:
        open_store(Settings(database_path=tmp_path / "d.db", database_url=url))
    assert "secret" not in str(caught.value)


def test_open_store_picks_the_backend_the_settings_name(backend: Backend) -> None:
    store = open_store(backend.settings)
    try:
        expected = PostgresStore if backend.database_url else ConversationStore
        assert type(store) is expected
    finally:
        store.close()
    assert backend.database_path.exists() is (backend.database_url is None)


# -- behaviour, on both backends ------------------------------------------------------------


def test_turns_history_and_conversation_survive_a_restart(backend: Backend) -> None:
    first = backend.open()
    conversation = first.new_conversation("api", None)
    asks = [ask(first, conversation, f"question {i}", [f"u{i}"]) for i in range(4)]
    first.record_feedback(asks[1], "u1", True, "spot on", "api")
    first.close()

    again = backend.open()
    try:
        assert questions(again, conversation) == [f"question {i}" for i in range(4)]
        record = again.get_conversation(conversation)
        assert record.source == "api"
        assert record.external_key is None
        assert [t.ask_id for t in record.turns] == asks
        assert record.turns[0].unit_ids == ("u0",)
        assert record.turns[0].abstained is False
        assert record.turns[0].created_at.endswith("+00:00")
        assert record.created_at <= record.turns[0].created_at <= record.turns[3].created_at
        assert again.feedback(asks[1]) == [("u1", True, "spot on", "api")]
    finally:
        again.close()


def test_an_ask_without_results_is_recorded_as_abstained(store: AnyStore) -> None:
    conversation = store.new_conversation("cli")
    ask(store, conversation, "nothing answers this", [])
    (turn,) = store.get_conversation(conversation).turns
    assert (turn.unit_ids, turn.abstained) == ((), True)


def test_unknown_ids_are_not_found(store: AnyStore) -> None:
    with pytest.raises(NotFound):
        store.get_conversation("nope")
    with pytest.raises(NotFound):
        store.record_ask(AskRecord("nope", "api", "q", new_id(), [], True))
    with pytest.raises(NotFound, match="unknown ask"):
        store.record_feedback("no-such-ask", "u1", True, None, "api")


def test_feedback_must_name_a_result_of_the_ask_and_later_replaces_earlier(
    store: AnyStore,
) -> None:
    conversation = store.new_conversation("api")
    ask_id = ask(store, conversation, "q", ["u1", "u2"])
    with pytest.raises(BadInput, match="not a result"):
        store.record_feedback(ask_id, "u9", True, None, "api")
    store.record_feedback(ask_id, "u2", True, None, "api")
    store.record_feedback(ask_id, "u2", False, "actually no", "slack")
    store.record_feedback(ask_id, "u1", True, None, "api")
    assert store.feedback(ask_id) == [("u1", True, None, "api"), ("u2", False, "actually no", "slack")]


def test_record_ask_without_a_conversation_starts_one_with_its_first_turn(
    store: AnyStore,
) -> None:
    ask_id = new_id()
    conversation = store.record_ask(AskRecord(None, "cli", "where does it start?", ask_id, ["u1"], False))
    record = store.get_conversation(conversation)
    assert (record.source, record.external_key) == ("cli", None)
    assert [(t.ask_id, t.question, t.unit_ids) for t in record.turns] == [(ask_id, "where does it start?", ("u1",))]
    assert record.created_at == record.turns[0].created_at  # one transaction, one time
    assert store.record_ask(AskRecord(conversation, "cli", "and then?", new_id(), [], True)) == conversation
    assert questions(store, conversation) == ["where does it start?", "and then?"]
    assert store.record_ask(AskRecord(None, "cli", "elsewhere", new_id(), [], True)) != conversation


def test_a_failed_record_ask_leaves_no_conversation_behind(backend: Backend) -> None:
    store = backend.open()
    try:
        ask_id = new_id()
        store.record_ask(AskRecord(None, "api", "first", ask_id, ["u1"], False))
        # The same ask id again: the turn's insert fails after the conversation's succeeded.
        with pytest.raises((sqlite3.IntegrityError, psycopg.errors.UniqueViolation)):
            store.record_ask(AskRecord(None, "api", "again", ask_id, ["u1"], False))
    finally:
        store.close()
    assert backend.query("SELECT COUNT(*) FROM conversations") == [(1,)]
    assert backend.query("SELECT question FROM turns") == [("first",)]


def test_external_keys_find_one_conversation(store: AnyStore) -> None:
    key = "slack:T1:C1:1700000000.000100"
    assert store.find_by_external_key(key) is None
    first = store.new_conversation("slack", key)
    assert store.new_conversation("slack", key) == first
    assert store.find_by_external_key(key) == first
    assert store.get_conversation(first).external_key == key
    assert store.new_conversation("slack", "slack:T1:C1:other") != first


def test_seen_event_is_true_only_for_repeats(store: AnyStore) -> None:
    assert store.seen_event("Ev1") is False
    assert store.seen_event("Ev1") is True
    assert store.seen_event("Ev2") is False


def test_seen_event_is_atomic_across_threads(store: AnyStore) -> None:
    results: list[bool] = []
    assert run_threads(8, lambda _: results.append(store.seen_event("EvRace"))) == []
    assert sorted(results) == [False] + [True] * 7


def test_a_delivery_claims_all_its_keys_or_none(store: AnyStore) -> None:
    # A Slack message and its retry share both keys; many racing claims: exactly one wins.
    # Claimed key by key, two racers could each take one key and both find the other taken.
    for round_ in range(50):  # the key-by-key race lost ~15 % of rounds
        keys = (f"slack:message:C1:{round_}", f"slack:event:Ev{round_}")
        results: list[bool] = []

        def claim(_: int, keys: tuple[str, str] = keys, results: list[bool] = results) -> None:
            results.append(store.seen_event(*keys))

        assert run_threads(4, claim) == []
        assert sorted(results) == [False, True, True, True], round_
    assert store.seen_event("slack:message:C1:0", "slack:event:new") is True  # one known key
    assert store.seen_event("slack:event:new") is True  # ...and the other was still recorded


@pytest.mark.parametrize("bad", ["a\x00b", "\ud800", "x\udfff"])
def test_nul_and_lone_surrogates_never_reach_the_database(store: AnyStore, bad: str) -> None:
    conversation = store.new_conversation("api")
    with pytest.raises(BadInput):
        store.record_ask(AskRecord(conversation, "api", bad, new_id(), [], True))
    with pytest.raises(BadInput):
        store.record_ask(AskRecord(None, bad, "fine", new_id(), [], True))
    with pytest.raises(BadInput):
        store.new_conversation("slack", bad)
    ask_id = ask(store, conversation, "fine", ["u1"])
    with pytest.raises(BadInput):
        store.record_feedback(ask_id, "u1", True, bad, "api")
    with pytest.raises(BadInput):
        store.seen_event(bad)
    assert [t.question for t in store.get_conversation(conversation).turns] == ["fine"]


def test_export_feedback_questions(store: AnyStore) -> None:
    texts = {"u1": "A" * 80, "u2": "  short text  ", "u3": "unhelpful"}

    def unit_text(unit_id: str) -> str:
        if unit_id not in texts:
            raise NotFound(unit_id)
        return texts[unit_id]

    conversation = store.new_conversation("api")
    helped = ask(store, conversation, "what helped?", ["u1", "u2", "u3", "gone", "U0"])
    store.record_feedback(helped, "u1", True, None, "api")
    store.record_feedback(helped, "u2", True, None, "api")
    store.record_feedback(helped, "u3", False, None, "api")
    store.record_feedback(helped, "gone", True, None, "api")  # no longer in the index
    store.record_feedback(helped, "U0", True, None, "api")  # neither; sorts first bytewise
    unhelped = ask(store, conversation, "nothing helped", ["u3"])
    store.record_feedback(unhelped, "u3", False, None, "api")
    later = ask(store, conversation, "later", ["u3"])
    store.record_feedback(later, "u3", True, None, "slack")

    # Two asks may share a timestamp (SQLite keeps milliseconds): compare them by id.
    lines = sorted(store.export_feedback_questions(unit_text), key=lambda line: str(line["id"]))
    assert lines == sorted(
        [
            {
                "id": f"feedback-{helped}",
                "question": "what helped?",
                "gold": ["A" * 60, "short text"],
                "unit_ids": ["U0", "gone", "u1", "u2"],
                "kind": "feedback",
            },
            {
                "id": f"feedback-{later}",
                "question": "later",
                "gold": ["unhelpful"],
                "unit_ids": ["u3"],
                "kind": "feedback",
            },
        ],
        key=lambda line: str(line["id"]),
    )


def _write_rows(database_path: str, database_url: str | None, source: str, count: int) -> None:
    store = open_store(Settings(database_path=Path(database_path), database_url=database_url))
    try:
        for i in range(count):
            conversation = store.new_conversation(source, f"{source}:{i}")
            ask_id = new_id()
            store.record_ask(AskRecord(conversation, source, f"{source} {i}", ask_id, ["u1"], False))
            store.record_feedback(ask_id, "u1", i % 2 == 0, None, source)
            store.seen_event(f"{source}-event-{i}")
    finally:
        store.close()


def test_two_processes_write_at_once_without_locking_errors(backend: Backend) -> None:
    backend.open().close()  # schema first, so both writers start equal
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_rows, args=(str(backend.database_path), backend.database_url, name, 60))
        for name in ("api", "slack")
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    assert backend.query("SELECT source, COUNT(*) FROM conversations GROUP BY source ORDER BY source") == [
        ("api", 60),
        ("slack", 60),
    ]
    assert backend.query("SELECT COUNT(*) FROM turns") == [(120,)]
    assert backend.query("SELECT COUNT(*) FROM feedback") == [(120,)]
    assert backend.query("SELECT COUNT(*) FROM seen_events") == [(120,)]


def test_threads_share_one_store(store: AnyStore) -> None:
    conversation = store.new_conversation("api")

    def write(offset: int) -> None:
        for i in range(25):
            ask(store, conversation, f"t{offset}-{i}", ["u"])

    assert run_threads(4, write) == []
    assert len(store.get_conversation(conversation).turns) == 100


# -- two replicas on one database -------------------------------------------------------------


@pytest.fixture
def replicas(backend: Backend) -> Iterator[tuple[AnyStore, AnyStore]]:
    """Two store objects on one database, as two replicas of the service hold."""
    first, second = backend.open(), backend.open()
    yield first, second
    first.close()
    second.close()


def test_two_replicas_share_a_conversation_and_dedupe_a_slack_event(
    replicas: tuple[AnyStore, AnyStore],
) -> None:
    one, other = replicas
    thread = "slack:T1:C1:1700000000.000100"
    conversation = one.new_conversation("slack", thread)
    first_ask = ask(one, conversation, "what did the first report find?", ["u1"])
    assert one.seen_event("Ev-delivery-1") is False

    # The retry lands on the other replica: same thread, same history, a known event.
    assert other.seen_event("Ev-delivery-1") is True
    assert other.find_by_external_key(thread) == conversation
    assert other.new_conversation("slack", thread) == conversation
    assert questions(other, conversation) == ["what did the first report find?"]
    ask(other, conversation, "and the second?", ["u2"])
    other.record_feedback(first_ask, "u1", True, None, "slack")

    assert questions(one, conversation) == ["what did the first report find?", "and the second?"]
    assert one.feedback(first_ask) == [("u1", True, None, "slack")]
    assert [line["unit_ids"] for line in one.export_feedback_questions(lambda u: u)] == [["u1"]]


def test_replicas_racing_on_one_thread_agree(replicas: tuple[AnyStore, AnyStore]) -> None:
    thread = "slack:T1:C1:race"
    conversations: list[str] = []
    seen: list[bool] = []

    def start(n: int) -> None:
        store = replicas[n % 2]
        conversations.append(store.new_conversation("slack", thread))
        seen.append(store.seen_event("Ev-race"))

    assert run_threads(8, start) == []
    assert len(set(conversations)) == 1
    assert sorted(seen) == [False] + [True] * 7

    def append(n: int) -> None:
        for i in range(20):
            ask(replicas[n % 2], conversations[0], f"r{n}-{i}", ["u"])

    assert run_threads(4, append) == []
    turns = replicas[0].get_conversation(conversations[0]).turns
    assert len(turns) == 80
    assert questions(replicas[1], conversations[0]) == [turn.question for turn in turns]
