"""Measuring framing against annotated news: readers for annotated data and span scores.

**Data format (PTC style).** The Propaganda Techniques Corpus (SemEval-2020 Task 11)
keeps one folder per split::

    articles/article<ID>.txt                  the article text, UTF-8
    labels/article<ID>.task-flc-tc.labels     one span a line:
                                              <ID> TAB <technique> TAB <start> TAB <end>

Offsets are 0-based, end-exclusive character offsets into the article text exactly as
stored: the file is decoded from bytes without translating newlines (``\\r\\n`` stays two
characters) and a leading byte-order mark is kept as a character, because the
annotation offsets count it. Spans may overlap. Users can put their own annotated
articles in the same layout and evaluate on them.

**Span-overlap scores.** A predicted span and a gold span *overlap* when they share at
least one character (``p.start < g.end and g.start < p.end``; an empty span overlaps
nothing). Then

- precision = predicted spans that overlap some gold span / predicted spans,
- recall    = gold spans overlapped by some predicted span / gold spans,
- F1        = 2 * precision * recall / (precision + recall),

each 0.0 when its denominator is 0. This is the lenient measure usually reported for
word-list matchers: it rewards finding the right stretch of text, not its exact
boundaries. Over many articles the counts are summed first (micro average), so a long
article weighs more than a short one.

Everything here is pure: functions take explicit arguments and return frozen
dataclasses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from framing.document import parse
from framing.findings import Finding
from framing.loaded import loaded_findings
from framing.report import AnalysisConfig
from framing.resources import UnreadableFile, read_utf8

DEFAULT_LOADED_LABELS: tuple[str, ...] = ("Loaded_Language", "Name_Calling,Labeling")
"""The PTC techniques that correspond to framing's loaded-language findings."""

VOICE_CHOICES: tuple[str, ...] = ("all", "author", "quoted")
"""Which findings count as predictions: every one, or only those in one voice."""

_ARTICLE_RE = re.compile(r"^article(?P<id>.+)\.txt$")
_LABELS_SUFFIX = ".task-flc-tc.labels"


class EvaluationDataError(ValueError):
    """Annotated data that cannot be read; ``str()`` is a one-line message naming the
    file (and line, where there is one)."""


@dataclass(frozen=True)
class GoldSpan:
    """One annotated span: ``text[start:end]`` carries the technique ``label``."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article and its gold spans (in file order)."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]

    def gold(self, labels: Iterable[str]) -> tuple[tuple[int, int], ...]:
        """The distinct ``(start, end)`` pairs of the spans with one of ``labels``,
        sorted. A stretch annotated with two of the labels counts once."""
        wanted = _label_set(labels)
        return tuple(sorted({(s.start, s.end) for s in self.spans if s.label in wanted}))


@dataclass(frozen=True)
class Scores:
    """Span-overlap precision, recall and F1 with the counts behind them.

    ``predicted`` and ``gold`` are the numbers of spans; ``true_positive_pred`` is the
    number of predicted spans that overlap a gold span (precision's numerator) and
    ``true_positive_gold`` the number of gold spans overlapped by a prediction (recall's
    numerator). See the module docstring for the definitions.
    """

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    true_positive_pred: int
    true_positive_gold: int

    @staticmethod
    def from_counts(predicted: int, gold: int, true_positive_pred: int, true_positive_gold: int) -> "Scores":
        """Scores computed from the four counts (0.0 wherever a denominator is 0)."""
        precision = true_positive_pred / predicted if predicted else 0.0
        recall = true_positive_gold / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Scores(precision, recall, f1, predicted, gold, true_positive_pred, true_positive_gold)

    def to_dict(self) -> dict[str, Any]:
        """The scores as plain data (figures rounded to 4 places)."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "true_positive_pred": self.true_positive_pred,
            "true_positive_gold": self.true_positive_gold,
        }


