"""The front door every other front door goes through: one question in, one response out.

The HTTP API, `cited ask --json` and the Slack bot all call `respond`, so a conversation,
its history and the recorded turn behave the same wherever the question came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from service.conversations import Store, new_id
from service.errors import BadInput, quote
from service.records import Answer, Document, Filters, Unit
from service.schemas import AskFilters, AskRequest, AskResponse, FeedbackRequest

HISTORY_LIMIT = 10  # earlier questions handed to the engine; it keeps the ones it uses
UNKNOWN_SHOWN = 3  # unknown documents named in an error; the rest are counted


class AskEngine(Protocol):
    """What the front doors use of `service.engine.Engine`."""

    @property
    def documents(self) -> Mapping[str, Document]: ...

    @property
    def version(self) -> str: ...

    def unit(self, unit_id: str) -> Unit: ...

    def all_units(self) -> list[Unit]: ...

    def ask(
        self,
        question: str,
        *,
        top_k: int = 5,
        filters: Filters | None = None,
        history: Sequence[str] = (),
    ) -> Answer: ...


def to_filters(engine: AskEngine, wire: AskFilters | None) -> Filters | None:
    """Wire filters to engine filters; BadInput naming any document the index lacks."""
    if wire is None:
        return None
    documents = tuple(wire.documents) if wire.documents is not None else None
    if documents is not None:
        unknown = [d for d in documents if d not in engine.documents]
        if unknown:
            known = ", ".join(engine.documents) or "none"
            shown = ", ".join(quote(d) for d in unknown[:UNKNOWN_SHOWN])
            more = f" and {len(unknown) - UNKNOWN_SHOWN} more" if len(unknown) > UNKNOWN_SHOWN else ""
            raise BadInput(f"unknown document {shown}{more}; known: {known}")
    kinds = tuple(wire.kinds) if wire.kinds is not None else None
    return Filters(documents=documents, kinds=kinds)


def respond(
    engine: AskEngine, store: Store, request: AskRequest, *, source: str = "api"
) -> AskResponse:
    """Answer `request` within its conversation and record the turn.

    A request without `conversation_id` starts a conversation; an unknown id raises
    NotFound before any retrieval runs. The conversation is created only after the engine
    answered, so a rejected question leaves nothing behind, and it is created together with
    its first turn (`Store.record_ask`): one commit, so one wait for the disk, per ask.

    The three steps are public so that a front door can run the retrieval apart from the
    store calls (the API holds a retrieval slot only while the engine works).
    """
    filters = to_filters(engine, request.filters)
    history = recall(store, request)
    answer = retrieve(engine, request, filters, history)
    return record(store, request, answer, source=source)


def recall(store: Store, request: AskRequest) -> list[str]:
    """The earlier questions of the request's conversation (NotFound); none for a new one."""
    if request.conversation_id is None:
        return []
    return store.history(request.conversation_id, HISTORY_LIMIT)


def retrieve(engine: AskEngine, request: AskRequest, filters: Filters | None,
             history: Sequence[str]) -> Answer:
    """The engine's answer to the request, given its conversation's history."""
    return engine.ask(request.question, top_k=request.top_k, filters=filters, history=history)


def record(store: Store, request: AskRequest, answer: Answer, *, source: str = "api") -> AskResponse:
    """Record the answered ask in its conversation (starting one if needed); the response."""
    ask_id = new_id()
    conversation_id = store.record_ask(
        request.conversation_id,
        source,
        request.question,
        ask_id,
        [result.hit.unit.id for result in answer.results],
        answer.abstained,
    )
    return AskResponse.from_answer(answer, conversation_id=conversation_id, ask_id=ask_id)


def record_feedback(store: Store, request: FeedbackRequest, *, source: str = "api") -> None:
    """Store a thumbs up or down on one result (NotFound / BadInput as the store says)."""
    store.record_feedback(request.ask_id, request.unit_id, request.helpful, request.comment,
                          source)
