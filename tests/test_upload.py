"""`POST /v1/documents` over real HTTP: off without CITED_ADMIN_TOKEN (403), 401 without the
right bearer token, and with it a document is added, the index rebuilt and swapped in; a
broken upload changes neither the corpus nor the index that serves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.settings import Settings

from .conftest import CORPUS
from .support import documents as make
from .support.copies import settings_over_copies
from .support.documents import snapshot
from .support.server import serve_app

TOKEN = "admin-token-for-tests"


@pytest.fixture
def live(tmp_path: Path, built_index_dir: Path) -> Settings:
    """Settings over private copies of the corpus and the session's index, uploads on."""
    return settings_over_copies(
        tmp_path,
        built_index_dir,
        leave_out=("questions",),
        index_poll_seconds=0,
        admin_token=TOKEN,
        max_document_bytes=64 * 1024,
    )


@pytest.fixture
def client(live: Settings, engine: Any) -> Iterator[httpx.Client]:
    with serve_app(live, engine=engine) as url, httpx.Client(base_url=url, timeout=120) as http:
        yield http


def upload(
    client: httpx.Client, name: str, content: bytes | str, token: str | None = TOKEN, **fields: str
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = content.encode() if isinstance(content, str) else content
    return client.post("/v1/documents", files={"file": (name, data)}, data=fields, headers=headers)


def test_uploads_are_off_without_an_admin_token(live: Settings, engine: Any) -> None:
    settings = live.model_copy(update={"admin_token": None})
    with serve_app(settings, engine=engine) as url:
        response = httpx.post(
            url + "/v1/documents",
            files={"file": ("n.md", make.NOTE_MD.encode())},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "CITED_ADMIN_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("token", [None, "wrong", TOKEN + "x"])
def test_a_missing_or_wrong_token_is_401(client: httpx.Client, live: Settings, token: str | None) -> None:
    before = snapshot(live.corpus_dir)
    response = upload(client, "note.md", make.NOTE_MD, token=token)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert snapshot(live.corpus_dir) == before


@pytest.mark.slow
def test_an_upload_is_added_built_and_swapped_in(client: httpx.Client, live: Settings, engine: Any) -> None:
    response = upload(client, "note.md", make.NOTE_MD, publisher="The Water Review", kind="article")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["document"]["id"] == "water-disputes-on-the-indus"
    assert body["document"]["publisher"] == "The Water Review" and body["document"]["author"] == "Jane Analyst"
    assert body["report"]["passages"] == 2 and body["report"]["format"] == "text"
    assert body["index_version"] != engine.version
    assert client.get("/readyz").json()["index_version"] == body["index_version"]
    listed = {d["id"]: d for d in client.get("/v1/documents").json()["documents"]}
    assert listed["water-disputes-on-the-indus"]["kind"] == "article"
    answer = client.post(
        "/v1/ask",
        json={
            "question": "What has the Indus Waters Treaty survived?",
            "filters": {"documents": ["water-disputes-on-the-indus"]},
        },
    ).json()
    assert "survived three wars" in answer["results"][0]["text"]
    assert (live.corpus_dir / "documents" / "water-disputes-on-the-indus.md").read_text() == make.NOTE_MD


@pytest.mark.parametrize(
    ("name", "content", "status", "detail"),
    [
        ("empty.md", b"", 422, "the file is empty"),
        (
            "copy.txt",
            (CORPUS / "documents" / "fp-pakistan-taliban-2021.txt").read_bytes(),
            409,
            "already in the corpus",
        ),
        ("scan.pdf", make.image_only_pdf(), 422, "no text layer"),
        ("big.md", "x" * 80_000, 422, "over the limit of 65.5 kB (CITED_MAX_DOCUMENT_BYTES)"),
        ("huge.md", "x" * 200_000, 413, "larger than"),  # refused by the body limit before it is read
    ],
)
def test_a_broken_upload_changes_nothing(
    client: httpx.Client, live: Settings, engine: Any, name: str, content: bytes | str, status: int, detail: str
) -> None:
    before = snapshot(live.corpus_dir), snapshot(live.index_dir)
    response = upload(client, name, content)
    assert response.status_code == status, response.text
    assert detail in response.json()["detail"]
    assert (snapshot(live.corpus_dir), snapshot(live.index_dir)) == before
    assert client.get("/readyz").json()["index_version"] == engine.version


@pytest.mark.slow
def test_a_failed_build_puts_the_corpus_back(client: httpx.Client, live: Settings, engine: Any) -> None:
    # A document already in the corpus that can no longer be read makes the rebuild fail
    # after the upload was copied in and catalogued: both must be taken out again.
    (live.corpus_dir / "documents" / "fp-pakistan-taliban-2021.txt").write_bytes(b"\xff\xfe not text")
    before = snapshot(live.corpus_dir), snapshot(live.index_dir)
    response = upload(client, "note.md", make.NOTE_MD)
    assert response.status_code == 503, response.text
    assert "fp-pakistan-taliban-2021" in response.json()["detail"]
    assert (snapshot(live.corpus_dir), snapshot(live.index_dir)) == before
    assert client.get("/readyz").json()["index_version"] == engine.version


def test_a_body_that_is_not_multipart_is_a_documented_400_and_changes_nothing(
    client: httpx.Client, live: Settings
) -> None:
    # Found by the schema fuzzer: a part with no headers. Starlette refuses it before the
    # handler runs; the status must be one the OpenAPI document lists.
    before = snapshot(live.corpus_dir), snapshot(live.index_dir)
    boundary = "b0undary"
    response = client.post(
        "/v1/documents",
        content=f"--{boundary}\r\n4037--{boundary}--\r\n".encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    documented = client.get("/openapi.json").json()["paths"]["/v1/documents"]["post"]["responses"]
    assert "400" in documented
    assert (snapshot(live.corpus_dir), snapshot(live.index_dir)) == before
