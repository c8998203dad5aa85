"""The terminal report: a block per paragraph, then the article summary.

Each finding line starts ``line:col`` (1-based, into the analysed file) so a reader
can find the words in their editor. Colour is added only when asked for (the CLI asks
on a terminal unless NO_COLOR is set); the words carry the meaning without it.
"""

from __future__ import annotations

import bisect
import textwrap
from typing import Callable

from framing.findings import Finding
from framing.report import ParagraphReport, Report

_WIDTH = 88
_SEVERITY_COLOUR = {"warning": "red", "notice": "yellow", "info": "cyan"}


def _styler(colour: bool) -> Callable[..., str]:
    if not colour:
        return lambda text, **_: text
    import click

    return click.style


def _line_col(newlines: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_left(newlines, offset)
    col = offset - (newlines[line - 1] + 1 if line else 0)
    return line + 1, col + 1


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    head = " ".join(parts[:words])
    return head + ("…" if len(parts) > words else "")


def _paragraph_header(p: ParagraphReport, style: Callable[..., str]) -> str:
    label = style(f"¶{p.index + 1}", bold=True)
    kind = p.kind if p.kind == "body" else style(p.kind, dim=True)
    figures = []
    if p.scored:
        figures.append(f"loaded {p.loaded_language:.1f}")
        if p.unsupported_generalisations:
            figures.append(f"unsupported generalisations {p.unsupported_generalisations}")
    if p.readability is not None and p.readability.words:
        r = p.readability
        figures.append(f"reading ease {r.flesch_reading_ease:.0f}, grade {r.flesch_kincaid_grade:.1f}")
    tail = f"  [{'; '.join(figures)}]" if figures else ""
    return f"{label} {kind}  “{_opening(p.text)}”{tail}"


def _finding_lines(f: Finding, newlines: list[int], style: Callable[..., str]) -> list[str]:
    line, col = _line_col(newlines, f.start)
    if f.voice == "quoted":
        voice = style(" (quoted: the speaker's word, not counted)", dim=True)
    elif f.attributed:
        voice = style(f" (attributed to a source: '{f.attributed}'; counts half)", dim=True)
    else:
        voice = ""
    severity = style(f.severity, fg=_SEVERITY_COLOUR.get(f.severity))
    category = f.category.replace("_", " ")
    if f.kind == "generalisation":
        label = f"generalisation ({category})"
        verdict = "supported" if f.supported else style("unsupported", bold=True)
        voice += f" - {verdict}"
    elif f.kind in ("hedge", "booster"):
        label = f.kind
    else:
        label = category
    head = f"  {line}:{col}  {severity}  {label}: “{' '.join(f.text.split())}”{voice}"
    lines = [head]
    lines.extend("        " + row for row in textwrap.wrap(f.explanation, _WIDTH - 8))
    if f.support is not None:
        lines.append("        " + style(f"supported by: “{' '.join(f.support.text.split())}”", fg="green"))
    if f.question:
        lines.append("        " + style(f"ask: {f.question}", fg="cyan"))
    if f.suggestion:
        lines.append("        " + style(f"neutral alternative: {f.suggestion}", fg="green"))
    return lines


def render_text(report: Report, *, colour: bool = False) -> str:
    """The human-readable report for one article."""
    style = _styler(colour)
    text = report.text
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    out = [style(f"framing report: {report.source or '<text>'}", bold=True), ""]
    for p in report.paragraphs:
        out.append(_paragraph_header(p, style))
        if p.kind == "boilerplate":
            out.append(style("  site furniture: left out of every score", dim=True))
        for f in p.findings:
            out.extend(_finding_lines(f, newlines, style))
        out.append("")
    s = report.summary
    out.append(style("Summary", bold=True))
    kinds = ", ".join(f"{n} {k}" for k, n in s.paragraphs if n)
    out.append(f"  paragraphs: {kinds}")
    out.append(
        f"  loaded language: {s.loaded_language:.2f} per 100 words in the author's voice "
        f"({s.findings_author} author finding{'s' if s.findings_author != 1 else ''}; "
        f"{s.findings_quoted} in quotations, reported but not counted)"
    )
    out.append(
        f"  generalisations: {s.unsupported_generalisations} unsupported of {s.generalisations}; "
        f"hedges {s.hedges}; boosters {s.boosters}"
    )
    if s.categories:
        out.append("  author's loaded language by category: " + ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in s.categories))
    r = s.readability
    if r.words:
        caution = "" if r.reliable else " (under 100 words: unreliable)"
        out.append(
            f"  readability (body text): reading ease {r.flesch_reading_ease:.1f}, "
            f"grade {r.flesch_kincaid_grade:.1f}, {r.words} words in {r.sentences} sentences{caution}"
        )
    out.append("")
    return "\n".join(out)
