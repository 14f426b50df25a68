"""Real HTTP servers for tests: uvicorn on a free loopback port, in a thread or a process.

`serve_in_thread(app)` runs an ASGI app in a background thread and stops it when the block
ends. `ServerProcess` runs `service.server:app_factory` in a child process (so it can be
killed with SIGKILL and its memory measured); the child is started through this module's
`__main__`, which listens on a socket inherited from the parent, so no port is ever raced for.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from service.server import uvicorn_options
from service.settings import get_settings

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0


def loopback_socket(host: str = "127.0.0.1") -> socket.socket:
    """A listening TCP socket on a free port of `host`."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    sock.listen(128)
    return sock


@dataclass
class RunningServer:
    """A server the test can reach at `url`."""

    url: str
    server: uvicorn.Server


@contextmanager
def serve_in_thread(app: Any, **config: Any) -> Iterator[RunningServer]:
    """Run `app` with uvicorn on 127.0.0.1 in a daemon thread until the block ends."""
    sock = loopback_socket()
    port = sock.getsockname()[1]
    options: dict[str, Any] = {"log_level": "warning", "lifespan": "on"}
    options.update(config)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield RunningServer(url=f"http://127.0.0.1:{port}", server=server)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@contextmanager
def serve_app(settings: Any, engine: Any = None) -> Iterator[str]:
    """The serving process's app (`create_server(settings, engine=engine)`, Slack mounted
    when configured) on a loopback port; yields its base URL."""
    from service.server import create_server

    with serve_in_thread(create_server(settings, engine=engine)) as running:
        yield running.url


class ServerProcess:
    """`service.server:app_factory` in a child process configured by `env` (CITED_*)."""

    def __init__(self, env: Mapping[str, str], log_path: Path) -> None:
        self.sock = loopback_socket()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        child_env = {k: v for k, v in os.environ.items() if not k.startswith("CITED_")}
        child_env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
        child_env.update(env)
        self.log = open(log_path, "ab")  # closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.server", "--fd", str(self.sock.fileno())],
            cwd=REPO,
            env=child_env,
            pass_fds=[self.sock.fileno()],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until(self, path: str, timeout: float = 120.0) -> None:
        """Poll `path` until it answers 200 (e.g. /readyz once the engine is loaded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + path, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{path} did not answer 200 within {timeout} s")

    def stacks_and_log(self, tail: int = 20_000) -> str:
        """Every thread's stack in the server (SIGUSR1, see service.server.enable_stack_dumps)
        and the end of its log: what a test prints when the server stopped answering."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGUSR1)
            time.sleep(1.0)
        self.log.flush()
        return Path(self.log.name).read_bytes()[-tail:].decode("utf-8", "replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)

    def stop(self) -> None:
        """SIGTERM and wait (SIGKILL if it does not exit); closes everything."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.sock.close()
        self.log.close()

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None and kind is not KeyboardInterrupt:
            print(f"--- server {self.pid}: stacks and log ---\n{self.stacks_and_log()}")
        self.stop()


def _main() -> None:
    parser = argparse.ArgumentParser(description="Serve the app on an inherited socket.")
    parser.add_argument("--fd", type=int, required=True)
    args = parser.parse_args()
    sock = socket.socket(fileno=args.fd)  # family and type detected from the socket
    # The options `cited serve` runs with, so what is tested here is what ships.
    config = uvicorn.Config(
        "service.server:app_factory", factory=True, log_level="warning", **uvicorn_options(get_settings())
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    _main()
