"""Loaded language: lexicon hits and scare quotes, each with its voice, and the
loaded-language score.

A hit inside a quotation is the quoted speaker's word: it is reported with
``voice="quoted"`` but does not count toward the author's score.

**Loaded-language score** (paragraph and document): severity-weighted hits per 100
words in the author's voice,

    100 * sum(score of each author-voice finding) / (words outside quotations)

where a finding's score is its lexicon weight (info 0.25, notice 0.5, warning 0.8 by
default). 0 means no loaded wording of the author's own; 1 is one mild word in every
hundred; above 3 is heavily loaded copy (tabloid or opinion register). Boilerplate is
never scored.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Iterable, Sequence

from framing.document import Document, count_words, parse
from framing.findings import Finding
from framing.lexicon import Entry, Lexicon, LexiconError, check_unique_ids, load_lexicon, shipped_lexicons
from framing.matcher import RULE_REACH, Matcher, resolve_overlaps
from framing.resources import lexicon_dir

SCARE_QUOTE_RULE = "loaded.scare_quote"
_SCARE_QUOTE_MAX_WORDS = 3
_SCARE_QUOTE_SCORE = 0.5


def read_cue_list(path: Path) -> tuple[str, ...]:
    """Read a plain word list: one item per line, '#' comments, lower-cased."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = line.split("#", 1)[0].strip().lower()
        if item:
            items.append(item)
    return tuple(items)


@dataclass(frozen=True)
class LoadedConfig:
    """Everything loaded-language scoring reads: the lexicons, the speech cues that
    make a short quotation reported speech rather than a scare quote (and a label in
    the writer's voice attributed), the further cues that count for quotations only,
    and the allowed words."""

    lexicons: tuple[Lexicon, ...]
    speech_cues: tuple[str, ...]
    allow: frozenset[str] = frozenset()
    quotation_cues: tuple[str, ...] = ()

    @staticmethod
    @cache
    def default() -> "LoadedConfig":
        """The shipped configuration (read once; it is read-only data)."""
        return LoadedConfig(
            lexicons=tuple(l for l in shipped_lexicons() if l.kind == "loaded_language"),
            speech_cues=read_cue_list(lexicon_dir() / "speech-cues.txt"),
            quotation_cues=read_cue_list(lexicon_dir() / "quotation-cues.txt"),
        )

    def with_lexicons(self, paths: Iterable[str | Path]) -> "LoadedConfig":
        """A copy with the user's lexicon files added (LexiconError if one is broken)."""
        extra = tuple(load_lexicon(p) for p in paths)
        for lexicon in extra:
            if lexicon.kind != "loaded_language":
                raise LexiconError(lexicon.path, 1, f"a {lexicon.kind} lexicon cannot be added to "
                                   "loaded-language scoring (kind must be loaded_language)")
        lexicons = self.lexicons + extra
        check_unique_ids(lexicons)
        return replace(self, lexicons=lexicons)

    def with_allowed(self, words: Iterable[str]) -> "LoadedConfig":
        """A copy that never flags the given words or phrases (case-insensitive)."""
        allowed = self.allow | {" ".join(w.lower().split()) for w in words if w.strip()}
        return replace(self, allow=frozenset(allowed))

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for l in self.lexicons for e in l.entries)

    @cached_property
    def matcher(self) -> Matcher:
        """The compiled matcher over every entry (built once per configuration)."""
        return Matcher(self.entries)

    @cached_property
    def cues(self) -> "SpeechCues":
        """The speech cues ready to look up (built once per configuration)."""
        return SpeechCues(self.speech_cues)

    @cached_property
    def quotation_speakers(self) -> "SpeechCues":
        """The speech cues and the quotation cues, as the scare-quote detector reads
        them (built once per configuration)."""
        return SpeechCues(self.speech_cues + self.quotation_cues)


