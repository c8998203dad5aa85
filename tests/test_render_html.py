"""The HTML report: self-contained, escaped, well formed, every finding highlighted with
its kind and tooltip, quoted speech apart, scores in the margin, summary and legend,
attribution data shown when the report carries it.

The helpers at the top (fake attribution data and :func:`with_attribution`) are shared
with the Markdown/CSV and comparison tests: they attach attribution data to a report the
way the report's ``attributions`` / ``balance`` fields carry it, without depending on
the attribution analysis itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import cli
from framing.attribution import Attribution, Balance, SourceStats, VoiceGap
from framing.findings import Finding
from framing.render import render, source_rows, voice_gap
from framing.render.html import render_html
from framing.report import Report, analyse

ROOT = Path(__file__).resolve().parents[1]
TABLOID = ROOT / "corpora" / "articles" / "harbour-strike-tabloid.txt"

HOSTILE = (
    'Protesters <script>alert(1)</script> gathered "outside" the "><img src=x onerror=alert(1)> hall.\n\n'
    "The minister said the crowd was \"a mob of thugs\" and </p></div><h1>fake</h1> & that's that.\n\n"
    "<!-- comment --> It is common knowledge that <b>everyone</b> agrees &amp; nobody objects."
)


# --- attribution data, built by hand with framing.attribution's own types -------------

def with_attribution(report: Report, attributions: list[Attribution], balance: Balance) -> Report:
    """``report`` with ``attributions`` on their paragraphs and ``balance`` on its summary."""
    by_paragraph: dict[int, list[Attribution]] = {}
    for a in attributions:
        by_paragraph.setdefault(a.paragraph, []).append(a)
    paragraphs = tuple(dataclasses.replace(p, attributions=tuple(by_paragraph.get(p.index, ())))
                       for p in report.paragraphs)
    return dataclasses.replace(report, paragraphs=paragraphs,
                               summary=dataclasses.replace(report.summary, balance=balance))


def source_stats(name: str, type: str, named: bool, quoted_words: int, loaded_cues: tuple[str, ...] = (),
                 direct: int = 0, share: float = 1 / 3) -> SourceStats:
    """A source with one attribution (``share`` of the article's), the only one quoted
    if it has quoted words."""
    return SourceStats(name=name, type=type, named=named, attributions=1, share=share, quoted_words=quoted_words,
                       quoted_share=1.0 if quoted_words else 0.0, direct=direct, indirect=1 - direct,
                       loaded_cues=loaded_cues)


def without_attribution(report: Report) -> Report:
    """``report`` as a report without attribution data: no attributions on its paragraphs
    and no balance on its summary (the shape renderers must still show as before)."""
    return dataclasses.replace(
        report, paragraphs=tuple(dataclasses.replace(p, attributions=()) for p in report.paragraphs),
        summary=dataclasses.replace(report.summary, balance=None))


def attribution(text: str, source: str, cue: str, name: str, kind: str, paragraph: int, *,
                neutral: bool = True, direct: bool = False, named: bool = True, after: int = 0) -> Attribution:
    s = text.index(source, after)
    c = text.index(cue)
    return Attribution(source, s, s + len(source), name, kind, named, cue, c, c + len(cue), neutral,
                           c + len(cue), c + len(cue) + 10, direct, paragraph)


ATTRIBUTED_TEXT = (
    'The minister said the plan was "a disaster for the town".\n\n'
    "Critics claimed the scheme had failed, according to the Daily Post.\n\n"
    "Residents of Northfield were not asked."
)


def attributed_report(source: str = "attributed.txt") -> Report:
    text = ATTRIBUTED_TEXT
    atts = [
        attribution(text, "The minister", "said", "Minister", "official", 0, direct=True),
        attribution(text, "Critics", "claimed", "critics", "unnamed", 1, neutral=False, named=False),
        attribution(text, "the Daily Post", "according to", "Daily Post", "media", 1),
    ]
    balance = Balance(
        attributions=3, distinct_sources=3,
        sources=(source_stats("Minister", "official", True, 6, direct=1),
                 source_stats("critics", "unnamed", False, 0, ("claimed",)),
                 source_stats("Daily Post", "media", True, 0)),
        balance_index=1.0, top_share=1 / 3, unnamed_share=1 / 3, direct=1, indirect=2, loaded=1,
        loaded_by_source=(("critics", 1),), quoted_words=6, body_paragraphs=3,
        paragraphs_without_attribution=(2,),
        voice_gap=(VoiceGap("Northfield", "place", "place", 1, ATTRIBUTED_TEXT.index("Northfield")),), relayed=(),
    )
    return with_attribution(analyse(text, source=source), atts, balance)


# --- reading the HTML ---------------------------------------------------------------------

VOID = {"meta", "br", "input", "img", "hr", "link", "rect", "wbr", "col", "source", "area", "base", "embed"}


class Tree(HTMLParser):
    """A tiny DOM: checks nesting and collects elements with their attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = []
        self.elements: list[dict[str, Any]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = {"tag": tag, "attrs": dict(attrs), "text": [], "children": [], "parent": self.stack[-1] if self.stack else None}
        if self.stack:
            self.stack[-1]["children"].append(node)
        self.elements.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1]["tag"] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1]['tag'] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1]["children"].append(data)


