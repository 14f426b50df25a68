"""The PostgreSQL `Store`: conversations and feedback shared by many replicas.

Same tables and rules as the SQLite `ConversationStore`, written for a server that several
processes reach at once (CITED_DATABASE_URL):

- where SQLite takes its database-wide write lock (`BEGIN IMMEDIATE`), this store takes row
  locks or lets a unique key decide: `record_ask` locks the conversation row (`FOR UPDATE`)
  so two replicas appending to one conversation number their turns one after the other;
  `new_conversation` and `seen_event` use `INSERT ... ON CONFLICT DO NOTHING`, which waits
  for a concurrent insert of the same key and then yields to it. Transactions stay at READ
  COMMITTED, so nothing ever fails with a serialization error that would need a retry.
- timestamps come from the server's clock (`now()`), so replicas whose clocks drift still
  order asks and expire Slack event keys consistently.
- the schema is created on open (`CREATE ... IF NOT EXISTS`) under an advisory lock, so
  replicas starting together do not race on the catalog; columns added later are added the
  same way (`ALTER TABLE ... ADD COLUMN IF NOT EXISTS`, with a default), so a database an
  older version created is migrated in place and keeps every row (docs/reliability.md).
- connections come from a small pool, checked before use, so a restarted server costs
  one failed request at most rather than a dead replica.
- no request waits long on a server that is down: connecting and taking a connection from
  the pool give up after `timeout` (CITED_DATABASE_TIMEOUT_SECONDS) with StoreUnavailable, as
  does a connection lost mid-query; the pool abandons a reconnection attempt after a few seconds
  so that the next request tries afresh, and a server that comes back is used at once.
- no request waits long behind a lock either: every session runs with `statement_timeout`
  (lock waits count) and `idle_in_transaction_session_timeout` set to `statement_timeout`
  (CITED_DATABASE_STATEMENT_TIMEOUT_SECONDS). A statement past it is cancelled by the server,
  its transaction rolled back, and the call fails with StoreBusy: the server answered, so it is
  no outage. A session left idle inside a transaction (a replica frozen mid-write) is ended by
  the server, which releases its row locks for the other replicas. No separate `lock_timeout`:
  it would only change the message, as the statement timeout already bounds a lock wait.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from service.conversations import rows
from service.conversations.rows import AskRecord, Conversation, FeedbackRecord
from service.errors import BadInput, CitedError, StoreBusy, StoreUnavailable

POOL_MAX_SIZE = 8  # per replica; threads beyond it wait (anyio runs store calls in threads)
CONNECT_TIMEOUT_S = 10  # at start-up only: a replica may start while the server still boots
DEFAULT_TIMEOUT_S = 2.0
DEFAULT_STATEMENT_TIMEOUT_S = 5.0
# The pool retries a failed connection with a doubling back-off; past this it gives up and the
# next request starts a fresh attempt, so recovery never waits out a long back-off.
RECONNECT_TIMEOUT_S = 5.0
SCHEMA_LOCK_ID = 0x63697465  # "cite": one advisory lock key for creating the schema

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, source TEXT NOT NULL,
    external_key TEXT UNIQUE, created_at TIMESTAMPTZ NOT NULL);
CREATE TABLE IF NOT EXISTS turns (ask_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id), seq INTEGER NOT NULL,
    question TEXT NOT NULL, unit_ids TEXT[] NOT NULL, abstained BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, UNIQUE (conversation_id, seq));
ALTER TABLE turns ADD COLUMN IF NOT EXISTS quoted JSONB NOT NULL DEFAULT '[]'::jsonb;
CREATE TABLE IF NOT EXISTS feedback (ask_id TEXT NOT NULL REFERENCES turns(ask_id),
    unit_id TEXT NOT NULL, helpful BOOLEAN NOT NULL, comment TEXT, source TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (ask_id, unit_id));
CREATE TABLE IF NOT EXISTS seen_events (key TEXT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL);
CREATE INDEX IF NOT EXISTS seen_events_created ON seen_events (created_at);
"""


