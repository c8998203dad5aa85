"""``framing compare``: two articles on the same story side by side, in Python, on the
terminal and as HTML."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import ExitCode, cli
from framing.compare import Comparison, alternatives, compare
from framing.render import render_comparison, source_rows, voice_gap
from framing.report import analyse
from framing.document import read_word_list
from framing.resources import lexicon_dir
from framing.attribution import Balance, VoiceGap
from tests.test_render_html import (attribution, attributed_report, parse_html, source_stats, text_of, with_attribution,
                                    without_attribution)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpora" / "articles"
TABLOID = ARTICLES / "harbour-strike-tabloid.txt"
WIRE = ARTICLES / "harbour-strike-wire.txt"


@pytest.fixture(scope="module")
def pair() -> Comparison:
    a = analyse(TABLOID.read_text(encoding="utf-8"), source="tabloid")
    b = analyse(WIRE.read_text(encoding="utf-8"), source="wire")
    return compare(a, b)


def test_alternatives_keep_words_and_drop_advice():
    assert alternatives("union leaders, general secretary") == ["union leaders", "general secretary"]
    assert alternatives("a large group of, many, thousands of (give the number)") == [
        "a large group of", "many", "thousands of"]
    assert alternatives("name the party and describe its positions") == []
    assert alternatives("commander, militia leader, or the person's name") == ["commander", "militia leader"]
    assert alternatives("Remain supporters / Leave supporters") == ["Remain supporters", "Leave supporters"]
    assert alternatives(None) == [] and alternatives("") == []


def test_every_advice_word_marks_advice_and_only_whole_words_do():
    """Each word of lexicons/suggestion-advice.txt, in any case, makes its part of a
    suggestion advice to the writer; a word that merely contains one ("renamed",
    "statement", "useful") does not."""
    words = read_word_list(lexicon_dir() / "suggestion-advice.txt")
    assert len(words) >= 15
    for word in words:
        assert alternatives(f"officials, {word} the figure") == ["officials"], word
        assert alternatives(f"officials, {word.capitalize()} the figure") == ["officials"], word
    assert alternatives("renamed group, statement, useful ally, whereabouts") == [
        "renamed group", "statement", "useful ally", "whereabouts"]


def test_side_figures(pair):
    a, b = pair.a, pair.b
    assert a.source == "tabloid" and b.source == "wire"
    assert a.loaded_language > 1.5 > b.loaded_language
    assert a.loaded_findings_author > b.loaded_findings_author
    assert a.unsupported_generalisations > b.unsupported_generalisations
    assert a.unsupported_per_1000 == pytest.approx(1000 * a.unsupported_generalisations / a.author_words)
    assert a.sources is None or isinstance(a.sources, tuple)


def test_term_contrasts_pair_a_loaded_word_with_the_others_neutral_one(pair):
    found = {(t.loaded_side, t.loaded.casefold(), t.neutral.casefold()) for t in pair.contrasts}
    assert ("a", "union barons", "general secretary") in found
    assert ("a", "insisted", "said") in found
    for t in pair.contrasts:
        loaded_report = pair.report_a if t.loaded_side == "a" else pair.report_b
        other = pair.report_b if t.loaded_side == "a" else pair.report_a
        assert loaded_report.text[t.loaded_start:t.loaded_start + len(t.loaded)] == t.loaded
        assert t.neutral.casefold() in other.text[t.neutral_start:t.neutral_start + len(t.neutral) + 3].casefold()
        assert t.loaded_context[1] == t.loaded and t.neutral_context[1].casefold() == t.neutral.casefold()
        # the neutral word is the other author's own, not a loaded finding or a quotation
        assert not any(f.start < t.neutral_start + len(t.neutral) and t.neutral_start < f.end
                       for f in other.findings if f.kind == "loaded_language")


def test_neutral_words_inside_quotations_do_not_count():
    loaded = analyse("The chaos at the port went on.", source="a")
    quoted_only = analyse('The port manager said "the disruption will end soon".', source="b")
    own_words = analyse("The disruption at the port went on.", source="c")
    assert not [t for t in compare(loaded, quoted_only).contrasts if t.neutral.casefold() == "disruption"]
    assert [t.neutral for t in compare(loaded, own_words).contrasts] == ["disruption"]
    assert compare(own_words, loaded).contrasts[0].loaded_side == "b"


def test_to_dict_is_plain_data(pair):
    data = pair.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"a", "b", "voices_only_a", "voices_only_b", "voices_shared", "shared_loaded", "contrasts"}
    assert data["contrasts"][0]["loaded_side"] in ("a", "b")
    # both reports carry attribution data, so their voices are compared
    assert data["voices_only_a"] == list(pair.voices_only_a)
    assert data["voices_only_b"] == list(pair.voices_only_b)
    assert data["voices_shared"] == list(pair.voices_shared)
    assert {"Maeve Donnelly", "Colm Farrell", "Richard Aske"} <= set(data["voices_shared"])
    for side, report, only in (("a", pair.report_a, "voices_only_a"), ("b", pair.report_b, "voices_only_b")):
        names = [s["name"] for s in data[side]["sources"]]
        assert names == [r.name for r in source_rows(report)]
        assert [s["attributions"] for s in data[side]["sources"]] == [r.attributions for r in source_rows(report)]
        assert sum(s["attributions"] for s in data[side]["sources"]) == report.summary.balance.attributions
        assert data[side]["voice_gap"] == [g.name for g in voice_gap(report)]
        assert set(data[only]) < set(names)
    # every source of A is heard either in A only or in both
    assert [n for n in [s["name"] for s in data["a"]["sources"]] if n not in data["voices_only_a"]] == \
        data["voices_shared"]


def test_reports_without_attribution_data_are_compared_without_voices(pair):
    bare_a, bare_b = without_attribution(pair.report_a), without_attribution(pair.report_b)
    data = compare(bare_a, bare_b).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["voices_only_a"] is None and data["voices_only_b"] is None and data["voices_shared"] is None
    assert data["a"]["sources"] is None and data["a"]["voice_gap"] is None
    assert data["b"]["sources"] is None and data["b"]["voice_gap"] is None
    # the rest of the comparison does not depend on attribution data
    full = pair.to_dict()
    assert data["contrasts"] == full["contrasts"] and data["shared_loaded"] == full["shared_loaded"]
    # one side without the data: its sources are unknown, and voices cannot be compared
    half = compare(pair.report_a, bare_b)
    assert half.a.sources == pair.a.sources and half.b.sources is None
    assert half.voices_only_a is None and half.voices_shared is None
    text = render_comparison(compare(bare_a, bare_b), "text")
    assert "no attribution data in these reports: sources cannot be compared" in text
    assert "heard only in" not in text and "sources:" not in text
    page = render_comparison(compare(bare_a, bare_b), "html")
    parse_html(page)
    assert "these reports carry no attribution data" in page and "Heard only in A" not in page
    assert '<table class="sources">' not in page


def test_comparison_is_frozen(pair):
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.a = pair.b  # type: ignore[misc]


def _attributed_pair() -> Comparison:
    a = attributed_report("a.txt")
    text = "The minister said the budget was fair.\n\nUnion leaders said the cuts would hurt Northfield."
    atts = [attribution(text, "The minister", "said", "Minister", "official", 0),
            attribution(text, "Union leaders", "said the cuts", "union leaders", "organisation", 1)]
    balance = Balance(
        attributions=2, distinct_sources=2,
        sources=(source_stats("Minister", "official", True, 0, share=0.5),
                 source_stats("union leaders", "organisation", True, 0, share=0.5)),
        balance_index=1.0, top_share=0.5, unnamed_share=0.0, direct=0, indirect=2, loaded=0, loaded_by_source=(),
        quoted_words=0, body_paragraphs=2, paragraphs_without_attribution=(),
        voice_gap=(VoiceGap("Northfield", "place", "place", 1, text.index("Northfield")),), relayed=(),
    )
    b = with_attribution(analyse(text, source="b.txt"), atts, balance)
    return compare(a, b)


def test_voices_present_in_one_and_absent_from_the_other():
    c = _attributed_pair()
    assert c.voices_only_a == ("critics", "Daily Post")
    assert c.voices_only_b == ("union leaders",)
    assert c.voices_shared == ("Minister",)
    assert [s.name for s in c.a.sources] == ["Minister", "critics", "Daily Post"]
    assert c.a.sources[0].share == pytest.approx(1 / 3)
    assert c.b.voice_gap == ("Northfield",)


def test_text_rendering(pair):
    out = render_comparison(pair, "text")
    assert out.startswith("framing compare\n  A: tabloid\n  B: wire\n")
    assert "loaded language per 100 author words" in out
    assert "Loaded in one, neutral in the other" in out
    assert "A “union barons” (dysphemism)  <->  B “general secretary”" in out
    assert "no attribution data" not in out
    flat = " ".join(out.split())  # the voices are wrapped at 88 columns
    assert "Who speaks A sources: Maeve Donnelly (person) 19%" in flat
    assert "heard only in A: " + ", ".join(pair.voices_only_a) in flat
    assert "heard only in B: " + ", ".join(pair.voices_only_b) in flat
    assert "talked about in B, never heard: " + ", ".join(pair.b.voice_gap) in flat
    assert "\x1b[" not in out
    assert "\x1b[" in render_comparison(pair, "text", colour=True)


def test_text_rendering_with_sources():
    out = render_comparison(_attributed_pair(), "text")
    assert "heard only in A: critics, Daily Post" in out
    assert "heard only in B: union leaders" in out
    assert "A sources: Minister (official) 33%" in out
    assert "talked about in B, never heard: Northfield" in out


def test_html_rendering(pair):
    page = render_comparison(pair, "html")
    tree = parse_html(page)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert [text_of(n, frozenset()) for n in tree.elements if n["tag"] == "h1"] == [
        "Framing comparison: tabloid and wire"]
    texts = [n for n in tree.elements if "text" in (n["attrs"].get("class") or "").split()]
    assert [text_of(n) for n in texts] == ([p.text for p in pair.report_a.paragraphs]
                                           + [p.text for p in pair.report_b.paragraphs])
    ids = [n["attrs"]["id"] for n in tree.elements if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))
    assert "general secretary" in page and "Loaded in one, neutral in the other" in page
    # both reports carry attribution data: a sources table and a share chart for each
    tables = [n for n in tree.elements if n["tag"] == "table" and "sources" in (n["attrs"].get("class") or "")]
    assert len(tables) == 2 and page.count("<svg viewBox") == 2
    for table, side in zip(tables, (pair.a, pair.b)):
        rows = [text_of(n, frozenset()) for n in tree.elements
                if n["tag"] == "th" and n["attrs"].get("scope") == "row" and n["parent"]["parent"]["parent"] is table]
        assert rows == [s.name for s in side.sources]
    assert "Heard only in A:" in page and "Heard in both:" in page


def test_html_rendering_with_sources():
    page = render_comparison(_attributed_pair(), "html")
    parse_html(page)
    assert "Heard only in A:" in page and "union leaders" in page
    assert page.count("<svg viewBox") == 2


def test_json_rendering(pair):
    assert json.loads(render_comparison(pair, "json")) == pair.to_dict()
    with pytest.raises(ValueError):
        render_comparison(pair, "pdf")


def test_cli_compare_on_corpus_articles():
    runner = CliRunner()
    result = runner.invoke(cli, ["compare", str(TABLOID), str(WIRE)])
    assert result.exit_code == 0, result.stderr
    assert "framing compare" in result.stdout and "general secretary" in result.stdout
    result = runner.invoke(cli, ["compare", "--format", "html", str(TABLOID), str(WIRE)])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["compare", "--format", "json", str(TABLOID), str(WIRE)])
    assert json.loads(result.stdout)["a"]["source"] == str(TABLOID)


def test_cli_compare_errors(tmp_path):
    result = CliRunner().invoke(cli, ["compare", str(TABLOID), str(tmp_path / "missing.txt")])
    assert result.exit_code == int(ExitCode.BAD_INPUT)
    assert result.stderr.startswith("framing: error:") and len(result.stderr.splitlines()) == 1
    result = CliRunner().invoke(cli, ["compare", str(TABLOID)])
    assert result.exit_code == int(ExitCode.USAGE)
