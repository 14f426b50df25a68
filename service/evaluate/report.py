"""Reports of an evaluation: a terminal table, Markdown, JSON and a PNG chart.

Every report carries the same numbers (service.evaluate.run computes them), the questions missed
with the top results the engine returned (so a developer sees why), and the rules that decide
relevance (run.RELEVANCE_NOTES).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from service.calibration import Bin
from service.evaluate.run import RELEVANCE_NOTES, EvalReport, ModeReport, Outcome, metric_names

SHOWN_RESULTS = 3  # results listed under each missed question
SNIPPET_CHARS = 100
KIND_COLUMNS = (
    "hit@1",
    "hit@5",
    "mrr@10",
    "ndcg@10",
    "all_quoted",
    "source_hit",
    "list_precision",
    "list_recall",
    "abstained",
    "success",
    "latency_p50_ms",
)
TERMINAL_KIND_COLUMNS = ("hit@5", "mrr@10", "source_hit", "success")
# The chart's left panel, the metrics from the first to the last of these in table order:
# ranking, then the extractive answer (and source_hit), then abstention.
CHART_SPAN = ("hit@1", "abstain_recall")
_COUNTS = {"questions", "answerable"}


def format_value(name: str, value: float | None) -> str:
    """A metric as the tables print it; '–' when it is undefined (e.g. nothing abstained)."""
    if value is None or math.isnan(value):
        return "–"
    if name in _COUNTS:
        return str(int(value))
    if name.startswith("latency"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def snippet(text: str) -> str:
    """The first SNIPPET_CHARS characters of a text, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[:SNIPPET_CHARS] + "…"


def _modes(report: EvalReport) -> list[str]:
    return [mode.mode for mode in report.modes]


def _kinds(report: EvalReport) -> list[str]:
    return list(dict.fromkeys(kind for mode in report.modes for kind in mode.kinds))


# Terminal ---------------------------------------------------------------------------------


def metrics_table(report: EvalReport) -> Table:
    """One row per metric, one column per mode: the modes side by side."""
    table = Table(title=f"cited eval: {report.target}, k={report.k}")
    table.add_column("metric")
    for mode in report.modes:
        table.add_column(mode.mode, justify="right")
    for name in metric_names(report.k):
        table.add_row(name, *(format_value(name, m.metrics.get(name)) for m in report.modes))
    return table


def kinds_table(report: EvalReport) -> Table:
    """Per question kind: the count, then hit@5, MRR@10, source_hit and success, one row per mode.

    Modes go down, not across: nine mode-and-metric columns were cut to `hyb… hit…` in an
    80-column terminal, while seven columns fit it with every mode.
    """
    several = len(report.modes) > 1
    table = Table(title="per kind")
    table.add_column("kind", no_wrap=True)
    table.add_column("n", justify="right")
    if several:
        table.add_column("mode", no_wrap=True)
    for name in TERMINAL_KIND_COLUMNS:
        table.add_column(name, justify="right", no_wrap=True)
    for kind in _kinds(report):
        count = next(m.kinds[kind]["questions"] for m in report.modes if kind in m.kinds)
        for row, mode in enumerate(report.modes):
            head = [kind, format_value("questions", count)] if row == 0 else ["", ""]
            cells = [format_value(name, mode.kinds.get(kind, {}).get(name)) for name in TERMINAL_KIND_COLUMNS]
            table.add_row(
                *head, *([mode.mode] if several else []), *cells, end_section=several and row == len(report.modes) - 1
            )
    return table


