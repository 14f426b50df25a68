"""Index updates while serving (issue "Deployment and scale"): a newly published index is
swapped in under load with no failed request, each response wholly from one version; a
broken new index is refused and the old one keeps serving (docs/reliability.md, "Index").
A server with nothing loaded yet, a garbage pointer, or a copy that finishes late recovers
by itself (docs/reliability.md, "Operations")."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.build import build_index
from service.settings import Settings
from service.store import CURRENT, current_version_dir

from .support.copies import settings_over_copies
from .support.server import serve_app, serve_in_thread
from .support.slack_server import captured_logs
from .support.tiny_index import tiny_settings

QUESTIONS = [
    "Why does Pakistan host the Taliban leadership?",
    "What did the TTP do in August?",
    "Who is Michael Kugelman?",
    "How long is the Afghan border fence?",
]


@pytest.fixture
def live(tmp_path: Path, built_index_dir: Path) -> Settings:
    """Settings over private copies of the corpus and the session's index (cache included)."""
    return settings_over_copies(tmp_path, built_index_dir, index_poll_seconds=0.2)


def publish_edit(settings: Settings, embedder: Any) -> str:
    """Edit the article and publish a new index version; returns the version."""
    article = settings.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Such sentiment is reciprocated.", "Such sentiment is returned in kind."
        ),
        encoding="utf-8",
    )
    return build_index(settings, embedder=embedder, progress=False).version


