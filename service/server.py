"""The serving process: the HTTP API with Slack's HTTP mode mounted beside it.

The two front doors meet here and nowhere else, so neither imports the other. `cited serve`
runs `app_factory` under uvicorn (`--factory service.server:app_factory`).
"""

from __future__ import annotations

from fastapi import FastAPI

from service.api.app import create_app
from service.chat import AskEngine
from service.logs import configure_logging
from service.settings import Settings, get_settings
from service.slack.http import mount_slack


def create_server(settings: Settings, *, engine: AskEngine | None = None) -> FastAPI:
    """The API for `settings`, serving POST /slack/events too when SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET are set."""
    return create_app(settings, engine=engine, mounts=[mount_slack])


def app_factory() -> FastAPI:
    """The app for the process's settings, with logging configured."""
    settings = get_settings()
    configure_logging(settings.log_format)
    return create_server(settings)
