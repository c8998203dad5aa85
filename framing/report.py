"""The report: result types for a whole analysis, and :func:`analyse`.

``Report.to_dict()`` writes the JSON schema ``framing.report/1`` (documented in
``docs/schema.md``): keys may be added, none renamed without a new schema version.
"""

from __future__ import annotations

import gc
import json
import threading
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generator, Iterable, Iterator, Sequence

from framing.attribution import Attribution, AttributionConfig, Balance, attribution_balance
from framing.document import Document, DocumentConfig, Paragraph, parse
from framing.findings import Finding
from framing.generalisation import (GENERALISATION_KINDS, GeneralisationConfig, generalisation_findings,
                                    unsupported_count)
from framing.lexicon import Lexicon, LexiconError, check_unique_ids, load_lexicon
from framing.loaded import LoadedConfig, author_words, density, loaded_findings
from framing.matcher import share_scans
from framing.readability import Readability, SyllableCounter, measure_paragraph
from framing.sides import Sides, SidesComparison, compare_sides

if TYPE_CHECKING:  # pragma: no cover
    from framing.classifier import BiasModel  # imported at run time only when a model is loaded

SCHEMA = "framing.report/1"


@dataclass(frozen=True)
class AnalysisConfig:
    """Everything an analysis reads besides the text. Build it once (the default is
    read from the shipped data) and pass it to every call."""

    document: DocumentConfig
    loaded: LoadedConfig
    syllables: SyllableCounter | None = None
    generalisation: GeneralisationConfig | None = None
    attribution: AttributionConfig | None = None
    sides: "Sides | None" = None
    model: "BiasModel | None" = None

    @staticmethod
    @cache
    def default(model: bool = True) -> "AnalysisConfig":
        """The shipped configuration; ``model=False`` leaves the sentence classifier out
        (and does not load it). Built once for each value of ``model``: its parts are
        the shipped defaults, each read once, and the configuration is frozen."""
        from framing.classifier import BiasModel

        return AnalysisConfig(DocumentConfig.default(), LoadedConfig.default(),
                              generalisation=GeneralisationConfig.default(),
                              attribution=AttributionConfig.default(),
                              model=BiasModel.default() if model else None)

    def with_model(self, model: "BiasModel | None") -> "AnalysisConfig":
        """A copy that scores sentences with ``model`` (None: no classifier)."""
        return replace(self, model=model)

    def with_sides(self, sides: "Sides | None") -> "AnalysisConfig":
        """A copy whose reports compare the given sides (see framing.sides)."""
        return replace(self, sides=sides)

    def with_lexicons(self, paths: Iterable[str | Path]) -> "AnalysisConfig":
        """A copy with the user's lexicon files added, each where its kind belongs
        (loaded language, or generalisation / hedge / booster). LexiconError for a
        broken file, a kind that cannot be added, or an id that is already used."""
        return self.with_loaded_lexicons([load_lexicon(p) for p in paths])

    def with_loaded_lexicons(self, extra: Sequence[Lexicon]) -> "AnalysisConfig":
        """:meth:`with_lexicons` for lexicons read already."""
        for lexicon in extra:
            if lexicon.kind not in ("loaded_language", *GENERALISATION_KINDS):
                raise LexiconError(lexicon.path, 1, f"a {lexicon.kind} lexicon cannot be added to a report "
                                   "(kind must be loaded_language, generalisation, hedge or booster)")
        generalisation = self.generalisation or GeneralisationConfig.default()
        loaded = replace(self.loaded, lexicons=self.loaded.lexicons + tuple(l for l in extra if l.kind == "loaded_language"))
        generalisation = GeneralisationConfig(
            generalisation.lexicons + tuple(l for l in extra if l.kind in GENERALISATION_KINDS),
            generalisation.support)
        check_unique_ids(loaded.lexicons + generalisation.lexicons)
        return replace(self, loaded=loaded, generalisation=generalisation)


