"""What every conversation store shares: the records, the text rules, and rows into records.

A store (SQLite `ConversationStore` in sqlite.py, PostgreSQL `PostgresStore` in postgres.py)
keeps its SQL and its connections; everything between a fetched row and what callers get back lives here, so the
two databases answer alike. The stores differ in column types only, which they hand over
as functions: how `turns.unit_ids` decodes (JSON text or a text array), how `turns.quoted`
decodes (JSON text or JSONB) and how a timestamp reads (ISO text or a `datetime`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from service.errors import BadInput, CitedError, NotFound, quote
from service.records import Quoted

GOLD_PREFIX_CHARS = 60
SEEN_EVENT_TTL = timedelta(days=1)  # Slack stops retrying an event within minutes

# Row shapes, in the column order of every store's SELECT.
ConversationRow = Sequence[Any]  # id, source, external_key, created_at
TurnRow = Sequence[Any]  # ask_id, question, unit_ids, abstained, created_at, quoted
FeedbackRow = Sequence[Any]  # unit_id, helpful, comment, source
FeedbackRecord = tuple[str, bool, str | None, str]


@dataclass(frozen=True)
class AskRecord:
    """An ask to record (`Store.record_ask`): the question and what it returned.

    With `conversation_id` None the ask starts a conversation from `source`; otherwise it
    joins that conversation as its next turn.
    """

    conversation_id: str | None
    source: str
    question: str
    ask_id: str
    unit_ids: Sequence[str]
    abstained: bool
    quoted: Sequence[Quoted] = ()  # the answer's sentences, in the order it quoted them


@dataclass(frozen=True)
class Turn:
    """One question asked in a conversation and what it returned."""

    ask_id: str
    question: str
    unit_ids: tuple[str, ...]
    abstained: bool
    created_at: str  # ISO 8601, UTC
    # The sentences its answer quoted, in order; () for an abstention and for a turn recorded
    # before turns kept them (docs/reliability.md, "Stored data").
    quoted: tuple[Quoted, ...] = ()


@dataclass(frozen=True)
class Conversation:
    """A conversation and its turns, oldest first."""

    id: str
    source: str
    external_key: str | None
    created_at: str
    turns: tuple[Turn, ...]


def new_id() -> str:
    """A fresh id for a conversation or an ask: uuid4 in hex."""
    return uuid.uuid4().hex


# -- text the databases cannot hold ---------------------------------------------------------


def clean_text(value: str, what: str) -> str:
    """Refuse text no database stores faithfully: NUL and lone surrogates.

    The wire models reject these already; this is the last line, so that nothing raw
    ever reaches the database (docs/reliability.md, "Library defaults").
    """
    if "\x00" in value:
        raise BadInput(f"{what} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(f"{what} is not valid Unicode text") from None
    return value


def check_conversation(source: str, external_key: str | None) -> None:
    """BadInput unless a new conversation's source and key can be stored."""
    for text in (source, external_key or ""):
        clean_text(text, "source or external key")


def check_ask(ask: AskRecord) -> None:
    """BadInput unless an ask's source, question and result ids can be stored."""
    check_conversation(ask.source, None)
    for text in (ask.question, *ask.unit_ids, *(q.unit_id for q in ask.quoted)):
        clean_text(text, "question or unit id")


def quoted_rows(quoted: Iterable[Quoted]) -> list[list[Any]]:
    """`turns.quoted` as both stores write it: a JSON array of [unit_id, start, end]."""
    return [[q.unit_id, q.span[0], q.span[1]] for q in quoted]


def quoted_records(rows: Iterable[Sequence[Any]]) -> tuple[Quoted, ...]:
    """`turns.quoted` read back (already decoded from JSON)."""
    return tuple(Quoted(str(unit_id), (int(start), int(end))) for unit_id, start, end in rows)


def check_feedback(unit_id: str, comment: str | None, source: str) -> None:
    """BadInput unless a judgement's unit id, comment and source can be stored."""
    for text in (source, unit_id, comment or ""):
        clean_text(text, "feedback")


# -- rows into records ------------------------------------------------------------------------


def unknown_conversation(conversation_id: str) -> NotFound:
    """The error for a conversation id that names nothing."""
    return NotFound(f"unknown conversation {quote(conversation_id)}")


def conversation_record(
    head: ConversationRow,
    turns: Iterable[TurnRow],
    unit_ids: Callable[[Any], Iterable[str]],
    timestamp: Callable[[Any], str],
    quoted: Callable[[Any], Iterable[Sequence[Any]]],
) -> Conversation:
    """A `Conversation` from its row and its turn rows (oldest first).

    `unit_ids` decodes the store's `turns.unit_ids` column, `timestamp` turns its time
    column into ISO 8601 text in UTC and `quoted` decodes `turns.quoted` (quoted_rows).
    """
    records = tuple(
        Turn(ask_id, question, tuple(unit_ids(units)), bool(abstained), timestamp(created), quoted_records(quoted(q)))
        for ask_id, question, units, abstained, created, q in turns
    )
    conversation_id, source, external_key, created_at = head
    return Conversation(conversation_id, source, external_key, timestamp(created_at), records)


def check_feedback_target(ask_id: str, unit_id: str, results: Iterable[str] | None) -> None:
    """NotFound for an unknown ask (`results` None); BadInput when the unit was not a result."""
    if results is None:
        raise NotFound(f"unknown ask {quote(ask_id)}")
    if unit_id not in results:
        raise BadInput(f"unit {quote(unit_id)} was not a result of ask {quote(ask_id)}")


def feedback_records(rows: Iterable[FeedbackRow]) -> list[FeedbackRecord]:
    """(unit_id, helpful, comment, source) records from feedback rows."""
    return [(unit_id, bool(helpful), comment, source) for unit_id, helpful, comment, source in rows]


def feedback_lines(rows: Iterable[Sequence[Any]], unit_text: Callable[[str], str]) -> list[dict[str, Any]]:
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
            lines.append(
                {
                    "id": f"feedback-{ask_id}",
                    "question": question,
                    "gold": gold,
                    "unit_ids": unit_ids,
                    "kind": "feedback",
                }
            )
    return lines


def _gold(unit_text: Callable[[str], str], unit_id: str) -> str:
    try:
        text = unit_text(unit_id)
    except CitedError:
        return ""
    return text[:GOLD_PREFIX_CHARS].strip()
