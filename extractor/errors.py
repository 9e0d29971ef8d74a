"""One exception hierarchy for the whole pipeline.

Library code raises these; only the CLI (and the batch boundary) turns them
into one-line messages and exit codes. Every class is picklable so that
failures can cross process boundaries (multiprocessing, Dask).
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base of every error this package raises on purpose."""

    stage = "extractor"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __reduce__(self):  # keep pickling simple across processes
        return (_rebuild, (type(self), self.message, self.source))

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


def _rebuild(cls, message, source):
    return cls(message, source=source)


class UsageError(ExtractorError):
    """Bad arguments or options (exit code 2)."""

    stage = "usage"


class MissingExtra(UsageError):
    """A feature needs an optional extra that is not installed (pip install 'extractor[NAME]')."""


class InputError(ExtractorError):
    """An input cannot be read at all: missing, empty, too large, binary."""

    stage = "read"


class ParseError(ExtractorError):
    """The bytes were read but could not be turned into a Document."""

    stage = "parse"


class SegmentError(ExtractorError):
    stage = "segment"


class ExtractionError(ExtractorError):
    stage = "extract"


class FetchError(ExtractorError):
    """Could not ask EDGAR (transport failures after retries)."""

    stage = "fetch"


class NotFound(FetchError):
    """EDGAR answered, and there is no such thing."""


class RateLimited(FetchError):
    """EDGAR signalled a block (429 or the 403 threshold pages)."""


class UnsafePath(FetchError):
    """A name from the server would escape the store."""


class StoreError(ExtractorError):
    stage = "store"


class OutputError(ExtractorError):
    """An output file cannot be written (a folder in the way, no permission, a full disk)."""

    stage = "write"


class SinkError(ExtractorError):
    stage = "load"


class RegressionError(ExtractorError):
    stage = "regress"
