"""`/v1`: ask, documents, units, feedback, conversations. Thin: parse, call, shape.

Retrieval is CPU bound, so it runs on a worker thread under a capacity limiter sized by
`CITED_SEARCH_THREADS` (the retrieval slots); the event loop only moves bytes. Store calls
run on worker threads outside that limiter: a slow or unreachable database must never hold
a retrieval slot, or a database outage would also stall every ask behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Path

from service import chat
from service.api.deps import StateDep, StoreDep, require_json
from service.api.models import (
    ContextOut,
    ConversationOut,
    DocumentsOut,
    FeedbackOut,
    UnitOut,
)
from service.api.problems import problem_responses
from service.schemas import UNIT_ID_PATTERN, AskRequest, AskResponse, DocumentOut, FeedbackRequest, SourceProfileOut

router = APIRouter(prefix="/v1", tags=["v1"])

# Statuses any /v1 route can answer with (auth, rate limit, not ready, unexpected).
COMMON = (401, 429, 500, 503)
IdPath = Annotated[str, Path(min_length=1, max_length=200)]
UnitIdPath = Annotated[str, Path(min_length=1, max_length=200, pattern=UNIT_ID_PATTERN)]


@router.post(
    "/ask",
    response_model=AskResponse,
    dependencies=[Depends(require_json)],
    responses=problem_responses(400, 404, 413, 415, 422, *COMMON),
    summary="Ask a question; get ranked, cited units and an extractive answer",
)
async def ask(request: AskRequest, state: StateDep) -> AskResponse:
    """Answer one question, as a new conversation or a follow-up (`conversation_id`)."""
    engine = state.require_engine()
    if "top_k" not in request.model_fields_set:  # the operator's default, not the schema's
        request = request.model_copy(update={"top_k": state.settings.default_top_k})
    # chat.respond's steps, with the slot held for the retrieval only.
    filters = chat.to_filters(engine, request.filters)
    earlier: Sequence[chat.EarlierTurn] = ()
    if request.conversation_id is not None:
        earlier = await anyio.to_thread.run_sync(chat.recall, state.store, request)
    answer = await anyio.to_thread.run_sync(
        lambda: chat.retrieve(engine, request, filters, earlier), limiter=state.search_limiter
    )
    response = await anyio.to_thread.run_sync(lambda: chat.record(state.store, request, answer, source="api"))
    state.metrics.asks.inc()
    if response.abstained:
        state.metrics.abstentions.inc()
    return response


@router.get(
    "/documents",
    response_model=DocumentsOut,
    responses=problem_responses(*COMMON),
    summary="The indexed documents, in catalog order",
)
async def documents(state: StateDep) -> DocumentsOut:
    """Every document of the loaded index."""
    engine = state.require_engine()
    return DocumentsOut(
        documents=[DocumentOut.from_record(d) for d in engine.documents.values()],
        index_version=engine.version,
    )


@router.get(
    "/documents/{document_id}/sources",
    response_model=SourceProfileOut,
    responses=problem_responses(404, 422, *COMMON),
    summary="What a document's footnotes cite: sources by kind, the outlets cited most, interviews by month",
)
async def document_sources(document_id: IdPath, state: StateDep) -> SourceProfileOut:
    """The document's source profile (404 when the index has no such document)."""
    engine = state.require_engine()
    return SourceProfileOut.from_profile(engine.source_profile(document_id), index_version=engine.version)


# Unit ids can hold a heading's words, "/" included ("doc:p:Pros/cons.1"), so both routes take
# the rest of the path; the context route is tried first, or the unit route would read
# "ID/context" as an id (so an id that itself ends in "/context" reads as a context request).
@router.get(
    "/units/{unit_id:path}/context",
    response_model=ContextOut,
    responses=problem_responses(404, 422, *COMMON),
    summary="A unit in its place: the passages before and after it, its section, the notes it cites",
)
async def unit_context(unit_id: UnitIdPath, state: StateDep) -> ContextOut:
    """What a reader sees around a result: 404 for an unknown id, 422 for one no unit could
    have (over 200 characters, or a control character)."""
    return ContextOut.from_record(state.require_engine().context(unit_id))


@router.get(
    "/units/{unit_id:path}",
    response_model=UnitOut,
    responses=problem_responses(404, 422, *COMMON),
    summary="One indexed unit",
)
async def unit(unit_id: IdPath, state: StateDep) -> UnitOut:
    """A passage or footnote by id (404 when the index has no such unit)."""
    return UnitOut.from_record(state.require_engine().unit(unit_id))


@router.post(
    "/feedback",
    response_model=FeedbackOut,
    dependencies=[Depends(require_json)],
    responses=problem_responses(400, 404, 413, 415, 422, 401, 429, 500, 503),
    summary="Mark one result of one ask helpful or not",
)
async def feedback(request: FeedbackRequest, store: StoreDep) -> FeedbackOut:
    """Record a judgement; a later one on the same result replaces it."""
    await anyio.to_thread.run_sync(lambda: chat.record_feedback(store, request, source="api"))
    return FeedbackOut(ask_id=request.ask_id, unit_id=request.unit_id, helpful=request.helpful)


@router.get(
    "/conversations/{conversation_id}",
    response_model=ConversationOut,
    responses=problem_responses(404, 422, 401, 429, 500, 503),
    summary="A conversation and its turns",
)
async def conversation(conversation_id: IdPath, store: StoreDep) -> ConversationOut:
    """The questions asked in a conversation, oldest first, with what each returned."""
    record = await anyio.to_thread.run_sync(store.get_conversation, conversation_id)
    return ConversationOut.from_record(record)
