"""`cited add`, `cited remove`, `cited inspect`: each parses, calls `service.library`, prints."""

from __future__ import annotations

from pathlib import Path

import click

from service.cli_errors import friendly_errors
from service.library import Overrides, Prepared, add_documents, inspect_file, remove_document
from service.parse_report import report_lines
from service.settings import get_settings

_FIELDS = ("title", "author", "publisher", "series", "date", "url", "kind")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--id", "document_id", help="Catalog id (letters, digits, '-'); default: from the title.")
@click.option("--title", help="Title (default: the one found in the file).")
@click.option("--author", help="Author(s).")
@click.option("--date", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--publisher", help="Publisher, e.g. 'International Crisis Group'.")
@click.option("--series", help="Series, e.g. 'Asia Briefing N°169'.")
@click.option("--url", help="Where the document is published.")
@click.option("--kind", help="briefing | report | article | ... (default: report).")
@friendly_errors
def add(paths: tuple[Path, ...], document_id: str | None, **fields: str | None) -> None:
    """Add documents (PDF, HTML, text, Markdown) to the corpus and print their parse reports.

    Copies each file into corpus/documents/ and writes its catalog entry from the metadata
    found in the file; the options override what was found. Run `cited build` afterwards.
    """
    addition = add_documents(list(paths), get_settings(), Overrides(id=document_id, **fields))
    for item in addition.documents:
        click.echo(f"Added {item.document.id} as {item.document.path}")
        _print_prepared(item)
    click.echo("Run `cited build` to index the corpus.")


@click.command()
@click.argument("document_id", metavar="ID")
@friendly_errors
def remove(document_id: str) -> None:
    """Remove a document: its catalog entry and its file under corpus/documents/."""
    document = remove_document(document_id, get_settings())
    click.echo(f"Removed {document.id} ({document.path}). Run `cited build` to update the index.")


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@friendly_errors
def inspect(path: Path) -> None:
    """The parse report of a file, and the metadata found in it, without adding it."""
    _print_prepared(inspect_file(path, get_settings()))


def _print_prepared(item: Prepared) -> None:
    for line in report_lines(item.report):
        click.echo(line)
    for name in _FIELDS:
        value = getattr(item.document, name)
        if value:
            click.echo(f"  {name}: {value}")
