"""`cited eval` through click's CliRunner: reports written, thresholds turned into exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from service.evaluate.cli import eval_command
from service.settings import Settings, get_settings
from service.verdict import ABSTAIN_REASONS
from tests.conftest import CORPUS
from tests.support.server import RunningServer, serve_in_thread

QUESTIONS = [
    {
        "id": "f1",
        "question": "Khalilzad meets Bajwa amid Afghan peace push",
        "gold": ["Khalilzad meets Bajwa"],
        "kind": "footnote",
    },
    {"id": "o1", "question": "Who won the 2018 FIFA World Cup?", "gold": [], "kind": "out-of-domain"},
    {
        "id": "c1a",
        "question": "Which faction did Pakistan first back among the mujahideen?",
        "gold": ["first included Gulbuddin Hekmatyar"],
        "kind": "chat",
        "conversation": "c1",
    },
    {"id": "c1b", "question": "Who led it?", "gold": ["Hekmatyar"], "kind": "chat-followup", "conversation": "c1"},
]


@pytest.fixture
def question_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    return path


@pytest.fixture
def serve(make_settings: Callable[..., Settings], engine: Any) -> Iterator[Callable[..., RunningServer]]:
    """Start the real app (settings overridable) on a free loopback port, once per test."""
    from contextlib import ExitStack

    from service.api.app import create_app

    with ExitStack() as stack:
        yield lambda **overrides: stack.enter_context(
            serve_in_thread(create_app(make_settings(**overrides), engine=engine))
        )


@pytest.fixture
def server(serve: Callable[..., RunningServer]) -> RunningServer:
    return serve()


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(eval_command, [str(a) for a in args])


def test_writes_the_three_reports_and_prints_the_table(
    server: RunningServer, question_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    result = run(
        question_file,
        "--url",
        server.url,
        "--json",
        out / "r.json",
        "--markdown",
        out / "r.md",
        "--chart",
        out / "r.png",
        "--fail-under",
        "hit@5=0.5",
        "--fail-over",
        "answerable_abstained=0",
    )
    assert result.exit_code == 0, result.output
    assert "hit@5" in result.stdout and "abstain_recall" in result.stdout
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["target"] == server.url and list(data["modes"]) == ["hybrid"]
    assert [q["id"] for q in data["modes"]["hybrid"]["questions"]] == ["f1", "o1", "c1a", "c1b"]
    assert data["modes"]["hybrid"]["metrics"]["hit@1"] is not None
    # Why each abstention abstained travels over HTTP into the per-question results and the counts.
    why = {q["id"]: q["abstain_reason"] for q in data["modes"]["hybrid"]["questions"]}
    assert why["o1"] in ABSTAIN_REASONS and why["f1"] is None
    counted = {row["reason"]: row for row in data["modes"]["hybrid"]["abstain_reasons"]}
    assert counted[why["o1"]]["unanswerable"] >= 1
    assert "abstained by reason" in result.stdout
    assert "# Evaluation report" in (out / "r.md").read_text(encoding="utf-8")
    assert (out / "r.png").read_bytes()[:4] == b"\x89PNG"
    assert f"wrote {out / 'r.json'}" in result.stderr


def test_fail_under_exits_non_zero_naming_metric_value_and_threshold(
    server: RunningServer,
    question_file: Path,
    tmp_path: Path,
) -> None:
    report = tmp_path / "r.json"
    result = run(
        question_file,
        "--url",
        server.url,
        "--json",
        report,
        "--fail-under",
        "hit@1=1.01",
        "--fail-under",
        "hybrid:abstain_recall=0",
    )
    assert result.exit_code == 1
    hit1 = json.loads(report.read_text())["modes"]["hybrid"]["metrics"]["hit@1"]
    assert f"hit@1 (hybrid) = {hit1:.3f} is below the --fail-under threshold 1.01" in result.stderr
    assert "abstain_recall" not in result.stderr  # that gate passed
    assert report.exists()  # reports are written before the gate


def test_fail_over_exits_non_zero(server: RunningServer, question_file: Path) -> None:
    result = run(question_file, "--url", server.url, "--fail-over", "abstained=0")
    assert result.exit_code == 1
    assert "abstained (hybrid) = 0.250 is above the --fail-over threshold 0" in result.stderr


def test_an_undefined_metric_fails_its_gate(server: RunningServer, tmp_path: Path) -> None:
    # Only unanswerable questions: no hit@5 can be computed, and a gate on it must not pass.
    path = tmp_path / "ood.jsonl"
    path.write_text(json.dumps(QUESTIONS[1]) + "\n", encoding="utf-8")
    result = run(path, "--url", server.url, "--fail-under", "hit@5=0.5")
    assert result.exit_code == 1
    assert "hit@5 (hybrid) is undefined on this question set, so it cannot meet --fail-under 0.5" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-under", "hit@7=0.5"], "unknown metric 'hit@7'"),
        (["--fail-under", "hit@5"], "expected [MODE:]METRIC=VALUE"),
        (["--fail-over", "hit@5=high"], "'high' is not a number"),
        (["--fail-under", "dense:hit@5=0.5"], "mode 'dense' is not evaluated here"),
        (["--mode", "all"], "serves hybrid retrieval only"),
        (["--k", "21"], "21 is not in the range 1<=x<=20"),
    ],
)
def test_usage_errors(question_file: Path, args: list[str], message: str) -> None:
    result = run(question_file, "--url", "http://127.0.0.1:9", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_bad_question_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(QUESTIONS[0]) + "\n{oops\n", encoding="utf-8")
    result = run(path, "--url", "http://127.0.0.1:9")
    assert result.exit_code == 1
    assert f"Error: {path}:2: invalid JSON" in result.stderr


def test_sends_the_configured_api_key(
    serve: Callable[..., RunningServer], question_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve(api_key="s3cret-key")
    refused = run(question_file, "--url", server.url)
    assert refused.exit_code == 1 and "answered 401 to f1" in refused.stderr
    monkeypatch.setenv("CITED_API_KEY", "s3cret-key")
    get_settings.cache_clear()
    assert run(question_file, "--url", server.url).exit_code == 0


@pytest.mark.slow
def test_in_process_all_modes(
    built_index_dir: Path, question_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITED_INDEX_DIR", str(built_index_dir))
    monkeypatch.setenv("CITED_CORPUS_DIR", str(CORPUS))
    get_settings.cache_clear()
    report = tmp_path / "r.json"
    result = run(question_file, "--mode", "all", "--json", report, "--fail-under", "bm25:questions=4")
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["target"] == "in-process" and list(data["modes"]) == ["hybrid", "dense", "bm25"]
    header = next(line for line in result.stdout.splitlines() if "metric" in line)
    assert header.index("hybrid") < header.index("dense") < header.index("bm25")


def test_no_misses_keeps_the_metrics_and_hides_the_missed_questions(server: RunningServer, tmp_path: Path) -> None:
    path = tmp_path / "miss.jsonl"
    missed = {
        "id": "m1",
        "question": "Khalilzad meets Bajwa amid Afghan peace push",
        "gold": ["a sentence no document contains"],
        "kind": "passage",
    }
    path.write_text(json.dumps(missed) + "\n", encoding="utf-8")
    shown = run(path, "--url", server.url)
    assert shown.exit_code == 0, shown.output
    assert "missed (hybrid): 1" in shown.stdout and "m1" in shown.stdout
    hidden = run(path, "--url", server.url, "--no-misses")
    assert hidden.exit_code == 0, hidden.output
    assert "hit@5" in hidden.stdout and "missed" not in hidden.stdout and "m1" not in hidden.stdout
