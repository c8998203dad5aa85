"""Reading attribution annotations in brat standoff format (PolNeAR style).

**Files.** A split folder holds the articles and their annotations::

    text/<name>.txt                          the article, UTF-8
    attributions/<name>_<annotator>.ann      brat standoff annotations of it

An article may have several annotators' files (``<name>_4b22.ann``,
``<name>_ef2d.ann``, ...). :func:`read_attribution_corpus` uses **one annotator per
article: the first file in sorted order** (so the choice is repeatable), and records
which one it used; mixing annotators would count the same relation several times.

**Lines.** Only two kinds of line matter here:

- ``T`` lines, ``T7<TAB>Label START END[;START END...]<TAB>text``: a labelled span.
  ``Label`` is ``Source``, ``Cue``, ``Content`` or ``Attribution`` (PolNeAR's relation
  trigger, which repeats the cue); ``Attribution-no-source``, ``Discuss`` and
  ``Discard`` also occur. A span may be *discontinuous*: its segments are separated
  by ``;``. Offsets are 0-based, end-exclusive character offsets into the text file
  decoded from UTF-8 without translating newlines.
- ``E`` lines, ``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``: one relation,
  its type and trigger first, then its role arguments. ``Attribution-no-source``
  relations have no ``Source`` argument.

Other lines (``R``, ``A``, ``#`` notes, ...) are skipped. A malformed ``T`` or ``E``
line, an offset outside the text or an ``E`` line naming an unknown ``T`` raises
:class:`~framing.evaluation.EvaluationDataError` with ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from framing.evaluation import EvaluationDataError, read_utf8_data

Segments = tuple[tuple[int, int], ...]
"""A possibly discontinuous span: ``(start, end)`` pieces in file order."""

_SEGMENT_RE = re.compile(r"^(\d+) (\d+)$")


@dataclass(frozen=True)
class BratSpan:
    """A ``T`` line: an id, a label and one or more ``(start, end)`` segments."""

    id: str
    label: str
    segments: Segments
    text: str = ""

    @property
    def start(self) -> int:
        """Where the first segment starts (the smallest offset)."""
        return min(s for s, _ in self.segments)

    @property
    def end(self) -> int:
        """Where the last segment ends (the largest offset)."""
        return max(e for _, e in self.segments)


@dataclass(frozen=True)
class BratRelation:
    """An ``E`` line: the relation type (``Attribution`` or ``Attribution-no-source``)
    and its cue, source and content spans (None when the line has no such role)."""

    id: str
    type: str
    cue: BratSpan | None
    source: BratSpan | None
    content: BratSpan | None


@dataclass(frozen=True)
class BratAnnotation:
    """One ``.ann`` file: its spans and relations, in file order."""

    path: str
    spans: tuple[BratSpan, ...]
    relations: tuple[BratRelation, ...]


@dataclass(frozen=True)
class AttributionArticle:
    """An article with one annotator's attribution relations."""

    name: str
    annotator: str
    text: str
    annotation: BratAnnotation

    @property
    def relations(self) -> tuple[BratRelation, ...]:
        return self.annotation.relations


def parse_ann(content: str, path: str | Path = "<string>", text_length: int | None = None) -> BratAnnotation:
    """Parse the text of a ``.ann`` file (see the module docstring).

    ``text_length``, when given, is the length of the annotated text: a segment that
    ends beyond it is an error. Raises EvaluationDataError naming ``path:line``.
    """
    path = str(path)
    spans: dict[str, BratSpan] = {}
    events: list[tuple[int, str, tuple[str, str], list[tuple[str, str]]]] = []
    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        ident = fields[0].strip()
        if ident.startswith("T"):
            spans[ident] = _parse_t(fields, path, number, text_length)
        elif ident.startswith("E"):
            if len(fields) < 2 or not fields[1].strip():
                raise EvaluationDataError(f"{path}:{number}: an E line needs its arguments after a tab")
            args = []
            for item in fields[1].split():
                role, sep, target = item.partition(":")
                if not sep or not role or not target:
                    raise EvaluationDataError(f"{path}:{number}: argument {item!r} is not Role:Id")
                args.append((role, target))
            events.append((number, ident, args[0], args[1:]))
    relations = []
    for number, ident, (kind, trigger), args in events:
        roles: dict[str, BratSpan] = {}
        for role, target in [(kind, trigger), *args]:
            if target not in spans:
                raise EvaluationDataError(f"{path}:{number}: {ident} names {target}, which no T line defines")
        for role, target in args:
            roles.setdefault(role.rstrip("0123456789"), spans[target])
        relations.append(BratRelation(ident, kind, roles.get("Cue"), roles.get("Source"), roles.get("Content")))
    return BratAnnotation(path, tuple(spans.values()), tuple(relations))


