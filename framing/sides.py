"""Sides: comparing how groups of sources are heard (``--sides FILE``).

A sides file is a small TOML file that names the sides of a story and the sources
that belong to each, by name or shell-style pattern (``fnmatch``: ``*`` any text, ``?``
one character, ``[...]`` a set), matched case-insensitively against each source's
normalised name and its aliases (acronyms, short names)::

    [sides.government]
    sources = ["IRNA", "Ministry*", "Department of State"]

    [sides.militants]
    label = "Baloch militants"          # optional: how reports name the side
    sources = ["Baloch Liberation Army", "BLA"]

A source that matches several sides counts for the first in the file. For each side,
:func:`compare_sides` counts attributions, quoted words and the cue verbs used (who
"said" and who "claimed"); sources that match no side are reported as unassigned.
A broken file raises :class:`SidesError` with ``file:line: what is wrong``.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence, Union

from framing.resources import UnreadableFile, read_utf8

if TYPE_CHECKING:  # pragma: no cover
    from framing.attribution import Attribution, AttributionResult, Balance


class SidesError(ValueError):
    """A sides file that cannot be used; ``str()`` reads ``file:line: message``."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass(frozen=True)
class Side:
    """A named side and the source names or patterns that belong to it."""

    name: str
    patterns: tuple[str, ...]
    label: str | None = None

    def matches(self, names: Sequence[str]) -> bool:
        """Whether any of ``names`` (a source's name and aliases) fits a pattern."""
        lowered = [n.lower() for n in names if n]
        return any(fnmatch.fnmatchcase(n, p.lower()) for p in self.patterns for n in lowered)


@dataclass(frozen=True)
class Sides:
    """The sides of a sides file, in file order."""

    sides: tuple[Side, ...]
    path: str = "<string>"

    def side_of(self, names: Sequence[str]) -> str | None:
        for side in self.sides:
            if side.matches(names):
                return side.name
        return None


@dataclass(frozen=True)
class SideStats:
    """One side's voice: its matched ``sources``, ``attributions`` and their
    ``share`` of all attributions, ``quoted_words`` and ``quoted_share``, the cue verbs
    used for it with their counts (most frequent first) and how many are loaded."""

    name: str
    label: str | None
    sources: tuple[str, ...]
    attributions: int
    share: float
    quoted_words: int
    quoted_share: float
    cues: tuple[tuple[str, int], ...]
    loaded: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "sources": list(self.sources),
                "attributions": self.attributions, "share": round(self.share, 4),
                "quoted_words": self.quoted_words, "quoted_share": round(self.quoted_share, 4),
                "cues": {cue: n for cue, n in self.cues}, "loaded": self.loaded}


@dataclass(frozen=True)
class SidesComparison:
    """Every side's :class:`SideStats` in file order, plus the sources on no side."""

    sides: tuple[SideStats, ...]
    unassigned: SideStats

    def to_dict(self) -> dict[str, Any]:
        return {"sides": [s.to_dict() for s in self.sides], "unassigned": self.unassigned.to_dict()}

    def side(self, name: str) -> SideStats | None:
        return next((s for s in self.sides if s.name == name), None)


def _line_of(lines: list[str], pattern: str, default: int = 1) -> int:
    regex = re.compile(pattern)
    for number, line in enumerate(lines, start=1):
        if regex.search(line):
            return number
    return default


