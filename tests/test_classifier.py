"""The sentence classifier: analyzers, the plain-data model file, the numpy predictor
against the scikit-learn pipeline, the shipped default model (rebuilt and compared),
explanations, and the ``framing train`` / ``framing evaluate --task bias`` commands."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from cli import cli
from framing.classifier import (LEXICON_FEATURES, SCHEMA, SUBJECTIVITY_FEATURES, VOICE_FEATURES, BiasModel,
                                ModelError, SubjectivityLexiconError, char_ngrams, default_model_path, load_model,
                                model_from_dict, normalise, save_model, sentence_lexicon_counts,
                                sentence_subjectivity_counts, subjectivity_lexicon, word_ngrams)
from framing.corpus import (LabelledText, corpus_examples, default_corpus_files, ptc_sentences, read_examples,
                            read_sentence_corpus, roc_auc)
from framing.document import parse
from framing.evaluation import EvaluationDataError, read_ptc

ROOT = Path(__file__).resolve().parents[1]

LOADED = [
    "Residents slammed the council's decision.",
    "The regime in the capital announced new curfews.",
    "Rents skyrocketed last year.",
    "Ministers and their cronies met donors at the gala.",
]
NEUTRAL = [
    "Residents criticised the council's decision.",
    "The government in the capital announced new curfews.",
    "Rents rose 14 per cent last year, according to the city's housing index.",
    '"These people are animals," said the victim\'s brother.',
    "A brutal winter storm closed schools across the northern valleys.",
]


@pytest.fixture(scope="module")
def corpus() -> list[LabelledText]:
    return [e for f in default_corpus_files(ROOT / "corpora") for e in corpus_examples(read_sentence_corpus(f))]


@pytest.fixture(scope="module")
def small_fit(corpus):
    """A classifier trained on a slice of the corpus (fast), and sentences it never saw."""
    from framing.training import BiasClassifier, training_set

    train_part, test_part = corpus[::8], corpus[3::40]
    training = training_set(train_part)
    clf = BiasClassifier().fit([e.text for e in training], [e.label for e in training])
    return clf, [e.text for e in test_part] + LOADED + NEUTRAL


# --- analyzers -----------------------------------------------------------------------------


def test_char_ngrams_are_scikit_learns_char_wb():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    for text in LOADED + NEUTRAL + ["a  b\tc\n d", "", "I", "Élan vital — naïve café’s 2024 £12m"]:
        assert char_ngrams(text) == analyse(normalise(text))
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False).build_analyzer()
    assert char_ngrams(LOADED[0], 3, 5) == analyse(normalise(LOADED[0]))


def test_normalise_turns_every_decimal_digit_into_zero():
    import re

    digits = "".join(chr(c) for c in range(0x110000) if re.match(r"\d", chr(c)))
    straight = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "—": "-", "–": "-"})
    for text in ["Plain 2024 text", "“Élan” — £12m, ١٢٣ and ５", digits, "AB’C"]:
        assert normalise(text) == re.sub(r"\d", "0", text.translate(straight).lower())


def test_word_ngrams():
    assert word_ngrams("The U.S. council’s cross-border plan, 2024.") == [
        "the", "u.s.", "council's", "cross-border", "plan", "0000",
        "the u.s.", "u.s. council's", "council's cross-border", "cross-border plan", "plan 0000"]


def test_lexicon_counts_of_a_batch_equal_counts_sentence_by_sentence(corpus):
    sample = [e.text for e in corpus[::97]] + LOADED + NEUTRAL + ['He said "it is open', '"and this" too.']
    # A quotation open at one sentence's end that the next one closes (carried on), and
    # a sentence that a post's signature line follows: each sentence is its own text.
    sample += ['"We will win.', 'These thugs cannot stop us," she said.', "so very sad",
               "— Jane Doe (@janedoe) May 1, 2020"]
    batch = sentence_lexicon_counts(sample)
    alone = np.vstack([sentence_lexicon_counts([s]) for s in sample])
    assert batch.shape == (len(sample), len(LEXICON_FEATURES))
    assert np.array_equal(batch, alone)
    row = sentence_lexicon_counts(["Residents slammed the council's decision."])[0]
    assert row[LEXICON_FEATURES.index("loaded:emotive")] == 1


# --- the numpy predictor is the scikit-learn pipeline --------------------------------------


def test_numpy_predictor_reproduces_the_pipeline(small_fit, tmp_path):
    clf, texts = small_fit
    expected = clf.predict_proba(texts)[:, 1]
    model = load_model(save_model(clf.to_model(), tmp_path / "m.json"))
    assert np.max(np.abs(np.array(model.predict_proba(texts)) - expected)) < 1e-9
    assert np.max(np.abs(model.decision_function(texts) - clf.decision_function(texts))) < 1e-9


def test_pipeline_shape_and_conventions(small_fit):
    from sklearn.base import clone

    from framing.training import BiasClassifier

    clf, _ = small_fit
    assert set(clf.get_params()) >= {"C", "min_df", "char_range", "lexicon_scale", "subjectivity_scale",
                                      "nonnegative", "prune"}
    fresh = clone(clf)
    assert not hasattr(fresh, "pipeline_") and fresh.get_params() == clf.get_params()
    steps = [name for name, _ in clf.pipeline_.steps]
    assert steps == ["features", "model"]
    groups = [name for name, _ in clf.pipeline_.named_steps["features"].transformer_list]
    assert groups == ["word", "char", "subjectivity", "lexicon"]
    assert LEXICON_FEATURES[-len(VOICE_FEATURES):] == VOICE_FEATURES
    coef = clf.pipeline_.named_steps["model"].coef_[0]
    # n-grams, subjective words, loaded words, hedges and generalisations only ever point
    # toward "loaded"; only whose voice the words are in may lower the probability
    assert (coef[:-len(VOICE_FEATURES)] >= 0).all()
    assert isinstance(BiasClassifier().fit(["a b", "c d", "slammed e", "fury f"], [0, 0, 1, 1]), BiasClassifier)


def test_training_is_deterministic_and_order_free(corpus):
    from framing.training import train

    part = corpus[:300]
    a = train(part).to_dict()
    b = train(list(reversed(part))).to_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_masked_negatives_cut_the_marked_words():
    from framing.training import masked_negatives, training_set

    e = LabelledText("Ministers rammed the bill through in a shameful vote.", True, "x1", ((10, 16), (39, 47)))
    (masked,) = masked_negatives([e])
    assert masked.text == "Ministers the bill through in a vote." and masked.label is False
    assert masked_negatives([LabelledText("Plain.", False, "x2")]) == []
    assert len(training_set([e], augment=False)) == 1 and len(training_set([e])) == 2


# --- the shipped default model ------------------------------------------------------------


def test_default_model_ships_small_and_plain():
    path = default_model_path()
    assert path.name == "bias-default.json" and path.is_file()
    assert path.stat().st_size < 2_000_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and data["sklearn_version"] and data["framing_version"]
    model = BiasModel.default()
    assert model.threshold == 0.5
    assert all(p >= 0.5 for p in model.predict_proba(LOADED)), model.predict_proba(LOADED)
    assert all(p < 0.5 for p in model.predict_proba(NEUTRAL)), model.predict_proba(NEUTRAL)
    assert model.predict(LOADED + NEUTRAL) == [True] * len(LOADED) + [False] * len(NEUTRAL)
    assert model.predict_proba([]) == []


def test_default_model_is_rebuilt_from_the_corpus(corpus):
    """Retrain from corpora/ exactly as `framing train` does and compare with the
    shipped file. If this fails after a change to the corpus, the lexicons or the
    features, rebuild the model:

        framing train --data corpora/sentences/part-a.jsonl corpora/sentences/part-b.jsonl \\
            --out models/bias-default.json
    """
    from framing.training import train

    shipped = load_model()
    rebuilt = train(corpus, threshold=shipped.threshold)
    sample = [e.text for e in corpus[::23]] + LOADED + NEUTRAL
    difference = np.abs(np.array(rebuilt.predict_proba(sample)) - np.array(shipped.predict_proba(sample)))
    assert difference.max() < 1e-6, "the shipped model is stale: " + test_default_model_is_rebuilt_from_the_corpus.__doc__
    assert rebuilt.word.terms == shipped.word.terms and rebuilt.char.terms == shipped.char.terms


def test_prediction_needs_no_scikit_learn(tmp_path):
    code = ("import sys, framing.classifier as c\n"
            "m = c.load_model()\n"
            "print(round(m.predict_proba(['Residents slammed the decision.'])[0], 3), m.explain('Rents soared.')[:1])\n"
            "print('sklearn' in sys.modules, 'textblob' in sys.modules, 'nltk' in sys.modules)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False False False"


def test_predict_document_uses_the_reports_findings():
    from framing.classifier import document_findings

    model = load_model()
    text = "\n\n".join(LOADED + NEUTRAL)
    document = parse(text)
    probabilities = model.predict_document(document, document_findings(document))
    assert len(probabilities) == len(document.sentences)
    assert np.allclose(probabilities, model.predict_proba(LOADED + NEUTRAL), atol=1e-12)
    assert model.predict_document(parse("")) == []


def test_scoring_in_slices_gives_the_same_probabilities(monkeypatch):
    # A long document is scored a slice of sentences at a time to bound memory; the
    # figures must not depend on the slicing.
    import framing.classifier as classifier

    model = load_model()
    sentences = (LOADED + NEUTRAL) * 3
    whole = model.predict_proba(sentences)
    monkeypatch.setattr(classifier, "_SCORE_CHUNK", 4)
    assert model.predict_proba(sentences) == whole


ODD_SENTENCES = [
    "U.S.-based firms’ “plans” — 14 per cent (and/or) rose 3.5%.",
    "٠٣ people and ० more",  # Arabic-Indic and Devanagari digits
    "İstanbul's mayor",  # lower() makes two characters of the first
    "ΟΔΟΣ ΑΘΗΝΑΣ",  # capital sigmas, one final
    "",
    "   ",
    "-- — --",
    "it's the council's 'so-called' plan, isn't it?",
    "Residents met a",
    "callous neighbour",  # the bigram "a callous" must not join two sentences
]


def _reference_score(model: BiasModel, sentence: str) -> float:
    """The linear score of one sentence, term by term from the public analyzers."""
    import math
    from collections import Counter

    from framing.classifier import lexicon_transform

    score = model.intercept
    for block, grams in ((model.word, word_ngrams(sentence)), (model.char, char_ngrams(sentence))):
        counts = Counter(g for g in grams if g in block.index)
        values = {block.index[g]: (1 + math.log(c)) * block.idf[block.index[g]] for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        if norm:
            score += sum(v * block.coef[i] for i, v in values.items()) / norm
    score += lexicon_transform(sentence_lexicon_counts([sentence]))[0] @ model.lexicon_coef
    score += lexicon_transform(sentence_subjectivity_counts([sentence]))[0] @ model.subjectivity_coef
    return score


def test_batched_scores_equal_scores_term_by_term():
    # The predictor gathers the terms of a whole batch at once (word tokens per
    # white-space token, bigrams by token pairs, one tf-idf pass); each sentence's score
    # must be what its own terms give.
    model = load_model()
    sentences = LOADED + NEUTRAL + ODD_SENTENCES
    expected = [_reference_score(model, s) for s in sentences]
    assert np.allclose(model.decision_function(sentences), expected, rtol=0, atol=1e-9)
    assert np.allclose(model.decision_function(sentences[::-1]), expected[::-1], rtol=0, atol=1e-9)


def test_normalised_spans_are_the_spans_normalised():
    from framing.classifier import normalised_spans

    texts = [" ".join(LOADED + NEUTRAL), *ODD_SENTENCES, "“No,” said ΟΔΟΣ’ owner: 2٣."]
    for text in texts:
        spans = [(a, b) for a in range(0, len(text) + 1, 3) for b in range(a, len(text) + 1, 5)]
        assert normalised_spans(text, spans) == [normalise(text[a:b]) for a, b in spans]


def test_quotation_feature_asks_quotes_in_only_where_needed():
    from framing.classifier import _quoted_spans

    text = ('He said "it was \u201cnot\u201d fine" and left. "Quite." Then: \u201cWe\n\nwill go on,\u201d she added. '
            'No quotes here. "Open to the end').encode().decode("unicode_escape")
    document = parse(text)
    assert document.quotes
    spans = [(s.start, s.end) for s in document.sentences]
    spans += [(a, a + width) for width in (1, 7, 30) for a in range(0, len(text), 4)]
    assert _quoted_spans(document, spans) == [i for i, (a, b) in enumerate(spans) if document.quotes_in(a, b)]
    assert _quoted_spans(parse("No quotes at all."), [(0, 5)]) == []


def test_the_token_terms_kept_are_bounded(monkeypatch):
    import framing.classifier as classifier

    sentences = LOADED + NEUTRAL + ODD_SENTENCES
    expected = load_model().predict_proba(sentences)
    monkeypatch.setattr(classifier, "_TOKEN_TERMS_KEPT", 5)
    model = load_model()
    assert model.predict_proba(sentences) == expected
    assert model.predict_proba(sentences) == expected
    assert len(model._token_terms) == 5


# --- the subjectivity lexicon --------------------------------------------------------------


def test_subjectivity_lexicon_is_read_from_the_installed_package():
    lexicon = subjectivity_lexicon()
    assert lexicon.path.replace("\\", "/").endswith("textblob/en/en-sentiment.xml")
    assert lexicon.version and len(lexicon.words) > 1000
    polarity, subjectivity = lexicon.words["horrible"]
    assert polarity < -0.5 and subjectivity > 0.5
    assert "horrible" in lexicon.index and "council" not in lexicon.index
    counts = sentence_subjectivity_counts(["A horrible, disgraceful and wonderful plan.", "The council met.", ""])
    assert counts.shape == (3, len(SUBJECTIVITY_FEATURES))
    subjective, polar, negative, positive = counts[0]
    assert subjective > 1.5 and polar >= 2 and negative >= 1 and positive >= 1
    assert not counts[1].any() and not counts[2].any()


def test_a_missing_subjectivity_lexicon_is_one_clear_line(tmp_path, monkeypatch):
    import framing.classifier as c

    monkeypatch.setattr(c, "SUBJECTIVITY_PACKAGE", "no_such_package_here")
    with pytest.raises(SubjectivityLexiconError, match="not installed; install framing's dependencies"):
        c.subjectivity_lexicon_path()
    (tmp_path / "bad.xml").write_text("<sentiment><word form='x'", encoding="utf-8")
    with pytest.raises(SubjectivityLexiconError, match="cannot read the subjectivity lexicon"):
        c.subjectivity_lexicon(str(tmp_path / "bad.xml"))


def test_explain_names_subjective_words():
    model = load_model()
    assert all(w >= 0 for w in model.subjectivity_coef)
    terms = dict(model.explain("The minister gave a ridiculous, pathetic answer.", k=20))
    assert any(t.startswith("subjective words (subjectivity lexicon): ") and "pathetic" in t for t in terms)


# --- model files from elsewhere -----------------------------------------------------------


def test_a_model_from_another_scikit_learn_version_loads(tmp_path):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    data["sklearn_version"] = "0.24.2"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    model = load_model(path)
    assert model.sklearn_version == "0.24.2"
    assert model.predict_proba(LOADED + NEUTRAL) == load_model().predict_proba(LOADED + NEUTRAL)


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(schema="framing.bias-model/3"), "model schema 'framing.bias-model/3'"),
    (lambda d: d.update(schema="framing.bias-model/1"), "retrain it with 'framing train'"),
    (lambda d: d["subjectivity"].update(features="framing.subjectivity/0"), "subjectivity features"),
    (lambda d: d["subjectivity"].update(coef=[1.0]), "4 subjectivity features but 1 weights"),
    (lambda d: d["word"].update(analyzer="sklearn.word/9"), "retrain the model"),
    (lambda d: d["lexicon"].update(names=d["lexicon"]["names"][:-1] + ["sentiment"]), "unknown lexicon features"),
    (lambda d: d.pop("intercept"), "malformed model file"),
    (lambda d: d.update(threshold=1.5), "threshold"),
])
def test_an_incompatible_model_fails_with_a_clear_message(tmp_path, change, message):
    data = json.loads(default_model_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_model(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_unreadable_model_files(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "missing.json")
    (tmp_path / "pickle.json").write_bytes(b"\x80\x04\x95 not json")
    with pytest.raises(ModelError, match="not a framing model"):
        load_model(tmp_path / "pickle.json")
    with pytest.raises(ModelError, match="no 'schema' key"):
        model_from_dict([1, 2, 3])


# --- explanations -------------------------------------------------------------------------


def test_explain_names_the_words_that_pushed():
    model = load_model()
    terms = model.explain("Residents slammed the council's decision.")
    assert 1 <= len(terms) <= 5
    assert any("slammed" in term and weight > 0 for term, weight in terms[:2])
    assert all(isinstance(t, str) and isinstance(w, float) for t, w in terms)
    assert [abs(w) for _, w in terms] == sorted((abs(w) for _, w in terms), reverse=True)
    quoted = dict(model.explain('"These people are animals," said the victim\'s brother.', k=10))
    assert any("inside a quotation" in term and weight < 0 for term, weight in quoted.items())
    assert len(model.explain("Rents skyrocketed last year.", k=2)) == 2
    assert model.explain("") == []


# --- readers ------------------------------------------------------------------------------


def test_corpus_reader_checks_the_guides_invariants(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a1", "text": "Rents soared.", "loaded": true, "loaded_spans": [[6, 12]]}\n'
                    '{"id": "a2", "text": "Rents rose.", "loaded": true, "loaded_spans": []}\n', encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=r"c\.jsonl:2: 'loaded' is true but loaded_spans is empty"):
        read_sentence_corpus(path)
    path.write_text('{"id": "a1", "text": "x", "loaded": false}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=r"c\.jsonl:2: not valid JSON"):
        read_sentence_corpus(path)
    rows = corpus_examples(read_sentence_corpus(default_corpus_files(ROOT / "corpora")[0]))
    assert rows[0].group == rows[1].group  # a0001 and a0002 are a minimal pair


def test_csv_examples_follow_read_labelled_csv(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text('"-1","It is said to work."\n"1","It works."\n', encoding="utf-8")
    assert [e.label for e in read_examples([path])] == [True, False]
    path.write_text("sentence,label\nThey slammed it.,1\nThey said it.,0\n", encoding="utf-8")
    assert [(e.text, e.label) for e in read_examples([path])] == [("They slammed it.", True), ("They said it.", False)]


def _ptc(tmp_path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    text = "Title here\n\nThe thugs stormed the shop.\nThe police said three men entered.\n"
    (tmp_path / "articles" / "article1.txt").write_text(text, encoding="utf-8")
    start = text.index("thugs")
    (tmp_path / "labels" / "article1.task-flc-tc.labels").write_text(
        f"1\tName_Calling,Labeling\t{start}\t{start + 5}\n", encoding="utf-8")
    return tmp_path


def test_ptc_sentences(tmp_path):
    rows = ptc_sentences(read_ptc(_ptc(tmp_path)))
    assert [(r.text, r.label) for r in rows] == [
        ("Title here", False), ("The thugs stormed the shop.", True), ("The police said three men entered.", False)]
    assert [r.label for r in ptc_sentences(read_ptc(tmp_path), ("Doubt",))] == [False, False, False]


def test_roc_auc():
    assert roc_auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    assert roc_auc([0.5], [True]) is None


# --- the commands -------------------------------------------------------------------------


def _user_csv(path: Path, corpus) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for e in corpus[::12]:
            writer.writerow([e.text, int(e.label)])
    return path


def test_train_on_a_users_csv_then_evaluate(tmp_path, corpus):
    data = _user_csv(tmp_path / "mine.csv", corpus)
    out = tmp_path / "mine.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["train", "--data", str(data), "--out", str(out), "--folds", "3"])
    assert result.exit_code == 0, result.output
    assert "3-fold cross-validation" in result.stdout and "macro-F1" in result.stdout
    assert "precision" in result.stdout and result.stderr == ""
    model = load_model(out)
    assert model.metadata["training_data"]["sentences"] == len(corpus[::12])
    assert model.predict_proba(["Residents slammed the council's decision."])[0] > 0.5

    result = runner.invoke(cli, ["evaluate", "--task", "bias", "--data", str(data), "--model", str(out)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout and "gold positive" in result.stdout and "macro-F1" in result.stdout
    result = runner.invoke(cli, ["evaluate", "--task", "bias", "--data", str(data), "--format", "json"])
    report = json.loads(result.stdout)
    assert report["task"] == "bias" and report["model"] == "default" and report["positive_label"] == "1"
    assert {"precision", "recall", "f1", "macro_f1", "roc_auc", "true_positive"} <= set(report["scores"])


def test_train_json_output_and_several_files(tmp_path, corpus):
    data = _user_csv(tmp_path / "a.csv", corpus)
    result = CliRunner().invoke(cli, ["train", "--data", str(data), str(data), "--out", str(tmp_path / "m.json"),
                                      "--folds", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["cross_validation"] is None and info["sentences"] == 2 * len(corpus[::12]) and info["bytes"] > 0


def test_train_and_evaluate_errors(tmp_path):
    runner = CliRunner()
    one_class = tmp_path / "one.csv"
    one_class.write_text("text,label\nA.,0\nB.,0\n", encoding="utf-8")
    result = runner.invoke(cli, ["train", "--data", str(one_class), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 3 and "both positive and negative" in result.stderr
    result = runner.invoke(cli, ["train", "--data", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 3 and result.stderr.startswith("framing: error:")
    result = runner.invoke(cli, ["train", "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "framing.bias-model/0"}', encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", "--task", "bias", "--data", str(one_class), "--model", str(bad)])
    assert result.exit_code == 3 and "retrain it with 'framing train'" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_evaluate_loaded_sentence_on_a_ptc_folder(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", "--task", "loaded-sentence", "--data", str(_ptc(tmp_path)),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["task"] == "loaded-sentence" and report["sentences"] == 3
    assert report["scores"]["true_positive"] + report["scores"]["false_negative"] == 1


def test_near_duplicate_check_reports_the_figure():
    result = subprocess.run([sys.executable, str(ROOT / "corpora" / "check_duplicates.py"), "--show", "0"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "undeclared near-duplicate pairs:" in result.stdout and "per cent" in result.stdout


def test_train_on_a_users_csv_then_report_with_that_model(tmp_path):
    """End to end: `framing train` on a user's CSV, then `framing report --model`."""
    import json as _json

    from click.testing import CliRunner

    from cli import cli

    rows = ["text,label"]
    loaded = ["The thugs trashed the shop in a sickening rampage.", "The minister slammed the outrageous plan.",
              "Greedy bosses pocketed a whopping bonus.", "The spineless council caved in to the mob.",
              "Vile yobs wrecked the park again.", "The regime's cronies looted the treasury."]
    neutral = ["Three men damaged the shop on Tuesday.", "The minister criticised the plan.",
               "Executives received a bonus of 2 per cent.", "The council changed its decision after protests.",
               "Young people damaged benches in the park.", "Officials moved funds from the treasury."]
    for i in range(4):
        rows += [f'"{t} ({i})",1' for t in loaded] + [f'"{t} ({i})",0' for t in neutral]
    data = tmp_path / "mine.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "mine.json"
    runner = CliRunner()
    trained = runner.invoke(cli, ["train", "--data", str(data), "--out", str(model)])
    assert trained.exit_code == 0, trained.stderr
    assert model.is_file()
    article = tmp_path / "a.txt"
    article.write_text("The thugs trashed the park in a sickening rampage.\n\nThe council met on Tuesday.\n",
                       encoding="utf-8")
    result = runner.invoke(cli, ["report", "--format", "json", "--model", str(model), str(article)])
    assert result.exit_code == 0, result.stderr
    report = _json.loads(result.stdout)
    first, second = (p["scores"]["bias_probability"] for p in report["paragraphs"])
    assert first > second
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    bad = runner.invoke(cli, ["report", "--model", str(broken), str(article)])
    assert bad.exit_code == 3 and bad.stderr.count("\n") == 1
