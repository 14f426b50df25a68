"""The command line through click's CliRunner: `ask` (and a conversation continued from the shell),
`units`, `build` and `serve`'s arguments."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

import service.engine
from service.cli import main
from service.conversations.sqlite import ConversationStore
from service.settings import Settings
from tests.conftest import CORPUS
from tests.support.server import serve_app

QUESTION = "How many attacks did the TTP carry out in August?"
GENERATED = ("conversation_id", "ask_id")  # new for every ask


@pytest.fixture
def cli_env(built_index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITED_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("CITED_INDEX_DIR", str(built_index_dir))
    monkeypatch.setenv("CITED_DATABASE_PATH", str(tmp_path / "cli.db"))
    return built_index_dir


def cited(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
def test_ask_json_prints_the_body_post_v1_ask_returns(
    cli_env: Path, make_settings: Callable[..., Settings], engine: Any
) -> None:
    result = cited("ask", QUESTION, "--top-k", "3", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    with serve_app(make_settings(), engine) as url:
        served = httpx.post(url + "/v1/ask", json={"question": QUESTION, "top_k": 3}, timeout=30).json()
    assert printed.keys() == served.keys()
    assert all(printed[key] for key in GENERATED)
    assert {k: v for k, v in printed.items() if k not in GENERATED} == {
        k: v for k, v in served.items() if k not in GENERATED
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "   "], "Invalid value for QUESTION: String should have at least 1 character"),
        (["ask", "x", "--top-k", "21"], "21 is not in the range 1<=x<=20"),
        (["ask", "x", "--kind", "chapter"], "'chapter' is not one of"),
        (["serve", "--port", "eighty"], "'eighty' is not a valid integer"),
    ],
)
def test_bad_arguments_are_usage_errors(cli_env: Path, args: list[str], message: str) -> None:
    result = cited(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_units_prints_every_unit_as_json_lines(cli_env: Path, engine: Any) -> None:
    result = cited("units")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [u.id for u in engine.all_units()]
    assert {"id", "kind", "document_id", "section", "number", "text", "footnotes"} <= records[0].keys()
    footnote = next(r for r in records if r["kind"] == "footnote")
    assert isinstance(footnote["number"], int)


def test_build_says_when_the_index_is_up_to_date(cli_env: Path) -> None:
    result = cited("build")
    assert result.exit_code == 0, result.output
    assert "Index is up to date" in result.stdout


def test_units_without_an_index_is_one_line_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITED_INDEX_DIR", str(tmp_path / "empty"))
    result = cited("units")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "run `cited build`" in result.output


@pytest.fixture
def shell(cli_env: Path, monkeypatch: pytest.MonkeyPatch, engine: Any) -> Path:
    """The CLI over the session's engine (loading it again would only take longer); the
    database it writes, where `cited serve` would write it."""
    monkeypatch.setattr(service.engine, "load_engine", lambda settings, embedder=None: engine)
    return Path(os.environ["CITED_DATABASE_PATH"])


def test_ask_prints_its_conversation_and_a_follow_up_continues_it(shell: Path) -> None:
    first = cited("ask", "Who is Zabihullah Mujahid?")
    assert first.exit_code == 0, first.output
    conversation = first.stdout.strip().splitlines()[-1].split()[1]
    follow_up = cited(
        "ask", "What did he say Pakistan is like for the Taliban?", "--json", "--conversation", conversation
    )
    assert follow_up.exit_code == 0, follow_up.output
    body = json.loads(follow_up.stdout)
    assert body["conversation_id"] == conversation
    assert any("second home" in r["text"] for r in body["results"])
    store = ConversationStore(shell)
    try:
        assert [t.question for t in store.get_conversation(conversation).turns] == [
            "Who is Zabihullah Mujahid?",
            "What did he say Pakistan is like for the Taliban?",
        ]
    finally:
        store.close()


def test_an_unknown_conversation_is_one_line(shell: Path) -> None:
    result = cited("ask", "Who led it?", "--conversation", "nope")
    assert result.exit_code == 1 and "unknown conversation 'nope'" in result.output
    assert "Traceback" not in result.output


def test_serve_opens_the_conversation_store_once(cli_env: Path, engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # `cited serve` opens the store before uvicorn starts, so that a bad one is refused in one
    # line, and the app it serves uses that store rather than opening it again.
    import uvicorn
    from starlette.testclient import TestClient
    from uvicorn.importer import import_from_string

    import service.api.app
    import service.conversations
    import service.server

    opened: list[Any] = []
    real_open = service.conversations.open_store

    def counted_open(settings: Settings) -> Any:
        opened.append(real_open(settings))
        return opened[-1]

    def run(app: Any, **options: Any) -> None:  # what uvicorn does: make the app, run its lifespan
        assert options["factory"] is True
        factory = import_from_string(app) if isinstance(app, str) else app
        with TestClient(factory()) as client:
            assert client.get("/healthz").status_code == 200

    monkeypatch.setattr(service.conversations, "open_store", counted_open)
    monkeypatch.setattr(service.api.app, "open_store", counted_open)
    monkeypatch.setattr(service.api.app, "load_engine", lambda settings, embedder=None: engine)
    monkeypatch.setattr(service.server, "configure_logging", lambda log_format: None)
    monkeypatch.setattr(uvicorn, "run", run)
    result = cited("serve", "--port", "8765")
    assert result.exit_code == 0, result.output
    assert len(opened) == 1