def read_ptc(directory: str | Path) -> list[AnnotatedArticle]:
    """Read a PTC-style folder (see the module docstring), articles sorted by id.

    Every ``articles/article<ID>.txt`` needs its ``labels/article<ID>.task-flc-tc.labels``
    (an empty labels file means an article with no spans). Raises
    :class:`EvaluationDataError` for a missing folder, a folder without articles, a
    missing labels file, text that is not UTF-8, or a malformed label line (wrong field
    count, non-numeric offsets, offsets outside the text, an id that is not the
    article's).
    """
    root = Path(directory)
    if not root.is_dir():
        raise EvaluationDataError(f"{root}: no such directory")
    articles_dir, labels_dir = root / "articles", root / "labels"
    if not articles_dir.is_dir():
        raise EvaluationDataError(f"{root}: no articles/ folder (expected articles/article<ID>.txt)")
    found = [(m.group("id"), p) for p in articles_dir.iterdir()
             if p.is_file() and (m := _ARTICLE_RE.match(p.name))]
    if not found:
        raise EvaluationDataError(f"{articles_dir}: no article<ID>.txt files")
    found.sort(key=lambda item: _id_key(item[0]))
    articles = []
    for article_id, path in found:
        text = read_utf8_data(path, "an article file", keep_bom=True)
        labels_path = labels_dir / f"article{article_id}{_LABELS_SUFFIX}"
        if not labels_path.is_file():
            raise EvaluationDataError(f"{labels_path}: labels file missing for {path.name}")
        spans = _read_labels(labels_path, article_id, len(text))
        articles.append(AnnotatedArticle(article_id, text, spans))
    return articles


def _id_key(article_id: str) -> tuple[int, int, str]:
    return (0, int(article_id), "") if article_id.isdigit() else (1, 0, article_id)


def read_utf8_data(path: str | Path, what: str, keep_bom: bool = False) -> str:
    """The text of a UTF-8 data file; EvaluationDataError with a one-line message naming
    the file otherwise. ``what`` names the kind of file expected ("a CSV file"); see
    :func:`framing.resources.read_utf8` for ``keep_bom``."""
    path = Path(path)
    try:
        return read_utf8(path, what, keep_bom)
    except UnreadableFile as exc:
        raise EvaluationDataError(f"{path}: {exc.reason}") from None


