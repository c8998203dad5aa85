"""Where the package's data lives, in a checkout and in an installed wheel.

In a source checkout the lexicons sit at the repository root (`lexicons/`); a wheel
carries the same files inside the package as `framing/_data/lexicons/`. Every reader of
shipped data asks this module, so both layouts work from any working directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory of the shipped data set `name` (e.g. ``"lexicons"``).

    Raises FileNotFoundError when neither the wheel layout nor the checkout layout
    has it.
    """
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"framing's {name}/ directory is missing from this installation")


def lexicon_dir() -> Path:
    """The directory holding the shipped lexicon files."""
    return data_dir("lexicons")


class UnreadableFile(ValueError):
    """A data file that cannot be read as UTF-8 text. ``line`` says where (0: the file as
    a whole) and ``reason`` why, in a few words; each reader wraps it in its own error
    (LexiconError, SidesError, EvaluationDataError) with the file's name."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_utf8(path: Path, what: str, keep_bom: bool = False) -> str:
    """The text of the UTF-8 file at ``path``; UnreadableFile when it is a directory,
    cannot be read, or is not UTF-8. ``what`` names the kind of file expected ("a
    lexicon file"). A byte-order mark is dropped unless ``keep_bom``: span offsets in
    annotation files count every character of their text file, the mark included."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile(0, f"is a directory, not {what}") from None
    except OSError as exc:
        raise UnreadableFile(0, f"cannot read {what}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(raw[:exc.start].count(b"\n") + 1, f"not UTF-8 (byte {exc.start})") from None
