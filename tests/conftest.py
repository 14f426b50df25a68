"""Shared fixtures: one index built from the repo's corpus per test session, one engine,
and settings whose every writable path points into a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

from service.conversations.sqlite import ConversationStore
from service.settings import Settings, bundled_model_path, get_settings
from tests.support.documents import write_one_document_corpus
from tests.support.server import serve_app

# Property tests explore at random on a developer's machine (that is how the Slack trim bug
# was found; a find becomes a regression test) and replay a fixed sequence in CI, where a new
# random find would otherwise block a landing that did not cause it.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"

# Variables a developer may have set that would leak into tests.
_LEAKY_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_BASE_URL", "HOST", "PORT")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's settings or writes outside its tmp_path."""
    for name in list(os.environ):
        if name.startswith("CITED_") or name in _LEAKY_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("CITED_DATABASE_PATH", str(tmp_path / "cited.db"))
    monkeypatch.setenv("CITED_INDEX_DIR", str(tmp_path / "no-index-here"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def session_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="session")
def embedder(session_index_dir: Path) -> Any:
    """The real MiniLM model on the default backend (what `cited serve` loads), once. Its
    export goes where `cited serve` over the session index looks for it, so servers the
    tests start reuse it."""
    from service.embed import Embedder

    backend = Settings.model_fields["embed_backend"].default
    return Embedder(bundled_model_path(), backend=backend, cache_dir=session_index_dir / "cache")


@pytest.fixture(scope="session")
def built_index_dir(session_index_dir: Path, embedder: Any) -> Path:
    """An index built once per session from the repo's corpus/."""
    from service.build import build_index

    index_dir = session_index_dir
    build_index(Settings(corpus_dir=CORPUS, index_dir=index_dir), embedder=embedder, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def engine(built_index_dir: Path, embedder: Any) -> Any:
    """The engine over the session's index."""
    from service.engine import load_engine

    return load_engine(Settings(corpus_dir=CORPUS, index_dir=built_index_dir), embedder=embedder)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ConversationStore]:
    """A conversation store in a fresh SQLite file, closed after the test."""
    conversations = ConversationStore(tmp_path / "cited.db")
    yield conversations
    conversations.close()


@pytest.fixture
def make_settings(built_index_dir: Path, tmp_path: Path) -> Callable[..., Settings]:
    """Settings over the session's index, with the database and other writable paths in tmp_path."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "corpus_dir": CORPUS,
            "index_dir": built_index_dir,
            "database_path": tmp_path / "cited.db",
        }
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture
def client(make_settings: Callable[..., Settings], engine: Any) -> Iterator[httpx.Client]:
    """The API served over the session's engine and default settings, and a client of it
    (modules serving other settings or another engine define their own)."""
    with serve_app(make_settings(), engine) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


PDF_URL = "https://reports.example.org/briefing-169.pdf"  # the catalog's address of the PDF corpus's one file


@pytest.fixture(scope="session")
def pdf_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Settings:
    """A corpus of one short PDF (the briefing's first paragraphs on A5 pages, its catalog
    entry naming where the original lives), built once."""
    from service.build import build_index
    from service.catalog import load_catalog
    from tests.support.typeset import typeset_pdf

    seed = "icg-asia-briefing-169"
    root = tmp_path_factory.mktemp("pdf-corpus")
    document = next(d for d in load_catalog(CORPUS) if d.id == seed)
    (root / "documents").mkdir()
    typeset_pdf(
        (CORPUS / document.path).read_text(encoding="utf-8"),
        "footnotes",
        root / "documents" / "briefing.pdf",
        paragraphs=10,
        paper="a5",
    )
    (root / "catalog.toml").write_text(
        f'[[documents]]\nid = "{seed}"\nfile = "documents/briefing.pdf"\ntitle = "{document.title}"\n'
        f'publisher = "{document.publisher}"\ndate = "{document.date}"\nurl = "{PDF_URL}"\n',
        encoding="utf-8",
    )
    settings = Settings(corpus_dir=root, index_dir=root / "index")
    build_index(settings, embedder=embedder, progress=False)
    return settings


# A Markdown note in no seed document's style: headings with spaces and "/" (so unit ids hold
# them), footnotes citing an interview and an outlet the seed documents never cite.
NOTES_DOCUMENT = "\n".join(
    [
        "# Talks and their sources",
        "",
        "## Pros/cons of talks",
        "",
        "Talks with the Taliban have pros and cons, as analysts in Islamabad argue at length.[^1] "
        "Officials in Kabul disagree about the timing of any settlement.[^2]",
        "",
        "## Who talks to whom",
        "",
        "Pakistan's army chief met the envoy in March to discuss the peace process and the border.[^3]",
        "",
        "[^1]: Interview with a security analyst, Islamabad, October 2020.",
        '[^2]: Jane Doe, "Kabul weighs the talks", The Economist, 3 March 2021.',
        '[^3]: Ahmed Rashid, "Army chief meets envoy", The Economist, 9 March 2021.',
        "",
    ]
)


@pytest.fixture(scope="session")
def notes_corpus_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Settings:
    """A corpus of that one Markdown note, built once."""
    from service.build import build_index

    root = write_one_document_corpus(
        tmp_path_factory.mktemp("notes-corpus"),
        "talks.md",
        NOTES_DOCUMENT,
        id="talks-note",
        title="Talks and their sources",
        publisher="Example Institute",
        date="2021-04",
        kind="note",
    )
    settings = Settings(corpus_dir=root, index_dir=root / "index")
    build_index(settings, embedder=embedder, progress=False)
    return settings
