"""Training the sentence classifier with scikit-learn, cross-validating it, and turning
the fitted pipeline into a plain-data :class:`framing.classifier.BiasModel`.

The estimator is a scikit-learn ``Pipeline``::

    FeatureUnion(word tf-idf 1-2-grams, character tf-idf 2-5-grams (char_wb style),
                 subjectivity features, lexicon features)  ->  NonNegativeLogisticRegression (L2)

with the analyzers, subjectivity and lexicon features of :mod:`framing.classifier`, so
the numpy predictor there reproduces the pipeline's probabilities (a test checks it to
1e-9).

Four choices make the model carry over to real news rather than learn the corpus's
own phrasing (figures for each in ``models/README.md``):

- **weights may only point toward "loaded"**, except those of the three voice features
  (a label attributed to a source, a loaded word inside a quotation, a quotation) and
  the intercept. In the corpus, neutral sentences look like wire copy (long, figures,
  "said") and loaded ones like tabloid copy; a free model learns that look, and in real
  news, where loaded words sit inside ordinary reporting, the look predicts nothing.
  Hedges, boosters and generalisations are held at zero or above too: the annotation
  guide labels a sentence whose only cue is a hedge as neutral, so the corpus pairs
  them with the neutral label by construction, and a free weight would learn that
  artefact and count a hedge as evidence *against* loaded language, which in real news
  it is not.
- **masked negatives**: each loaded corpus sentence is also given to the model with its
  marked loaded words cut out, labelled neutral (:func:`masked_negatives`), so what
  separates the two is the loaded wording alone.
- **lexicon features** from framing's own matchers, which know hundreds of loaded
  words the corpus never uses, and know whose voice a word is in;
- **subjectivity features** from a general-purpose subjectivity lexicon (pattern's,
  shipped inside ``textblob``), which rates some 1,500 words nobody on the project chose.

:class:`BiasClassifier` fits twice: once on every n-gram seen in at least ``min_df``
sentences, then again on only the n-grams whose weight exceeded ``prune``. The second
pipeline is the model (``pipeline_``) and the model file holds exactly its vocabulary,
which keeps the file small.

Training is deterministic: the examples are sorted by text (then label) before
fitting, the solver (L-BFGS-B from a zero start) is deterministic, and the
cross-validation folds come from a fixed seed. The two members of a minimal pair stay
in one fold, so a sentence is never tested against a model that saw its rewrite.

This module imports scikit-learn (slow to import); reports and predictions only need
:mod:`framing.classifier`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Sequence

import numpy as np
from sklearn import __version__ as sklearn_version
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from framing import __version__
from framing.classifier import (CHAR_ANALYZER, LEXICON_FEATURES, SCHEMA, SUBJECTIVITY_FEATURES, VOICE_FEATURES,
                                WORD_ANALYZER, BiasModel, NgramBlock, char_ngrams, lexicon_transform,
                                sentence_lexicon_counts, sentence_subjectivity_counts, subjectivity_lexicon,
                                word_ngrams)
from framing.corpus import LabelledText, macro_f1
from framing.sentence_eval import BinaryScores, binary_scores

__all__ = ["BiasClassifier", "CrossValidation", "LexiconFeatures", "NonNegativeLogisticRegression",
           "SubjectivityFeatures",
           "cross_validate", "macro_f1", "masked_negatives", "train", "training_set", "usable_folds"]

THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(2, 19))  # 0.10 .. 0.90, for the report only


class _LogCountFeatures(TransformerMixin, BaseEstimator):
    """Sentences -> ``scale * log(1 + value)`` of each of ``names``, the values coming
    from ``counts`` (a function of the list of sentences). Stateless."""

    names: tuple[str, ...] = ()

    @staticmethod
    def counts(sentences: list[str]) -> np.ndarray:
        raise NotImplementedError  # each subclass names its counting function

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale

    def fit(self, X, y=None):
        self.n_features_out_ = len(self.names)
        return self

    def transform(self, X):
        return self.scale * lexicon_transform(self.counts(list(X)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.names, dtype=object)


class LexiconFeatures(_LogCountFeatures):
    """The lexicon features (:data:`framing.classifier.LEXICON_FEATURES`)."""

    names = LEXICON_FEATURES
    counts = staticmethod(sentence_lexicon_counts)


class SubjectivityFeatures(_LogCountFeatures):
    """The subjectivity features (:data:`framing.classifier.SUBJECTIVITY_FEATURES`)."""

    names = SUBJECTIVITY_FEATURES
    counts = staticmethod(sentence_subjectivity_counts)


class NonNegativeLogisticRegression(ClassifierMixin, BaseEstimator):
    """Binary logistic regression whose weights for all but the last ``free_features``
    columns are held at zero or above (L-BFGS-B with bounds); the intercept and the
    free columns may take any sign.

    The objective is scikit-learn's ``LogisticRegression`` with an L2 penalty:
    ``C * sum(sample_weight * log-loss) + 0.5 * ||w||^2``, intercept unpenalised.

    Why the bound: a sentence is loaded when it *contains* loaded wording. Letting an
    n-gram count as evidence only *for* loaded language stops the model from learning
    that the look of wire copy (long sentences, figures, "said") is evidence against it,
    a shortcut that holds in a training corpus but not in real news, where loaded words
    sit inside ordinary reporting. Context that does lower the probability (a word inside
    a quotation, a label attributed to a source) comes from the free lexicon features.
    """

    def __init__(self, C: float = 1.0, class_weight: str | dict | None = None, free_features: int = 0,
                 tol: float = 1e-9, max_iter: int = 5000) -> None:
        self.C = C
        self.class_weight = class_weight
        self.free_features = free_features
        self.tol = tol
        self.max_iter = max_iter

    def fit(self, X, y):
        from scipy import sparse
        from scipy.optimize import Bounds, minimize

        X = sparse.csr_matrix(X, dtype=np.float64)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            raise ValueError("NonNegativeLogisticRegression needs exactly two classes")
        positive = y == self.classes_[1]
        signs = np.where(positive, 1.0, -1.0)
        weights = np.ones(len(y))
        if self.class_weight == "balanced":
            counts = np.array([np.sum(~positive), np.sum(positive)], dtype=float)
            weights = np.where(positive, len(y) / (2 * counts[1]), len(y) / (2 * counts[0]))
        elif isinstance(self.class_weight, dict):
            weights = np.where(positive, self.class_weight.get(self.classes_[1], 1.0),
                               self.class_weight.get(self.classes_[0], 1.0))
        XT = X.T.tocsr()
        n_features = X.shape[1]
        C = float(self.C)

        def objective(theta):
            w, b = theta[:-1], theta[-1]
            margin = signs * (X @ w + b)
            loss = np.logaddexp(0.0, -margin)
            g = -signs * weights / (1.0 + np.exp(margin))
            grad = np.empty_like(theta)
            grad[:-1] = C * (XT @ g) + w
            grad[-1] = C * g.sum()
            return C * np.dot(weights, loss) + 0.5 * np.dot(w, w), grad

        lower = np.zeros(n_features + 1)
        lower[n_features - min(self.free_features, n_features):] = -np.inf
        result = minimize(objective, np.zeros(n_features + 1), jac=True, method="L-BFGS-B",
                          bounds=Bounds(lower, np.full(n_features + 1, np.inf)),
                          options={"maxiter": self.max_iter, "gtol": self.tol, "ftol": 1e-13})
        self.coef_ = result.x[None, :-1].copy()
        self.intercept_ = np.array([result.x[-1]])
        self.n_iter_ = np.array([result.nit])
        self.n_features_in_ = n_features
        return self

    def decision_function(self, X):
        from scipy import sparse

        return np.asarray(sparse.csr_matrix(X, dtype=np.float64) @ self.coef_[0] + self.intercept_[0]).ravel()

    def predict_proba(self, X):
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X):
        return self.classes_[(self.decision_function(X) > 0).astype(int)]


class BiasClassifier(ClassifierMixin, BaseEstimator):
    """Is a sentence loaded (author's voice)? Word and character n-grams, subjectivity
    features and lexicon features into a logistic regression whose weights may only
    point toward "loaded", the voice features' apart (see
    :class:`NonNegativeLogisticRegression`).

    Parameters: ``C`` (inverse regularisation strength), ``min_df`` (an n-gram must
    occur in this many training sentences to be a feature), ``char_range`` (character
    n-gram sizes), ``lexicon_scale`` and ``subjectivity_scale`` (how strongly those
    features speak before regularisation; a scale of 0 leaves a group out),
    ``nonnegative`` (False: a plain L2 logistic regression, whose weights may point
    either way) and ``class_weight``.
    """

    def __init__(self, C: float = 4.0, min_df: int = 2, char_range: tuple[int, int] = (2, 5),
                 lexicon_scale: float = 2.0, subjectivity_scale: float = 1.0, nonnegative: bool = True,
                 prune: float | None = 1e-4, class_weight: str | None = "balanced") -> None:
        self.C = C
        self.min_df = min_df
        self.char_range = char_range
        self.lexicon_scale = lexicon_scale
        self.subjectivity_scale = subjectivity_scale
        self.nonnegative = nonnegative
        self.prune = prune
        self.class_weight = class_weight

    def _pipeline(self, word_vocabulary=None, char_vocabulary=None, min_df: int | None = None) -> Pipeline:
        low, high = self.char_range
        min_df = self.min_df if min_df is None else min_df
        return Pipeline([
            ("features", FeatureUnion([
                ("word", TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=min_df,
                                         vocabulary=word_vocabulary)),
                ("char", TfidfVectorizer(analyzer=partial(char_ngrams, low=low, high=high), sublinear_tf=True,
                                         min_df=min_df, vocabulary=char_vocabulary)),
                ("subjectivity", SubjectivityFeatures(self.subjectivity_scale)),
                ("lexicon", LexiconFeatures(self.lexicon_scale)),
            ])),
            # The voice features are the last columns of the lexicon group: only they are free.
            ("model", NonNegativeLogisticRegression(C=self.C, class_weight=self.class_weight,
                                                    free_features=len(VOICE_FEATURES) if self.nonnegative
                                                    else _ALL)),
        ])

    def fit(self, X: Sequence[str], y: Sequence[Any]):
        texts, labels = _sorted_examples(X, y)
        if len(set(labels.tolist())) < 2:
            raise ValueError("training needs both loaded and neutral sentences")
        try:
            pipeline = self._pipeline().fit(texts, labels)
        except ValueError as exc:
            if "no terms remain" not in str(exc):
                raise
            # Too few sentences for any n-gram to reach min_df: keep every n-gram.
            pipeline = self._pipeline(min_df=1).fit(texts, labels)
        self.n_ngrams_seen_ = sum(len(v) for v in _vocabularies(pipeline))
        if self.prune is not None:
            # Keep the n-grams whose weight is above ``prune`` and fit again on them alone:
            # the model file then holds every term the refitted vectors are normalised over.
            word, char = _vocabularies(pipeline)
            coef = np.abs(pipeline.named_steps["model"].coef_[0])
            keep_word = sorted(t for t, i in word.items() if coef[i] > self.prune)
            keep_char = sorted(t for t, i in char.items() if coef[len(word) + i] > self.prune)
            if keep_word and keep_char:
                pipeline = self._pipeline({t: i for i, t in enumerate(keep_word)},
                                          {t: i for i, t in enumerate(keep_char)}).fit(texts, labels)
        self.pipeline_ = pipeline
        self.classes_ = self.pipeline_.classes_
        return self

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        return self.pipeline_.decision_function(list(X))

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        return self.pipeline_.predict_proba(list(X))

    def predict(self, X: Sequence[str]) -> np.ndarray:
        return self.pipeline_.predict(list(X))

    def to_model(self, threshold: float = 0.5, metadata: dict | None = None) -> BiasModel:
        """The fitted pipeline as a plain-data :class:`BiasModel` (positive class: the
        larger label, i.e. ``True`` / ``1``)."""
        word, char = _vocabularies(self.pipeline_)
        features = self.pipeline_.named_steps["features"]
        word_idf = features.transformer_list[0][1].idf_
        char_idf = features.transformer_list[1][1].idf_
        model = self.pipeline_.named_steps["model"]
        coef = model.coef_[0]
        nw, nc, ns = len(word), len(char), len(SUBJECTIVITY_FEATURES)
        word_terms = tuple(sorted(word, key=word.get))
        char_terms = tuple(sorted(char, key=char.get))
        return BiasModel(
            word=NgramBlock(WORD_ANALYZER, word_terms, np.asarray(word_idf, float), np.asarray(coef[:nw], float),
                            (1, 2)),
            char=NgramBlock(CHAR_ANALYZER, char_terms, np.asarray(char_idf, float),
                            np.asarray(coef[nw:nw + nc], float), tuple(self.char_range)),
            lexicon_names=LEXICON_FEATURES,
            lexicon_coef=np.asarray(coef[nw + nc + ns:], float) * self.lexicon_scale,
            subjectivity_coef=np.asarray(coef[nw + nc:nw + nc + ns], float) * self.subjectivity_scale,
            intercept=float(model.intercept_[0]),
            threshold=threshold,
            metadata={
                "schema": SCHEMA, "framing_version": __version__, "sklearn_version": sklearn_version,
                "label": "loaded (author's voice)",
                "estimator": {"C": self.C, "min_df": self.min_df, "char_range": list(self.char_range),
                              "lexicon_scale": self.lexicon_scale, "subjectivity_scale": self.subjectivity_scale,
                              "nonnegative": self.nonnegative,
                              "prune": self.prune,
                              "class_weight": self.class_weight, "penalty": "l2", "solver": "L-BFGS-B"},
                "calibration": {"method": "logistic",
                                "note": "probability = 1 / (1 + exp(-(intercept + x . w)))"},
                "subjectivity_lexicon_version": subjectivity_lexicon().version,
                **(metadata or {}),
            },
        )


_ALL = 10**9  # free_features larger than any feature count: no bound at all


def _vocabularies(pipeline: Pipeline) -> tuple[dict[str, int], dict[str, int]]:
    features = pipeline.named_steps["features"]
    return features.transformer_list[0][1].vocabulary_, features.transformer_list[1][1].vocabulary_


def _sorted_examples(X: Sequence[str], y: Sequence[Any]) -> tuple[list[str], np.ndarray]:
    pairs = sorted(zip(X, y), key=lambda p: (p[0], str(p[1])))
    return [p[0] for p in pairs], np.asarray([p[1] for p in pairs])


# ---------------------------------------------------------------------- cross-validation


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold predictions over ``folds`` folds: the figures at ``threshold`` and,
    for information, macro-F1 over a sweep of cut-offs."""

    folds: int
    threshold: float
    scores: BinaryScores
    sweep: tuple[tuple[float, float], ...] = ()
    probabilities: tuple[float, ...] = field(repr=False, default=())

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.scores)

    @property
    def best(self) -> tuple[float, float]:
        """The cut-off of the sweep with the best out-of-fold macro-F1 (ties: the higher
        cut-off) and that macro-F1."""
        return max(self.sweep, key=lambda t: (t[1], t[0])) if self.sweep else (self.threshold, self.macro_f1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folds": self.folds, "threshold": self.threshold,
            "scores": self.scores.to_dict(), "macro_f1": round(self.macro_f1, 4),
            "sweep": [{"threshold": t, "macro_f1": f} for t, f in self.sweep],
        }


