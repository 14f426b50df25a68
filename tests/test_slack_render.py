"""Rendering answers as Block Kit (docs/reliability.md, "Slack") and trimming text.

Every message is parsed back through slack_sdk's block models (whose validators enforce the
per-element limits) and checked against the message-level ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from service.schemas import AskResponse, AttributionOut, DocumentOut, FootnoteOut, ResultOut, SourceOut
from service.slack.render import (
    ABSTAIN_SENTENCE,
    MAX_BLOCKS,
    SAID_BY_BUDGET,
    Action,
    Message,
    check_limits,
    decode_value,
    render_answer,
    render_full_text,
    render_more,
    text_length,
)
from service.slack.trim import ELLIPSIS, emphasise, escape, plain_question, split, trim

REPO = Path(__file__).resolve().parent.parent
QUESTION_SETS = sorted((REPO / "corpus" / "questions").glob("*.jsonl"))
DOCUMENT = DocumentOut(id="doc", title="A Report", publisher="Publisher", author=None, date="2021-06-30", url=None)


def _result(
    rank: int, text: str, *, highlights: list[tuple[int, int]] | None = None, footnotes: list[FootnoteOut] | None = None
) -> ResultOut:
    return ResultOut(
        rank=rank,
        unit_id=f"doc:p:{rank}",
        kind="passage",
        score=1.0 / rank,
        text=text,
        highlights=highlights or [],
        document=DOCUMENT,
        section="I. Somewhere",
        footnote_number=None,
        footnotes=footnotes or [],
        citation=f'Publisher, "A Report", 30 June 2021, §I (result {rank})',
    )


def _response(
    results: list[ResultOut], answer: list[dict[str, Any]] | None = None, question: str = "What happened?"
) -> AskResponse:
    return AskResponse(
        question=question,
        conversation_id="c" * 32,
        ask_id="a" * 32,
        abstained=False,
        answer=answer or [],
        results=results,
    )


def _all_strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _all_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _all_strings(v)]
    return [node] if isinstance(node, str) else []


def assert_valid(message: Message) -> None:
    """Block Kit limits, checked by slack_sdk's models and by hand (case 23)."""
    assert message.text.strip(), "a fallback text is required"
    assert len(message.text) <= 40_000
    assert 0 < len(message.blocks) <= MAX_BLOCKS
    for block in message.blocks:
        assert Block.parse(block).to_dict() == block  # to_dict() runs every validator
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["value"]) <= 2000
                assert len(element["text"]["text"]) <= 75
    assert text_length(message.blocks) < 12_000
    check_limits(message.blocks)


