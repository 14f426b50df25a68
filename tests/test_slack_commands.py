"""The /ask command and the buttons: private first answer, share / keep, more results, full
text, feedback into the shared store."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from service.settings import Settings
from service.slack.answers import EXPIRED
from service.slack.render import Action, encode_value
from tests.slack_stub import Recorded
from tests.support.slack_server import (
    SLACK_ACK_SECONDS,
    DelegatingEngine,
    SlackHarness,
    action_form,
    command_form,
    running_slack,
    sign,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def slack(engine: Any, make_settings: Callable[..., Settings]) -> Iterator[SlackHarness]:
    with running_slack(make_settings, engine) as harness:
        yield harness


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, list[str]]:
    """action_id -> the values of its buttons, in message order."""
    found: dict[str, list[str]] = {}
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button":
                found.setdefault(element["action_id"], []).append(element["value"])
    return found


def _ask(slack: SlackHarness, question: str = QUESTION) -> Recorded:
    started = time.monotonic()
    response = slack.send_command(question, slack.stub.response_url("ask"))
    assert response.status_code == 200
    assert time.monotonic() - started < SLACK_ACK_SECONDS  # acknowledged, the answer follows
    (answer,) = slack.stub.assert_received("response/ask", 1)
    return answer


def test_command_answers_privately_with_share_and_keep(slack: SlackHarness) -> None:
    answer = _ask(slack)
    assert answer.body["response_type"] == "ephemeral"
    buttons = _buttons(answer.blocks)
    assert {Action.SHARE, Action.KEEP, Action.MORE, Action.HELPFUL} <= set(buttons)
    assert "International Crisis Group" in json.dumps(answer.blocks)
    assert slack.stub.received("chat.postMessage") == []  # nothing public yet


def test_share_posts_in_channel_and_removes_the_private_copy(slack: SlackHarness) -> None:
    answer = _ask(slack)
    share = _buttons(answer.blocks)[Action.SHARE][0]
    assert slack.click(Action.SHARE, share, slack.stub.response_url("share")).status_code == 200
    posted, deleted = slack.stub.assert_received("response/share", 2)
    assert posted.body["response_type"] == "in_channel"
    assert Action.SHARE not in _buttons(posted.blocks)
    assert [b["block_id"] for b in posted.blocks if b["type"] == "section"][:2] == ["question", "answer"]
    assert deleted.body.get("delete_original") is True


def test_keep_to_myself_replaces_the_answer_without_share_buttons(slack: SlackHarness) -> None:
    answer = _ask(slack)
    keep = _buttons(answer.blocks)[Action.KEEP][0]
    slack.click(Action.KEEP, keep, slack.stub.response_url("keep"))
    (kept,) = slack.stub.assert_received("response/keep", 1)
    assert kept.body["replace_original"] is True
    assert kept.body["response_type"] == "ephemeral"
    assert not {Action.SHARE, Action.KEEP} & set(_buttons(kept.blocks))


def test_show_more_gives_the_next_results(slack: SlackHarness) -> None:
    answer = _ask(slack)
    more = _buttons(answer.blocks)[Action.MORE][0]
    slack.click(Action.MORE, more, slack.stub.response_url("more"))
    (page,) = slack.stub.assert_received("response/more", 1)
    ranks = [b["block_id"] for b in page.blocks if b["type"] == "section"][1:]
    assert ranks and ranks[0] == "r4"


def test_full_text_opens_a_modal(slack: SlackHarness) -> None:
    answer = _ask(slack)
    helpful = json.loads(_buttons(answer.blocks)[Action.HELPFUL][0])
    value = encode_value(c=helpful["c"], a=helpful["a"], u=helpful["u"])
    slack.click(Action.FULL, value, slack.stub.response_url("full"))
    (opened,) = slack.stub.assert_received("views.open", 1)
    assert opened.body["trigger_id"].startswith("1337.42.")
    assert opened.body["view"]["type"] == "modal"


@pytest.mark.parametrize("action, helpful", [(Action.HELPFUL, True), (Action.NOT_HELPFUL, False)])
def test_feedback_is_recorded_in_the_shared_store(slack: SlackHarness, action: str, helpful: bool) -> None:
    answer = _ask(slack)
    value = _buttons(answer.blocks)[action][1]  # the second result's button
    slack.click(action, value, slack.stub.response_url("fb"))
    (thanks,) = slack.stub.assert_received("response/fb", 1)
    assert thanks.body["text"].startswith("Thanks")
    ids = json.loads(value)
    assert slack.store.feedback(ids["a"]) == [(ids["u"], helpful, None, "slack")]


def test_buttons_survive_a_restart_by_replaying_the_turn(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """A second bot process (empty cache) finds the answer again from the store."""
    with running_slack(make_settings, engine) as first:
        answer = _ask(first)
        more = _buttons(answer.blocks)[Action.MORE][0]
    with running_slack(make_settings, engine) as second:
        second.click(Action.MORE, more, second.stub.response_url("more"))
        (page,) = second.stub.assert_received("response/more", 1)
        assert page.body["text"].startswith("More results for")


def test_unknown_ids_say_the_answer_is_gone(slack: SlackHarness) -> None:
    value = encode_value(c="0" * 32, a="1" * 32, o=3)
    slack.click(Action.MORE, value, slack.stub.response_url("gone"))
    slack.click(Action.HELPFUL, encode_value(c="0" * 32, a="1" * 32, u="x"), slack.stub.response_url("gone"))
    replies = slack.stub.assert_received("response/gone", 2)
    assert [r.body["text"] for r in replies] == [EXPIRED, EXPIRED]


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_command_without_a_usable_question_gets_a_hint(slack: SlackHarness, text: str) -> None:
    slack.send_command(text, slack.stub.response_url("hint"))
    (hint,) = slack.stub.assert_received("response/hint", 1)
    assert "/ask" in hint.body["text"]
    assert slack.rows("turns") == 0


def test_command_failure_is_an_apology_through_the_response_url(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """Case 16 for a command: the private reply apologises with a reference, no traceback."""

    def explode(question: str) -> None:
        raise RuntimeError("boom")

    with running_slack(make_settings, DelegatingEngine(engine, explode)) as slack:
        slack.send_command(QUESTION, slack.stub.response_url("oops"))
        (reply,) = slack.stub.assert_received("response/oops", 1)
        assert reply.body["text"].startswith("Sorry") and "ref " in reply.body["text"]
        assert reply.body["response_type"] == "ephemeral"
        assert "boom" not in str(reply.body)


def test_a_replayed_command_is_executed_once(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """The same signed command sent three times within its five minutes (a replay: Slack never
    retries commands) costs one retrieval and gets one reply; a new invocation is answered."""
    counting = DelegatingEngine(engine, lambda question: None)
    with running_slack(make_settings, counting) as slack:
        body = command_form(QUESTION, slack.stub.response_url("once"))
        headers = sign(body)
        for _ in range(3):
            assert slack.post(body, headers, FORM).status_code == 200
        slack.stub.assert_received("response/once", 1)
        slack.final("response/once", 1)
        assert counting.calls == 1
        slack.send_command(QUESTION, slack.stub.response_url("again"))  # a new trigger id
        slack.stub.assert_received("response/again", 1)
        assert counting.calls == 2


def test_a_replayed_click_is_executed_once(slack: SlackHarness) -> None:
    """ "Share in channel" replayed: posted in the channel once, not once per delivery."""
    answer = _ask(slack)
    share = _buttons(answer.blocks)[Action.SHARE][0]
    body = action_form(Action.SHARE, share, slack.stub.response_url("share"))
    headers = sign(body)
    for _ in range(3):
        assert slack.post(body, headers, FORM).status_code == 200
    posted, deleted = slack.stub.assert_received("response/share", 2)
    slack.final("response/share", 2)
    assert posted.body["response_type"] == "in_channel" and deleted.body["delete_original"]
