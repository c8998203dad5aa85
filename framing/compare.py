"""Two articles on the same story, side by side.

:func:`compare` reads two :class:`~framing.report.Report` objects and returns a
:class:`Comparison`: each article's loaded-language density, unsupported
generalisations, hedges and boosters, its sources and their shares (when the reports
carry attribution data), the voices heard in one article and not the other, and the
*term contrasts*: places where one article uses a loaded word and the other uses the
neutral alternative that the lexicon suggests for it (the tabloid's "union barons",
the wire's "union leaders").

In Python::

    from framing import analyse
    from framing.compare import compare
    comparison = compare(analyse(tabloid, source="tabloid.txt"), analyse(wire, source="wire.txt"))
    comparison.to_dict()

On the command line: ``framing compare A B [--format text|html|json]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from framing.document import read_word_list
from framing.findings import Finding
from framing.render import quoted_regions, source_rows, voice_gap, has_attribution_data
from framing.report import Report
from framing.resources import lexicon_dir

_CONTEXT_CHARS = 48
_MAX_ALTERNATIVE_WORDS = 4


@cache
def _advice_words() -> frozenset[str]:
    """Words that mark part of a suggestion as advice to the writer ("name the party",
    "describe the relationship") rather than a word another article could have used
    (``lexicons/suggestion-advice.txt``, read once)."""
    return read_word_list(lexicon_dir() / "suggestion-advice.txt")


@dataclass(frozen=True)
class SourceShare:
    """One source of an article and its share of the article's attributions."""

    name: str
    type: str | None
    attributions: int | None
    share: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "attributions": self.attributions,
                "share": None if self.share is None else round(self.share, 3)}


@dataclass(frozen=True)
class Side:
    """The figures of one article. ``sources`` and ``voice_gap`` are None when its report
    carries no attribution data."""

    source: str | None
    author_words: int
    loaded_language: float
    loaded_findings_author: int
    loaded_findings_quoted: int
    unsupported_generalisations: int
    generalisations: int
    hedges: int
    boosters: int
    categories: tuple[tuple[str, int], ...]
    sources: tuple[SourceShare, ...] | None
    voice_gap: tuple[str, ...] | None

    @property
    def unsupported_per_1000(self) -> float:
        """Unsupported generalisations per 1,000 words in the author's voice."""
        return 1000 * self.unsupported_generalisations / self.author_words if self.author_words else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "author_words": self.author_words,
            "loaded_language": round(self.loaded_language, 2),
            "loaded_findings_author": self.loaded_findings_author,
            "loaded_findings_quoted": self.loaded_findings_quoted,
            "unsupported_generalisations": self.unsupported_generalisations,
            "unsupported_per_1000_words": round(self.unsupported_per_1000, 2),
            "generalisations": self.generalisations,
            "hedges": self.hedges,
            "boosters": self.boosters,
            "categories": dict(self.categories),
            "sources": None if self.sources is None else [s.to_dict() for s in self.sources],
            "voice_gap": None if self.voice_gap is None else list(self.voice_gap),
        }


@dataclass(frozen=True)
class TermContrast:
    """One article's loaded word next to the neutral word the other article uses.

    ``loaded_side`` is ``"a"`` or ``"b"``; the contexts are ``(before, term, after)``
    triples of the surrounding text, white space collapsed.
    """

    loaded_side: str
    loaded: str
    category: str
    rule: str
    explanation: str
    suggestion: str
    neutral: str
    loaded_start: int
    neutral_start: int
    loaded_context: tuple[str, str, str]
    neutral_context: tuple[str, str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "loaded_side": self.loaded_side, "loaded": self.loaded, "category": self.category,
            "rule": self.rule, "explanation": self.explanation, "suggestion": self.suggestion,
            "neutral": self.neutral, "loaded_start": self.loaded_start, "neutral_start": self.neutral_start,
            "loaded_context": "".join(self.loaded_context), "neutral_context": "".join(self.neutral_context),
        }


@dataclass(frozen=True)
class Comparison:
    """Two articles side by side (see the module docstring).

    ``voices_only_a`` / ``voices_only_b`` / ``voices_shared`` are None when either
    report lacks attribution data. ``shared_loaded`` lists the loaded words (lexicon
    rules) that both articles use in the author's voice. The reports themselves are
    kept for renderers that show the two texts; ``to_dict`` leaves them out.
    """

    a: Side
    b: Side
    voices_only_a: tuple[str, ...] | None
    voices_only_b: tuple[str, ...] | None
    voices_shared: tuple[str, ...] | None
    shared_loaded: tuple[str, ...]
    contrasts: tuple[TermContrast, ...]
    report_a: Report = field(repr=False, compare=False)
    report_b: Report = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data (the reports' own JSON is ``framing report --format json``)."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "voices_only_a": None if self.voices_only_a is None else list(self.voices_only_a),
            "voices_only_b": None if self.voices_only_b is None else list(self.voices_only_b),
            "voices_shared": None if self.voices_shared is None else list(self.voices_shared),
            "shared_loaded": list(self.shared_loaded),
            "contrasts": [c.to_dict() for c in self.contrasts],
        }


