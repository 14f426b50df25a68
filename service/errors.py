"""The error tree of `cited`. Each front door maps it exactly once.

    CitedError
     ├── BadInput            the caller asked for something malformed        (API 4xx)
     ├── NotFound            an id that names nothing                        (API 404)
     ├── CorpusError         the corpus or its catalog cannot be read         (CLI error)
     ├── IndexBusy           another build holds the index folder's lock      (CLI error)
     └── IndexError_         the index cannot serve
          ├── IndexMissing   nothing was built yet                            (API 503)
          ├── IndexStale     built from another corpus, parser or model       (API 503)
          └── IndexCorrupt   a file fails its checksum or shape check         (API 503)

Every message is one line a user can act on; index errors name the command that fixes them.
"""

from __future__ import annotations


class CitedError(Exception):
    """Base of every error `cited` raises on purpose."""


class BadInput(CitedError):
    """The request is malformed: an unknown filter value, an empty question, ..."""


class NotFound(CitedError):
    """An id (unit, document, conversation, ask) that names nothing."""


class CorpusError(CitedError):
    """The corpus folder or its catalog is missing or inconsistent."""


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