def _bin_cells(row: Bin) -> list[str]:
    def share(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    return [f"{row.low:.1f}–{row.high:.1f}", str(row.count), share(row.predicted), share(row.observed)]


RELIABILITY_HEADER = ["score", "results", "predicted", "observed"]


def reliability_table(mode: ModeReport) -> Table:
    """The reliability diagram as a table: per score bin, mean score against hit rate."""
    table = Table(title=f"score calibration ({mode.mode}): predicted vs observed")
    for column in RELIABILITY_HEADER:
        table.add_column(column, justify="right")
    for row in mode.reliability:
        table.add_row(*_bin_cells(row))
    return table


ABSTAIN_REASONS_HEADER = ["reason", "answerable abstained", "unanswerable abstained"]


def abstain_reasons_table(mode: ModeReport) -> Table:
    """Per abstention reason, how many answerable questions it withdrew (wrongly) and how many
    unanswerable ones (rightly): which check costs what (docs/tuning.md, session 43)."""
    table = Table(title=f"abstained by reason ({mode.mode})")
    for column in ABSTAIN_REASONS_HEADER:
        table.add_column(column, justify="left" if column == "reason" else "right")
    for reason, answerable, unanswerable in mode.abstain_reasons:
        table.add_row(reason, str(answerable), str(unanswerable))
    return table


def misses_table(mode: ModeReport, limit: int) -> Table:
    """The first `limit` missed questions of a mode, with the reason and the top result."""
    table = Table(title=f"missed ({mode.mode}): {len(mode.misses)}")
    for column in ("id", "kind", "why", "top result"):
        table.add_column(column, overflow="fold")
    for outcome in mode.misses[:limit]:
        top = outcome.reply.results[0].unit_id if outcome.reply.results else "–"
        table.add_row(outcome.question.id, outcome.question.kind, outcome.miss_reason or "", top)
    return table


def print_report(report: EvalReport, console: Console, *, max_misses: int = 10) -> None:
    """The terminal summary: metrics, per-kind breakdown and the first `max_misses` missed
    questions (none listed at 0)."""
    console.print(metrics_table(report))
    console.print(kinds_table(report))
    for mode in report.modes:
        console.print(reliability_table(mode))
    for mode in report.modes:
        if mode.abstain_reasons:
            console.print(abstain_reasons_table(mode))
    for mode in report.modes:
        if mode.misses and max_misses > 0:
            console.print(misses_table(mode, max_misses))
            if len(mode.misses) > max_misses:
                console.print(f"… and {len(mode.misses) - max_misses} more (--markdown or --json lists them all)")


# JSON -------------------------------------------------------------------------------------


def _miss(outcome: Outcome) -> dict[str, Any]:
    question = outcome.question
    return {
        "id": question.id,
        "kind": question.kind,
        "question": question.question,
        "where": f"{question.file}:{question.line}",
        "conversation": question.conversation,
        "gold": list(question.gold),
        "reason": outcome.miss_reason,
        "abstain_reason": outcome.reply.abstain_reason,
        "top": [{"unit_id": r.unit_id, "text": snippet(r.text)} for r in outcome.reply.results[:SHOWN_RESULTS]],
    }


def _question(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.question.id,
        "kind": outcome.question.kind,
        "answerable": outcome.question.answerable,
        "abstained": outcome.reply.abstained,
        "abstain_reason": outcome.reply.abstain_reason,
        "first_hit_rank": outcome.first_hit_rank,
        "answer_rank": outcome.answer_rank,
        "all_quoted": outcome.all_quoted,
        "source_hit": outcome.source_hit,
        "list_scores": outcome.list_scores,
        "answer": list(outcome.reply.answer),
        "latency_ms": round(outcome.latency_ms, 2),
        "relevant": sorted(outcome.relevant),
        "returned": [r.unit_id for r in outcome.reply.results],
        "miss": outcome.miss_reason,
    }


def report_dict(report: EvalReport) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "files": list(report.files),
        "target": report.target,
        "k": report.k,
        "relevance": RELEVANCE_NOTES,
        "modes": {
            mode.mode: {
                "metrics": mode.metrics,
                "kinds": mode.kinds,
                "reliability": [vars(row) for row in mode.reliability],
                "abstain_reasons": [
                    {"reason": reason, "answerable": answerable, "unanswerable": unanswerable}
                    for reason, answerable, unanswerable in mode.abstain_reasons
                ],
                "misses": [_miss(o) for o in mode.misses],
                "questions": [_question(o) for o in mode.outcomes],
            }
            for mode in report.modes
        },
    }