def _side(report: Report) -> Side:
    s = report.summary
    sources = gap = None
    if has_attribution_data(report):
        sources = tuple(SourceShare(r.name, r.type, r.attributions, r.share) for r in source_rows(report))
        rows = voice_gap(report)
        gap = None if rows is None else tuple(r.name for r in rows)
    return Side(
        source=report.source, author_words=s.author_words, loaded_language=s.loaded_language,
        loaded_findings_author=s.findings_author, loaded_findings_quoted=s.findings_quoted,
        unsupported_generalisations=s.unsupported_generalisations, generalisations=s.generalisations,
        hedges=s.hedges, boosters=s.boosters, categories=s.categories, sources=sources, voice_gap=gap,
    )


def alternatives(suggestion: str | None) -> list[str]:
    """The neutral words a loaded-language suggestion offers ("union leaders, general
    secretary" -> both), leaving out advice to the writer ("name the party ...") and
    parenthetical notes ("(give the number)")."""
    if not suggestion:
        return []
    plain = re.sub(r"\([^)]*\)", " ", suggestion)
    found = []
    for part in re.split(r"[,;/]|\bor\b", plain):
        words = part.strip(" .:").split()
        if not words or len(words) > _MAX_ALTERNATIVE_WORDS or "..." in part or "…" in part:
            continue
        if any(w.casefold() in _advice_words() for w in words):
            continue
        found.append(" ".join(words))
    return found


def _pattern(alternative: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in alternative.split()]
    suffix = r"(?:s|es|d|ed|ing)?" if len(words) == 1 else ""
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + suffix + r"(?![\w-])", re.IGNORECASE)


def _context(text: str, start: int, end: int) -> tuple[str, str, str]:
    def squash(s: str) -> str:
        return " ".join(s.split())

    before = text[max(0, start - _CONTEXT_CHARS):start]
    after = text[end:end + _CONTEXT_CHARS]
    if start > _CONTEXT_CHARS:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if end + _CONTEXT_CHARS < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    lead = " " if before[-1:].isspace() else ""
    trail = " " if after[:1].isspace() else ""
    return squash(before) + lead, squash(text[start:end]), trail + squash(after)


def _neutral_spans(report: Report) -> list[tuple[int, int]]:
    """Where the article's own (author-voice, scored) words are: body and heading
    paragraphs minus quotations and loaded-language findings, as forbidden spans."""
    blocked = [(q_start, q_end) for q_start, q_end in quoted_regions(report)]
    blocked += [(f.start, f.end) for f in report.findings if f.kind == "loaded_language"]
    blocked += [(p.start, p.end) for p in report.paragraphs if not p.scored]
    return blocked


def _first_neutral_use(report: Report, alternative: str, blocked: list[tuple[int, int]]) -> re.Match[str] | None:
    for match in _pattern(alternative).finditer(report.text):
        if not any(s < match.end() and match.start() < e for s, e in blocked):
            return match
    return None


def _contrasts(loaded: Report, other: Report, side: str) -> list[TermContrast]:
    blocked = _neutral_spans(other)
    contrasts: list[TermContrast] = []
    seen: set[tuple[str, str]] = set()
    findings: list[Finding] = [f for p in loaded.paragraphs if p.scored for f in p.findings
                               if f.kind == "loaded_language" and f.voice == "author"]
    for f in findings:
        for alternative in alternatives(f.suggestion):
            match = _first_neutral_use(other, alternative, blocked)
            if match is None:
                continue
            key = (" ".join(f.text.split()).casefold(), " ".join(match.group().split()).casefold())
            if key in seen:
                break
            seen.add(key)
            contrasts.append(TermContrast(
                loaded_side=side, loaded=" ".join(f.text.split()), category=f.category, rule=f.rule,
                explanation=f.explanation, suggestion=f.suggestion or "", neutral=" ".join(match.group().split()),
                loaded_start=f.start, neutral_start=match.start(),
                loaded_context=_context(loaded.text, f.start, f.end),
                neutral_context=_context(other.text, match.start(), match.end()),
            ))
            break
    return contrasts


def _name_key(name: str) -> str:
    """A source name for matching across articles: letters and digits only, case folded
    ("Workers’ Union" and "Workers' Union" are one voice)."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _voices(a: Side, b: Side) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...] | None]:
    if a.sources is None or b.sources is None:
        return None, None, None
    names_a = {_name_key(s.name): s.name for s in a.sources}
    names_b = {_name_key(s.name): s.name for s in b.sources}
    only_a = tuple(names_a[k] for k in names_a if k not in names_b)
    only_b = tuple(names_b[k] for k in names_b if k not in names_a)
    shared = tuple(names_a[k] for k in names_a if k in names_b)
    return only_a, only_b, shared


def _loaded_rules(report: Report) -> dict[str, str]:
    return {f.rule: " ".join(f.text.split()).casefold() for p in report.paragraphs if p.scored
            for f in p.findings if f.kind == "loaded_language" and f.voice == "author"}


def compare(report_a: Report, report_b: Report) -> Comparison:
    """Compare two reports of articles on the same story (see the module docstring)."""
    a, b = _side(report_a), _side(report_b)
    only_a, only_b, shared = _voices(a, b)
    rules_a, rules_b = _loaded_rules(report_a), _loaded_rules(report_b)
    shared_loaded = tuple(sorted({rules_a[r] for r in rules_a if r in rules_b}))
    contrasts = _contrasts(report_a, report_b, "a") + _contrasts(report_b, report_a, "b")
    return Comparison(a=a, b=b, voices_only_a=only_a, voices_only_b=only_b, voices_shared=shared,
                      shared_loaded=shared_loaded, contrasts=tuple(contrasts),
                      report_a=report_a, report_b=report_b)
