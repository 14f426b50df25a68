"""Writing versions: a build's folder, the atomic publish, and the removal of old versions and
of abandoned builds (the rules: service.store)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from service.errors import IndexCorrupt
from service.locks import build_running, deleting_versions
from service.store.layout import CURRENT, TMP_PREFIX, read_pointer, versions_dir


def new_build_dir(index_dir: Path, version: str) -> Path:
    """A fresh folder for a build in progress (the PID in its name is for people only)."""
    folder = versions_dir(index_dir) / f"{TMP_PREFIX}{os.getpid()}-{version}"
    folder.mkdir(parents=True)
    return folder


def remove_abandoned_builds(index_dir: Path, *, lock_held: bool = False) -> list[Path]:
    """Delete the folders of killed builds; return what was removed.

    A `.tmp-*` folder belongs to a live build only while that build holds `build.lock`, so
    the caller must hold it (`lock_held`, as `cited build` does) or no build may hold it now
    (else nothing is removed). A PID cannot tell: as PID 1 in a container every build has
    the same one, and PIDs are reused.
    """
    root = versions_dir(index_dir)
    if not root.is_dir() or (not lock_held and build_running(index_dir)):
        return []
    removed: list[Path] = []
    for folder in root.glob(f"{TMP_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def publish(index_dir: Path, build_dir: Path, version: str) -> Path:
    """Make a finished build the current version, atomically, and drop older versions."""
    _fsync_tree(build_dir)
    final = versions_dir(index_dir) / version
    os.replace(build_dir, final)
    _fsync_dir(final.parent)
    pointer_tmp = index_dir / f"{CURRENT}.tmp"  # one writer: the caller holds build.lock
    with pointer_tmp.open("w", encoding="utf-8") as handle:
        handle.write(version + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT)
    _fsync_dir(index_dir)
    drop_old_versions(index_dir, keep=version)
    return final


def drop_old_versions(index_dir: Path, keep: str) -> bool:
    """Delete every version but `keep` and whatever `CURRENT` names now; False (nothing
    deleted, left for the next build) while a reader is loading a version.

    A loaded server holds its version in memory (token vectors past 512 MB are memory-mapped,
    which keeps deleted files readable), so only a reader between reading `CURRENT` and
    finishing its load needs the folder, and it holds `versions.lock` shared for exactly that
    time (service.locks; why a lock and not "keep one spare version": docs/, index operations).
    Called with `build.lock` held, so no build is publishing meanwhile.
    """
    with deleting_versions(index_dir) as allowed:
        if not allowed:
            return False
        try:
            named = read_pointer(index_dir)
        except IndexCorrupt:
            named = None
        for folder in versions_dir(index_dir).iterdir():
            if folder.is_dir() and folder.name not in {keep, named} and not folder.name.startswith(TMP_PREFIX):
                shutil.rmtree(folder, ignore_errors=True)
        return True


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
