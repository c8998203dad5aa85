"""The Markdown report, for course pages and wikis.

One ``#`` heading per article, a summary table, then a ``###`` heading per paragraph
with the paragraph quoted (flagged words in bold) and its findings as a list: what was
found, whose voice, why it matters and the neutral alternative or the question to ask.

Article text is escaped so that it renders as text: Markdown punctuation and any HTML
in the article (``<script>``, ``<img onerror=...>``) come out as the characters they
are, never as markup.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from framing.findings import Finding
from framing.render import (attributions, balance_figures, field, has_attribution_data, kind_label,
                            source_name, source_rows, voice_gap)
from framing.report import ParagraphReport, Report

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START_SPECIAL = re.compile(r"^\s*(?:[-+=#]|\d+[.)])")


def md_escape(text: str) -> str:
    """``text`` on one line, with every character that Markdown (CommonMark, GitHub)
    could read as inline markup escaped by a backslash."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _line_start(line: str) -> str:
    """``line`` with a leading list, heading-underline or quote marker escaped."""
    match = _LINE_START_SPECIAL.match(line)
    if match is None:
        return line
    return line[:match.end() - 1] + "\\" + line[match.end() - 1:]


def _bolded(text: str, start: int, end: int, findings: Sequence[Finding]) -> str:
    """``text[start:end]`` escaped, with the flagged words in bold (overlapping findings
    are merged into one bold run)."""
    runs: list[list[int]] = []
    for f in sorted(findings, key=lambda f: f.start):
        s, e = max(f.start, start), min(f.end, end)
        if s >= e:
            continue
        if runs and s <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e])
    out, at = [], start
    for s, e in runs:
        # Bold runs must not start or end on white space, or Markdown ignores them.
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(md_escape_keep_edges(text[at:s]))
        out.append("**" + md_escape(text[s:e]) + "**")
        at = e
    out.append(md_escape_keep_edges(text[at:end]))
    return _line_start("".join(out).strip())


