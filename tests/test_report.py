"""The report: frozen result types, the JSON schema framing.report/1, paragraph kinds."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

import framing
from framing.document import DocumentConfig
from framing.lexicon import parse_lexicon
from framing.loaded import LoadedConfig
from framing.readability import Readability
from framing.report import SCHEMA, AnalysisConfig, ParagraphReport, Report, Summary, analyse

LEXICON = """\
[lexicon]
name = "synthetic"
kind = "loaded_language"
description = "Words for the test-suite."
provenance = "Written for the test-suite."

[[entry]]
id = "syn.regime"
terms = ["regime"]
category = "contentious_label"
severity = "warning"
explanation = "Passes judgement on a government."
suggestion = "government"
flag = ["The regime fell."]
pass = ["The tax regime changed."]

[[entry]]
id = "syn.brutal"
terms = ["brutal"]
category = "emotive"
severity = "notice"
explanation = "Chosen for its emotional charge."
flag = ["A brutal attack."]
pass = ["Brutalism."]
"""

TEXT = (
    "Regime Under Pressure\n"
    "\n"
    "By Jane Doe, Staff Reporter\n"
    "\n"
    'The brutal regime met critics on Monday. "The regime will fall," one of them said.\n'
    "\n"
    "Click here to share this brutal regime story.\n"
    "\n"
    "Talks resume next week."
)

FINDING_KEYS = {"kind", "category", "start", "end", "text", "voice", "severity", "score", "rule",
                "explanation", "suggestion"}


@pytest.fixture(scope="module")
def config() -> AnalysisConfig:
    lex = parse_lexicon(LEXICON, "synthetic.toml")
    return AnalysisConfig(DocumentConfig.default(), LoadedConfig(lexicons=(lex,), speech_cues=("said",)))


@pytest.fixture(scope="module")
def report(config) -> Report:
    return analyse(TEXT, source="test.txt", config=config)


def test_paragraph_kinds(report):
    assert [(p.index, p.kind) for p in report.paragraphs] == [
        (0, "heading"), (1, "boilerplate"), (2, "body"), (3, "boilerplate"), (4, "body"),
    ]
    for p in report.paragraphs:
        assert TEXT[p.start:p.end] == p.text


def test_findings_by_paragraph(report):
    heading, byline, body, share, last = report.paragraphs
    assert [(f.text, f.voice) for f in heading.findings] == [("Regime", "author")]
    assert [(f.text, f.voice) for f in body.findings] == [
        ("brutal", "author"), ("regime", "author"), ("regime", "quoted"),
    ]
    assert report.findings == heading.findings + body.findings
    for f in report.findings:
        assert TEXT[f.start:f.end] == f.text


def test_boilerplate_has_no_findings_and_no_readability(report):
    for p in report.paragraphs:
        if p.kind == "boilerplate":
            assert p.findings == ()
            assert p.readability is None
            assert p.author_words == 0
            assert p.loaded_language == 0.0
            assert p.scored is False
            assert p.to_dict()["scores"]["readability"] is None


def test_headings_have_no_readability(report):
    heading = report.paragraphs[0]
    assert heading.kind == "heading"
    assert heading.readability is None
    assert heading.scored is True
    assert heading.to_dict()["scores"]["readability"] is None


def test_body_paragraphs_have_readability(report):
    body = report.paragraphs[2]
    # The brutal regime met critics on Monday (7) + The regime will fall, one of them said (8)
    assert body.readability == Readability(words=15, sentences=2, syllables=body.readability.syllables)
    assert body.readability.syllables > 15


def test_summary_excludes_boilerplate(report):
    s = report.summary
    heading, _, body, _, last = report.paragraphs
    # Regime Under Pressure (3) + body outside the quotation: The brutal regime met critics on
    # Monday (7), one of them said (4) + Talks resume next week (4)
    assert (heading.author_words, body.author_words, last.author_words) == (3, 11, 4)
    assert s.author_words == 18
    assert s.findings_author == 3
    assert s.findings_quoted == 1
    assert s.loaded_language == pytest.approx(100 * (0.8 + 0.5 + 0.8) / 18)
    assert dict(s.categories) == {"contentious_label": 2, "emotive": 1}
    assert dict(s.paragraphs) == {"body": 2, "heading": 1, "boilerplate": 2}
    # readability totals over body paragraphs only
    assert s.readability == body.readability + last.readability


def test_paragraph_score(report):
    body = report.paragraphs[2]
    assert body.loaded_language == pytest.approx(100 * (0.5 + 0.8) / 11)


@pytest.mark.parametrize(
    "make",
    [
        lambda r: r,
        lambda r: r.paragraphs[0],
        lambda r: r.summary,
        lambda r: r.findings[0],
        lambda r: r.paragraphs[2].readability,
    ],
    ids=["Report", "ParagraphReport", "Summary", "Finding", "Readability"],
)
def test_result_types_are_frozen(report, make):
    obj = make(report)
    field = dataclasses.fields(obj)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, field, None)


def test_result_collections_are_tuples(report):
    assert isinstance(report.paragraphs, tuple)
    assert all(isinstance(p.findings, tuple) for p in report.paragraphs)
    assert isinstance(report.summary.categories, tuple)


def test_report_parts_are_slotted_and_pickle():
    """Every object a report holds keeps its fields in slots (no dictionary of its own
    for the garbage collector to walk when thousands of reports are kept), and a report
    survives pickling, as multiprocessing needs, equal to the original."""
    report = analyse('Union leader Jo Reid said the "shocking" cuts would hurt. The regime fell, experts say.')
    assert report.findings and any(p.attributions for p in report.paragraphs)
    pending: list[object] = [report]
    seen = 0
    while pending:
        item = pending.pop()
        if isinstance(item, (tuple, list)):
            pending.extend(item)
        elif dataclasses.is_dataclass(item):
            assert not hasattr(item, "__dict__"), type(item).__name__
            pending.extend(getattr(item, f.name) for f in dataclasses.fields(item))
            seen += 1
    assert seen > 10
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report and copy.to_dict() == report.to_dict()


def _report_part_classes() -> list[type]:
    from framing.attribution import Attribution, Balance, Relay, SourceStats, VoiceGap
    from framing.findings import Finding, Support

    return [Report, ParagraphReport, Summary, Readability, Finding, Support, Attribution, SourceStats, Relay,
            VoiceGap, Balance]


@pytest.mark.parametrize("cls", _report_part_classes(), ids=lambda cls: cls.__name__)
def test_every_kind_of_report_part_is_a_slotted_frozen_dataclass(cls):
    assert dataclasses.is_dataclass(cls) and "__slots__" in vars(cls)
    assert cls.__dataclass_params__.frozen


def test_to_dict_schema(report):
    data = report.to_dict()
    assert list(data)[:4] == ["schema", "source", "paragraphs", "summary"]
    assert data["schema"] == SCHEMA == "framing.report/1"
    assert data["source"] == "test.txt"
    assert len(data["paragraphs"]) == 5
    for p, para in zip(data["paragraphs"], report.paragraphs):
        assert {"index", "start", "end", "kind", "findings", "scores"} <= set(p)
        assert (p["index"], p["start"], p["end"], p["kind"]) == (para.index, para.start, para.end, para.kind)
        assert p["kind"] in ("body", "heading", "boilerplate")
        assert {"loaded_language", "readability"} <= set(p["scores"])
        for f in p["findings"]:
            assert FINDING_KEYS <= set(f)
            assert TEXT[f["start"]:f["end"]] == f["text"]
            assert f["voice"] in ("author", "quoted")
    body = data["paragraphs"][2]
    assert set(body["scores"]["readability"]) >= {"flesch_reading_ease", "flesch_kincaid_grade"}
    assert body["scores"]["loaded_language"] == round(100 * 1.3 / 11, 2)
    assert body["findings"][0] == {
        **body["findings"][0],
        "kind": "loaded_language", "category": "emotive", "text": "brutal", "voice": "author",
        "severity": "notice", "score": 0.5, "rule": "syn.brutal",
        "explanation": "Chosen for its emotional charge.", "suggestion": None,
        "start": TEXT.index("brutal"), "end": TEXT.index("brutal") + 6,
    }
    assert "scores" in data["summary"]
    assert data["summary"]["scores"]["loaded_language"] == round(100 * 2.1 / 18, 2)


def test_to_json_round_trips(report):
    text = report.to_json()
    assert json.loads(text) == report.to_dict()
    assert json.loads(report.to_json(indent=None)) == report.to_dict()
    assert "\n" not in report.to_json(indent=None)


def test_to_json_keeps_unicode():
    report = analyse("Café “quotes” stay as they are.")
    assert "“quotes”" in report.to_json()


def test_source_defaults_to_none():
    assert analyse("One sentence here.").to_dict()["source"] is None


def test_analyse_is_deterministic(config):
    assert analyse(TEXT, config=config).to_dict() == analyse(TEXT, config=config).to_dict()


def test_public_api_names():
    assert framing.analyse is analyse
    assert framing.SCHEMA == SCHEMA
    assert framing.Report is Report
    assert framing.ParagraphReport is ParagraphReport
    assert framing.Summary is Summary
    with pytest.raises(AttributeError):
        framing.no_such_name  # noqa: B018


def test_sample_article_report(sample_text):
    report = analyse(sample_text, source="bajwa-iran-border.txt")
    kinds = [p.kind for p in report.paragraphs]
    assert len(kinds) == 17
    assert kinds[14] == "heading" and kinds[16] == "boilerplate"
    for p in report.paragraphs:
        if p.kind == "body":
            assert p.readability is not None and p.readability.words > 0
            assert p.to_dict()["scores"]["readability"]["flesch_reading_ease"] == round(
                p.readability.flesch_reading_ease, 1)
    assert report.paragraphs[16].findings == ()
    data = json.loads(report.to_json())
    assert data["summary"]["paragraphs"] == {"body": 15, "heading": 1, "boilerplate": 1}


def test_corpus_articles_analyse(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        report = analyse(text, source=path.name)
        assert report.paragraphs, path.name
        for f in report.findings:
            assert text[f.start:f.end] == f.text, (path.name, f)
        json.loads(report.to_json())


# --- renderers ------------------------------------------------------------------------------


def test_text_render_gives_line_and_column(config):
    from framing.render.text import render_text

    text = "Intro line here.\r\n\r\nThe   brutal\r\nregime fell."
    out = render_text(analyse(text, source="x.txt", config=config))
    lines = out.splitlines()
    assert lines[0] == "framing report: x.txt"
    assert "  3:7  notice  emotive: “brutal”" in lines
    assert "  4:1  warning  contentious label: “regime”" in lines
    assert "        neutral alternative: government" in lines
    assert "\x1b[" not in out


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_render_counts_every_kind_of_line_break(config, newline):
    from framing.render import LineIndex
    from framing.render.text import render_text

    text = newline.join(["Intro line here.", "", "The   brutal", "regime fell."])
    lines = render_text(analyse(text, source="x.txt", config=config)).splitlines()
    assert "  3:7  notice  emotive: “brutal”" in lines
    assert "  4:1  warning  contentious label: “regime”" in lines
    assert LineIndex(text).line_col(text.index("regime")) == (4, 1)


def test_text_render_marks_quoted_findings_and_boilerplate(report):
    from framing.render.text import render_text

    out = render_text(report)
    assert "(quoted: the speaker's word, not counted)" in out
    assert "site furniture: left out of every score" in out
    assert "  paragraphs: 2 body, 1 heading, 2 boilerplate" in out


def test_render_formats(report):
    from framing.render import FORMATS, render

    assert set(FORMATS) >= {"text", "json", "jsonl"}
    assert json.loads(render([report], "json")) == report.to_dict()
    assert json.loads(render([report, report], "json")) == [report.to_dict()] * 2
    lines = render([report, report], "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [report.to_dict()] * 2
    with pytest.raises(ValueError):
        render([report], "xml")


def test_article_furniture_at_the_top_is_not_body(corpus_dir):
    text = (corpus_dir / "airport-night-flights-boilerplate.txt").read_text(encoding="utf-8")
    report = analyse(text)
    assert [p.kind for p in report.paragraphs[:5]].count("body") == 0


@pytest.fixture
def collector_seen(monkeypatch) -> list[bool]:
    """Whether the cyclic garbage collector was on, recorded each time an analysis
    starts parsing."""
    import gc

    seen: list[bool] = []
    real_parse = framing.report.parse

    def parse(text, config=None):
        seen.append(gc.isenabled())
        return real_parse(text, config)

    monkeypatch.setattr(framing.report, "parse", parse)
    return seen


def test_analysis_leaves_the_garbage_collector_as_it_found_it(collector_seen, monkeypatch):
    import gc

    assert gc.isenabled()
    analyse("Officials said the talks went well.")
    assert collector_seen == [False] and gc.isenabled()  # paused during the analysis only
    gc.disable()
    try:
        analyse("Officials said the talks went well.")
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()

    def broken(text, config=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(framing.report, "parse", broken)
    with pytest.raises(RuntimeError):
        analyse("Officials said the talks went well.")
    assert gc.isenabled()


def test_analysis_in_a_thread_leaves_the_garbage_collector_alone(collector_seen):
    # The collector belongs to the whole process: with other threads running, an
    # analysis does not pause it for them.
    import gc
    import threading

    worker = threading.Thread(target=analyse, args=("Officials said the talks went well.",))
    worker.start()
    worker.join()
    assert collector_seen == [True] and gc.isenabled()


def test_author_words_of_body_paragraphs_match_a_fresh_count():
    # The report reuses readability's word count for body paragraphs: it must equal
    # counting the paragraph's words afresh.
    from framing.document import parse
    from framing.loaded import author_words

    text = ('Mr. Smith said: "We will not stay." The U.S. team left at 9 a.m.\n\n'
            "A second paragraph... with an ellipsis! And a question? Yes.\n\nShort heading")
    report = analyse(text)
    document = parse(text)
    for paragraph, scored in zip(document.paragraphs, report.paragraphs):
        assert scored.author_words == author_words(document, paragraph.start, paragraph.end)


def test_json_is_written_in_pieces_that_join_to_the_same_text():
    from framing.render import render_chunks
    from framing.render.json import json_chunks

    reports = [analyse("Officials said the talks went well. Critics slammed the brutal plan.", source="a"),
               analyse("The minister insisted the figures were right.", source="b")]
    for chosen in (reports[:1], reports):
        data = chosen[0].to_dict() if len(chosen) == 1 else [r.to_dict() for r in chosen]
        expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        assert "".join(render_chunks(chosen, "json")) == expected
        pieces = list(json_chunks(chosen, size=100))
        assert "".join(pieces) == expected and len(pieces) > 5


def test_analyse_many_gives_what_analyse_gives(monkeypatch):
    import framing.report as report_module
    from framing import analyse_many

    texts = [
        "Officials said the talks went well.\n\nCritics slammed the brutal plan, experts say.",
        "",
        "The minister insisted the figures were right. It is common knowledge that they were not.",
        "A heading\n\nBody text with \"a quotation\" and a scare 'word' here.",
        "Sign up to read more.",
    ]
    sources = [f"t{i}" for i in range(len(texts))]
    expected = [analyse(t, source=s).to_dict() for t, s in zip(texts, sources)]
    assert [r.to_dict() for r in analyse_many(texts, sources=sources)] == expected
    monkeypatch.setattr(report_module, "_BATCH_TEXTS", 2)  # several batches, one short
    assert [r.to_dict() for r in analyse_many(iter(texts), sources=iter(sources))] == expected
    no_model = AnalysisConfig.default(model=False)
    assert ([r.to_dict() for r in analyse_many(texts, config=no_model)]
            == [analyse(t, config=no_model).to_dict() for t in texts])
    assert list(analyse_many([])) == []


def test_the_default_configuration_is_built_once_per_model_setting():
    # analyse() without a config takes the shipped one; it is frozen and made of the
    # shipped defaults, so one object per value of ``model`` serves every call.
    assert AnalysisConfig.default() is AnalysisConfig.default()
    no_model = AnalysisConfig.default(model=False)
    assert no_model is AnalysisConfig.default(model=False)
    assert no_model.model is None and AnalysisConfig.default().model is not None
    assert no_model.loaded is AnalysisConfig.default().loaded


def test_summary_counts_findings_by_voice_kind_and_category():
    text = ('Critics slammed the "disastrous" plan. Officials said it was "a shameful betrayal". '
            "Everyone knows that the scheme will probably fail.")
    report = analyse(text)
    scored = [f for p in report.paragraphs if p.scored for f in p.findings]
    summary = report.summary
    author_loaded = [f for f in scored if f.voice == "author" and f.kind == "loaded_language"]
    assert summary.findings_author == len(author_loaded)
    assert summary.findings_quoted == sum(1 for f in scored if f.voice == "quoted" and f.kind == "loaded_language")
    assert summary.hedges == sum(1 for f in scored if f.voice == "author" and f.kind == "hedge")
    assert summary.generalisations == sum(1 for f in scored if f.voice == "author" and f.kind == "generalisation")
    assert dict(summary.categories) == {c: sum(1 for f in author_loaded if f.category == c)
                                        for c in {f.category for f in author_loaded}}
    assert summary.findings_author and summary.findings_quoted
