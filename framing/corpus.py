"""Readers for labelled sentences: the project's JSONL corpus, labelled CSV, and the
sentence-level view of a PTC-style folder.

**The project's JSONL** (``corpora/sentences/*.jsonl``, format in
``corpora/annotation-guide.md`` §8): one JSON object a line with at least ``id``,
``text`` and ``loaded``; ``loaded_spans``, ``generalisation``, ``topic``, ``register`` and
``pair`` are read when present. The reader checks the guide's invariants that a
classifier relies on (unique ids and texts, ``loaded`` agrees with ``loaded_spans``,
spans inside the text) and names the file and line of the first problem.

**Labelled CSV** is read by :func:`framing.sentence_eval.read_labelled_csv`; the
positive label is ``1`` unless the labels are exactly {-1, 1} (then ``-1``), or the one
the caller gives.

**PTC sentences**: every non-blank line of a PTC article (the title, then one sentence a
line) is a sentence, positive when it overlaps a gold span of the chosen techniques
(by default ``Loaded_Language`` and ``Name_Calling,Labeling``).

Every reader returns :class:`LabelledText` rows (text, bool label, where it came from)
and raises :class:`framing.evaluation.EvaluationDataError` with a one-line message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from framing.evaluation import DEFAULT_LOADED_LABELS, AnnotatedArticle, EvaluationDataError, read_utf8_data
from framing.sentence_eval import BinaryScores, binary_scores

GENERALISATION_LABELS = ("none", "unsupported", "supported")


@dataclass(frozen=True)
class CorpusSentence:
    """One sentence of the project's JSONL corpus (see corpora/annotation-guide.md)."""

    id: str
    text: str
    loaded: bool
    loaded_spans: tuple[tuple[int, int], ...] = ()
    generalisation: str | None = None
    topic: str | None = None
    register: str | None = None
    pair: str | None = None


@dataclass(frozen=True)
class LabelledText:
    """A sentence with a yes/no label and where it came from (``file:line`` or an id).
    ``spans`` are the loaded words' offsets when the data marks them; ``group`` names the
    examples that must stay in one cross-validation fold (a minimal pair)."""

    text: str
    label: bool
    origin: str
    spans: tuple[tuple[int, int], ...] = ()
    group: str | None = None


def read_sentence_corpus(path: str | Path) -> list[CorpusSentence]:
    """Read one JSONL file of the project's sentence corpus, in file order."""
    path = Path(path)
    text = read_utf8_data(path, "a JSONL file")
    sentences: list[CorpusSentence] = []
    ids: set[str] = set()
    texts: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationDataError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise EvaluationDataError(f"{where}: expected a JSON object")
        sentence = _corpus_sentence(row, where)
        if sentence.id in ids:
            raise EvaluationDataError(f"{where}: duplicate id {sentence.id!r}")
        if sentence.text in texts:
            raise EvaluationDataError(f"{where}: duplicate text (id {sentence.id!r})")
        ids.add(sentence.id)
        texts.add(sentence.text)
        sentences.append(sentence)
    if not sentences:
        raise EvaluationDataError(f"{path}: no sentences")
    return sentences


def _corpus_sentence(row: dict, where: str) -> CorpusSentence:
    for key, kind in (("id", str), ("text", str), ("loaded", bool)):
        if key not in row:
            raise EvaluationDataError(f"{where}: missing key {key!r}")
        if not isinstance(row[key], kind):
            raise EvaluationDataError(f"{where}: {key!r} must be a {kind.__name__}")
    text = row["text"]
    if not text.strip():
        raise EvaluationDataError(f"{where}: empty text")
    spans = row.get("loaded_spans", [])
    if not isinstance(spans, list):
        raise EvaluationDataError(f"{where}: 'loaded_spans' must be a list of [start, end]")
    checked = []
    for span in spans:
        if (not isinstance(span, list) or len(span) != 2 or not all(isinstance(v, int) for v in span)
                or not 0 <= span[0] < span[1] <= len(text)):
            raise EvaluationDataError(f"{where}: bad loaded span {span!r} (need [start, end] inside the text)")
        checked.append((span[0], span[1]))
    if "loaded_spans" in row and row["loaded"] != bool(checked):
        raise EvaluationDataError(f"{where}: 'loaded' is {str(row['loaded']).lower()} but loaded_spans "
                                  f"{'is empty' if not checked else 'is not'}")
    generalisation = row.get("generalisation")
    if generalisation is not None and generalisation not in GENERALISATION_LABELS:
        raise EvaluationDataError(f"{where}: 'generalisation' must be one of {', '.join(GENERALISATION_LABELS)}")
    return CorpusSentence(id=row["id"], text=text, loaded=row["loaded"], loaded_spans=tuple(checked),
                          generalisation=generalisation, topic=row.get("topic"), register=row.get("register"),
                          pair=row.get("pair"))


def corpus_examples(sentences: Iterable[CorpusSentence]) -> list[LabelledText]:
    """The corpus sentences as training examples: the label is ``loaded``; the two
    members of a minimal pair share a group."""
    return [LabelledText(s.text, s.loaded, s.id, s.loaded_spans, min(s.id, s.pair) if s.pair else s.id)
            for s in sentences]


def read_csv_examples(path: str | Path, positive: str | None = None) -> list[LabelledText]:
    """A labelled CSV (see :mod:`framing.sentence_eval`) as examples; a row is positive
    when its label equals ``positive`` (default: ``-1`` for {-1, 1} labels, else ``1``)."""
    from framing.sentence_eval import default_positive, read_labelled_csv

    rows = read_labelled_csv(path)
    positive = positive if positive is not None else default_positive(rows)
    return [LabelledText(r.text, r.label == positive, f"{path}:{r.row}") for r in rows]