def masked_negatives(examples: Sequence[LabelledText]) -> list[LabelledText]:
    """For every loaded example with marked spans, the same sentence with the loaded
    words cut out, labelled neutral. The pair tells the model that the loaded words,
    not the register, length or topic of the sentence, make it loaded."""
    out = []
    for e in examples:
        if not (e.label and e.spans):
            continue
        text, pos, pieces = e.text, 0, []
        for start, end in sorted(e.spans):
            pieces.append(text[pos:start])
            pos = max(pos, end)
        pieces.append(text[pos:])
        masked = _SPACES_RE.sub(" ", "".join(pieces)).strip()
        masked = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", masked)
        if masked and masked != text:
            out.append(LabelledText(masked, False, f"{e.origin}~masked"))
    return out


_SPACES_RE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?])")


def _groups(examples: Sequence[LabelledText]) -> list[str]:
    """One group per example, shared by the two members of a minimal pair."""
    return [e.group or e.origin for e in examples]


def cross_validate(examples: Sequence[LabelledText], estimator: BiasClassifier | None = None, folds: int = 5,
                   threshold: float = 0.5, seed: int = 0, augment: bool = True,
                   progress: Callable[[int], None] | None = None) -> CrossValidation:
    """``folds``-fold cross-validation: stratified, with the members of a minimal pair
    kept in one fold and a fixed seed. With ``augment``, each training fold gets its own
    :func:`masked_negatives`; the test folds hold only the original sentences.
    ``progress`` is called with the number of folds done."""
    from sklearn.base import clone

    estimator = estimator or BiasClassifier()
    ordered = sorted(examples, key=lambda e: (e.text, e.label, e.origin))
    labels = np.asarray([bool(e.label) for e in ordered])
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    probabilities = np.zeros(len(ordered))
    for number, (train_index, test_index) in enumerate(splitter.split(ordered, labels, _groups(ordered)), start=1):
        training = training_set([ordered[i] for i in train_index], augment)
        fitted = clone(estimator).fit([e.text for e in training], [bool(e.label) for e in training])
        positive = list(fitted.classes_).index(True)
        probabilities[test_index] = fitted.predict_proba([ordered[i].text for i in test_index])[:, positive]
        if progress is not None:
            progress(number)
    gold = labels.tolist()
    sweep = tuple((t, round(macro_f1(binary_scores((probabilities >= t).tolist(), gold)), 4)) for t in THRESHOLD_GRID)
    return CrossValidation(folds=folds, threshold=threshold,
                           scores=binary_scores((probabilities >= threshold).tolist(), gold),
                           sweep=sweep, probabilities=tuple(probabilities.tolist()))


