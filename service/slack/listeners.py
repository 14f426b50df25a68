"""Bolt listeners: small functions registered by `register(app, deps)`.

Where questions come from: any slash command (the manifest names it /ask), a mention of the
bot, a direct message, and a reply in a thread the bot answered (thread = conversation).
Listeners run after Slack has its acknowledgement (`process_before_response=False`), so a
failure cannot reach Slack as an HTTP error; the one `@app.error` handler tells the user with
a short apology and logs the traceback under a request id instead.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from service import chat
from service.api.logs import request_id_var
from service.errors import CitedError
from service.schemas import AskResponse, FeedbackRequest
from service.slack.answers import EXPIRED, Answers
from service.slack.outbox import Outbox
from service.slack.render import (
    RESULTS_PER_PAGE,
    Action,
    Message,
    decode_value,
    render_answer,
    render_full_text,
    render_more,
    render_notice,
)
from service.slack.trim import plain_question

log = logging.getLogger("cited.slack")

DEPS_KEY = "cited_deps"
REQUEST_ID_KEY = "cited_request_id"
# Message subtypes that are still a person writing; edits, joins and bot posts are not.
QUESTION_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})

USAGE = "Ask me about the documents, e.g. `/ask Why does Pakistan host the Taliban leadership?`"
APOLOGY = "Sorry, something went wrong while answering. Please try again. (ref {rid})"
THANKS = {True: "Thanks, noted: this result helped.", False: "Thanks, noted: this result did not help."}


@dataclass(frozen=True)
class Deps:
    """What every listener needs, handed over through the bolt context."""

    answers: Answers
    outbox: Outbox


def register(app: App, deps: Deps) -> None:
    """Attach the middleware, listeners and error handler to `app`."""
    app.use(_injector(deps))
    app.command(re.compile(r"^/"))(on_command)
    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    app.action(Action.MORE)(on_more)
    app.action(Action.FULL)(on_full_text)
    app.action(Action.HELPFUL)(on_helpful)
    app.action(Action.NOT_HELPFUL)(on_not_helpful)
    app.action(Action.SHARE)(on_share)
    app.action(Action.KEEP)(on_keep)
    app.error(on_error)


def _injector(deps: Deps) -> Callable[..., None]:
    def inject(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002 - bolt's name
        context[DEPS_KEY] = deps
        # Over HTTP this runs in the request's context: reuse its id (the X-Request-ID the
        # service answered with); in Socket Mode there is none, so make one.
        context[REQUEST_ID_KEY] = request_id_var.get() or uuid.uuid4().hex[:12]
        next()

    return inject


def _begin(context: BoltContext) -> tuple[Deps, str]:
    """The deps and request id; the id also goes to the log context of this worker thread."""
    rid = str(context[REQUEST_ID_KEY])
    request_id_var.set(rid)
    return context[DEPS_KEY], rid


def _respond(respond: Respond, message: Message, **options: Any) -> None:
    options.setdefault("response_type", "ephemeral")
    options.setdefault("replace_original", False)
    respond(text=message.text, blocks=message.blocks, **options)


# -- questions ---------------------------------------------------------------------------------

def on_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """`/ask QUESTION`: acknowledge at once, answer privately through the response_url."""
    ack()
    deps, _ = _begin(context)
    question = plain_question(command.get("text") or "")
    if not question:
        _respond(respond, render_notice(USAGE))
        return
    message, _ = deps.answers.answer_message(question, None, private=True)
    _respond(respond, message)


def on_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext,
               client: WebClient) -> None:
    """A mention in a channel: answer in the mention's thread."""
    _answer_event(event, body, context, client)


def on_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext,
               client: WebClient) -> None:
    """A DM, a message naming the bot, or a reply in a thread the bot answered."""
    if _is_question(event, context):
        _answer_event(event, body, context, client)


def _thread_key(team: str | None, channel: str, root_ts: str) -> str:
    return f"slack:{team or '-'}:{channel}:{root_ts}"


def _is_question(event: dict[str, Any], context: BoltContext) -> bool:
    if event.get("subtype") not in QUESTION_SUBTYPES or event.get("bot_id"):
        return False  # never answer a bot (ours is dropped by bolt already): no loops
    if event.get("channel_type") == "im":
        return True
    if context.bot_user_id and f"<@{context.bot_user_id}" in (event.get("text") or ""):
        return True
    root = event.get("thread_ts")
    if not root or root == event.get("ts"):
        return False
    key = _thread_key(context.team_id, event["channel"], root)
    return context[DEPS_KEY].answers.store.find_by_external_key(key) is not None


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


