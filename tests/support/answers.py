"""Asking the real engine and checking where its answer opens: the first sentences start with
given words, or the lead holds them. A failure quotes what was asked and every sentence the
answer quoted, so a broken reading shows what leads instead (README.md, "Development")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.evaluate.ask import Reply
from service.records import Answer

from .conversing import last_reply


def _shown(asked: str | Sequence[str], texts: Sequence[str], abstained: bool | None) -> str:
    turns = [asked] if isinstance(asked, str) else list(asked)
    lines = [f"asked: {turn!r}" for turn in turns]
    if abstained is not None:
        lines.append("abstained" if abstained else "answered")
    lines += [f"  {n}. {text!r}" for n, text in enumerate(texts, start=1)] or ["  (no sentence quoted)"]
    return "\n".join(lines)


def check_opening(
    asked: str | Sequence[str], texts: Sequence[str], starts: Sequence[str], abstained: bool | None = None
) -> None:
    """The quoted `texts` open with `starts`: the first starts with starts[0], the second with
    starts[1], and so on (later sentences are not read)."""
    for n, start in enumerate(starts):
        if n >= len(texts) or not texts[n].startswith(start):
            raise AssertionError(f"sentence {n + 1} should start with {start!r}\n{_shown(asked, texts, abstained)}")


def check_lead_holds(
    asked: str | Sequence[str], texts: Sequence[str], words: str, abstained: bool | None = None
) -> None:
    """The first of the quoted `texts` holds `words` somewhere."""
    if not texts or words not in texts[0]:
        raise AssertionError(f"the lead should hold {words!r}\n{_shown(asked, texts, abstained)}")


def quoted_texts(answer: Answer) -> list[str]:
    """The sentences `answer` quotes, in order."""
    return [sentence.text for sentence in answer.sentences]


def _answered(answer: Answer) -> None:
    # An abstention quotes no sentence (every path builds it empty), so a check of the opening
    # sentences asks for an answer as well: a test no longer writes `not answer.abstained`.
    if answer.abstained:
        raise AssertionError(f"should be answered\n{_shown(answer.question, quoted_texts(answer), True)}")


def opens_with(answer: Answer, *starts: str) -> None:
    """The engine's `answer` is no abstention and opens with `starts` (`check_opening`)."""
    _answered(answer)
    check_opening(answer.question, quoted_texts(answer), starts, False)


def lead_holds(answer: Answer, words: str) -> None:
    """The engine's `answer` is no abstention and its first sentence holds `words`."""
    _answered(answer)
    check_lead_holds(answer.question, quoted_texts(answer), words, False)


def answer_opening(engine: Any, question: str, *starts: str, **ask: Any) -> Answer:
    """Asks `question` (with `ask`'s arguments) and checks that it is answered, its first
    sentences starting with `starts`, in order; the answer, for what else a test checks of it."""
    answer: Answer = engine.ask(question, **ask)
    opens_with(answer, *starts)
    return answer


def answer_lead_holding(engine: Any, question: str, words: str, **ask: Any) -> Answer:
    """Asks `question` and checks that it is answered, its first sentence holding `words`."""
    answer: Answer = engine.ask(question, **ask)
    lead_holds(answer, words)
    return answer


def reply_lead_holding(engine: Any, turns: Sequence[str], words: str) -> Reply:
    """Asks `turns` as one conversation (tests.support.conversing.last_reply) and checks that
    the last turn is answered, its first sentence holding `words`."""
    reply = last_reply(engine, turns)
    if reply.abstained:
        raise AssertionError(f"the last turn should be answered\n{_shown(turns, reply.answer, True)}")
    check_lead_holds(turns, reply.answer, words, False)
    return reply
