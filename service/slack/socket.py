"""Socket Mode: `cited slack` runs the same App over a WebSocket, no public URL needed.

Listeners, rendering and stores are exactly those of HTTP mode (`build_slack_app`); only the
transport differs. Slack signs nothing here (the app-level token authenticates the socket),
so bolt skips request verification, and the signing secret is optional.
"""

from __future__ import annotations

import logging
import signal
import threading
from urllib.error import URLError

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from service.errors import CitedError
from service.settings import Settings
from service.slack.app import SlackApp, build_slack_app, make_client

log = logging.getLogger("cited.slack")

MISSING_APP_TOKEN = (
    "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-...) with the "
    "connections:write scope. Create one under Basic Information > App-Level Tokens of your "
    "Slack app, or serve HTTP mode instead (`cited serve` with SLACK_BOT_TOKEN and "
    "SLACK_SIGNING_SECRET)."
)
MISSING_BOT_TOKEN = (
    "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from your Slack "
    "app's OAuth & Permissions page."
)
STARTUP_TIMEOUT = 10.0  # seconds for the start-up auth.test


def check_socket_settings(settings: Settings) -> str:
    """The app-level token, or CitedError saying which variable is missing and where to get it."""
    if settings.slack_app_token is None:
        raise CitedError(MISSING_APP_TOKEN)
    if settings.slack_bot_token is None:
        raise CitedError(MISSING_BOT_TOKEN)
    token = settings.slack_app_token.get_secret_value()
    if not token.startswith("xapp-"):
        raise CitedError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    return token


def unreachable(base_url: str, exc: OSError) -> CitedError:
    """One line for a Slack that cannot be reached (refused, unresolved, timed out)."""
    reason = exc.reason if isinstance(exc, URLError) else exc
    return CitedError(
        f"could not reach Slack at {base_url} ({reason}); check the network, or SLACK_API_BASE_URL if it is set"
    )


def verify_bot_token(settings: Settings) -> str:
    """Slack's auth.test for SLACK_BOT_TOKEN, before the index loads; returns the API base URL.

    A refused token or a Slack out of reach is one line (CitedError) at once, instead of
    urllib's traceback once the model has loaded; the client's retry chatter is not logged.
    """
    quiet = logging.Logger("cited.slack.startup")
    quiet.disabled = True
    client = make_client(settings, timeout=STARTUP_TIMEOUT, logger=quiet)
    try:
        client.auth_test()
    except SlackApiError as e:
        raise CitedError(f"Slack refused SLACK_BOT_TOKEN: {e.response.get('error')}") from None
    except OSError as e:  # URLError, socket timeouts
        raise unreachable(client.base_url, e) from None
    return client.base_url


def run_socket_mode(settings: Settings) -> None:
    """Check the settings, load the index and the store, connect, and serve until stopped
    (Ctrl-C or SIGTERM), then close the app, so queued replies get their grace period.

    Raises CitedError before anything heavy is loaded when a token is missing or refused or
    Slack is out of reach, and the index errors (IndexMissing, ...) of `load_engine`.
    """
    app_token = check_socket_settings(settings)
    base_url = verify_bot_token(settings)
    # Imported here: loading the engine pulls in torch, which a settings error should not wait for.
    from service.conversations import open_store
    from service.engine import load_engine

    engine = load_engine(settings)
    store = open_store(settings)
    try:
        try:
            app = build_slack_app(settings, lambda: engine, store, token_verification=True)
        except BoltError as e:  # auth.test refused the bot token
            raise CitedError(f"Slack refused SLACK_BOT_TOKEN: {e}") from None
        stop = threading.Event()
        # A container stops us with SIGTERM, whose default would skip every `finally`.
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
        try:
            serve_socket_mode(app, app_token, stop)
        except KeyboardInterrupt:
            pass  # Ctrl-C: serve_socket_mode has closed the app on its way out
    except OSError as e:  # Slack went out of reach after the start-up check
        raise unreachable(base_url, e) from None
    finally:
        store.close()


def serve_socket_mode(app: SlackApp, app_token: str, stop: threading.Event) -> None:
    """Connect bolt's SocketModeHandler and serve until `stop` is set; then disconnect and
    close the app (queued answers and replies finish, or are counted as dropped)."""
    handler = SocketModeHandler(app, app_token)
    try:
        handler.connect()  # type: ignore[no-untyped-call]  # bolt leaves connect and close untyped
        log.info("slack socket mode connected")
        stop.wait()
    finally:
        handler.close()  # type: ignore[no-untyped-call]
        app.close()
