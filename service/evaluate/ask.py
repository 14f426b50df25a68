"""How the evaluation harness reaches the engine: in-process, or over HTTP like a user.

Both askers take questions in file order and carry conversations along: in-process a
conversation keeps its turns in memory (each question and the sentences its answer quoted) and
reads each question as service.chat.reading says, as the service does from its store; over HTTP
the first turn sends conversation_id null and later turns send back the id the service returned.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import httpx
from pydantic import ValidationError

from service.attributions import Attribution
from service.chat import ask_read, quoted_by, reading
from service.errors import CitedError
from service.evaluate.questions import Question
from service.records import FootnoteRef, Mode, Quoted
from service.schemas import AskResponse, AttributionOut, FootnoteRefOut

if TYPE_CHECKING:
    from service.engine import Engine


@dataclass(frozen=True)
class FootnoteLink:
    """A footnote marker of a returned passage: its number and the sentence it closes."""

    number: int
    start: int  # the sentence's span in the result's text
    end: int


@dataclass(frozen=True)
class Returned:
    """A result as the evaluation sees it."""

    unit_id: str
    text: str
    score: float = 0.0  # the calibrated probability that it answers (service.calibration)
    footnote_refs: tuple[FootnoteLink, ...] = ()  # a passage's markers, for source_hit


@dataclass(frozen=True)
class AskedTurn:
    """An earlier turn of a conversation, as the in-process asker remembers it."""

    question: str
    abstained: bool
    quoted: tuple[Quoted, ...] = ()  # the sentences its answer quoted, as the store records them


@dataclass(frozen=True)
class Reply:
    """What one question got back."""

    abstained: bool
    results: tuple[Returned, ...]
    answer: tuple[str, ...] = ()  # the extractive answer's sentences, in order
    answer_footnotes: tuple[tuple[int, ...], ...] = ()  # per answer sentence, the notes it carries
    # Per answer sentence, the words of each source it names in them ("told the BBC").
    answer_attributions: tuple[tuple[str, ...], ...] = ()
    answer_units: tuple[str, ...] = ()  # per answer sentence, the unit it is quoted from
    answer_listed: tuple[tuple[int, ...], ...] = ()  # per answer sentence, its notes of the asked source
    # Per answer sentence, the words of its attributions naming the asked source (no notes).
    answer_listed_attributions: tuple[tuple[str, ...], ...] = ()
    abstain_reason: str | None = None  # why it abstained (service.verdict.ABSTAIN_REASONS)


class Asker(Protocol):
    """Answers questions in file order, carrying conversations along."""

    def ask(self, question: Question) -> Reply: ...

    def corpus(self) -> Sequence[Returned]: ...


class EngineAsker:
    """Asks the Engine in-process; conversations are kept in memory, turn by turn."""

    def __init__(self, engine: Engine, *, mode: Mode, top_k: int) -> None:
        self._engine, self._mode, self._top_k = engine, mode, top_k
        self._turns: dict[tuple[str, str], list[AskedTurn]] = {}

    def ask(self, question: Question) -> Reply:
        """The engine's answer, read as the service would read it."""
        key = question.conversation_key
        turns = self._turns.setdefault(key, []) if key else []
        read = reading(question.question, turns, self._engine.history_turns, self._engine.titled)
        answer = ask_read(self._engine, question.question, read, top_k=self._top_k, mode=self._mode)
        turns.append(AskedTurn(question.question, answer.abstained, quoted_by(answer)))
        results = tuple(
            Returned(r.hit.unit.id, r.hit.unit.text, r.hit.score, _links(r.hit.unit.footnote_refs))
            for r in answer.results
        )
        return _reply(answer.abstained, results, answer.sentences, answer.abstain_reason)

    def corpus(self) -> Sequence[Returned]:
        """Every unit: recall counts all units that contain a gold."""
        return [Returned(unit.id, unit.text) for unit in self._engine.all_units()]