def write_json(report: EvalReport, path: Path) -> None:
    """Write report_dict() to `path` (UTF-8, indented)."""
    path.write_text(json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# Markdown ---------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _markdown_kinds(mode: ModeReport) -> list[str]:
    rows = [
        [kind, format_value("questions", m["questions"]), *(format_value(n, m.get(n)) for n in KIND_COLUMNS)]
        for kind, m in mode.kinds.items()
    ]
    return _markdown_table(["kind", "n", *KIND_COLUMNS], rows)


def _markdown_misses(mode: ModeReport) -> list[str]:
    lines: list[str] = []
    for outcome in mode.misses:
        q = outcome.question
        gold = ", ".join(f"`{_cell(g)}`" for g in q.gold) or "[] (should abstain)"
        lines += [
            f"- **{q.id}** ({q.kind}, `{q.file}:{q.line}`): {outcome.miss_reason}",
            f"  - question: {_cell(q.question)}",
            f"  - gold: {gold}",
        ]
        lines += [
            f"  - {rank}. `{r.unit_id}`: {_cell(snippet(r.text))}"
            for rank, r in enumerate(outcome.reply.results[:SHOWN_RESULTS], start=1)
        ]
        if not outcome.reply.results:
            lines.append("  - (no results)")
    return lines or ["None."]


def markdown(report: EvalReport) -> str:
    """The report as a Markdown document."""
    files = ", ".join(f"`{f}`" for f in report.files)
    lines = [
        "# Evaluation report",
        "",
        f"Question sets: {files}. Target: {report.target}. k = {report.k}.",
        "",
        "## Metrics",
        "",
    ]
    rows = [[name, *(format_value(name, m.metrics.get(name)) for m in report.modes)] for name in metric_names(report.k)]
    lines += _markdown_table(["metric", *_modes(report)], rows)
    for mode in report.modes:
        lines += ["", f"## Per kind ({mode.mode})", "", *_markdown_kinds(mode)]
    for mode in report.modes:
        lines += [
            "",
            f"## Score calibration ({mode.mode}): predicted vs observed",
            "",
            *_markdown_table(RELIABILITY_HEADER, [_bin_cells(row) for row in mode.reliability]),
        ]
    for mode in report.modes:
        lines += ["", f"## Missed questions ({mode.mode}: {len(mode.misses)})", "", *_markdown_misses(mode)]
    lines += ["", "## How relevance is decided", "", RELEVANCE_NOTES, ""]
    return "\n".join(lines)


def write_markdown(report: EvalReport, path: Path) -> None:
    """Write markdown() to `path`."""
    path.write_text(markdown(report), encoding="utf-8")


# Chart ------------------------------------------------------------------------------------


def _bars(axes: Any, groups: list[str], values: dict[str, list[float]], title: str) -> None:
    """Grouped bars: one group per label, one bar per mode (NaN leaves a gap)."""
    width = 0.8 / max(len(values), 1)
    for i, (mode, heights) in enumerate(values.items()):
        axes.bar([g + i * width for g in range(len(groups))], heights, width, label=mode)
    axes.set_xticks([g + width * (len(values) - 1) / 2 for g in range(len(groups))])
    axes.set_xticklabels(groups, rotation=30, ha="right")
    axes.set_ylim(0, 1.05)
    axes.set_title(title)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def chart_metrics(k: int) -> list[str]:
    """The metrics the chart draws by mode (CHART_SPAN of metric_names)."""
    names = metric_names(k)
    first, last = CHART_SPAN
    return names[names.index(first) : names.index(last) + 1]


def chart_figure(report: EvalReport) -> Any:
    """The chart as a matplotlib Figure: the metrics per mode (ranking, answer, abstention),
    and per question kind the share answered right."""
    # No pyplot: no global state and no GUI backend, just a figure drawn by Agg.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    overall = chart_metrics(report.k)
    kinds = _kinds(report)
    figure = Figure(figsize=(12, 5), layout="constrained")
    left, right = figure.subplots(1, 2)
    _bars(left, overall, {m.mode: [_nan(m.metrics.get(n)) for n in overall] for m in report.modes}, "metrics by mode")
    _bars(
        right,
        kinds,
        {m.mode: [_nan(m.kinds.get(k, {}).get("success")) for k in kinds] for m in report.modes},
        "answered right, by kind",
    )
    # One legend for both panels, above them: inside either, it covered the tallest bars.
    handles, labels = left.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside upper center", ncols=max(len(labels), 1), frameon=False)
    FigureCanvasAgg(figure)  # attaches itself to the figure
    return figure


def write_chart(report: EvalReport, path: Path) -> None:
    """chart_figure() as a PNG at `path`."""
    chart_figure(report).savefig(path, format="png")