def _parse_t(fields: list[str], path: str, number: int, text_length: int | None) -> BratSpan:
    if len(fields) < 2:
        raise EvaluationDataError(f"{path}:{number}: a T line needs 'Label start end' after a tab")
    label, _, offsets = fields[1].strip().partition(" ")
    if not label or not offsets:
        raise EvaluationDataError(f"{path}:{number}: a T line needs 'Label start end' after a tab")
    segments = []
    for piece in offsets.split(";"):
        match = _SEGMENT_RE.match(piece.strip())
        if match is None:
            raise EvaluationDataError(f"{path}:{number}: offsets {piece.strip()!r} are not 'start end'")
        start, end = int(match.group(1)), int(match.group(2))
        if start > end or (text_length is not None and end > text_length):
            limit = f" (text length {text_length})" if text_length is not None else ""
            raise EvaluationDataError(f"{path}:{number}: span {start}-{end} is outside the text{limit}")
        segments.append((start, end))
    return BratSpan(fields[0].strip(), label, tuple(segments), fields[2] if len(fields) > 2 else "")


def read_ann(path: str | Path, text: str | None = None) -> BratAnnotation:
    """Read one ``.ann`` file; with ``text``, offsets are checked against it."""
    path = Path(path)
    return parse_ann(read_utf8_data(path, "an annotation file", keep_bom=True), path, None if text is None else len(text))


def read_attribution_corpus(directory: str | Path, limit: int | None = None) -> list[AttributionArticle]:
    """Read a PolNeAR-style split folder (``text/`` and ``attributions/``), articles
    sorted by name, each with the first of its annotators in sorted order.

    ``limit`` reads only the first ``limit`` articles. Raises EvaluationDataError for a
    missing folder, a folder without texts, a text without any annotation file,
    undecodable files or malformed lines.
    """
    root = Path(directory)
    if not root.is_dir():
        raise EvaluationDataError(f"{root}: no such directory")
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir():
        raise EvaluationDataError(f"{root}: no text/ folder (expected text/<name>.txt)")
    if not ann_dir.is_dir():
        raise EvaluationDataError(f"{root}: no attributions/ folder (expected attributions/<name>_<annotator>.ann)")
    names = sorted(p.name[:-4] for p in text_dir.iterdir() if p.is_file() and p.name.endswith(".txt"))
    if not names:
        raise EvaluationDataError(f"{text_dir}: no <name>.txt files")
    # One listing of the annotation folder, not one per article.
    by_name: dict[str, list[str]] = {}
    ann_files = sorted(p.name for p in ann_dir.iterdir() if p.name.endswith(".ann"))
    known = set(names)
    for file_name in ann_files:
        stem = file_name[:-4]
        base, _, annotator = stem.rpartition("_")
        if base in known and annotator:
            by_name.setdefault(base, []).append(annotator)
    articles = []
    for name in names[:limit] if limit is not None else names:
        chosen = sorted(by_name.get(name, []))
        if not chosen:
            raise EvaluationDataError(f"{text_dir / (name + '.txt')}: no annotation file attributions/{name}_<annotator>.ann")
        text = read_utf8_data(text_dir / f"{name}.txt", "a text file", keep_bom=True)
        annotation = read_ann(ann_dir / f"{name}_{chosen[0]}.ann", text)
        articles.append(AttributionArticle(name, chosen[0], text, annotation))
    return articles
