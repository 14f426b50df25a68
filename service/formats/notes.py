"""Plain text and Markdown: today's shape (superscript markers), or `[1]`/`(1)`/`^1` notes."""

from __future__ import annotations

from service.errors import BadInput
from service.parse import ParsedDocument, parse_document


def decode_text(data: bytes) -> str:
    """UTF-8 text, or BadInput naming the problem."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_text(data: bytes) -> ParsedDocument:
    """Parse a text or Markdown document."""
    return parse_document(decode_text(data))