def md_escape_keep_edges(text: str) -> str:
    """Like :func:`md_escape`, but keeps one space at either end where ``text`` has
    white space there (for pieces between bold runs)."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and text.strip() else ""
    inner = _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return lead + inner + trail if inner else lead


def _cell(value: Any) -> str:
    return md_escape(str(value))


def _finding_item(f: Finding) -> list[str]:
    category = f.category.replace("_", " ")
    voice = "quoted: the speaker's word, not counted" if f.voice == "quoted" else "author's voice"
    extra = ""
    if f.kind == "generalisation":
        extra = ", supported" if f.supported else ", **unsupported**"
    what = f"{md_escape(category)}, " if category != kind_label(f.kind) else ""
    words = md_escape(f.text) if f.text[:1] in "\"“'‘" else f"“{md_escape(f.text)}”"
    head = f"- **{md_escape(kind_label(f.kind))}** ({what}{f.severity}, {voice}{extra}): {words}"
    lines = [head, f"  - Why: {md_escape(f.explanation)}"]
    if f.support is not None:
        lines.append(f"  - Supported by: “{md_escape(f.support.text)}”")
    if f.attributed:
        lines.append(f"  - Attributed to a source by “{md_escape(f.attributed)}” (counts half)")
    if f.question:
        lines.append(f"  - Ask: {md_escape(f.question)}")
    if f.suggestion and f.suggestion != f.question:
        label = "Neutral alternative" if f.kind == "loaded_language" else "Suggestion"
        lines.append(f"  - {label}: {md_escape(f.suggestion)}")
    return lines


def _attribution_item(a: Any) -> str:
    kind = field(a, "source_type", "type")
    cue = field(a, "cue")
    cue = field(cue, "text", default=cue) if cue is not None else None
    neutral = field(a, "cue_neutral")
    direct = field(a, "direct")
    name = source_name(a)
    written = " ".join(str(field(a, "source", default="")).split())
    bits = [f"- **source** {md_escape(name)}"]
    if written and written.casefold() != name.casefold():
        bits.append(f"(as “{md_escape(written)}”)")
    if kind:
        bits.append(f"({md_escape(str(kind).replace('_', ' '))})")
    if cue:
        bits.append(f"— “{md_escape(str(cue))}”" + ("" if neutral is None else (" (neutral verb)" if neutral else " (loaded verb)")))
    if direct is not None:
        bits.append("— direct quotation" if direct else "— indirect speech")
    return " ".join(bits)


def _paragraph(report: Report, p: ParagraphReport) -> list[str]:
    figures = []
    if p.scored:
        figures.append(f"loaded {p.loaded_language:.1f}")
        if p.unsupported_generalisations:
            figures.append(f"unsupported generalisations {p.unsupported_generalisations}")
    else:
        figures.append("site furniture, not scored")
    r = p.readability
    if r is not None and r.words:
        figures.append(f"reading ease {r.flesch_reading_ease:.0f}, grade {r.flesch_kincaid_grade:.1f}")
    kind = "" if p.kind == "body" else f" ({p.kind})"
    out = [f"### ¶{p.index + 1}{kind} — {'; '.join(figures)}", "", "> " + _bolded(report.text, p.start, p.end, p.findings), ""]
    items = [line for f in p.findings for line in _finding_item(f)]
    items += [_attribution_item(a) for a in attributions(p)]
    if items:
        out += items + [""]
    return out


def _summary(report: Report) -> list[str]:
    s = report.summary
    r = s.readability
    rows = [
        ("Loaded language", f"{s.loaded_language:.2f} per 100 author words",
         "0: none of the writer's own; about 1: one mild word per hundred; above 3: heavily loaded"),
        ("Loaded words (author / quoted)", f"{s.findings_author} / {s.findings_quoted}",
         "quoted words are the speaker's: listed, not counted"),
        ("Unsupported generalisations", f"{s.unsupported_generalisations} of {s.generalisations}",
         "each one is a question for the reader: who says so, on what evidence?"),
        ("Hedges / boosters", f"{s.hedges} / {s.boosters}",
         "an honest hedge is good practice; many boosters with few sources is a warning sign"),
    ]
    if r.words:
        caution = "" if r.reliable else " (under 100 words: unreliable)"
        rows.append(("Flesch reading ease", f"{r.flesch_reading_ease:.1f}{caution}",
                     "60-70 plain English; 30-50 typical broadsheet news; below 30 academic or legal"))
        rows.append(("Flesch-Kincaid grade", f"{r.flesch_kincaid_grade:.1f}", "news usually sits at 10-14"))
    out = ["## Summary", "", "| Score | This article | How to read it |", "|---|---|---|"]
    out += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in rows]
    out.append("")
    kinds = ", ".join(f"{n} {k}" for k, n in s.paragraphs if n)
    out.append(f"Paragraphs: {md_escape(kinds)}; {s.author_words} words in the author's voice.")
    if s.categories:
        out.append("")
        out.append("The author's loaded language by category: "
                   + md_escape(", ".join(f"{c.replace('_', ' ')} {n}" for c, n in s.categories)) + ".")
    out.append("")
    if has_attribution_data(report):
        out += ["### Who speaks", ""]
        figures = balance_figures(report)
        if figures:
            out += [f"- {md_escape(f.label)}: {md_escape(f.value)}" + (f" ({md_escape(f.meaning)})" if f.meaning else "")
                    for f in figures]
            out.append("")
        rows_ = source_rows(report)
        if rows_:
            out += ["| Source | Type | Attributions | Share | Doubt-casting cue verbs |", "|---|---|---:|---:|---|"]
            out += [f"| {_cell(r.name)}{' (unnamed)' if r.named is False else ''} | "
                    f"{_cell((r.type or 'unknown').replace('_', ' '))} | "
                    f"{'' if r.attributions is None else r.attributions} | "
                    f"{'' if r.share is None else f'{100 * float(r.share):.0f}%'} | "
                    f"{_cell(', '.join(r.loaded_cue_words)) if r.loaded_cue_words else (r.loaded_cues or '')} |"
                    for r in rows_]
        else:
            out.append("No attributions found: no one is quoted or cited.")
        out.append("")
        gap = voice_gap(report)
        if gap is not None:
            out += ["### Voice gap: talked about, never heard", ""]
            out += [f"- {md_escape(g.note or g.name)}" for g in gap] or ["- none"]
            out.append("")
    return out


def markdown_report(report: Report) -> str:
    """One article's report as Markdown."""
    out = [f"# Framing report: {md_escape(report.source or 'text')}", ""]
    out += _summary(report)
    out += ["## Paragraphs", ""]
    for p in report.paragraphs:
        out += _paragraph(report, p)
    return "\n".join(out)


def render_markdown(reports: Sequence[Report]) -> str:
    """All ``reports`` as Markdown, one after another, separated by a rule."""
    return "\n\n---\n\n".join(markdown_report(r) for r in reports).rstrip("\n") + "\n"