def parse_html(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert not tree.stack, [n["tag"] for n in tree.stack]
    return tree


def classes(node: dict[str, Any]) -> set[str]:
    return set((node["attrs"].get("class") or "").split())


def text_of(node: dict[str, Any], skip: frozenset[str] = frozenset({"tip", "tags"})) -> str:
    """The node's text, leaving out tooltips and tags (what a reader sees as the article)."""
    out = []
    for child in node["children"]:
        if isinstance(child, str):
            out.append(child)
        elif not (classes(child) & skip):
            out.append(text_of(child, skip))
    return "".join(out)


def find(tree: Tree, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[dict[str, Any]]:
    found = []
    for node in tree.elements:
        if tag and node["tag"] != tag:
            continue
        if cls and cls not in classes(node):
            continue
        if any(node["attrs"].get(k.replace("_", "-")) != v for k, v in attrs.items()):
            continue
        found.append(node)
    return found


@pytest.fixture(scope="module")
def tabloid() -> Report:
    return analyse(TABLOID.read_text(encoding="utf-8"), source="corpora/articles/harbour-strike-tabloid.txt")


@pytest.fixture(scope="module")
def tabloid_html(tabloid: Report) -> str:
    return render_html([tabloid])


# --- self-contained and safe ---------------------------------------------------------------

def test_page_is_self_contained(tabloid_html):
    assert tabloid_html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in tabloid_html
    assert "<style>" in tabloid_html and "<svg" in tabloid_html
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", tabloid_html, re.I)
    assert not re.search(r"<(script|link|iframe|object|embed|img)\b", tabloid_html, re.I)
    assert not re.search(r"\b(src|srcset|href)=\"(?!#)", tabloid_html)
    assert "Content-Security-Policy" in tabloid_html and "default-src 'none'" in tabloid_html


def test_print_stylesheet(tabloid_html):
    assert "@media print" in tabloid_html
    assert re.search(r"@page\s*{[^}]*size:\s*A4", tabloid_html)


def test_hostile_article_is_text_not_markup():
    report = analyse(HOSTILE, source='<img src=x onerror=alert("name")>.txt')
    page = render_html([report])
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<h1>fake" not in page and "<b>everyone" not in page and "<!-- comment" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;amp;" in page  # "&amp;" in the article shows as the five characters
    tree = parse_html(page)
    assert not [n for n in tree.elements if any(k.startswith("on") for k in n["attrs"])]
    texts = [text_of(n) for n in find(tree, cls="text")]
    assert texts == [p.text for p in report.paragraphs]


def test_every_string_from_the_report_is_escaped():
    report = analyse("A plain sentence about the harbour.", source='a"b<c>&d.txt')
    page = render_html([report])
    assert "a&quot;b&lt;c&gt;&amp;d.txt" in page
    assert 'a"b<c>' not in page


# --- the article -----------------------------------------------------------------------------

def test_markup_is_well_formed_and_text_round_trips(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    texts = find(tree, cls="text")
    assert [text_of(n) for n in texts] == [p.text for p in tabloid.paragraphs]


FINDING_KINDS = frozenset({"loaded_language", "generalisation", "hedge", "booster"})
ATTRIBUTION_KINDS = frozenset({"source", "cue"})


def highlights(tree: Tree, kinds: frozenset[str]) -> list[dict[str, Any]]:
    """The article's highlights of ``kinds`` (first pieces only: those with an id and a
    tab stop), in document order, leaving out the legend's samples."""
    return [n for n in find(tree, "mark", "f") if "tabindex" in n["attrs"] and not _in_legend(n)
            and n["attrs"].get("data-kind") in kinds]


def highlight_text(tree: Tree, mark: dict[str, Any]) -> str:
    """The text a highlight covers: a highlight that crosses another is closed and
    reopened, so its pieces (``data-of`` its id) are joined."""
    pieces = [mark] + find(tree, "mark", data_of=mark["attrs"]["id"])
    return "".join(text_of(m) for m in pieces)


def expected_attribution_highlights(report: Report) -> list[tuple[str, str, str]]:
    """``(kind, text, source name)`` of every source and cue highlight the report should
    get, in the order the page shows them (by position; a longer span first). A span
    that several attributions share ("X insisted ... and claimed ...") is one highlight."""
    spans: dict[tuple[int, int, str], list[str]] = {}
    for p in report.paragraphs:
        for a in p.attributions:
            spans.setdefault((a.source_start, a.source_end, "source"), []).append(a.source_name)
            spans.setdefault((a.cue_start, a.cue_end, "cue"), []).append(a.source_name)
    ordered = sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1]))
    return [(kind, report.text[start:end], ", ".join(dict.fromkeys(names))) for (start, end, kind), names in ordered]


