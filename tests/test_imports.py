"""The shape of service/'s imports, read from the source (ast, nothing imported): no cycles,
and the front doors (API, Slack, CLI, evaluation harness) stand side by side on a shared core
without importing one another (docs/retrieval.md, "Where the code lives")."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO

SERVICE = REPO / "service"

# Each front door by the module prefixes that make it up.
FRONT_DOORS: dict[str, tuple[str, ...]] = {
    "api": ("service.api",),
    "slack": ("service.slack",),
    "cli": ("service.cli", "service.__main__"),
    "evaluate": ("service.evaluate",),
}
# Launching is the CLI's job: `cited slack` and `cited eval` start another front door through
# its one entry point (`cited serve` hands `service.server.app_factory` to uvicorn).
LAUNCHES = {
    ("service.cli", "service.slack.socket"),
    ("service.cli", "service.evaluate.cli"),
}
# The serving process, where the API and Slack's HTTP mode are put together.
COMPOSERS = {"service.server"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SERVICE.rglob("*.py"))}


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The module a (possibly relative) `from … import` names."""
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported(name: str, path: Path, modules: set[str]) -> Iterator[str]:
    """The service modules `name` imports anywhere in its source, even inside a function or
    under TYPE_CHECKING: either is a dependency a reader has to follow."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, name, path.name == "__init__.py")
            for alias in node.names:
                if f"{source}.{alias.name}" in modules:  # `from service import chat`
                    yield f"{source}.{alias.name}"
                elif source in modules:
                    yield source


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: set(imported(name, path, set(modules))) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def front_door(module: str) -> str | None:
    for door, prefixes in FRONT_DOORS.items():
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return door
    return None


def crossings(graph: dict[str, set[str]]) -> list[str]:
    """Imports that reach into a front door from outside it, other than the allowed ones."""
    wrong = []
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            door = front_door(target)
            if door is None or door == front_door(importer) or importer in COMPOSERS:
                continue
            if (importer, target) not in LAUNCHES:
                wrong.append(f"{importer} -> {target}")
    return wrong


def test_the_walker_sees_every_kind_of_import() -> None:
    """Absolute, `from package import module`, relative and function-level imports count."""
    graph = import_graph()
    assert "service.conversations.rows" in graph["service.conversations.sqlite"]
    assert "service.conversations" in graph["service.conversations.guard"]  # a package's __init__
    assert "service.conversations.postgres" in graph["service.conversations"]  # imported inside open_store
    assert "service.chat" in graph["service.api.routes"]  # `from service import chat`
    assert "service.slack.socket" in graph["service.cli"]  # imported inside a command
    assert "service.api.routes" in graph["service.api.app"]  # `from service.api import routes`


def test_the_checks_catch_a_cycle_and_a_crossing() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert crossings({"service.slack.listeners": {"service.api.middleware"}}) == [
        "service.slack.listeners -> service.api.middleware"
    ]
    assert crossings({"service.chat": {"service.api.state"}}) == ["service.chat -> service.api.state"]


def test_service_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_no_front_door_imports_another() -> None:
    """Shared infrastructure (logging, the engine, the store) lives below the front doors;
    the core imports none of them; only the CLI launches, and only through entry points."""
    assert crossings(import_graph()) == []


@pytest.mark.parametrize(
    ("module", "door"),
    [
        ("service.api.app", "api"),
        ("service.slack.http", "slack"),
        ("service.cli", "cli"),
        ("service.evaluate.cli", "evaluate"),
        ("service.evaluate", "evaluate"),
        ("service.evaluate.run", "evaluate"),
        ("service.conversations", None),
        ("service.evaluate" + "d", None),  # a prefix without the dot is another module
        ("service.engine", None),
        ("service.logs", None),
        ("service.server", None),
    ],
)
def test_front_doors_are_recognised(module: str, door: str | None) -> None:
    assert front_door(module) == door