def _links(refs: Sequence[FootnoteRef | FootnoteRefOut]) -> tuple[FootnoteLink, ...]:
    """A passage's footnote markers (in-process records or the API's), as the harness reads them."""
    return tuple(FootnoteLink(ref.number, ref.sentence[0], ref.sentence[1]) for ref in refs)


def _named(attributions: Sequence[Attribution | AttributionOut]) -> tuple[str, ...]:
    """The words of each attribution of a sentence (in-process records or the API's)."""
    return tuple(a.text for a in attributions)


class _Numbered(Protocol):
    @property
    def number(self) -> int: ...


class _Said(Protocol):
    """An answer sentence as either asker gets it: service.records.AnswerSentence in-process,
    service.schemas.AnswerSentenceOut over HTTP."""

    @property
    def text(self) -> str: ...
    @property
    def unit_id(self) -> str: ...
    @property
    def footnotes(self) -> Sequence[int]: ...
    @property
    def attributions(self) -> Sequence[Attribution | AttributionOut]: ...
    @property
    def listed(self) -> Sequence[_Numbered]: ...
    @property
    def listed_attributions(self) -> Sequence[Attribution | AttributionOut]: ...


def _reply(abstained: bool, results: tuple[Returned, ...], said: Sequence[_Said], reason: str | None) -> Reply:
    """What one question got back, its answer's sentences read the same from either asker."""
    return Reply(
        abstained,
        results,
        tuple(s.text for s in said),
        tuple(tuple(s.footnotes) for s in said),
        tuple(_named(s.attributions) for s in said),
        tuple(s.unit_id for s in said),
        tuple(tuple(note.number for note in s.listed) for s in said),
        tuple(_named(s.listed_attributions) for s in said),
        reason,
    )


def _retry_after(response: httpx.Response) -> float:
    """Seconds a 429 asks us to wait (an HTTP-date or nonsense counts as one second)."""
    try:
        return min(max(float(response.headers.get("retry-after", "1")), 0.0), 60.0)
    except ValueError:
        return 1.0


class HttpAsker:
    """Asks a running service (POST /v1/ask); conversations go through conversation_id."""

    def __init__(self, client: httpx.Client, url: str, *, top_k: int, retries: int = 3) -> None:
        self._client, self._endpoint = client, url.rstrip("/") + "/v1/ask"
        self._top_k, self._retries = top_k, retries
        self._ids: dict[tuple[str, str], str] = {}

    def ask(self, question: Question) -> Reply:
        """The service's answer; the first turn of a conversation sends conversation_id null."""
        key = question.conversation_key
        body = {
            "question": question.question,
            "top_k": self._top_k,
            "conversation_id": self._ids.get(key) if key else None,
        }
        response = self._post(body, question)
        try:
            parsed = AskResponse.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise CitedError(
                f"{self._endpoint}: the answer to {question.id} does not follow the contract ({exc})"
            ) from exc
        if key:
            self._ids[key] = parsed.conversation_id
        results = tuple(Returned(r.unit_id, r.text, r.score, _links(r.footnote_refs)) for r in parsed.results)
        return _reply(parsed.abstained, results, parsed.answer, parsed.abstain_reason)

    @property
    def conversation_ids(self) -> dict[tuple[str, str], str]:
        """The service's id of each conversation asked so far, by (file, conversation)."""
        return dict(self._ids)

    def _post(self, body: dict[str, Any], question: Question) -> httpx.Response:
        for attempt in range(self._retries + 1):
            try:
                response = self._client.post(self._endpoint, json=body)
            except httpx.HTTPError as exc:
                raise CitedError(f"{self._endpoint}: cannot ask {question.id} ({exc})") from exc
            if response.status_code != 429 or attempt == self._retries:
                break
            # A rate-limited service says when to come back; waiting keeps the run honest.
            time.sleep(_retry_after(response))
        if response.status_code != 200:
            where = f"{question.id} ({question.file}:{question.line})"
            raise CitedError(f"{self._endpoint} answered {response.status_code} to {where}: {response.text[:200]}")
        return response

    def corpus(self) -> Sequence[Returned]:
        """The service does not list its units: recall uses returned units and "unit_ids"."""
        return ()
