"""The container files: docker-compose.yml is valid for Debian's docker-compose, and the
Dockerfile runs the same commands as the Makefile."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

from .conftest import REPO

needs_compose = pytest.mark.skipif(
    shutil.which("docker-compose") is None and not os.environ.get("CI"),
    reason="docker-compose is not installed (make test installs it)",
)


def _compose_config_text(*profiles: str) -> str:
    """`docker-compose config` with these profiles: the file as the engine would read it."""
    options = [arg for profile in profiles for arg in ("--profile", profile)]
    result = subprocess.run(
        ["docker-compose", *options, "config"], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _compose_config(*profiles: str) -> dict[str, Any]:
    """`_compose_config_text`, loaded."""
    loaded = yaml.safe_load(_compose_config_text(*profiles))
    assert isinstance(loaded, dict)
    return loaded


def _example_database_url() -> str:
    """The CITED_DATABASE_URL that .env.example suggests (commented out there)."""
    for line in (REPO / ".env.example").read_text().splitlines():
        name, _, value = line.lstrip("# ").partition("=")
        if name == "CITED_DATABASE_URL":
            return value
    raise AssertionError(".env.example suggests no CITED_DATABASE_URL")


@needs_compose
def test_compose_file_is_valid_and_wired() -> None:
    config = _compose_config_text("slack")
    assert "condition: service_completed_successfully" in config
    assert "/readyz" in config
    for service in ("api:", "build-index:", "slack:"):
        assert re.search(rf"^  {service}", config, re.MULTILINE), service


@needs_compose
def test_slack_service_only_runs_in_its_profile() -> None:
    services = _compose_config("slack")["services"]
    assert services["slack"]["profiles"] == ["slack"]
    assert "profiles" not in services["api"] and "profiles" not in services["build-index"]
    assert services["api"]["depends_on"]["build-index"]["condition"] == "service_completed_successfully"


@needs_compose
def test_the_corpus_is_a_volume_so_added_documents_survive_a_redeploy() -> None:
    config = _compose_config()
    assert "corpus" in config["volumes"]
    for name in ("api", "build-index"):
        service = config["services"][name]
        mounts = [v if isinstance(v, str) else f"{v['source']}:{v['target']}" for v in service["volumes"]]
        assert any(m.startswith("corpus:") and m.split(":")[1] == "/app/corpus" for m in mounts), mounts
        assert service["environment"]["CITED_CORPUS_DIR"] == "/app/corpus"
        assert "CITED_ADMIN_TOKEN" in service["environment"]


def test_dockerfile_uses_the_makefile_commands() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    makefile = (REPO / "Makefile").read_text()
    compose = (REPO / "docker-compose.yml").read_text()
    assert "RUN make install" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile and "/readyz" in dockerfile
    run_target = makefile.split("\nrun:")[1].split("\n\n")[0]
    assert "$(BIN)/cited build" in run_target and "$(BIN)/cited serve" in run_target
    assert '"/app/.venv/bin/cited", "build"' in compose and '"/app/.venv/bin/cited", "serve"' in compose
    assert "torch==2.13.0" in (REPO / "pyproject.toml").read_text()


def test_compose_file_has_no_obsolete_version_key() -> None:
    assert "version" not in yaml.safe_load((REPO / "docker-compose.yml").read_text())


@needs_compose
def test_only_the_api_is_health_checked_over_http() -> None:
    """The image's HTTP check on /readyz would mark the Socket Mode bot unhealthy forever."""
    services = _compose_config("slack")["services"]
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])
    slack_check = services["slack"]["healthcheck"]
    assert slack_check.get("disable") is True or slack_check.get("test") == ["NONE"], slack_check


@needs_compose
def test_the_example_database_url_names_the_postgres_profile_db() -> None:
    """.env.example's PostgreSQL URL points at the service `--profile postgres` starts (and
    only that profile), with its user and database."""
    services = _compose_config("postgres")["services"]
    url = urlparse(_example_database_url())
    assert url.scheme == "postgresql" and url.hostname in services, url
    db = services[url.hostname]
    assert db["profiles"] == ["postgres"] and db["image"].startswith("postgres:")
    assert db["environment"]["POSTGRES_USER"] == url.username
    assert db["environment"]["POSTGRES_DB"] == url.path.lstrip("/")
    assert url.port == 5432 and "ports" not in db  # reachable by the containers only