def usable_folds(examples: Sequence[LabelledText], folds: int) -> int:
    """``folds``, or fewer when a class has fewer examples than that (0: too few to
    cross-validate at all)."""
    positives = sum(1 for e in examples if e.label)
    smallest = min(positives, len(examples) - positives)
    return min(folds, smallest) if smallest >= 2 else 0


def training_set(examples: Sequence[LabelledText], augment: bool = True) -> list[LabelledText]:
    """``examples`` plus, with ``augment``, their :func:`masked_negatives` (those whose
    text is not already an example)."""
    examples = list(examples)
    if not augment:
        return examples
    seen = {e.text for e in examples}
    return examples + [m for m in masked_negatives(examples) if m.text not in seen]


def train(examples: Sequence[LabelledText], estimator: BiasClassifier | None = None,
          threshold: float = 0.5, metadata: dict | None = None, augment: bool = True) -> BiasModel:
    """Fit ``estimator`` (default :class:`BiasClassifier`) on ``examples`` (plus their
    masked negatives, with ``augment``) and return the plain-data model with the given
    decision ``threshold``."""
    estimator = estimator or BiasClassifier()
    training = training_set(examples, augment)
    fitted = estimator.fit([e.text for e in training], [bool(e.label) for e in training])
    summary = {"sentences": len(examples), "positives": sum(1 for e in examples if e.label),
               "masked_negatives": len(training) - len(examples)}
    return fitted.to_model(threshold, {"training_data": summary, **(metadata or {})})


