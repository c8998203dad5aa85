"""The HTML report: one self-contained page to project, print or share.

The page needs nothing from the network and runs no script: the style sheet is inline,
the charts are inline SVG, and a Content-Security-Policy forbids scripts, so a hostile
article can at worst show its characters. Every piece of article text (and every other
string that comes from the report) passes through :func:`html.escape`.

What the page shows:

- the article, paragraph by paragraph, with every finding highlighted by kind. Each kind
  has a colour *and* a shape (solid, double, dotted or dashed underline; a box for a
  source, a wavy line for a reporting verb) *and* a small text tag (``L3``, ``G1``), so
  it reads without colour and in black-and-white print;
- a tooltip on every highlight, shown on hover and on keyboard focus (each highlight is
  in the tab order and points at its tooltip with ``aria-describedby``), with the
  category, the explanation and the suggestion or question; the same notes can be shown
  under each paragraph, and always are in print;
- quoted speech in italics with a rule at its side; findings inside quotations are
  paler and tagged "quoted" (the speaker's words, not the author's);
- each paragraph's scores in the margin;
- a summary panel: the scores with what they mean, and, when the report carries
  attribution data, the balance figures, the sources table, an attribution-share bar
  chart and the voice gap;
- a legend, and a print style sheet for A4.

Overlapping highlights are nested; where two cross, the later one is closed and reopened
so the markup stays well formed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from framing import __version__
from framing.findings import Finding
from framing.render import (GapRow, SourceRow, attributions, balance_figures, comparison_figures, field,
                            has_attribution_data, kind_label, quoted_regions, relayed, source_name, source_rows,
                            span_of, voice_gap)
from framing.report import ParagraphReport, Report

if TYPE_CHECKING:
    from framing.compare import Comparison

KIND_TAGS = {"loaded_language": "L", "generalisation": "G", "hedge": "H", "booster": "B",
             "source": "S", "cue": "V"}
"""The letter each kind's highlight carries (the legend explains them)."""

_MAX_NEST_CLASS = 3
_LAST_WORD = re.compile(r"(.*\s|)(\S*)$", re.S)

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root {
  --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; --paper: #ffffff; --panel: #f5f5f2;
  --loaded: #a1161b; --loaded-bg: #fde4e2;
  --gen: #1849a9; --gen-bg: #e2ebfb;
  --hedge: #7a4a00; --hedge-bg: #fdf0c8;
  --boost: #6b1f9e; --boost-bg: #f0e4fb;
  --src: #0b6157; --cue: #0b6157; --other: #3d3d3d; --other-bg: #ececec;
  --quote: #5c5c5c;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 4rem;
       font: 17px/1.55 Georgia, "Times New Roman", serif; }
h1, h2, h3, h4, .margin, .tag, .tip, table, .legend, .toolbar, .meta, figure figcaption, .chart, .notes, nav {
  font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .5rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 1rem; }
