"""CSV output for spreadsheets and data analysis.

``per="finding"`` (the default) writes one row per finding; ``per="paragraph"`` one
row per paragraph with its scores. Either way there is exactly one header row, however
many files are reported, and a ``file`` column says which article a row belongs to.
Paragraph numbers count from 1, as in the text report; ``line`` and ``col`` are 1-based
positions in the file; ``start``/``end`` are the 0-based, end-exclusive offsets of the
JSON report.

A text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe, so an
article cannot plant a formula in the instructor's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

from framing.render import LineIndex, attributions, has_attribution_data, opening
from framing.report import Report

FINDING_COLUMNS = ("file", "paragraph", "kind", "category", "start", "end", "line", "col", "text", "voice",
                   "severity", "score", "rule", "explanation", "suggestion", "question", "supported")
PARAGRAPH_COLUMNS = ("file", "paragraph", "kind", "start", "end", "line", "author_words", "loaded_language",
                     "loaded_findings_author", "loaded_findings_quoted", "unsupported_generalisations",
                     "generalisations", "hedges", "boosters", "attributions", "flesch_reading_ease",
                     "flesch_kincaid_grade", "words", "sentences", "opening")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    """A cell value: None as empty, booleans as true/false, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def finding_rows(report: Report) -> Iterable[list[Any]]:
    """One row per finding (columns: FINDING_COLUMNS)."""
    lines = LineIndex(report.text)
    for p in report.paragraphs:
        for f in p.findings:
            line, col = lines.line_col(f.start)
            yield [report.source or "", p.index + 1, f.kind, f.category, f.start, f.end, line, col, f.text, f.voice,
                   f.severity, round(f.score, 3), f.rule, f.explanation, f.suggestion, f.question, f.supported]


def paragraph_rows(report: Report) -> Iterable[list[Any]]:
    """One row per paragraph with its scores (columns: PARAGRAPH_COLUMNS). The
    ``attributions`` cell is empty when the report has no attribution data."""
    lines = LineIndex(report.text)
    with_attribution = has_attribution_data(report)
    for p in report.paragraphs:
        r = p.readability
        counts = {"author": 0, "quoted": 0}
        for f in p.findings:
            if f.kind == "loaded_language":
                counts[f.voice] = counts.get(f.voice, 0) + 1
        yield [report.source or "", p.index + 1, p.kind, p.start, p.end, lines.line_col(p.start)[0], p.author_words,
               round(p.loaded_language, 2), counts["author"], counts["quoted"], p.unsupported_generalisations,
               p.count("generalisation"), p.count("hedge"), p.count("booster"),
               len(attributions(p)) if with_attribution else None,
               round(r.flesch_reading_ease, 1) if r is not None and r.words else None,
               round(r.flesch_kincaid_grade, 1) if r is not None and r.words else None,
               r.words if r is not None else None, r.sentences if r is not None else None,
               opening(p.text, 12)]


def render_csv(reports: Sequence[Report], *, per: str = "finding") -> str:
    """All ``reports`` as one CSV table with a single header row."""
    if per not in ("finding", "paragraph"):
        raise ValueError(f"unknown CSV row unit {per!r}; expected finding or paragraph")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDING_COLUMNS if per == "finding" else PARAGRAPH_COLUMNS)
    rows = finding_rows if per == "finding" else paragraph_rows
    for report in reports:
        for row in rows(report):
            writer.writerow([_safe(v) for v in row])
    return out.getvalue()
