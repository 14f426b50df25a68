"""`POST /v1/documents`: add a document to the running service, rebuild, swap the index in.

Behind its own bearer token, `CITED_ADMIN_TOKEN` (not the API key: reading and changing the
corpus are different rights). With no token configured, uploads are off: 403. A wrong or
missing token: 401. The file passes the same checks as `cited add`; the build runs on a
worker thread, and if it fails the corpus is put back as it was and the old index serves on.
"""

from __future__ import annotations

import hmac
import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import StateDep
from service.api.models import DocumentAddedOut, ParseReportOut
from service.api.problems import problem_responses
from service.api.reload import IndexWatcher
from service.api.state import AppState
from service.build import build_index
from service.library import Overrides, Prepared, commit, corpus_lock, prepare
from service.schemas import DocumentOut

router = APIRouter(prefix="/v1", tags=["documents"])
UPLOAD_PATH = "/v1/documents"

UPLOADS_OFF = "document uploads are off: set CITED_ADMIN_TOKEN to turn them on"
UNAUTHORIZED = "the admin token is required: send 'Authorization: Bearer <CITED_ADMIN_TOKEN>'"
_bearer = HTTPBearer(auto_error=False, description="The admin token (CITED_ADMIN_TOKEN).")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
Field = Annotated[str | None, Form(max_length=300)]


async def require_admin_token(
    state: StateDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """403 when uploads are off, 401 unless the bearer token is the admin token (constant time)."""
    expected = state.settings.admin_token
    if expected is None:
        raise HTTPException(403, UPLOADS_OFF)
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.get_secret_value().encode("utf-8")):
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})


@router.post(
    "/documents",
    status_code=201,
    response_model=DocumentAddedOut,
    dependencies=[Depends(require_admin_token)],
    # 400: a body that is not valid multipart (Starlette refuses it before the handler runs).
    responses=problem_responses(400, 401, 403, 409, 413, 422, 429, 500, 503),
    summary="Add a document (multipart upload), rebuild the index and swap it in",
)
async def upload_document(
    request: Request,
    state: StateDep,
    file: Annotated[UploadFile, File()],
    id: Field = None,
    title: Field = None,
    author: Field = None,
    date: Field = None,
    publisher: Field = None,
    series: Field = None,
    url: Field = None,
    kind: Field = None,
) -> DocumentAddedOut:
    """The parse report, the catalog entry written and the index version now serving."""
    engine = state.require_engine()  # its model builds the new index; 503 while loading
    watcher: IndexWatcher = request.app.state.index_watcher
    overrides = Overrides(
        id=id, title=title, author=author, date=date, publisher=publisher, series=series, url=url, kind=kind
    )
    with tempfile.TemporaryDirectory(prefix="cited-upload-") as folder:
        path = Path(folder) / _safe_name(file.filename)
        with path.open("wb") as out:
            await anyio.to_thread.run_sync(shutil.copyfileobj, file.file, out)
        added = await anyio.to_thread.run_sync(lambda: _add_and_build(state, path, overrides, engine))
    outcome = await anyio.to_thread.run_sync(watcher.check)
    if outcome.error is not None:
        raise HTTPException(500, f"the document was added but index {outcome.version} was refused: {outcome.error}")
    return DocumentAddedOut(
        document=DocumentOut.from_record(added.document),
        report=ParseReportOut.from_record(added.report),
        index_version=outcome.version,
    )


def _add_and_build(state: AppState, path: Path, overrides: Overrides, engine: object) -> Prepared:
    """Add the file and build; on any failure the corpus is put back and nothing is published."""
    settings = state.settings
    with corpus_lock:
        prepared = prepare([path], settings, overrides)
        addition = commit(prepared, settings)
        try:
            build_index(settings, progress=False, embedder=getattr(engine, "embedder", None))
        except BaseException:
            addition.undo()
            raise
    return prepared[0]


def _safe_name(filename: str | None) -> str:
    """The upload's base name with anything but letters, digits, '.', '_' and '-' replaced."""
    name = _SAFE_NAME.sub("-", Path(filename or "").name).strip(".-")
    return name[-120:] or "upload"
