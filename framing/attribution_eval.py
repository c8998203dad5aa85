"""Measuring attribution against annotated relations (PolNeAR-style brat data).

For every article, framing's attributions (:func:`framing.attribution.find_attributions`)
are compared with one annotator's relations (see :mod:`framing.brat`):

- **cues, sources, contents**: span-overlap precision / recall / F1 of the distinct
  predicted spans against the distinct gold spans of that role (a gold span may be
  discontinuous; it overlaps a prediction when any of its pieces shares a character
  with it). Gold cues and contents come from every relation, gold sources from those
  that have one (PolNeAR's ``Attribution-no-source`` relations have none);
- **relations**: a predicted relation matches a gold relation when its cue overlaps the
  gold cue *and* its source overlaps the gold source. Precision is the share of
  predicted relations that match some gold relation, recall the share of gold
  relations *with a source* that some prediction matches (framing never predicts a
  relation without a source, so source-less gold relations are left out of recall and
  counted separately).

Counts are summed over the articles before the figures are computed (micro average),
as in :mod:`framing.evaluation`, whose :class:`~framing.evaluation.Scores` is reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from framing.attribution import Attribution, AttributionConfig, find_attributions
from framing.brat import AttributionArticle, BratRelation
from framing.document import parse
from framing.evaluation import Scores

Segments = tuple[tuple[int, int], ...]


def segments_overlap(a: Segments, b: Segments) -> bool:
    """Whether two (possibly discontinuous) spans share at least one character."""
    return any(s < f and t < e for s, e in a for t, f in b)


def overlap_scores(predicted: Sequence[Segments], gold: Sequence[Segments]) -> Scores:
    """Span-overlap scores of distinct predicted spans against distinct gold spans."""
    tp_pred = sum(any(segments_overlap(p, g) for g in gold) for p in predicted)
    tp_gold = sum(any(segments_overlap(g, p) for p in predicted) for g in gold)
    return Scores.from_counts(len(predicted), len(gold), tp_pred, tp_gold)


def _add(a: Scores, b: Scores) -> Scores:
    return Scores.from_counts(a.predicted + b.predicted, a.gold + b.gold,
                              a.true_positive_pred + b.true_positive_pred, a.true_positive_gold + b.true_positive_gold)


_EMPTY = Scores.from_counts(0, 0, 0, 0)


@dataclass(frozen=True)
class ArticleResult:
    """One article's scores and which annotator's file was used."""

    name: str
    annotator: str
    cues: Scores
    sources: Scores
    contents: Scores
    relations: Scores

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "annotator": self.annotator, "cues": self.cues.to_dict(),
                "sources": self.sources.to_dict(), "contents": self.contents.to_dict(),
                "relations": self.relations.to_dict()}


@dataclass(frozen=True)
class AttributionEvaluation:
    """Micro-averaged scores over the articles (see the module docstring) and the
    per-article results. ``sourceless_gold`` counts gold relations without a source."""

    articles: int
    cues: Scores
    sources: Scores
    contents: Scores
    relations: Scores
    sourceless_gold: int
    per_article: tuple[ArticleResult, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": "attribution", "articles": self.articles,
            "annotator_choice": "first annotator file in sorted order, one per article",
            "cues": self.cues.to_dict(), "sources": self.sources.to_dict(),
            "contents": self.contents.to_dict(), "relations": self.relations.to_dict(),
            "sourceless_gold_relations": self.sourceless_gold,
            "per_article": [a.to_dict() for a in self.per_article],
        }


def _gold(relations: Iterable[BratRelation], role: str) -> list[Segments]:
    found = {getattr(r, role).segments for r in relations if getattr(r, role) is not None}
    return sorted(found)


def score_article(article: AttributionArticle, attributions: Sequence[Attribution]) -> ArticleResult:
    """Scores of one article's predicted attributions against its gold relations."""
    relations = article.relations
    pred_cues = sorted({((a.cue_start, a.cue_end),) for a in attributions})
    pred_sources = sorted({((a.source_start, a.source_end),) for a in attributions})
    pred_contents = sorted({((a.content_start, a.content_end),) for a in attributions})
    gold_pairs = [(r.cue.segments, r.source.segments) for r in relations if r.cue is not None and r.source is not None]
    pred_pairs = sorted({(((a.cue_start, a.cue_end),), ((a.source_start, a.source_end),)) for a in attributions})

    def matches(p: tuple[Segments, Segments], g: tuple[Segments, Segments]) -> bool:
        return segments_overlap(p[0], g[0]) and segments_overlap(p[1], g[1])

    tp_pred = sum(any(matches(p, g) for g in gold_pairs) for p in pred_pairs)
    tp_gold = sum(any(matches(p, g) for p in pred_pairs) for g in gold_pairs)
    return ArticleResult(
        name=article.name, annotator=article.annotator,
        cues=overlap_scores(pred_cues, _gold(relations, "cue")),
        sources=overlap_scores(pred_sources, _gold(relations, "source")),
        contents=overlap_scores(pred_contents, _gold(relations, "content")),
        relations=Scores.from_counts(len(pred_pairs), len(gold_pairs), tp_pred, tp_gold),
    )


def evaluate_attribution(articles: Iterable[AttributionArticle], config: AttributionConfig | None = None,
                         progress: Callable[[int], None] | None = None) -> AttributionEvaluation:
    """Score framing's attributions on annotated articles (micro average)."""
    config = config or AttributionConfig.default()
    results = []
    sourceless = 0
    for number, article in enumerate(articles, start=1):
        attributions = find_attributions(parse(article.text), config)
        results.append(score_article(article, attributions))
        sourceless += sum(1 for r in article.relations if r.cue is not None and r.source is None)
        if progress is not None:
            progress(number)
    totals = {}
    for role in ("cues", "sources", "contents", "relations"):
        total = _EMPTY
        for result in results:
            total = _add(total, getattr(result, role))
        totals[role] = total
    return AttributionEvaluation(len(results), totals["cues"], totals["sources"], totals["contents"],
                                 totals["relations"], sourceless, tuple(results))


def format_attribution_evaluation(evaluation: AttributionEvaluation, data: str | None = None) -> str:
    """The evaluation as a plain-text table for the terminal (ends with a newline)."""
    lines = [
        "Attribution, span overlap" + (f" on {data}" if data else ""),
        f"articles: {evaluation.articles}   annotator: first file in sorted order per article",
        "",
        f"  {'':<10}{'precision':>10}{'recall':>10}{'F1':>8}{'predicted':>11}{'gold':>8}{'tp pred':>9}{'tp gold':>9}",
    ]
    for label, s in (("cues", evaluation.cues), ("sources", evaluation.sources),
                     ("contents", evaluation.contents), ("relations", evaluation.relations)):
        lines.append(f"  {label:<10}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.predicted:>11}{s.gold:>8}"
                     f"{s.true_positive_pred:>9}{s.true_positive_gold:>9}")
    lines += [
        "",
        "relations: a prediction matches when both its cue and its source overlap a gold relation's;",
        f"recall is over gold relations with a source ({evaluation.sourceless_gold} gold relations have none).",
    ]
    return "\n".join(lines) + "\n"
