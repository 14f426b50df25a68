"""The documentation stays inside the repository: every relative link in the README and
docs/ resolves to a file here (and to a heading, when it names one), every `docs/…` path a
comment names exists, and no file names a top-level Markdown document the repository lacks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DOCS_PATH = re.compile(r"(?<![\w./])docs/[\w./-]+\.md")
# Upper-case Markdown names (README.md, EMBEDDING.md) are the documents a comment points at.
DOCUMENT_NAME = re.compile(r"\b[A-Z][A-Z0-9_-]*\.md\b")
TEST_NAME = re.compile(r"`(?:tests/)?(test_\w+\.py)?::(test_\w+)`")
# A file under service/ by path, or a module (and maybe a name in it) by dotted name.
SERVICE_PATH = re.compile(r"(?<![\w./])service/[\w./-]*\w")
SERVICE_NAME = re.compile(r"(?<![\w./])service(?:\.[A-Za-z_]\w*)+")
CODE_GLOBS = (
    "service/**/*.py",
    "tests/**/*.py",
    "benchmarks/**/*.py",
    "benchmarks/*.md",
    "corpus/**/*.md",
    "corpus/*.toml",
    "Makefile",
    "Dockerfile",
    "docker-compose.yml",
    ".env.example",
    "pyproject.toml",
)


def documents() -> list[Path]:
    """The README and docs/*.md (notes in docs/incoming/ are drafts, not published)."""
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def code_files() -> Iterator[Path]:
    for pattern in CODE_GLOBS:
        yield from sorted(p for p in REPO.glob(pattern) if p.is_file() and ".venv" not in p.parts)


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.+)$", text, re.MULTILINE)}


def broken_links(path: Path, root: Path = REPO) -> list[str]:
    """The relative links of a Markdown file that lead nowhere inside `root`."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:: not ours to check
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.is_relative_to(root) or not resolved.exists():
            broken.append(f"{path.relative_to(root)}: {target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{path.relative_to(root)}: {target} (no such heading)")
    return broken


def missing_docs_paths(path: Path, root: Path = REPO) -> list[str]:
    return [
        f"{path.relative_to(root)}: {name}"
        for name in DOCS_PATH.findall(path.read_text(encoding="utf-8"))
        if not (root / name).is_file()
    ]


def unknown_documents(path: Path, present: set[str], root: Path = REPO) -> list[str]:
    return [
        f"{path.relative_to(root)}: {name}"
        for name in DOCUMENT_NAME.findall(path.read_text(encoding="utf-8"))
        if name not in present
    ]


def missing_tests(path: Path, root: Path = REPO) -> list[str]:
    """Tests a document names (`test_x.py::test_y`, or `::test_y` after one on the same line)
    that tests/ does not define."""
    missing = []
    for line in path.read_text(encoding="utf-8").splitlines():
        module = None
        for match in TEST_NAME.finditer(line):
            module = match.group(1) or module
            source = root / "tests" / module if module else None
            if (
                source is None
                or not source.is_file()
                or not re.search(
                    rf"^(?:async )?def {match.group(2)}\(", source.read_text(encoding="utf-8"), re.MULTILINE
                )
            ):
                missing.append(f"{path.relative_to(root)}: {module}::{match.group(2)}")
    return missing


def defines(module: Path, name: str) -> bool:
    """True when `module` binds `name`: a def, a class, an assignment or an import."""
    binding = rf"^\s*(?:async def|def|class) {name}\b|^\s*{name}\s*[:=]|^\s*(?:from|import)\b.*\b{name}\b|^\s+{name},$"
    return re.search(binding, module.read_text(encoding="utf-8"), re.MULTILINE) is not None


def names_a_module(dotted: str, root: Path = REPO) -> bool:
    """True when a dotted name is a module of the tree (a file or a package), followed by at most
    one name that the module binds."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:cut])
        module = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
        if module.is_file():
            return cut == len(parts) or defines(module, parts[cut])
    return False


def missing_service_names(path: Path, root: Path = REPO) -> list[str]:
    """`service/…` paths and `service.…` modules a file names that the tree lacks (a module
    moved or renamed without its mentions)."""
    text = path.read_text(encoding="utf-8")
    paths = [p.rstrip(".") for p in SERVICE_PATH.findall(text) if not (root / p.rstrip(".")).exists()]
    names = [n for n in SERVICE_NAME.findall(text) if not names_a_module(n, root)]
    return [f"{path.relative_to(root)}: {missing}" for missing in [*paths, *names]]


def markdown_names() -> set[str]:
    return {p.name for p in REPO.rglob("*.md") if ".venv" not in p.parts and ".git" not in p.parts}


def test_the_documents_exist() -> None:
    names = {p.name for p in documents()}
    assert {
        "README.md",
        "api.md",
        "reliability.md",
        "retrieval.md",
        "tuning.md",
        "deploy.md",
        "slack.md",
        "settings.md",
    } <= names


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves_inside_the_repository(path: Path) -> None:
    assert broken_links(path) == []


def test_every_docs_path_named_in_code_exists() -> None:
    found = [p for p in code_files() if DOCS_PATH.search(p.read_text(encoding="utf-8"))]
    assert len(found) >= 10  # the comments do point into docs/; the check is not vacuous
    assert [m for p in found for m in missing_docs_paths(p)] == []


def test_every_test_the_docs_name_exists() -> None:
    """docs/reliability.md proves each promise by naming a test: the name must be real."""
    named = [m for p in documents() for m in TEST_NAME.finditer(p.read_text(encoding="utf-8"))]
    assert len(named) >= 40
    assert [m for p in documents() for m in missing_tests(p)] == []


def test_every_service_module_named_in_docs_and_code_exists() -> None:
    """`service/conversations/guard.py`, `service.chat.retrieval_history`: after a module
    moves, every mention in the docs, comments and tests moves with it."""
    files = [*documents(), *code_files()]
    named = [p for p in files if SERVICE_NAME.search(p.read_text(encoding="utf-8"))]
    assert len(named) >= 20
    assert [m for p in files for m in missing_service_names(p)] == []


def test_no_file_names_a_document_the_repository_lacks() -> None:
    present = markdown_names()
    files = [*documents(), *code_files()]
    assert [m for p in files for m in unknown_documents(p, present)] == []


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """Each check fails on a planted mistake, in a copy of docs/ under tmp_path."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "api.md").write_text((REPO / "docs" / "api.md").read_text(encoding="utf-8"), encoding="utf-8")
    planted = root / "docs" / "planted.md"
    # Built here, not spelled out, so that this file passes the checks it tests.
    outside, unwritten = "SHARED-NOTES" + ".md", "docs/" + "never-written.md"
    planted.write_text(
        f"# Planted\n\n[gone](nowhere.md) [out](../../etc/passwd) [bad](api.md#no-such-part) "
        f"[fine](api.md#question-sets) [web](https://example.org/x.md)\n\n"
        f"See {unwritten}, docs/api.md and {outside}.\n",
        encoding="utf-8",
    )
    assert [b.split(": ", 1)[1] for b in broken_links(planted, root)] == [
        "nowhere.md (no such file)",
        "../../etc/passwd (no such file)",
        "api.md#no-such-part (no such heading)",
    ]
    assert [m.split(": ", 1)[1] for m in missing_docs_paths(planted, root)] == [unwritten]
    assert [m.split(": ", 1)[1] for m in unknown_documents(planted, {"api.md"}, root)] == [outside]
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("def test_here() -> None:\n    pass\n", encoding="utf-8")
    planted.write_text(
        "| a | `test_x.py::test_here`, `::test_gone` |\n| b | `test_y.py::test_here` |\n", encoding="utf-8"
    )
    assert [m.split(": ", 1)[1] for m in missing_tests(planted, root)] == [
        "test_x.py::test_gone",
        "test_y.py::test_here",
    ]
    (root / "service" / "store").mkdir(parents=True)
    (root / "service" / "store" / "__init__.py").write_text("def open_store() -> None: ...\n", encoding="utf-8")
    (root / "service" / "chat.py").write_text("from x import respond\n", encoding="utf-8")
    planted.write_text(
        "`@/store/__init__.py`, `@/chat.py`, @.store.open_store, @.chat.respond,\n"
        "@/gone.py, @.store_pg.PgStore, @.store.close_store, @.chat.nothing.\n".replace("@", "service"),
        encoding="utf-8",
    )
    assert [m.split(": ", 1)[1] for m in missing_service_names(planted, root)] == [
        name.replace("@", "service")
        for name in ("@/gone.py", "@.store_pg.PgStore", "@.store.close_store", "@.chat.nothing")
    ]
