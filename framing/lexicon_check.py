"""Checking a lexicon file before it is used: everything ``framing lexicon check``
reports, and the same checks ``framing report --lexicon`` runs before it adds the file,
so that a user's file one of them accepts the other accepts too. (Two exceptions:
``report`` cannot add a kind such as boilerplate, and a shipped file given to
``--lexicon`` clashes with its own ids.)

A file is checked in three steps: it must load (format and validation, see
:mod:`framing.lexicon`; a LexiconError otherwise), its entry ids must not be used by a
shipped lexicon, and its flag and pass examples must behave (see
:func:`framing.matcher.check_lexicon`). Running the examples is cheap: about 10 ms for a
small file, under 0.1 s for one of 250 entries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from framing.lexicon import Lexicon, id_clashes, load_lexicon, shipped_lexicons
from framing.matcher import check_lexicon


def lexicon_file_problems(path: str | Path, shipped: Iterable[Lexicon] | None = None) -> tuple[Lexicon, list[str]]:
    """The lexicon at ``path`` and its problems, one ``file:line: ...`` message each:
    ids a ``shipped`` lexicon (default: every shipped lexicon) already uses, then
    examples that do not behave. An empty list means the file can be used.

    Raises LexiconError when the file cannot be read or is invalid.
    """
    lexicon = load_lexicon(path)
    others = shipped_lexicons() if shipped is None else shipped
    return lexicon, id_clashes(lexicon, others) + check_lexicon(lexicon)
