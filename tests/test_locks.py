"""One build at a time per index folder, readers never lose the version they load, and a
killed build's leftovers go even when every build is PID 1 (docs/: index operations)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from service.build import build_index
from service.cli import main
from service.locks import build_lock, reading_versions
from service.settings import Settings, get_settings
from service.store import (
    CURRENT,
    current_version_dir,
    drop_old_versions,
    load_index_files,
    load_published_units,
    open_published,
    remove_abandoned_builds,
)

from .conftest import CORPUS, REPO
from .support.tiny_index import tiny_settings


@pytest.fixture
def tiny(tmp_path: Path, built_index_dir: Path) -> Settings:
    return tiny_settings(tmp_path, built_index_dir)


def assert_index_valid(settings: Settings) -> str:
    """CURRENT names a complete version whose files load; returns the version."""
    folder, manifest = open_published(settings)
    load_index_files(folder, manifest)
    assert not (settings.index_dir / f"{CURRENT}.tmp").exists()
    return manifest.version


def test_a_second_build_waits_for_the_first_and_says_so(tiny: Settings, embedder: Any) -> None:
    messages: list[str] = []
    done = threading.Event()
    with build_lock(tiny.index_dir):
        worker = threading.Thread(
            target=lambda: (build_index(tiny, embedder=embedder, progress=False, say=messages.append), done.set())
        )
        worker.start()
        deadline = time.monotonic() + 30
        while not any("waiting" in m for m in messages):
            assert time.monotonic() < deadline, "the second build did not say it waits"
            time.sleep(0.02)
        assert not done.is_set() and not (tiny.index_dir / CURRENT).exists()
    worker.join(timeout=120)
    assert done.is_set()
    assert any(f"another build holds {tiny.index_dir / 'build.lock'}; waiting" == m for m in messages)
    assert_index_valid(tiny)


def test_no_wait_refuses_in_one_line_while_another_build_runs(tiny: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITED_CORPUS_DIR", str(tiny.corpus_dir))
    monkeypatch.setenv("CITED_INDEX_DIR", str(tiny.index_dir))
    get_settings.cache_clear()
    with build_lock(tiny.index_dir):
        result = CliRunner().invoke(main, ["build", "--force", "--no-wait"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines() == [
        f"Error: another build holds {tiny.index_dir / 'build.lock'}; not waiting (--no-wait)"
    ]


def test_folder_of_a_build_killed_as_pid_1_is_removed(tiny: Settings) -> None:
    """In a container every build is PID 1, and PID 1 is always alive on the host."""
    leftover = tiny.index_dir / "versions" / ".tmp-1-20260101T000000000000-deadbeef"
    leftover.mkdir(parents=True)
    (leftover / "dense.faiss").write_bytes(b"half written")
    assert remove_abandoned_builds(tiny.index_dir) == [leftover]
    assert not leftover.exists()


def test_folder_of_a_running_build_is_kept(tiny: Settings) -> None:
    running = tiny.index_dir / "versions" / f".tmp-{os.getpid() + 1}-20260101T000000000000-deadbeef"
    running.mkdir(parents=True)
    with build_lock(tiny.index_dir):  # as a live build holds it
        assert remove_abandoned_builds(tiny.index_dir) == []
    assert running.exists()


def test_cleanup_keeps_the_version_a_reader_is_loading(tiny: Settings, embedder: Any) -> None:
    first = build_index(tiny, embedder=embedder, progress=False).version
    with reading_versions(tiny.index_dir):  # a server between reading CURRENT and loading the folder
        second = build_index(tiny, embedder=embedder, progress=False, force=True).version
        assert (tiny.index_dir / "versions" / first).is_dir()
    assert assert_index_valid(tiny) == second
    with build_lock(tiny.index_dir):
        assert drop_old_versions(tiny.index_dir, keep=second)
    assert sorted(p.name for p in (tiny.index_dir / "versions").iterdir()) == [second]


def worker(settings: Settings) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
    env.update(
        {
            "CITED_CORPUS_DIR": str(settings.corpus_dir),
            "CITED_INDEX_DIR": str(settings.index_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.builder"],
        cwd=REPO,
        env=env,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def send(builder: subprocess.Popen[str], line: str) -> None:
    assert builder.stdin is not None
    builder.stdin.write(line + "\n")
    builder.stdin.flush()


def receive(builder: subprocess.Popen[str]) -> str:
    assert builder.stdout is not None
    return builder.stdout.readline().strip()


@pytest.mark.slow
def test_racing_builds_never_break_the_published_index(tiny: Settings, tmp_path: Path) -> None:
    """Two build processes start each round together (every third round one of them with
    --no-wait); after every round CURRENT names a complete version that loads, and each
    build either succeeded or refused in one line."""
    builders = [worker(tiny), worker(tiny)]
    refusal = f"another build holds {tiny.index_dir / 'build.lock'}; not waiting (--no-wait)"
    try:
        assert [receive(builder) for builder in builders] == ["READY", "READY"]
        for round_ in range(10):
            commands = ["build --force", "build --force --no-wait" if round_ % 3 == 2 else "build --force"]
            for builder, command in zip(builders, commands, strict=True):
                send(builder, command)
            for builder in builders:
                code, _, message = receive(builder).removeprefix("RESULT ").partition(" ")
                assert (code, message) in {("0", "ok"), ("1", refusal)}, f"round {round_}: {code} {message}"
            version = assert_index_valid(tiny)
            assert (tiny.index_dir / "versions" / version).is_dir()
            assert not list((tiny.index_dir / "versions").glob(".tmp-*"))
    finally:
        for builder in builders:
            builder.kill()
            builder.communicate(timeout=30)  # reaps it and closes its pipes


def child_of(pid: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.02)
    raise TimeoutError("unshare started no child")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_build_killed_as_pid_1_is_cleaned_up_by_the_next_build(
    tmp_path: Path, built_index_dir: Path, embedder: Any
) -> None:
    """`cited build` as PID 1 of its own PID namespace (as in the compose build job), killed
    mid-build: the next build removes its folder."""
    if subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True).returncode:
        pytest.skip("this user may not create PID namespaces")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    index_dir = tmp_path / "index"
    shutil.copytree(built_index_dir, index_dir, copy_function=os.link)
    for embeddings in (index_dir / "cache").glob("embeddings-*"):
        shutil.rmtree(embeddings)  # a cold embedding cache makes the build long enough to kill
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=index_dir)
    before = (index_dir / CURRENT).read_text()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CITED_")},
        "CITED_CORPUS_DIR": str(settings.corpus_dir),
        "CITED_INDEX_DIR": str(index_dir),
    }
    build = subprocess.Popen(
        ["unshare", "--pid", "--fork", "--mount-proc", sys.executable, "-m", "service", "build", "--force"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pid_1 = child_of(build.pid)
        deadline = time.monotonic() + 120
        while not list((index_dir / "versions").glob(".tmp-*")):
            assert build.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        leftovers = list((index_dir / "versions").glob(".tmp-*"))
        assert [p.name.split("-")[1] for p in leftovers] == ["1"]  # it ran as PID 1
        os.kill(pid_1, signal.SIGKILL)
        build.wait(timeout=30)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait(timeout=30)
    assert (index_dir / CURRENT).read_text() == before and load_published_units(settings)
    messages: list[str] = []
    build_index(settings, embedder=embedder, progress=False, say=messages.append)
    assert messages[:1] == [f"removed an abandoned build: {leftovers[0]}"]
    assert not list((index_dir / "versions").glob(".tmp-*"))
    assert current_version_dir(index_dir).name == before.strip()  # the corpus did not change: up to date
