"""A real PostgreSQL server for tests: Debian's binaries, a throwaway cluster.

`running_postgres()` runs `initdb` into a fresh temporary folder, starts the server on a free
port of 127.0.0.1 (its Unix socket stays in that folder too), creates a database and yields
its URL; the server is stopped (`pg_ctl stop -m fast`) and the folder removed when the block
ends, whatever happened inside. PostgreSQL refuses to run as root, so under root every
server command runs as the `postgres` user that Debian's package creates.

`postgres_url` is the session fixture over it: one server per test session. It skips with a
reason when the binaries are missing, except in CI (CI set), where it fails instead:
the Makefile installs them, so their absence there is a broken setup, not a choice.
`postgres_server` is a server of a test's own, which the test may stop and start again
(`stop_server`, `start_server`: same port, same data) to play an outage, or crash
(`crash_server`: SIGKILL to every server process). `durable_postgres_server` is one with
fsync and synchronous commit on, for crash tests: the other servers run without them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

DEBIAN_ROOT = Path("/usr/lib/postgresql")  # one folder per major version: 15/bin/...
SERVER_USER = "postgres"  # created by Debian's postgresql-common
DATABASE = "cited"
START_TIMEOUT_S = 60
START_ATTEMPTS = 3  # a free port may be taken between choosing it and binding it

_TEST_CONFIG = """
listen_addresses = '127.0.0.1'
unix_socket_directories = '{socket_dir}'
max_connections = 100
"""
# A throwaway cluster: durability buys nothing here and costs time on every commit. A server
# started with `durable=True` keeps PostgreSQL's defaults instead (fsync, synchronous commit).
_NOT_DURABLE_CONFIG = """
fsync = off
synchronous_commit = off
full_page_writes = off
"""


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server."""

    port: int
    url: str  # the test database, e.g. postgresql://postgres@127.0.0.1:PORT/cited
    admin_url: str  # the `postgres` maintenance database
    log: Path
    bin_dir: Path | None = None
    data: Path | None = None


def find_bin_dir() -> Path | None:
    """The newest Debian PostgreSQL bin folder with initdb, pg_ctl and postgres, if any."""
    candidates = [
        d for d in DEBIAN_ROOT.glob("*/bin") if all((d / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres"))
    ]
    return max(candidates, key=_major_version, default=None)


def _major_version(bin_dir: Path) -> float:
    try:
        return float(bin_dir.parent.name)
    except ValueError:
        return 0.0


def _as_server_user() -> list[str]:
    """The command prefix that drops root to the server user; nothing when not root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError(
            "running as root, and `runuser` (util-linux) is missing to drop to "
            f"the {SERVER_USER!r} user PostgreSQL needs"
        )
    return [runuser, "-u", SERVER_USER, "--"]


def _run(command: Sequence[str], cwd: Path) -> None:
    # LC_ALL=C: the cluster is initialised with --no-locale; a developer's unset or missing
    # locale must not make initdb or the server refuse to start.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    done = subprocess.run(
        [*_as_server_user(), *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _make_root() -> Path:
    """A temporary folder the server user owns (mode 0700, as initdb wants)."""
    # Not under pytest's tmp_path: its parents are root's 0700 folders the server user
    # cannot traverse. tempfile's default /tmp is world-traversable.
    root = Path(tempfile.mkdtemp(prefix="cited-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        os.chown(root, user.pw_uid, user.pw_gid)
    return root


def _start(bin_dir: Path, data: Path, log: Path) -> int:
    """Start the server on a free port and return the port; retry if the port was taken."""
    failure = ""
    for _ in range(START_ATTEMPTS):
        port = _free_port()
        try:
            _run(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    str(START_TIMEOUT_S),
                    "-o",
                    f"-p {port}",
                    "start",
                ],
                cwd=data.parent,
            )
            return port
        except RuntimeError as exc:
            failure = f"{exc}\n{log.read_text(errors='replace') if log.exists() else ''}"
            if "already in use" not in failure:
                break
    raise RuntimeError(f"PostgreSQL did not start:\n{failure}")


@contextmanager
def running_postgres(bin_dir: Path, database: str = DATABASE, *, durable: bool = False) -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server with an empty `database`, stopped when the block ends;
    `durable` keeps fsync and synchronous commit on, as a production server has them."""
    root = _make_root()
    data, log = root / "data", root / "server.log"
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                SERVER_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            cwd=root,
        )
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(_TEST_CONFIG.format(socket_dir=root))
            if not durable:
                conf.write(_NOT_DURABLE_CONFIG)
        try:
            port = _start(bin_dir, data, log)
            base = f"postgresql://{SERVER_USER}@127.0.0.1:{port}"
            with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{database}"')
            yield PostgresServer(port, f"{base}/{database}", f"{base}/postgres", log, bin_dir, data)
        finally:
            _stop(bin_dir, data)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _stop(bin_dir: Path, data: Path) -> None:
    """Stop the server if it runs (also after a start that timed out half-way)."""
    if (data / "postmaster.pid").exists():
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], cwd=data.parent)


