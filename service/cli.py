"""The `cited` command line: each command parses, calls the library, prints."""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import asdict
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from service.cli_errors import friendly_errors
from service.records import MAX_TOP_K, UNIT_KINDS
from service.settings import get_settings

err = Console(stderr=True)


@click.group()
@click.version_option(package_name="cited")
def main() -> None:
    """Retrieval-only question answering over footnoted reports, with exact citations."""


@main.command()
@click.option("--force", is_flag=True, help="Rebuild even when the index is up to date.")
@click.option("--no-wait", is_flag=True, help="Fail at once if another build is running (default: wait for it).")
@friendly_errors
def build(force: bool, no_wait: bool) -> None:
    """(Re)build the index from corpus/ into index/, atomically."""
    from service.build import build_index

    settings = get_settings()
    report = build_index(settings, force=force, progress=True, say=lambda m: err.print(m), wait=not no_wait)
    if report.up_to_date:
        click.echo(f"Index is up to date ({report.version}: {report.units} units). Nothing to do.")
        return
    click.echo(
        f"Built index {report.version}: {report.units} units, {report.vectors} vectors ({report.index_type}), "
        f"{report.embedded} texts embedded, {report.reused} reused, in {report.seconds:.1f} s."
    )
    click.echo("Stages: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.stages.items()))
    click.echo("Peak memory by the end of each stage: " + ", ".join(f"{n} {mb} MB" for n, mb in report.peak_mb.items()))


@main.command()
@click.argument("question")
@click.option("--top-k", type=click.IntRange(1, MAX_TOP_K), default=None, help=f"How many results (1-{MAX_TOP_K}).")
@click.option("--json", "as_json", is_flag=True, help="Print exactly the body POST /v1/ask returns.")
@click.option("--document", "documents", multiple=True, help="Only this document id (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(UNIT_KINDS), help="Only this kind.")
@click.option(
    "--conversation",
    "conversation_id",
    default=None,
    metavar="ID",
    help="Continue this conversation (the id a previous ask printed), as a follow-up.",
)
@friendly_errors
def ask(
    question: str,
    top_k: int | None,
    as_json: bool,
    documents: tuple[str, ...],
    kinds: tuple[str, ...],
    conversation_id: str | None,
) -> None:
    """Ask one question from the shell; the conversation is kept in the server's store."""
    from pydantic import ValidationError

    from service.chat import respond
    from service.conversations import open_store
    from service.engine import load_engine
    from service.schemas import AskRequest

    settings = get_settings()
    payload: dict[str, Any] = {
        "question": question,
        "top_k": top_k or settings.default_top_k,
        "conversation_id": conversation_id,
    }
    if documents or kinds:
        payload["filters"] = {"documents": list(documents) or None, "kinds": list(kinds) or None}
    try:
        request = AskRequest.model_validate(payload)
    except ValidationError as exc:
        where = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        hint = "--conversation" if where == {"conversation_id"} else "QUESTION"
        raise click.BadParameter("; ".join(e["msg"] for e in exc.errors()), param_hint=hint) from exc
    engine = load_engine(settings)
    store = open_store(settings)
    try:
        response = respond(engine, store, request, source="cli")
    finally:
        store.close()
    if as_json:
        click.echo(response.model_dump_json(indent=2))
    else:
        print_response(response)
        click.echo(
            f"conversation {response.conversation_id} (follow up with --conversation {response.conversation_id})"
        )


def print_response(response: Any) -> None:
    """A readable ranked list: citation, text with highlighted sentences, cited footnotes."""
    out = Console()
    if response.abstained:
        out.print("[bold]The corpus does not answer this question.[/bold]")
        return
    if response.answer:
        out.print("[bold]Answer[/bold] (sentences quoted from the sources):")
        for sentence in response.answer:
            out.print(Text("  “" + sentence.text + "”  ", style="italic"), Text(f"[{sentence.unit_id}]", style="dim"))
        out.print()
    for result in response.results:
        out.print(Text(f"{result.rank}. {result.citation}", style="bold cyan"), Text(f"  {result.score:.3f}", "dim"))
        out.print(highlighted(result.text, result.highlights))
        for note in result.footnotes:
            out.print(Text(f"   [{note.number}] {note.text}", style="dim"))
        out.print()


def highlighted(text: str, spans: list[tuple[int, int]]) -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold yellow", start, end)
    return rich_text


@main.command()
@friendly_errors
def units() -> None:
    """Every indexed unit as JSON Lines."""
    from service.store import load_published_units

    for unit in load_published_units(get_settings()):
        record = {k: v for k, v in asdict(unit).items() if k not in {"spans", "ordinal"}}
        if not unit.pages:  # only paginated sources have pages
            del record["pages"]
        record["spans"] = [list(s) for s in unit.spans]
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@main.command()
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1, or HOST).")
@click.option("--port", type=int, default=None, help="Port (default 8000, or PORT).")
@friendly_errors
def serve(host: str | None, port: int | None) -> None:
    """Start the HTTP service."""
    import uvicorn

    from service.conversations import open_store
    from service.server import app_factory, uvicorn_options

    settings = get_settings()
    # A conversation store that cannot be opened (PostgreSQL unreachable, a bad URL) stops
    # start-up here with its one-line cause; raised in uvicorn's lifespan it is a traceback.
    # The app serves this store and closes it at shutdown: opened once.
    store = open_store(settings)
    uvicorn.run(
        functools.partial(app_factory, store=store),
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        **uvicorn_options(settings),
    )


@main.command()
@friendly_errors
def slack() -> None:
    """The Slack bot in Socket Mode (needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN)."""
    from service.logs import configure_logging
    from service.slack.socket import run_socket_mode

    settings = get_settings()
    configure_logging(settings.log_format)
    run_socket_mode(settings)


def _register_eval() -> None:
    from service.evaluate.cli import eval_command

    main.add_command(eval_command, name="eval")


def _register_library() -> None:
    from service.library_cli import add, inspect, remove

    for command in (add, remove, inspect):
        main.add_command(command)


def _register_sources() -> None:
    from service.sources_cli import sources

    main.add_command(sources)


_register_eval()
_register_library()
_register_sources()
