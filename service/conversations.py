"""Conversations, asks and feedback: the only state `cited` keeps between requests.

Every front door (HTTP API, CLI, Slack bot) records what was asked through one `Store`.
The interface is small and says nothing about SQL, so two databases sit behind it:

    ConversationStore   SQLite at CITED_DATABASE_PATH, the embedded default (this module)
    PostgresStore       PostgreSQL at CITED_DATABASE_URL, shared by many replicas
                        (service/conversations_pg.py, imported only when asked for)

`open_store(settings)` picks one. Both refuse text that cannot be stored faithfully
(`clean_text`) and build question-set lines from feedback the same way (`feedback_lines`).

SQLite is opened in WAL mode with `synchronous=FULL`, so a commit that returned survives a
crash or power loss (RELIABILITY.md §3), and every write runs in `BEGIN IMMEDIATE`, so two
processes (API and Slack bot) wait for each other through `busy_timeout` instead of failing
with "database is locked".
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from service.errors import BadInput, CitedError, NotFound
from service.settings import Settings

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
SEEN_EVENT_TTL = timedelta(days=1)  # Slack stops retrying an event within minutes
GOLD_PREFIX_CHARS = 60

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


@dataclass(frozen=True)
class Turn:
    """One question asked in a conversation and what it returned."""

    ask_id: str
    question: str
    unit_ids: tuple[str, ...]
    abstained: bool
    created_at: str  # ISO 8601, UTC


@dataclass(frozen=True)
class Conversation:
    """A conversation and its turns, oldest first."""

    id: str
    source: str
    external_key: str | None
    created_at: str
    turns: tuple[Turn, ...]


class Store(Protocol):
    """What the front doors need from conversation storage, whatever the database.

    new_conversation      start one (idempotent per external key, e.g. a Slack thread)
    find_by_external_key  the conversation started under a key, or None
    add_turn              record an ask at the end of its conversation (NotFound)
    history               the last `limit` questions, oldest first (NotFound)
    get_conversation      a conversation and its turns (NotFound)
    record_feedback       a judgement on one result of one ask (NotFound, BadInput)
    export_feedback_questions  helpful asks as question-set lines
    seen_event            True when a delivery key was seen before (atomic)
    """

    def new_conversation(self, source: str, external_key: str | None = None) -> str: ...
    def find_by_external_key(self, key: str) -> str | None: ...
    def add_turn(self, conversation_id: str, question: str, ask_id: str,
                 unit_ids: Sequence[str], abstained: bool) -> None: ...
    def history(self, conversation_id: str, limit: int) -> list[str]: ...
    def get_conversation(self, conversation_id: str) -> Conversation: ...
    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None,
                        source: str) -> None: ...
    def export_feedback_questions(self, unit_text: Callable[[str], str]
                                  ) -> list[dict[str, Any]]: ...
    def seen_event(self, key: str) -> bool: ...
    def close(self) -> None: ...


def new_id() -> str:
    """A fresh id for a conversation or an ask: uuid4 in hex."""
    return uuid.uuid4().hex


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
        raise BadInput("CITED_DATABASE_URL must be a postgresql:// URL; unset it to store "
                       "conversations in SQLite at CITED_DATABASE_PATH")
    # Imported here: the SQLite default never loads the PostgreSQL driver.
    from service.conversations_pg import PostgresStore

    return PostgresStore(url)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clean_text(value: str, what: str) -> str:
    """Refuse text no database stores faithfully: NUL and lone surrogates.

    The wire models reject these already; this is the last line, so that nothing raw
    ever reaches the database (RELIABILITY.md §0, finding 3).
    """
    if "\x00" in value:
        raise BadInput(f"{what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"{what} is not valid Unicode text") from None
    return value


class ConversationStore:
    """SQLite implementation of `Store`; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection behind a lock: writes serialise in SQLite anyway, and the
        # lock makes the connection safe to use from anyio's worker threads.
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
        self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front (no deadlock on upgrade)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

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
        for text in (source, external_key or ""):
            clean_text(text, "source or external key")
        conversation_id = new_id()
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO conversations (id, source, external_key, created_at)"
                " VALUES (?, ?, ?, ?)",
                (conversation_id, source, external_key, _now()),
            )
            if external_key is None:
                return conversation_id
            row = db.execute("SELECT id FROM conversations WHERE external_key = ?",
                             (external_key,)).fetchone()
        return str(row[0])

    def find_by_external_key(self, key: str) -> str | None:
        """The conversation started under `key` (e.g. a Slack thread), if any."""
        rows = self._read("SELECT id FROM conversations WHERE external_key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def add_turn(self, conversation_id: str, question: str, ask_id: str,
                 unit_ids: Sequence[str], abstained: bool) -> None:
        """Record one ask at the end of its conversation."""
        for text in (question, *unit_ids):
            clean_text(text, "question or unit id")
        with self._write() as db:
            self._require_conversation(conversation_id)
            (seq,) = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO turns (ask_id, conversation_id, seq, question, unit_ids,"
                " abstained, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ask_id, conversation_id, seq, question, json.dumps(list(unit_ids)),
                 int(abstained), _now()),
            )

    def history(self, conversation_id: str, limit: int) -> list[str]:
        """The last `limit` questions of a conversation, oldest first.

        Raises NotFound for an unknown conversation, so callers resolve and read it at once.
        """
        with self._lock:
            self._require_conversation(conversation_id)
            rows = self._db.execute(
                "SELECT question FROM turns WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?",
                (conversation_id, max(limit, 0)),
            ).fetchall()
        return [str(q) for (q,) in reversed(rows)]

    def _require_conversation(self, conversation_id: str) -> None:
        if self._db.execute("SELECT 1 FROM conversations WHERE id = ?",
                            (conversation_id,)).fetchone() is None:
            raise NotFound(f"unknown conversation {conversation_id!r}")

    def get_conversation(self, conversation_id: str) -> Conversation:
        """A conversation with all its turns; NotFound when the id names nothing."""
        with self._lock:
            head = self._db.execute("SELECT id, source, external_key, created_at FROM"
                                    " conversations WHERE id = ?", (conversation_id,)).fetchone()
            if head is None:
                raise NotFound(f"unknown conversation {conversation_id!r}")
            rows = self._db.execute(
                "SELECT ask_id, question, unit_ids, abstained, created_at FROM turns"
                " WHERE conversation_id = ? ORDER BY seq",
                (conversation_id,),
            ).fetchall()
        turns = tuple(Turn(a, q, tuple(json.loads(u)), bool(ab), c) for a, q, u, ab, c in rows)
        return Conversation(head[0], head[1], head[2], head[3], turns)

    # -- feedback -----------------------------------------------------------------------------

    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None,
                        source: str) -> None:
        """Store a judgement on one result of one ask; a later one replaces it.

        NotFound for an unknown ask; BadInput when the unit was not among its results.
        """
        for text in (source, unit_id, comment or ""):
            clean_text(text, "feedback")
        with self._write() as db:
            row = db.execute("SELECT unit_ids FROM turns WHERE ask_id = ?", (ask_id,)).fetchone()
            if row is None:
                raise NotFound(f"unknown ask {ask_id!r}")
            if unit_id not in json.loads(row[0]):
                raise BadInput(f"unit {unit_id!r} was not a result of ask {ask_id!r}")
            db.execute(
                "INSERT INTO feedback (ask_id, unit_id, helpful, comment, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ask_id, unit_id) DO UPDATE SET"
                " helpful = excluded.helpful, comment = excluded.comment,"
                " source = excluded.source, created_at = excluded.created_at",
                (ask_id, unit_id, int(helpful), comment, source, _now()),
            )

    def feedback(self, ask_id: str) -> list[tuple[str, bool, str | None, str]]:
        """The feedback given on one ask: (unit_id, helpful, comment, source) rows."""
        rows = self._read("SELECT unit_id, helpful, comment, source FROM feedback"
                          " WHERE ask_id = ? ORDER BY unit_id", (ask_id,))
        return [(u, bool(h), c, s) for u, h, c, s in rows]

    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
        """Asks whose results someone marked helpful, as question-set lines (CONTRACT.md).

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

    def seen_event(self, key: str) -> bool:
        """Remember `key`; True when it was already remembered (a duplicate delivery)."""
        clean_text(key, "event key")
        now = datetime.now(UTC)
        with self._write() as db:
            expired = (now - SEEN_EVENT_TTL).isoformat(timespec="milliseconds")
            db.execute("DELETE FROM seen_events WHERE created_at < ?", (expired,))
            cursor = db.execute("INSERT OR IGNORE INTO seen_events (key, created_at) VALUES (?, ?)",
                                (key, now.isoformat(timespec="milliseconds")))
            return cursor.rowcount == 0


def feedback_lines(rows: Iterable[tuple[Any, ...]], unit_text: Callable[[str], str]
                   ) -> list[dict[str, Any]]:
    """Question-set lines from (ask_id, question, helpful unit_id) rows, asks in row order.

    Shared by every store, so an export reads the same whatever the database.
    """
    grouped: dict[str, tuple[str, list[str]]] = {}
    for ask_id, question, unit_id in rows:
        grouped.setdefault(ask_id, (question, []))[1].append(unit_id)
    lines: list[dict[str, Any]] = []
    for ask_id, (question, unit_ids) in grouped.items():
        gold = [g for g in (_gold(unit_text, u) for u in unit_ids) if g]
        if gold:
            lines.append({"id": f"feedback-{ask_id}", "question": question, "gold": gold,
                          "unit_ids": unit_ids, "kind": "feedback"})
    return lines


def _gold(unit_text: Callable[[str], str], unit_id: str) -> str:
    try:
        text = unit_text(unit_id)
    except CitedError:
        return ""
    return text[:GOLD_PREFIX_CHARS].strip()
