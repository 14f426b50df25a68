"""`cited sources …`: what footnotes cite. Each command parses, calls the library, prints.

- `cited sources profile ID [--json] [--chart OUT.png]`: a document's source profile, from the
  published index (the same figures as `GET /v1/documents/{id}/sources`), as text, JSON or a
  chart (service.source_chart);
- `cited sources parse TEXT`: the sources one footnote names, as JSON;
- `cited sources score LABELS.jsonl`: the parser's precision and recall per field on
  hand-labelled footnotes, or the attribution reader's on hand-labelled sentences
  (service.citation_score), with gates.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from service.catalog import load_catalog
from service.citation_score import FIELDS, PARTS, Score, load_labels, score_labels, score_table
from service.citations import parse_sources
from service.cli_errors import friendly_errors
from service.errors import CitedError, NotFound, quote
from service.schemas import SourceProfileOut, sources_out
from service.settings import get_settings
from service.source_profile import Citations, SourceProfile

OUT = click.Path(dir_okay=False, writable=True, path_type=Path)
TABLE_HEADER = ["field", "given", "labelled", "right", "precision", "recall"]


@click.group()
def sources() -> None:
    """What footnotes cite: a document's source profile, one footnote parsed, the parser scored."""


@sources.command()
@click.argument("document_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the body GET /v1/documents/{id}/sources returns.")
@click.option("--chart", "chart_out", type=OUT, default=None, help="Write the profile as a PNG chart.")
@friendly_errors
def profile(document_id: str, as_json: bool, chart_out: Path | None) -> None:
    """A document's sources: counts by kind, the outlets cited most, interviews by month."""
    from service.store import load_published_units

    settings = get_settings()
    units = load_published_units(settings)
    if document_id not in {u.document_id for u in units}:  # every document has its card
        raise NotFound(f"no document {quote(document_id)}")
    found = Citations(units).profile(document_id)
    if as_json:
        click.echo(SourceProfileOut.from_profile(found).model_dump_json(indent=2))
    else:
        click.echo("\n".join(profile_lines(found)))
    if chart_out is not None:
        from service.source_chart import write_source_chart

        chart_out.parent.mkdir(parents=True, exist_ok=True)
        write_source_chart(found, chart_out, _title(settings.corpus_dir, document_id))
        click.echo(f"wrote {chart_out}", err=True)


def _title(corpus_dir: Path, document_id: str) -> str | None:
    """The document's catalog title, when the corpus is here (an index may ship without it)."""
    try:
        return next((d.title for d in load_catalog(corpus_dir) if d.id == document_id), None)
    except CitedError:
        return None


def profile_lines(found: SourceProfile) -> list[str]:
    """The profile as aligned text lines."""
    lines = [
        f"{found.document_id}: {found.citations} citations in {found.citing_footnotes} of {found.footnotes} "
        f"footnotes ({found.short_references} by op. cit. or ibid.)",
        "By kind:",
        *(f"  {kind:<20} {n:>5}" for kind, n in found.by_kind),
        "Outlets cited most:",
        *(f"  {outlet:<40} {n:>5}" for outlet, n in found.outlets),
        "Interviews by month:",
        *(f"  {month:<20} {n:>5}" for month, n in found.interviews_by_month),
    ]
    if found.undated_interviews:
        lines.append(f"  {'without a month':<20} {found.undated_interviews:>5}")
    return lines


@sources.command()
@click.argument("text")
def parse(text: str) -> None:
    """The sources one footnote's TEXT names, as JSON (an op. cit. it cannot resolve alone is `other`)."""
    click.echo(json.dumps([s.model_dump() for s in sources_out(parse_sources(text))], ensure_ascii=False, indent=2))


@sources.command()
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--part", type=click.Choice([*PARTS, "all"]), default="all", show_default=True)
@click.option("--markdown", "markdown_out", type=OUT, default=None, help="Write the tables as Markdown.")
@click.option(
    "--fail-under",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Exit 1 when FIELD's precision or recall is below VALUE in a part scored (repeatable).",
)
@friendly_errors
def score(labels: Path, part: str, markdown_out: Path | None, fail_under: tuple[str, ...]) -> None:
    """Precision and recall per field of the footnote parser (or, for lines of style "in-text", the
    attribution reader) on a labelled set (JSON Lines)."""
    gates = [_gate(g) for g in fail_under]
    parts = list(PARTS) if part == "all" else [part]
    scores = score_labels(load_labels(labels), parts)
    for found in scores.values():
        click.echo(f"{found.part}: {found.footnotes} {found.noun}")
        for row in [TABLE_HEADER, *score_table(found)]:
            click.echo("  ".join(f"{cell:>14}" for cell in row))
    if markdown_out is not None:
        markdown_out.write_text(score_markdown(list(scores.values())), encoding="utf-8")
        click.echo(f"wrote {markdown_out}", err=True)
    failures = [f for found in scores.values() for f in gate_failures(found, gates)]
    if failures:
        raise click.ClickException("\n".join(failures))


def _gate(text: str) -> tuple[str, float]:
    name, sep, raw = text.partition("=")
    if not sep or name not in FIELDS:
        raise click.BadParameter(f"{text!r}: expected FIELD=VALUE, FIELD one of {', '.join(FIELDS)}")
    try:
        return name, float(raw)
    except ValueError:
        raise click.BadParameter(f"{text!r}: {raw!r} is not a number") from None


def gate_failures(found: Score, gates: Sequence[tuple[str, float]]) -> list[str]:
    """A sentence per gate a part fails: its field's precision or recall below the value."""
    failures = []
    for name, floor in gates:
        count = found.fields[name]
        for measure, value in (("precision", count.precision), ("recall", count.recall)):
            if value is None or value < floor:
                shown = "undefined" if value is None else f"{value:.3f}"
                failures.append(f"{found.part}: {name} {measure} {shown} is below --fail-under {floor:g}")
    return failures


def score_markdown(scores: Sequence[Score]) -> str:
    """One Markdown table per part."""
    out: list[str] = []
    for found in scores:
        out += [f"{found.part} ({found.footnotes} {found.noun})", "", "| " + " | ".join(TABLE_HEADER) + " |"]
        out.append("|" + " --- |" * len(TABLE_HEADER))
        out += ["| " + " | ".join(row) + " |" for row in score_table(found)]
        out.append("")
    return "\n".join(out)