@dataclass(frozen=True)
class TrainingRun:
    """What ``framing train`` did: the data, the cross-validation (None when skipped)
    and the model."""

    files: tuple[str, ...]
    sentences: int
    positives: int
    masked: int
    cross_validation: CrossValidation | None
    model: BiasModel

    def to_dict(self) -> dict[str, Any]:
        word, char = self.model.word, self.model.char
        return {
            "files": list(self.files), "sentences": self.sentences, "positives": self.positives,
            "masked_negatives": self.masked,
            "cross_validation": self.cross_validation.to_dict() if self.cross_validation else None,
            "threshold": self.model.threshold,
            "ngrams": len(word.terms) + len(char.terms),
            "weighted_ngrams": int((word.coef != 0).sum() + (char.coef != 0).sum()),
        }


def run_training(files: Sequence[str], examples: Sequence[LabelledText], folds: int = 5, threshold: float = 0.5,
                 estimator: BiasClassifier | None = None,
                 progress: Callable[[int], None] | None = None) -> TrainingRun:
    """Cross-validate (``folds`` > 0) and train on ``examples``; ``progress`` is called
    with the number of fits done (``folds`` + 1 in all)."""
    estimator = estimator or BiasClassifier()
    folds = usable_folds(examples, folds) if folds else 0
    cv = cross_validate(examples, estimator, folds, threshold, progress=progress) if folds >= 2 else None
    metadata = {"training_files": [str(f).replace("\\", "/").rsplit("/", 1)[-1] for f in files]}
    if cv is not None:
        metadata["cross_validation"] = {"folds": cv.folds, "threshold": threshold,
                                        **{k: v for k, v in cv.scores.to_dict().items()},
                                        "macro_f1": round(cv.macro_f1, 4)}
    model = train(examples, estimator, threshold, metadata)
    if progress is not None:
        progress(folds + 1)
    positives = sum(1 for e in examples if e.label)
    masked = model.metadata["training_data"]["masked_negatives"]
    return TrainingRun(tuple(map(str, files)), len(examples), positives, masked, cv, model)


