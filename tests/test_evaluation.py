"""Tests of framing.evaluation and `framing evaluate`, on a tiny PTC-style folder
written here (and, when it is present, a smoke test on the shared PTC training split)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import ExitCode, cli
from framing.evaluation import (
    AnnotatedArticle,
    EvaluationDataError,
    GoldSpan,
    Scores,
    aggregate_scores,
    evaluate_loaded_ptc,
    format_evaluation,
    read_ptc,
    span_overlap_prf,
)
from framing.lexicon import parse_lexicon
from framing.loaded import LoadedConfig
from framing.report import AnalysisConfig

PTC_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ptc-train"

# A made-up article with Windows line ends, so offsets after the first line differ by
# one per line from a newline-translated reading.
ARTICLE = (
    "Council votes on the budget\r\n"
    "\r\n"
    "The mayor slammed the plan as a disgrace.\r\n"
    "Officials said the vote was close.\r\n"
    "Critics called the councillors thugs.\r\n"
)
PHRASES = {  # label -> the phrase it marks
    "Loaded_Language": "slammed",
    "Name_Calling,Labeling": "thugs",
    "Doubt": "said the vote was close",
}


def _span(phrase: str) -> tuple[int, int]:
    start = ARTICLE.index(phrase)
    return start, start + len(phrase)


def _write_ptc(root: Path, article_id: str = "123", text: str = ARTICLE, labels: dict[str, str] = PHRASES) -> Path:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "labels").mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"article{article_id}.txt").write_bytes(text.encode("utf-8"))
    lines = []
    for label, phrase in labels.items():
        start = text.index(phrase)
        lines.append(f"{article_id}\t{label}\t{start}\t{start + len(phrase)}\n")
    (root / "labels" / f"article{article_id}.task-flc-tc.labels").write_bytes("".join(lines).encode("utf-8"))
    return root


TEST_LEXICON = '''
[lexicon]
name = "test-loaded"
kind = "loaded_language"
description = "Test entries."
provenance = "Written for this test."
version = 1

[[entry]]
id = "test.emotive.slammed"
terms = ["slammed"]
category = "emotive"
severity = "notice"
explanation = "Test."
flag = ["She slammed it."]
pass = ["She criticised it."]

[[entry]]
id = "test.emotive.disgrace"
terms = ["disgrace"]
category = "emotive"
severity = "notice"
explanation = "Test."
flag = ["A disgrace."]

[[entry]]
id = "test.label.officials"
terms = ["officials"]
category = "contentious_label"
severity = "notice"
explanation = "Test."
flag = ["Officials met."]
pass = ["They met."]
'''


def _test_config() -> AnalysisConfig:
    default = AnalysisConfig.default()
    loaded = LoadedConfig((parse_lexicon(TEST_LEXICON, "test-loaded.toml"),), default.loaded.speech_cues)
    return AnalysisConfig(default.document, loaded, default.syllables)


# --- read_ptc ---------------------------------------------------------------------------

def test_read_ptc_offsets_round_trip_and_crlf_kept(tmp_path: Path) -> None:
    articles = read_ptc(_write_ptc(tmp_path))
    assert len(articles) == 1
    article = articles[0]
    assert article.id == "123"
    assert article.text == ARTICLE  # "\r\n" not translated
    assert "\r\n" in article.text
    assert {s.label for s in article.spans} == set(PHRASES)
    for span in article.spans:
        assert article.text[span.start:span.end] == PHRASES[span.label]


def test_read_ptc_keeps_byte_order_mark_as_a_character(tmp_path: Path) -> None:
    text = "\ufeffHeadline\n\nA shocking day."
    _write_ptc(tmp_path, "7", text, {"Loaded_Language": "shocking"})
    article = read_ptc(tmp_path)[0]
    span = article.spans[0]
    assert article.text == text
    assert article.text[span.start:span.end] == "shocking"


def test_read_ptc_sorts_ids_and_accepts_empty_labels_file(tmp_path: Path) -> None:
    _write_ptc(tmp_path, "20")
    _write_ptc(tmp_path, "3", "Nothing here.", {})
    articles = read_ptc(tmp_path)
    assert [a.id for a in articles] == ["3", "20"]
    assert articles[0].spans == ()


def test_gold_selects_labels_and_merges_duplicates() -> None:
    article = AnnotatedArticle("1", "abcdef", (
        GoldSpan("Loaded_Language", 0, 2), GoldSpan("Name_Calling,Labeling", 0, 2),
        GoldSpan("Doubt", 3, 5), GoldSpan("Loaded_Language", 4, 6),
    ))
    assert article.gold(("Loaded_Language", "Name_Calling,Labeling")) == ((0, 2), (4, 6))
    assert article.gold("Doubt") == ((3, 5),)


@pytest.mark.parametrize("setup, message", [
    (lambda root: None, "no such directory"),
    (lambda root: (root / "articles").mkdir(parents=True), "no article<ID>.txt files"),
    (lambda root: (root / "articles").mkdir(parents=True) or (root / "articles" / "article1.txt").write_text("x"),
     "labels file missing"),
])
def test_read_ptc_bad_folders(tmp_path: Path, setup, message: str) -> None:
    root = tmp_path / "data"
    setup(root)
    with pytest.raises(EvaluationDataError, match=message):
        read_ptc(root)


@pytest.mark.parametrize("line, message", [
    ("123\tLoaded_Language\t5\n", "expected 4"),
    ("123\tLoaded_Language\tfive\t9\n", "whole numbers"),
    ("123\tLoaded_Language\t5\t99999\n", "outside the article"),
    ("999\tLoaded_Language\t5\t9\n", "not '123'"),
])
def test_read_ptc_bad_label_lines(tmp_path: Path, line: str, message: str) -> None:
    _write_ptc(tmp_path)
    (tmp_path / "labels" / "article123.task-flc-tc.labels").write_text(line, encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=message):
        read_ptc(tmp_path)


def test_read_ptc_refuses_non_utf8(tmp_path: Path) -> None:
    _write_ptc(tmp_path)
    (tmp_path / "articles" / "article123.txt").write_bytes(b"caf\xe9")
    with pytest.raises(EvaluationDataError, match="not UTF-8"):
        read_ptc(tmp_path)


# --- span_overlap_prf -------------------------------------------------------------------

def test_span_overlap_prf_hand_computed() -> None:
    predicted = [(0, 5), (10, 12), (20, 25), (40, 41)]
    gold = [(3, 8), (11, 30), (50, 60)]
    # (0,5) hits (3,8); (10,12) and (20,25) hit (11,30); (40,41) misses.
    # Gold (3,8) and (11,30) are found; (50,60) is not.
    s = span_overlap_prf(predicted, gold)
    assert (s.predicted, s.gold, s.true_positive_pred, s.true_positive_gold) == (4, 3, 3, 2)
    assert s.precision == pytest.approx(3 / 4)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_span_overlap_touching_spans_do_not_overlap() -> None:
    s = span_overlap_prf([(0, 5)], [(5, 9)])
    assert (s.true_positive_pred, s.true_positive_gold) == (0, 0)
    assert s.f1 == 0.0


@pytest.mark.parametrize("predicted, gold, expected", [
    ([], [], (0.0, 0.0, 0.0)),
    ([], [(1, 2)], (0.0, 0.0, 0.0)),
    ([(1, 2)], [], (0.0, 0.0, 0.0)),
    ([(1, 2)], [(0, 3)], (1.0, 1.0, 1.0)),
])
def test_span_overlap_empty_inputs(predicted, gold, expected) -> None:
    s = span_overlap_prf(predicted, gold)
    assert (s.precision, s.recall, s.f1) == expected


def test_aggregate_is_micro() -> None:
    a = span_overlap_prf([(0, 1)], [(0, 1)])  # 1/1, 1/1
    b = span_overlap_prf([(0, 1), (5, 6), (8, 9)], [(20, 30)])  # 0/3, 0/1
    total = aggregate_scores([a, b])
    assert (total.predicted, total.gold, total.true_positive_pred, total.true_positive_gold) == (4, 2, 1, 1)
    assert total.precision == pytest.approx(0.25)
    assert total.recall == pytest.approx(0.5)
    assert aggregate_scores([]) == Scores.from_counts(0, 0, 0, 0)


# --- evaluate_loaded_ptc ---------------------------------------------------------------

def test_evaluate_loaded_with_a_known_lexicon(tmp_path: Path) -> None:
    articles = read_ptc(_write_ptc(tmp_path))
    result = evaluate_loaded_ptc(articles, config=_test_config())
    # Predictions: slammed (gold), disgrace (no gold), Officials (no gold).
    # Gold: slammed, thugs; Doubt is not one of the default labels.
    s = result.scores
    assert (s.predicted, s.gold, s.true_positive_pred, s.true_positive_gold) == (3, 2, 1, 1)
    assert s.precision == pytest.approx(1 / 3)
    assert s.recall == pytest.approx(1 / 2)
    categories = {c.category: (c.predicted, c.true_positive) for c in result.categories}
    assert categories == {"emotive": (2, 1), "contentious_label": (1, 0)}
    assert [(g.label, g.gold, g.found) for g in result.gold_labels] == [
        ("Loaded_Language", 1, 1), ("Name_Calling,Labeling", 1, 0)]
    hits = {o.finding.text: o.true_positive for o in result.outcomes}
    assert hits == {"slammed": True, "disgrace": False, "Officials": False}
    data = json.loads(json.dumps(result.to_dict()))
    assert data["scores"]["predicted"] == 3
    assert "precision" in format_evaluation(result)


def test_evaluate_loaded_other_labels_and_voice(tmp_path: Path) -> None:
    text = 'Headline\n\nThe critics said "officials slammed us" today.\n'
    _write_ptc(tmp_path, "1", text, {"Loaded_Language": "slammed"})
    articles = read_ptc(tmp_path)
    everything = evaluate_loaded_ptc(articles, config=_test_config())
    author = evaluate_loaded_ptc(articles, voice="author", config=_test_config())
    assert everything.scores.predicted == 2  # both hits are quoted
    assert author.scores.predicted == 0
    doubt = evaluate_loaded_ptc(articles, labels=["Doubt"], config=_test_config())
    assert doubt.scores.gold == 0
    with pytest.raises(ValueError):
        evaluate_loaded_ptc(articles, voice="nobody", config=_test_config())


# --- the CLI ----------------------------------------------------------------------------

def test_cli_evaluate_text_and_json(tmp_path: Path) -> None:
    _write_ptc(tmp_path / "data")
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", "--task", "loaded", "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "recall" in result.output and "F1" in result.output
    result = runner.invoke(cli, ["evaluate", "--data", str(tmp_path / "data"), "--format", "json",
                                 "--labels", "Loaded_Language", "--voice", "author"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["labels"] == ["Loaded_Language"]
    assert data["voice"] == "author"
    assert data["scores"]["gold"] == 1
    assert 0.0 <= data["scores"]["precision"] <= 1.0


def test_cli_evaluate_bad_data(tmp_path: Path) -> None:
    runner = CliRunner()
    for folder in (tmp_path / "missing", tmp_path):
        result = runner.invoke(cli, ["evaluate", "--task", "loaded", "--data", str(folder)])
        assert result.exit_code == ExitCode.BAD_INPUT
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("framing: error:")


# --- the shared PTC split, when it is there -----------------------------------------------

@pytest.mark.skipif(not PTC_TRAIN.is_dir(), reason="shared PTC evaluation data not present")
def test_evaluation_runs_on_ptc_train() -> None:
    articles = read_ptc(PTC_TRAIN)[:20]
    for article in articles:
        for span in article.spans:
            assert 0 <= span.start <= span.end <= len(article.text)
    result = evaluate_loaded_ptc(articles)
    s = result.scores
    assert result.articles == 20
    assert s.gold > 0
    for figure in (s.precision, s.recall, s.f1):
        assert 0.0 <= figure <= 1.0
    assert sum(c.predicted for c in result.categories) == s.predicted
