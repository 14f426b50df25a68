"""A `cited build` worker for race tests: the model loads once, then each line read from
stdin (e.g. `build --force --no-wait`) runs the real CLI command in this process and prints
one result line: `RESULT <exit code> <last line of output>`. A traceback is exit code 2.

Settings come from the environment (CITED_*), as for `cited build`.
"""

from __future__ import annotations

import contextlib
import io
import sys
import traceback

import click

import service.build
from service.cli import main
from service.embed import load_embedder
from service.settings import get_settings


def run(args: list[str]) -> tuple[int, str]:
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            main.main(args, standalone_mode=False)
    except click.ClickException as exc:
        return exc.exit_code, exc.format_message()
    except Exception:
        return 2, traceback.format_exc().replace("\n", " | ")
    return 0, "ok"


def _main() -> None:
    embedder = load_embedder(get_settings())
    service.build.load_embedder = lambda settings: embedder  # the model once per worker, not per build
    print("READY", flush=True)
    for line in sys.stdin:
        code, message = run(line.split())
        print(f"RESULT {code} {message}", flush=True)


if __name__ == "__main__":
    _main()
