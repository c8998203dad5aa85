"""Sentence-level evaluation: the labelled-CSV reader, the scores, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from framing.evaluation import EvaluationDataError
from framing.sentence_eval import (binary_scores, default_positive, evaluate_sentences, read_labelled_csv)

CONLL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conll2010-wiki-dev.csv"


def test_binary_scores_by_hand():
    s = binary_scores([True, True, False, False, True], [True, False, True, False, True])
    assert (s.true_positive, s.false_positive, s.false_negative, s.true_negative) == (2, 1, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    empty = binary_scores([], [])
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_reads_conll_style_rows_with_bom(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes('\ufeff"-1","Some say, it is thought."\n"1","The sky, at noon, was blue."\n'.encode("utf-8"))
    rows = read_labelled_csv(path)
    assert [(r.label, r.text, r.row) for r in rows] == [
        ("-1", "Some say, it is thought.", 1), ("1", "The sky, at noon, was blue.", 2)]
    assert default_positive(rows) == "-1"


def test_reads_header_rows(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("text,label\nIt is widely believed that taxes rise.,1\nTaxes rose.,0\n", encoding="utf-8")
    rows = read_labelled_csv(path)
    assert [(r.label, r.text) for r in rows] == [("1", "It is widely believed that taxes rise."), ("0", "Taxes rose.")]
    assert default_positive(rows) == "1"


@pytest.mark.parametrize("content", ["", "\n\n", "just one column\n"])
def test_unreadable_csv_is_one_clear_error(tmp_path, content):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationDataError) as info:
        read_labelled_csv(path)
    assert str(info.value).startswith(str(path))


def test_evaluate_sentences_counts(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("label,text\n1,flag me\n0,leave me\n1,missed\n", encoding="utf-8")
    rows = read_labelled_csv(path)
    result = evaluate_sentences(rows, lambda t: t == "flag me", task="t", counted=("x",))
    assert result.scores.to_dict()["true_positive"] == 1 and result.scores.false_negative == 1
    assert result.scores.precision == 1.0 and result.scores.recall == 0.5


def test_cli_generalisation_evaluation(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(
        "label,text\n"
        "1,It is common knowledge that the mayor lied.\n"
        "0,The mayor resigned on Tuesday.\n"
        "1,The plan may possibly fail.\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--task", "generalisation", "--data", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scores"]["true_positive"] >= 1 and data["scores"]["false_positive"] == 0
    with_hedges = CliRunner().invoke(cli, ["evaluate", "--task", "generalisation", "--data", str(path),
                                           "--hedges", "--format", "json"])
    assert json.loads(with_hedges.stdout)["scores"]["true_positive"] == 2


def test_cli_missing_csv_is_bad_input(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", "--task", "generalisation", "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(not CONLL.is_file(), reason="../shared/eval is not beside this checkout")
def test_runs_on_the_conll_weasel_sentences():
    rows = read_labelled_csv(CONLL)[:200]
    from framing.sentence_eval import generalisation_predictor

    result = evaluate_sentences(rows, generalisation_predictor(True), task="generalisation", counted=("g", "h"))
    assert result.sentences == 200 and 0 <= result.scores.precision <= 1