def _ten_thousand_character_passage() -> str:
    sentence = (
        "The delegation met again in Doha, where the talks stalled over the sequencing "
        "of a ceasefire and the release of prisoners held by both sides. "
    )
    return (sentence * (10_000 // len(sentence) + 1))[:10_000].rsplit(" ", 1)[0] + "."


def test_ten_thousand_character_passage_stays_within_limits() -> None:
    """Case 23: sections <= 3000, <= 50 blocks, total block text < 12k, button values, text."""
    text = _ten_thousand_character_passage()
    notes = [FootnoteOut(number=n, text=("Footnote source text. " * 120).strip()) for n in range(1, 30)]
    results = [_result(r, text, highlights=[(0, 4000), (6000, 9999)], footnotes=notes) for r in range(1, 21)]
    answer = [{"text": text, "unit_id": f"doc:p:{r}", "footnotes": list(range(1, 30))} for r in range(1, 6)]
    response = _response(results, answer, question="Q" * 1000)
    for message in (
        render_answer(response),
        render_answer(response, private=True),
        render_more(response, 3),
        render_more(response, 18),
    ):
        assert_valid(message)
    full = render_full_text(results[0])
    View(**full).to_dict()  # the modal's own validators (<= 100 blocks, title length)
    assert all(len(b["text"]["text"]) <= 3000 for b in full["blocks"] if b["type"] == "section")


def test_long_text_is_trimmed_at_a_sentence_and_offers_the_full_text() -> None:
    text = _ten_thousand_character_passage()
    message = render_answer(_response([_result(1, text)]))
    section = next(b for b in message.blocks if b.get("block_id") == "r1")
    body = section["text"]["text"].split("\n", 1)[1]
    assert body.endswith("sides." + ELLIPSIS)  # a whole sentence, then the ellipsis
    actions = next(b for b in message.blocks if b.get("block_id") == "r1-act")
    assert Action.FULL in [e["action_id"] for e in actions["elements"]]


def test_short_text_is_whole_and_has_no_full_text_button() -> None:
    message = render_answer(_response([_result(1, "One short passage. Two sentences.")]))
    actions = next(b for b in message.blocks if b.get("block_id") == "r1-act")
    ids = [e["action_id"] for e in actions["elements"]]
    assert ids == [Action.HELPFUL, Action.NOT_HELPFUL]
    assert "Two sentences." in json.dumps(message.blocks)


def test_mentions_and_markup_in_corpus_text_are_escaped() -> None:
    """Case 24: `<!channel>`, `<@U1>`, `&<>` arrive escaped; nothing can ping anyone."""
    hostile = "Tell <!channel> and <!here> and <@U1> and <#C1|general> that 1 < 2 & 3 > 2."
    notes = [FootnoteOut(number=7, text=hostile)]
    response = _response(
        [_result(1, hostile, highlights=[(0, 20)], footnotes=notes)],
        [{"text": hostile, "unit_id": "doc:p:1", "footnotes": [7]}],
        question=hostile,
    )
    for message in (render_answer(response, private=True), render_more(response, 0)):
        strings = _all_strings(message.blocks) + [message.text]
        for s in strings:
            assert not re.search(r"<[!@#]", s), s
        shown = json.dumps(message.blocks)
        assert "&lt;!channel&gt;" in shown and "&lt;@U1&gt;" in shown and "&amp;" in shown
        assert all(b["text"].get("verbatim") for b in message.blocks if b["type"] == "section")
    full = json.dumps(render_full_text(response.results[0]))
    assert "<!channel>" not in full and "&lt;!channel&gt;" in full


def test_abstention_is_a_plain_sentence_without_passages() -> None:
    response = _response([_result(1, "A passage that should not be shown.")])
    response = response.model_copy(update={"abstained": True})
    message = render_answer(response)
    assert message.text == ABSTAIN_SENTENCE
    assert "should not be shown" not in json.dumps(message.blocks)
    assert [b["block_id"] for b in message.blocks] == ["question", "abstained"]


def test_buttons_carry_what_their_listeners_need() -> None:
    results = [_result(r, f"Passage number {r}.") for r in range(1, 6)]
    message = render_answer(_response(results), private=True)
    footer = next(b for b in message.blocks if b.get("block_id") == "footer")
    by_action = {e["action_id"]: decode_value(e["value"]) for e in footer["elements"]}
    assert set(by_action) == {Action.MORE, Action.SHARE, Action.KEEP}
    assert by_action[Action.MORE] == {"c": "c" * 32, "a": "a" * 32, "o": 3}
    page = render_more(_response(results), 3)
    assert [b["block_id"] for b in page.blocks if b["type"] == "section"][1:] == ["r4", "r5"]
    assert not any(b.get("block_id") == "footer" for b in page.blocks)  # nothing further


def test_answer_sentences_point_at_their_result() -> None:
    results = [_result(1, "Alpha happened. Beta followed."), _result(2, "Gamma too.")]
    response = _response(results, [{"text": "Gamma too.", "unit_id": "doc:p:2"}])
    answer = next(b for b in render_answer(response).blocks if b.get("block_id") == "answer")
    assert answer["text"]["text"] == "*Answer*\n> Gamma too. _[2]_"


def test_answer_sentences_show_their_notes_listed_below() -> None:
    notes = [FootnoteOut(number=12, text="Crisis Group interview, Kabul, May 2021.", unit_id="doc:fn:12")]
    results = [_result(1, "Alpha happened. Beta followed."), _result(2, "Gamma too.", footnotes=notes)]
    response = _response(results, [{"text": "Gamma too.", "unit_id": "doc:p:2", "footnotes": [12]}])
    blocks = render_answer(response).blocks
    answer = next(b for b in blocks if b.get("block_id") == "answer")
    assert answer["text"]["text"] == "*Answer*\n> Gamma too. *[12]* _[2]_"
    listed = next(b for b in blocks if b.get("block_id") == "answer-notes")
    assert [e["text"] for e in listed["elements"]] == ["*[12]* Crisis Group interview, Kabul, May 2021."]
    assert [b.get("block_id") for b in blocks][:3] == ["question", "answer", "answer-notes"]


def test_answer_notes_are_trimmed_counted_and_told_apart() -> None:
    """Long notes are cut at the budget; past three, the rest are counted; two notes with one
    number from two documents each name their result."""
    long = "Anwar Iqbal, a very long source description that goes on. " * 20
    own = [FootnoteOut(number=n, text=f"{long} Note {n}.", unit_id=f"doc:fn:{n}") for n in (3, 4, 5)]
    other = [FootnoteOut(number=3, text="Another document's note three.", unit_id="other:fn:3")]
    results = [_result(1, "First claim.", footnotes=own), _result(2, "Second claim.", footnotes=other)]
    answer = [
        {"text": "First claim.", "unit_id": "doc:p:1", "footnotes": [3, 4, 5]},
        {"text": "Second claim.", "unit_id": "doc:p:2", "footnotes": [3]},
    ]
    message = render_answer(_response(results, answer))
    assert_valid(message)
    listed = [e["text"] for e in next(b for b in message.blocks if b.get("block_id") == "answer-notes")["elements"]]
    assert listed[0].startswith("*[3]* Anwar Iqbal") and listed[0].endswith("_[1]_")
    assert all(len(text) <= 200 + len(" _[1]_") for text in listed[:3])
    assert ELLIPSIS in listed[0]
    assert listed[1].startswith("*[4]* ") and not listed[1].endswith("_")
    assert listed[3] == "_and 1 more note in the results below_"


def test_an_answer_without_notes_lists_none() -> None:
    results = [_result(1, "Alpha happened.", footnotes=[FootnoteOut(number=1, text="A note.")])]
    message = render_answer(_response(results, [{"text": "Alpha happened.", "unit_id": "doc:p:1"}]))
    assert not any(b.get("block_id") == "answer-notes" for b in message.blocks)
    answer = next(b for b in message.blocks if b.get("block_id") == "answer")
    assert answer["text"]["text"] == "*Answer*\n> Alpha happened. _[1]_"


def _attribution(text: str, sentence: str, *, identified: bool = True, **source: Any) -> AttributionOut:
    start = sentence.index(text)
    return AttributionOut(
        text=text,
        span=(start, start + len(text)),
        sentence=(0, len(sentence)),
        source=SourceOut(**source),
        identified=identified,
    )


def test_answer_sentences_name_the_sources_they_quote() -> None:
    """A sentence naming its source in its own words is followed by a line built from the parsed
    fields (speaker, outlet, date) and the kind's label; one naming neither shows its words."""
    told = "Taliban spokesperson Suhail Shaheen told the BBC the group would speak up for Muslims."
    data = "According to TTP data, attacks rose."
    plain = "Gamma too."
    vague = "They also complained that it was late."
    results = [_result(1, told), _result(2, data + " " + plain + " " + vague)]
    answer = [
        {
            "text": told,
            "unit_id": "doc:p:1",
            "attributions": [
                _attribution(
                    "Taliban spokesperson Suhail Shaheen told the BBC",
                    told,
                    kind="interview",
                    author="Taliban spokesperson Suhail Shaheen",
                    outlet="BBC",
                )
            ],
        },
        {
            "text": data,
            "unit_id": "doc:p:2",
            "attributions": [_attribution("According to TTP data", data, kind="report", date="2021")],
        },
        {"text": plain, "unit_id": "doc:p:2"},
        {
            "text": vague,
            "unit_id": "doc:p:2",
            "attributions": [
                _attribution("They also complained", vague, identified=False, kind="other", author="They")
            ],
        },
    ]
    message = render_answer(_response(results, answer))
    assert_valid(message)
    lines = next(b for b in message.blocks if b.get("block_id") == "answer")["text"]["text"].split("\n")
    assert lines == [
        "*Answer*",
        f"> {told} _[1]_",
        "— Taliban spokesperson Suhail Shaheen, BBC (interview)",
        f"> {data} _[2]_",
        "— According to TTP data (report, 2021)",
        f"> {plain} _[2]_",
        f"> {vague} _[2]_",  # names nobody a reader could check: no line
    ]


def test_named_sources_are_escaped_and_kept_short() -> None:
    sentence = "Tell <!channel> that <@U1> told the Daily & Weekly Gazette it was so."
    many = [
        _attribution("<@U1> told the Daily & Weekly Gazette", sentence, kind="interview", author="<@U1>", outlet=o)
        for o in ["Daily & Weekly Gazette " * 4] * 5
    ]
    answer = [{"text": sentence, "unit_id": "doc:p:1", "attributions": many}]
    message = render_answer(_response([_result(1, sentence)], answer))
    assert_valid(message)
    line = next(b for b in message.blocks if b.get("block_id") == "answer")["text"]["text"].split("\n")[-1]
    assert line.startswith("— &lt;@U1&gt;, Daily &amp; Weekly") and not re.search(r"<[!@#]", line)
    assert len(line) <= SAID_BY_BUDGET and line.endswith(ELLIPSIS)


@pytest.mark.parametrize(
    "slack_text, plain",
    [
        ("<@U0BOT> Why  does\nPakistan?", "Why does Pakistan?"),
        ("<@U0BOT|cited> is 1 &lt; 2 &amp;&amp; 3 &gt; 2?", "is 1 < 2 && 3 > 2?"),
        (
            "see <https://example.org/a|the report> and <https://example.org/b>",
            "see the report and https://example.org/b",
        ),
        ("in <#C0123|general> or <#C0456>, <!here> <!subteam^S01|@team>", "in general or , @team"),
        ("typed &lt;!channel&gt; literally", "typed <!channel> literally"),
    ],
)
def test_plain_question_reads_slack_markup(slack_text: str, plain: str) -> None:
    assert plain_question(slack_text) == plain


# -- trimming ----------------------------------------------------------------------------------


def test_highlights_are_bold_per_line_with_spaces_outside() -> None:
    assert emphasise("Before. Bold one\nand two. After.", [(8, 25)]) == ("Before. *Bold one*\n*and two.* After.")


def test_a_single_long_sentence_is_cut_at_a_word_boundary() -> None:
    text = "word " * 200 + "end."
    rendered, trimmed = trim(text, 103)
    assert trimmed and rendered.endswith("word" + ELLIPSIS) and len(rendered) <= 103


def test_escaping_counts_towards_the_limit() -> None:
    text = "<<<< &&&& >>>> " * 100
    rendered, trimmed = trim(text, 200)
    assert trimmed and len(rendered) <= 200 and "<" not in rendered


def test_split_keeps_every_word() -> None:
    text = _ten_thousand_character_passage()
    pieces = split(text, 2900)
    assert all(len(p) <= 2900 for p in pieces)
    assert " ".join(pieces) == escape(text)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab<&. \n", min_size=1, max_size=12), min_size=1, max_size=80),
    limit=st.integers(min_value=20, max_value=300),
)
def test_trim_never_exceeds_the_limit_or_cuts_a_word(words: list[str], limit: int) -> None:
    text = " ".join(words)
    rendered, trimmed = trim(text, limit)
    assert len(rendered) <= limit
    if not trimmed:
        assert rendered == escape(text.rstrip())
        return
    head = rendered[: -len(ELLIPSIS)].replace("&lt;", "<").replace("&gt;", ">")
    head = head.replace("&amp;", "&")
    text = text.lstrip()  # a trimmed text does not spend room on leading whitespace
    assert text.startswith(head)
    longest_word = max(len(escape(w)) for w in text.split())
    if longest_word < limit - len(ELLIPSIS):  # only a word longer than the limit is cut
        assert text[len(head)].isspace()


def test_trim_drops_leading_whitespace_rather_than_cut_the_first_word() -> None:
    # Found by the property above: five characters of indentation pushed a first word that
    # fits the limit over it, and the word was cut inside.
    text = "\n    <a.aa&< .  ..<.<\n< b < b < \n& a.<<b.<"
    rendered, trimmed = trim(text, 23, highlights=[(5, 12)])
    assert trimmed and len(rendered) <= 23
    assert rendered == "*&lt;a.aa&amp;&lt;* ." + ELLIPSIS


# -- every evaluation question -----------------------------------------------------------------


def _questions() -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for path in QUESTION_SETS:
        lines += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return lines


def test_question_sets_are_present() -> None:
    assert len(_questions()) >= 100


@pytest.mark.slow
@pytest.mark.timeout(1800)  # asks every question of both sets, which grow each session
def test_every_evaluation_answer_renders_within_limits(engine: Any) -> None:
    """All questions of corpus/questions/*.jsonl through the real engine (the bot's top_k),
    follow-ups with their conversation's history, rendered every way and validated."""
    history: dict[str, list[str]] = {}
    rendered = 0
    for line in _questions():
        earlier = history.setdefault(line.get("conversation") or line["id"], [])
        answer = engine.ask(line["question"], top_k=5, history=list(earlier))
        earlier.append(line["question"])
        response = AskResponse.from_answer(answer, conversation_id="c" * 32, ask_id="a" * 32)
        assert_valid(render_answer(response))
        assert_valid(render_answer(response, private=True))
        for offset in range(3, len(response.results), 3):
            assert_valid(render_more(response, offset))
        for result in response.results:
            View(**render_full_text(result)).to_dict()
        rendered += 1
    assert rendered == len(_questions())