def parse_sides(text: str, path: str | Path = "<string>") -> Sides:
    """Parse and check the text of a sides file (see the module docstring)."""
    path = str(path)
    lines = text.splitlines()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        elif "end of document" in str(exc):
            line = max(len(lines), 1)
        else:
            line = 1
        raise SidesError(path, line, f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"sides"})
    if unknown:
        raise SidesError(path, _line_of(lines, rf"^\s*\[?\s*{re.escape(unknown[0])}\b"),
                         f"unknown top-level key '{unknown[0]}' (expected [sides.NAME] tables)")
    raw = data.get("sides")
    if not isinstance(raw, dict) or not raw:
        raise SidesError(path, 1, "no sides: add tables such as [sides.government] with sources = [...]")
    sides = []
    for name, table in raw.items():
        line = _line_of(lines, rf"^\s*\[\s*sides\s*\.\s*\"?{re.escape(name)}\"?\s*\]")
        if not isinstance(table, dict):
            raise SidesError(path, line, f"sides.{name} must be a table with sources = [...]")
        for key in table:
            if key not in ("sources", "label"):
                raise SidesError(path, _line_of(lines[line - 1:], rf"^\s*{re.escape(key)}\s*=", 1) + line - 1,
                                 f"sides.{name}: unknown key '{key}' (expected sources, label)")
        sources = table.get("sources")
        source_line = _line_of(lines[line - 1:], r"^\s*sources\s*=", 1) + line - 1
        if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s.strip() for s in sources):
            raise SidesError(path, source_line, f"sides.{name}: sources must be a non-empty list of names or patterns")
        label = table.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise SidesError(path, line, f"sides.{name}: label must be a non-empty string")
        sides.append(Side(name, tuple(s.strip() for s in sources), label))
    return Sides(tuple(sides), path)


def read_sides(path: str | Path) -> Sides:
    """Read a sides file; SidesError (``file:line: ...``) when it cannot be used."""
    path = Path(path)
    try:
        text = read_utf8(path, "a sides file")
    except UnreadableFile as exc:
        raise SidesError(path, exc.line, exc.reason) from None
    return parse_sides(text, path)


def compare_sides(voices: Union["Balance", "AttributionResult", Sequence["Attribution"]], sides: Sides,
                  text: str | None = None) -> SidesComparison:
    """Compare the sides over a :class:`~framing.attribution.Balance`, an
    :class:`~framing.attribution.AttributionResult` or a list of attributions.

    With a plain list of attributions, a source's aliases are the phrases the article
    used for it, and quoted words can only be counted when the article ``text`` is
    given too (they are 0 otherwise).
    """
    from framing.attribution import AttributionResult, Balance, quoted_words

    rows: list[tuple[str, tuple[str, ...], int, int, tuple[str, ...], int]] = []  # name, aliases, n, quoted, cues, loaded
    if isinstance(voices, AttributionResult):
        voices = voices.balance
    if isinstance(voices, Balance):
        for s in voices.sources:
            rows.append((s.name, s.aliases, s.attributions, s.quoted_words, s.cues, len(s.loaded_cues)))
    else:
        document = None
        if text is not None:
            from framing.document import parse

            document = parse(text)
        grouped: dict[str, list] = {}
        for a in voices:
            grouped.setdefault(a.source_name, []).append(a)
        for name, items in grouped.items():
            aliases = tuple(dict.fromkeys(a.source for a in items if a.source != name))
            quoted = sum(quoted_words(document, a.content_start, a.content_end) for a in items) if document else 0
            rows.append((name, aliases, len(items), quoted, tuple(a.cue for a in items),
                         sum(not a.cue_neutral for a in items)))
    total = sum(r[2] for r in rows)
    total_quoted = sum(r[3] for r in rows)
    buckets: dict[str | None, list] = {side.name: [] for side in sides.sides}
    buckets[None] = []
    for row in rows:
        buckets[sides.side_of((row[0],) + tuple(row[1]))].append(row)

    def stats(name: str, label: str | None, members: list) -> SideStats:
        n = sum(r[2] for r in members)
        quoted = sum(r[3] for r in members)
        cues = Counter(" ".join(c.lower().split()) for r in members for c in r[4])
        return SideStats(name, label, tuple(r[0] for r in members), n, n / total if total else 0.0, quoted,
                         quoted / total_quoted if total_quoted else 0.0,
                         tuple(sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))), sum(r[5] for r in members))

    return SidesComparison(
        tuple(stats(side.name, side.label, buckets[side.name]) for side in sides.sides),
        stats("(no side)", None, buckets[None]),
    )
