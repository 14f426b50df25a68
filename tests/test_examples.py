"""The example question a user is shown first (the README's request, the page's placeholder,
the Slack command's usage hint and notices) is one question, and the service answers it with a
sentence that does answer it: an example that abstains or quotes a bystander sentence is the
first thing a new user would distrust."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from service.slack.answers import BAD_QUESTION
from service.slack.listeners import USAGE

REPO = Path(__file__).resolve().parent.parent


def _readme_example() -> str:
    found = re.search(r'"question": "([^"]+)"', (REPO / "README.md").read_text(encoding="utf-8"))
    assert found is not None, "the README's curl example has no question"
    return found.group(1)


def _shown_examples() -> dict[str, str]:
    page = (REPO / "service" / "api" / "static" / "index.html").read_text(encoding="utf-8")
    placeholder = re.search(r'placeholder="e\.g\. ([^"]+)"', page)
    assert placeholder is not None, "the page's question box has no example"
    manifest = yaml.safe_load((REPO / "deploy" / "slack-manifest.yml").read_text(encoding="utf-8"))
    (command,) = manifest["features"]["slash_commands"]
    slack_usage = re.search(r"`/ask ([^`]+)`", USAGE)
    slack_help = re.search(r"`/ask ([^`]+)`", BAD_QUESTION)
    assert slack_usage is not None and slack_help is not None
    return {
        "README": _readme_example(),
        "page": placeholder.group(1),
        "Slack manifest": command["usage_hint"],
        "Slack usage": slack_usage.group(1),
        "Slack bad-question notice": slack_help.group(1),
    }


def test_every_surface_shows_the_same_example_question() -> None:
    shown = _shown_examples()
    assert len(set(shown.values())) == 1, shown


def test_the_example_question_is_answered_by_its_first_result(engine: Any) -> None:
    answer = engine.ask(_readme_example())
    assert not answer.abstained and answer.sentences
    lead = answer.sentences[0]
    top = answer.results[0]
    # The lead quote is a highlighted sentence of the top result, and it is about the fence
    # the question asks about (not a neighbouring paragraph's sentence).
    assert lead.unit_id == top.hit.unit.id
    assert any(top.hit.unit.text[a:b] == lead.text for a, b in top.highlights)
    assert "fence" in lead.text.lower()
