"""Advisory locks on the index folder (`fcntl.flock`), so builds and readers never collide.

    index/build.lock      held exclusively by a build from start to finish: one build at a time
    index/versions.lock   held shared by a reader while it opens and loads a version; a build
                          takes it exclusively (without waiting) before deleting old versions

The kernel drops a lock when its holder dies, however it died (SIGKILL, a container's PID 1
killed), so a lock says "someone is working here" where a PID in a folder name cannot: PIDs
are reused, and every container's build runs as PID 1. The design is in docs/ (index
operations).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from service.errors import IndexBusy

BUILD_LOCK = "build.lock"
VERSIONS_LOCK = "versions.lock"


@contextmanager
def build_lock(index_dir: Path, *, wait: bool = True, say: Callable[[str], None] = print) -> Iterator[None]:
    """Hold `index/build.lock` exclusively for the block. When another build holds it: say so
    and wait, or (`wait=False`) raise IndexBusy at once."""
    path = index_dir / BUILD_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise IndexBusy(f"another build holds {path}; not waiting (--no-wait)") from None
            say(f"another build holds {path}; waiting")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock


def build_running(index_dir: Path) -> bool:
    """Whether some process holds `index/build.lock` now (checked without waiting)."""
    path = index_dir / BUILD_LOCK
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@contextmanager
def reading_versions(index_dir: Path) -> Iterator[None]:
    """Hold `index/versions.lock` shared while reading CURRENT and loading the version it
    names, so no build deletes that folder under the reader. Waits only while a build is
    deleting old versions (a moment). A folder where the lock file cannot be made (a
    read-only copy, where nothing builds) is read without it."""
    fd = _open_lock(index_dir / VERSIONS_LOCK)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


@contextmanager
def deleting_versions(index_dir: Path) -> Iterator[bool]:
    """Yield True while holding `index/versions.lock` exclusively (no reader is loading), or
    False at once when a reader holds it: the caller then leaves old versions for later."""
    fd = _open_lock(index_dir / VERSIONS_LOCK)
    if fd is None:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _open_lock(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except FileNotFoundError:
        return None  # no index folder yet: nothing to protect
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None
