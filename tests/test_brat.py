"""The brat standoff reader, the attribution evaluation and `framing evaluate --task
attribution`, on synthetic data written here (and on PolNeAR dev when it is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import ExitCode, cli
from framing.attribution import Attribution
from framing.attribution_eval import (evaluate_attribution, format_attribution_evaluation, score_article,
                                      segments_overlap)
from framing.brat import parse_ann, read_ann, read_attribution_corpus
from framing.evaluation import EvaluationDataError

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev"

TEXT = 'The mayor said the bridge would reopen. "It is safe," an engineer added, "and tested."\n'
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567

ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 38\tthe bridge would reopen\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 41 52;74 85\tIt is safe, and tested.\n"
    "T6\tSource 54 65\tan engineer\n"
    "T7\tCue 66 71\tadded\n"
    "T8\tAttribution 66 71\tadded\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "T9\tDiscuss 0 9\tThe mayor\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def _attribution(source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]) -> Attribution:
    return Attribution(source=TEXT[source[0]:source[1]], source_start=source[0], source_end=source[1],
                       source_name="x", source_type="unknown", named=False, cue=TEXT[cue[0]:cue[1]],
                       cue_start=cue[0], cue_end=cue[1], cue_neutral=True, content_start=content[0],
                       content_end=content[1], direct=False, paragraph=0)


def test_synthetic_offsets_are_right():
    assert TEXT[0:9] == "The mayor" and TEXT[10:14] == "said" and TEXT[66:71] == "added"
    assert TEXT[41:52] == "It is safe," and TEXT[54:65] == "an engineer" and TEXT[74:85] == "and tested."


def test_parse_ann_spans_and_relations():
    ann = parse_ann(ANN, "x.ann", len(TEXT))
    labels = [s.label for s in ann.spans]
    assert labels.count("Source") == 2 and labels.count("Discuss") == 1
    assert len(ann.relations) == 2
    first, second = ann.relations
    assert first.type == "Attribution"
    assert first.cue.segments == ((10, 14),) and first.source.segments == ((0, 9),)
    assert second.content.segments == ((41, 52), (74, 85))  # discontinuous
    assert (second.content.start, second.content.end) == (41, 85)


def test_relation_without_source():
    ann = parse_ann("T1\tCue 0 3\tThe\nT2\tContent 4 9\tmayor\nT3\tAttribution-no-source 0 3\tThe\n"
                    "E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n")
    (relation,) = ann.relations
    assert relation.type == "Attribution-no-source" and relation.source is None
    assert relation.cue.segments == ((0, 3),)


@pytest.mark.parametrize("content,message", [
    ("T1\tSource 0 x\tThe\n", "x.ann:1: offsets '0 x' are not 'start end'"),
    ("T1\tSource 5 3\tThe\n", "x.ann:1: span 5-3 is outside the text"),
    ("T1\tSource 0 999\tThe\n", "x.ann:1: span 0-999 is outside the text (text length"),
    ("T1\tSource 0 3\tThe\nE1\tAttribution:T9 Source:T1\n", "x.ann:2: E1 names T9, which no T line defines"),
    ("T1\n", "x.ann:1: a T line needs"),
    ("E1\tAttribution\n", "x.ann:1: argument 'Attribution' is not Role:Id"),
])
def test_parse_ann_errors(content, message):
    with pytest.raises(EvaluationDataError) as err:
        parse_ann(content, "x.ann", len(TEXT))
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def _corpus(root: Path, annotators=("b2", "a1")) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "story_one.txt").write_text(TEXT, encoding="utf-8")
    for annotator in annotators:
        content = ANN if annotator == sorted(annotators)[0] else "T1\tSource 0 3\tThe\n"
        (root / "attributions" / f"story_one_{annotator}.ann").write_text(content, encoding="utf-8")
    return root


def test_corpus_uses_the_first_annotator(tmp_path):
    (article,) = read_attribution_corpus(_corpus(tmp_path / "split"))
    assert article.name == "story_one" and article.annotator == "a1"  # sorted, not file order
    assert len(article.relations) == 2
    assert read_ann(tmp_path / "split" / "attributions" / "story_one_a1.ann", TEXT).relations


@pytest.mark.parametrize("setup,message", [
    (lambda root: None, "no such directory"),
    (lambda root: root.mkdir(), "no text/ folder"),
    (lambda root: ((root / "text").mkdir(parents=True), (root / "attributions").mkdir()), "no <name>.txt files"),
    (lambda root: ((root / "text").mkdir(parents=True), (root / "attributions").mkdir(),
                   (root / "text" / "a.txt").write_text("x")), "no annotation file"),
])
def test_corpus_errors(tmp_path, setup, message):
    root = tmp_path / "split"
    setup(root)
    with pytest.raises(EvaluationDataError) as err:
        read_attribution_corpus(root)
    assert message in str(err.value)


def test_segments_overlap():
    assert segments_overlap(((0, 5),), ((4, 9),))
    assert not segments_overlap(((0, 5),), ((5, 9),))
    assert segments_overlap(((0, 2), (10, 12)), ((11, 20),))


def test_score_article_by_hand(tmp_path):
    (article,) = read_attribution_corpus(_corpus(tmp_path / "split"))
    good = _attribution((0, 9), (10, 14), (15, 38))        # matches relation 1
    wrong_source = _attribution((74, 85), (66, 71), (41, 52))  # cue right, source wrong
    result = score_article(article, [good, wrong_source])
    assert (result.cues.predicted, result.cues.gold, result.cues.true_positive_pred) == (2, 2, 2)
    assert result.sources.true_positive_pred == 1 and result.sources.recall == 0.5
    assert result.relations.precision == 0.5 and result.relations.recall == 0.5
    assert result.contents.true_positive_gold == 2  # the second content is discontinuous


def test_evaluate_attribution_runs_the_finder(tmp_path):
    corpus = read_attribution_corpus(_corpus(tmp_path / "split"))
    result = evaluate_attribution(corpus)
    assert result.articles == 1
    assert result.cues.true_positive_gold == 2 and result.cues.precision == 1.0
    assert result.relations.recall == 1.0
    text = format_attribution_evaluation(result, "split")
    assert "cues" in text and "relations" in text and text.endswith("\n")
    data = result.to_dict()
    assert data["task"] == "attribution" and data["per_article"][0]["annotator"] == "a1"


def test_cli_evaluate_attribution(tmp_path):
    root = _corpus(tmp_path / "split")
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", "--task", "attribution", "--data", str(root)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Attribution, span overlap on ")
    as_json = runner.invoke(cli, ["evaluate", "--task", "attribution", "--data", str(root), "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["data"] == str(root) and data["cues"]["f1"] == 1.0


def test_cli_evaluate_attribution_bad_input(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", "--task", "attribution", "--data", str(tmp_path / "nope")])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("framing: error: ")


@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev split not available: {POLNEAR_DEV}")
def test_polnear_dev_first_articles_score_sanely():
    corpus = read_attribution_corpus(POLNEAR_DEV, limit=10)
    assert len(corpus) == 10
    assert all(a.relations for a in corpus)
    result = evaluate_attribution(corpus)
    assert result.cues.gold > 100
    # Far above a report-verb list with "nearest capitalised words" (about 0.54 / 0.42).
    assert result.cues.precision > 0.75 and result.cues.f1 > 0.55
    assert result.sources.precision > 0.7 and result.sources.f1 > 0.5
    assert 0.0 < result.relations.f1 <= 1.0
