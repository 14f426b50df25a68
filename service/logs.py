"""Logging for every front door (API, Slack, CLI): one line per event, JSON when
`CITED_LOG_FORMAT=json`. It lives below the front doors so none of them imports another.

The request id lives in a context variable; anyio copies the context into worker threads,
so a line logged deep inside retrieval still names the request it belongs to.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id_var: ContextVar[str | None] = ContextVar("cited_request_id", default=None)

_HANDLER_NAME = "cited-service"


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """A JSON object per record: time, level, logger, message, request id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=True, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger [request id] message key=value ...`."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {}
        extra = " ".join(f"{k}={v}" for k, v in fields.items())
        rid = getattr(record, "request_id", None) or "-"
        stamp = datetime.fromtimestamp(record.created, UTC).strftime("%H:%M:%S")
        text = f"{stamp} {record.levelname} {record.name} [{rid}] {record.getMessage()}"
        text = f"{text} {extra}" if extra else text
        if record.exc_info:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        return text


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Send our loggers (`cited.*` and the library's `service.*`) to stderr in the chosen
    format. Idempotent: calling it again replaces the handler it added before."""
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(_RequestIdFilter())
    for name in ("cited", "service"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
