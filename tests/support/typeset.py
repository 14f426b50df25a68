"""Typeset the shipped text documents as other formats, to test the readers against the text.

Each seed is parsed with the text rules; its blocks in reading order are then written out as
Typst (compiled to PDF with the `typst` package: a contents page, footnotes at the foot of the
page, running heads and page numbers, justified and hyphenated; a two-column variant; an
endnote variant)
or as a saved web page wrapped in site chrome (navigation, cookie banner, related links,
footer) with linked notes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from service.parse import ParsedDocument, heading_of, parse_document
from service.text import MARKER, clean_inline, superscript_to_int

PdfVariant = Literal["footnotes", "two-column", "endnotes"]
RUNNING_HEAD = "Cited Test Press · Typeset Edition"
CHROME = (
    "Accept all cookies",
    "Subscribe to our newsletter",
    "Related stories",
    "All rights reserved",
    "Sign in",
    "Most read",
)


@dataclass(frozen=True)
class SeedBlock:
    kind: Literal["metadata", "heading", "paragraph"]
    text: str  # raw: superscript markers in place, emphasis removed
    level: int = 1


@dataclass(frozen=True)
class Seed:
    blocks: tuple[SeedBlock, ...]
    notes: dict[int, str]


def read_seed(raw: str) -> Seed:
    """The seed's top matter, headings and paragraphs in reading order, and its footnotes."""
    parsed: ParsedDocument = parse_document(raw)
    located: list[tuple[int, SeedBlock]] = []
    for block, why in parsed.skipped:
        if why == "heading":
            found = heading_of(block.text)
            assert found is not None
            located.append((block.span[0], SeedBlock("heading", found[2], found[0])))
        elif why == "metadata":
            located.append((block.span[0], SeedBlock("metadata", clean_inline(block.text))))
    for paragraph in parsed.paragraphs:
        text = clean_inline(" ".join(paragraph.raw_text().split()))
        located.append((paragraph.pieces[0].span[0], SeedBlock("paragraph", text)))
    notes = {n: clean_inline(" ".join(fn.raw_text().split())) for n, fn in parsed.footnotes.items()}
    return Seed(tuple(b for _, b in sorted(located, key=lambda x: x[0])), notes)


def seed_prefix(seed: Seed, paragraphs: int) -> Seed:
    """The seed up to its `paragraphs`-th paragraph, with the notes those paragraphs cite."""
    kept: list[SeedBlock] = []
    count = 0
    for block in seed.blocks:
        if count == paragraphs:
            break
        kept.append(block)
        count += block.kind == "paragraph"
    cited = {superscript_to_int(m.group(0)) for b in kept for m in MARKER.finditer(b.text)}
    return Seed(tuple(kept), {n: t for n, t in seed.notes.items() if n in cited})


def _escape(text: str) -> str:
    """Every ASCII symbol escaped, so Typst reads the text as nothing but text."""
    return re.sub(r"[^\w\s]", lambda m: "\\" + m.group(0) if m.group(0).isascii() else m.group(0), text)


def _typst_paragraph(text: str, notes: dict[int, str], seen: set[int], endnotes: bool) -> str:
    out: list[str] = []
    at = 0
    for match in MARKER.finditer(text):
        out.append(_escape(text[at : match.start()]))
        number = superscript_to_int(match.group(0))
        if endnotes or number not in notes:
            out.append(f"#super[{number}]")
        elif number in seen:
            out.append(f"#footnote(<fn{number}>)")
        else:
            seen.add(number)
            out.append(f"#footnote[{_escape(notes[number])}] <fn{number}>")
        at = match.end()
    out.append(_escape(text[at:]))
    return "".join(out)


