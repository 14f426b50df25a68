"""Events: mentions, DMs, thread follow-ups, duplicates, our own posts, failures
(docs/reliability.md, "Slack", end to end)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from service.settings import Settings
from service.slack.answers import BAD_QUESTION
from service.slack.render import ABSTAIN_SENTENCE
from tests.slack_stub import BOT_ID, BOT_USER_ID
from tests.support.slack_server import (
    DelegatingEngine,
    SlackHarness,
    captured_logs,
    logged_text,
    mention,
    message,
    new_ts,
    running_slack,
)

QUESTION = "Why does Pakistan host the Taliban leadership?"


@pytest.fixture
def slack(engine: Any, make_settings: Callable[..., Settings]) -> Iterator[SlackHarness]:
    with running_slack(make_settings, engine) as harness:
        yield harness


def _sections(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["block_id"] for b in blocks if b["type"] == "section"]


def test_same_event_delivered_four_times_is_answered_once(slack: SlackHarness) -> None:
    """Case 12: the first delivery and three retries -> 4 x 200, one reply, one conversation."""
    event = mention(QUESTION)
    statuses = [slack.send_event(event, event_id="Ev0RETRIED").status_code]
    for attempt in (1, 2, 3):
        retry = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"}
        statuses.append(slack.send_event(event, event_id="Ev0RETRIED", headers=retry).status_code)
    assert statuses == [200, 200, 200, 200]
    slack.stub.assert_received("chat.postMessage", 1)
    slack.final("chat.postMessage", 1)
    assert slack.rows("conversations") == 1
    assert slack.rows("turns") == 1


@pytest.mark.parametrize("first", ["app_mention", "message"])
def test_mention_delivered_as_two_events_is_answered_once(slack: SlackHarness, first: str) -> None:
    """Case 14: app_mention and message for the same (channel, ts), in either order."""
    as_mention = mention(QUESTION)
    as_message = message(as_mention["text"], ts=as_mention["ts"], channel=as_mention["channel"])
    pair = [as_mention, as_message] if first == "app_mention" else [as_message, as_mention]
    for event in pair:
        assert slack.send_event(event).status_code == 200
    slack.stub.assert_received("chat.postMessage", 1)
    slack.final("chat.postMessage", 1)


@pytest.mark.parametrize(
    "own",
    [
        {"bot_id": BOT_ID, "subtype": "bot_message"},
        {"bot_id": BOT_ID},
        {"user": BOT_USER_ID},
    ],
)
def test_our_own_posts_are_never_answered(slack: SlackHarness, own: dict[str, str]) -> None:
    """Case 15: an event carrying our bot_id or bot user id gets no reply (no loop)."""
    event = message(QUESTION, channel="D0DIRECT", channel_type="im", **own)
    assert slack.send_event(event).status_code == 200
    own_mention = mention(QUESTION, user=BOT_USER_ID)
    assert slack.send_event(own_mention).status_code == 200
    slack.final("chat.postMessage", 0)


def test_reply_goes_to_the_thread_of_a_threaded_mention(slack: SlackHarness) -> None:
    """Case 17: a mention inside a thread is answered in that same thread."""
    root = new_ts()
    event = mention(QUESTION, thread_ts=root)
    slack.send_event(event)
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert post.body["channel"] == event["channel"]
    assert post.body["thread_ts"] == root


def test_direct_message_is_answered_in_the_dm(slack: SlackHarness) -> None:
    """Case 17: a DM is answered in the DM channel, openly (chat.postMessage, not ephemeral)."""
    event = message(QUESTION, channel="D0DIRECT", channel_type="im")
    slack.send_event(event)
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert post.body["channel"] == "D0DIRECT"
    assert post.body["thread_ts"] == event["ts"]
    assert "r1" in _sections(post.blocks)
    assert slack.stub.received("chat.postEphemeral") == []


def test_reply_in_an_answered_thread_is_a_follow_up(slack: SlackHarness) -> None:
    """Thread = conversation: a reply (no mention) in the bot's thread is asked with history."""
    first = mention("Who heads the Taliban's leadership council?")
    slack.send_event(first)
    slack.stub.assert_received("chat.postMessage", 1)
    follow_up = message("And where is it based?", thread_ts=first["ts"])
    slack.send_event(follow_up)
    posts = slack.stub.assert_received("chat.postMessage", 2)
    assert posts[1].body["thread_ts"] == first["ts"]
    key = f"slack:{first['team']}:{first['channel']}:{first['ts']}"
    conversation_id = slack.store.find_by_external_key(key)
    assert conversation_id is not None
    turns = slack.store.get_conversation(conversation_id).turns
    assert [t.question for t in turns] == ["Who heads the Taliban's leadership council?", "And where is it based?"]


