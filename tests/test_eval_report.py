"""Reports of an evaluation: terminal tables, Markdown, JSON and the PNG chart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from matplotlib.image import imread
from rich.console import Console

from service.evaluate.ask import Reply, Returned
from service.evaluate.questions import Question
from service.evaluate.report import (
    chart_figure,
    format_value,
    markdown,
    print_report,
    report_dict,
    snippet,
    write_chart,
    write_json,
    write_markdown,
)
from service.evaluate.run import EvalReport, Outcome, score_mode

LONG = "The Taliban | leadership " + "word " * 40  # a pipe to escape, longer than a snippet


def outcome(qid: str, kind: str, relevant: set[str], returned: list[str], abstained: bool = False) -> Outcome:
    question = Question(qid, f"What about {qid}?", ("gold",) if relevant else (), kind, "set.jsonl", len(qid))
    reply = Reply(abstained, tuple(Returned(uid, f"{uid}: {LONG}") for uid in returned))
    return Outcome(question, reply, 12.0, frozenset(relevant))


@pytest.fixture
def report() -> EvalReport:
    """Two modes over four questions; 'miss' is missed by both, 'ood' only by bm25."""
    hybrid = [
        outcome("hit", "passage", {"u1"}, ["u1", "u2"]),
        outcome("miss", "footnote", {"u9"}, ["u1", "u2", "u3", "u4", "u5", "u6"]),
        outcome("ood", "out-of-domain", set(), [], abstained=True),
    ]
    bm25 = [
        outcome("hit", "passage", {"u1"}, ["u2", "u1"]),
        outcome("miss", "footnote", {"u9"}, []),
        outcome("ood", "out-of-domain", set(), ["u7"]),
    ]
    return EvalReport(
        ("set.jsonl",), "in-process", 10, (score_mode("hybrid", hybrid, 10), score_mode("bm25", bm25, 10))
    )


def test_format_value() -> None:
    assert format_value("hit@5", None) == "–"
    assert format_value("hit@5", 2 / 3) == "0.667"
    assert format_value("questions", 86.0) == "86"
    assert format_value("latency_p95_ms", 487.4) == "487"


def test_snippet_is_the_first_100_characters_on_one_line() -> None:
    assert snippet("a\n  b") == "a b"
    long = snippet("x" * 150)
    assert long == "x" * 100 + "…"


def test_terminal_tables_put_modes_side_by_side(report: EvalReport) -> None:
    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=200), max_misses=1)
    text = buffer.getvalue()
    hit1_row = next(line for line in text.splitlines() if "hit@1" in line)
    # hybrid ranks the gold first for 1 of 2 answerable questions, bm25 for none
    assert [cell.strip() for cell in hit1_row.split("│")[2:4]] == ["0.500", "0.000"]
    assert "hybrid" in text and "bm25" in text and "out-of-domain" in text
    assert "missed (bm25): 2" in text and "… and 1 more" in text


def test_markdown_lists_misses_with_their_top_three_results(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    write_markdown(report, path)
    text = path.read_text(encoding="utf-8")
    assert text == markdown(report)
    assert "| metric | hybrid | bm25 |" in text
    assert "| hit@1 | 0.500 | 0.000 |" in text and "| abstain_recall | 1.000 | 0.000 |" in text
    assert "## Missed questions (hybrid: 1)" in text and "## Missed questions (bm25: 2)" in text
    hybrid_misses = text.split("## Missed questions (hybrid: 1)")[1].split("## ")[0]
    assert "**miss** (footnote, `set.jsonl:4`): no returned unit contains a gold string" in text
    assert "1. `u1`: u1: The Taliban \\| leadership" in hybrid_misses  # pipes escaped
    assert "3. `u3`" in hybrid_misses and "4. `u4`" not in hybrid_misses
    assert "…" in hybrid_misses and "(no results)" in text  # bm25 returned nothing for 'miss'
    assert "## How relevance is decided" in text and "An abstained answer retrieves" in text


def test_json_report_carries_metrics_kinds_misses_and_questions(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(report_dict(report)))
    hybrid = data["modes"]["hybrid"]
    assert hybrid["metrics"]["hit@1"] == 0.5 and hybrid["metrics"]["abstain_precision"] == 1.0
    assert hybrid["kinds"]["out-of-domain"]["mrr@10"] is None
    (miss,) = hybrid["misses"]
    assert miss["id"] == "miss" and miss["where"] == "set.jsonl:4" and len(miss["top"]) == 3
    assert all(len(r["text"]) <= 101 for r in miss["top"])
    assert [q["first_hit_rank"] for q in hybrid["questions"]] == [1, None, None]
    assert [m["id"] for m in data["modes"]["bm25"]["misses"]] == ["miss", "ood"]


def test_chart_is_a_png(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    write_chart(report, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert imread(path).shape[:2] == (500, 1200)


@pytest.fixture
def three_modes(report: EvalReport) -> EvalReport:
    """`report` with a third mode, as `cited eval --mode all` prints it."""
    dense = [
        outcome("hit", "passage", {"u1"}, ["u1"]),
        outcome("miss", "chat-followup", {"u9"}, ["u3"]),
        outcome("ood", "out-of-domain", set(), [], abstained=True),
    ]
    hybrid, bm25 = report.modes
    return EvalReport(report.files, report.target, report.k, (hybrid, score_mode("dense", dense, 10), bm25))


def test_terminal_report_is_readable_in_80_columns(three_modes: EvalReport, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every mode, metric and kind printed whole: nothing cut to `hyb…` at COLUMNS=80."""
    monkeypatch.setenv("COLUMNS", "80")
    buffer = io.StringIO()
    print_report(three_modes, Console(file=buffer), max_misses=0)  # the CLI's Console() reads COLUMNS
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not [line for line in lines if "…" in line]
    header = next(line for line in lines if "mode" in line and "kind" in line)
    columns = ["kind", "n", "mode", "hit@5", "mrr@10", "source_hit", "success"]
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == columns
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines if "│" in line]
    assert ["chat-followup", "1", "hybrid", "–", "–", "–", "–"] in rows
    assert ["", "", "dense", "0.000", "0.000", "–", "0.000"] in rows


def test_chart_shows_the_answer_metrics_and_its_legend_covers_no_bars(three_modes: EvalReport) -> None:
    figure = chart_figure(three_modes)
    left, right = figure.axes
    labels = [label.get_text() for label in left.get_xticklabels()]
    assert {"hit@5", "mrr@10", "answer_hit@1", "answer_hit@3", "abstain_recall"} <= set(labels)
    assert left.get_legend() is None and right.get_legend() is None
    (legend,) = figure.legends
    assert [text.get_text() for text in legend.get_texts()] == ["hybrid", "dense", "bm25"]
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)  # lays the figure out, as savefig does
    box = legend.get_window_extent(renderer)
    assert not any(box.overlaps(axes.get_window_extent(renderer)) for axes in figure.axes)
