"""Unsupported generalisations, hedges and boosters.

A generalisation cue ("it is common knowledge that", "experts say", "it is believed",
"politicians never", "the separatists receive") presents a claim as settled, universal
or backed by authority. Each one is checked for support: it is **supported** when its
sentence, or the sentence right after it, names where the claim comes from (a named
source with a reporting verb, "according to" a name, a named study or data set, a
figure with its origin, or a link; see ``lexicons/support-cues.toml``), and
**unsupported** otherwise. Unnamed sources (officials, experts, sources) never count.
This local check stands in until the attribution module supplies relations.

Hedges ("may", "reportedly", "allegedly") and boosters ("clearly", "of course") are
findings of their own kinds: informational, never counted as generalisations.

A cue inside a quotation is the speaker's claim, not the author's: it is not reported.

**Scores**: per paragraph and article, the number of unsupported generalisations in the
author's voice, plus the counts of all generalisations, hedges and boosters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Iterable, Sequence

from framing.document import Document, Paragraph, Sentence, parse
from framing.findings import Finding, Support
from framing.lexicon import Lexicon, shipped_lexicons
from framing.matcher import Match, Matcher, resolve_overlaps

GENERALISATION_KINDS = ("generalisation", "hedge", "booster")

_DEFAULT_QUESTION = {
    "generalisation": "Who says so, and what is the evidence?",
    "hedge": "Who is uncertain, and why?",
    "booster": "What shows this? The evidence would say more than the adverb.",
}


@dataclass(frozen=True)
class GeneralisationConfig:
    """The cue lexicons (generalisation, hedge, booster) and the support cues."""

    lexicons: tuple[Lexicon, ...]
    support: tuple[Lexicon, ...]

    @staticmethod
    @cache
    def default() -> "GeneralisationConfig":
        """The shipped configuration (read once; it is read-only data)."""
        shipped = shipped_lexicons()
        return GeneralisationConfig(
            lexicons=tuple(l for l in shipped if l.kind in GENERALISATION_KINDS),
            support=tuple(l for l in shipped if l.kind == "support"),
        )

    @cached_property
    def cue_matcher(self) -> Matcher:
        return Matcher(e for l in self.lexicons for e in l.entries)

    @cached_property
    def support_matcher(self) -> Matcher:
        return Matcher(e for l in self.support for e in l.entries)


class _SupportIndex:
    """Support-cue matches by window: a cue's sentence with the next one (for support),
    or its sentence alone (for a named example right after a vague authority). Each
    distinct window is scanned once, on its own, with its own end as the limit, so a
    long sentence is read a bounded number of times however many cues it holds, and
    what one cue finds never depends on another cue nearby."""

    def __init__(self, document: Document, config: GeneralisationConfig) -> None:
        self.document = document
        self.matcher = config.support_matcher
        self._found: dict[tuple[int, int], list[Match]] = {}

    def matches(self, sentences: Sequence[Sentence]) -> list[Match]:
        """Support-cue matches in the consecutive ``sentences``, in text order."""
        key = (sentences[0].index, sentences[-1].index)
        found = self._found.get(key)
        if found is None:
            paragraph = self.document.paragraphs[sentences[0].paragraph]
            found = self._found[key] = self.matcher.find(self.document, [_window(paragraph, list(sentences))])
        return found


def _window(paragraph: Paragraph, sentences: list[Sentence]) -> Paragraph:
    """A stretch of consecutive sentences of ``paragraph``, to scan as if a paragraph."""
    return Paragraph(paragraph.index, sentences[0].start, sentences[-1].end, paragraph.kind, tuple(sentences))


def _support_in(document: Document, sentences: list[Sentence], cue: Match, support: _SupportIndex) -> Support | None:
    """The first support cue in the given sentences that lies outside the cue itself."""
    for match in support.matches(sentences):
        if match.entry.category == "naming":
            continue
        if match.start >= cue.start and match.end <= cue.end:
            continue
        if match.start < cue.end and match.end > cue.start:
            continue  # overlapping the cue: the cue's own words are not its support
        if not document.quote_at(match.start, match.end):
            return Support(kind=match.entry.category, start=match.start, end=match.end,
                           text=document.text[match.start:match.end], rule=match.entry.id)
    return None


def _support_for(document: Document, cue: Match, support: _SupportIndex) -> Support | None:
    sentence = document.sentence_at(cue.start)
    if sentence is None:
        return None
    paragraph = document.paragraphs[sentence.paragraph]
    following = [s for s in paragraph.sentences if s.index == sentence.index + 1]
    return _support_in(document, [sentence, *following], cue, support)


_NAMING_WINDOW = 3  # characters between a vague cue and a named example


def _names_authority(cue: Match, sentence: Sentence, support: _SupportIndex) -> bool:
    """Whether a named example follows the vague-authority cue at once."""
    return any(m.entry.category == "naming" and 0 <= m.start - cue.end <= _NAMING_WINDOW
               for m in support.matches([sentence]))


def generalisation_findings(document: Document, config: GeneralisationConfig | None = None) -> list[Finding]:
    """Generalisation, hedge and booster findings in the author's voice, in text order,
    over the document's non-boilerplate paragraphs."""
    config = config or GeneralisationConfig.default()
    paragraphs = [p for p in document.paragraphs if p.kind != "boilerplate"]
    matches = config.cue_matcher.find(document, paragraphs)
    kept: list[Match] = []
    for kind in GENERALISATION_KINDS:
        kept.extend(resolve_overlaps([m for m in matches if m.entry.kind == kind]))
    findings = []
    text = document.text
    kept.sort(key=lambda m: (m.start, m.end))
    support = _SupportIndex(document, config)
    for match in kept:
        if document.quote_at(match.start, match.end):
            continue  # the speaker's claim, not the author's
        entry = match.entry
        question = entry.suggestion or _DEFAULT_QUESTION[entry.kind]
        extra: dict = {}
        if entry.kind == "generalisation":
            sentence = document.sentence_at(match.start)
            if entry.category == "vague_authority" and sentence and _names_authority(match, sentence, support):
                continue  # "experts say, including Professor X": the authority is named
            found = _support_for(document, match, support)
            extra = dict(
                supported=found is not None, support=found,
                claim_start=sentence.start if sentence else match.start,
                claim_end=sentence.end if sentence else match.end,
            )
        findings.append(Finding(
            kind=entry.kind, category=entry.category, start=match.start, end=match.end,
            text=text[match.start:match.end], voice="author", severity=entry.severity,
            score=entry.score, rule=entry.id, explanation=entry.explanation, suggestion=None,
            question=question, **extra,
        ))
    return findings


def find_generalisations(text: str, config: GeneralisationConfig | None = None) -> list[Finding]:
    """Generalisations (supported or not), hedges and boosters in ``text``, in text order.

    Filter on ``finding.kind`` (``generalisation``, ``hedge``, ``booster``) and
    ``finding.supported`` as needed.
    """
    return generalisation_findings(parse(text), config)


def unsupported_count(findings: Iterable[Finding]) -> int:
    """Unsupported generalisations in the author's voice."""
    return sum(1 for f in findings if f.kind == "generalisation" and f.supported is False and f.voice == "author")