a { color: #0b4f9c; }
:focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #ffd400; }
.skip { position: absolute; left: -999px; top: 0; background: #000; color: #fff; padding: .5rem 1rem; z-index: 50; }
.skip:focus { left: 1rem; }
nav ul { padding-left: 1.2rem; }

/* summary */
.summary { background: var(--panel); border: 1px solid var(--rule); padding: .2rem 1.2rem 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.value { font-weight: 700; white-space: nowrap; }
.meaning { color: var(--muted); }
.chart { margin: .6rem 0 1rem; }
.chart figcaption { font-size: .9rem; font-weight: 700; margin: 0 0 .3rem; }
.chart svg { width: 100%; max-width: 46rem; height: auto; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(14.5rem, 1fr)); gap: .6rem 1.2rem; margin: .4rem 0 1rem; }
dl.figures > div { border-left: 3px solid var(--src); padding: .1rem 0 .1rem .6rem; }
dl.figures dt { font: 700 .86rem "Segoe UI", Arial, sans-serif; }
dl.figures dd { margin: 0; font: .8rem/1.35 "Segoe UI", Arial, sans-serif; color: var(--muted); }
dl.figures dd.v { font-size: 1.25rem; font-weight: 700; color: var(--ink); }
.chart .bar { fill: var(--src); }
.chart text { font: 13px "Segoe UI", Arial, sans-serif; fill: var(--ink); }
ul.gap { columns: 2; }
.none { color: var(--muted); font-style: italic; }

/* legend */
.legend ul { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: .45rem 1.5rem; }
.legend li { font-size: .92rem; line-height: 1.9; }
.legend .f { font-family: Georgia, serif; }

/* the article */
.toolbar { font-size: .92rem; margin: 0 0 1rem; }
.para { display: grid; grid-template-columns: 9.5rem minmax(0, 1fr); gap: 0 1.4rem; margin: 0 0 1.1rem; }
.margin { font-size: .78rem; color: var(--muted); line-height: 1.35; padding-top: .3rem; border-right: 2px solid var(--rule); padding-right: .6rem; text-align: right; }
.margin .pnum { display: block; font-weight: 700; color: var(--ink); font-size: .9rem; }
.margin .score { display: block; }
.margin .score b { color: var(--ink); }
.margin svg { display: block; margin: .2rem 0 .2rem auto; }
.margin .meter-bg { fill: #e3e3e3; } .margin .meter { fill: var(--loaded); }
.text { margin: 0; line-height: 2.05; }
.kind-heading .text { font-weight: 700; font-size: 1.15rem; line-height: 1.8; }
.kind-boilerplate .text { color: var(--muted); font-size: .9rem; font-family: "Segoe UI", Arial, sans-serif; }
.kind-boilerplate .margin { font-style: italic; }

.quote { font-style: italic; color: #2b2b2b; border-left: 3px solid var(--quote); padding-left: .25rem; margin-left: .1rem;
         background: #f1f1ee; -webkit-box-decoration-break: clone; box-decoration-break: clone; }

.f { position: relative; color: inherit; background: var(--other-bg); border-bottom: 3px solid var(--other);
     padding: 0 1px; -webkit-box-decoration-break: clone; box-decoration-break: clone; cursor: help; }
.f.nest1 { padding-bottom: 5px; } .f.nest2 { padding-bottom: 10px; } .f.nest3 { padding-bottom: 15px; }
.f[data-kind="loaded_language"] { background: var(--loaded-bg); border-bottom: 3px solid var(--loaded); }
.f[data-kind="loaded_language"][data-severity="warning"] { border-bottom-width: 4px; }
.f[data-kind="generalisation"] { background: var(--gen-bg); border-bottom: 4px double var(--gen); }
.f[data-kind="generalisation"][data-supported="true"] { background: transparent; border-bottom-color: #7f9bd0; }
.f[data-kind="hedge"] { background: var(--hedge-bg); border-bottom: 3px dotted var(--hedge); }
.f[data-kind="booster"] { background: var(--boost-bg); border-bottom: 3px dashed var(--boost); }
.f[data-kind="source"] { background: transparent; border: 1.5px solid var(--src); border-radius: 3px; }
.f[data-kind="cue"] { background: transparent; border-bottom: 0; text-decoration: underline wavy var(--cue) 1.5px; text-underline-offset: 4px; }
.f[data-voice="quoted"] { background: transparent; border-bottom-color: #9a9a9a; }

.tags { display: inline-block; vertical-align: super; line-height: 1; white-space: nowrap; margin-left: 2px; }
.tag { display: inline-block; font-size: .62rem; font-weight: 700; font-style: normal; line-height: 1.1;
       padding: 0 2px; border-radius: 2px; color: #fff; background: var(--other); white-space: nowrap; }
.tag.quoted { margin-left: 2px; }
.nobr { white-space: nowrap; }
.tag.loaded_language { background: var(--loaded); } .tag.generalisation { background: var(--gen); }
.tag.hedge { background: var(--hedge); } .tag.booster { background: var(--boost); }
.tag.source, .tag.cue { background: var(--src); }
.tag.quoted { background: #fff; color: var(--muted); border: 1px solid #8a8a8a; }

.tip { display: none; position: absolute; left: 0; top: calc(100% + 6px); z-index: 20; width: max-content; max-width: min(25rem, 80vw);
       background: #111; color: #fff; font-size: .84rem; font-style: normal; font-weight: 400; line-height: 1.4; text-align: left;
       padding: .55rem .7rem; border-radius: 4px; box-shadow: 0 3px 12px rgba(0,0,0,.35); white-space: normal; }
.tip > span { display: block; }
.tip > span + span { margin-top: .3rem; }
.tip .head { font-weight: 700; }
.tip .lab { color: #ffd98a; font-weight: 700; }
/* Where the browser supports anchor positioning, keep the tooltip inside the window:
   it flips to the left of (or above) its highlight near the right (or bottom) edge. */
@supports (position-area: bottom) and (anchor-scope: all) {
  .f { anchor-name: --hl; anchor-scope: --hl; }
  .tip { position: fixed; position-anchor: --hl; left: auto; top: auto; position-area: bottom span-right;
         margin: 6px 0; position-try-fallbacks: flip-inline, flip-block, flip-block flip-inline; }
}
.f:hover > .tip, .f:focus > .tip { display: block; }
.f:hover:has(.f:hover) > .tip { display: none; }
.f:focus:has(.f:focus) > .tip { display: none; }

.notes { display: none; list-style: none; margin: .4rem 0 0; padding: .4rem 0 0; border-top: 1px dotted var(--rule); font-size: .84rem; line-height: 1.45; }
.notes li { margin: 0 0 .35rem; }
.notes .tags { vertical-align: baseline; }
.notes .tag { font-size: .72rem; }
.notes .lab { font-weight: 700; }
.report:has(.notes-toggle:checked) .notes { display: block; }

/* comparison */
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1.6rem; }
.sides > section { min-width: 0; }
.sides .para { grid-template-columns: 6.5rem minmax(0, 1fr); gap: 0 .8rem; }
.ctx { font-family: Georgia, serif; }
.ctx mark { background: var(--loaded-bg); border-bottom: 3px solid var(--loaded); color: inherit; }
.ctx mark.neutral { background: #e1f3ec; border-bottom: 3px double var(--src); }

@media screen and (max-width: 760px) {
  body { padding: 1rem; font-size: 16px; }
  .para, .sides .para { grid-template-columns: 1fr; }
  .margin { text-align: left; border-right: 0; border-bottom: 1px solid var(--rule); padding: 0 0 .2rem; }
  .margin svg { margin-left: 0; }
  .sides { grid-template-columns: 1fr; }
  ul.gap { columns: 1; }
}

@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .skip, .toolbar, .tip { display: none !important; }
  .notes, .report .notes { display: block !important; }
  h2 { break-after: avoid; border-bottom-color: #000; }
  h3 { break-after: avoid; }
  .summary { background: none; border: 1px solid #000; }
  table, figure, .legend li, .notes li { break-inside: avoid; }
  .para { break-inside: avoid-page; grid-template-columns: 7.5rem minmax(0, 1fr); }
  .margin { color: #000; border-right-color: #000; }
  .margin .meter-bg { fill: #fff; stroke: #000; stroke-width: .5; } .margin .meter { fill: #000; }
  .meaning { color: #222; }
  .text { line-height: 1.95; }
  .quote { background: none; border-left-color: #000; color: #000; }
  .f { background: none !important; border-bottom-color: #000 !important; }
  .f[data-voice="quoted"] { border-bottom-color: #777 !important; }
  .f[data-kind="source"] { border-color: #000 !important; }
  .f[data-kind="cue"] { text-decoration-color: #000; }
  .tag, .tag.quoted { background: #fff !important; color: #000 !important; border: 1px solid #000; }
  .chart .bar { fill: #555; }
  .sides { grid-template-columns: 1fr; }
  a { color: #000; text-decoration: none; }
}
"""

SCORE_MEANINGS = {
    "loaded": ("severity-weighted loaded words in the author's own voice per 100 author words "
               "(info 0.25, notice 0.5, warning 0.8; a label the sentence attributes to a source counts half)",
               "0: none of the writer's own; about 1: one mild word per hundred; above 3: heavily loaded "
               "(tabloid or opinion register). Quoted words are listed but not counted."),
    "findings": ("how many flags fall in the writer's voice and in quotations",
                 "a high quoted count with a low author count is an article that reports loaded speech "
                 "rather than using it"),
    "unsupported": ("claims presented as common knowledge, backed by unnamed authority, stripped of their "
                    "agent, universal or pinned on a whole group, whose sentence (or the next) names no "
                    "source, study, figure or link",
                    "each one is a question for the reader. Wire copy usually has none; opinion columns "
                    "several per page"),
    "hedges": ("words that mark a claim as uncertain (\"may\", \"reportedly\") or as beyond question "
               "(\"clearly\", \"of course\")",
               "informational: an honest hedge is good practice; many boosters with few sources is a warning sign"),
    "ease": ("206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word)",
             "60-70 plain English; 30-50 typical broadsheet news; below 30 academic or legal. "
             "Unreliable under 100 words."),
    "grade": ("0.39 x (words per sentence) + 11.8 x (syllables per word) - 15.59",
              "the US school year that could follow the text; news usually sits at 10-14"),
}


def _e(value: Any) -> str:
    """Escape anything for HTML text or a double-quoted attribute."""
    return escape(str(value), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- highlights ------------------------------------------------------------------------

@dataclass
class _Layer:
    """One highlighted span of a paragraph: a finding, a source, a cue or a quotation."""

    start: int
    end: int
    order: int
    open_first: str
    open_more: str
    close: str
    tags: str = ""
    tip: str = ""
    counts_for_nesting: bool = True
    nest: int = 0
    opened: bool = False
    tail_done: bool = False


@dataclass(frozen=True)
class _Note:
    """A highlight's explanation: its tag, its kind and the lines of its tooltip."""

    ident: str
    tag: str
    kind: str
    voice: str
    lines: tuple[tuple[str, str], ...]  # (label, text); label "" for the heading line


def _finding_lines(f: Finding) -> tuple[tuple[str, str], ...]:
    category = f.category.replace("_", " ")
    voice = ("quoted: the speaker's words, not counted in the author's score" if f.voice == "quoted"
             else "the author's voice")
    head = f"{kind_label(f.kind).capitalize()} · {category} · {f.severity} · {voice}"
    lines: list[tuple[str, str]] = [("", head)]
    if f.kind == "generalisation":
        if f.supported:
            backing = f" by “{' '.join(f.support.text.split())}”" if f.support is not None else ""
            lines.append(("Supported", f"the text backs this claim{backing}."))
        else:
            lines.append(("Unsupported", "no source, study, figure or link in this sentence or the next."))
    if f.attributed:
        lines.append(("Attributed", f"the sentence attributes the label to a source (“{f.attributed}”), so it counts half."))
    lines.append(("Why", f.explanation))
    if f.question:
        lines.append(("Ask", f.question))
    if f.suggestion and f.suggestion != f.question:
        lines.append(("Neutral alternative" if f.kind == "loaded_language" else "Suggestion", f.suggestion))
    return tuple(lines)


def _cue_line(a: Any) -> str | None:
    cue = field(a, "cue")
    cue_text = str(field(cue, "text", default=cue)) if cue is not None else None
    if not cue_text:
        return None
    neutral = field(a, "cue_neutral")
    verdict = "" if neutral is None else (" — neutral" if neutral else " — casts doubt or colours the statement")
    return f"“{cue_text}”{verdict}"


def _form(a: Any) -> str | None:
    direct = field(a, "direct")
    return None if direct is None else ("direct quotation" if direct else "indirect (reported) speech")


def _attribution_lines(group: Sequence[Any], part: str) -> tuple[tuple[str, str], ...]:
    """The tooltip of a source or cue highlight. ``group`` holds every attribution whose
    ``part`` is this span: one speaker with two verbs ("X insisted ... and claimed ...")
    gets one source highlight that lists both."""
    names = list(dict.fromkeys(source_name(a) for a in group))
    kinds = list(dict.fromkeys(str(k).replace("_", " ") for a in group
                               if (k := field(a, "source_type", "type"))))
    head = "Source" if part == "source" else "Reporting verb"
    lines: list[tuple[str, str]] = [("", f"{head} · {', '.join(names)}" + (f" ({', '.join(kinds)})" if kinds else ""))]
    written = list(dict.fromkeys(w for a in group if (w := " ".join(str(field(a, "source", default="")).split()))))
    if written and [w.casefold() for w in written] != [n.casefold() for n in names]:
        lines.append(("Written as", ", ".join(f"“{w}”" for w in written)))
    for a in group:
        cue, form = _cue_line(a), _form(a)
        if cue:
            lines.append(("Cue", cue + (f"; {form}" if form and len(group) > 1 else "")))
        if form and len(group) == 1:
            lines.append(("Form", form))
    if any(field(a, "named") is False for a in group):
        lines.append(("Unnamed", "the reader cannot check who this is."))
    return tuple(lines)


def _tip_html(note: _Note) -> str:
    parts = []
    for label, text in note.lines:
        if not label:
            parts.append(f'<span class="head">{_e(text)}</span>')
        else:
            parts.append(f'<span><span class="lab">{_e(label)}:</span> {_e(text)}</span>')
    return f'<span class="tip" role="tooltip" id="{_e(note.ident)}-tip">{"".join(parts)}</span>'


def _tag_html(note: _Note) -> str:
    quoted = '<span class="tag quoted">quoted</span>' if note.voice == "quoted" else ""
    return f'<span class="tags" aria-hidden="true"><span class="tag {_e(note.kind)}">{_e(note.tag)}</span>{quoted}</span>'


def _highlight_layer(start: int, end: int, order: int, note: _Note, attrs: dict[str, Any]) -> _Layer:
    data = "".join(f' data-{k}="{_e(v)}"' for k, v in attrs.items() if v is not None)
    base = f'class="f"{data}'
    return _Layer(
        start=start, end=end, order=order,
        open_first=f'<mark {base} id="{_e(note.ident)}" tabindex="0" aria-describedby="{_e(note.ident)}-tip">',
        open_more=f'<mark {base} data-continued="true" data-of="{_e(note.ident)}">',
        close="</mark>",
        tags=_tag_html(note), tip=_tip_html(note),
    )


def _assign_nesting(layers: list[_Layer], cuts: list[int]) -> None:
    """Give each highlight room below it for the highlights nested inside it (so their
    underlines do not sit on top of each other)."""
    for a, b in zip(cuts, cuts[1:]):
        active = [l for l in layers if l.counts_for_nesting and l.start <= a and b <= l.end]
        active.sort(key=lambda l: (l.start, -l.end, l.order))
        for depth, layer in enumerate(active):
            layer.nest = max(layer.nest, len(active) - depth - 1)


def _markup(text: str, start: int, end: int, layers: list[_Layer]) -> str:
    """``text[start:end]`` escaped, with ``layers`` opened and closed around it as
    properly nested elements."""
    layers = [l for l in layers if l.start < end and l.end > start and l.start < l.end]
    for l in layers:
        l.start, l.end = max(l.start, start), min(l.end, end)
    cuts = sorted({start, end, *(l.start for l in layers), *(l.end for l in layers)})
    _assign_nesting(layers, cuts)
    out: list[str] = []
    stack: list[_Layer] = []

    last_text = -1

    def close(layer: _Layer) -> None:
        if not layer.tail_done:
            if layer.tags and last_text == len(out) - 1:
                # Keep the tags on the line of the last word they belong to.
                head, word = _LAST_WORD.match(out[-1]).groups()
                out[-1] = f'{head}<span class="nobr">{word}{layer.tags}</span>'
            else:
                out.append(layer.tags)
            out.append(layer.tip)
            layer.tail_done = True
        out.append(layer.close)

    def open_(layer: _Layer) -> None:
        tag = layer.open_more if layer.opened else layer.open_first
        if layer.nest and layer.counts_for_nesting:
            tag = tag.replace('class="f"', f'class="f nest{min(layer.nest, _MAX_NEST_CLASS)}"', 1)
        out.append(tag)
        layer.opened = True

    for a, b in zip(cuts, cuts[1:]):
        want = [l for l in layers if l.start <= a and b <= l.end]
        want.sort(key=lambda l: (l.start, -l.end, l.order))
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] is want[keep]:
            keep += 1
        for layer in reversed(stack[keep:]):
            close(layer)
        for layer in want[keep:]:
            open_(layer)
        stack = want
        out.append(escape(text[a:b], quote=True))
        last_text = len(out) - 1
    for layer in reversed(stack):
        close(layer)
    return "".join(out)


class _Numbering:
    """Numbers the highlights of one report (``L1``, ``L2``, ``G1`` ...)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.counts: dict[str, int] = {}
        self.serial = 0

    def next(self, kind: str) -> tuple[str, str]:
        letter = KIND_TAGS.get(kind, kind[:1].upper() or "?")
        self.counts[letter] = self.counts.get(letter, 0) + 1
        self.serial += 1
        return f"{self.prefix}-h{self.serial}", f"{letter}{self.counts[letter]}"


def _paragraph_layers(p: ParagraphReport, numbering: _Numbering,
                      quotes: list[tuple[int, int]]) -> tuple[list[_Layer], list[_Note]]:
    layers: list[_Layer] = []
    notes: list[_Note] = []
    order = 0
    for q_start, q_end in quotes:
        if q_start < p.end and q_end > p.start:
            layers.append(_Layer(q_start, q_end, order, '<span class="quote" data-voice="quoted">',
                                 '<span class="quote" data-voice="quoted">', "</span>", counts_for_nesting=False))
            order += 1
    items: list[tuple[int, int, Any, str]] = [(f.start, f.end, f, "finding") for f in p.findings]
    # one highlight per source or cue span, however many attributions share it
    groups: dict[tuple[str, int, int], list[Any]] = {}
    for a in attributions(p):
        for part in ("source", "cue"):
            span = span_of(a, part)
            if span is not None:
                groups.setdefault((part, span[0], span[1]), []).append(a)
    items += [(start, end, group, part) for (part, start, end), group in groups.items()]
    items.sort(key=lambda item: (item[0], -item[1]))
    for start, end, obj, what in items:
        if what == "finding":
            ident, tag = numbering.next(obj.kind)
            note = _Note(ident, tag, obj.kind, obj.voice, _finding_lines(obj))
            attrs = {"kind": obj.kind, "category": obj.category, "voice": obj.voice, "severity": obj.severity,
                     "rule": obj.rule,
                     "supported": None if obj.supported is None else str(bool(obj.supported)).lower()}
        else:
            ident, tag = numbering.next(what)
            note = _Note(ident, tag, what, "author", _attribution_lines(obj, what))
            neutral = {field(a, "cue_neutral") for a in obj}
            kinds = {field(a, "source_type", "type") for a in obj}
            attrs = {"kind": what, "source": ", ".join(dict.fromkeys(source_name(a) for a in obj)),
                     "source-type": kinds.pop() if len(kinds) == 1 else None,
                     "cue-neutral": str(bool(neutral.pop())).lower() if len(neutral) == 1 and None not in neutral
                     else None}
        notes.append(note)
        layers.append(_highlight_layer(start, end, order, note, attrs))
        order += 1
    return layers, notes


# --- paragraphs --------------------------------------------------------------------------

def _meter(score: float, label: str) -> str:
    width = 72
    filled = max(0.0, min(score, 6.0)) / 6.0 * width
    return (f'<svg width="{width}" height="7" viewBox="0 0 {width} 7" role="img" aria-label="{_e(label)}">'
            f'<rect class="meter-bg" x="0" y="0" width="{width}" height="7" rx="2"/>'
            f'<rect class="meter" x="0" y="0" width="{filled:.1f}" height="7" rx="2"/></svg>')


def _margin(p: ParagraphReport) -> str:
    rows = [f'<span class="pnum">¶{p.index + 1}</span>']
    if p.kind != "body":
        rows.append(f'<span class="score">{_e(p.kind)}</span>')
    if not p.scored:
        rows.append('<span class="score">site furniture: not scored</span>')
        return "".join(rows)
    rows.append(f'<span class="score">loaded <b>{p.loaded_language:.1f}</b></span>')
    if p.loaded_language > 0:
        rows.append(_meter(p.loaded_language, f"loaded-language score {p.loaded_language:.1f} per 100 author words"))
    if p.unsupported_generalisations:
        rows.append(f'<span class="score">unsupported <b>{p.unsupported_generalisations}</b></span>')
    quoted = sum(1 for f in p.findings if f.voice == "quoted")
    if quoted:
        rows.append(f'<span class="score">quoted flags {quoted}</span>')
    bias = getattr(p, "bias_probability", None)
    if bias is not None:
        rows.append(f'<span class="score" title="highest sentence probability from the sentence classifier">'
                    f'bias p <b>{bias:.2f}</b></span>')
    sources = sorted({source_name(a) for a in attributions(p)})
    if sources:
        rows.append(f'<span class="score">sources: {_e(", ".join(sources))}</span>')
    r = p.readability
    if r is not None and r.words:
        rows.append(f'<span class="score">ease {r.flesch_reading_ease:.0f} · grade {r.flesch_kincaid_grade:.1f}</span>')
    return "".join(rows)


def _notes_html(notes: Sequence[_Note]) -> str:
    if not notes:
        return ""
    items = []
    for note in notes:
        head, *rest = note.lines
        body = " ".join(f'<span class="lab">{_e(label)}:</span> {_e(text)}' for label, text in rest)
        items.append(f'<li>{_tag_html(note)} <a href="#{_e(note.ident)}">{_e(head[1])}</a>. {body}</li>')
    return f'<ol class="notes">{"".join(items)}</ol>'


def _paragraph_html(report: Report, p: ParagraphReport, numbering: _Numbering, quotes: list[tuple[int, int]],
                    level: int) -> str:
    layers, notes = _paragraph_layers(p, numbering, quotes)
    body = _markup(report.text, p.start, p.end, layers)
    if p.kind == "heading":
        text = f'<h{level} class="text">{body}</h{level}>'
    else:
        text = f'<p class="text">{body}</p>'
    return (f'<div class="para kind-{_e(p.kind)}" id="{numbering.prefix}-p{p.index + 1}">'
            f'<div class="margin">{_margin(p)}</div><div class="body">{text}{_notes_html(notes)}</div></div>')


def article_html(report: Report, prefix: str, level: int) -> str:
    """The highlighted article: one block per paragraph (headings at ``level``)."""
    numbering = _Numbering(prefix)
    quotes = sorted(quoted_regions(report))
    starts = [q[0] for q in quotes]
    longest = max((e - s for s, e in quotes), default=0)

    def near(p: ParagraphReport) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(starts, p.start - longest)
        hi = bisect.bisect_left(starts, p.end)
        return quotes[lo:hi]

    return "\n".join(_paragraph_html(report, p, numbering, near(p), min(level, 6)) for p in report.paragraphs)


# --- summary -----------------------------------------------------------------------------

def _score_row(name: str, value: str, key: str) -> str:
    what, how = SCORE_MEANINGS[key]
    return (f'<tr><th scope="row">{_e(name)}</th><td class="value">{value}</td>'
            f'<td class="meaning"><span>{_e(what)}.</span> <strong>Reading it:</strong> {_e(how)}</td></tr>')


def _scores_table(report: Report) -> str:
    s = report.summary
    rows = [
        _score_row("Loaded language", f"{s.loaded_language:.2f}<br><small>per 100 author words</small>", "loaded"),
        _score_row("Loaded words: author / quoted", f"{s.findings_author} / {s.findings_quoted}", "findings"),
        _score_row("Unsupported generalisations", f"{s.unsupported_generalisations}<br><small>of {s.generalisations}</small>",
                   "unsupported"),
        _score_row("Hedges / boosters", f"{s.hedges} / {s.boosters}", "hedges"),
    ]
    r = s.readability
    if r.words:
        caution = "" if r.reliable else "<br><small>under 100 words: unreliable</small>"
        rows.append(_score_row("Flesch reading ease", f"{r.flesch_reading_ease:.1f}{caution}", "ease"))
        rows.append(_score_row("Flesch-Kincaid grade", f"{r.flesch_kincaid_grade:.1f}", "grade"))
    return ('<table class="scores"><caption class="none">Article-level scores, boilerplate excluded</caption>'
            '<thead><tr><th scope="col">Score</th><th scope="col">This article</th><th scope="col">What it means</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _facts(report: Report) -> str:
    s = report.summary
    kinds = ", ".join(f"{n} {k}" for k, n in s.paragraphs if n)
    parts = [f"<li>Paragraphs: {_e(kinds)}; {_e(s.author_words)} words in the author's voice.</li>"]
    if s.categories:
        cats = ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in s.categories)
        parts.append(f"<li>The author's loaded language by category: {_e(cats)}.</li>")
    return f'<ul class="facts">{"".join(parts)}</ul>'


def share_chart(rows: Sequence[SourceRow], title: str, ident: str) -> str:
    """A horizontal bar chart of the sources' shares of the attributions (inline SVG).
    The longest bar is the largest share; each bar is labelled with its percentage."""
    rows = [r for r in rows if r.share is not None]
    if not rows:
        return ""
    label_w, bar_w, row_h = 230, 360, 26
    top = max(float(r.share or 0) for r in rows) or 1.0
    height = row_h * len(rows) + 8
    out = [f'<figure class="chart"><figcaption id="{ident}-t">{_e(title)}</figcaption>'
           f'<svg viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" aria-labelledby="{ident}-t {ident}-d">'
           f'<desc id="{ident}-d">{_e("; ".join(f"{r.name} {100 * float(r.share or 0):.0f}%" for r in rows))}</desc>']
    for i, row in enumerate(rows):
        y = 4 + i * row_h
        name = row.name if len(row.name) <= 32 else row.name[:31] + "…"
        width = max(1.0, bar_w * float(row.share or 0) / top)
        out.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{_e(name)}<title>{_e(row.name)}</title></text>'
                   f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row_h - 8}"/>'
                   f'<text x="{label_w + width + 6:.1f}" y="{y + 17}">{100 * float(row.share or 0):.0f}%</text>')
    out.append("</svg></figure>")
    return "".join(out)


def sources_table(rows: Sequence[SourceRow]) -> str:
    """The sources table: name, type, attributions, share, quoted words, loaded cue verbs."""
    if not rows:
        return '<p class="none">No attributions found: no one is quoted or cited.</p>'
    has_words = any(r.quoted_words is not None for r in rows)
    has_loaded = any(r.loaded_cues is not None or r.loaded_cue_words for r in rows)
    head = ('<tr><th scope="col">Source</th><th scope="col">Type</th><th scope="col" class="num">Attributions</th>'
            '<th scope="col" class="num">Share</th>' + ('<th scope="col" class="num">Quoted words</th>' if has_words else "")
            + ('<th scope="col">Doubt-casting cue verbs</th>' if has_loaded else "") + "</tr>")
    body = []
    for r in rows:
        share = "" if r.share is None else f"{100 * float(r.share):.0f}%"
        notes = []
        if r.named is False:
            notes.append("unnamed")
        if r.via:
            notes.append("heard only via " + ", ".join(r.via))
        extra = f' <small>({_e("; ".join(notes))})</small>' if notes else ""
        loaded = ", ".join(f"“{w}”" for w in r.loaded_cue_words) if r.loaded_cue_words else (
            "" if not r.loaded_cues else str(r.loaded_cues))
        body.append(f'<tr><th scope="row">{_e(r.name)}{extra}</th><td>{_e((r.type or "unknown").replace("_", " "))}</td>'
                    f'<td class="num">{_e("" if r.attributions is None else r.attributions)}</td><td class="num">{share}</td>'
                    + (f'<td class="num">{_e("" if r.quoted_words is None else r.quoted_words)}</td>' if has_words else "")
                    + (f'<td>{_e(loaded or "none")}</td>' if has_loaded else "")
                    + "</tr>")
    return f'<table class="sources"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def gap_list(rows: Sequence[GapRow] | None) -> str:
    """The voice gap as a list (actors talked about, never given a voice)."""
    if rows is None:
        return ""
    if not rows:
        return '<p class="none">Every actor the article mentions is also given a voice.</p>'
    items = []
    for r in rows:
        if r.note:
            items.append(f"<li>{_e(r.note)}</li>")
            continue
        extra = ", ".join(x for x in (r.type.replace("_", " ") if r.type else "",
                                      _plural(r.mentions, "mention") if r.mentions else "",
                                      "heard only via " + ", ".join(r.via) if r.via else "") if x)
        items.append(f"<li>{_e(r.name)}" + (f" <small>({_e(extra)})</small>" if extra else "") + "</li>")
    return f'<ul class="gap">{"".join(items)}</ul>'


def _attribution_summary(report: Report, prefix: str, level: int) -> str:
    if not has_attribution_data(report):
        return ""
    rows = source_rows(report)
    figures = balance_figures(report)
    out = [f'<h{level}>Who speaks</h{level}>']
    if figures:
        cells = "".join(f'<div><dt>{_e(f.label)}</dt><dd class="v">{_e(f.value)}</dd>'
                        + (f'<dd>{_e(f.meaning)}</dd>' if f.meaning else "") + "</div>" for f in figures)
        out.append(f'<dl class="figures">{cells}</dl>')
    out.append(sources_table(rows))
    out.append(share_chart(rows, "Share of the attributions by source", f"{prefix}-chart"))
    relays = relayed(report)
    if relays:
        out.append(f'<h{level}>Heard only through another source</h{level}>')
        out.append('<ul class="gap">' + "".join(f"<li>{_e(actor)}, via {_e(via)}</li>" for actor, via in relays) + "</ul>")
    gap = voice_gap(report)
    if gap is not None:
        out.append(f'<h{level}>Voice gap: talked about, never heard</h{level}>')
        out.append(gap_list(gap))
    return "".join(out)


def _legend(level: int, prefix: str) -> str:
    def sample(kind: str, text: str, tag: str, extra: str = "", voice: str = "author") -> str:
        quoted = '<span class="tag quoted">quoted</span>' if voice == "quoted" else ""
        return (f'<mark class="f" data-kind="{kind}" data-voice="{voice}"{extra}>{text}'
                f'<span class="tags" aria-hidden="true"><span class="tag {kind}">{tag}</span>{quoted}</span></mark>')

    items = [
        (sample("loaded_language", "infested", "L"), "Loaded language: red, solid underline (thicker for a warning)."),
        (sample("generalisation", "experts say", "G"), "Unsupported generalisation: blue, double underline."),
        (sample("generalisation", "studies show", "G", ' data-supported="true"'),
         "Generalisation the text backs with a source: pale, double underline."),
        (sample("hedge", "allegedly", "H"), "Hedge: amber, dotted underline."),
        (sample("booster", "clearly", "B"), "Booster: purple, dashed underline."),
        (sample("source", "IRNA", "S"), "Source of an attribution: boxed."),
        (sample("cue", "reported", "V"), "Reporting verb (cue): wavy underline."),
        ('<span class="quote">“the speaker’s words”</span>', "Quoted speech: italic, with a rule at its side."),
        (sample("loaded_language", "mob", "L", voice="quoted"),
         "Flag inside a quotation: the speaker’s word, pale and tagged “quoted”; not counted."),
    ]
    rows = "".join(f"<li>{s} — {_e(t)}</li>" for s, t in items)
    return (f'<h{level} id="{prefix}-legend">Legend</h{level}><div class="legend"><ul>{rows}</ul>'
            '<p class="meta">Hover over a highlight, or move to it with the Tab key, to read what was found, why it '
            'matters and a neutral alternative. The numbers beside each paragraph are its scores: loaded language per '
            '100 author words (with a bar up to 6), unsupported generalisations and readability. '
            'Severity: <b>warning</b> is a strong framing choice, <b>notice</b> a clear but milder one, '
            '<b>info</b> worth knowing about, not necessarily wrong.</p></div>')


def report_html(report: Report, prefix: str, level: int) -> str:
    """One report as an ``<article>``: summary, legend and the highlighted text, with
    section headings at ``level`` (2 for a page with one report)."""
    sub = level + 1
    name = report.source or "text"
    summary = (f'<section class="summary" aria-labelledby="{prefix}-summary"><h{level} id="{prefix}-summary">Summary</h{level}>'
               f'{_scores_table(report)}{_facts(report)}{_attribution_summary(report, prefix, sub)}</section>')
    toolbar = (f'<p class="toolbar"><label><input type="checkbox" class="notes-toggle" id="{prefix}-notes"> '
               'Show the notes under each paragraph</label> (always shown in print)</p>')
    article = (f'<section aria-labelledby="{prefix}-article"><h{level} id="{prefix}-article">The article</h{level}>'
               f'{toolbar}{article_html(report, prefix, sub)}</section>')
    head = "" if level == 2 else f'<h{level - 1} id="{prefix}">{_e(name)}</h{level - 1}>'
    return (f'<article class="report" aria-label="{_e(name)}">{head}{summary}'
            f'<section>{_legend(level, prefix)}</section>{article}</article>')


def page(title: str, body: str, *, first_target: str = "#main") -> str:
    """A complete, self-contained HTML page around ``body``."""
    return ("<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="framing {_e(__version__)}">\n'
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f'<a class="skip" href="{_e(first_target)}">Skip to the article</a>\n'
            f'<main id="main">\n{body}\n</main>\n</body>\n</html>\n')


def render_html(reports: Sequence[Report]) -> str:
    """All ``reports`` as one self-contained HTML page."""
    if len(reports) == 1:
        report = reports[0]
        name = report.source or "text"
        body = (f'<header><h1>Framing report: {_e(name)}</h1>'
                f'<p class="meta">How this article frames its story, paragraph by paragraph. '
                f'framing {_e(__version__)}, schema {_e(report.schema)}.</p></header>\n'
                + report_html(report, "r1", 2))
        return page(f"Framing report: {name}", body, first_target="#r1-article")
    contents = "".join(f'<li><a href="#r{i}">{_e(r.source or f"text {i}")}</a></li>'
                       for i, r in enumerate(reports, 1))
    body = (f'<header><h1>Framing reports</h1><p class="meta">{len(reports)} articles. framing {_e(__version__)}.</p>'
            f'<nav aria-label="Articles"><ul>{contents}</ul></nav></header>\n'
            + "\n".join(report_html(r, f"r{i}", 3) for i, r in enumerate(reports, 1)))
    return page("Framing reports", body, first_target="#r1")


# --- comparison --------------------------------------------------------------------------

def _ctx(context: tuple[str, str, str], cls: str = "") -> str:
    before, term, after = context
    klass = f' class="{cls}"' if cls else ""
    return f'<span class="ctx">{_e(before)}<mark{klass}>{_e(term)}</mark>{_e(after)}</span>'


def _comparison_table(c: "Comparison") -> str:
    a, b = c.a, c.b
    rows = []
    for label, x, y in comparison_figures(c):
        label = label.strip()
        if label.startswith("per "):
            label = f"unsupported generalisations {label}"  # the text's detail row, spelt out
        rows.append((label[:1].upper() + label[1:], x, y))
    body = "".join(f'<tr><th scope="row">{_e(n)}</th><td class="num">{_e(x)}</td><td class="num">{_e(y)}</td></tr>'
                   for n, x, y in rows)
    return ('<table class="compare"><thead><tr><th scope="col">Figure</th>'
            f'<th scope="col" class="num">A: {_e(a.source or "A")}</th><th scope="col" class="num">B: {_e(b.source or "B")}</th>'
            f'</tr></thead><tbody>{body}</tbody></table>')


def _voices_html(c: "Comparison") -> str:
    if c.voices_only_a is None:
        return ('<p class="none">Sources and voices: these reports carry no attribution data, so who is quoted '
                'cannot be compared.</p>')

    def names(items: Iterable[str]) -> str:
        items = list(items)
        return ", ".join(_e(n) for n in items) if items else '<span class="none">none</span>'

    return (f'<ul><li><strong>Heard only in A:</strong> {names(c.voices_only_a)}</li>'
            f'<li><strong>Heard only in B:</strong> {names(c.voices_only_b)}</li>'
            f'<li><strong>Heard in both:</strong> {names(c.voices_shared)}</li></ul>')


def _sources_side(side: Any, ident: str) -> str:
    if side.sources is None:
        return '<p class="none">No attribution data.</p>'
    rows = [SourceRow(s.name, s.type, s.attributions, s.share) for s in side.sources]
    gap = "" if side.voice_gap is None else (
        "<h4>Talked about, never heard</h4>" + gap_list([GapRow(n) for n in side.voice_gap]))
    return sources_table(rows) + share_chart(rows, f"Share of the attributions: {side.source or ident}", ident) + gap


def _contrasts_html(c: "Comparison") -> str:
    if not c.contrasts:
        return ('<p class="none">No term found where one article uses a loaded word and the other the neutral '
                'alternative the lexicon suggests.</p>')
    rows = []
    for t in c.contrasts:
        loaded_side, other = t.loaded_side.upper(), "B" if t.loaded_side == "a" else "A"
        rows.append(f'<tr><td><strong>{loaded_side}</strong>: {_ctx(t.loaded_context)}</td>'
                    f'<td><strong>{other}</strong>: {_ctx(t.neutral_context, "neutral")}</td>'
                    f'<td>{_e(t.category.replace("_", " "))}. {_e(t.explanation)}</td></tr>')
    return ('<table class="contrasts"><thead><tr><th scope="col">Loaded</th><th scope="col">Neutral in the other article</th>'
            f'<th scope="col">Why it matters</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def render_comparison_html(c: "Comparison") -> str:
    """A :class:`framing.compare.Comparison` as one self-contained page: the figures side
    by side, sources and voices, term contrasts, then both highlighted articles."""
    name_a, name_b = c.a.source or "A", c.b.source or "B"
    shared = (", ".join(c.shared_loaded)) if c.shared_loaded else ""
    body = [
        f'<header><h1>Framing comparison: {_e(name_a)} and {_e(name_b)}</h1>'
        '<p class="meta">Two articles on the same story, side by side. framing '
        f'{_e(__version__)}.</p></header>',
        '<section class="summary" aria-labelledby="cmp-figures"><h2 id="cmp-figures">The figures</h2>',
        _comparison_table(c), "</section>",
        '<section aria-labelledby="cmp-words"><h2 id="cmp-words">Loaded in one, neutral in the other</h2>',
        _contrasts_html(c),
        (f'<p>Loaded words both articles use: {_e(shared)}.</p>' if shared else ""), "</section>",
        '<section aria-labelledby="cmp-voices"><h2 id="cmp-voices">Who speaks</h2>', _voices_html(c),
        ('<div class="sides">'
         f'<section><h3>A: {_e(name_a)}</h3>{_sources_side(c.a, "cmp-a-chart")}</section>'
         f'<section><h3>B: {_e(name_b)}</h3>{_sources_side(c.b, "cmp-b-chart")}</section></div>'
         if c.a.sources is not None or c.b.sources is not None else ""),
        "</section>",
        f'<section>{_legend(2, "cmp")}</section>',
        '<section class="report" aria-labelledby="cmp-texts"><h2 id="cmp-texts">The two articles</h2>',
        '<p class="toolbar"><label><input type="checkbox" class="notes-toggle" id="cmp-notes"> '
        'Show the notes under each paragraph</label></p><div class="sides">',
        f'<section aria-label="A"><h3>A: {_e(name_a)}</h3>{article_html(c.report_a, "a", 4)}</section>',
        f'<section aria-label="B"><h3>B: {_e(name_b)}</h3>{article_html(c.report_b, "b", 4)}</section>',
        "</div></section>",
    ]
    return page(f"Framing comparison: {name_a} and {name_b}", "\n".join(body), first_target="#cmp-figures")
