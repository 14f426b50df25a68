"""cited: retrieval-only question answering over footnoted analytical reports."""

__version__ = "0.1.0"