def read_examples(paths: Sequence[str | Path], positive: str | None = None) -> list[LabelledText]:
    """Training or test examples from the project's JSONL files (``.jsonl``) and labelled
    CSV files (anything else), in the order given."""
    examples: list[LabelledText] = []
    for path in paths:
        if str(path).lower().endswith((".jsonl", ".json")):
            examples.extend(corpus_examples(read_sentence_corpus(path)))
        else:
            examples.extend(read_csv_examples(path, positive))
    return examples


def default_corpus_files(root: str | Path | None = None) -> list[Path]:
    """The project's sentence corpus files (``corpora/sentences/*.jsonl``), sorted."""
    base = Path(root) if root is not None else Path(__file__).resolve().parent.parent / "corpora"
    files = sorted((base / "sentences").glob("*.jsonl"))
    if not files:
        raise EvaluationDataError(f"{base / 'sentences'}: no *.jsonl files (the corpus ships with a source checkout)")
    return files


_LINE_RE = re.compile(r"[^\r\n]+")


def ptc_sentences(articles: Iterable[AnnotatedArticle],
                  labels: Sequence[str] = DEFAULT_LOADED_LABELS) -> list[LabelledText]:
    """Every non-blank line of each PTC article as a sentence, positive when it overlaps
    a gold span with one of ``labels`` (offsets in the article, end-exclusive)."""
    examples = []
    for article in articles:
        gold = article.gold(labels)
        for match in _LINE_RE.finditer(article.text):
            line = match.group()
            if not line.strip():
                continue
            start, end = match.start(), match.end()
            hit = any(a < end and start < b for a, b in gold)
            examples.append(LabelledText(line.strip(), hit, f"article{article.id}:{start}"))
    return examples


# ------------------------------------------------------------------ classifier evaluation


def macro_f1(scores: BinaryScores) -> float:
    """The mean of the F1 of the positive class and the F1 of the negative class."""
    negative = BinaryScores(scores.true_negative, scores.false_negative, scores.false_positive, scores.true_positive)
    return (scores.f1 + negative.f1) / 2


def roc_auc(probabilities: Sequence[float], gold: Sequence[bool]) -> float | None:
    """The area under the ROC curve (the chance that a random positive scores above a
    random negative, ties counting half); None without both classes."""
    pairs = sorted(zip(probabilities, gold))
    positives = sum(1 for g in gold if g)
    negatives = len(gold) - positives
    if not positives or not negatives:
        return None
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2  # ranks i+1 .. j share their mean
        rank_sum += average_rank * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


@dataclass(frozen=True)
class ClassifierEvaluation:
    """The sentence classifier against labelled sentences: counts at ``threshold``,
    macro-F1 and ROC AUC."""

    task: str
    sentences: int
    threshold: float
    scores: BinaryScores
    auc: float | None
    model: str
    positive: str | None = None

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.scores)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "model": self.model, "sentences": self.sentences,
                "positive_label": self.positive, "threshold": self.threshold,
                "scores": {**self.scores.to_dict(), "macro_f1": round(self.macro_f1, 4),
                           "roc_auc": None if self.auc is None else round(self.auc, 4)}}


def evaluate_model(model, examples: Sequence[LabelledText], *, task: str, model_name: str,
                   threshold: float | None = None, positive: str | None = None, batch: int = 500,
                   progress: Callable[[int], None] | None = None) -> ClassifierEvaluation:
    """Predict every example with ``model`` (a :class:`framing.classifier.BiasModel`),
    ``batch`` sentences at a time, and score the predictions at ``threshold`` (default:
    the model's own). ``progress`` is called with the number of sentences done."""
    threshold = model.threshold if threshold is None else threshold
    probabilities: list[float] = []
    for start in range(0, len(examples), batch):
        probabilities.extend(model.predict_proba([e.text for e in examples[start:start + batch]]))
        if progress is not None:
            progress(len(probabilities))
    gold = [bool(e.label) for e in examples]
    return ClassifierEvaluation(task=task, sentences=len(examples), threshold=threshold,
                                scores=binary_scores([p >= threshold for p in probabilities], gold),
                                auc=roc_auc(probabilities, gold), model=model_name, positive=positive)


def format_classifier_evaluation(evaluation: ClassifierEvaluation, data: str | None = None) -> str:
    """The evaluation as a plain-text table (ends with a newline)."""
    s = evaluation.scores
    what = {"bias": "Sentence classifier (loaded, author's voice)",
            "loaded-sentence": "Sentence classifier: sentences with a gold loaded-language span"}
    label = f"   positive label: {evaluation.positive}" if evaluation.positive is not None else ""
    return "\n".join([
        what.get(evaluation.task, evaluation.task) + (f" on {data}" if data else ""),
        f"sentences: {evaluation.sentences}   gold positive: {s.true_positive + s.false_negative}{label}",
        f"model: {evaluation.model}   threshold: {evaluation.threshold:.2f}",
        "",
        f"precision  {s.precision:.3f}",
        f"recall     {s.recall:.3f}",
        f"F1         {s.f1:.3f}",
        f"macro-F1   {evaluation.macro_f1:.3f}   (mean F1 of the loaded and the neutral class)",
        f"ROC AUC    {'n/a' if evaluation.auc is None else format(evaluation.auc, '.3f')}   (threshold-free ranking quality)",
        "",
        "                  gold positive   gold negative",
        f"  flagged         {s.true_positive:>13}   {s.false_positive:>13}",
        f"  not flagged     {s.false_negative:>13}   {s.true_negative:>13}",
    ]) + "\n"
