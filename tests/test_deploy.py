"""The container files: docker-compose.yml is valid for Debian's docker-compose, and the
Dockerfile runs the same commands as the Makefile."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from .conftest import REPO

needs_compose = pytest.mark.skipif(
    shutil.which("docker-compose") is None and not os.environ.get("CI"),
    reason="docker-compose is not installed (make test installs it)",
)


@needs_compose
def test_compose_file_is_valid_and_wired() -> None:
    result = subprocess.run(["docker-compose", "--profile", "slack", "config"], cwd=REPO,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    config = result.stdout
    assert "condition: service_completed_successfully" in config
    assert "/readyz" in config
    for service in ("api:", "build-index:", "slack:"):
        assert re.search(rf"^  {service}", config, re.MULTILINE), service


@needs_compose
def test_slack_service_only_runs_in_its_profile() -> None:
    result = subprocess.run(["docker-compose", "--profile", "slack", "config"], cwd=REPO,
                            capture_output=True, text=True, timeout=60, check=True)
    services = yaml.safe_load(result.stdout)["services"]
    assert services["slack"]["profiles"] == ["slack"]
    assert "profiles" not in services["api"] and "profiles" not in services["build-index"]
    assert services["api"]["depends_on"]["build-index"]["condition"] == "service_completed_successfully"


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
