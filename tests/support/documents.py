"""Document files for the library tests, made on the spot: typeset PDFs (typst), an
image-only PDF (Pillow), an encrypted one (pypdf), blank-page bombs (pypdfium2), saved web
pages and notes in Markdown."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from service.records import Document


def write_one_document_corpus(root: Path, file: str, text: str, **entry: str) -> Path:
    """`root` made a corpus of one document: `text` as documents/`file`, catalogued with
    `entry`'s fields (id, title, publisher, date, kind …) in the order given. Returns `root`."""
    (root / "documents").mkdir()
    (root / "documents" / file).write_text(text, encoding="utf-8")
    fields = {"id": entry.pop("id"), "file": f"documents/{file}", **entry}
    lines = "".join(f'{key} = "{value}"\n' for key, value in fields.items())
    (root / "catalog.toml").write_text(f"[[documents]]\n{lines}", encoding="utf-8")
    return root


# A catalog entry of a third document, to show that readings of the catalog hold for any
# catalog, not only the corpus's two documents (no file: nothing reads its text).
ADDED_DOCUMENT = Document(
    id="acme-report-2022",
    path="documents/acme.txt",
    title="Water Security in the Indus Basin",
    publisher="Acme Policy Institute",
    author="Jane Doe",
    date="2022-03-04",
    kind="report",
)

NOTE_MD = """\
# Water Disputes on the Indus

By Jane Analyst

12 March 2022

The Indus Waters Treaty has survived three wars between India and Pakistan, but its dispute
mechanisms are under strain as both countries build new dams upstream.

## Background

The treaty was signed in 1960 with the World Bank as a signatory, and it gives the eastern
rivers to India and the western rivers to Pakistan.
"""

ARTICLE_HTML = """\
<!doctype html>
<html><head>
<title>Glacier Melt and the Indus Basin | The Water Review</title>
<meta name="author" content="Ravi Fieldworker">
<meta property="og:title" content="Glacier Melt and the Indus Basin">
<meta property="og:site_name" content="The Water Review">
<meta property="article:published_time" content="2023-04-05T08:00:00Z">
<link rel="canonical" href="https://water.example.org/glacier-melt">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Glacier Melt and the Indus Basin",
 "author": {"@type": "Person", "name": "Ravi Fieldworker"}, "datePublished": "2023-04-05"}
</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Glacier Melt and the Indus Basin</h1>
<p>Glaciers in the Karakoram feed the Indus through the dry months, and their melt has grown faster
in each of the last three decades according to the survey teams that measure them every summer.</p>
<p>Farmers in Punjab depend on that late-summer flow for their second harvest, and the canal
authorities have begun to plan for years in which it arrives early and then fails entirely.</p>
</article>
<footer>Copyright The Water Review</footer>
</body></html>
"""

EMPTY_PAGE_HTML = """\
<!doctype html>
<html><head><title>Search results</title></head>
<body><nav><a href="/">Home</a> | <a href="/a">A</a> | <a href="/b">B</a></nav></body></html>
"""


PDF_BODY = (
    "The Indus Waters Treaty has survived three wars between India and Pakistan, but its dispute "
    "mechanisms are under strain as both countries build new dams upstream and argue over the design "
    "of each one before a neutral expert."
)


def typeset_pdf(title: str = "Water Disputes", body: str = PDF_BODY) -> bytes:
    """A one-page typeset PDF with a heading, a paragraph and a footnote; `title` in its info."""
    import typst

    source = (
        f'#set document(title: "{title}", author: "Jane Analyst", '
        f"date: datetime(year: 2022, month: 3, day: 12))\n= {title}\n\n{body}#footnote[World Bank, 1960.]\n"
    )
    return bytes(typst.compile(source.encode(), format="pdf"))


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(typeset_pdf()))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A scan: one page that is a picture, no text layer."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 300), "white").save(out, format="PDF")
    return out.getvalue()


def blank_pages_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(200, 300)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def docx_bytes() -> bytes:
    """The outline of a Word file: a zip holding word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes: equal snapshots mean nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path
