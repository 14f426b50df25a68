"""Index updates while serving (issue "Deployment and scale"): a newly published index is
swapped in under load with no failed request, each response wholly from one version; a
broken new index is refused and the old one keeps serving (docs/reliability.md, "Index").
A server with nothing loaded yet, a garbage pointer, or a copy that finishes late recovers
by itself (docs/reliability.md, "Operations")."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.build import build_index
from service.settings import Settings
from service.store import CURRENT, current_version_dir

from .conftest import CORPUS
from .support.server import serve_app
from .support.tiny_index import tiny_settings

QUESTIONS = ["Why does Pakistan host the Taliban leadership?", "What did the TTP do in August?",
             "Who is Michael Kugelman?", "How long is the Afghan border fence?"]


@pytest.fixture
def live(tmp_path: Path, built_index_dir: Path) -> Settings:
    """Settings over private copies of the corpus and the session's index (cache included)."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(built_index_dir, tmp_path / "index")
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index",
                    database_path=tmp_path / "cited.db", index_poll_seconds=0.2)


def publish_edit(settings: Settings, embedder: Any) -> str:
    """Edit the article and publish a new index version; returns the version."""
    article = settings.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Such sentiment is reciprocated.", "Such sentiment is returned in kind."), encoding="utf-8")
    return build_index(settings, embedder=embedder, progress=False).version


def wait_for_version(url: str, version: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while httpx.get(url + "/readyz", timeout=5).json().get("index_version") != version:
        assert time.monotonic() < deadline, f"{version} was not swapped in"
        time.sleep(0.05)


@pytest.mark.slow
def test_new_index_is_swapped_in_under_load(live: Settings, engine: Any, embedder: Any) -> None:
    old = engine.version
    with serve_app(live, engine=engine) as url:
        results: list[tuple[int, str | None]] = []
        stop = threading.Event()

        def client(n: int) -> None:
            with httpx.Client(base_url=url, timeout=60) as http:
                i = 0
                while not stop.is_set() or i < 10:
                    response = http.post("/v1/ask", json={"question": QUESTIONS[(n + i) % len(QUESTIONS)]})
                    results.append((response.status_code, response.json().get("index_version")))
                    i += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        new = publish_edit(live, embedder)
        wait_for_version(url, new)
        time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        statuses = {status for status, _ in results}
        versions = {version for _, version in results}
        assert len(results) >= 60 and statuses == {200}
        assert versions == {old, new}
        after = httpx.post(url + "/v1/ask", json={"question": "How was the sentiment answered?"}, timeout=60).json()
        assert after["index_version"] == new
        metrics = httpx.get(url + "/metrics", timeout=5).text
        assert "cited_index_reloads_total 1.0" in metrics


def test_broken_new_index_is_refused_and_the_old_one_serves(live: Settings, engine: Any) -> None:
    live = live.model_copy(update={"index_poll_seconds": 0})  # only the admin endpoint reloads
    old_folder = current_version_dir(live.index_dir)
    broken = old_folder.parent / "20990101T000000000000-broken"
    shutil.copytree(old_folder, broken)
    manifest = json.loads((broken / "manifest.json").read_text())
    manifest["version"] = broken.name
    (broken / "manifest.json").write_text(json.dumps(manifest))
    with (broken / "units.jsonl").open("a") as handle:
        handle.write("{}\n")  # fails its checksum
    with serve_app(live, engine=engine) as url:
        (live.index_dir / CURRENT).write_text(broken.name + "\n")
        refused = httpx.post(url + "/v1/admin/reload", timeout=60)
        assert refused.status_code == 409
        assert "units.jsonl" in refused.json()["detail"] and broken.name in refused.json()["detail"]
        asked = httpx.post(url + "/v1/ask", json={"question": QUESTIONS[0]}, timeout=60)
        assert asked.status_code == 200 and asked.json()["index_version"] == engine.version
        assert httpx.get(url + "/readyz", timeout=5).json()["index_version"] == engine.version
        # Publishing a good version again is picked up.
        (live.index_dir / CURRENT).write_text(old_folder.name + "\n")
        same = httpx.post(url + "/v1/admin/reload", timeout=60).json()
        assert same == {"index_version": engine.version, "reloaded": False}


def poll(url: str, done: Any, timeout: float = 120) -> httpx.Response:
    deadline = time.monotonic() + timeout
    response = httpx.get(url, timeout=5)
    while not done(response):
        assert time.monotonic() < deadline, f"{url} answered {response.status_code} {response.text[:200]}"
        time.sleep(0.1)
        response = httpx.get(url, timeout=5)
    return response


def copy_version(settings: Settings, name: str, *, leave_out: str | None = None) -> Path:
    """A copy of the published version under a new name, as a replica receives it; with
    `leave_out`, that file has not arrived yet. Returns the folder."""
    source = current_version_dir(settings.index_dir)
    target = source.parent / name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(leave_out) if leave_out else None)
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["version"] = name
    (target / "manifest.json").write_text(json.dumps(manifest))
    return target


