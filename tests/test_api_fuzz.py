"""schemathesis against the app's own OpenAPI document, over real HTTP (docs/reliability.md,
"HTTP API"; bounded): generated valid and invalid requests never get a 5xx, and every response,
errors included, matches the documented status codes, media types and schemas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.app import create_app
from service.settings import Settings
from tests.conftest import CORPUS
from tests.support.server import serve_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def server_url(built_index_dir: Path, engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("fuzz")
    app_settings = Settings(corpus_dir=CORPUS, index_dir=built_index_dir, database_path=folder / "cited.db")
    with serve_app(app_settings, engine) as url:
        yield url


def _openapi_document() -> dict[str, Any]:
    # Building an app opens nothing (the store and engine come with its lifespan), so the
    # document can be read at collection time, when no server runs yet.
    return create_app(Settings(database_path=Path("unused.db"))).openapi()


schema = schemathesis.openapi.from_dict(_openapi_document())


@pytest.mark.slow
@schema.parametrize()
# Randomness comes from the active Hypothesis profile (tests/conftest.py): random locally,
# a fixed sequence in CI.
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: Any, server_url: str) -> None:
    case.call_and_validate(base_url=server_url, checks=CHECKS, timeout=30)
