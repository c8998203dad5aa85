"""Markdown (rendered with a real CommonMark parser: it must render as intended, with
article text staying text) and CSV (one header row, one row per finding or paragraph,
readable by the csv module, safe to open in a spreadsheet)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cli import cli
from framing.render import render, source_rows, voice_gap
from framing.render.csv import FINDING_COLUMNS, PARAGRAPH_COLUMNS, render_csv
from framing.render.markdown import md_escape, render_markdown
from framing.report import analyse
from tests.test_render_html import HOSTILE, attributed_report, without_attribution

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test dependency (pip install '.[test]')")

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpora" / "articles"
TABLOID = ARTICLES / "harbour-strike-tabloid.txt"
WIRE = ARTICLES / "harbour-strike-wire.txt"


def md() -> "markdown_it.MarkdownIt":
    return markdown_it.MarkdownIt("commonmark").enable("table")


def inline_text(tokens) -> str:
    """The plain text of an inline token's children (what a reader sees)."""
    out = []
    for child in tokens.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


@pytest.fixture(scope="module")
def tabloid():
    return analyse(TABLOID.read_text(encoding="utf-8"), source="harbour-strike-tabloid.txt")


# --- Markdown -----------------------------------------------------------------------------------

def test_markdown_structure(tabloid):
    tokens = md().parse(render_markdown([tabloid]))
    headings = [(t.tag, inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == ("h1", "Framing report: harbour-strike-tabloid.txt")
    assert [h for h in headings if h[0] == "h2"] == [("h2", "Summary"), ("h2", "Paragraphs")]
    paragraph_heads = [text for tag, text in headings if tag == "h3" and text.startswith("¶")]
    assert len(paragraph_heads) == len(tabloid.paragraphs)
    assert all(head.startswith(f"¶{p.index + 1}") for head, p in zip(paragraph_heads, tabloid.paragraphs))
    # every paragraph's text is quoted, exactly, with the flagged words in bold
    quoted, bold = [], []
    for i, t in enumerate(tokens):
        if t.type == "blockquote_open":
            inline = tokens[i + 2]
            quoted.append(inline_text(inline))
            children = inline.children or []
            for j, child in enumerate(children):
                if child.type == "strong_open":
                    bold.append(children[j + 1].content)
    assert quoted == [" ".join(p.text.split()) for p in tabloid.paragraphs]
    flagged = " ".join(f.text for f in tabloid.findings)
    assert bold and all(b in flagged or any(b in " ".join(p.text.split()) for p in tabloid.paragraphs) for b in bold)
    # the summary table has a header and one row per score
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) >= 5
    # one list item per finding, with its explanation
    text = render_markdown([tabloid])
    for f in tabloid.findings:
        assert md_escape(f.explanation) in text


def test_markdown_hostile_article_stays_text():
    report = analyse(HOSTILE + "\n\n- not a list | not a cell *not emphasis* [not](a link) `no code`\n\n1. not ordered",
                     source="hostile.txt")
    html = md().render(render_markdown([report]))
    assert "<script" not in html and "<img" not in html and "<h1>fake" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>not emphasis" not in html and "<a href" not in html and "<code>" not in html
    assert "<ol" not in html.split("<h2>Paragraphs</h2>")[1].split("<ul>")[0]
    tokens = md().parse(render_markdown([report]))
    quoted = [inline_text(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "blockquote_open"]
    assert quoted == [" ".join(p.text.split()) for p in report.paragraphs]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=60))
