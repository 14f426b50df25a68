"""The SQLite conversation store (`ConversationStore`), the embedded default at
CITED_DATABASE_PATH; what it shares with the PostgreSQL store is in rows.py.

SQLite is opened in WAL mode with `synchronous=FULL`, so a commit that returned survives a
crash or power loss (docs/reliability.md, "Stored data"), and every write runs in
`BEGIN IMMEDIATE`, so two processes (API and Slack bot) wait for each other through
`busy_timeout` instead of failing with "database is locked". A database that stays locked
past that raises StoreBusy: the file answered and another connection holds the write lock,
like a PostgreSQL statement cancelled behind a row lock, so only that call fails (503 with
Retry-After) and the store is not marked down. A full disk or an unreadable file raise
StoreUnavailable (503 in the API), like a PostgreSQL server that is down.

The schema carries its version in `PRAGMA user_version`; opening a database of an older
version migrates it in place, inside the same write transaction, adding what is new and
keeping every row (docs/reliability.md, "Stored data"): version 2 added `turns.quoted`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.conversations import rows
from service.conversations.rows import AskRecord, Conversation, FeedbackRecord
from service.errors import BadInput, StoreBusy, StoreUnavailable

SCHEMA_VERSION = 2  # 2: turns.quoted (the sentences each answer quoted)
BUSY_TIMEOUT_MS = 10_000
# Result codes for "another connection holds the lock", as against a broken file or disk.
_LOCK_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, source TEXT NOT NULL,
    external_key TEXT UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS turns (ask_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id), seq INTEGER NOT NULL,
    question TEXT NOT NULL, unit_ids TEXT NOT NULL, abstained INTEGER NOT NULL,
    created_at TEXT NOT NULL, quoted TEXT NOT NULL DEFAULT '[]', UNIQUE (conversation_id, seq));
CREATE TABLE IF NOT EXISTS feedback (ask_id TEXT NOT NULL REFERENCES turns(ask_id),
    unit_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT, source TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (ask_id, unit_id));
CREATE TABLE IF NOT EXISTS seen_events (key TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS seen_events_created ON seen_events (created_at);
"""


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a database an older version created up to this one, in the caller's transaction.
    Columns are added with a default, never rewritten: an older `cited` still reads and writes
    the file (its statements name their columns), and a turn recorded before version 2 reads
    back as having quoted nothing."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(turns)")}
    if "quoted" not in columns:
        db.execute("ALTER TABLE turns ADD COLUMN quoted TEXT NOT NULL DEFAULT '[]'")
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version < SCHEMA_VERSION:  # a newer cited's file keeps its own number
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


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
            _migrate(db)

    # -- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock; locked past the busy timeout becomes StoreBusy, the
        other operational failures (disk full, file gone) StoreUnavailable."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as exc:
                where = f"SQLite at {self.path} (CITED_DATABASE_PATH)"
                if getattr(exc, "sqlite_errorcode", None) in _LOCK_CODES:
                    held = "stayed locked by another connection past its busy timeout"
                    raise StoreBusy(f"{where} {held}: {exc}") from None
                raise StoreUnavailable(f"cannot use {where}: {exc}") from None

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
        """`Store.new_conversation`; two deliveries of one Slack thread that race each other
        end up in one conversation (INSERT OR IGNORE, then read back)."""
        rows.check_conversation(source, external_key)
        conversation_id = rows.new_id()
        with self._write() as db:
            self._insert_conversation(db, conversation_id, source, external_key, _now())
            if external_key is None:
                return conversation_id
            row = db.execute("SELECT id FROM conversations WHERE external_key = ?", (external_key,)).fetchone()
        return str(row[0])

    def find_by_external_key(self, key: str) -> str | None:
        found = self._read("SELECT id FROM conversations WHERE external_key = ?", (key,))
        return str(found[0][0]) if found else None

    def record_ask(self, ask: AskRecord) -> str:
        """`Store.record_ask`: one transaction, so one commit, per ask. With `synchronous=FULL`
        every commit waits for the disk, and this one is on the latency of every ask."""
        rows.check_ask(ask)
        with self._write() as db:
            # Read under the write lock, so turn times follow turn numbers; a new conversation
            # starts when its first turn does.
            now = _now()
            conversation_id = ask.conversation_id
            if conversation_id is None:
                conversation_id = rows.new_id()
                self._insert_conversation(db, conversation_id, ask.source, None, now)
            else:
                self._require_conversation(conversation_id)
            self._append_turn(db, conversation_id, ask, now)
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
    def _append_turn(db: sqlite3.Connection, conversation_id: str, ask: AskRecord, now: str) -> None:
        (seq,) = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = ?",
            (conversation_id,),
        ).fetchone()
        db.execute(
            "INSERT INTO turns (ask_id, conversation_id, seq, question, unit_ids,"
            " abstained, created_at, quoted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ask.ask_id,
                conversation_id,
                seq,
                ask.question,
                json.dumps(list(ask.unit_ids)),
                int(ask.abstained),
                now,
                json.dumps(rows.quoted_rows(ask.quoted)),
            ),
        )

    def _require_conversation(self, conversation_id: str) -> None:
        if self._db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
            raise rows.unknown_conversation(conversation_id)

    def get_conversation(self, conversation_id: str) -> Conversation:
        with self._locked():
            head = self._db.execute(
                "SELECT id, source, external_key, created_at FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if head is None:
                raise rows.unknown_conversation(conversation_id)
            turns = self._db.execute(
                "SELECT ask_id, question, unit_ids, abstained, created_at, quoted FROM turns"
                " WHERE conversation_id = ? ORDER BY seq",
                (conversation_id,),
            ).fetchall()
        # unit_ids and quoted are JSON arrays in TEXT columns; times are ISO text already.
        return rows.conversation_record(head, turns, json.loads, str, json.loads)

    # -- feedback -----------------------------------------------------------------------------

    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None:
        rows.check_feedback(unit_id, comment, source)
        with self._write() as db:
            row = db.execute("SELECT unit_ids FROM turns WHERE ask_id = ?", (ask_id,)).fetchone()
            rows.check_feedback_target(ask_id, unit_id, json.loads(row[0]) if row else None)
            db.execute(
                "INSERT INTO feedback (ask_id, unit_id, helpful, comment, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ask_id, unit_id) DO UPDATE SET"
                " helpful = excluded.helpful, comment = excluded.comment,"
                " source = excluded.source, created_at = excluded.created_at",
                (ask_id, unit_id, int(helpful), comment, source, _now()),
            )

    def feedback(self, ask_id: str) -> list[FeedbackRecord]:
        """The feedback given on one ask, by unit id (tests and diagnostics)."""
        return rows.feedback_records(
            self._read(
                "SELECT unit_id, helpful, comment, source FROM feedback WHERE ask_id = ? ORDER BY unit_id", (ask_id,)
            )
        )

    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
        helpful = self._read(
            "SELECT t.ask_id, t.question, f.unit_id FROM feedback f"
            " JOIN turns t ON t.ask_id = f.ask_id WHERE f.helpful = 1"
            " ORDER BY t.created_at, t.ask_id, f.unit_id"
        )
        return rows.feedback_lines(helpful, unit_text)

    # -- Slack event dedupe ---------------------------------------------------------------------

    def seen_event(self, *keys: str) -> bool:
        """`Store.seen_event` in one transaction, so two deliveries racing over the same keys
        cannot each find one key taken and both give up."""
        for key in keys:
            rows.clean_text(key, "event key")
        now = datetime.now(UTC)
        created = now.isoformat(timespec="milliseconds")
        with self._write() as db:
            expired = (now - rows.SEEN_EVENT_TTL).isoformat(timespec="milliseconds")
            db.execute("DELETE FROM seen_events WHERE created_at < ?", (expired,))
            inserted = [
                db.execute("INSERT OR IGNORE INTO seen_events (key, created_at) VALUES (?, ?)", (key, created)).rowcount
                for key in keys
            ]
        return not all(inserted)
