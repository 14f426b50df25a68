"""AskResponse -> Slack messages: Block Kit built through `slack_sdk.models.blocks`.

Pure functions, no I/O. Every message is built from slack_sdk's block models (their
validators enforce the documented per-element limits) and then checked against the limits
that only show at the message level (docs/reliability.md, "Library defaults"): at most 50 blocks and well under the
~13k characters of total block text at which Slack was seen to refuse a message. Corpus text
is escaped (`trim.escape`) and marked `verbatim`, so nothing in it links or pings anyone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from service.schemas import AnswerSentenceOut, AskResponse, AttributionOut, FootnoteOut, ResultOut
from service.slack.trim import shorten, split, trim

# Message-level limits (per-element ones are checked by slack_sdk's models).
MAX_BLOCKS = 50
MAX_TOTAL_TEXT = 11_000  # Slack refused ~13k in practice (bolt-js#2509); keep well under
SECTION_MAX = 3000
MODAL_MAX_BLOCKS = 100

# Budgets, in rendered characters, chosen so a full answer stays under MAX_TOTAL_TEXT:
# 320 + 1600 + 3 x 220 (the answer's notes) + 3 x (320 + 1200 + 3 x 300 + 150) + 150 ~= 10,500.
RESULTS_PER_PAGE = 3
QUESTION_BUDGET = 300
ANSWER_BUDGET = 1600
SENTENCE_BUDGET = 600
CITATION_BUDGET = 300
RESULT_BUDGET = 1200
FOOTNOTE_BUDGET = 280
FOOTNOTES_SHOWN = 3
ANSWER_NOTE_BUDGET = 200
ANSWER_NOTES_SHOWN = 3
SAID_BY_BUDGET = 200  # the line naming a sentence's in-text sources, within ANSWER_BUDGET
FALLBACK_BUDGET = 1000


class Action(StrEnum):
    """The action_ids of our buttons, which the listeners answer to (plain strings on the wire)."""

    MORE = "cited_more"
    FULL = "cited_full"
    HELPFUL = "cited_helpful"
    NOT_HELPFUL = "cited_not_helpful"
    SHARE = "cited_share"
    KEEP = "cited_keep"


ABSTAIN_SENTENCE = "I could not find an answer to that in the documents I search."


@dataclass(frozen=True)
class Message:
    """A message ready for chat.postMessage or a response_url: fallback text and blocks."""

    text: str
    blocks: list[dict[str, Any]]


def encode_value(**fields: Any) -> str:
    """A button value: compact JSON (well under the 2,000-character limit for our ids)."""
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


def decode_value(value: str | None) -> dict[str, Any]:
    """Parse a button value written by `encode_value`; {} when it is not ours."""
    try:
        loaded = json.loads(value or "")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _mrkdwn(text: str) -> MarkdownTextObject:
    # verbatim: no auto-linking of names or mentions in corpus text.
    return MarkdownTextObject(text=text, verbatim=True)


def _section(text: str, block_id: str | None = None) -> SectionBlock:
    return SectionBlock(text=_mrkdwn(text), block_id=block_id)


def _button(text: str, action: Action, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=text, action_id=action, value=value, style=style)


def text_length(node: Any) -> int:
    """Total characters of every `text` string in a block tree (what Slack's limit counts)."""
    if isinstance(node, dict):
        return sum(len(v) if k == "text" and isinstance(v, str) else text_length(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(text_length(v) for v in node)
    return 0


def check_limits(blocks: Sequence[dict[str, Any]]) -> None:
    """Raise ValueError when a message breaks a message-level Block Kit limit."""
    if len(blocks) > MAX_BLOCKS:
        raise ValueError(f"{len(blocks)} blocks; Slack allows {MAX_BLOCKS}")
    total = text_length(list(blocks))
    if total >= MAX_TOTAL_TEXT:
        raise ValueError(f"{total} characters of block text; the budget is {MAX_TOTAL_TEXT}")


def _finish(text: str, blocks: Iterable[Block]) -> Message:
    as_dicts = [b.to_dict() for b in blocks]  # to_dict() runs slack_sdk's validators
    check_limits(as_dicts)
    return Message(text=text, blocks=as_dicts)


def _question_block(question: str, label: str = "Question") -> SectionBlock:
    return _section(f"*{label}:* {shorten(question, QUESTION_BUDGET)}", block_id="question")


def _answer_blocks(response: AskResponse) -> list[Block]:
    """The quoted answer sentences, each followed by the numbers of the notes that close it in
    its unit (bold) and the rank of its result (italic), and by a line naming the sources it
    names in its own words; then those notes, listed."""
    results = {r.unit_id: r for r in response.results}
    lines: list[str] = []
    shown: list[AnswerSentenceOut] = []
    used = len("*Answer*")
    for sentence in response.answer:
        line = "> " + shorten(sentence.text, SENTENCE_BUDGET) + "".join(f" *[{n}]*" for n in sentence.footnotes)
        if sentence.unit_id in results:
            line += f" _[{results[sentence.unit_id].rank}]_"
        named = [a for a in sentence.attributions if a.identified]
        if named:
            line += "\n" + said_by(named)
        if used + len(line) + 1 > ANSWER_BUDGET:
            break  # the remaining sentences are in the results below
        lines.append(line)
        shown.append(sentence)
        used += len(line) + 1
    if not lines:
        return []
    blocks: list[Block] = [_section("*Answer*\n" + "\n".join(lines), block_id="answer")]
    notes = _answer_notes_block(_answer_notes(shown, results))
    if notes is not None:
        blocks.append(notes)
    return blocks


def said_by(attributions: Sequence[AttributionOut]) -> str:
    """The line naming whom a sentence quotes, `— Suhail Shaheen, BBC (interview)`: built from
    the parsed fields only (speaker and outlet as the text writes them, the date) and the kind's
    fixed label; the attribution's own words when it names neither. Escaped, within SAID_BY_BUDGET."""
    names = []
    for attribution in attributions:
        source = attribution.source
        who = ", ".join(field for field in (source.author, source.outlet) if field) or attribution.text
        names.append(f"{who} ({', '.join(f for f in (source.kind, source.date) if f)})")
    return "— " + shorten("; ".join(names), SAID_BY_BUDGET - 2)


def _answer_notes(sentences: list[AnswerSentenceOut], results: dict[str, ResultOut]) -> list[tuple[FootnoteOut, int]]:
    """The notes the quoted sentences carry, once each in order, with their result's rank (a
    note's text comes from the result quoting it; a sentence of no listed result shows numbers only)."""
    notes: list[tuple[FootnoteOut, int]] = []
    for sentence in sentences:
        result = results.get(sentence.unit_id)
        if result is None:
            continue
        by_number = {note.number: note for note in result.footnotes}
        for number in sentence.footnotes:
            note = by_number.get(number)
            if note is not None and all(note != seen for seen, _ in notes):
                notes.append((note, result.rank))
    return notes


def _answer_notes_block(notes: list[tuple[FootnoteOut, int]]) -> ContextBlock | None:
    """Up to ANSWER_NOTES_SHOWN notes, each trimmed; the result's rank follows a note only when
    another listed note, from another document, has the same number."""
    if not notes:
        return None
    numbers = [note.number for note, _ in notes]
    elements: list[MarkdownTextObject] = []
    for note, rank in notes[:ANSWER_NOTES_SHOWN]:
        body, _ = trim(note.text, ANSWER_NOTE_BUDGET - 10)
        where = f" _[{rank}]_" if numbers.count(note.number) > 1 else ""
        elements.append(_mrkdwn(f"*[{note.number}]* {body}{where}"))
    if len(notes) > ANSWER_NOTES_SHOWN:
        more = len(notes) - ANSWER_NOTES_SHOWN
        elements.append(_mrkdwn(f"_and {more} more note{'s' if more > 1 else ''} in the results below_"))
    return ContextBlock(elements=elements, block_id="answer-notes")


def _footnotes_block(result: ResultOut) -> tuple[ContextBlock | None, bool]:
    """Up to FOOTNOTES_SHOWN cited footnotes; True when some were trimmed or left out."""
    if not result.footnotes:
        return None, False
    elements: list[MarkdownTextObject] = []
    cut = len(result.footnotes) > FOOTNOTES_SHOWN
    for note in result.footnotes[:FOOTNOTES_SHOWN]:
        body, trimmed = trim(note.text, FOOTNOTE_BUDGET - 10)
        cut = cut or trimmed
        elements.append(_mrkdwn(f"*[{note.number}]* {body}"))
    if len(result.footnotes) > FOOTNOTES_SHOWN:
        more = len(result.footnotes) - FOOTNOTES_SHOWN
        elements.append(_mrkdwn(f"_and {more} more footnote{'s' if more > 1 else ''}_"))
    return ContextBlock(elements=elements, block_id=f"r{result.rank}-notes"), cut


def _result_blocks(response: AskResponse, result: ResultOut) -> list[Block]:
    """A result: citation and text (highlights bold), its footnotes, and its buttons."""
    header = f"*{result.rank}.* {shorten(result.citation, CITATION_BUDGET)}"
    body, trimmed = trim(result.text, min(RESULT_BUDGET, SECTION_MAX - len(header) - 1), result.highlights)
    blocks: list[Block] = [_section(f"{header}\n{body}", block_id=f"r{result.rank}")]
    notes, notes_cut = _footnotes_block(result)
    if notes is not None:
        blocks.append(notes)
    ids = {"c": response.conversation_id, "a": response.ask_id, "u": result.unit_id}
    buttons = []
    if trimmed or notes_cut:
        buttons.append(_button("Full text", Action.FULL, encode_value(**ids)))
    buttons += [
        _button("Helpful", Action.HELPFUL, encode_value(**ids)),
        _button("Not helpful", Action.NOT_HELPFUL, encode_value(**ids)),
    ]
    blocks.append(ActionsBlock(elements=buttons, block_id=f"r{result.rank}-act"))
    return blocks


def _fallback(response: AskResponse) -> str:
    sentences = " ".join(s.text for s in response.answer)
    return shorten(f"{response.question} - {sentences}" if sentences else response.question, FALLBACK_BUDGET)


def render_answer(response: AskResponse, *, private: bool = False) -> Message:
    """An answer: question, extractive sentences, the top results, more and feedback buttons.

    `private` adds "Share in channel" / "Keep to myself" (a slash command's first, ephemeral
    answer). An abstention is a plain sentence and shows no passages.
    """
    if response.abstained or not response.results:
        return render_abstention(response.question)
    blocks: list[Block] = [_question_block(response.question)]
    blocks += _answer_blocks(response)
    blocks.append(DividerBlock())
    for result in response.results[:RESULTS_PER_PAGE]:
        blocks += _result_blocks(response, result)
    blocks += _footer(response, RESULTS_PER_PAGE, private)
    return _finish(_fallback(response), blocks)


def _footer(response: AskResponse, shown_until: int, private: bool) -> list[Block]:
    buttons = []
    if len(response.results) > shown_until:
        value = encode_value(c=response.conversation_id, a=response.ask_id, o=shown_until)
        buttons.append(_button("Show more results", Action.MORE, value))
    if private:
        value = encode_value(c=response.conversation_id, a=response.ask_id)
        buttons.append(_button("Share in channel", Action.SHARE, value, style="primary"))
        buttons.append(_button("Keep to myself", Action.KEEP, value))
    return [ActionsBlock(elements=buttons, block_id="footer")] if buttons else []


def render_more(response: AskResponse, offset: int) -> Message:
    """The next page of results after the first `offset` ones."""
    page = response.results[offset : offset + RESULTS_PER_PAGE]
    if not page:
        return render_notice("There are no more results for that question.")
    blocks: list[Block] = [_question_block(response.question, label="More results for")]
    for result in page:
        blocks += _result_blocks(response, result)
    blocks += _footer(response, offset + len(page), private=False)
    return _finish(shorten(f"More results for: {response.question}", FALLBACK_BUDGET), blocks)


def render_abstention(question: str) -> Message:
    """The corpus does not answer: say so plainly, with no passages."""
    blocks = [_question_block(question), _section(ABSTAIN_SENTENCE, block_id="abstained")]
    return _finish(ABSTAIN_SENTENCE, blocks)


def render_notice(sentence: str) -> Message:
    """One plain sentence (usage hints, errors, thanks)."""
    text = shorten(sentence, SECTION_MAX)
    return _finish(text, [_section(text, block_id="notice")])


def render_full_text(result: ResultOut) -> dict[str, Any]:
    """A modal with a unit's whole text and every footnote it cites (views.open payload)."""
    blocks: list[Block] = [_section(f"*{shorten(result.citation, SECTION_MAX - 10)}*")]
    blocks += [_section(piece) for piece in split(result.text, SECTION_MAX)]
    notes: list[Block] = []
    for note in result.footnotes:
        pieces = split(note.text, SECTION_MAX - 12)
        notes += [_section(f"*[{note.number}]* {pieces[0]}")] + [_section(p) for p in pieces[1:]]
    if notes:
        blocks += [DividerBlock(), *notes]
    if len(blocks) > MODAL_MAX_BLOCKS:
        left = len(blocks) - (MODAL_MAX_BLOCKS - 1)
        blocks = blocks[: MODAL_MAX_BLOCKS - 1]
        blocks.append(ContextBlock(elements=[_mrkdwn(f"_{left} more blocks not shown_")]))
    view = View(type="modal", title="Full text", close="Close", blocks=blocks)
    return view.to_dict()
