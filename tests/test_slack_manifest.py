"""deploy/slack-manifest.yml asks Slack for exactly what the listeners handle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST = Path(__file__).resolve().parent.parent / "deploy" / "slack-manifest.yml"


def _manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_events_scopes_and_command_match_the_listeners() -> None:
    manifest = _manifest()
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_mention",
        "message.channels",
        "message.groups",
        "message.im",
    }
    assert settings["interactivity"]["is_enabled"] is True  # the buttons
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history"} <= scopes
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/ask"]
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True  # DMs


def test_fields_are_within_slack_manifest_limits() -> None:
    info = _manifest()["display_information"]
    assert len(info["name"]) <= 35
    assert len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    assert len(_manifest()["features"]["bot_user"]["display_name"]) <= 80
