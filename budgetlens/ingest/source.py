"""The raw document: decoded lines, split into tab cells, and located sections.

Parsers never search the whole file themselves: they receive a `Section` (the lines between
one schedule marker and the next) so that nothing is keyed on a line number.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from budgetlens.errors import IngestError
from budgetlens.ingest.cells import squash

SCHEDULE_MARK = re.compile(r"^附表\s*1\s*[-－—–]\s*(\d{1,2})$")
CN_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the raw file
    text: str

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]

    @property
    def is_table_row(self) -> bool:
        return "\t" in self.text

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Section:
    """A run of lines belonging to one schedule or one part of the document."""

    key: str  # schedule number such as "1-5", or a part name such as "part1"
    lines: tuple[Line, ...]

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def last_line(self) -> int:
        return self.lines[-1].number if self.lines else 0

    def rows(self) -> list[Line]:
        return [line for line in self.lines if line.is_table_row]

    def text_lines(self) -> list[Line]:
        return [line for line in self.lines if line.stripped and not line.is_table_row]

    def find(self, pattern: str) -> Line | None:
        regex = re.compile(pattern)
        for line in self.lines:
            if regex.search(squash(line.text)):
                return line
        return None


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    sha256: str
    lines: tuple[Line, ...]

    @property
    def doc_id(self) -> str:
        return self.path.stem

    def slice(self, key: str, start: int, end: int) -> Section:
        """Lines with start <= number < end."""
        return Section(key, tuple(line for line in self.lines if start <= line.number < end))


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise IngestError("the file is empty: no budget document to read", line=1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it decodes as GBK/GB18030: re-save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        raise IngestError(f"the file is not UTF-8 text{hint}", line=line) from err


def read_source(path: Path) -> SourceDocument:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read {path}: {err.strerror}") from err
    text = decode(raw).removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError("the file contains NUL bytes: it is binary, not a text export", line=line)
    lines = tuple(Line(number, content.rstrip("\r")) for number, content in enumerate(text.split("\n"), start=1))
    return SourceDocument(path=path, sha256=hashlib.sha256(raw).hexdigest(), lines=lines)
