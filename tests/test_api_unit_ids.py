"""Unit ids that hold a Markdown heading's words, spaces and "/" included
("talks-note:p:Talks and their sources.Pros/cons of talks.1"), reach every route that takes a
unit id, over real HTTP with a real index of a Markdown note (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from service.settings import Settings
from tests.support.server import serve_app

SLASHED = "talks-note:p:Talks and their sources.Pros/cons of talks.1"


@pytest.fixture(scope="module")
def notes_engine(notes_corpus_settings: Settings, embedder: Any) -> Any:
    from service.engine import load_engine

    return load_engine(notes_corpus_settings, embedder=embedder)


@pytest.fixture
def client(notes_corpus_settings: Settings, notes_engine: Any, tmp_path: Path) -> Iterator[httpx.Client]:
    settings = notes_corpus_settings.model_copy(update={"database_path": tmp_path / "cited.db"})
    with serve_app(settings, notes_engine) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_the_note_has_an_id_with_a_slash_and_spaces(notes_engine: Any) -> None:
    assert SLASHED in {u.id for u in notes_engine.all_units()}


@pytest.mark.parametrize("safe", ["", "/"], ids=["slash-escaped", "slash-as-is"])
def test_units_and_their_context_are_reachable_by_ids_with_slashes(client: httpx.Client, safe: str) -> None:
    path = quote(SLASHED, safe=safe)
    unit = client.get(f"/v1/units/{path}")
    assert unit.status_code == 200, unit.text
    assert unit.json()["id"] == SLASHED
    context = client.get(f"/v1/units/{path}/context")
    assert context.status_code == 200, context.text
    assert context.json()["unit"]["id"] == SLASHED
    assert [n["number"] for n in context.json()["notes"]] == [1, 2]
    assert client.get(f"/v1/units/{quote('talks-note:p:no/such', safe=safe)}").status_code == 404


def test_feedback_takes_a_unit_id_with_spaces(client: httpx.Client) -> None:
    asked = client.post("/v1/ask", json={"question": "Do talks with the Taliban have pros and cons?"})
    assert asked.status_code == 200, asked.text
    body = asked.json()
    returned = [r["unit_id"] for r in body["results"]]
    assert SLASHED in returned
    response = client.post("/v1/feedback", json={"ask_id": body["ask_id"], "unit_id": SLASHED, "helpful": True})
    assert response.status_code == 200, response.text
    assert response.json()["unit_id"] == SLASHED
    # Still refused: a control character, which no unit id holds.
    bad = client.post("/v1/feedback", json={"ask_id": body["ask_id"], "unit_id": "a\x01b", "helpful": True})
    assert bad.status_code == 422
