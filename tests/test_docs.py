"""The documentation stays inside the repository: every relative link in the README and
docs/ resolves to a file here (and to a heading, when it names one), every `docs/…` path a
comment names exists, every function, class or constant the docs name in code exists, and no
file names a top-level Markdown document the repository lacks."""

from __future__ import annotations

import ast
import dataclasses
import functools
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


def current_documents() -> list[Path]:
    """The documents that describe the code as it is: docs/tuning.md is a dated log whose
    sections describe the code as it was when each was written, so its names are history."""
    return [p for p in documents() if p.name != "tuning.md"]


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


# An inline code span that is a dotted name, maybe called: `lead.runner_up_sentence`,
# `Engine.ask(question)`, `source_list.ClaimIndex.listed_notes`.
INLINE_CODE = re.compile(r"`([^`\n]+)`")
DOTTED_NAME = re.compile(r"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?:\(.*\))?")
# `answer.py`, `token_codec.faiss`, `units.jsonl`: a file, not a name in a module.
FILE_SUFFIXES = {"py", "json", "jsonl", "npy", "faiss", "md", "toml", "txt", "yml", "yaml", "html", "css"}
# Names the docs write whose first part is also a module here but which belong to someone else.
FOREIGN_NAMES = {
    "chat.postMessage",  # Slack's Web API method, not service/chat.py
    "app.client",  # bolt's App and its Web API client, not service/slack/app.py
}


def bindings(body: list[ast.stmt]) -> dict[str, ast.AST]:
    """The names a module or class body binds (defs, classes, assignments, imports), looking
    inside `if`, `try` and `with` blocks."""
    bound: dict[str, ast.AST] = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound[node.name] = node
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        bound[name.id] = node
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound[alias.asname or alias.name.split(".")[0]] = node
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            for block in ("body", "orelse", "finalbody", "handlers"):
                for inner in getattr(node, block, []):
                    bound.update(bindings(inner.body if isinstance(inner, ast.ExceptHandler) else [inner]))
    return bound


@dataclasses.dataclass(frozen=True)
class CodeTree:
    """The modules under service/ by their last name (`files` is service/store/files.py; a
    package by its directory's name), the classes they define and the fields of those classes
    that hold another of them (`source_list: SourceList | None`), read from the source."""

    modules: dict[str, list[Path]]
    classes: dict[str, list[ast.ClassDef]]
    fields: dict[str, set[str]]

    def members(self, cls: ast.ClassDef, seen: frozenset[str] = frozenset()) -> set[str]:
        """What a class's instances answer to: its body's bindings, the `self.x` its methods
        assign and, for a base class defined under service/, the base's members."""
        names = set(bindings(cls.body))
        for node in ast.walk(cls):
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self":
                        names.add(target.attr)
        for base in cls.bases:
            base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
            for parent in self.classes.get(base_name, []):
                if parent.name not in seen:
                    names |= self.members(parent, seen | {cls.name})
        return names

    def class_has(self, cls: ast.ClassDef, parts: list[str]) -> bool:
        """True when the class has `parts`: a member, or a nested class and its member."""
        if len(parts) == 1:
            return parts[0] in self.members(cls)
        nested = bindings(cls.body).get(parts[0])
        return isinstance(nested, ast.ClassDef) and self.class_has(nested, parts[1:])

    def module_has(self, module: Path, parts: list[str]) -> bool:
        """True when `parts` is a name the module defines (a submodule, for a package), or a
        member of a class it defines."""
        if module.name == "__init__.py":
            submodule = module.parent / f"{parts[0]}.py"
            package = module.parent / parts[0] / "__init__.py"
            for inner in (submodule, package):
                if inner.is_file():
                    return len(parts) == 1 or self.module_has(inner, parts[1:])
        bound = parsed(module)[1].get(parts[0])
        if bound is None or isinstance(bound, (ast.Import, ast.ImportFrom)):
            return False  # a module that imports a name is not where the name lives
        if len(parts) == 1:
            return True
        return isinstance(bound, ast.ClassDef) and self.class_has(bound, parts[1:])

    def resolves(self, dotted: str) -> bool:
        """True when the name is a module's (`lead.runner_up_sentence`), a class's
        (`Engine.ask`) or a path of fields (`source_list.items`, `filters.documents`: the JSON
        the API writes from those classes)."""
        parts = dotted.split(".")
        if parts[0] == "service":
            parts = parts[1:]
        if any(len(parts) == 1 or self.module_has(m, parts[1:]) for m in self.modules.get(parts[0], [])):
            return True
        classes = [parts[0], *sorted(self.fields.get(parts[0], ()))]
        return any(self.class_has(cls, parts[1:]) for name in classes for cls in self.classes.get(name, []))

    def names_code(self, dotted: str) -> bool:
        """True when a dotted name means code under service/: its first part is `service`, a
        module there, a class defined there or a field of one, and it is no file name nor
        someone else's name."""
        first, *_, last = dotted.split(".")
        if last in FILE_SUFFIXES or dotted in FOREIGN_NAMES:
            return False
        return first == "service" or first in self.modules or first in self.classes or first in self.fields


