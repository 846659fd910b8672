"""Every error `facts` raises on purpose derives from FactsError.

The CLI turns a FactsError into one clear line on stderr and a non-zero exit code; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations


class FactsError(Exception):
    """Base class: a problem the user can act on, with a message that says how."""

    exit_code = 1


class UsageError(FactsError):
    """Bad input on the command line or to the API (unknown company, bad date format...)."""

    exit_code = 2


class FileProblem(FactsError):
    """A file (or a line of one) that cannot be used: the message names the file and line."""

    #: what the file is, said before its name (`gazetteer my.tsv:3: ...`)
    kind = ""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{self.kind} {where}: {message}" if self.kind else f"{where}: {message}")


class ArticleError(FileProblem):
    """An article file that cannot be read: names the file and, where known, the line."""


class GazetteerError(FileProblem):
    """A user's gazetteer file ($FACTS_GAZETTEER) cannot be read: names the file and line."""

    exit_code = 2
    kind = "gazetteer"


class StoreError(FactsError):
    """The event store cannot be opened or written (locked, read-only, full, ...)."""

    exit_code = 3


class NotAStoreError(StoreError):
    """The database exists but is not a facts store; nothing was changed."""


class SchemaVersionError(StoreError):
    """The store was written by a newer version of facts; nothing was changed."""


class ConcurrencyError(StoreError):
    """Another writer appended to the stream first: the expected version is stale."""

    def __init__(self, stream_id: str, expected: int | None, actual: int) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"stream {stream_id!r}: expected version {expected}, but it is at version {actual}"
        )


class IntegrityError(StoreError):
    """The hash chain of the log is broken: the store was tampered with or corrupted."""

    def __init__(self, position: int, message: str) -> None:
        self.position = position
        super().__init__(f"hash chain broken at position {position}: {message}")