def describe_url(url: str) -> str:
    """`host:port/dbname` of a connection URL, for messages: never the password."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        # The driver's reason may quote part of the URL, password included: leave it out.
        raise BadInput("CITED_DATABASE_URL is not a valid PostgreSQL URL") from None
    host = parts.get("host") or "localhost"
    return f"{host}:{parts.get('port') or 5432}/{parts.get('dbname') or ''}"


class PostgresStore:
    """PostgreSQL implementation of `Store`; safe to share between threads and replicas."""

    def __init__(
        self,
        url: str,
        *,
        max_connections: int = POOL_MAX_SIZE,
        timeout: float = DEFAULT_TIMEOUT_S,
        statement_timeout: float = DEFAULT_STATEMENT_TIMEOUT_S,
    ) -> None:
        where = describe_url(url)
        self._where = where
        limit_waits = functools.partial(_limit_waits, seconds=statement_timeout)
        # One direct connection first: it creates the schema and, when the server cannot be
        # reached, fails with the driver's own reason instead of a pool timeout.
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as db:
                limit_waits(db)
                _create_schema(db)
        except psycopg.Error as exc:  # unreachable, refused, or not allowed to create tables
            raise CitedError(_unusable(where, exc)) from None
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=max_connections,
            open=False,
            num_workers=2,
            # libpq takes whole seconds, 2 at least.
            kwargs={"autocommit": True, "connect_timeout": max(2, math.ceil(timeout))},
            # On each new connection, before it is handed out. Set there rather than in the
            # URL's `options`, which an operator's own `options=-c ...` would replace.
            configure=limit_waits,
            check=ConnectionPool.check_connection,
            name="cited-store",
            timeout=timeout,
            reconnect_timeout=RECONNECT_TIMEOUT_S,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            self._pool.close()
            raise CitedError(_unusable(where, exc)) from None

    # -- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; StoreBusy when a statement runs past the statement timeout
        (the server cancelled it and the transaction rolled back), StoreUnavailable when no
        connection comes within the timeout or the server goes away while it is used
        (PoolTimeout is an OperationalError too), or ended a session idle in a transaction."""
        try:
            with self._pool.connection() as db:
                yield db
        except (psycopg.errors.QueryCanceled, psycopg.errors.LockNotAvailable) as exc:
            raise StoreBusy(_unusable(self._where, exc)) from None
        except (psycopg.OperationalError, psycopg.errors.IdleInTransactionSessionTimeout) as exc:
            raise StoreUnavailable(_unusable(self._where, exc)) from None

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction on a pooled connection: committed on exit, rolled back on error."""
        with self._connection() as db, db.transaction():
            yield db

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as db:
            return db.execute(sql, params).fetchall()

    def ping(self) -> None:
        """Return when the server answers; StoreUnavailable otherwise."""
        self._read("SELECT 1")

    def close(self) -> None:
        """Close every pooled connection; the store cannot be used afterwards."""
        self._pool.close()

    # -- conversations ----------------------------------------------------------------------

    def new_conversation(self, source: str, external_key: str | None = None) -> str:
        """`Store.new_conversation`, idempotent across replicas: of two concurrent inserts of
        one key the second waits for the first to commit, then finds its row."""
        rows.check_conversation(source, external_key)
        conversation_id = rows.new_id()
        with self._write() as db:
            _insert_conversation(db, conversation_id, source, external_key)
            if external_key is None:
                return conversation_id
            row = db.execute("SELECT id FROM conversations WHERE external_key = %s", (external_key,)).fetchone()
        assert row is not None  # inserted or found above, and conversations are never deleted
        return str(row[0])

    def find_by_external_key(self, key: str) -> str | None:
        found = self._read("SELECT id FROM conversations WHERE external_key = %s", (key,))
        return str(found[0][0]) if found else None

    def record_ask(self, ask: AskRecord) -> str:
        """`Store.record_ask` in one transaction: the ask joins its conversation under the
        conversation's row lock (NotFound when unknown), or starts one when it names none."""
        rows.check_ask(ask)
        with self._write() as db:
            conversation_id = ask.conversation_id
            if conversation_id is None:
                # Invisible to others until the commit, so no lock is needed to number it.
                conversation_id = rows.new_id()
                _insert_conversation(db, conversation_id, ask.source, None)
            else:
                # The row lock orders concurrent appends to one conversation, whichever
                # replica makes them; the next statement then sees the turn committed before it.
                _require_conversation(db, conversation_id, lock=True)
            _append_turn(db, conversation_id, ask)
        return conversation_id

    def get_conversation(self, conversation_id: str) -> Conversation:
        with self._connection() as db:
            head = db.execute(
                "SELECT id, source, external_key, created_at FROM conversations WHERE id = %s", (conversation_id,)
            ).fetchone()
            if head is None:
                raise rows.unknown_conversation(conversation_id)
            turns = db.execute(
                "SELECT ask_id, question, unit_ids, abstained, created_at, quoted"
                " FROM turns WHERE conversation_id = %s ORDER BY seq",
                (conversation_id,),
            ).fetchall()
        # unit_ids is a text array and quoted JSONB (lists already); times are TIMESTAMPTZ.
        return rows.conversation_record(head, turns, list, _iso, list)

    # -- feedback -----------------------------------------------------------------------------

    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None:
        rows.check_feedback(unit_id, comment, source)
        with self._write() as db:
            row = db.execute("SELECT unit_ids FROM turns WHERE ask_id = %s", (ask_id,)).fetchone()
            rows.check_feedback_target(ask_id, unit_id, row[0] if row else None)
            db.execute(
                "INSERT INTO feedback (ask_id, unit_id, helpful, comment, source, created_at)"
                " VALUES (%s, %s, %s, %s, %s, now()) ON CONFLICT (ask_id, unit_id) DO UPDATE"
                " SET helpful = excluded.helpful, comment = excluded.comment,"
                " source = excluded.source, created_at = excluded.created_at",
                (ask_id, unit_id, helpful, comment, source),
            )

    def feedback(self, ask_id: str) -> list[FeedbackRecord]:
        """The feedback given on one ask, by unit id (tests and diagnostics)."""
        # COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
        return rows.feedback_records(
            self._read(
                'SELECT unit_id, helpful, comment, source FROM feedback WHERE ask_id = %s ORDER BY unit_id COLLATE "C"',
                (ask_id,),
            )
        )

    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
        helpful = self._read(
            "SELECT t.ask_id, t.question, f.unit_id FROM feedback f"
            " JOIN turns t ON t.ask_id = f.ask_id WHERE f.helpful"
            ' ORDER BY t.created_at, t.ask_id COLLATE "C", f.unit_id COLLATE "C"'
        )
        return rows.feedback_lines(helpful, unit_text)

    # -- Slack event dedupe ---------------------------------------------------------------------

    def seen_event(self, *keys: str) -> bool:
        """`Store.seen_event` in one transaction, across replicas: a racing delivery's insert of
        the same key waits for this transaction, so the keys are claimed together or not at
        all. Callers pass keys in one fixed order, so two claims cannot wait on each other."""
        for key in keys:
            rows.clean_text(key, "event key")
        with self._write() as db:
            db.execute("DELETE FROM seen_events WHERE created_at < now() - %s", (rows.SEEN_EVENT_TTL,))
            inserted = [
                db.execute(
                    "INSERT INTO seen_events (key, created_at) VALUES (%s, now()) ON CONFLICT DO NOTHING RETURNING key",
                    (key,),
                ).fetchone()
                for key in keys
            ]
        return any(row is None for row in inserted)