def typst_source(seed: Seed, variant: PdfVariant, paper: str = "a4") -> str:
    """A Typst document typesetting the seed."""
    columns = 2 if variant == "two-column" else 1
    lines = [
        f'#set page(paper: "{paper}", columns: {columns}, margin: 2.2cm,',
        f"  header: context if counter(page).get().first() > 1 [{_escape(RUNNING_HEAD)} #h(1fr) Pakistan]",
        "  , footer: context align(center)[#counter(page).display()])",
        '#set text(font: "Libertinus Serif", size: 10.5pt, lang: "en", hyphenate: true)',
        "#set smartquote(enabled: false)",
        "#set super(typographic: false)",
        "#set par(justify: true)",
        "#set heading(numbering: none)",
        "",
    ]
    if variant == "footnotes":  # a contents page first, its entries with dot leaders to page numbers
        lines += ["#outline()", "#pagebreak()", ""]
    seen: set[int] = set()
    first = True
    for block in seed.blocks:
        if block.kind == "heading":
            lines.append("=" * block.level + " " + _escape(block.text))
        elif block.kind == "metadata":
            size = "18pt" if first else "10.5pt"
            lines.append(f"#text(size: {size})[{_escape(block.text)}]")
            first = False
        else:
            lines.append(_typst_paragraph(block.text, seed.notes, seen, variant == "endnotes"))
        lines.append("")
    if variant == "endnotes":
        lines += ["#pagebreak()", "= Notes", ""]
        lines += [f"{n}. {_escape(seed.notes[n])}\n" for n in sorted(seed.notes)]
    return "\n".join(lines)


def typeset_pdf(raw: str, variant: PdfVariant, out: Path, *, paragraphs: int | None = None, paper: str = "a4") -> Path:
    """Compile the seed (or its first `paragraphs` paragraphs) to a PDF at `out`."""
    import typst

    seed = read_seed(raw)
    if paragraphs is not None:
        seed = seed_prefix(seed, paragraphs)
    source = out.with_suffix(".typ")
    source.write_text(typst_source(seed, variant, paper), encoding="utf-8")
    typst.compile(str(source), output=str(out))
    source.unlink()
    return out


HtmlNotes = Literal["doc-roles", "sup-links"]


def _html_paragraph(text: str, notes: dict[int, str], style: HtmlNotes) -> str:
    out: list[str] = []
    at = 0
    for match in MARKER.finditer(text):
        out.append(html.escape(text[at : match.start()]))
        n = superscript_to_int(match.group(0))
        if n not in notes:
            out.append(f"<sup>{n}</sup>")
        elif style == "doc-roles":
            out.append(f'<a id="ref{n}" href="#note{n}" role="doc-noteref">[{n}]</a>')
        else:
            out.append(f'<sup id="fnref{n}"><a href="#fn{n}">{n}</a></sup>')
        at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out)


def _html_notes(notes: dict[int, str], style: HtmlNotes) -> str:
    if style == "doc-roles":
        items = "".join(
            f'<aside id="note{n}" role="doc-endnote"><p>{n}. {html.escape(t)} '
            f'<a href="#ref{n}" role="doc-backlink">↩</a></p></aside>'
            for n, t in sorted(notes.items())
        )
        return f'<section role="doc-endnotes"><h2>Notes</h2>{items}</section>'
    items = "".join(f'<li id="fn{n}">{html.escape(t)} <a href="#fnref{n}">↩</a></li>' for n, t in sorted(notes.items()))
    return f'<div class="footnotes"><hr><ol class="footnotes">{items}</ol></div>'


def saved_web_page(raw: str, title: str, style: HtmlNotes = "sup-links") -> str:
    """The seed as a saved article page with navigation, banner, related links and footer."""
    seed = read_seed(raw)
    body: list[str] = [f"<h1>{html.escape(title)}</h1>"]
    for block in seed.blocks:
        if block.kind == "heading":
            body.append(f"<h{block.level + 1}>{html.escape(block.text)}</h{block.level + 1}>")
        elif block.kind == "metadata":
            body.append(f'<p class="meta">{html.escape(block.text)}</p>')
        else:
            body.append(f"<p>{_html_paragraph(block.text, seed.notes, style)}</p>")
    notes = _html_notes(seed.notes, style) if seed.notes else ""
    sections = ["World", "Asia", "Opinion", "Sign in"]
    chrome_nav = "".join(f'<li><a href="/s{i}">{w}</a></li>' for i, w in enumerate(sections))
    related = "".join(f'<li><a href="/r{i}">Related story number {i} about the region</a></li>' for i in range(4))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Cited Test Press</title></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
