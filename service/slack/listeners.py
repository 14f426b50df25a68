"""Bolt listeners for questions, registered with the buttons by `register(app, deps)`.

Where questions come from: any slash command (the manifest names it /ask), a mention of the
bot, a direct message, and a reply in a thread the bot answered (thread = conversation).
Each listener acknowledges and queues its work (`service.slack.work`): events under their
channel, commands under the user who typed them. Slack retries events, which are
deduplicated by event id and by channel and ts; it never retries a command, so a command
delivered twice is a replay and dropped (`first_delivery`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from service.slack.buttons import register_buttons
from service.slack.render import render_notice
from service.slack.trim import plain_question
from service.slack.work import (
    REQUEST_ID_KEY,
    Deps,
    first_delivery,
    injector,
    on_error,
    queue_work,
    reply,
)

log = logging.getLogger("cited.slack")

# Message subtypes that are still a person writing; edits, joins and bot posts are not.
QUESTION_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})

USAGE = "Ask me about the documents, e.g. `/ask Why did Pakistan fence the border?`"


def register(app: App, deps: Deps) -> None:
    """Attach the middleware, listeners and error handler to `app`."""
    app.use(injector(deps))
    app.command(re.compile(r"^/"))(on_command)
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    register_buttons(app)
    app.error(on_error)


# -- questions ---------------------------------------------------------------------------------


def on_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext, client: WebClient) -> None:
    """`/ask QUESTION`: acknowledge at once, answer privately through the response_url."""
    ack()
    user = command.get("user_id") or "-"
    queue_work(context, command, client, f"user:{user}", lambda deps: _answer_command(deps, command, respond))


def _answer_command(deps: Deps, command: dict[str, Any], respond: Respond) -> None:
    if not first_delivery(deps, command):
        return
    question = plain_question(command.get("text") or "")
    if not question:
        reply(respond, render_notice(USAGE))
        return
    message, _ = deps.answers.answer_message(question, None, private=True)
    reply(respond, message)


def on_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """A mention in a channel: answer in the mention's thread."""
    queue_work(
        context,
        body,
        client,
        f"channel:{event['channel']}",
        lambda deps: _answer_event(deps, event, body, context),
    )


def on_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """A DM, a message naming the bot, or a reply in a thread the bot answered."""
    kind = _question_kind(event, context)
    if kind is None:
        return

    def answer(deps: Deps) -> None:
        if kind == "thread" and not _answered_thread(deps, event, context):
            return
        _answer_event(deps, event, body, context)

    queue_work(context, body, client, f"channel:{event['channel']}", answer)


def _thread_key(team: str | None, channel: str, root_ts: str) -> str:
    return f"slack:{team or '-'}:{channel}:{root_ts}"


def _question_kind(event: dict[str, Any], context: BoltContext) -> str | None:
    """ "direct" for a question by itself, "thread" for a reply in a thread (a question if the
    bot answered that thread: the store knows, and is asked off the listener thread), None
    for anything else."""
    if event.get("subtype") not in QUESTION_SUBTYPES or event.get("bot_id"):
        return None  # never answer a bot (ours is dropped by bolt already): no loops
    if event.get("channel_type") == "im":
        return "direct"
    if context.bot_user_id and f"<@{context.bot_user_id}" in (event.get("text") or ""):
        return "direct"
    root = event.get("thread_ts")
    if not root or root == event.get("ts"):
        return None
    return "thread"


def _answered_thread(deps: Deps, event: dict[str, Any], context: BoltContext) -> bool:
    key = _thread_key(context.team_id, event["channel"], event["thread_ts"])
    return deps.answers.store.find_by_external_key(key) is not None


def _claim(deps: Deps, body: dict[str, Any], event: dict[str, Any]) -> bool:
    """True for the first delivery of this message; False for retries and twins.

    Two keys, recorded together in one transaction before any work: the event id (Slack's
    retries) and (channel, ts), because one mention arrives as both `app_mention` and
    `message`. Claimed one at a time, a first delivery and its retry could each take one key,
    find the other taken, and both drop the message.
    """
    keys = [f"slack:message:{event.get('channel')}:{event.get('ts')}"]
    if body.get("event_id"):
        keys.append(f"slack:event:{body['event_id']}")
    return not deps.answers.store.seen_event(*keys)  # the message key first, always


def _answer_event(deps: Deps, event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    rid = str(context[REQUEST_ID_KEY])
    if not _claim(deps, body, event):
        log.info("slack request %s: duplicate delivery of %s ignored", rid, body.get("event_id"))
        return
    channel = event["channel"]
    root = event.get("thread_ts") or event["ts"]
    question = plain_question(event.get("text") or "")
    if question:
        key = _thread_key(context.team_id, channel, root)
        message, _ = deps.answers.answer_message(question, key)
    else:
        message = render_notice(USAGE)
    deps.outbox.post(channel, message, thread_ts=root, request_id=rid)
