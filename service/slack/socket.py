"""Socket Mode: `cited slack` runs the same App over a WebSocket, no public URL needed.

Listeners, rendering and stores are exactly those of HTTP mode (`build_slack_app`); only the
transport differs. Slack signs nothing here (the app-level token authenticates the socket),
so bolt skips request verification, and the signing secret is optional.
"""

from __future__ import annotations

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.error import BoltError

from service.errors import CitedError
from service.settings import Settings
from service.slack.app import build_slack_app

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


def run_socket_mode(settings: Settings) -> None:
    """Check the settings, load the index and the store, connect, and serve until stopped.

    Raises CitedError before anything heavy is loaded when a token is missing, and the
    index errors (IndexMissing, ...) of `load_engine`.
    """
    app_token = check_socket_settings(settings)
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
        SocketModeHandler(app, app_token).start()
    finally:
        store.close()