def _answer_event(event: dict[str, Any], body: dict[str, Any], context: BoltContext,
                  client: WebClient) -> None:
    deps, rid = _begin(context)
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
    deps.outbox.post(client, channel, message, thread_ts=root, request_id=rid)


# -- buttons -----------------------------------------------------------------------------------

def _recall(deps: Deps, action: dict[str, Any]) -> tuple[dict[str, Any], AskResponse | None]:
    value = decode_value(action.get("value"))
    conversation, ask = value.get("c"), value.get("a")
    if not isinstance(conversation, str) or not isinstance(ask, str):
        return value, None
    return value, deps.answers.recall(conversation, ask)


def on_more(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """"Show more results": the next page, visible to whoever asked for it."""
    ack()
    deps, _ = _begin(context)
    value, response = _recall(deps, action)
    raw = value.get("o")
    offset = raw if isinstance(raw, int) and raw >= 0 else RESULTS_PER_PAGE
    message = render_more(response, offset) if response else render_notice(EXPIRED)
    _respond(respond, message)


def on_full_text(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond,
                 context: BoltContext, client: WebClient) -> None:
    """"Full text": the whole unit and its footnotes in a modal."""
    ack()
    deps, _ = _begin(context)
    value, response = _recall(deps, action)
    results = response.results if response else []
    result = next((r for r in results if r.unit_id == value.get("u")), None)
    if result is None:
        _respond(respond, render_notice(EXPIRED))
        return
    client.views_open(trigger_id=body["trigger_id"], view=render_full_text(result))


def _feedback(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext,
              helpful: bool) -> None:
    ack()
    deps, _ = _begin(context)
    value = decode_value(action.get("value"))
    try:
        request = FeedbackRequest.model_validate(
            {"ask_id": value.get("a"), "unit_id": value.get("u"), "helpful": helpful}
        )
        chat.record_feedback(deps.answers.store, request, source="slack")
    except (ValidationError, CitedError):
        _respond(respond, render_notice(EXPIRED))
        return
    _respond(respond, render_notice(THANKS[helpful]))


def on_helpful(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Feedback button: this result helped."""
    _feedback(ack, action, respond, context, helpful=True)


def on_not_helpful(ack: Ack, action: dict[str, Any], respond: Respond,
                   context: BoltContext) -> None:
    """Feedback button: this result did not help."""
    _feedback(ack, action, respond, context, helpful=False)


def _recalled(ack: Ack, action: dict[str, Any], respond: Respond,
              context: BoltContext) -> AskResponse | None:
    """Ack a button on an earlier answer and fetch that answer, or say it has expired."""
    ack()
    deps, _ = _begin(context)
    _, response = _recall(deps, action)
    if response is None:
        _respond(respond, render_notice(EXPIRED))
    return response


def on_share(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """"Share in channel": post the private answer openly and remove the private copy."""
    response = _recalled(ack, action, respond, context)
    if response is not None:
        _respond(respond, render_answer(response), response_type="in_channel")
        respond(delete_original=True)


def on_keep(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """"Keep to myself": the same private answer without the share buttons."""
    response = _recalled(ack, action, respond, context)
    if response is not None:
        _respond(respond, render_answer(response), replace_original=True)


# -- errors ------------------------------------------------------------------------------------

def on_error(error: Exception, body: dict[str, Any], context: BoltContext,
             client: WebClient) -> None:
    """Any listener failure: log it under a request id, tell the user in one sentence."""
    rid = str(context.get(REQUEST_ID_KEY) or uuid.uuid4().hex[:12])
    log.error("slack request %s failed: %s", rid, type(error).__name__,
              exc_info=(type(error), error, error.__traceback__))
    apology = render_notice(APOLOGY.format(rid=rid))
    try:
        if context.response_url and context.respond is not None:  # commands and buttons
            _respond(context.respond, apology)
            return
        event = body.get("event") or {}
        deps: Deps | None = context.get(DEPS_KEY)
        if deps is not None and event.get("channel") and event.get("ts"):
            root = event.get("thread_ts") or event["ts"]
            deps.outbox.post(client, event["channel"], apology, thread_ts=root, request_id=rid)
    except Exception:  # noqa: BLE001 - the apology is best effort; the cause is logged above
        log.exception("slack request %s: the apology could not be delivered either", rid)