def test_md_escape_renders_as_the_same_text(text):
    flat = " ".join(text.split())
    if not flat:
        return
    tokens = md().parse("Text: " + md_escape(flat) + "\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert inline_text(inline[0]) == "Text: " + flat


def test_markdown_attribution_summary():
    text = render_markdown([attributed_report()])
    html = md().render(text)
    assert "<h3>Who speaks</h3>" in html
    assert "<td>Daily Post</td>" in html
    assert "Northfield" in html
    assert "claimed" in html


def tables(tokens) -> list[list[list[str]]]:
    """Every table in the token stream as rows of cell texts (the header row first)."""
    found: list[list[list[str]]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            found[-1].append([])
        elif t.type in ("th_open", "td_open"):
            found[-1][-1].append(inline_text(tokens[i + 1]))
    return found


def test_markdown_attribution_sections_follow_the_data(tabloid):
    tokens = md().parse(render_markdown([tabloid]))
    h3 = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert h3[:2] == ["Who speaks", "Voice gap: talked about, never heard"]
    scores, sources = tables(tokens)
    assert sources[0] == ["Source", "Type", "Attributions", "Share", "Doubt-casting cue verbs"]
    rows = source_rows(tabloid)
    assert [r[0] for r in sources[1:]] == [r.name + (" (unnamed)" if r.named is False else "") for r in rows]
    assert [r[2] for r in sources[1:]] == [str(r.attributions) for r in rows]
    assert [r[3] for r in sources[1:]] == [f"{100 * r.share:.0f}%" for r in rows]
    text = render_markdown([tabloid])
    attributions = [a for p in tabloid.paragraphs for a in p.attributions]
    assert text.count("\n- **source** ") == len(attributions) > 0
    for g in voice_gap(tabloid):
        assert f"- {md_escape(g.note)}" in text

    bare = render_markdown([without_attribution(tabloid)])
    assert "Who speaks" not in bare and "Voice gap" not in bare and "**source**" not in bare
    assert tables(md().parse(bare)) == [scores]  # only the scores table is left


def test_markdown_several_reports(tabloid):
    text = render([tabloid, tabloid], "markdown")
    assert text.count("\n# Framing report") + text.startswith("# Framing report") == 2
    assert "\n---\n" in text


# --- CSV ------------------------------------------------------------------------------------------

def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_one_row_per_finding(tabloid):
    rows = read_csv(render_csv([tabloid]))
    assert tuple(rows[0]) == FINDING_COLUMNS
    assert rows[0] == ["file", "paragraph", "kind", "category", "start", "end", "line", "col", "text", "voice",
                       "severity", "score", "rule", "explanation", "suggestion", "question", "supported"]
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == len(tabloid.findings)
    lines = tabloid.text.split("\n")
    for row, f in zip(body, tabloid.findings):
        start, end = int(row["start"]), int(row["end"])
        assert tabloid.text[start:end] == row["text"] == f.text
        line, col = int(row["line"]), int(row["col"])
        assert lines[line - 1][col - 1:col - 1 + len(f.text.split("\n")[0])] == f.text.split("\n")[0]
        assert row["kind"] == f.kind and row["voice"] == f.voice and row["rule"] == f.rule
        assert row["supported"] == ("" if f.supported is None else str(f.supported).lower())
        assert row["file"] == "harbour-strike-tabloid.txt"
        para = tabloid.paragraphs[int(row["paragraph"]) - 1]
        assert para.start <= start < para.end


def test_csv_several_files_one_header(tabloid):
    wire = analyse(WIRE.read_text(encoding="utf-8"), source="wire.txt")
    for per in ("finding", "paragraph"):
        rows = read_csv(render_csv([tabloid, wire, tabloid], per=per))
        assert sum(1 for r in rows if r and r[0] == "file") == 1
        assert {r[0] for r in rows[1:]} == {"harbour-strike-tabloid.txt", "wire.txt"}
        assert all(len(r) == len(rows[0]) for r in rows)


def test_csv_per_paragraph(tabloid):
    rows = read_csv(render_csv([tabloid], per="paragraph"))
    assert tuple(rows[0]) == PARAGRAPH_COLUMNS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == len(tabloid.paragraphs)
    for row, p in zip(body, tabloid.paragraphs):
        assert int(row["paragraph"]) == p.index + 1 and row["kind"] == p.kind
        assert float(row["loaded_language"]) == round(p.loaded_language, 2)
        assert int(row["unsupported_generalisations"]) == p.unsupported_generalisations
        assert int(row["attributions"]) == len(p.attributions)
        if p.readability is not None and p.readability.words:
            assert float(row["flesch_kincaid_grade"]) == round(p.readability.flesch_kincaid_grade, 1)
    assert sum(int(row["attributions"]) for row in body) == tabloid.summary.balance.attributions > 0


def test_csv_per_paragraph_without_attribution_data(tabloid):
    report = without_attribution(tabloid)
    rows = read_csv(render_csv([report], per="paragraph"))
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == len(report.paragraphs)
    assert [row["attributions"] for row in body] == [""] * len(body)  # not looked for, rather than none found
    # everything else is as with the data
    with_data = [dict(zip(rows[0], r)) for r in read_csv(render_csv([tabloid], per="paragraph"))[1:]]
    assert [{k: v for k, v in r.items() if k != "attributions"} for r in body] == [
        {k: v for k, v in r.items() if k != "attributions"} for r in with_data]


def test_csv_per_paragraph_counts_attributions():
    report = attributed_report()
    rows = read_csv(render_csv([report], per="paragraph"))
    assert [r[rows[0].index("attributions")] for r in rows[1:]] == ["1", "2", "0"]


def test_csv_defuses_spreadsheet_formulas():
    report = analyse('=HYPERLINK("http://x","click") is what the "mob" wrote.\n\n@SUM(A1) +1 -2', source="-evil.csv")
    rows = read_csv(render_csv([report], per="paragraph"))
    cells = [c for r in rows[1:] for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells) and "'-evil.csv" in cells
    assert not any(c.startswith("-") and not re.fullmatch(r"-[\d.]+", c) for c in cells)


def test_csv_quotes_newlines_and_commas():
    report = analyse('The "mob", they said,\nwas "a disgrace".', source="a,b.txt")
    rows = read_csv(render_csv([report], per="paragraph"))
    assert rows[1][0] == "a,b.txt"


# --- command line -----------------------------------------------------------------------------------

def test_cli_markdown_and_csv():
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "--format", "markdown", str(TABLOID)])
    assert result.exit_code == 0 and result.stdout.startswith("# Framing report:")
    result = runner.invoke(cli, ["report", "--format", "csv", str(TABLOID), str(WIRE)])
    assert result.exit_code == 0
    rows = read_csv(result.stdout)
    assert rows[0][0] == "file" and sum(1 for r in rows if r[:1] == ["file"]) == 1
    result = runner.invoke(cli, ["report", "--format", "csv", "--per", "paragraph", str(TABLOID)])
    assert result.exit_code == 0 and read_csv(result.stdout)[0] == list(PARAGRAPH_COLUMNS)


def test_cli_per_needs_csv():
    result = CliRunner().invoke(cli, ["report", "--per", "paragraph", str(TABLOID)])
    assert result.exit_code == 2
    assert "--per applies to --format csv only" in result.stderr
    assert "Traceback" not in result.output
