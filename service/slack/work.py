"""What every listener shares: its dependencies, the queue its work goes to after the
acknowledgement, replay detection, and the one error handler.

A listener acknowledges and calls `queue_work`, then returns: listener threads never wait for
retrieval, the store or Slack's pacing, so an acknowledgement never waits behind another
channel's burst. Work runs on `Deps.jobs` (a `ChannelScheduler`) after Slack has its
acknowledgement, so a failure cannot reach Slack as an HTTP error; `on_error` (bolt's
`@app.error`, and the queue's too) tells the user with a short apology and logs the traceback
under a request id instead.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from service.logs import request_id_var
from service.slack.answers import Answers
from service.slack.channels import ChannelScheduler
from service.slack.outbox import Outbox, retry_after
from service.slack.render import Message, render_notice

log = logging.getLogger("cited.slack")

DEPS_KEY = "cited_deps"
REQUEST_ID_KEY = "cited_request_id"
APOLOGY = "Sorry, something went wrong while answering. Please try again. (ref {rid})"
# A response_url reply waits for a 429's Retry-After in the thread that answered, so the wait
# is short and happens once; the user is still waiting for this very reply.
RESPONSE_URL_MAX_WAIT = 5.0


@dataclass(frozen=True)
class Deps:
    """What every listener needs, handed over through the bolt context."""

    answers: Answers
    outbox: Outbox
    jobs: ChannelScheduler  # the work behind each acknowledgement

    def idle(self) -> bool:
        """No answer queued or being computed, no reply queued or being posted. Checked
        upstream first: a job queues its reply before it counts as finished."""
        return self.jobs.idle() and self.outbox.idle()

    def close(self, timeout: float) -> tuple[int, int]:
        """Stop the work queue, then the outbox (queued items are dropped, running ones
        finish); the numbers of answers and of replies dropped."""
        return self.jobs.close(timeout), self.outbox.close(timeout)


def injector(deps: Deps) -> Callable[..., None]:
    """bolt middleware putting `deps` and a request id into every request's context."""

    def inject(context: BoltContext, next: Callable[[], None]) -> None:  # noqa: A002 - bolt's name
        context[DEPS_KEY] = deps
        # Over HTTP this runs in the request's context: reuse its id (the X-Request-ID the
        # service answered with); in Socket Mode there is none, so make one.
        context[REQUEST_ID_KEY] = request_id_var.get() or uuid.uuid4().hex[:12]
        next()

    return inject


def queue_work(
    context: BoltContext, body: dict[str, Any], client: WebClient, key: str, work: Callable[[Deps], None]
) -> None:
    """Run `work` on the job queue under `key` (a channel or a user), with the request id in
    the log context and failures going to `on_error`."""
    deps: Deps = context[DEPS_KEY]
    rid = str(context[REQUEST_ID_KEY])

    def run() -> None:
        request_id_var.set(rid)
        try:
            work(deps)
        except Exception as e:  # noqa: BLE001 - handed to the one error handler, as bolt would
            on_error(e, body, context, client)

    deps.jobs.submit(key, run)


def first_delivery(deps: Deps, body: dict[str, Any]) -> bool:
    """False for a replayed command or button click (its `trigger_id` was seen before).

    Slack never retries these, and every invocation gets a new trigger id, so a second
    delivery is someone sending a captured signed request again within its five minutes.
    """
    trigger = body.get("trigger_id")
    if not isinstance(trigger, str) or not trigger:
        return True
    if deps.answers.store.seen_event(f"slack:trigger:{trigger}"):
        log.warning("slack request %s: replayed trigger ignored", request_id_var.get() or "-")
        return False
    return True


def reply(respond: Respond, message: Message, **options: Any) -> None:
    """Answer through the response_url, privately unless `options` say otherwise. A 429 is
    tried once more after its Retry-After (at most RESPONSE_URL_MAX_WAIT); a reply that still
    fails is logged under the request id (docs/reliability.md, "Library defaults")."""
    options.setdefault("response_type", "ephemeral")
    options.setdefault("replace_original", False)
    rid = request_id_var.get() or "-"
    response = respond(text=message.text, blocks=message.blocks, **options)
    if response.status_code == 429:  # bolt's webhook client retries nothing by itself
        wait = min(retry_after(response), RESPONSE_URL_MAX_WAIT)
        log.warning("slack request %s: response_url rate limited; one retry in %.1f s", rid, wait)
        time.sleep(wait)
        response = respond(text=message.text, blocks=message.blocks, **options)
    if not 200 <= response.status_code < 300:  # an expired or used-up response_url, say
        log.error("slack request %s: response_url post failed: HTTP %d %s", rid, response.status_code, response.body)


def on_error(error: Exception, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """Any listener failure: log it under a request id, tell the user in one sentence."""
    rid = str(context.get(REQUEST_ID_KEY) or uuid.uuid4().hex[:12])
    log.error(
        "slack request %s failed: %s", rid, type(error).__name__, exc_info=(type(error), error, error.__traceback__)
    )
    apology = render_notice(APOLOGY.format(rid=rid))
    try:
        if context.response_url and context.respond is not None:  # commands and buttons
            reply(context.respond, apology)
            return
        event = body.get("event") or {}
        deps: Deps | None = context.get(DEPS_KEY)
        if deps is not None and event.get("channel") and event.get("ts"):
            root = event.get("thread_ts") or event["ts"]
            deps.outbox.post(event["channel"], apology, thread_ts=root, request_id=rid)
    except Exception:  # noqa: BLE001 - the apology is best effort; the cause is logged above
        log.exception("slack request %s: the apology could not be delivered either", rid)