class SpeechCues:
    """A list of speech cues (reporting, naming or designating words and phrases),
    indexed so that finding the first of them in a text costs a look-up per word of
    the text rather than a test per cue."""

    def __init__(self, cues: Sequence[str]) -> None:
        self.cues = tuple(cues)
        # Each one-word cue by its (first) place in the list; the phrases in order,
        # padded with a space either side as the text is.
        self.words: dict[str, int] = {}
        self.phrases: list[tuple[int, str]] = []
        for place, cue in enumerate(self.cues):
            if " " in cue:
                self.phrases.append((place, f" {cue} "))
            else:
                self.words.setdefault(cue, place)

    def first_in(self, text: str) -> str | None:
        """The speech cue earliest in the list that ``text`` contains: a one-word cue as
        one of its words, a phrase as a run of its words (words lower-cased, with
        surrounding punctuation stripped: "as she put it, ..."); None if there is none."""
        words = [w.strip(".,;:!?()[]\"'“”‘’—–") for w in text.lower().replace("’", "'").split()]
        index = self.words
        first = min([index[w] for w in set(words) if w in index], default=len(self.cues))
        if self.phrases and self.phrases[0][0] < first:
            padded = f" {' '.join(words)} "
            for place, phrase in self.phrases:
                if place >= first:
                    break
                if phrase in padded:
                    first = place
                    break
        return self.cues[first] if first < len(self.cues) else None


_LABEL_CATEGORIES = ("contentious_label", "pejorative_label")
_LOWER = {"warning": "notice", "notice": "info", "info": "info"}


def _finding(document: Document, start: int, end: int, entry: Entry, cues: SpeechCues) -> Finding:
    """The finding for one lexicon match, with its voice.

    A label in the author's voice in a sentence that attributes its content to a source
    (a reporting or designating verb outside any quotation, e.g. "the United States
    designated the group as a terrorist organisation") is reported as attributed: one
    severity step lower and half the weight, since the writer names who applies it.
    """
    text = document.text
    voice = "quoted" if document.quote_at(start, end) else "author"
    severity, score, explanation, attributed = entry.severity, entry.score, entry.explanation, None
    if voice == "author" and entry.category in _LABEL_CATEGORIES:
        sentence = document.sentence_at(start)
        if sentence is not None:
            # The sentence around the label, as far as context rules read (RULE_REACH).
            before, after = max(sentence.start, start - RULE_REACH), min(sentence.end, end + RULE_REACH)
            outside = _outside_quotes(document, before, start) + " " + _outside_quotes(document, end, after)
            attributed = cues.first_in(outside)
    if attributed:
        severity, score = _LOWER[severity], score / 2
        explanation = (f"{explanation} Here the sentence attributes it to a source ('{attributed}'), "
                       "which is better practice than using it in the writer's own voice.")
    return Finding(
        kind=entry.kind, category=entry.category, start=start, end=end,
        text=text[start:end], voice=voice, severity=severity, score=score, rule=entry.id,
        explanation=explanation, suggestion=entry.suggestion, attributed=attributed,
    )


def _outside_quotes(document: Document, start: int, end: int) -> str:
    """``text[start:end]`` with the content of quotations blanked out."""
    text = document.text
    pieces, pos = [], start
    for quote in document.quotes_in(start, end):
        a, b = max(start, quote.start), min(end, quote.end)
        pieces.append(text[pos:a])
        pos = b
    pieces.append(text[pos:end])
    return " ".join(pieces)