def _limit_waits(db: psycopg.Connection[Any], seconds: float) -> None:
    """Let the server cancel a statement of this session past `seconds`, lock waits included,
    and end the session when it sits idle in a transaction as long (module docstring)."""
    milliseconds = str(max(1, round(seconds * 1000)))
    # set_config, not SET: SET takes no bound parameters. Session-wide (false): the
    # connection is in autocommit, so this is no transaction that could roll it back.
    db.execute(
        "SELECT set_config('statement_timeout', %s, false),"
        " set_config('idle_in_transaction_session_timeout', %s, false)",
        (milliseconds, milliseconds),
    )


def _create_schema(db: psycopg.Connection[Any]) -> None:
    with db.transaction():
        # Two replicas creating the same table at once can both pass IF NOT EXISTS and then
        # collide in the catalog; the lock lets one finish first.
        db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_ID,))
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)


def _require_conversation(db: psycopg.Connection[Any], conversation_id: str, lock: bool = False) -> None:
    sql = "SELECT 1 FROM conversations WHERE id = %s" + (" FOR UPDATE" if lock else "")
    if db.execute(sql, (conversation_id,)).fetchone() is None:
        raise rows.unknown_conversation(conversation_id)


def _insert_conversation(
    db: psycopg.Connection[Any], conversation_id: str, source: str, external_key: str | None
) -> None:
    db.execute(
        "INSERT INTO conversations (id, source, external_key, created_at)"
        " VALUES (%s, %s, %s, now()) ON CONFLICT DO NOTHING",
        (conversation_id, source, external_key),
    )


def _append_turn(db: psycopg.Connection[Any], conversation_id: str, ask: AskRecord) -> None:
    """Insert a turn numbered after the last; the caller holds the conversation's row lock
    (or created the conversation in this transaction)."""
    row = db.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation_id = %s", (conversation_id,)
    ).fetchone()
    assert row is not None  # an aggregate always returns one row
    db.execute(
        "INSERT INTO turns (ask_id, conversation_id, seq, question, unit_ids,"
        " abstained, created_at, quoted) VALUES (%s, %s, %s, %s, %s, %s, now(), %s)",
        (
            ask.ask_id,
            conversation_id,
            row[0],
            ask.question,
            list(ask.unit_ids),
            ask.abstained,
            Jsonb(rows.quoted_rows(ask.quoted)),
        ),
    )


def _iso(moment: datetime) -> str:
    """The SQLite store's timestamp format: ISO 8601 in UTC, milliseconds."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _unusable(where: str, exc: psycopg.Error) -> str:
    """One line naming the server (never the password) and the driver's first reason."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot use PostgreSQL at {where} (CITED_DATABASE_URL): {reason}"