@pytest.mark.slow
def test_server_started_before_the_first_build_becomes_ready(tmp_path: Path, built_index_dir: Path,
                                                             embedder: Any) -> None:
    settings = tiny_settings(tmp_path, built_index_dir).model_copy(update={"index_poll_seconds": 0.2})
    with serve_app(settings) as url:
        not_ready = poll(url + "/readyz", lambda r: "still loading" not in r.text)
        assert not_ready.status_code == 503 and "cited build" in not_ready.json()["detail"]
        time.sleep(1)  # polls with nothing to load
        version = build_index(settings, embedder=embedder, progress=False).version
        ready = poll(url + "/readyz", lambda r: r.status_code == 200)
        assert ready.json()["index_version"] == version


@pytest.mark.slow
def test_garbage_pointer_neither_kills_the_watcher_nor_sticks(live: Settings) -> None:
    pointer = live.index_dir / CURRENT
    good = pointer.read_text()
    pointer.write_bytes(b"\xff\xfe\x00\x9c garbage\n")
    with serve_app(live) as url:
        refused = poll(url + "/readyz", lambda r: "still loading" not in r.text)
        assert refused.status_code == 503 and "not a version name (not UTF-8 text)" in refused.json()["detail"]
        time.sleep(1)  # polls over the garbage
        pointer.write_text(good)
        assert poll(url + "/readyz", lambda r: r.status_code == 200).json()["index_version"] == good.strip()
        later = copy_version(live, "20990101T000000000000-later")
        pointer.write_bytes(b"\xff\xfe\x00\x9c garbage\n")  # now while serving
        time.sleep(1)
        assert httpx.get(url + "/readyz", timeout=5).json()["index_version"] == good.strip()
        pointer.write_text(later.name + "\n")
        wait_for_version(url, later.name)


def test_a_version_whose_copy_finishes_late_is_loaded_once_complete(live: Settings, engine: Any) -> None:
    """The pointer reaches a replica before the folder has finished copying: refused, then
    loaded once the files are complete, by an admin reload or by the watcher."""
    pointer = live.index_dir / CURRENT
    source = current_version_dir(live.index_dir)
    with serve_app(live.model_copy(update={"index_poll_seconds": 0}), engine=engine) as url:
        early = copy_version(live, "20990101T000000000000-early", leave_out="units.jsonl")
        pointer.write_text(early.name + "\n")
        refused = httpx.post(url + "/v1/admin/reload", timeout=60)
        assert refused.status_code == 409 and "is missing" in refused.json()["detail"]
        shutil.copy(source / "units.jsonl", early / "units.jsonl")
        reloaded = httpx.post(url + "/v1/admin/reload", timeout=60)
        assert reloaded.status_code == 200, reloaded.text
        assert reloaded.json() == {"index_version": early.name, "reloaded": True}
    with serve_app(live, engine=engine) as url:  # polling every 0.2 s
        late = copy_version(live, "20990101T000000000000-late", leave_out="dense.faiss")
        pointer.write_text(late.name + "\n")
        time.sleep(1)  # refused, and not tried again while nothing changes
        assert httpx.get(url + "/readyz", timeout=5).json()["index_version"] == engine.version
        shutil.copy(source / "dense.faiss", late / "dense.faiss")
        wait_for_version(url, late.name)