def format_training(run: TrainingRun, out: str | None = None, size: int | None = None) -> str:
    """The training run as plain text (ends with a newline)."""
    lines = [f"trained on {run.sentences} sentences ({run.positives} loaded) from {', '.join(run.files)}"]
    if run.masked:
        lines.append(f"  plus {run.masked} masked negatives (loaded sentences with their marked words cut out)")
    cv = run.cross_validation
    if cv is None:
        lines += ["", "cross-validation: skipped (--folds 0, or too few sentences of one class)"]
    else:
        s = cv.scores
        best_threshold, best_macro = cv.best
        lines += [
            "",
            f"{cv.folds}-fold cross-validation (stratified, minimal pairs kept in one fold) at threshold {cv.threshold:.2f}",
            f"precision  {s.precision:.3f}",
            f"recall     {s.recall:.3f}",
            f"F1         {s.f1:.3f}",
            f"macro-F1   {cv.macro_f1:.3f}",
            f"(best cut-off on these folds: {best_threshold:.2f}, macro-F1 {best_macro:.3f}; "
            f"the model keeps {run.model.threshold:.2f})",
            "",
            "                  gold positive   gold negative",
            f"  flagged         {s.true_positive:>13}   {s.false_positive:>13}",
            f"  not flagged     {s.false_negative:>13}   {s.true_negative:>13}",
        ]
    info = run.to_dict()
    where = f" to {out}" if out else ""
    weight = f", {size / 1e6:.2f} MB" if size is not None else ""
    lines += ["", f"model written{where}: {info['ngrams']} n-grams ({info['weighted_ngrams']} with a weight), "
                  f"{len(run.model.lexicon_names)} lexicon and {len(run.model.subjectivity_coef)} subjectivity features{weight}"]
    return "\n".join(lines) + "\n"