def _read_labels(path: Path, article_id: str, length: int) -> tuple[GoldSpan, ...]:
    spans = []
    for number, line in enumerate(read_utf8_data(path, "a labels file", keep_bom=True).splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != 4:
            raise EvaluationDataError(f"{path}:{number}: expected 4 tab-separated fields (id, technique, start, end), got {len(fields)}")
        line_id, label, start_text, end_text = (f.strip() for f in fields)
        if line_id != article_id:
            raise EvaluationDataError(f"{path}:{number}: article id {line_id!r} is not {article_id!r}")
        try:
            start, end = int(start_text), int(end_text)
        except ValueError:
            raise EvaluationDataError(f"{path}:{number}: offsets must be whole numbers") from None
        if not 0 <= start <= end <= length:
            raise EvaluationDataError(f"{path}:{number}: span {start}-{end} is outside the article (length {length})")
        spans.append(GoldSpan(label, start, end))
    return tuple(spans)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_flags(spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> list[bool]:
    """For each of ``spans``, whether it overlaps any of ``others``."""
    return [any(_overlaps(s, o) for o in others) for s in spans]


def span_overlap_prf(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> Scores:
    """Span-overlap precision, recall and F1 of ``predicted`` against ``gold`` spans
    (``(start, end)`` pairs, end-exclusive) in one text.

    Precision is the share of predicted spans that overlap at least one gold span;
    recall the share of gold spans overlapped by at least one predicted span; F1 their
    harmonic mean. Each is 0.0 when its denominator is 0 (so two empty inputs score
    0.0, with all counts 0). Spans are counted as given: pass distinct spans.
    """
    tp_pred = sum(overlap_flags(predicted, gold))
    tp_gold = sum(overlap_flags(gold, predicted))
    return Scores.from_counts(len(predicted), len(gold), tp_pred, tp_gold)


def aggregate_scores(scores: Iterable[Scores]) -> Scores:
    """Micro-averaged scores over many texts: the counts are summed, then the figures
    recomputed from the sums."""
    predicted = gold = tp_pred = tp_gold = 0
    for s in scores:
        predicted += s.predicted
        gold += s.gold
        tp_pred += s.true_positive_pred
        tp_gold += s.true_positive_gold
    return Scores.from_counts(predicted, gold, tp_pred, tp_gold)


@dataclass(frozen=True)
class CategoryPrecision:
    """How one finding category fared: its predictions and how many overlap gold."""

    category: str
    predicted: int
    true_positive: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def false_positive(self) -> int:
        return self.predicted - self.true_positive

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "predicted": self.predicted, "true_positive": self.true_positive,
                "false_positive": self.false_positive, "precision": round(self.precision, 4)}


@dataclass(frozen=True)
class LabelRecall:
    """How many gold spans of one technique label were overlapped by a prediction."""

    label: str
    gold: int
    found: int

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "gold": self.gold, "found": self.found, "recall": round(self.recall, 4)}


@dataclass(frozen=True)
class Outcome:
    """One prediction: the article it is in, the finding, and whether it overlaps a
    gold span (a true positive under span overlap)."""

    article_id: str
    finding: Finding
    true_positive: bool


@dataclass(frozen=True)
class LoadedEvaluation:
    """The result of :func:`evaluate_loaded_ptc`.

    ``scores`` are the micro-averaged span-overlap figures; ``categories`` break the
    predictions down by finding category (most predictions first) so curators see
    where precision is lost; ``gold_labels`` give the recall of each gold technique;
    ``outcomes`` list every prediction with its verdict (not written by ``to_dict``).
    """

    articles: int
    labels: tuple[str, ...]
    voice: str
    scores: Scores
    categories: tuple[CategoryPrecision, ...]
    gold_labels: tuple[LabelRecall, ...]
    outcomes: tuple[Outcome, ...] = ()
    min_severity: str = "info"

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as plain data (for JSON)."""
        return {
            "task": "loaded",
            "measure": "span_overlap",
            "articles": self.articles,
            "labels": list(self.labels),
            "voice": self.voice,
            "min_severity": self.min_severity,
            "scores": self.scores.to_dict(),
            "categories": [c.to_dict() for c in self.categories],
            "gold_labels": [g.to_dict() for g in self.gold_labels],
        }


def _label_set(labels: Iterable[str]) -> frozenset[str]:
    return frozenset((labels,) if isinstance(labels, str) else labels)


def _normalise_voice(voice: str | None) -> str:
    voice = voice or "all"
    if voice not in VOICE_CHOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICE_CHOICES)} (or None), not {voice!r}")
    return voice


SEVERITY_RANK = {"info": 0, "notice": 1, "warning": 2}


def predict_loaded(text: str, config: AnalysisConfig | None = None, voice: str | None = None,
                   min_severity: str = "info") -> list[Finding]:
    """The loaded-language findings that :func:`framing.analyse` reports for ``text``
    (same document model, same lexicons, boilerplate skipped), optionally only those
    in one ``voice`` (``"author"`` or ``"quoted"``; None or ``"all"``: every one) and
    at or above ``min_severity`` (``info`` keeps all; ``notice`` drops the findings a
    report marks as merely worth knowing)."""
    voice = _normalise_voice(voice)
    if min_severity not in SEVERITY_RANK:
        raise ValueError(f"min_severity must be one of {', '.join(SEVERITY_RANK)}, not {min_severity!r}")
    floor = SEVERITY_RANK[min_severity]
    config = config or AnalysisConfig.default()
    document = parse(text, config.document)
    return [f for f in loaded_findings(document, config.loaded)
            if f.kind == "loaded_language" and (voice == "all" or f.voice == voice)
            and SEVERITY_RANK[f.severity] >= floor]


def evaluate_loaded_ptc(
    articles: Iterable[AnnotatedArticle],
    labels: Sequence[str] = DEFAULT_LOADED_LABELS,
    voice: str | None = None,
    config: AnalysisConfig | None = None,
    min_severity: str = "info",
) -> LoadedEvaluation:
    """Score framing's loaded-language findings against the gold spans of ``labels``.

    Each article's text is analysed as :func:`framing.analyse` would (see
    :func:`predict_loaded`); every loaded-language finding is a predicted span, or only
    the author-voice ones with ``voice="author"``. Gold spans are the distinct
    ``(start, end)`` stretches annotated with any of ``labels``. Scores are span-overlap
    precision / recall / F1, micro-averaged over the articles. ``min_severity``
    drops findings below that severity (see :func:`predict_loaded`).
    """
    labels = (labels,) if isinstance(labels, str) else tuple(dict.fromkeys(labels))
    voice = _normalise_voice(voice)
    config = config or AnalysisConfig.default()
    per_article: list[Scores] = []
    outcomes: list[Outcome] = []
    label_gold: Counter[str] = Counter()
    label_found: Counter[str] = Counter()
    count = 0
    for article in articles:
        count += 1
        findings = predict_loaded(article.text, config, voice, min_severity)
        predicted = [(f.start, f.end) for f in findings]
        gold = article.gold(labels)
        per_article.append(span_overlap_prf(predicted, gold))
        for finding, hit in zip(findings, overlap_flags(predicted, gold)):
            outcomes.append(Outcome(article.id, finding, hit))
        for label in labels:
            spans = article.gold((label,))
            label_gold[label] += len(spans)
            label_found[label] += sum(overlap_flags(spans, predicted))
    by_category: dict[str, list[int]] = {}
    for outcome in outcomes:
        tally = by_category.setdefault(outcome.finding.category, [0, 0])
        tally[0] += 1
        tally[1] += outcome.true_positive
    categories = tuple(sorted(
        (CategoryPrecision(c, n, tp) for c, (n, tp) in by_category.items()),
        key=lambda c: (-c.predicted, c.category),
    ))
    return LoadedEvaluation(
        articles=count, labels=labels, voice=voice, min_severity=min_severity,
        scores=aggregate_scores(per_article),
        categories=categories,
        gold_labels=tuple(LabelRecall(l, label_gold[l], label_found[l]) for l in labels),
        outcomes=tuple(outcomes),
    )


def format_evaluation(evaluation: LoadedEvaluation, data: str | None = None) -> str:
    """The evaluation as a plain-text table for the terminal (ends with a newline)."""
    s = evaluation.scores
    lines = [
        "Loaded language, span overlap" + (f" on {data}" if data else ""),
        f"articles: {evaluation.articles}   voice: {evaluation.voice}   min severity: {evaluation.min_severity}   gold labels: {' | '.join(evaluation.labels)}",
        "",
        f"precision  {s.precision:.3f}   ({s.true_positive_pred} of {s.predicted} predicted spans overlap a gold span)",
        f"recall     {s.recall:.3f}   ({s.true_positive_gold} of {s.gold} gold spans overlapped)",
        f"F1         {s.f1:.3f}",
        "",
        "Precision by finding category:",
        f"  {'category':<24}{'predicted':>10}{'true pos':>10}{'false pos':>10}{'precision':>11}",
    ]
    for c in evaluation.categories:
        lines.append(f"  {c.category:<24}{c.predicted:>10}{c.true_positive:>10}{c.false_positive:>10}{c.precision:>11.3f}")
    if not evaluation.categories:
        lines.append("  (no predictions)")
    lines += ["", "Recall by gold label:", f"  {'label':<24}{'gold':>10}{'found':>10}{'recall':>11}"]
    for g in evaluation.gold_labels:
        lines.append(f"  {g.label:<24}{g.gold:>10}{g.found:>10}{g.recall:>11.3f}")
    return "\n".join(lines) + "\n"
