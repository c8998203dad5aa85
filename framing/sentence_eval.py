"""Sentence-level evaluation on labelled CSV: does framing flag the sentences that
annotators marked?

**Data format.** A CSV file, UTF-8 (a byte-order mark is ignored), one sentence a row.
Either a header row naming a ``text`` (or ``sentence``) column and a ``label`` column,
or no header and two columns in the order ``label,sentence`` (the CoNLL-2010 weasel
files) or ``sentence,label`` (detected from which column holds the short label). Which
label is positive is given by the caller; by default ``-1`` when the labels are exactly
{-1, 1} (CoNLL-2010: -1 = uncertain) and ``1`` otherwise.

**Scores.** Each sentence is analysed alone; it is predicted positive when framing
reports at least one finding of the counted kinds in the author's voice. Then
precision = true positives / predicted positives, recall = true positives / gold
positives, F1 their harmonic mean, each 0.0 when its denominator is 0.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from framing.document import parse
from framing.findings import Finding
from framing.generalisation import GeneralisationConfig, generalisation_findings
from framing.evaluation import EvaluationDataError, read_utf8_data


@dataclass(frozen=True)
class LabelledSentence:
    """One row: the sentence, its raw label and its 1-based row number in the file."""

    text: str
    label: str
    row: int


@dataclass(frozen=True)
class BinaryScores:
    """Confusion counts and the figures derived from them."""

    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "true_positive": self.true_positive, "false_positive": self.false_positive,
            "false_negative": self.false_negative, "true_negative": self.true_negative,
        }


def binary_scores(predicted: Sequence[bool], gold: Sequence[bool]) -> BinaryScores:
    """Confusion counts of ``predicted`` against ``gold`` (same length)."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold differ in length")
    pairs = list(zip(predicted, gold))
    return BinaryScores(
        true_positive=sum(1 for p, g in pairs if p and g),
        false_positive=sum(1 for p, g in pairs if p and not g),
        false_negative=sum(1 for p, g in pairs if not p and g),
        true_negative=sum(1 for p, g in pairs if not p and not g),
    )


def _is_label(value: str) -> bool:
    return len(value.strip()) <= 12 and " " not in value.strip()


def read_labelled_csv(path: str | Path) -> list[LabelledSentence]:
    """Read a labelled-sentence CSV (see the module docstring)."""
    path = Path(path)
    text = read_utf8_data(path, "a CSV file")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise EvaluationDataError(f"{path}: no rows")
    header = [c.strip().lower() for c in rows[0]]
    start = 0
    if "label" in header and ({"text", "sentence"} & set(header)):
        label_col = header.index("label")
        text_col = header.index("text") if "text" in header else header.index("sentence")
        start = 1
    elif len(rows[0]) >= 2 and _is_label(rows[0][0]) and not _is_label(rows[0][1]):
        label_col, text_col = 0, 1
    elif len(rows[0]) >= 2 and _is_label(rows[0][-1]):
        label_col, text_col = len(rows[0]) - 1, 0
    else:
        raise EvaluationDataError(f"{path}:1: cannot tell the label column from the text column "
                                  "(give a header row with 'text' and 'label')")
    sentences = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if len(row) <= max(label_col, text_col):
            raise EvaluationDataError(f"{path}:{number}: expected a label and a sentence")
        sentences.append(LabelledSentence(text=row[text_col], label=row[label_col].strip(), row=number))
    if not sentences:
        raise EvaluationDataError(f"{path}: no labelled sentences")
    return sentences


def default_positive(sentences: Iterable[LabelledSentence]) -> str:
    """``-1`` when the labels are exactly {-1, 1} (CoNLL-2010), else ``1``."""
    return "-1" if {s.label for s in sentences} == {"-1", "1"} else "1"


@dataclass(frozen=True)
class SentenceEvaluation:
    """The result of a sentence-level evaluation."""

    task: str
    counted: tuple[str, ...]
    positive: str
    sentences: int
    scores: BinaryScores

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "counted": list(self.counted), "positive_label": self.positive,
                "sentences": self.sentences, "scores": self.scores.to_dict()}


def evaluate_sentences(
    sentences: Sequence[LabelledSentence],
    predict: Callable[[str], bool],
    *, task: str, counted: Sequence[str], positive: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> SentenceEvaluation:
    """Score ``predict`` (sentence -> flagged?) against the labels."""
    positive = positive or default_positive(sentences)
    predicted = []
    for number, sentence in enumerate(sentences, start=1):
        predicted.append(predict(sentence.text))
        if progress is not None:
            progress(number)
    gold = [s.label == positive for s in sentences]
    return SentenceEvaluation(task=task, counted=tuple(counted), positive=positive,
                              sentences=len(sentences), scores=binary_scores(predicted, gold))


def generalisation_predictor(include_hedges: bool, config: GeneralisationConfig | None = None) -> Callable[[str], bool]:
    """Flags a sentence with an unsupported generalisation (and, if asked, a hedge)."""
    config = config or GeneralisationConfig.default()

    def predict(text: str) -> bool:
        findings: list[Finding] = generalisation_findings(parse(text), config)
        return any(
            (f.kind == "generalisation" and f.supported is False) or (include_hedges and f.kind == "hedge")
            for f in findings
        )

    return predict


def format_sentence_evaluation(evaluation: SentenceEvaluation, data: str | None = None) -> str:
    """The evaluation as a plain-text table (ends with a newline)."""
    s = evaluation.scores
    return "\n".join([
        f"{evaluation.task}, sentence level" + (f" on {data}" if data else ""),
        f"sentences: {evaluation.sentences}   positive label: {evaluation.positive}   "
        f"counted: {', '.join(evaluation.counted)}",
        "",
        f"precision  {s.precision:.3f}",
        f"recall     {s.recall:.3f}",
        f"F1         {s.f1:.3f}",
        "",
        "                  gold positive   gold negative",
        f"  flagged         {s.true_positive:>13}   {s.false_positive:>13}",
        f"  not flagged     {s.false_negative:>13}   {s.true_negative:>13}",
    ]) + "\n"
