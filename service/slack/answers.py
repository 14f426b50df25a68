"""Questions from Slack through `service.chat.respond`, and answers found again for buttons.

Slack's buttons ("Show more results", "Full text", "Share in channel") arrive later as their
own requests that carry only ids. An answer is kept in a small in-process cache; when it is
gone (restart, another replica) the recorded turn is replayed: the same question with the
same earlier questions gives the same ranking, which is checked against the unit ids the store
recorded before the answer is reused.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from service import chat
from service.chat import AskEngine
from service.conversations import Store
from service.errors import CitedError, IndexError_, NotFound
from service.schemas import AskRequest, AskResponse
from service.slack.render import Message, render_answer, render_notice

SOURCE = "slack"
CACHE_SIZE = 512

BAD_QUESTION = (
    "Please ask a question of 1 to 1,000 characters of plain text, for example "
    "`/ask Why did Pakistan fence the border?`"
)
NOT_READY = "The document index is not ready yet; please try again in a minute."
EXPIRED = "That answer is no longer available; please ask the question again."


class AnswerCache:
    """The last CACHE_SIZE answers by ask id (thread-safe LRU)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[str, AskResponse] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, response: AskResponse) -> None:
        """Remember `response` under its ask id."""
        with self._lock:
            self._items[response.ask_id] = response
            self._items.move_to_end(response.ask_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, ask_id: str) -> AskResponse | None:
        """The remembered answer, or None."""
        with self._lock:
            found = self._items.get(ask_id)
            if found is not None:
                self._items.move_to_end(ask_id)
            return found


@dataclass(frozen=True)
class Answers:
    """The Slack bot's way to the engine and the store."""

    engine_provider: Callable[[], AskEngine]
    store_provider: Callable[[], Store]
    top_k: int
    cache: AnswerCache
    # Retrievals at once (CITED_SEARCH_THREADS): listener threads are many so that acks
    # never wait, but the cores are few.
    limiter: threading.Semaphore

    @property
    def store(self) -> Store:
        """The conversation store (resolved per use: it may open after the app is built)."""
        return self.store_provider()

    def conversation_for(self, external_key: str) -> str:
        """The conversation of a Slack thread, started on first use."""
        store = self.store
        return store.find_by_external_key(external_key) or store.new_conversation(SOURCE, external_key)

    def ask(self, question: str, thread_key: str | None = None) -> AskResponse:
        """Answer through the shared front door (raises ValidationError / CitedError).

        With a `thread_key` the question joins that thread's conversation (started on first
        use, once the question itself is known to be valid); without, it starts its own.
        """
        request = AskRequest(question=question, top_k=self.top_k)
        if thread_key is not None:
            conversation_id = self.conversation_for(thread_key)
            request = AskRequest(question=request.question, top_k=self.top_k, conversation_id=conversation_id)
        with self.limiter:
            response = chat.respond(self.engine_provider(), self.store, request, source=SOURCE)
        self.cache.put(response)
        return response

    def answer_message(
        self, question: str, thread_key: str | None = None, *, private: bool = False
    ) -> tuple[Message, AskResponse | None]:
        """The message to show for `question`: the answer, or a plain sentence saying why not.

        Errors a user can act on become a sentence here; anything else propagates to the
        app's error handler (an apology with a request id).
        """
        try:
            response = self.ask(question, thread_key)
        except ValidationError:
            return render_notice(BAD_QUESTION), None
        except IndexError_:
            return render_notice(NOT_READY), None
        except CitedError as e:
            return render_notice(str(e)), None
        return render_answer(response, private=private), response

    def recall(self, conversation_id: str, ask_id: str) -> AskResponse | None:
        """A past answer by its ids: from the cache, else replayed; None when it cannot be."""
        cached = self.cache.get(ask_id)
        if cached is not None:
            return cached
        try:
            replayed = self._replay(conversation_id, ask_id)
        except (NotFound, ValidationError):
            return None
        if replayed is not None:
            self.cache.put(replayed)
        return replayed

    def _replay(self, conversation_id: str, ask_id: str) -> AskResponse | None:
        conversation = self.store.get_conversation(conversation_id)
        position = next((i for i, t in enumerate(conversation.turns) if t.ask_id == ask_id), None)
        if position is None:
            return None
        turn = conversation.turns[position]
        engine = self.engine_provider()
        with self.limiter:
            answer = chat.ask_in_conversation(engine, turn.question, conversation.turns[:position], top_k=self.top_k)
        if tuple(r.hit.unit.id for r in answer.results) != turn.unit_ids:
            return None  # the index changed since: do not show a different answer under this id
        return AskResponse.from_answer(answer, conversation_id=conversation_id, ask_id=ask_id)
