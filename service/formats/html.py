"""Saved web pages: the article's text by trafilatura (no navigation, banners, related links or
footers), its headings as sections, its linked notes as footnotes.

Notes are taken out before trafilatura sees the page, because it may judge a list of notes to
be boilerplate: each reference (`<sup><a href="#fn3">`, `role="doc-noteref"`) becomes the
superscript number the text shape uses, and each note it points to (`role="doc-endnote"`,
`<ol class="footnotes">` items, any element with the target id) becomes a numbered note.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from service.errors import BadInput
from service.formats.shaped import Piece, parse_pieces, superscript
from service.parse import ParsedDocument

_MIN_ARTICLE_WORDS = 25  # less is a menu or a stub, which trafilatura hands back when it finds no article
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BACKLINK = re.compile(r"[↩↑⤴]\ufe0e?|\^$")
_NOTE_CONTAINERS = (
    "//*[@role='doc-endnotes' or @role='doc-footnotes']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' footnotes ')]",
)


def read_html(data: bytes) -> ParsedDocument:
    """Parse a saved web page into paragraphs and footnotes."""
    try:
        tree = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise BadInput(f"not readable HTML ({exc})") from exc
    notes = _take_notes(tree)
    pieces = _article_pieces(lxml_html.tostring(tree, encoding="unicode"))
    if sum(len(p.text.split()) for p in pieces if p.kind == "paragraph") < _MIN_ARTICLE_WORDS:
        raise BadInput("no article text found in the page (navigation and boilerplate only)")
    return parse_pieces(pieces + [Piece("note", text, number=n) for n, text in sorted(notes.items())])


def _take_notes(tree: lxml_html.HtmlElement) -> dict[int, str]:
    """Turn note references into superscript numbers; remove the notes and return their text."""
    notes: dict[int, str] = {}
    for ref in _references(tree):
        href = ref.get("href", "")
        target = tree.get_element_by_id(href[1:], None) if href.startswith("#") else None
        number = _number(ref.text_content())
        if target is None or number is None:
            continue
        if number not in notes:
            notes[number] = re.sub(rf"^[\[(]?{number}[\])]?[.:]?\s+", "", _note_text(target))  # its own number
        holder = ref.getparent() if ref.getparent() is not None and ref.getparent().tag == "sup" else ref
        _replace_with_text(holder, superscript(number))
        if target.getparent() is not None and _is_note_element(target):
            target.getparent().remove(target)
    if notes:  # what is left of the notes' containers (a rule, a "Notes" heading) goes too
        for path in _NOTE_CONTAINERS:
            for container in tree.xpath(path):
                if container.getparent() is not None:
                    container.getparent().remove(container)
    return notes


def _references(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return list(tree.xpath("//sup/a[starts-with(@href, '#')] | //a[@role='doc-noteref']"))


def _number(text: str) -> int | None:
    digits = text.strip().strip("[]()")
    return int(digits) if digits.isdigit() else None


def _is_note_element(element: lxml_html.HtmlElement) -> bool:
    return element.tag in {"li", "aside", "div", "p", "section"}


def _note_text(target: lxml_html.HtmlElement) -> str:
    """A note's text without its backlinks."""
    copy = lxml_html.fromstring(lxml_html.tostring(target))
    for link in copy.xpath(".//a[@role='doc-backlink' or starts-with(@href, '#')]"):
        _replace_with_text(link, "" if _BACKLINK.fullmatch(link.text_content().strip() or "^") else link.text_content())
    return " ".join(copy.text_content().split())


def _replace_with_text(element: lxml_html.HtmlElement, text: str) -> None:
    """Put `text` (and the element's tail) where the element was."""
    parent = element.getparent()
    if parent is None:
        return
    joined = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)


def _article_pieces(page: str) -> list[Piece]:
    """The main text as trafilatura finds it, cut into headings and paragraphs. A first-level
    heading before any paragraph is the page's title: it goes in as a line of top matter."""
    import trafilatura

    markdown = trafilatura.extract(
        page,
        output_format="markdown",
        include_formatting=True,
        include_links=False,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    pieces: list[Piece] = []
    for block in re.split(r"\n\s*\n", markdown or ""):
        text = " ".join(block.split())
        if not text:
            continue
        heading = _MARKDOWN_HEADING.match(text)
        if heading and not any(p.kind == "paragraph" for p in pieces) and len(heading.group(1)) == 1:
            pieces.append(Piece("paragraph", heading.group(2)))
        elif heading:
            # Pages put the title in <h1>, so sections start at <h2>: level 1 for the text shape.
            pieces.append(Piece("heading", heading.group(2), level=max(len(heading.group(1)) - 1, 1)))
        else:
            pieces.append(Piece("paragraph", text))
    return pieces