def wait_for_version(url: str, version: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while httpx.get(url + "/readyz", timeout=5).json().get("index_version") != version:
        assert time.monotonic() < deadline, f"{version} was not swapped in"
        time.sleep(0.05)


CLIENTS = 100  # concurrent connections during the swap, each with requests before and after it
EDITED_QUESTION = "How was the sentiment answered?"  # its best passage is the one publish_edit changes


def version_units(settings: Settings, version: str) -> dict[str, str]:
    """unit id -> text, read from that version's own units.jsonl."""
    path = settings.index_dir / "versions" / version / "units.jsonl"
    with path.open(encoding="utf-8") as handle:
        return {unit["id"]: unit["text"] for unit in map(json.loads, handle)}


def assert_wholly_from(body: dict[str, Any], units: dict[str, str]) -> None:
    """Every result, footnote and answer sentence of an /v1/ask body is a unit of that version,
    with that version's text."""
    assert body["results"], body
    for result in body["results"]:
        assert units.get(result["unit_id"]) == result["text"], result["unit_id"]
        for footnote in result["footnotes"]:
            assert footnote["unit_id"] in units, footnote["unit_id"]
    for sentence in body["answer"]:
        assert sentence["unit_id"] in units, sentence["unit_id"]


@pytest.mark.slow
def test_new_index_is_swapped_in_under_load(live: Settings, engine: Any, embedder: Any) -> None:
    """100 clients ask without pause while a new version is published: every answer is a 200
    whose results are all units of the version it names, with that version's text."""
    old = engine.version
    units = {old: version_units(live, old)}
    with serve_app(live, engine=engine) as url:
        bodies: list[tuple[int, dict[str, Any]]] = []
        swapped = threading.Event()

        def client(n: int) -> None:
            with httpx.Client(base_url=url, timeout=120) as http:
                asked_after_swap = 0
                i = 0
                while asked_after_swap < 1 or i < 2:  # some before the swap, one at least after
                    after = swapped.is_set()
                    question = [*QUESTIONS, EDITED_QUESTION][(n + i) % (len(QUESTIONS) + 1)]
                    response = http.post("/v1/ask", json={"question": question})
                    bodies.append((response.status_code, response.json()))
                    asked_after_swap += after
                    i += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        new = publish_edit(live, embedder)
        units[new] = version_units(live, new)
        assert units[new] != units[old]  # the edit changed a unit's text
        wait_for_version(url, new)
        swapped.set()
        for thread in threads:
            thread.join(timeout=300)
        assert len(bodies) >= 2 * CLIENTS and {status for status, _ in bodies} == {200}
        assert {body["index_version"] for _, body in bodies} == {old, new}
        for _, body in bodies:
            assert_wholly_from(body, units[body["index_version"]])
        after = httpx.post(url + "/v1/ask", json={"question": EDITED_QUESTION}, timeout=60).json()
        assert after["index_version"] == new
        assert any("returned in kind" in result["text"] for result in after["results"])
        metrics = httpx.get(url + "/metrics", timeout=5).text
        assert "cited_index_reloads_total 1.0" in metrics


class GatedEngine:
    """Test seam: the real engine, whose `ask` waits for `release` (the first one only is
    counted in `entered`), so requests can be held in flight across a swap."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.entered = threading.Event()
        self.release = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, question: str, **kwargs: Any) -> Any:
        self.entered.set()
        assert self.release.wait(120), "never released"
        return self._engine.ask(question, **kwargs)


@pytest.mark.slow
def test_requests_in_flight_finish_on_the_old_index(live: Settings, engine: Any, embedder: Any) -> None:
    """With one search slot, one request is held inside retrieval and four more wait for the
    slot; a new version is swapped in meanwhile. All five, started before the swap, answer
    from the old version (its units, its text); the next request from the new one."""
    settings = live.model_copy(update={"index_poll_seconds": 0, "search_threads": 1})
    old = engine.version
    old_units = version_units(settings, old)
    edited = next(unit for unit, text in old_units.items() if "Such sentiment is reciprocated." in text)
    gated = GatedEngine(engine)
    app = create_app(settings, engine=gated)
    with serve_in_thread(app) as server, ThreadPoolExecutor(5) as pool:

        def ask() -> httpx.Response:
            return httpx.post(server.url + "/v1/ask", json={"question": EDITED_QUESTION}, timeout=120)

        held = pool.submit(ask)
        assert gated.entered.wait(60)
        waiting = [pool.submit(ask) for _ in range(4)]
        limiter = app.state.cited.search_limiter
        deadline = time.monotonic() + 60
        while limiter.statistics().tasks_waiting < len(waiting):
            assert time.monotonic() < deadline, "the requests never queued for the search slot"
            time.sleep(0.01)

        new = publish_edit(settings, embedder)  # changes the text of `edited`
        new_units = version_units(settings, new)
        assert new_units[edited] != old_units[edited]
        swapped = httpx.post(server.url + "/v1/admin/reload", timeout=120)
        assert swapped.json() == {"index_version": new, "reloaded": True}

        gated.release.set()
        for future in [held, *waiting]:
            response = future.result(timeout=120)
            assert response.status_code == 200
            assert response.json()["index_version"] == old
            assert_wholly_from(response.json(), old_units)
        assert any(r["unit_id"] == edited for r in held.result().json()["results"])
        later = ask().json()
        assert later["index_version"] == new
        assert_wholly_from(later, new_units)


def broken_copy(settings: Settings) -> Path:
    """A copy of the published version under a later name whose units.jsonl fails its checksum."""
    broken = copy_version(settings, "20990101T000000000000-broken")
    with (broken / "units.jsonl").open("a") as handle:
        handle.write("{}\n")
    return broken


def test_broken_new_index_is_refused_and_the_old_one_serves(live: Settings, engine: Any) -> None:
    """Through the admin endpoint: 409 naming the file, the old version serves; a good new
    version is then swapped in by the same endpoint."""
    live = live.model_copy(update={"index_poll_seconds": 0})  # only the admin endpoint reloads
    old_folder = current_version_dir(live.index_dir)
    broken = broken_copy(live)
    with serve_app(live, engine=engine) as url:
        (live.index_dir / CURRENT).write_text(broken.name + "\n")
        refused = httpx.post(url + "/v1/admin/reload", timeout=60)
        assert refused.status_code == 409
        assert "units.jsonl" in refused.json()["detail"] and broken.name in refused.json()["detail"]
        asked = httpx.post(url + "/v1/ask", json={"question": QUESTIONS[0]}, timeout=60)
        assert asked.status_code == 200 and asked.json()["index_version"] == engine.version
        assert httpx.get(url + "/readyz", timeout=5).json()["index_version"] == engine.version
        # Pointing back at the serving version changes nothing.
        (live.index_dir / CURRENT).write_text(old_folder.name + "\n")
        same = httpx.post(url + "/v1/admin/reload", timeout=60).json()
        assert same == {"index_version": engine.version, "reloaded": False}
        # A good new version is swapped in, and served.
        good = copy_version(live, "20990101T000000000000-good")
        (live.index_dir / CURRENT).write_text(good.name + "\n")
        reloaded = httpx.post(url + "/v1/admin/reload", timeout=60)
        assert reloaded.status_code == 200 and reloaded.json() == {"index_version": good.name, "reloaded": True}
        asked = httpx.post(url + "/v1/ask", json={"question": QUESTIONS[0]}, timeout=60)
        assert asked.status_code == 200 and asked.json()["index_version"] == good.name
        assert "cited_index_reloads_total 1.0" in httpx.get(url + "/metrics", timeout=5).text


@pytest.mark.slow
def test_the_watcher_refuses_a_broken_index_once_and_keeps_serving(live: Settings, engine: Any) -> None:
    """Through the watcher (polling every 0.2 s): one log line naming the version and the file,
    `cited_index_reload_failures_total` 1, the old version still answers; a good version
    published afterwards is swapped in, and the broken one was not retried meanwhile."""
    broken = broken_copy(live)
    good = copy_version(live, "20990101T000000000000-good")  # copied while CURRENT names the old one
    with captured_logs("cited.api") as records, serve_app(live, engine=engine) as url:
        (live.index_dir / CURRENT).write_text(broken.name + "\n")
        (refusal,) = poll_logs(records, "refused")
        assert refusal.startswith(f"new index {broken.name} refused, still serving the old one: ")
        assert "units.jsonl" in refusal
        poll(url + "/metrics", lambda r: "cited_index_reload_failures_total 1.0" in r.text, timeout=10)
        asked = httpx.post(url + "/v1/ask", json={"question": QUESTIONS[0]}, timeout=60)
        assert asked.status_code == 200 and asked.json()["index_version"] == engine.version
        assert httpx.get(url + "/readyz", timeout=5).json()["index_version"] == engine.version
        (live.index_dir / CURRENT).write_text(good.name + "\n")
        wait_for_version(url, good.name)
        # The new engine serves a moment before the reload is counted: wait for the count.
        poll(url + "/metrics", lambda r: "cited_index_reloads_total 1.0" in r.text, timeout=10)
        metrics = httpx.get(url + "/metrics", timeout=5).text
        assert "cited_index_reload_failures_total 1.0" in metrics  # the broken one was not retried
        assert [m for m in messages(records) if "refused" in m] == [refusal]


def messages(records: list[logging.LogRecord]) -> list[str]:
    return [record.getMessage() for record in list(records)]


def poll_logs(records: list[logging.LogRecord], needle: str, timeout: float = 60) -> list[str]:
    """The messages containing `needle`, once there is one (at most `timeout` s)."""
    deadline = time.monotonic() + timeout
    while not (found := [m for m in messages(records) if needle in m]):
        assert time.monotonic() < deadline, f"{needle!r} never logged: {messages(records)}"
        time.sleep(0.05)
    return found


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
def test_server_started_before_the_first_build_becomes_ready(
    tmp_path: Path, built_index_dir: Path, embedder: Any
) -> None:
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
