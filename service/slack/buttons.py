"""The buttons on an answer: more results, full text, feedback, share, keep.

Each click is acknowledged at once and its work queued under the clicking user (so a click
never waits behind a channel's burst of questions); a replayed click is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from service import chat
from service.errors import CitedError
from service.schemas import AskResponse, FeedbackRequest
from service.slack.answers import EXPIRED
from service.slack.render import (
    RESULTS_PER_PAGE,
    Action,
    decode_value,
    render_answer,
    render_full_text,
    render_more,
    render_notice,
)
from service.slack.work import Deps, first_delivery, queue_work, reply

THANKS = {True: "Thanks, noted: this result helped.", False: "Thanks, noted: this result did not help."}

# What a click does once its turn comes: (deps, the action, the whole payload, respond, client).
Work = Callable[[Deps, dict[str, Any], dict[str, Any], Respond, WebClient], None]


def register_buttons(app: App) -> None:
    """Attach a listener to every button the bot's messages carry."""
    app.action(Action.MORE)(_clicked(_more))
    app.action(Action.FULL)(_clicked(_full_text))
    app.action(Action.HELPFUL)(_clicked(_feedback(helpful=True)))
    app.action(Action.NOT_HELPFUL)(_clicked(_feedback(helpful=False)))
    app.action(Action.SHARE)(_clicked(_share))
    app.action(Action.KEEP)(_clicked(_keep))


def _clicked(work: Work) -> Callable[..., None]:
    """A listener that acknowledges, then queues `work` under the user who clicked."""

    def listener(
        ack: Ack,
        action: dict[str, Any],
        body: dict[str, Any],
        respond: Respond,
        context: BoltContext,
        client: WebClient,
    ) -> None:
        ack()
        user = (body.get("user") or {}).get("id") or "-"

        def run(deps: Deps) -> None:
            if first_delivery(deps, body):
                work(deps, action, body, respond, client)

        queue_work(context, body, client, f"user:{user}", run)

    listener.__name__ = f"on_{work.__name__.strip('_')}"
    return listener


def _recall(deps: Deps, action: dict[str, Any]) -> tuple[dict[str, Any], AskResponse | None]:
    value = decode_value(action.get("value"))
    conversation, ask = value.get("c"), value.get("a")
    if not isinstance(conversation, str) or not isinstance(ask, str):
        return value, None
    return value, deps.answers.recall(conversation, ask)


def _more(deps: Deps, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
    """ "Show more results": the next page, visible to whoever asked for it."""
    value, response = _recall(deps, action)
    raw = value.get("o")
    offset = raw if isinstance(raw, int) and raw >= 0 else RESULTS_PER_PAGE
    reply(respond, render_more(response, offset) if response else render_notice(EXPIRED))


def _full_text(deps: Deps, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
    """ "Full text": the whole unit and its footnotes in a modal."""
    value, response = _recall(deps, action)
    results = response.results if response else []
    result = next((r for r in results if r.unit_id == value.get("u")), None)
    if result is None:
        reply(respond, render_notice(EXPIRED))
        return
    client.views_open(trigger_id=body["trigger_id"], view=render_full_text(result))


def _feedback(helpful: bool) -> Work:
    def feedback(deps: Deps, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        """Feedback button: this result helped, or did not."""
        value = decode_value(action.get("value"))
        try:
            request = FeedbackRequest.model_validate(
                {"ask_id": value.get("a"), "unit_id": value.get("u"), "helpful": helpful}
            )
            chat.record_feedback(deps.answers.store, request, source="slack")
        except (ValidationError, CitedError):
            reply(respond, render_notice(EXPIRED))
            return
        reply(respond, render_notice(THANKS[helpful]))

    feedback.__name__ = "helpful" if helpful else "not_helpful"
    return feedback


def _recalled(deps: Deps, action: dict[str, Any], respond: Respond) -> AskResponse | None:
    """The earlier answer a button belongs to, or None after saying it has expired."""
    _, response = _recall(deps, action)
    if response is None:
        reply(respond, render_notice(EXPIRED))
    return response


def _share(deps: Deps, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
    """ "Share in channel": post the private answer openly and remove the private copy."""
    response = _recalled(deps, action, respond)
    if response is not None:
        reply(respond, render_answer(response), response_type="in_channel")
        respond(delete_original=True)


def _keep(deps: Deps, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient) -> None:
    """ "Keep to myself": the same private answer without the share buttons."""
    response = _recalled(deps, action, respond)
    if response is not None:
        reply(respond, render_answer(response), replace_original=True)