<button>Accept all cookies</button></p></div>
<header class="site-header"><nav><ul>{chrome_nav}</ul></nav>
<p>Subscribe to our newsletter for daily updates.</p></header>
<main><article>
{chr(10).join(body)}
{notes}
</article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<aside class="popular"><h3>Most read</h3><ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>© 2026 Cited Test Press. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""


NoteStyle = Literal["markdown", "brackets", "parens", "caret"]
_TEXT_MARKERS = {"markdown": "[^{n}]", "brackets": "[{n}]", "parens": "({n})", "caret": "^{n}"}
_TEXT_NOTES = {"markdown": "[^{n}]: {t}", "brackets": "{n}. {t}", "parens": "({n}) {t}", "caret": "[{n}] {t}"}


def noted_text(raw: str, style: NoteStyle) -> str:
    """The seed as text or Markdown with notes marked [^1], [1], (1) or ^1 and gathered at the end."""
    seed = read_seed(raw)
    out: list[str] = []
    for block in seed.blocks:
        if block.kind == "heading":
            out.append(("#" * (block.level + 1) + " " if style == "markdown" else "") + block.text)
        else:
            out.append(MARKER.sub(lambda m: _TEXT_MARKERS[style].format(n=superscript_to_int(m.group(0))), block.text))
    if style != "markdown":
        out.append("## Notes" if style == "brackets" else "Notes")
    out += [_TEXT_NOTES[style].format(n=n, t=t) for n, t in sorted(seed.notes.items())]
    return "\n\n".join(out) + "\n"


_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _run(text: str, superscript: bool = False) -> str:
    props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if superscript else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _word_paragraph(text: str, notes: dict[int, str], seen: set[int]) -> str:
    runs: list[str] = []
    at = 0
    for match in MARKER.finditer(text):
        runs.append(_run(text[at : match.start()]))
        n = superscript_to_int(match.group(0))
        if n in notes and n not in seen:
            seen.add(n)
            reference = f'<w:footnoteReference w:id="{n}"/>'
            runs.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>{reference}</w:r>')
        else:  # a note cited again: Word shows its number, set as a superscript
            runs.append(_run(str(n), superscript=True))
        at = match.end()
    runs.append(_run(text[at:]))
    return f"<w:p>{''.join(runs)}</w:p>"


def word_document(raw: str) -> bytes:
    """The seed as a Word document: Heading styles, footnotes in word/footnotes.xml."""
    import io
    import zipfile

    seed = read_seed(raw)
    seen: set[int] = set()
    body: list[str] = []
    for block in seed.blocks:
        if block.kind == "heading":
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading{block.level}"/></w:pPr>{_run(block.text)}</w:p>')
        else:
            body.append(_word_paragraph(block.text, seed.notes, seen))
    notes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f"{_run(' ' + t)}</w:p></w:footnote>"
        for n, t in sorted(seed.notes.items())
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    parts = {
        "[Content_Types].xml": f'{head}<Types xmlns="{_PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_WORD_TYPE}.document.main+xml"/>'
        f'<Override PartName="/word/footnotes.xml" ContentType="{_WORD_TYPE}.footnotes+xml"/></Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": f'{head}<Relationships xmlns="{_PACKAGE}/relationships"><Relationship '
        f'Id="rId1" Type="{_OFFICE}/footnotes" Target="footnotes.xml"/></Relationships>',
        "word/document.xml": f"{head}<w:document {_W}><w:body>{''.join(body)}</w:body></w:document>",
        "word/footnotes.xml": f"{head}<w:footnotes {_W}>{notes}</w:footnotes>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()
