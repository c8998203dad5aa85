"""The terminal report: a block per paragraph, then the article summary.

Each finding line starts ``line:col`` (1-based, into the analysed file) so a reader
can find the words in their editor. Colour is added only when asked for (the CLI asks
on a terminal unless NO_COLOR is set); the words carry the meaning without it.
"""

from __future__ import annotations

import bisect
import textwrap
from typing import Callable

from framing.attribution import Attribution
from framing.findings import Finding
from framing.render import line_ends
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
        if p.bias_probability is not None:
            figures.append(f"bias p {p.bias_probability:.2f}")
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


def _attribution_line(a: Attribution, newlines: list[int], style: Callable[..., str]) -> str:
    line, col = _line_col(newlines, a.cue_start)
    verb = f"“{a.cue}”" if a.cue_neutral else style(f"“{a.cue}” (a loaded verb: 'said' is neutral)", fg="yellow")
    named = "" if a.named or a.source_type == "unnamed" else ", unnamed"
    how = "direct quotation" if a.direct else "reported"
    who = a.source_name if a.source_name == " ".join(a.source.split()) else f"{' '.join(a.source.split())} = {a.source_name}"
    return f"  {line}:{col}  {style('source', fg='blue')}: {who} ({a.source_type}{named}) -> {verb}, {how}"


def _balance_lines(report: Report, style: Callable[..., str]) -> list[str]:
    b = report.summary.balance
    if b is None:
        return []
    out = [style("Who speaks", bold=True)]
    if not b.attributions:
        out.append("  no attributed sources: every claim is in the author's voice")
        return out
    out.append(f"  {b.attributions} attribution{'s' if b.attributions != 1 else ''} to {b.distinct_sources} "
               f"source{'s' if b.distinct_sources != 1 else ''}; {b.direct} direct quotation"
               f"{'s' if b.direct != 1 else ''}, {b.indirect} reported")
    width = max(len(s.name) for s in b.sources)
    for s in b.sources:
        loaded = f"; loaded verbs: {', '.join(s.loaded_cues)}" if s.loaded_cues else ""
        out.append(f"    {s.name:<{width}}  {s.share:>4.0%} of attributions, {s.quoted_share:>4.0%} of quoted words  "
                   f"({s.type}{'' if s.named or s.type == 'unnamed' else ', unnamed'}){loaded}")
    out.append(f"  balance index {b.balance_index:.2f} (0 = one voice, 1 = evenly spread); "
               f"top source {b.top_share:.0%}; unnamed sources {b.unnamed_share:.0%}; "
               f"attributions with loaded verbs {b.loaded}")
    if b.paragraphs_without_attribution:
        numbers = ", ".join(f"¶{i + 1}" for i in b.paragraphs_without_attribution)
        out.append(f"  body paragraphs with no source: {numbers}")
    for gap in b.voice_gap:
        out.append("  " + style("voice gap: ", fg="magenta") + gap.note)
    sides = report.summary.sides
    if sides is not None:
        out.append("  sides:")
        for side in (*sides.sides, sides.unassigned):
            cues = ", ".join(f"{cue} {n}" for cue, n in side.cues) or "none"
            out.append(f"    {side.label or side.name}: {side.attributions} attributions ({side.share:.0%}), "
                       f"{side.quoted_words} quoted words ({side.quoted_share:.0%}), loaded verbs {side.loaded}; "
                       f"cues: {cues}")
    return out


def render_text(report: Report, *, colour: bool = False) -> str:
    """The human-readable report for one article."""
    style = _styler(colour)
    text = report.text
    newlines = line_ends(text)
    out = [style(f"framing report: {report.source or '<text>'}", bold=True), ""]
    for p in report.paragraphs:
        out.append(_paragraph_header(p, style))
        if p.kind == "boilerplate":
            out.append(style("  site furniture: left out of every score", dim=True))
        items = [(f.start, 0, _finding_lines(f, newlines, style)) for f in p.findings]
        items += [(a.cue_start, 1, [_attribution_line(a, newlines, style)]) for a in p.attributions]
        for _, _, lines in sorted(items, key=lambda item: (item[0], item[1])):
            out.extend(lines)
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
    if s.bias_probability is not None:
        out.append(f"  sentence classifier: mean probability {s.bias_probability:.2f} that a sentence is loaded; "
                   f"{s.loaded_sentences} sentence{'s' if s.loaded_sentences != 1 else ''} over the model's threshold")
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
    balance = _balance_lines(report, style)
    if balance:
        out.extend(balance)
        out.append("")
    return "\n".join(out)
