"""Conversations, asks and feedback: the only state `cited` keeps between requests.

Every front door (HTTP API, CLI, Slack bot) records what was asked through one `Store`.
The interface is small and says nothing about SQL, so two databases sit behind it:

    ConversationStore   SQLite at CITED_DATABASE_PATH, the embedded default (this module)
    PostgresStore       PostgreSQL at CITED_DATABASE_URL, shared by many replicas
                        (service/conversations_pg.py, imported only when asked for)

`open_store(settings)` picks one. What the two share, the records, the refusal of text that
cannot be stored faithfully and the shaping of rows into records and question-set lines, is in
service/conversation_rows.py; each store keeps only its SQL and its connections.

SQLite is opened in WAL mode with `synchronous=FULL`, so a commit that returned survives a
crash or power loss (docs/reliability.md, "Stored data"), and every write runs in
`BEGIN IMMEDIATE`, so two processes (API and Slack bot) wait for each other through
`busy_timeout` instead of failing with "database is locked". A database that stays locked
past that, a full disk or an unreadable file raise StoreUnavailable (503 in the API), like a
PostgreSQL server that is down.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

# The records (Conversation, Turn) and the row shaping both stores share.
from service.conversation_rows import (
    SEEN_EVENT_TTL,
    Conversation,
    FeedbackRecord,
    check_conversation,
    check_feedback,
    check_feedback_target,
    check_turn,
    clean_text,
    conversation_record,
    feedback_lines,
    feedback_records,
    new_id,
    questions_oldest_first,
    unknown_conversation,
)
from service.errors import BadInput, StoreUnavailable
from service.settings import Settings

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, source TEXT NOT NULL,
    external_key TEXT UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS turns (ask_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id), seq INTEGER NOT NULL,
    question TEXT NOT NULL, unit_ids TEXT NOT NULL, abstained INTEGER NOT NULL,
    created_at TEXT NOT NULL, UNIQUE (conversation_id, seq));
CREATE TABLE IF NOT EXISTS feedback (ask_id TEXT NOT NULL REFERENCES turns(ask_id),
    unit_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT, source TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (ask_id, unit_id));
CREATE TABLE IF NOT EXISTS seen_events (key TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seen_events_created ON seen_events (created_at);
"""