def test_every_finding_is_highlighted_with_kind_tag_and_tooltip(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    marks = highlights(tree, FINDING_KINDS)
    findings = tabloid.findings
    assert len(marks) == len(findings)
    for mark, finding in zip(marks, findings):
        attrs = mark["attrs"]
        assert attrs["data-kind"] == finding.kind
        assert attrs["data-category"] == finding.category
        assert attrs["data-voice"] == finding.voice
        assert attrs["tabindex"] == "0"
        assert highlight_text(tree, mark) == finding.text
        tip = find(tree, id=attrs["aria-describedby"])
        assert len(tip) == 1 and tip[0]["attrs"].get("role") == "tooltip"
        tip_text = text_of(tip[0], frozenset())
        assert finding.explanation in tip_text
        assert finding.category.replace("_", " ") in tip_text
        if finding.suggestion:
            assert finding.suggestion in tip_text
        if finding.question:
            assert finding.question in tip_text
        tag_text = text_of(mark, frozenset({"tip"}))
        assert re.search(r"[LGHB]\d+$|[LGHB]\d+quoted$", tag_text), tag_text


def test_every_attribution_is_highlighted_with_source_and_cue(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    attributions = [a for p in tabloid.paragraphs for a in p.attributions]
    assert attributions, "the tabloid quotes and cites people"
    expected = expected_attribution_highlights(tabloid)
    marks = highlights(tree, ATTRIBUTION_KINDS)
    assert [(m["attrs"]["data-kind"], highlight_text(tree, m), m["attrs"]["data-source"]) for m in marks] == expected
    # every highlight on the article is either a finding or a part of an attribution
    assert len(highlights(tree, FINDING_KINDS | ATTRIBUTION_KINDS)) == len(tabloid.findings) + len(expected)
    for mark in marks:
        attrs = mark["attrs"]
        tip = find(tree, id=attrs["aria-describedby"])
        assert len(tip) == 1 and tip[0]["attrs"].get("role") == "tooltip"
        head = [n for n in tip[0]["children"] if not isinstance(n, str) and "head" in classes(n)]
        label = "Source" if attrs["data-kind"] == "source" else "Reporting verb"
        assert text_of(head[0], frozenset()) == f"{label} · {attrs['data-source']} ({attrs['data-source-type']})"
        assert re.search(r"[SV]\d+$", text_of(mark, frozenset({"tip"})))
    cue_marks = [m for m in marks if m["attrs"]["data-kind"] == "cue"]
    assert [m["attrs"]["data-cue-neutral"] for m in cue_marks] == [
        str(a.cue_neutral).lower() for a in sorted(attributions, key=lambda a: a.cue_start)]
    assert {highlight_text(tree, m) for m in cue_marks if m["attrs"]["data-cue-neutral"] == "false"} >= {
        "insisted", "claimed"}


def test_a_source_with_two_cues_is_one_highlight(tabloid, tabloid_html):
    """ "firebrand union chief Maeve Donnelly insisted ... and claimed ...": two
    attributions, one source span, so one boxed source whose tooltip gives both cues."""
    tree = parse_html(tabloid_html)
    twice = [a for p in tabloid.paragraphs for a in p.attributions if a.source == "firebrand union chief Maeve Donnelly"]
    assert [a.cue for a in twice] == ["insisted", "claimed"]
    boxes = [m for m in highlights(tree, frozenset({"source"})) if highlight_text(tree, m) == twice[0].source]
    assert len(boxes) == 1
    assert not [m for m in find(tree, "mark", "f", data_kind="source") if _inside(m, boxes[0])]
    tip = text_of(find(tree, id=boxes[0]["attrs"]["aria-describedby"])[0], frozenset())
    assert "“insisted” — casts doubt" in tip and "“claimed” — casts doubt" in tip
    assert tip.count("Cue:") == 2 and tip.count("Written as:") == 1
    assert boxes[0]["attrs"]["data-cue-neutral"] == "false"


def _in_legend(node: dict[str, Any]) -> bool:
    parent = node["parent"]
    while parent is not None:
        if "legend" in classes(parent):
            return True
        parent = parent["parent"]
    return False


def test_quoted_speech_is_marked_and_quoted_findings_are_labelled(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    quotes = [n for n in find(tree, "span", "quote") if not _in_legend(n)]
    assert quotes, "quoted regions are shown"
    assert all(text_of(q)[:1] in '"“' for q in quotes)
    quoted = [f for f in tabloid.findings if f.voice == "quoted"]
    assert quoted
    marks = [n for n in find(tree, "mark", "f", data_voice="quoted") if not _in_legend(n) and "id" in n["attrs"]]
    assert len(marks) == len(quoted)
    for mark in marks:
        assert "quoted" in text_of(mark, frozenset({"tip"}))


def test_margin_scores(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    margins = find(tree, "div", "margin")
    assert len(margins) == len(tabloid.paragraphs)
    for margin, p in zip(margins, tabloid.paragraphs):
        text = text_of(margin, frozenset())
        assert f"¶{p.index + 1}" in text
        if p.scored:
            assert f"loaded {p.loaded_language:.1f}" in text
        else:
            assert "not scored" in text
        if p.readability is not None and p.readability.words:
            assert f"grade {p.readability.flesch_kincaid_grade:.1f}" in text


def test_summary_legend_and_headings(tabloid, tabloid_html):
    tree = parse_html(tabloid_html)
    assert len(find(tree, "h1")) == 1
    h2 = [text_of(n, frozenset()) for n in find(tree, "h2")]
    assert h2 == ["Summary", "Legend", "The article"]
    assert f"{tabloid.summary.loaded_language:.2f}" in tabloid_html
    assert "above 3: heavily loaded" in tabloid_html  # what the score means, from the README
    legend = [n for n in find(tree, "mark") if _in_legend(n)]
    assert {n["attrs"]["data-kind"] for n in legend} == {"loaded_language", "generalisation", "hedge", "booster",
                                                         "source", "cue"}
    # the report carries attribution data: the summary says who speaks and who does not
    summary = find(tree, "section", "summary")[0]
    h3 = [text_of(n, frozenset()) for n in tree.elements if n["tag"] == "h3" and _inside(n, summary)]
    assert h3 == ["Who speaks", "Voice gap: talked about, never heard"]
    rows = source_rows(tabloid)
    table = find(tree, "table", "sources")
    assert len(table) == 1 and _inside(table[0], summary)
    listed = [text_of(n, frozenset({"tags"})) for n in tree.elements
              if n["tag"] == "th" and n["attrs"].get("scope") == "row" and _inside(n, table[0])]
    assert [name.split(" (")[0] for name in listed] == [r.name for r in rows]
    assert {r.name for r in rows} >= {"Maeve Donnelly", "Colm Farrell", "Richard Aske"}
    bars = [n for n in tree.elements if n["tag"] == "rect" and "bar" in classes(n)]
    assert len(bars) == len(rows)
    widths = [float(b["attrs"]["width"]) for b in bars]
    assert widths == sorted(widths, reverse=True) and widths[0] == 360.0  # the largest share has the longest bar
    gap = find(tree, "ul", "gap")
    assert len(gap) == 1 and [text_of(n, frozenset()) for n in gap[0]["children"]] == [
        g.note for g in voice_gap(tabloid)]
    assert "Balance index" in text_of(summary, frozenset())


def test_summary_without_attribution_data(tabloid):
    report = without_attribution(tabloid)
    page = render_html([report])
    tree = parse_html(page)
    assert [text_of(n, frozenset()) for n in find(tree, "h2")] == ["Summary", "Legend", "The article"]
    summary = find(tree, "section", "summary")[0]
    assert not [n for n in tree.elements if n["tag"] == "h3" and _inside(n, summary)]
    assert "Who speaks" not in page and "Voice gap" not in page and "Balance index" not in page
    assert not find(tree, "table", "sources") and not find(tree, "figure", "chart")
    assert not [n for n in find(tree, "mark", "f") if n["attrs"].get("data-kind") in ATTRIBUTION_KINDS
                and not _in_legend(n)]
    assert "sources:" not in " ".join(text_of(n, frozenset()) for n in find(tree, "div", "margin"))
    assert len(highlights(tree, FINDING_KINDS)) == len(report.findings)
    assert [text_of(n) for n in find(tree, cls="text")] == [p.text for p in report.paragraphs]


def _inside(node: dict[str, Any], ancestor: dict[str, Any]) -> bool:
    parent = node["parent"]
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent["parent"]
    return False


def test_keyboard_and_tooltip_css(tabloid_html):
    assert ".f:focus > .tip" in tabloid_html and ".f:hover > .tip" in tabloid_html
    assert ":focus-visible" in tabloid_html
    assert 'class="skip"' in tabloid_html


def _crossing_report() -> Report:
    text = "Critics say the greedy union barons clearly wrecked the talks."
    base = analyse(text)
    p = base.paragraphs[0]

    def finding(kind: str, words: str, category: str) -> Finding:
        s = text.index(words)
        return Finding(kind, category, s, s + len(words), words, "author", "notice", 0.5, f"test.{kind}",
                       f"Explains {words}.", suggestion=f"instead of {words}")

    extra = (
        finding("generalisation", "Critics say the greedy", "vague_authority"),
        finding("loaded_language", "greedy union", "emotive"),
        finding("loaded_language", "union barons", "dysphemism"),
        finding("booster", "barons clearly wrecked", "booster"),
        finding("hedge", "clearly", "hedge"),
        finding("loaded_language", "talks", "emotive"),
    )
    findings = tuple(sorted(extra, key=lambda f: (f.start, f.end)))
    return dataclasses.replace(base, paragraphs=(dataclasses.replace(p, findings=findings),))


def test_overlapping_and_crossing_findings_stay_well_formed():
    report = _crossing_report()
    page = render_html([report])
    tree = parse_html(page)
    texts = find(tree, cls="text")
    assert [text_of(n) for n in texts] == [report.text]
    marks = highlights(tree, FINDING_KINDS)
    assert len(marks) == len(report.findings)
    assert {m["attrs"]["data-kind"] for m in marks} == {"generalisation", "loaded_language", "booster", "hedge"}
    assert sorted((m["attrs"]["data-kind"], highlight_text(tree, m)) for m in marks) == sorted(
        (f.kind, f.text) for f in report.findings)
    # the analysis's attribution ("Critics" say ...) is highlighted inside the generalisation
    assert [(a.source, a.cue) for a in report.paragraphs[0].attributions] == [("Critics", "say")]
    parts = highlights(tree, ATTRIBUTION_KINDS)
    assert [(m["attrs"]["data-kind"], highlight_text(tree, m)) for m in parts] == [("source", "Critics"), ("cue", "say")]
    assert all(_inside(m, marks[0]) for m in parts) and marks[0]["attrs"]["data-kind"] == "generalisation"
    continued = find(tree, "mark", "f", data_continued="true")
    assert continued, "a crossing highlight is closed and reopened"
    assert all("tabindex" not in c["attrs"] for c in continued)


def test_several_reports_have_unique_ids(tabloid):
    page = render_html([tabloid, analyse(HOSTILE, source="b.txt")])
    tree = parse_html(page)
    ids = [n["attrs"]["id"] for n in tree.elements if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))
    assert len(find(tree, "h1")) == 1
    assert len(find(tree, "article")) == 2
    for node in tree.elements:
        ref = node["attrs"].get("aria-describedby")
        if ref:
            assert ref in ids


# --- attribution data ---------------------------------------------------------------------------

def test_attribution_data_is_shown_when_present():
    report = attributed_report()
    page = render_html([report])
    tree = parse_html(page)
    assert "Who speaks" in page
    sources = [n for n in find(tree, "mark", "f", data_kind="source") if not _in_legend(n)]
    cues = [n for n in find(tree, "mark", "f", data_kind="cue") if not _in_legend(n)]
    assert [text_of(n) for n in sources] == ["The minister", "Critics", "the Daily Post"]
    assert [text_of(n) for n in cues] == ["said", "claimed", "according to"]
    assert [c["attrs"]["data-cue-neutral"] for c in cues] == ["true", "false", "true"]
    table = find(tree, "table", "sources")[0]
    assert "Daily Post" in text_of(table, frozenset()) and "“claimed”" in text_of(table, frozenset())
    chart = find(tree, "svg")
    bars = [n for n in tree.elements if n["tag"] == "rect" and "bar" in classes(n)]
    assert chart and len(bars) == 3
    assert "Northfield" in page and "Voice gap" in page
    assert "Balance index" in page and "33%" in page
    assert [text_of(n) for n in find(tree, cls="text")] == [p.text for p in report.paragraphs]


def test_sample_article_html(sample_text):
    report = analyse(sample_text, source="bajwa-iran-border.txt")
    page = render_html([report])
    tree = parse_html(page)
    marks = {(n["attrs"]["data-kind"], text_of(n)) for n in find(tree, "mark", "f") if "id" in n["attrs"]}
    assert ("loaded_language", "infested") in marks
    assert ("loaded_language", "subversive") in marks
    assert ("generalisation", "It is a common knowledge") in marks
    quoted = {text_of(n) for n in find(tree, "mark", "f", data_voice="quoted") if "id" in n["attrs"]}
    assert {"terrorist", "imperialist"} <= quoted
    assert [text_of(n) for n in find(tree, cls="text")] == [p.text for p in report.paragraphs]
    assert "kind-heading" in page and "kind-boilerplate" in page


# --- the command line ----------------------------------------------------------------------------

def test_cli_html(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "--format", "html", str(article)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;" in result.stdout and "<script" not in result.stdout


def test_render_dispatches_html(tabloid):
    assert render([tabloid], "html") == render_html([tabloid])
    assert unescape("&lt;") == "<"


# --- any overlap of highlights stays well formed -------------------------------------------------

_KINDS = ("loaded_language", "generalisation", "hedge", "booster")


@st.composite
def _text_and_spans(draw):
    words = draw(st.lists(st.sampled_from(["the", "<b>", "mob", "&amp;", '"quoted', 'words"', "it's", "x>y",
                                           "union", "barons", "said"]), min_size=1, max_size=25))
    text = " ".join(words)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, 12), st.sampled_from(_KINDS),
                                    st.sampled_from(["author", "quoted"])), max_size=8))
    return text, [(s, min(len(text), s + n), kind, voice) for s, n, kind, voice in spans]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text_and_spans())
