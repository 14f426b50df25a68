"""Question sets for the evaluation harness: loading, validating, and matching gold strings.

A question set is JSON Lines (docs/api.md, "Question sets"):

    {"id": "q17", "question": "...", "gold": ["a substring"], "kind": "footnote"}
    {"id": "c3b", "question": "...", "gold": [], "kind": "chat-followup", "conversation": "c3"}

Optional "unit_ids" lists units known to be relevant; only recall over HTTP uses it. Unknown
fields are errors (a misspelt "conversation" would silently break a conversation), and every
error names file:line and the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from service.errors import BadInput
from service.schemas import Question as QuestionText
from service.text import normalise


def contains_gold(text: str, gold: Iterable[str]) -> bool:
    """True when normalised `text` contains any normalised gold string."""
    haystack = normalise(text)
    return any(normalise(g) in haystack for g in gold)


@dataclass(frozen=True)
class Question:
    """One line of a question set."""

    id: str
    question: str
    gold: tuple[str, ...]
    kind: str
    file: str
    line: int
    conversation: str | None = None  # scoped to its file
    unit_ids: tuple[str, ...] = ()  # known relevant units, for recall over HTTP

    @property
    def answerable(self) -> bool:
        """False when gold is []: the corpus does not answer it."""
        return bool(self.gold)

    @property
    def conversation_key(self) -> tuple[str, str] | None:
        """Conversations are grouped by file and "conversation" value."""
        return None if self.conversation is None else (self.file, self.conversation)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _QuestionLine(BaseModel):
    """The wire form of a question line."""

    model_config = ConfigDict(strict=True, extra="forbid")

    id: Text
    question: QuestionText  # the API's own rule: 1 to 1,000 characters after trimming
    gold: list[Annotated[str, StringConstraints(min_length=1)]]
    kind: Text
    conversation: Text | None = None
    unit_ids: list[Text] = []


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def _parse_line(raw: str, file: str, line: int) -> Question:
    where = f"{file}:{line}"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise BadInput(f"{where}: a line must be a JSON object, not {type(data).__name__}")
    try:
        item = _QuestionLine.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"{where}: {_first_error(exc)}") from exc
    for i, gold in enumerate(item.gold):
        if not normalise(gold):
            raise BadInput(f"{where}: gold.{i} is empty once quotes and markers are removed")
    return Question(
        item.id, item.question, tuple(item.gold), item.kind, file, line, item.conversation, tuple(item.unit_ids)
    )


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the question set ({exc})") from exc


def load_questions(paths: Sequence[Path]) -> list[Question]:
    """Questions of JSON Lines files in file order; BadInput names file:line and the reason.

    Blank lines are skipped; ids must be unique across all the files.
    """
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in paths:
        for number, raw in enumerate(_read_lines(path), start=1):
            if not raw.strip():
                continue
            question = _parse_line(raw, str(path), number)
            where = f"{path}:{number}"
            if question.id in seen:
                raise BadInput(f"{where}: duplicate id {question.id!r} (first at {seen[question.id]})")
            seen[question.id] = where
            questions.append(question)
    if not questions:
        raise BadInput(f"no questions in {', '.join(str(p) for p in paths)}")
    return questions
