"""The uvicorn options `cited serve` runs with (service.server), in a real server process
on loopback: a request head must arrive within the header timeout, trickled or not; an idle
kept-alive connection is closed; and hundreds of half-sent requests against a low file limit
do not keep a real ask out (connections waiting for a head are capped); SIGUSR1 dumps every
thread's stack to the log without stopping the server."""

from __future__ import annotations

import os
import resource
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import CORPUS
from tests.support.server import ServerProcess

HEADER_TIMEOUT_S = 2
KEEP_ALIVE_S = 1
UVICORN_DEFAULT_KEEP_ALIVE_S = 5
HALF_SENT = b"POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
# Room for the margin of a loaded machine; the promise is "closed", the bound only keeps a
# broken server from hanging the test.
CLOSE_WITHIN_S = HEADER_TIMEOUT_S + 8

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(built_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("serve")
    env = {
        "CITED_CORPUS_DIR": str(CORPUS),
        "CITED_INDEX_DIR": str(built_index_dir),
        "CITED_DATABASE_PATH": str(folder / "cited.db"),
        "CITED_SEARCH_THREADS": "1",
        "CITED_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT_S),
        "CITED_KEEP_ALIVE_SECONDS": str(KEEP_ALIVE_S),
    }
    with ServerProcess(env, folder / "server.log") as process:
        process.wait_until("/readyz", timeout=180)
        yield process


def connect(server: ServerProcess) -> socket.socket:
    address = urlsplit(server.url)
    sock = socket.create_connection((address.hostname, address.port), timeout=CLOSE_WITHIN_S)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (socket timeout: fail)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def test_a_half_sent_request_head_is_closed_with_408(server: ServerProcess) -> None:
    with connect(server) as sock:
        started = time.monotonic()
        sock.sendall(HALF_SENT)
        reply = read_until_closed(sock)
        assert reply.startswith(b"HTTP/1.1 408 ")
        assert time.monotonic() - started >= HEADER_TIMEOUT_S - 0.5


def test_trickling_the_head_does_not_extend_the_deadline(server: ServerProcess) -> None:
    with connect(server) as sock:
        sent = 0
        for byte in HALF_SENT:  # one byte every 0.1 s: the head would take 7 s to arrive
            sock.sendall(bytes([byte]))
            sent += 1
            readable, _, _ = select.select([sock], [], [], 0.1)
            if readable:  # the server answered before the head was complete
                break
        assert sent < len(HALF_SENT), "the trickle kept the connection open"
        assert read_until_closed(sock).startswith(b"HTTP/1.1 408 ")


def test_an_idle_kept_alive_connection_is_closed(server: ServerProcess) -> None:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        started = time.monotonic()
        reply = read_until_closed(sock)  # the response, then the close after the idle time
        assert reply.startswith(b"HTTP/1.1 200 ") and b'"ok"' in reply
        # The setting, not uvicorn's default of 5 s, decides when.
        assert time.monotonic() - started < UVICORN_DEFAULT_KEEP_ALIVE_S - 1


def test_sigusr1_writes_every_threads_stack_to_the_log_and_the_server_goes_on(server: ServerProcess) -> None:
    dump = server.stacks_and_log()
    # faulthandler's format: a header per thread, then its frames, innermost first.
    assert dump.count("Thread 0x") >= 2, dump[-2000:]  # the event loop and the workers, not one
    assert 'File "' in dump and "uvicorn" in dump
    response = httpx.post(f"{server.url}/v1/ask", timeout=30, json={"question": "Who leads the Taliban?"})
    assert response.status_code == 200, response.text


def test_half_sent_requests_against_a_low_file_limit_do_not_starve_a_real_ask(server: ServerProcess) -> None:
    # Last in this module: it lowers the server's file limit for good.
    in_use = len(os.listdir(f"/proc/{server.pid}/fd"))
    headroom = 60
    _, hard = resource.prlimit(server.pid, resource.RLIMIT_NOFILE)
    resource.prlimit(server.pid, resource.RLIMIT_NOFILE, (in_use + headroom, hard))
    # Five times what the server has room for: without a cap on connections waiting for
    # their head, the descriptors run out and the event loop drops every new connection.
    stalled = []
    try:
        for _ in range(5 * headroom):
            sock = connect(server)
            sock.sendall(HALF_SENT)
            stalled.append(sock)
        response = httpx.post(f"{server.url}/v1/ask", timeout=30, json={"question": "Who leads the Taliban?"})
        assert response.status_code == 200, response.text
    finally:
        for sock in stalled:
            sock.close()
