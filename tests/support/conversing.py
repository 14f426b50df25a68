"""Asking a conversation through the front door every client shares (service.chat.respond), and
earlier turns made up for the history rules (service.chat)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from service import chat
from service.conversations.sqlite import ConversationStore
from service.evaluate.ask import EngineAsker, Reply
from service.evaluate.questions import Question
from service.records import Quoted
from service.schemas import AskRequest, AskResponse


def converse(engine: Any, store: ConversationStore, *questions: str) -> list[AskResponse]:
    """Each of `questions` asked in turn in one conversation: the first starts it, each later
    one names it."""
    responses: list[AskResponse] = []
    for question in questions:
        conversation_id = responses[-1].conversation_id if responses else None
        responses.append(chat.respond(engine, store, AskRequest(question=question, conversation_id=conversation_id)))
    return responses


def last_reply(engine: Any, turns: Sequence[str]) -> Reply:
    """The answer to the last of `turns`, asked as one conversation the way the evaluation
    harness asks it (service.evaluate.ask)."""
    asker = EngineAsker(engine, mode="hybrid", top_k=5)
    reply = None
    for line, question in enumerate(turns, start=1):
        reply = asker.ask(Question(f"c1-{line}", question, ("gold",), "chat", "set.jsonl", line, conversation="c1"))
    assert reply is not None
    return reply


@dataclass(frozen=True)
class Earlier:
    """An earlier turn as the history rules read it: what was asked, whether it abstained and
    the sentences its answer quoted."""

    question: str
    abstained: bool = False
    quoted: tuple[Quoted, ...] = ()
