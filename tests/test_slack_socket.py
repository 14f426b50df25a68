"""Socket Mode: start-up checks of `cited slack`, and the shared listeners without HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from slack_bolt import BoltRequest

from service.conversations import ConversationStore
from service.errors import CitedError
from service.settings import Settings
from service.slack.app import build_slack_app
from service.slack.socket import MISSING_APP_TOKEN, MISSING_BOT_TOKEN, run_socket_mode
from tests.slack_stub import running_stub
from tests.support.slack_server import BOT_TOKEN, event_envelope, mention


def test_missing_app_token_fails_with_a_clear_message(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(SLACK_BOT_TOKEN=BOT_TOKEN)
    with pytest.raises(CitedError) as caught:
        run_socket_mode(settings)
    assert str(caught.value) == MISSING_APP_TOKEN
    assert "SLACK_APP_TOKEN" in str(caught.value) and "connections:write" in str(caught.value)


def test_missing_bot_token_fails_with_a_clear_message(
    make_settings: Callable[..., Settings],
) -> None:
    with pytest.raises(CitedError, match="SLACK_BOT_TOKEN") as caught:
        run_socket_mode(make_settings(SLACK_APP_TOKEN="xapp-1-A0-1-abc"))
    assert str(caught.value) == MISSING_BOT_TOKEN


def test_a_bot_token_in_place_of_the_app_token_is_named(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(SLACK_APP_TOKEN=BOT_TOKEN, SLACK_BOT_TOKEN=BOT_TOKEN)
    with pytest.raises(CitedError, match="xapp-"):
        run_socket_mode(settings)


def test_socket_mode_requests_reach_the_same_listeners(
    engine: Any, make_settings: Callable[..., Settings]
) -> None:
    """No signing secret (Socket Mode needs none): a socket_mode request is answered."""
    with running_stub() as stub:
        settings = make_settings(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN="xapp-1-A0-1-abc",
                                 SLACK_API_BASE_URL=stub.base_url)
        store = ConversationStore(settings.database_path)
        app = build_slack_app(settings, lambda: engine, store)
        try:
            event = mention("Why does Pakistan host the Taliban leadership?")
            body = json.dumps(event_envelope(event))
            response = app.dispatch(BoltRequest(body=body, mode="socket_mode"))
            assert response.status == 200
            (post,) = stub.assert_received("chat.postMessage", 1)
            assert post.body["thread_ts"] == event["ts"]
            # The same request over HTTP without a signature would be refused: not here.
            assert app.dispatch(BoltRequest(body=body, mode="http")).status == 401
        finally:
            app.close()
            store.close()



def run_cited_slack(settings: Settings, engine: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, Any]:
    """`cited slack` through click's runner with these settings: exit code, output, exception."""
    from click.testing import CliRunner

    from service import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    monkeypatch.setattr("service.engine.load_engine", lambda _settings: engine)
    result = CliRunner().invoke(cli.main, ["slack"])
    return result.exit_code, result.output, result.exception


def test_slack_out_of_reach_is_one_line_not_a_traceback(
    engine: Any, make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`cited slack` with Slack unreachable (here a closed loopback port, never the internet)
    exits 1 with one line naming what failed, not urllib's traceback."""
    unreachable = f"http://127.0.0.1:{closed_port()}/api/"
    settings = make_settings(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN="xapp-1-A0-1-abc",
                             SLACK_API_BASE_URL=unreachable)
    code, output, exception = run_cited_slack(settings, engine, monkeypatch)
    assert code == 1 and not isinstance(exception, OSError), output
    assert "Traceback" not in output
    (line,) = output.strip().splitlines()
    assert line.startswith("Error: could not reach Slack at " + unreachable), line


def test_a_refused_bot_token_is_one_line(
    engine: Any, make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch,
) -> None:
    with running_stub() as stub:
        stub.fail("auth.test", "invalid_auth")
        settings = make_settings(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN="xapp-1-A0-1-abc",
                                 SLACK_API_BASE_URL=stub.base_url)
        code, output, _ = run_cited_slack(settings, engine, monkeypatch)
    assert code == 1
    assert output.strip().splitlines() == ["Error: Slack refused SLACK_BOT_TOKEN: invalid_auth"]


def closed_port() -> int:
    """A loopback port nothing listens on: bound once to learn a free number, then closed."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
