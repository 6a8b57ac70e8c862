"""A CSV looked at before any reader buffers it: its encoding, its longest line, and whether DuckDB may read it directly.

The file is read once in blocks (never whole): a line past MAX_LINE_BYTES is refused at once, and
a file that is not UTF-8 is transcoded from GB18030 into a UTF-8 copy, block by block (DuckDB reads
only UTF-8). A file is "simple" when every line is one record that DuckDB numbers as Python's csv
does: no quote character (so no quoted line breaks), no blank line (DuckDB skips those), no NUL,
no CR without LF, and no line longer than a cell may be (so no cell passes MAX_CELL_CHARS); anything
else is read row by row by the ledgers' own CSV reader, which says exactly what is wrong.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.ledgers.common import LedgerError, Problem, limit_problem
from analysis.limits import MAX_CELL_CHARS, MAX_LINE_BYTES, MAX_STREAMED_LEDGER_BYTES, LimitExceeded, check_size

BLOCK = 16 * 1024 * 1024
ENCODING_PROBLEM = "UTF-8 或 GB18030/GBK 编码的 CSV 文件 (text encoding)"


@dataclass(frozen=True)
class CsvScan:
    """What the scan found: the file to read (the original, or a UTF-8 copy of a GB18030 one), how to decode it, whether it is simple."""

    path: Path
    encoding: str
    simple: bool
    crlf: bool


@dataclass
class _Tally:
    """Running facts over the blocks of one file."""

    line: int = 1  # number of the line the block starts in
    run: int = 0  # bytes of that line before the block
    last: bytes = b"\n"  # the byte before the block
    quotes: bool = False
    blank: bool = False
    lone_cr: bool = False
    crlf: bool = False
    longest: int = 0


def scan_csv(path: Path, work: Path) -> CsvScan:
    """Scan ``path`` (see the module's docstring); a GB18030 file is transcoded into ``work``. LedgerError when refused."""
    try:
        check_size(path.stat().st_size, MAX_STREAMED_LEDGER_BYTES, path.name)
    except LimitExceeded as exc:
        raise LedgerError([limit_problem(path.name, exc)]) from None
    tally = scan_blocks(path, "utf-8-sig")
    if tally is not None:
        return CsvScan(path, "utf-8-sig", is_simple(tally), tally.crlf)
    copy = work / "transcoded.csv"
    transcode(path, copy)
    tally = scan_blocks(copy, "utf-8")
    if tally is None:
        raise LedgerError([Problem(path.name, None, None, None, ENCODING_PROBLEM)])
    return CsvScan(copy, "utf-8", is_simple(tally), tally.crlf)


def is_simple(tally: _Tally) -> bool:
    """Whether DuckDB's lines are the csv module's records (see the module's docstring)."""
    return not (tally.quotes or tally.blank or tally.lone_cr) and tally.longest <= MAX_CELL_CHARS.value


def scan_blocks(path: Path, encoding: str) -> _Tally | None:
    """The tally of a file read block by block, or None when it is not valid in ``encoding``; LedgerError for a line too long."""
    decoder = codecs.getincrementaldecoder(encoding)()
    tally = _Tally()
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return None
            tally_block(tally, block, path.name)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return tally


def tally_block(tally: _Tally, block: bytes, file: str) -> None:
    """Add one block's facts to the tally; refuse a line longer than MAX_LINE_BYTES, naming its line."""
    ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == ord("\n"))
    lengths = np.diff(ends, prepend=-1) - 1  # bytes of each line ended in this block, its end excluded
    if len(ends):
        lengths[0] += tally.run
    longest = int(lengths.max()) if len(ends) else 0
    tail = tally.run + len(block) if not len(ends) else len(block) - int(ends[-1]) - 1
    if max(longest, tail) > MAX_LINE_BYTES.value:
        at = tally.line + (int(np.argmax(lengths > MAX_LINE_BYTES.value)) if longest > MAX_LINE_BYTES.value else len(ends))
        found = LimitExceeded(MAX_LINE_BYTES, f"超过{MAX_LINE_BYTES.value:,}{MAX_LINE_BYTES.unit}")
        raise LedgerError([limit_problem(file, found, at)])
    joined = tally.last + block
    tally.quotes |= b'"' in block
    tally.blank |= b"\n\n" in joined or b"\n\r\n" in joined or b"\x00" in block
    tally.crlf |= b"\r\n" in joined
    tally.lone_cr |= joined.count(b"\r") != joined.count(b"\r\n") + (1 if block.endswith(b"\r") else 0)
    tally.longest = max(tally.longest, longest, tail)
    tally.line += len(ends)
    tally.run = tail
    tally.last = block[-1:]


def transcode(path: Path, copy: Path) -> None:
    """Write ``path``, read as GB18030, to ``copy`` as UTF-8, block by block; LedgerError when it is not GB18030 either."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    try:
        with open(path, "rb") as source, open(copy, "wb") as target:
            while block := source.read(BLOCK):
                target.write(decoder.decode(block).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise LedgerError([Problem(path.name, None, None, None, ENCODING_PROBLEM)]) from None
