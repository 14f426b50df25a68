"""Format benchmark (not a test): the question sets over the seeds typeset as PDF and saved as
web pages, against the shipped text corpus.

    .venv/bin/python benchmarks/formats.py [QUESTIONS.jsonl ...] [--variants text,pdf,...]

Each variant is a corpus in a temporary folder: the same catalog, each document's file
replaced by its PDF (Typst, A4, footnotes at the foot of the page; or two columns; or
endnotes) or its saved web page (site chrome, linked notes), or, as "published", the
briefing as PDF and the article as a web page, as they came. Each is built and evaluated
in-process (hybrid retrieval, as served); prints a Markdown table of hit@5 and MRR@10 with
the difference from the text corpus. The embedding cache is shared, so unchanged texts are
embedded once.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from service.build import build_index  # noqa: E402
from service.catalog import CATALOG_FILE  # noqa: E402
from service.embed import load_embedder  # noqa: E402
from service.engine import load_engine  # noqa: E402
from service.evaluate.questions import load_questions  # noqa: E402
from service.evaluate.run import evaluate_engine  # noqa: E402
from service.settings import Settings  # noqa: E402
from tests.support.typeset import saved_web_page, typeset_pdf  # noqa: E402

CORPUS = REPO / "corpus"
VARIANTS = ("text", "pdf", "pdf-two-column", "pdf-endnotes", "html", "published")
METRICS = ("hit@5", "mrr@10")


def write_variant(variant: str, folder: Path) -> Path:
    """A corpus folder whose documents are `variant` versions of the shipped ones."""
    entries = tomllib.loads((CORPUS / CATALOG_FILE).read_text(encoding="utf-8"))["documents"]
    (folder / "documents").mkdir(parents=True)
    lines: list[str] = []
    for entry in entries:
        raw = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        entry = dict(entry, file=_write_document(variant, entry, raw, folder / "documents"))
        lines.append("[[documents]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in entry.items()]
        lines.append("")
    (folder / CATALOG_FILE).write_text("\n".join(lines), encoding="utf-8")
    return folder


def _write_document(variant: str, entry: dict, raw: str, documents: Path) -> str:
    as_page = variant == "html" or (variant == "published" and entry.get("kind") == "article")
    if variant == "text":
        (documents / f"{entry['id']}.txt").write_text(raw, encoding="utf-8")
        return f"documents/{entry['id']}.txt"
    if as_page:
        (documents / f"{entry['id']}.html").write_text(saved_web_page(raw, entry["title"]), encoding="utf-8")
        return f"documents/{entry['id']}.html"
    layout = {"pdf-two-column": "two-column", "pdf-endnotes": "endnotes"}.get(variant, "footnotes")
    typeset_pdf(raw, layout, documents / f"{entry['id']}.pdf")  # type: ignore[arg-type]
    return f"documents/{entry['id']}.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "questions",
        nargs="*",
        type=Path,
        default=[CORPUS / "questions" / "dev.jsonl", CORPUS / "questions" / "test.jsonl"],
    )
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    questions = load_questions(args.questions)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="cited-formats-") as tmp:
        root = Path(tmp)
        (root / "cache").mkdir()
        embedder = load_embedder(Settings(index_dir=root / "cache-owner"))
        for variant in args.variants.split(","):
            index_dir = root / variant / "index"
            index_dir.mkdir(parents=True)
            (index_dir / "cache").symlink_to(root / "cache", target_is_directory=True)
            settings = Settings(corpus_dir=write_variant(variant, root / variant / "corpus"), index_dir=index_dir)
            report = build_index(settings, embedder=embedder, progress=False, say=lambda _: None)
            engine = load_engine(settings, embedder=embedder)
            metrics = evaluate_engine(engine, questions, modes=("hybrid",)).modes[0].metrics
            results[variant] = {m: float(metrics[m] or 0.0) for m in METRICS}
            print(
                f"{variant}: {report.units} units, " + ", ".join(f"{m} {results[variant][m]:.3f}" for m in METRICS),
                file=sys.stderr,
            )
    print_table(results, [str(p.relative_to(REPO)) if p.is_relative_to(REPO) else str(p) for p in args.questions])


def print_table(results: dict[str, dict[str, float]], files: list[str]) -> None:
    base = results.get("text")
    print(f"Questions: {', '.join(files)} (hybrid retrieval)\n")
    print("| corpus | " + " | ".join(METRICS) + " | " + " | ".join(f"Δ {m}" for m in METRICS) + " |")
    print("| --- |" + " ---: |" * (2 * len(METRICS)))
    for variant, metrics in results.items():
        deltas = [f"{metrics[m] - base[m]:+.3f}" if base else "" for m in METRICS]
        print(f"| {variant} | " + " | ".join(f"{metrics[m]:.3f}" for m in METRICS) + " | " + " | ".join(deltas) + " |")


if __name__ == "__main__":
    main()
