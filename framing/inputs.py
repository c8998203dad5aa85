"""Reading article files safely: one clear error per bad input, never a traceback.

Text is decoded as UTF-8 (a byte-order mark is dropped). Bytes that are not UTF-8 are
read as Windows-1252, the usual encoding of text saved by older Windows tools, and the
caller gets a note saying so; ``encoding=`` forces a codec instead. Files with NUL bytes
are binary and refused, as are empty or whitespace-only files and files above
``max_bytes`` (default 16 MB, 16,000,000 bytes, about 2.5 million words; raise it for bigger corpora).
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

DEFAULT_MAX_BYTES = 16_000_000
FALLBACK_ENCODING = "cp1252"


class Problem(Enum):
    """Why an input could not be read."""

    MISSING = "missing"
    DIRECTORY = "directory"
    UNREADABLE = "unreadable"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    EMPTY = "empty"
    TOO_LARGE = "too_large"


class InputError(Exception):
    """An input that cannot be analysed; ``str()`` is the one-line message."""

    def __init__(self, source: str, problem: Problem, message: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {message}")


@dataclass(frozen=True)
class TextInput:
    """A decoded input: its name, its text, the encoding used and any note for stderr."""

    source: str
    text: str
    encoding: str
    note: str | None = None


def decode(data: bytes, source: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """Decode ``data`` read from ``source`` under the rules in the module docstring."""
    if len(data) > max_bytes:
        raise InputError(source, Problem.TOO_LARGE,
                         f"{len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-size)")
    if b"\x00" in data[:65536] and not (encoding or "").lower().startswith("utf-16"):
        raise InputError(source, Problem.BINARY, "looks like a binary file, not text")
    note = None
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(source, Problem.UNDECODABLE, f"unknown encoding '{encoding}'") from None
        codec = codecs.lookup(encoding).name
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else encoding)
        except UnicodeDecodeError as exc:
            raise InputError(source, Problem.UNDECODABLE,
                             f"not valid {encoding} (byte {exc.start}); try another --encoding") from None
        used = encoding
    else:
        try:
            text = data.decode("utf-8-sig")
            used = "utf-8"
        except UnicodeDecodeError as exc:
            text = data.decode(FALLBACK_ENCODING, errors="replace")
            used = FALLBACK_ENCODING
            note = (f"{source}: not valid UTF-8 (byte {exc.start}); read as Windows-1252 "
                    "- pass --encoding if that is wrong")
    if not text.strip():
        raise InputError(source, Problem.EMPTY, "is empty" if not text else "holds only white space")
    return TextInput(source=source, text=text, encoding=used, note=note)


def read_text_file(path: str | os.PathLike[str], encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """Read and decode the article at ``path``; InputError says what is wrong."""
    source = str(path)
    p = Path(path)
    if p.is_dir():
        raise InputError(source, Problem.DIRECTORY, "is a directory; give an article file")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(source, Problem.MISSING, "no such file") from None
    except OSError as exc:
        raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputError(source, Problem.TOO_LARGE,
                         f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-size)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, source, encoding, max_bytes)