@dataclass(frozen=True, slots=True)
class ParagraphReport:
    """One paragraph: where it is, what kind it is, what was found in it, its scores.

    ``loaded_language`` is severity-weighted author-voice hits per 100 author words;
    ``readability`` is None for headings and boilerplate. The generalisation counts are
    properties over ``findings``.
    """

    index: int
    start: int
    end: int
    kind: str
    text: str
    findings: tuple[Finding, ...]
    author_words: int
    loaded_language: float
    readability: Readability | None
    attributions: tuple[Attribution, ...] = ()
    sentence_bias: tuple[tuple[int, int, float], ...] = ()

    @property
    def bias_probability(self) -> float | None:
        """The classifier's highest sentence probability in this paragraph that a
        sentence is loaded in the author's voice (None without a model or sentences)."""
        return max((p for _, _, p in self.sentence_bias), default=None)

    @property
    def scored(self) -> bool:
        """Whether this paragraph counts toward the article's scores."""
        return self.kind != "boilerplate"

    @property
    def unsupported_generalisations(self) -> int:
        return unsupported_count(self.findings)

    def count(self, kind: str) -> int:
        """Findings of ``kind`` in the author's voice."""
        return sum(1 for f in self.findings if f.kind == kind and f.voice == "author")

    def to_dict(self) -> dict[str, Any]:
        counts = Counter(f.voice for f in self.findings if f.kind == "loaded_language")
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "findings": [f.to_dict() for f in self.findings],
            "attributions": [a.to_dict() for a in self.attributions],
            "scores": {
                "loaded_language": round(self.loaded_language, 2),
                "loaded_findings_author": counts["author"],
                "loaded_findings_quoted": counts["quoted"],
                "author_words": self.author_words,
                "unsupported_generalisations": self.unsupported_generalisations,
                "generalisations": self.count("generalisation"),
                "hedges": self.count("hedge"),
                "boosters": self.count("booster"),
                "bias_probability": None if self.bias_probability is None else round(self.bias_probability, 3),
                "readability": self.readability.to_dict() if self.readability else None,
            },
            "sentences": [{"start": a, "end": b, "bias_probability": round(p, 3)} for a, b, p in self.sentence_bias],
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Article-level figures over the scored (non-boilerplate) paragraphs."""

    loaded_language: float
    author_words: int
    findings_author: int
    findings_quoted: int
    categories: tuple[tuple[str, int], ...]
    readability: Readability
    paragraphs: tuple[tuple[str, int], ...]
    unsupported_generalisations: int = 0
    generalisations: int = 0
    hedges: int = 0
    boosters: int = 0
    balance: Balance | None = None
    sides: SidesComparison | None = None
    bias_probability: float | None = None
    loaded_sentences: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": {
                "loaded_language": round(self.loaded_language, 2),
                "loaded_findings_author": self.findings_author,
                "loaded_findings_quoted": self.findings_quoted,
                "author_words": self.author_words,
                "unsupported_generalisations": self.unsupported_generalisations,
                "generalisations": self.generalisations,
                "hedges": self.hedges,
                "boosters": self.boosters,
                "bias_probability": None if self.bias_probability is None else round(self.bias_probability, 3),
                "loaded_sentences": self.loaded_sentences,
                "readability": self.readability.to_dict(),
            },
            "categories": dict(self.categories),
            "paragraphs": dict(self.paragraphs),
            **self._attribution_dict(),
        }

    def _attribution_dict(self) -> dict[str, Any]:
        """``sources``, ``balance``, ``voice_gap`` (and ``sides``) per schema framing.report/1."""
        if self.balance is None:
            return {}
        figures = self.balance.to_dict()
        data = {
            "sources": figures.pop("sources"),
            "voice_gap": figures.pop("voice_gap"),
            "balance": figures,
        }
        if self.sides is not None:
            data["sides"] = self.sides.to_dict()
        return data


@dataclass(frozen=True, slots=True)
class Report:
    """The analysis of one text. ``text`` is the analysed string; every offset in the
    report indexes into it."""

    source: str | None
    text: str
    paragraphs: tuple[ParagraphReport, ...]
    summary: Summary
    schema: str = SCHEMA

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in text order."""
        return tuple(f for p in self.paragraphs for f in p.findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data, following schema ``framing.report/1``."""
        return {
            "schema": self.schema,
            "source": self.source,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "summary": self.summary.to_dict(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8 safe, keys in a fixed order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _paragraph_report(document: Document, paragraph: Paragraph, findings: list[Finding], counter: SyllableCounter | None,
                      attributions: tuple[Attribution, ...],
                      sentence_bias: tuple[tuple[int, int, float], ...]) -> ParagraphReport:
    scored = paragraph.kind != "boilerplate"
    readability = None
    paragraph_words = document.paragraph_words(paragraph)  # counted by parse()
    if paragraph.kind == "body":
        readability = measure_paragraph(document.text, [(s.start, s.end) for s in paragraph.sentences],
                                        paragraph_words, counter)
    words = author_words(document, paragraph.start, paragraph.end, len(paragraph_words)) if scored else 0
    return ParagraphReport(
        index=paragraph.index, start=paragraph.start, end=paragraph.end, kind=paragraph.kind,
        text=document.text[paragraph.start:paragraph.end], findings=tuple(findings),
        author_words=words, loaded_language=density(findings, words), readability=readability,
        attributions=attributions, sentence_bias=sentence_bias,
    )


def _summary(paragraphs: tuple[ParagraphReport, ...], probabilities: list[float], balance: Balance | None,
             sides: SidesComparison | None, config: AnalysisConfig) -> Summary:
    """The article's figures over its scored paragraphs (``probabilities``: the
    classifier's, of every scored sentence)."""
    scored = [p for p in paragraphs if p.scored]
    scored_findings = [f for p in scored for f in p.findings]
    words = sum(p.author_words for p in scored)
    authored, categories, quoted = _voice_counts(scored_findings)
    kinds = [p.kind for p in paragraphs]
    return Summary(
        loaded_language=density(scored_findings, words),
        author_words=words,
        findings_author=authored.get("loaded_language", 0),
        findings_quoted=quoted,
        categories=tuple(sorted(categories.items())),
        readability=_total_readability(paragraphs),
        paragraphs=tuple([(kind, kinds.count(kind)) for kind in ("body", "heading", "boilerplate")]),
        unsupported_generalisations=unsupported_count(scored_findings),
        generalisations=authored.get("generalisation", 0),
        hedges=authored.get("hedge", 0),
        boosters=authored.get("booster", 0),
        balance=balance,
        sides=sides,
        bias_probability=sum(probabilities) / len(probabilities) if probabilities else None,
        loaded_sentences=None if config.model is None else sum(1 for pr in probabilities if pr >= config.model.threshold),
    )


def _voice_counts(findings: list[Finding]) -> tuple[dict[str, int], dict[str, int], int]:
    """In one pass over ``findings``: the author-voice findings by kind, the author-voice
    loaded-language findings by category (kinds and categories with none are left
    out), and how many loaded-language findings are quoted. (Plain dictionaries: a
    Counter answers a missing key through a Python method, once per kind per text.)"""
    authored: dict[str, int] = {}
    categories: dict[str, int] = {}
    quoted = 0
    for f in findings:
        if f.voice == "author":
            authored[f.kind] = authored.get(f.kind, 0) + 1
            if f.kind == "loaded_language":
                categories[f.category] = categories.get(f.category, 0) + 1
        elif f.voice == "quoted" and f.kind == "loaded_language":
            quoted += 1
    return authored, categories, quoted


def _total_readability(paragraphs: tuple[ParagraphReport, ...]) -> Readability:
    """The words, sentences and syllables of the paragraphs that have a readability."""
    return sum((p.readability for p in paragraphs if p.readability is not None), Readability(0, 0, 0))


CONTRADICTED_BELOW = 0.2
"""A loaded-language flag in the author's voice whose sentence the classifier scores
below this probability is down-weighted: the context reads as neutral (a sports
'attack', a literal 'flood'), so the flag counts half toward the paragraph score and
says so. The flag itself stays in the report: the reader decides."""


def _weigh_by_context(finding: Finding, bias: dict[int, list[tuple[int, int, float]]], document: Document) -> Finding:
    if finding.kind != "loaded_language" or finding.voice != "author":
        return finding
    sentence = document.sentence_at(finding.start)
    if sentence is None:
        return finding
    probability = next((p for a, b, p in bias.get(sentence.paragraph, ()) if a == sentence.start), None)
    if probability is None or probability >= CONTRADICTED_BELOW:
        return finding
    return replace(finding, score=finding.score / 2, context=round(probability, 3),
                   explanation=f"{finding.explanation} The sentence classifier reads this sentence as neutral "
                               f"(probability {probability:.2f}), so this flag counts half.")


class _CyclicGcPaused:
    """Pause Python's cyclic garbage collector for the length of one analysis (a
    ``with`` block), when the analysis is all the process is running.

    An analysis makes hundreds of thousands of small objects, and each full collection
    walks every long-lived one too (lexicons, matchers, the model): about a tenth of the
    time per megabyte. Reference counting still frees what the analysis drops; the few
    cycles it makes are collected once the collector resumes. The collector is a setting
    of the whole process, so it is left alone when other threads are running (their
    garbage is theirs) and when it was off already. (A class rather than a
    ``contextlib`` generator, which costs a few microseconds per call, paid for every
    text.)"""

    __slots__ = ("paused",)

    def __enter__(self) -> None:
        self.paused = gc.isenabled() and threading.active_count() == 1
        if self.paused:
            gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.paused:
            gc.enable()


def analyse(text: str, *, source: str | None = None, config: AnalysisConfig | None = None) -> Report:
    """Analyse ``text`` paragraph by paragraph and return the :class:`Report`.

    ``source`` names the text in the report (a file name, a URL); ``config`` carries
    the lexicons and settings (default: those shipped with framing).
    """
    with _CyclicGcPaused():
        return _finish(_analysis(text, source, config or AnalysisConfig.default()))


_BATCH_TEXTS = 64
_BATCH_CHARACTERS = 1_000_000


def analyse_many(texts: Iterable[str], *, sources: Iterable[str | None] | None = None,
                 config: AnalysisConfig | None = None) -> Iterator[Report]:
    """The :class:`Report` of each of ``texts``, in order: exactly what :func:`analyse`
    gives for each (``sources`` name them, in the same order), but faster over many
    articles. Texts are taken in batches (up to 64 texts or a million characters) and each
    stage of the analysis runs over the whole batch before the next begins, so the
    stage's data (lexicons, prefix trees, the model) stays in the processor's caches
    instead of taking turns every few kilobytes: on short articles about 10% less time
    on a quiet machine, up to a quarter on a busy one. Reports come out one batch at a
    time; an error in one text (a text that is not a ``str``) ends the iteration, and the
    reports of its batch are not given."""
    config = config or AnalysisConfig.default()
    names = iter(sources) if sources is not None else None
    batch: list[tuple[str, str | None]] = []
    size = 0
    for text in texts:
        batch.append((text, next(names, None) if names is not None else None))
        size += len(text)
        if len(batch) >= _BATCH_TEXTS or size >= _BATCH_CHARACTERS:
            yield from _analyse_batch(batch, config)
            batch, size = [], 0
    if batch:
        yield from _analyse_batch(batch, config)


def _analyse_batch(batch: list[tuple[str, str | None]], config: AnalysisConfig) -> list[Report]:
    """Advance every text's analysis one stage at a time, all texts per stage."""
    with _CyclicGcPaused():
        running = [_analysis(text, source, config) for text, source in batch]
        reports: list[Report | None] = [None] * len(running)
        active = list(range(len(running)))
        while active:
            still = []
            for i in active:
                try:
                    next(running[i])
                    still.append(i)
                except StopIteration as done:
                    reports[i] = done.value
            active = still
    return [r for r in reports if r is not None]


def _finish(analysis: Generator[None, None, Report]) -> Report:
    """Run one analysis through all its stages."""
    try:
        while True:
            next(analysis)
    except StopIteration as done:
        return done.value


def _analysis(text: str, source: str | None, config: AnalysisConfig) -> Generator[None, None, Report]:
    """The analysis of one text, pausing (``yield``) between stages so that
    :func:`analyse_many` can run each stage over many texts in turn; returns the Report."""
    # The three lexicon matchers find where their entries can start in one pass.
    share_scans((config.loaded.matcher, (config.generalisation or GeneralisationConfig.default()).cue_matcher,
                 (config.attribution or AttributionConfig.default()).matcher))
    document = parse(text, config.document)
    yield
    findings = loaded_findings(document, config.loaded)
    yield
    findings += generalisation_findings(document, config.generalisation)
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    yield
    counter = config.syllables
    bias: dict[int, list[tuple[int, int, float]]] = {}
    if config.model is not None:
        scored_sentences = [s for p in document.paragraphs if p.kind != "boilerplate" for s in p.sentences]
        probabilities = config.model.predict_document(document, findings=findings,
                                                      spans=[(s.start, s.end) for s in scored_sentences])
        for sentence, probability in zip(scored_sentences, probabilities):
            bias.setdefault(sentence.paragraph, []).append((sentence.start, sentence.end, probability))
        findings = [_weigh_by_context(f, bias, document) for f in findings]
        yield
    by_paragraph: dict[int, list[Finding]] = {}
    for finding in findings:
        paragraph = document.paragraph_at(finding.start)
        if paragraph is not None:
            by_paragraph.setdefault(paragraph.index, []).append(finding)
    voices = attribution_balance(text, config.attribution, document=document)
    yield
    attributions_by_paragraph: dict[int, list[Attribution]] = {}
    for attribution in voices.attributions:
        attributions_by_paragraph.setdefault(attribution.paragraph, []).append(attribution)
    paragraphs = tuple(
        _paragraph_report(document, p, by_paragraph.get(p.index, []), counter,
                          tuple(attributions_by_paragraph.get(p.index, ())), tuple(bias.get(p.index, ())))
        for p in document.paragraphs
    )
    probabilities_all = [pr for rows in bias.values() for _, _, pr in rows]
    sides = compare_sides(voices, config.sides, text=text) if config.sides is not None else None
    summary = _summary(paragraphs, probabilities_all, voices.balance, sides, config)
    return Report(source=source, text=text, paragraphs=paragraphs, summary=summary)