def stop_server(server: PostgresServer) -> None:
    """Stop the server (fast shutdown: connections are cut), keeping its data."""
    assert server.bin_dir is not None and server.data is not None
    _stop(server.bin_dir, server.data)


def start_server(server: PostgresServer) -> None:
    """Start a stopped server again on its port, with its data."""
    assert server.bin_dir is not None and server.data is not None
    _run(
        [
            str(server.bin_dir / "pg_ctl"),
            "-D",
            str(server.data),
            "-l",
            str(server.log),
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "-o",
            f"-p {server.port}",
            "start",
        ],
        cwd=server.data.parent,
    )


def crash_server(server: PostgresServer) -> None:
    """SIGKILL the postmaster and every process it started, as a crash would: no shutdown
    code runs, nothing more is written. `start_server` then runs crash recovery."""
    assert server.data is not None
    lock_file = server.data / "postmaster.pid"
    postmaster = int(lock_file.read_text().split()[0])
    processes = [postmaster, *_children(postmaster)]
    for pid in processes:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + START_TIMEOUT_S
    while any(_alive(pid) for pid in processes):
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL processes {processes} outlived SIGKILL")
        time.sleep(0.05)
    # Lock files a crash leaves behind name the dead postmaster; an unreaped (zombie) one still
    # looks alive to the next start, which would refuse. A reboot clears them the same way.
    lock_file.unlink(missing_ok=True)
    (server.data.parent / f".s.PGSQL.{server.port}.lock").unlink(missing_ok=True)


def _children(parent: int) -> list[int]:
    """Processes whose parent is `parent` (from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):
            # The command name, in parentheses, may hold spaces: the fields after it are fixed.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                children.append(int(stat.parent.name))
    return children


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def empty_tables(url: str) -> None:
    """Remove every row from every table of the public schema (between tests)."""
    with psycopg.connect(url, autocommit=True) as db:
        tables = [
            name for (name,) in db.execute("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'")
        ]
        if tables:
            db.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _bin_dir_or_skip() -> Path:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        reason = f"PostgreSQL binaries not found under {DEBIAN_ROOT}/*/bin (Debian: apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests", pytrace=False)
        pytest.skip(reason)
    return bin_dir


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a database on a PostgreSQL server started for this test session."""
    with running_postgres(_bin_dir_or_skip()) as server:
        yield server.url


@pytest.fixture(name="durable_postgres_server")
def durable_postgres_server_fixture() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test's own with fsync and synchronous commit on."""
    with running_postgres(_bin_dir_or_skip(), durable=True) as server:
        yield server


@pytest.fixture(name="postgres_server")
def postgres_server_fixture() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test's own, to stop and start again."""
    with running_postgres(_bin_dir_or_skip()) as server:
        yield server
