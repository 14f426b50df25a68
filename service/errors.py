"""The error tree of `cited`. Each front door maps it exactly once.

    CitedError
     ├── BadInput            the caller asked for something malformed        (API 4xx)
     │    └── Conflict       it clashes with what is there (a duplicate)      (API 409)
     ├── NotFound            an id that names nothing                        (API 404)
     ├── CorpusError         the corpus or its catalog cannot be read         (CLI error)
     ├── StoreUnavailable    the conversation store cannot be reached now     (API 503)
     │    └── StoreBusy      it answered, but a statement ran past its limit  (API 503)
     ├── IndexBusy           another build holds the index folder's lock      (CLI error)
     └── IndexError_         the index cannot serve
          ├── IndexMissing   nothing was built yet                            (API 503)
          ├── IndexStale     built from another corpus, parser or model       (API 503)
          └── IndexCorrupt   a file fails its checksum or shape check         (API 503)

Every message is one line a user can act on; index errors name the command that fixes them.
A message that names a value the caller sent quotes it through `quote`, cut short, so no
error ever echoes a long input back.
"""

from __future__ import annotations

QUOTE_CHARS = 64


def quote(value: str, limit: int = QUOTE_CHARS) -> str:
    """`value` quoted for an error message: at most `limit` characters of it, then '…'."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


class CitedError(Exception):
    """Base of every error `cited` raises on purpose."""


class BadInput(CitedError):
    """The request is malformed: an unknown filter value, an empty question, ..."""


class Conflict(BadInput):
    """The request clashes with the current state: a document already in the corpus, an id in use."""


class NotFound(CitedError):
    """An id (unit, document, conversation, ask) that names nothing."""


class CorpusError(CitedError):
    """The corpus folder or its catalog is missing or inconsistent."""


class StoreUnavailable(CitedError):
    """The conversation store (SQLite or PostgreSQL) cannot be used right now: the server is
    down or unreachable, the file is unreadable or the disk is full. Worth retrying later."""


class StoreBusy(StoreUnavailable):
    """The database answered, but a statement ran past its limit waiting for a lock: in
    PostgreSQL CITED_DATABASE_STATEMENT_TIMEOUT_SECONDS (a conversation row that another
    request is appending to), in SQLite the busy timeout (another process holding the file's
    write lock). Worth retrying; not an outage (docs/reliability.md)."""


class IndexBusy(CitedError):
    """Another build holds the index folder's lock (`cited build --no-wait`)."""


class IndexError_(CitedError):
    """The index cannot be used to serve."""


class IndexMissing(IndexError_):
    """No index has been built yet."""


class IndexStale(IndexError_):
    """The index was built from another corpus, parser version or model."""


class IndexCorrupt(IndexError_):
    """A file of the index fails its checksum or its shape check."""