def test_plain_channel_messages_are_not_questions(slack: SlackHarness) -> None:
    """A message that neither names the bot nor sits in one of its threads is left alone."""
    slack.send_event(message(QUESTION))
    slack.send_event(message(QUESTION, thread_ts=new_ts()))  # someone else's thread
    slack.send_event(message(QUESTION, channel="D0DIRECT", channel_type="im", subtype="message_changed"))
    slack.final("chat.postMessage", 0)
    assert slack.rows("conversations") == 0


def test_unanswerable_question_gets_a_plain_sentence(slack: SlackHarness) -> None:
    """The corpus does not answer: a short message saying so, no passages."""
    slack.send_event(mention("What is the boiling point of water at sea level?"))
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert post.body["text"] == ABSTAIN_SENTENCE
    assert _sections(post.blocks) == ["question", "abstained"]


def test_empty_mention_gets_usage_not_an_answer(slack: SlackHarness) -> None:
    slack.send_event(mention(""))
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert "/ask" in post.body["text"]
    assert slack.rows("conversations") == 0


def test_overlong_question_gets_a_hint_and_leaves_nothing_behind(slack: SlackHarness) -> None:
    slack.send_event(mention("why " * 300))
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    assert post.body["text"] == BAD_QUESTION
    assert slack.rows("conversations") == 0


def test_pings_in_a_question_are_neutralised(slack: SlackHarness) -> None:
    """Case 24, end to end: `<!channel>` / `<@U1>` / `&<>` in a question never ping."""
    # As Slack sends it: real pings as markup, typed `<`, `>`, `&` escaped.
    text = (
        "Does <!channel> or <@U0SOMEONE> know if 1 &lt; 2 &amp; 3 &gt; 2 in Quetta? "
        "I typed &lt;!here&gt; and &lt;@U1&gt; myself."
    )
    slack.send_event(mention(text))
    (post,) = slack.stub.assert_received("chat.postMessage", 1)
    shown = json.dumps(post.blocks) + post.body["text"]
    assert not re.search(r"<[!@#]", shown)
    assert "1 &lt; 2 &amp; 3 &gt; 2" in shown  # shown as typed, escaped once
    assert "&lt;!here&gt;" in shown and "&lt;@U1&gt;" in shown
    assert "U0SOMEONE" not in shown


def test_failure_after_ack_is_an_apology_with_a_request_id(engine: Any, make_settings: Callable[..., Settings]) -> None:
    """Case 16: the listener raises after the ack -> short apology, no traceback, logged."""

    def explode(question: str) -> None:
        raise RuntimeError("boom in /srv/secret/path.py")

    with captured_logs() as records, running_slack(make_settings, DelegatingEngine(engine, explode)) as slack:
        assert slack.send_event(mention(QUESTION)).status_code == 200
        (post,) = slack.stub.assert_received("chat.postMessage", 1)
        text = post.body["text"]
        assert text.startswith("Sorry")
        assert "boom" not in json.dumps(post.body) and "Traceback" not in json.dumps(post.body)
        rid = re.search(r"ref ([0-9a-f]{12,32})", text)
        assert rid is not None
        logged = logged_text(records)
        assert f"slack request {rid.group(1)} failed" in logged
        assert "RuntimeError: boom" in logged  # the traceback is in the log only
