"""Reading article files safely: one clear error per bad input, never a traceback.

An input is a file named by its path, or standard input (``-`` on the command line).

Size: no input is read past ``max_bytes`` (default 16 MB, 16,000,000 bytes, about 2.5
million words; raise it for bigger corpora). A regular file's size is checked before it
is read; anything else (standard input, a pipe, a device such as ``/dev/zero``) is read
in chunks of at most ``max_bytes`` + 1 bytes in all, so an endless stream is refused as
too large instead of filling memory. A named pipe (FIFO) is opened without waiting for a
writer: when nothing is writing to it, it reads as empty and is refused rather than
waiting for ever. Closed standard input is refused too.

Text is decoded as UTF-8 (a byte-order mark is dropped). Bytes that are not UTF-8 are
read as Windows-1252, the usual encoding of text saved by older Windows tools, and the
caller gets a note saying so; ``encoding=`` forces a codec instead. Files with NUL bytes
are binary and refused, as are empty or whitespace-only inputs.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO

DEFAULT_MAX_BYTES = 16_000_000
FALLBACK_ENCODING = "cp1252"
CHUNK_BYTES = 1 << 20
"""How much of a stream is read at a time."""

STDIN = "-"
"""The name that stands for standard input on the command line."""
STDIN_SOURCE = "<stdin>"
"""The source name reports give standard input."""

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


def _too_large(source: str, max_bytes: int, size: int | None = None) -> InputError:
    """The error for an input over ``max_bytes``; ``size`` when it is known (a stream
    is only read up to the first byte over the limit)."""
    amount = f"{size / 1e6:.1f} MB is" if size is not None else "is"
    return InputError(source, Problem.TOO_LARGE,
                      f"{amount} over the {max_bytes / 1e6:g} MB limit (raise it with --max-size)")


def decode(data: bytes, source: str, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """Decode ``data`` read from ``source`` under the rules in the module docstring."""
    if len(data) > max_bytes:
        raise _too_large(source, max_bytes, len(data))
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


def read_bounded(stream: IO[bytes], source: str, max_bytes: int = DEFAULT_MAX_BYTES,
                 chunk_bytes: int = CHUNK_BYTES) -> bytes:
    """Every byte of ``stream``, read ``chunk_bytes`` at a time; InputError (too large)
    as soon as there are more than ``max_bytes``, without reading the rest."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = stream.read(min(chunk_bytes, max_bytes + 1 - total))
        except OSError as exc:
            raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(source, max_bytes)


def read_stdin(stdin: IO | None, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """Read and decode standard input (``stdin``: ``sys.stdin``, text or binary).

    None or a closed stream (the shell's ``<&-``) is an InputError, not a crash.
    """
    stream = getattr(stdin, "buffer", stdin)
    if stream is None or getattr(stream, "closed", False):
        raise InputError(STDIN_SOURCE, Problem.UNREADABLE, "cannot read: standard input is closed")
    return decode(read_bounded(stream, STDIN_SOURCE, max_bytes), STDIN_SOURCE, encoding, max_bytes)


def read_text_file(path: str | os.PathLike[str], encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """Read and decode the article at ``path``; InputError says what is wrong."""
    source = str(path)
    try:
        mode, size = _stat(path)
    except FileNotFoundError:
        raise InputError(source, Problem.MISSING, "no such file") from None
    except OSError as exc:
        raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(source, Problem.DIRECTORY, "is a directory; give an article file")
    if stat.S_ISREG(mode) and size > max_bytes:
        raise _too_large(source, max_bytes, size)
    data = _read_path(path, source, stat.S_ISFIFO(mode), max_bytes)
    if not data and stat.S_ISFIFO(mode):
        raise InputError(source, Problem.EMPTY, "is a named pipe and nothing was written to it")
    return decode(data, source, encoding, max_bytes)


def _stat(path: str | os.PathLike[str]) -> tuple[int, int]:
    """The file type bits and the size of ``path`` (following symbolic links)."""
    info = os.stat(path)
    return info.st_mode, info.st_size


def _read_path(path: str | os.PathLike[str], source: str, fifo: bool, max_bytes: int) -> bytes:
    """The bytes of the file at ``path``, at most ``max_bytes`` (see read_bounded).

    A FIFO is opened without blocking, so that opening one with no writer does not
    wait for ever; reads then block as usual (and end at once when nothing is writing).
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if fifo:
        flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    if fifo:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as stream:
        return read_bounded(stream, source, max_bytes)


def read_input(name: str, stdin: IO | None, encoding: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> TextInput:
    """The article named on the command line: ``-`` reads ``stdin``, anything else is
    a path."""
    if name == STDIN:
        return read_stdin(stdin, encoding, max_bytes)
    return read_text_file(name, encoding, max_bytes)
