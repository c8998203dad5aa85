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
