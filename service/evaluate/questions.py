"""Question sets for the evaluation harness: loading, validating, and matching gold strings.

A question set is JSON Lines (docs/api.md, "Question sets"):

    {"id": "q17", "question": "...", "gold": ["a substring"], "kind": "footnote"}
    {"id": "c3b", "question": "...", "gold": [], "kind": "chat-followup", "conversation": "c3"}

Optional "unit_ids" lists units known to be relevant; only recall over HTTP uses it. A
source-of-a-claim question (kind "claim-source") also names the claim: "claim" (the claim's
sentence, verbatim), "document" (its document id), "footnotes" (the footnote numbers its marker
cites; [] when the text names the source itself) and "source" (what the footnote or the text
names); source_hit scores it (service.evaluate). A list question (kind "source-list") names
"document" and "listed", the footnote numbers its answer should list, and for a document
without notes "attributed", the words of the attributions it should list; list_precision and
list_recall score it. Optional "all_of" (an answerable question's) lists strings that must EACH
be in some sentence of the answer, not just one of them (both sides of a comparison, "Which came
first, A or B?"); all_quoted scores it. Unknown fields are errors (a misspelt
"conversation" would silently break a conversation), and every error names file:line and the
reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from service.errors import BadInput
from service.schemas import Question as QuestionText
from service.text import normalise


def contains_gold(text: str, gold: Iterable[str]) -> bool:
    """True when normalised `text` contains any normalised gold string."""
    haystack = normalise(text)
    return any(normalise(g) in haystack for g in gold)


@dataclass(frozen=True)
class Claim:
    """The claim a source question asks about: its sentence, document, footnotes and source."""

    sentence: str  # verbatim, as the unit's text has it (markers removed)
    document: str
    footnotes: tuple[int, ...]  # () when the sentence names its source in the text
    source: str | None = None  # the source the footnote (or the sentence) names, verbatim


@dataclass(frozen=True)
class Listed:
    """What a list question ("Which claims rest on interviews?") should list: the numbers of
    the footnotes, in one document, that name a source of the asked kind or outlet."""

    document: str
    footnotes: tuple[int, ...]  # (), with no attributions, when the corpus holds none: the answer abstains
    # The words of the in-text attributions naming such a source, verbatim ("… told the BBC"):
    # the claims of a document without notes.
    attributions: tuple[str, ...] = ()

    @property
    def expected(self) -> bool:
        """Whether there is anything to list (else the answer must abstain)."""
        return bool(self.footnotes or self.attributions)


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
    claim: Claim | None = None  # what a source-of-a-claim question asks about
    listed: Listed | None = None  # what a list question should list
    all_of: tuple[str, ...] = ()  # strings each of which some answer sentence must hold (all_quoted)

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
    claim: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None
    document: Text | None = None
    footnotes: list[Annotated[int, Field(ge=1)]] | None = None
    source: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None
    listed: list[Annotated[int, Field(ge=1)]] | None = None
    attributed: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] | None = None
    all_of: list[Annotated[str, StringConstraints(min_length=1)]] | None = None

    @model_validator(mode="after")
    def _claim_fields_together(self) -> _QuestionLine:
        """A claim names its document and footnotes; those fields mean nothing without one. A
        list names its document too, and is not a claim."""
        if self.claim is not None and (self.document is None or self.footnotes is None):
            raise ValueError('"claim" needs "document" and "footnotes" ([] when the text names the source)')
        if self.claim is not None and self.listed is not None:
            raise ValueError('"claim" and "listed" are two kinds of question; a line has one of them')
        if self.listed is not None and self.document is None:
            raise ValueError('"listed" needs "document", the document whose footnotes it numbers')
        if self.attributed is not None and self.listed is None:
            raise ValueError('"attributed" belongs to a list question, which "listed" makes ([] when no note)')
        if self.listed is not None and bool(self.listed or self.attributed) != bool(self.gold):
            raise ValueError('"listed" is [] exactly when "gold" is [] (with "attributed": both are; nothing to list)')
        if self.claim is None and (self.footnotes, self.source) != (None, None):
            raise ValueError('"footnotes" and "source" describe a "claim", which is missing')
        if self.claim is None and self.listed is None and self.document is not None:
            raise ValueError('"document" describes a "claim" or a "listed", and neither is given')
        if self.all_of is not None and not (self.all_of and self.gold):
            raise ValueError('"all_of" lists what an answer must quote: not [], and only with a "gold"')
        return self

    def claim_record(self) -> Claim | None:
        if self.claim is None or self.document is None or self.footnotes is None:
            return None
        return Claim(self.claim, self.document, tuple(self.footnotes), self.source)

    def listed_record(self) -> Listed | None:
        if self.listed is None or self.document is None:
            return None
        return Listed(self.document, tuple(self.listed), tuple(self.attributed or ()))


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
    for field, strings in (("gold", item.gold), ("all_of", item.all_of or [])):
        for i, gold in enumerate(strings):
            if not normalise(gold):
                raise BadInput(f"{where}: {field}.{i} is empty once quotes and markers are removed")
    return Question(
        item.id,
        item.question,
        tuple(item.gold),
        item.kind,
        file,
        line,
        item.conversation,
        tuple(item.unit_ids),
        item.claim_record(),
        item.listed_record(),
        tuple(item.all_of or ()),
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