class Store(Protocol):
    """What the front doors need from conversation storage, whatever the database.

    new_conversation      start one (idempotent per external key, e.g. a Slack thread)
    find_by_external_key  the conversation started under a key, or None
    record_ask            record an ask at the end of its conversation (NotFound), starting
                          one when it has none: one transaction, so one commit per ask
    history               the last `limit` questions, oldest first (NotFound)
    get_conversation      a conversation and its turns (NotFound)
    record_feedback       a judgement on one result of one ask (NotFound, BadInput)
    export_feedback_questions  helpful asks as question-set lines
    seen_event            True when any of a delivery's keys was seen before (atomic)
    ping                  return when the database answers (readiness)

    Every method raises StoreUnavailable when the database cannot be used right now.
    """

    def new_conversation(self, source: str, external_key: str | None = None) -> str: ...
    def find_by_external_key(self, key: str) -> str | None: ...
    def record_ask(
        self,
        conversation_id: str | None,
        source: str,
        question: str,
        ask_id: str,
        unit_ids: Sequence[str],
        abstained: bool,
    ) -> str: ...
    def history(self, conversation_id: str, limit: int) -> list[str]: ...
    def get_conversation(self, conversation_id: str) -> Conversation: ...
    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None: ...
    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]: ...
    def seen_event(self, *keys: str) -> bool: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(settings: Settings) -> Store:
    """The store the settings name: PostgreSQL at `settings.database_url` when it is set,
    else SQLite at `settings.database_path`.

    Raises BadInput for a URL that is not a PostgreSQL one and CitedError when the server
    cannot be reached, so a replica fails at start-up rather than on its first ask.
    """
    url = settings.database_url
    if not url:
        return ConversationStore(settings.database_path)
    if not url.startswith(POSTGRES_SCHEMES):
        # Refuse rather than silently writing somewhere the operator did not ask for.
        raise BadInput(
            "CITED_DATABASE_URL must be a postgresql:// URL; unset it to store "
            "conversations in SQLite at CITED_DATABASE_PATH"
        )
    # Imported here: the SQLite default never loads the PostgreSQL driver.
    from service.conversations_pg import PostgresStore

    return PostgresStore(url, max_connections=settings.database_pool_size, timeout=settings.database_timeout_seconds)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ConversationStore:
    """SQLite implementation of `Store`; safe to share between threads."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection behind a lock: writes serialise in SQLite anyway, and the
        # lock makes the connection safe to use from anyio's worker threads.
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
        )
        self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        with self._write() as db:
            # Statement by statement: executescript() would COMMIT our transaction first.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock; SQLite's operational failures (locked past the busy
        timeout, disk full, file gone) become StoreUnavailable."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"cannot use SQLite at {self.path} (CITED_DATABASE_PATH): {exc}") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front (no deadlock on upgrade)."""
        with self._locked():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._locked() as db:
            return db.execute(sql, params).fetchall()

    def ping(self) -> None:
        """Return when the database file answers; StoreUnavailable otherwise."""
        self._read("SELECT 1")

    def pragma(self, name: str) -> Any:
        """Read one PRAGMA back (tests and diagnostics)."""
        if not name.isidentifier():
            raise BadInput(f"not a pragma name: {name!r}")
        return self._read(f"PRAGMA {name}")[0][0]

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    # -- conversations ----------------------------------------------------------------------

    def new_conversation(self, source: str, external_key: str | None = None) -> str:
        """Start a conversation; with an `external_key` already known, return that one.

        Idempotent for external keys, so two deliveries of the same Slack thread that race
        each other end up in one conversation.
        """
        check_conversation(source, external_key)
        conversation_id = new_id()
        with self._write() as db:
            self._insert_conversation(db, conversation_id, source, external_key, _now())
            if external_key is None:
                return conversation_id
            row = db.execute("SELECT id FROM conversations WHERE external_key = ?", (external_key,)).fetchone()
        return str(row[0])

    def find_by_external_key(self, key: str) -> str | None:
        """The conversation started under `key` (e.g. a Slack thread), if any."""
        rows = self._read("SELECT id FROM conversations WHERE external_key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def record_ask(
        self,
        conversation_id: str | None,
        source: str,
        question: str,
        ask_id: str,
        unit_ids: Sequence[str],
        abstained: bool,
    ) -> str:
        """Record one ask in one transaction and return its conversation's id.

        Without `conversation_id` the ask starts a conversation (from `source`); with one it
        joins it (NotFound when unknown). Both in one commit: with `synchronous=FULL` every
        commit waits for the disk, and this one is on the latency of every ask.
        """
        check_conversation(source, None)
        check_turn(question, unit_ids)
        with self._write() as db:
            # Read under the write lock, so turn times follow turn numbers; a new conversation
            # starts when its first turn does.
            now = _now()
            if conversation_id is None:
                conversation_id = new_id()
                self._insert_conversation(db, conversation_id, source, None, now)
            else:
                self._require_conversation(conversation_id)
            self._append_turn(db, conversation_id, question, ask_id, unit_ids, abstained, now)
        return conversation_id

    @staticmethod
    def _insert_conversation(
        db: sqlite3.Connection, conversation_id: str, source: str, external_key: str | None, now: str
    ) -> None:
        db.execute(
            "INSERT OR IGNORE INTO conversations (id, source, external_key, created_at) VALUES (?, ?, ?, ?)",
            (conversation_id, source, external_key, now),
        )

    @staticmethod
    def _append_turn(
        db: sqlite3.Connection,
        conversation_id: str,
        question: str,
        ask_id: str,
        unit_ids: Sequence[str],
        abstained: bool,
        now: str,
    ) -> None:
        (seq,) = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        db.execute(
            "INSERT INTO turns (ask_id, conversation_id, seq, question, unit_ids,"
            " abstained, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ask_id, conversation_id, seq, question, json.dumps(list(unit_ids)), int(abstained), now),
        )

    def history(self, conversation_id: str, limit: int) -> list[str]:
        """The last `limit` questions of a conversation, oldest first.

        Raises NotFound for an unknown conversation, so callers resolve and read it at once.
        """
        with self._locked():
            self._require_conversation(conversation_id)
            rows = self._db.execute(
                "SELECT question FROM turns WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?",
                (conversation_id, max(limit, 0)),
            ).fetchall()
        return questions_oldest_first(rows)

    def _require_conversation(self, conversation_id: str) -> None:
        if self._db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
            raise unknown_conversation(conversation_id)

    def get_conversation(self, conversation_id: str) -> Conversation:
        """A conversation with all its turns; NotFound when the id names nothing."""
        with self._locked():
            head = self._db.execute(
                "SELECT id, source, external_key, created_at FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if head is None:
                raise unknown_conversation(conversation_id)
            rows = self._db.execute(
                "SELECT ask_id, question, unit_ids, abstained, created_at FROM turns"
                " WHERE conversation_id = ? ORDER BY seq",
                (conversation_id,),
            ).fetchall()
        # unit_ids is a JSON array in a TEXT column; times are ISO text already.
        return conversation_record(head, rows, json.loads, str)

    # -- feedback -----------------------------------------------------------------------------

    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None:
        """Store a judgement on one result of one ask; a later one replaces it.

        NotFound for an unknown ask; BadInput when the unit was not among its results.
        """
        check_feedback(unit_id, comment, source)
        with self._write() as db:
            row = db.execute("SELECT unit_ids FROM turns WHERE ask_id = ?", (ask_id,)).fetchone()
            check_feedback_target(ask_id, unit_id, json.loads(row[0]) if row else None)
            db.execute(
                "INSERT INTO feedback (ask_id, unit_id, helpful, comment, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ask_id, unit_id) DO UPDATE SET"
                " helpful = excluded.helpful, comment = excluded.comment,"
                " source = excluded.source, created_at = excluded.created_at",
                (ask_id, unit_id, int(helpful), comment, source, _now()),
            )

    def feedback(self, ask_id: str) -> list[FeedbackRecord]:
        """The feedback given on one ask: (unit_id, helpful, comment, source) rows."""
        return feedback_records(
            self._read(
                "SELECT unit_id, helpful, comment, source FROM feedback WHERE ask_id = ? ORDER BY unit_id", (ask_id,)
            )
        )

    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
        """Asks whose results someone marked helpful, as question-set lines (docs/api.md).

        `unit_text` maps a unit id to its text (e.g. `lambda u: engine.unit(u).text`); the
        store keeps ids only. `gold` holds the first characters of each helpful unit, which
        the harness matches as substrings. Units the index no longer has are skipped.
        """
        rows = self._read(
            "SELECT t.ask_id, t.question, f.unit_id FROM feedback f"
            " JOIN turns t ON t.ask_id = f.ask_id WHERE f.helpful = 1"
            " ORDER BY t.created_at, t.ask_id, f.unit_id"
        )
        return feedback_lines(rows, unit_text)

    # -- Slack event dedupe ---------------------------------------------------------------------

    def seen_event(self, *keys: str) -> bool:
        """Remember every key in one transaction; True when any was already remembered (a
        duplicate delivery). One transaction, so two deliveries racing over the same keys
        cannot each find one key taken and both give up."""
        for key in keys:
            clean_text(key, "event key")
        now = datetime.now(UTC)
        created = now.isoformat(timespec="milliseconds")
        with self._write() as db:
            expired = (now - SEEN_EVENT_TTL).isoformat(timespec="milliseconds")
            db.execute("DELETE FROM seen_events WHERE created_at < ?", (expired,))
            inserted = [
                db.execute("INSERT OR IGNORE INTO seen_events (key, created_at) VALUES (?, ?)", (key, created)).rowcount
                for key in keys
            ]
        return not all(inserted)
