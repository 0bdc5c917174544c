"""Errors that carry the place in the source document they are about."""

from __future__ import annotations


class IngestError(Exception):
    """The document cannot be read faithfully; nothing is written.

    The message always names the schedule and/or the 1-based source line, so a person can
    open the file at that line and see the problem.
    """

    def __init__(self, message: str, *, line: int | None = None, schedule: str | None = None):
        self.line = line
        self.schedule = schedule
        self.reason = message
        where = []
        if schedule:
            where.append(f"附表{schedule}" if schedule[0].isdigit() else schedule)
        if line is not None:
            where.append(f"line {line}")
        prefix = f"[{', '.join(where)}] " if where else ""
        super().__init__(prefix + message)


class SnapshotError(Exception):
    """A snapshot on disk is missing, incomplete or does not match its manifest."""
