"""Conversations, asks and feedback: the only state `cited` keeps between requests.

Every front door (HTTP API, CLI, Slack bot) records what was asked through one `Store`.
The interface is small and says nothing about SQL, so two databases sit behind it:

    sqlite.py     ConversationStore: SQLite at CITED_DATABASE_PATH, the embedded default
    postgres.py   PostgresStore: PostgreSQL at CITED_DATABASE_URL, shared by many replicas
                  (imported only when asked for, so the default never loads the driver)
    rows.py       what both share: the records, the refusal of text that cannot be stored
                  faithfully, rows into records and question-set lines
    guard.py      GuardedStore: any store, failing fast while its database is down

`open_store(settings)` picks one. The stores import nothing from this module, so the package
has no import cycle. Which earlier questions a follow-up is read with is not the store's
business: service.chat.reading decides that from the conversation's turns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from service.conversations.rows import AskRecord, Conversation, Turn, new_id
from service.conversations.sqlite import ConversationStore
from service.errors import BadInput
from service.settings import Settings

__all__ = ["POSTGRES_SCHEMES", "AskRecord", "Conversation", "Store", "Turn", "new_id", "open_store"]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Store(Protocol):
    """What the front doors need from conversation storage, whatever the database.

    new_conversation      start one (idempotent per external key, e.g. a Slack thread)
    find_by_external_key  the conversation started under a key, or None
    record_ask            record an ask at the end of its conversation (NotFound), starting
                          one when it has none: one transaction, so one commit per ask
    get_conversation      a conversation and its turns, oldest first (NotFound)
    record_feedback       a judgement on one result of one ask, a later one replacing it
                          (NotFound for an unknown ask; BadInput when the unit was not
                          among its results)
    export_feedback_questions  asks whose results someone marked helpful, as question-set
                          lines (docs/api.md): the store keeps unit ids only, so `unit_text`
                          maps an id to its text (`lambda u: engine.unit(u).text`), and
                          `gold` holds the first characters of each helpful unit, which the
                          harness matches as substrings; units the index lacks are skipped
    seen_event            remember every key; True when any was seen before (a duplicate
                          delivery), atomic across threads and replicas
    ping                  return when the database answers (readiness)
    close                 release the connections; the store cannot be used afterwards

    Every method raises StoreUnavailable when the database cannot be used right now.
    """

    def new_conversation(self, source: str, external_key: str | None = None) -> str: ...
    def find_by_external_key(self, key: str) -> str | None: ...
    def record_ask(self, ask: AskRecord) -> str: ...
    def get_conversation(self, conversation_id: str) -> Conversation: ...
    def record_feedback(self, ask_id: str, unit_id: str, helpful: bool, comment: str | None, source: str) -> None: ...
    def export_feedback_questions(self, unit_text: Callable[[str], str]) -> list[dict[str, Any]]: ...
    def seen_event(self, *keys: str) -> bool: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...


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
    from service.conversations.postgres import PostgresStore

    return PostgresStore(
        url,
        max_connections=settings.database_pool_size,
        timeout=settings.database_timeout_seconds,
        statement_timeout=settings.database_statement_timeout_seconds,
    )