def _scare_quotes(document: Document, cues: SpeechCues) -> list[Finding]:
    """Short lower-case quotations in a paragraph that gives them no speaker."""
    text = document.text
    found = []
    spoken: dict[int, str | None] = {}  # a paragraph's speech cue, looked for once
    for quote in document.quotes:
        if quote.continued or quote.content_start == quote.start:
            continue  # (a quotation without marks: carried on from a paragraph, or a post)
        # The cheap tests first: most quotations are long ones that open with a capital.
        content = text[quote.content_start:quote.content_end].strip()
        if len(content) < 2 or not content[0].islower():
            continue
        if not (1 <= count_words(content) <= _SCARE_QUOTE_MAX_WORDS):
            continue
        if any(ch in content for ch in ".!?;:"):
            continue
        paragraph = document.paragraph_at(quote.start)
        if paragraph is None or paragraph.kind == "boilerplate":
            continue
        # A partial quotation usually belongs to a speaker named nearby ("He called
        # the plan 'reckless'", "the senator's 'common-sense reforms'"): any speech cue
        # in the paragraph outside quotations, or a possessive right before the quote,
        # makes it reported speech, not a scare quote. Precision first.
        before = text[paragraph.start:quote.start].rstrip()
        if before.endswith(("'s", "’s", "s'", "s’")):
            continue
        if paragraph.index not in spoken:
            spoken[paragraph.index] = cues.first_in(_outside_quotes(document, paragraph.start, paragraph.end))
        if spoken[paragraph.index]:
            continue
        found.append(Finding(
            kind="loaded_language", category="scare_quote",
            start=quote.start, end=quote.end, text=text[quote.start:quote.end],
            voice="author", severity="notice", score=_SCARE_QUOTE_SCORE, rule=SCARE_QUOTE_RULE,
            explanation="Quotation marks around a word that nobody in the sentence said suggest "
                        "the writer doubts or mocks it without saying why.",
            suggestion="name who uses the word, or drop the quotation marks",
        ))
    return found


def loaded_findings(document: Document, config: LoadedConfig | None = None) -> list[Finding]:
    """Loaded-language findings over the document's non-boilerplate paragraphs, in
    text order, each with its voice."""
    config = config or LoadedConfig.default()
    paragraphs = [p for p in document.paragraphs if p.kind != "boilerplate"]
    matches = resolve_overlaps(config.matcher.find(document, paragraphs))
    findings = []
    allow = config.allow
    for match in matches:
        if allow and " ".join(document.text[match.start:match.end].lower().split()) in allow:
            continue
        findings.append(_finding(document, match.start, match.end, match.entry, config.cues))
    flagged = sorted((f.start, f.end) for f in findings)
    flagged_starts = [a for a, _ in flagged]
    for finding in _scare_quotes(document, config.quotation_speakers):
        # Findings that start inside the quotation (in start order), any that ends in it.
        first = bisect.bisect_left(flagged_starts, finding.start)
        last = bisect.bisect_left(flagged_starts, finding.end)
        inner = any(b <= finding.end for _, b in flagged[first:last])
        if not inner and finding.text.strip("\"'“”‘’").lower() not in config.allow:
            findings.append(finding)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def author_words(document: Document, start: int, end: int, words: int | None = None) -> int:
    """Words in ``text[start:end]`` that are outside quotations (``words``: all the words
    in the span, when the caller has counted them already)."""
    total = count_words(document.text, start, end) if words is None else words
    for quote in document.quotes_in(start, end):
        a, b = max(start, quote.content_start), min(end, quote.content_end)
        if a < b:
            total -= count_words(document.text, a, b)
    return max(total, 0)


def density(findings: Iterable[Finding], words: int) -> float:
    """Severity-weighted author-voice hits per 100 author words (0.0 with no words)."""
    if words <= 0:
        return 0.0
    return 100.0 * sum(f.score for f in findings if f.kind == "loaded_language" and f.counted) / words


@dataclass(frozen=True)
class LoadedLanguageScore:
    """The result of :func:`score_loaded_language`: the findings and the score."""

    score: float
    author_words: int
    findings: tuple[Finding, ...]

    @property
    def author_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.voice == "author")

    @property
    def quoted_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.voice == "quoted")


def score_loaded_language(text: str, config: LoadedConfig | None = None) -> LoadedLanguageScore:
    """Loaded-language findings of ``text`` and its score (see the module docstring)."""
    document = parse(text)
    findings = loaded_findings(document, config)
    words = sum(author_words(document, p.start, p.end) for p in document.paragraphs if p.kind != "boilerplate")
    return LoadedLanguageScore(score=density(findings, words), author_words=words, findings=tuple(findings))
