"""Renderers: each turns a Report into one output format and reads nothing else.

Besides the dispatcher :func:`render`, this module holds the small read-only *views*
that several renderers share: where a finding sits (line and column), the quoted
regions of the text, and the attribution data (per-paragraph attributions, the sources
table, the balance figures and the voice gap). Attribution data is optional: a report
without it renders exactly as before, and the views return empty results.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from framing.report import ParagraphReport, Report

if TYPE_CHECKING:
    from framing.compare import Comparison

FORMATS = ("text", "json", "jsonl", "html", "markdown", "csv")
PER = ("finding", "paragraph")
COMPARE_FORMATS = ("text", "html", "json")

KIND_LABELS = {
    "loaded_language": "loaded language",
    "generalisation": "generalisation",
    "hedge": "hedge",
    "booster": "booster",
}


def render(reports: Sequence[Report], fmt: str, *, colour: bool = False, per: str = "finding",
           as_array: bool | None = None) -> str:
    """All ``reports`` in format ``fmt`` (one of FORMATS) as one string.

    ``colour`` applies to ``text``; ``per`` (``finding`` or ``paragraph``) to ``csv``;
    ``as_array`` to ``json`` (an array for several inputs, however many were analysed;
    None: by the number of reports).
    """
    if fmt == "text":
        from framing.render.text import render_text

        return "\n".join(render_text(r, colour=colour) for r in reports)
    if fmt == "json":
        from framing.render.json import render_json

        return render_json(reports, as_array=as_array)
    if fmt == "jsonl":
        from framing.render.json import render_jsonl

        return render_jsonl(reports)
    if fmt == "html":
        from framing.render.html import render_html

        return render_html(reports)
    if fmt == "markdown":
        from framing.render.markdown import render_markdown

        return render_markdown(reports)
    if fmt == "csv":
        from framing.render.csv import render_csv

        return render_csv(reports, per=per)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_chunks(reports: Sequence[Report], fmt: str, *, colour: bool = False, per: str = "finding",
                  as_array: bool | None = None) -> Iterator[str]:
    """What :func:`render` returns, in pieces: JSON is written as it is encoded, so a
    very large report is never held as one string; other formats come in one piece."""
    if fmt == "json":
        from framing.render.json import json_chunks

        yield from json_chunks(reports, as_array=as_array)
    else:
        yield render(reports, fmt, colour=colour, per=per)


def comparison_figures(c: "Comparison") -> list[tuple[str, Any, Any]]:
    """The figures ``framing compare`` sets side by side, as ``(label, A, B)`` rows in
    lower case; a label that starts with two spaces details the row above it."""
    a, b = c.a, c.b
    rows: list[tuple[str, Any, Any]] = [
        ("loaded language per 100 author words", f"{a.loaded_language:.2f}", f"{b.loaded_language:.2f}"),
        ("loaded words, author's voice", a.loaded_findings_author, b.loaded_findings_author),
        ("loaded words inside quotations", a.loaded_findings_quoted, b.loaded_findings_quoted),
        ("unsupported generalisations", f"{a.unsupported_generalisations} of {a.generalisations}",
         f"{b.unsupported_generalisations} of {b.generalisations}"),
        ("  per 1,000 author words", f"{a.unsupported_per_1000:.1f}", f"{b.unsupported_per_1000:.1f}"),
        ("hedges / boosters", f"{a.hedges} / {a.boosters}", f"{b.hedges} / {b.boosters}"),
        ("words in the author's voice", a.author_words, b.author_words),
    ]
    da, db = dict(a.categories), dict(b.categories)
    for category in sorted(set(da) | set(db)):
        rows.append((f"  loaded: {category.replace('_', ' ')}", da.get(category, 0), db.get(category, 0)))
    return rows


def render_comparison(comparison: "Comparison", fmt: str, *, colour: bool = False) -> str:
    """A :class:`framing.compare.Comparison` in format ``fmt`` (one of COMPARE_FORMATS)."""
    if fmt == "text":
        from framing.render.comparison import render_comparison_text

        return render_comparison_text(comparison, colour=colour)
    if fmt == "html":
        from framing.render.html import render_comparison_html

        return render_comparison_html(comparison)
    if fmt == "json":
        import json

        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(COMPARE_FORMATS)}")


# --- positions -------------------------------------------------------------------------

_LINE_END_RE = re.compile(r"\r\n?|\n")


def line_ends(text: str) -> list[int]:
    """The offset of the last character of each line break in ``text``: a line feed, a
    carriage return with a line feed (its line feed) or a lone carriage return (old Mac
    files)."""
    return [m.end() - 1 for m in _LINE_END_RE.finditer(text)]


class LineIndex:
    """Turns offsets into 1-based ``(line, column)`` pairs, as the text report prints them."""

    def __init__(self, text: str) -> None:
        self._newlines = line_ends(text)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._newlines, offset)
        col = offset - (self._newlines[line - 1] + 1 if line else 0)
        return line + 1, col + 1


def kind_label(kind: str) -> str:
    """A finding kind in words (``loaded_language`` -> ``loaded language``)."""
    return KIND_LABELS.get(kind, kind.replace("_", " "))


def opening(text: str, words: int = 8) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def quoted_regions(report: Report) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of quoted speech (quotation marks included).

    A report that carries its quoted regions (a ``quotes`` attribute) is read directly;
    otherwise they are found over the report's own paragraphs with the document model's
    quotation finder, the same one the analysis used to decide each finding's voice.
    """
    quotes = getattr(report, "quotes", None)
    if quotes is None:
        from framing.document import find_quotes

        quotes, _ = find_quotes(report.text, report.paragraphs)
    return [(q.start, q.end) for q in quotes]