def test_any_overlap_of_highlights_is_well_formed(case):
    text, spans = case
    base = analyse(text)
    p = base.paragraphs[0]
    findings = tuple(sorted(
        (Finding(kind, "test", max(s, p.start), min(e, p.end), text[max(s, p.start):min(e, p.end)], voice, "notice",
                 0.5, f"test.{i}", f"Explanation {i} <script>x</script>.", suggestion="a & b")
         for i, (s, e, kind, voice) in enumerate(spans) if min(e, p.end) > max(s, p.start)),
        key=lambda f: (f.start, f.end)))
    report = dataclasses.replace(base, paragraphs=(dataclasses.replace(p, findings=findings),) + base.paragraphs[1:])
    page = render_html([report])
    assert "<script" not in page
    tree = parse_html(page)
    assert [text_of(n) for n in find(tree, cls="text")] == [q.text for q in report.paragraphs]
    marks = highlights(tree, FINDING_KINDS)
    assert len(marks) == len(findings)
    assert Counter((m["attrs"]["data-kind"], highlight_text(tree, m)) for m in marks) == Counter(
        (f.kind, f.text) for f in findings)
    # whatever the analysis attributes ('the "quoted said') keeps its source and cue highlights
    attributions = report.paragraphs[0].attributions
    parts = highlights(tree, ATTRIBUTION_KINDS)
    assert Counter((m["attrs"]["data-kind"], highlight_text(tree, m)) for m in parts) == Counter(
        [("source", text[a.source_start:a.source_end]) for a in attributions]
        + [("cue", text[a.cue_start:a.cue_end]) for a in attributions])
    ids = [n["attrs"]["id"] for n in tree.elements if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))


def test_margin_shows_the_classifiers_bias_probability():
    from framing.render.html import render_html

    report = analyse("The thugs trashed the park in a sickening rampage.\n\nThe council met on Tuesday.")
    page = render_html([report])
    for paragraph in report.paragraphs:
        assert f"bias p <b>{paragraph.bias_probability:.2f}</b>" in page
