"""`cited eval`: run question sets in-process or against a running service, report, and gate.

The command parses, calls service.evaluate.run, prints (service.evaluate.report) and turns thresholds
into an exit code. Registered in the CLI group with `main.add_command(eval_command)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from service.errors import CitedError
from service.evaluate.report import format_value, print_report, write_chart, write_json, write_markdown
from service.evaluate.run import (
    EvalReport,
    Question,
    evaluate_engine,
    evaluate_url,
    load_questions,
    metric_names,
)
from service.records import MAX_TOP_K, MODES, Mode
from service.settings import get_settings


@dataclass(frozen=True)
class Threshold:
    """A gate on one metric: at least (`--fail-under`) or at most (`--fail-over`) a value."""

    metric: str
    value: float
    minimum: bool  # True: the metric must be >= value; False: <= value
    mode: str | None = None  # None: every mode evaluated

    def failure(self, mode: str, value: float | None) -> str | None:
        """A sentence naming metric, value and threshold when `value` fails the gate."""
        option = "--fail-under" if self.minimum else "--fail-over"
        if value is None:
            return (
                f"{self.metric} ({mode}) is undefined on this question set, so it cannot meet {option} {self.value:g}"
            )
        if (value < self.value) if self.minimum else (value > self.value):
            side = "below" if self.minimum else "above"
            return (
                f"{self.metric} ({mode}) = {format_value(self.metric, value)} is {side} "
                f"the {option} threshold {self.value:g}"
            )
        return None


def parse_threshold(text: str, *, minimum: bool, k: int, modes: Sequence[str]) -> Threshold:
    """'[MODE:]METRIC=VALUE' -> Threshold; BadParameter names what is wrong."""
    option = "--fail-under" if minimum else "--fail-over"
    target, sep, raw = text.partition("=")
    mode, _, metric = target.rpartition(":") if ":" in target else ("", "", target)
    metric = metric.strip()
    if not sep or not metric:
        raise click.BadParameter(f"{text!r}: expected [MODE:]METRIC=VALUE", param_hint=option)
    if metric not in metric_names(k):
        names = ", ".join(metric_names(k))
        raise click.BadParameter(f"unknown metric {metric!r}; one of {names}", param_hint=option)
    if mode and mode not in modes:
        raise click.BadParameter(f"mode {mode!r} is not evaluated here ({', '.join(modes)})", param_hint=option)
    try:
        value = float(raw)
    except ValueError:
        raise click.BadParameter(f"{text!r}: {raw!r} is not a number", param_hint=option) from None
    return Threshold(metric, value, minimum, mode or None)


def threshold_failures(report: EvalReport, thresholds: Sequence[Threshold]) -> list[str]:
    """Every failed gate, one sentence each (empty when all pass)."""
    failures: list[str] = []
    for threshold in thresholds:
        for mode in report.modes:
            if threshold.mode in (None, mode.mode):
                failure = threshold.failure(mode.mode, mode.metrics.get(threshold.metric))
                failures += [failure] if failure else []
    return failures


Evaluator = Callable[[Callable[[], None]], EvalReport]  # called with a progress callback


def _evaluator(questions: list[Question], modes: list[Mode], k: int, url: str | None, err: Console) -> Evaluator:
    """What to run: the service at `url`, or the engine loaded here."""
    settings = get_settings()
    if url is not None:
        key = settings.api_key  # a protected service needs what its users send
        headers = {"Authorization": f"Bearer {key.get_secret_value()}"} if key else {}
        return lambda advance: evaluate_url(url, questions, k=k, on_progress=advance, headers=headers)
    from service.engine import load_engine  # heavy: only when evaluating in-process

    err.print("loading the index and the model…")
    engine = load_engine(settings)
    return lambda advance: evaluate_engine(engine, questions, modes=modes, k=k, on_progress=advance)


def _run(questions: list[Question], modes: list[Mode], k: int, url: str | None) -> EvalReport:
    """Evaluate with a progress bar on stderr."""
    err = Console(stderr=True)
    evaluate = _evaluator(questions, modes, k, url, err)
    columns = (TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("evaluating", total=len(questions) * len(modes))
        return evaluate(lambda: progress.advance(task))


def _write(path: Path | None, writer: Callable[[EvalReport, Path], None], report: EvalReport) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(report, path)
        click.echo(f"wrote {path}", err=True)


def _calibrate(questions: list[Question]) -> None:
    """Fit the score map on `questions` and save it where the engine loads it from."""
    from service.calibration import CALIBRATION_FILE, save_calibration, unfitted
    from service.engine import load_engine
    from service.evaluate.calibrate import fit_calibration

    err = Console(stderr=True)
    err.print("loading the index and the model…")
    # The evidence is read without the saved map, which may have been fitted on other features.
    engine = load_engine(get_settings(), calibration=unfitted())
    columns = (TextColumn("calibrating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("calibrating", total=len(questions))
        calibration = fit_calibration(engine, questions, lambda: progress.advance(task))
    save_calibration(calibration)
    click.echo(f"wrote {CALIBRATION_FILE} (abstain below {calibration.abstain_below:.3f})", err=True)


OUT = click.Path(dir_okay=False, writable=True, path_type=Path)
GATE = "[MODE:]METRIC=VALUE"


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mode",
    type=click.Choice([*MODES, "all"]),
    default="hybrid",
    show_default=True,
    help="Retrieval mode; 'all' puts hybrid, dense and bm25 side by side.",
)
@click.option("--k", "k", type=click.IntRange(1, MAX_TOP_K), default=10, show_default=True, help="Cut-off of recall@k.")
@click.option("--url", default=None, help="Ask a running service (POST URL/v1/ask) instead.")
@click.option("--json", "json_out", type=OUT, default=None, help="Write a JSON report.")
@click.option("--markdown", "markdown_out", type=OUT, default=None, help="Write a Markdown report.")
@click.option("--chart", "chart_out", type=OUT, default=None, help="Write a PNG chart.")
@click.option(
    "--fail-under", multiple=True, metavar=GATE, help="Exit 1 when METRIC is below VALUE (repeatable), e.g. hit@5=0.8."
)
@click.option(
    "--fail-over",
    multiple=True,
    metavar=GATE,
    help="Exit 1 when METRIC is above VALUE (repeatable), e.g. answerable_abstained=0.1.",
)
@click.option(
    "--calibrate",
    is_flag=True,
    help="Fit the score calibration on FILES (the development set, never the held-out one), "
    "write it to service/calibration.json, then evaluate with it.",
)
@click.option(
    "--misses/--no-misses",
    default=True,
    show_default=True,
    help="List the missed questions. A held-out set's gate runs with --no-misses, so "
    "that its failures are not read, and tuned on, by everyone who runs the tests.",
)
def eval_command(
    files: tuple[Path, ...],
    mode: str,
    k: int,
    url: str | None,
    json_out: Path | None,
    markdown_out: Path | None,
    chart_out: Path | None,
    fail_under: tuple[str, ...],
    fail_over: tuple[str, ...],
    calibrate: bool,
    misses: bool,
) -> None:
    """Run question sets (JSON Lines) and report retrieval and abstention metrics.

    In-process by default; with --url, against a running service exactly as users reach it.
    """
    modes: list[Mode] = list(MODES) if mode == "all" else [m for m in MODES if m == mode]
    if url is not None and modes != ["hybrid"]:
        raise click.UsageError(
            "--url evaluates the running service, which serves hybrid "
            "retrieval only; drop --url to compare modes in-process."
        )
    thresholds = [
        *(parse_threshold(t, minimum=True, k=k, modes=modes) for t in fail_under),
        *(parse_threshold(t, minimum=False, k=k, modes=modes) for t in fail_over),
    ]
    if calibrate and url is not None:
        raise click.UsageError("--calibrate fits on the engine loaded here; drop --url.")
    try:
        if calibrate:
            _calibrate(load_questions(files))
        report = _run(load_questions(files), modes, k, url)
    except CitedError as exc:
        raise click.ClickException(str(exc)) from exc
    print_report(report, Console(), max_misses=10 if misses else 0)
    _write(json_out, write_json, report)
    _write(markdown_out, write_markdown, report)
    _write(chart_out, write_chart, report)
    failures = threshold_failures(report, thresholds)
    if failures:
        raise click.ClickException("\n".join(failures))