@functools.cache
def parsed(module: Path) -> tuple[ast.Module, dict[str, ast.AST]]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return tree, bindings(tree.body)


@functools.cache
def code_tree(root: Path = REPO) -> CodeTree:
    modules: dict[str, list[Path]] = {}
    classes: dict[str, list[ast.ClassDef]] = {}
    for module in sorted((root / "service").rglob("*.py")):
        name = module.parent.name if module.name == "__init__.py" else module.stem
        if name != "service":
            modules.setdefault(name, []).append(module)
        for node in parsed(module)[0].body:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append(node)
    fields: dict[str, set[str]] = {}
    for cls in (c for same in classes.values() for c in same):
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                held = {n.id for n in ast.walk(node.annotation) if isinstance(n, ast.Name) and n.id in classes}
                if held:
                    fields.setdefault(node.target.id, set()).update(held)
    return CodeTree(modules, classes, fields)


def code_names(path: Path, root: Path = REPO) -> list[str]:
    """The code a document names: each inline code span (outside fenced blocks) that is a
    dotted name, maybe called, that `CodeTree.names_code` reads as code."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    tree = code_tree(root)
    spans = (DOTTED_NAME.fullmatch(span.strip()) for span in INLINE_CODE.findall(text))
    return [m.group(1) for m in spans if m and tree.names_code(m.group(1))]


def missing_code_names(path: Path, root: Path = REPO) -> list[str]:
    """The functions, classes and constants a document names that the code lacks: after a
    name moves or goes, the docs must say where it lives now or what the code does instead."""
    tree = code_tree(root)
    return [f"{path.relative_to(root)}: {name}" for name in code_names(path, root) if not tree.resolves(name)]


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


def test_every_code_name_in_the_docs_exists() -> None:
    """A function, class or constant the README or docs/ names (`lead.runner_up_sentence`,
    `Engine.scope_by_topic`, `source_list.ClaimIndex.listed_notes`) is defined where the name
    says, read from the source's syntax tree: a name is code when it fills an inline code span
    (outside fenced blocks), maybe called (`Engine.ask(question)`), is dotted, and opens on
    `service`, on a module under service/ by its last name (`files` for service/store/files.py),
    on a class defined there or on a field of one (`filters`); a file name (`answer.py`) and FOREIGN_NAMES (Slack's
    `chat.postMessage`) are not. It resolves to what the module defines (a submodule, a def, a
    class, an assignment: an import is not where a name lives), a class's member (its body, the
    `self.x` its methods set, its bases under service/) or a path of fields (`source_list.items`,
    the JSON the API writes from those classes). docs/tuning.md is a dated log and not read."""
    named = [n for p in current_documents() for n in code_names(p)]
    assert len(named) >= 300  # the docs do name code; the check is not vacuous
    assert [m for p in current_documents() for m in missing_code_names(p)] == []


def test_the_code_name_check_catches_a_made_up_name(tmp_path: Path) -> None:
    """Names that moved, went or never were fail; names that are there, files and someone
    else's names do not."""
    root = tmp_path / "repo"
    sources = {
        "engine.py": "class Engine:\n    LIMIT = 3\n\n    def __init__(self) -> None:\n        self.files = None\n\n"
        "    def ask(self) -> None: ...\n\n\nclass Reading:\n    class Kind:\n        NOTE = 1\n",
        "chat.py": "from pointing import refers_back\n\n_EXPLETIVE = 1\n",
        "store/__init__.py": "",
        "store/files.py": "class IndexFiles:\n    headings: int\n",
        "records.py": "class SourceList:\n    items: str\n\n\nclass AnswerOut:\n    source_list: SourceList | None\n",
    }
    for name, source in sources.items():
        (root / "service" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "service" / name).write_text(source, encoding="utf-8")
    (root / "docs").mkdir()
    planted = root / "docs" / "planted.md"
    present = "`engine.Engine.ask`, `Engine.ask(question)`, `Engine.files`, `Engine.LIMIT`, `chat._EXPLETIVE`, "
    present += "`store.files`, `IndexFiles.headings`, `engine.Reading.Kind.NOTE`, `source_list.items`"
    missing = "`Engine.made_up`, `chat.refers_back`, `chat.nothing`, `files.headings`, "
    missing += "`engine.Reading.Kind.DOER`, `source_list.shown`, `store.gone.x`"
    others = "`chat.py`, `chat.postMessage`, `time.sleep`, `ProductQuantizer.train`"
    planted.write_text(f"{present}\n\n{missing}\n\n{others}\n\n```\n`Engine.fenced`\n```\n", encoding="utf-8")
    assert code_names(planted, root) == re.findall(r"`([\w.]+)", f"{present}, {missing}")
    assert [m.split(": ", 1)[1] for m in missing_code_names(planted, root)] == re.findall(r"`([\w.]+)`", missing)