# --- attribution data (optional) --------------------------------------------------------

def field(obj: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` that ``obj`` has, as an attribute or a mapping key."""
    for name in names:
        if isinstance(obj, dict):
            if name in obj:
                return obj[name]
        elif hasattr(obj, name):
            return getattr(obj, name)
    return default


def attributions(paragraph: ParagraphReport) -> tuple[Any, ...]:
    """The paragraph's attributions, or ``()`` when the report has no attribution data."""
    return tuple(getattr(paragraph, "attributions", None) or ())


def has_attribution_data(report: Report) -> bool:
    """Whether the report carries attribution data at all (even if it found none).

    The summary's balance says so (an analysis that looked for attributions always
    sets it, even when it found none); failing that, any attribution on a paragraph.
    ``ParagraphReport.attributions`` defaults to ``()``, so an empty tuple there is no
    evidence that attributions were looked for."""
    return (getattr(report.summary, "balance", None) is not None
            or any(getattr(p, "attributions", None) for p in report.paragraphs))


def span_of(attribution: Any, part: str) -> tuple[int, int] | None:
    """The ``(start, end)`` of ``part`` (``source``, ``cue`` or ``content``) of an
    attribution, whichever way the attribution stores it; None when it has none."""
    start, end = field(attribution, f"{part}_start"), field(attribution, f"{part}_end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    for holder in (field(attribution, f"{part}_span"), field(field(attribution, "spans"), part)):
        if holder is None:
            continue
        if isinstance(holder, (tuple, list)) and len(holder) == 2:
            return int(holder[0]), int(holder[1])
        s, e = field(holder, "start"), field(holder, "end")
        if isinstance(s, int) and isinstance(e, int):
            return s, e
    return None


def source_name(attribution: Any) -> str:
    """The normalised name of an attribution's source (its text when it has no name)."""
    name = field(attribution, "source_name", "name") or field(attribution, "source") or "?"
    return str(field(name, "text", default=name))


@dataclass(frozen=True)
class SourceRow:
    """One row of the sources table, whatever shape the report's balance stores it in.
    ``loaded_cue_words`` are the doubt-casting verbs used for the source ("claimed");
    ``via`` the sources it is only reported through."""

    name: str
    type: str | None
    attributions: int | None
    share: float | None
    quoted_words: int | None = None
    loaded_cues: int | None = None
    named: bool | None = None
    loaded_cue_words: tuple[str, ...] = ()
    via: tuple[str, ...] = ()


def balance(report: Report) -> Any:
    """The summary's balance figures, or None."""
    return getattr(report.summary, "balance", None)


def _number(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    return None


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return ()


def source_rows(report: Report) -> list[SourceRow]:
    """The sources table (largest share first): from the balance figures when the report
    has them, otherwise counted from the paragraphs' attributions."""
    table = field(balance(report), "sources") if balance(report) is not None else None
    if table is None:
        table = getattr(report.summary, "sources", None)
    rows: list[SourceRow] = []
    if isinstance(table, dict):
        table = [{"name": k, **(v if isinstance(v, dict) else {"attributions": v})} for k, v in table.items()]
    for item in table or ():
        cues = field(item, "loaded_cues", "loaded_cue_verbs", "loaded")
        rows.append(SourceRow(
            name=str(field(item, "source_name", "name", "source", default="?")),
            type=field(item, "source_type", "type"),
            attributions=_number(field(item, "attributions", "count", "n")),
            share=field(item, "share", "attribution_share"),
            quoted_words=_number(field(item, "quoted_words", "words")),
            loaded_cues=_number(cues),
            named=field(item, "named"),
            loaded_cue_words=_words(cues),
            via=_words(field(item, "via")),
        ))
    if not rows:
        counts: dict[str, list[Any]] = {}
        for p in report.paragraphs:
            for a in attributions(p):
                counts.setdefault(source_name(a), []).append(a)
        rows = [SourceRow(name, field(items[0], "source_type", "type"), len(items), None,
                          loaded_cues=sum(1 for a in items if field(a, "cue_neutral") is False),
                          named=field(items[0], "named"),
                          loaded_cue_words=tuple(str(field(a, "cue")) for a in items if field(a, "cue_neutral") is False))
                for name, items in counts.items()]
    total = sum(r.attributions or 0 for r in rows)
    if total and any(r.share is None for r in rows):
        rows = [replace(r, share=r.share if r.share is not None else (r.attributions or 0) / total) for r in rows]
    rows.sort(key=lambda r: -(r.share or 0))  # stable: ties keep the report's order
    return rows


@dataclass(frozen=True)
class Figure:
    """One balance figure, ready to show: its label, the value in words and what it means."""

    key: str
    label: str
    value: str
    meaning: str | None = None


_FIGURES = {
    "attributions": ("Attributions", "statements the article attributes to a source"),
    "distinct_sources": ("Distinct sources", "how many different voices the article uses"),
    "balance_index": ("Balance index", "1.0: every source speaks equally often; near 0: one source dominates; "
                                       "0 with fewer than two sources. Read it with the number of sources"),
    "top_share": ("Top source's share", "the most-cited source's share of the attributions"),
    "unnamed_share": ("Unnamed sources' share", "attributions to vague sources the reader cannot check "
                                                "(\"officials\", \"sources\", \"authorities\")"),
    "direct": ("Direct quotations", None),
    "indirect": ("Reported (indirect) speech", None),
    "loaded": ("Doubt-casting cue verbs", "attributions introduced by \"claimed\", \"admitted\", \"insisted\" ..."),
    "quoted_words": ("Words in quotation marks", None),
    "body_paragraphs": ("Body paragraphs", None),
    "paragraphs_without_attribution": ("Body paragraphs with no attribution", None),
}
_SKIP_FIGURES = frozenset({"sources", "voice_gap", "relayed", "loaded_by_source"})


def balance_figures(report: Report) -> list[Figure]:
    """The balance's own figures (distinct sources, balance index, unnamed share ...),
    in the order the report gives them, with what each means where known. Shares are
    shown as percentages; a list (paragraphs without attribution) as its length."""
    data = balance(report)
    if data is None:
        return []
    if is_dataclass(data) and not isinstance(data, type):
        items: Iterable[tuple[str, Any]] = ((f.name, getattr(data, f.name)) for f in fields(data))
    elif isinstance(data, dict):
        items = data.items()
    else:
        items = ((k, v) for k, v in vars(data).items() if not k.startswith("_"))
    figures = []
    for key, value in items:
        if key in _SKIP_FIGURES:
            continue
        if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
            value = len(value)
        if not isinstance(value, (int, float, str)):
            continue
        label, meaning = _FIGURES.get(key, (key.replace("_", " ").capitalize(), None))
        if key.endswith("share") and isinstance(value, float):
            shown = f"{100 * value:.0f}%"
        else:
            shown = format_figure(value)
        figures.append(Figure(key, label, shown, meaning))
    return figures


@dataclass(frozen=True)
class GapRow:
    """An actor the article talks about but never quotes or cites; ``note`` is a
    sentence about it when the report provides one, ``via`` the sources that relay it."""

    name: str
    mentions: int | None = None
    type: str | None = None
    via: tuple[str, ...] = ()
    note: str | None = None


def voice_gap(report: Report) -> list[GapRow] | None:
    """The voice gap (actors mentioned but never given a voice), or None when the report
    has no such list."""
    gap = getattr(report.summary, "voice_gap", None)
    if gap is None and balance(report) is not None:
        gap = field(balance(report), "voice_gap")
    if gap is None:
        return None
    rows = []
    for item in gap:
        if isinstance(item, str):
            rows.append(GapRow(item))
        else:
            note = field(item, "note")
            rows.append(GapRow(str(field(item, "actor", "name", "text", default=item)),
                               _number(field(item, "mentions", "count")), field(item, "kind", "type", "actor_type"),
                               _words(field(item, "heard_via", "via")), note if isinstance(note, str) else None))
    return rows


def relayed(report: Report) -> list[tuple[str, str]]:
    """``(actor, via)`` pairs: actors whose words reach the reader only through another
    source (empty when the report has no such list)."""
    data = balance(report)
    items = field(data, "relayed", default=()) if data is not None else ()
    seen: list[tuple[str, str]] = []
    for item in items or ():
        pair = (str(field(item, "actor", default="?")), str(field(item, "via", default="?")))
        if pair not in seen:
            seen.append(pair)
    return seen


def format_figure(value: Any) -> str:
    """A figure for people: shares as percentages, floats to two decimals."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
