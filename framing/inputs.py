"""Reading article files safely: one clear error per bad input, never a traceback.

An input is a file named by its path, or standard input (``-`` on the command line).

Size: no input is read past ``max_bytes`` (default 16 MB, 16,000,000 bytes, about 2.5
million words; raise it for bigger corpora). A regular file's size is checked before it
is read; anything else (standard input, a pipe, a device such as ``/dev/zero``) is read
in chunks of at most ``max_bytes`` + 1 bytes in all, so an endless stream is refused as
too large instead of filling memory. A named pipe (FIFO) is opened without waiting for a
writer: when nothing is writing to it, it reads as empty and is refused rather than
waiting for ever. Closed standard input is refused too.

Decoding, when ``encoding=`` does not force a codec:

1. a UTF-32 or UTF-16 byte-order mark selects that encoding (a note says which);
2. otherwise the text is UTF-8, and a UTF-8 byte-order mark is dropped;
3. data that is not all valid UTF-8 is still read as UTF-8 when it is *mostly* UTF-8:
   it holds valid multi-byte UTF-8 sequences (curly quotes, dashes, accented letters),
   at least as many as the invalid bytes. Each invalid byte becomes U+FFFD (the
   replacement character) and a note says how many there were. A stray byte (a
   Latin-1 copyright sign pasted into UTF-8 copy) then costs one character, not every
   curly quote of the article;
4. otherwise (no valid multi-byte sequence at all, as in a Latin-1 or Windows-1252
   file, or more invalid bytes than valid sequences) the whole text is read as
   Windows-1252, the usual encoding of text saved by older Windows tools, with a note.

``encoding=`` must name a text codec (``base64`` or ``rot13`` are not). Data with NUL
bytes is binary and refused, unless it is UTF-16 or UTF-32 (by its byte-order mark or by
``encoding=``); so are empty or whitespace-only inputs.
"""

from __future__ import annotations

import codecs
import os
import re
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

_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_WIDE_CODECS = ("utf-16", "utf-32")
"""Codecs whose text holds NUL bytes (``codecs.lookup`` names, with -le / -be forms)."""
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
"""An invalid byte as the ``surrogateescape`` error handler leaves it in the text."""


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


def text_codec(encoding: str) -> str:
    """The canonical name of the text codec ``encoding`` (``"UTF8"`` -> ``"utf-8"``).

    LookupError, whose message is one line for the user, when Python has no codec of
    that name or the codec does not decode bytes to text (``base64``, ``rot13``, ``hex``).
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise LookupError(f"unknown encoding '{encoding}'") from None
    try:
        b"\n".decode(name)  # a bytes-to-bytes or text-to-text codec refuses any bytes but b""
    except LookupError:
        raise LookupError(f"'{encoding}' is not a text encoding; give one such as utf-8 or cp1252") from None
    except ValueError:
        pass  # a text codec that cannot decode a lone newline (UTF-16 wants two bytes)
    return name


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
    if encoding:
        item = _decode_as(data, source, encoding)
    else:
        item = _decode_guessed(data, source)
    if not item.text.strip():
        raise InputError(source, Problem.EMPTY, "is empty" if not item.text else "holds only white space")
    return item


def _refuse_binary(data: bytes, source: str) -> None:
    """InputError when ``data`` holds a NUL byte in its first 64 KiB: no text file does
    (except UTF-16 and UTF-32, which the callers recognise first)."""
    if b"\x00" in data[:65536]:
        raise InputError(source, Problem.BINARY, "looks like a binary file, not text")


def _decode_as(data: bytes, source: str, encoding: str) -> TextInput:
    """``data`` decoded with the codec the caller chose."""
    try:
        codec = text_codec(encoding)
    except LookupError as exc:
        raise InputError(source, Problem.UNDECODABLE, str(exc)) from None
    if not codec.startswith(_WIDE_CODECS):
        _refuse_binary(data, source)
    try:
        text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        raise InputError(source, Problem.UNDECODABLE,
                         f"not valid {encoding} (byte {exc.start}); try another --encoding") from None
    return TextInput(source=source, text=text, encoding=encoding)


def _decode_guessed(data: bytes, source: str) -> TextInput:
    """``data`` decoded by the byte-order mark, as UTF-8, as mostly UTF-8 or as
    Windows-1252 (the module docstring gives the rule)."""
    for mark, codec, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_marked(data, source, codec, label)
    _refuse_binary(data, source)
    try:
        return TextInput(source=source, text=data.decode("utf-8-sig"), encoding="utf-8")
    except UnicodeDecodeError as exc:  # exc.start counts from after a byte-order mark
        first_bad = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
    text = data.decode("utf-8-sig", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if multibyte >= bad:
        return TextInput(source=source, text=_ESCAPED_BYTE.sub("\ufffd", text), encoding="utf-8",
                         note=_replaced_note(source, bad, first_bad))
    note = (f"{source}: not valid UTF-8 (byte {first_bad}); read as Windows-1252 "
            "- pass --encoding if that is wrong")
    return TextInput(source=source, text=data.decode(FALLBACK_ENCODING, errors="replace"),
                     encoding=FALLBACK_ENCODING, note=note)


def _replaced_note(source: str, bad: int, first_bad: int) -> str:
    """The note for mostly-UTF-8 data whose ``bad`` invalid bytes became U+FFFD."""
    if bad == 1:
        what = f"1 byte is not valid UTF-8 (byte {first_bad}); read as UTF-8 with it replaced by U+FFFD"
    else:
        what = (f"{bad} bytes are not valid UTF-8 (the first is byte {first_bad}); read as UTF-8 with each "
                "replaced by U+FFFD")
    return f"{source}: {what} - pass --encoding if that is wrong"


def _decode_marked(data: bytes, source: str, codec: str, label: str) -> TextInput:
    """``data`` that starts with the byte-order mark of ``codec`` (UTF-16 or UTF-32)."""
    try:
        text = data.decode(codec)  # the codec reads the mark for the byte order and drops it
    except UnicodeDecodeError as exc:
        raise InputError(source, Problem.UNDECODABLE,
                         f"starts with a {label} byte-order mark but is not valid {label} (byte {exc.start}); "
                         "try --encoding") from None
    note = f"{source}: read as {label} (it starts with a {label} byte-order mark)"
    return TextInput(source=source, text=text, encoding=codec, note=note)


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
        info = os.stat(path)  # (following symbolic links)
    except FileNotFoundError:
        raise InputError(source, Problem.MISSING, "no such file") from None
    except OSError as exc:
        raise InputError(source, Problem.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    mode, size = info.st_mode, info.st_size
    if stat.S_ISDIR(mode):
        raise InputError(source, Problem.DIRECTORY, "is a directory; give an article file")
    if stat.S_ISREG(mode) and size > max_bytes:
        raise _too_large(source, max_bytes, size)
    data = _read_path(path, source, stat.S_ISFIFO(mode), max_bytes)
    if not data and stat.S_ISFIFO(mode):
        raise InputError(source, Problem.EMPTY, "is a named pipe and nothing was written to it")
    return decode(data, source, encoding, max_bytes)


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
