"""The sentence classifier at prediction time: how likely is a sentence to carry loaded
language in the author's voice? Plain data in, numpy only, no scikit-learn import.

**What it reads.** Three groups of features per sentence, the same ones
:mod:`framing.training` feeds a scikit-learn ``Pipeline`` when it trains the model:

- *word n-grams* (1-2) over the lower-cased sentence, with curly quotes made straight
  and every digit turned into ``0`` (so "14 per cent" and "9 per cent" look alike);
- *character n-grams* (2-5) inside each white-space separated word, padded with a
  space at each end (scikit-learn's ``char_wb``), which lets the model see that
  "slammed", "slamming" and "slams" share a stem;
- *lexicon features*: how many author-voice loaded-language findings of each category,
  unsupported and supported generalisations, hedges and boosters framing's own matchers
  find in the sentence, attributed labels, quoted loaded words, and whether it holds a
  quotation. Each count ``c`` enters as ``log(1 + c)``;
- *subjectivity features*: how subjective and how polar the sentence's words are by a
  general-purpose subjectivity lexicon (pattern's English adjective lexicon, as shipped
  inside the ``textblob`` package; see :func:`subjectivity_lexicon`), which rates words
  the project's own lexicons do not list. Each enters as ``log(1 + value)``.

The n-gram groups are tf-idf vectors as scikit-learn computes them: for a term counted
``c`` times, ``(1 + ln c) * idf``, then divided by the Euclidean norm of the group's
vector (``idf = ln((1 + n) / (1 + df)) + 1`` was fixed at training). A logistic
regression turns the weighted sum into a probability.

**Model files** are JSON (schema ``framing.bias-model/2``; see ``models/README.md``):
the terms of each group with their idf and weight, the lexicon and subjectivity feature
names and weights, the intercept, the decision threshold, and the versions that made it. Loading
one runs no code from the file. A file with another schema is refused with a message
that says how to rebuild it; one made with another scikit-learn version loads, because
nothing here depends on scikit-learn.

In Python::

    from framing.classifier import load_model
    model = load_model()                         # the shipped default
    model.predict_proba(["Residents slammed the council's decision."])   # [0.968...]
    model.explain("Residents slammed the council's decision.")
    # [('emotive word (lexicon): slammed', 5.23), ('slammed', 0.91), ('slammed the', 0.11), ...]
    model.predict_document(document, findings)   # per sentence, reusing a report's findings

The linear model's weights are never negative (see :mod:`framing.training`) except for
the three voice features (a label attributed to a source, a loaded word inside a
quotation, a quotation): an n-gram, a lexicon finding or a subjective word only ever
adds evidence of loaded language; what lowers a probability is the intercept and whose
voice the words are in.
"""

from __future__ import annotations

import json
import math
import re
from importlib.util import find_spec
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from framing import __version__
from framing.resources import data_dir

_SCORE_CHUNK = 1000
"""Sentences scored together (see ``BiasModel._scores``)."""

SCHEMA = "framing.bias-model/2"
"""The model file format this module reads and :mod:`framing.training` writes."""

DEFAULT_MODEL_NAME = "bias-default.json"
WORD_ANALYZER = "framing.word-ngrams/1"
CHAR_ANALYZER = "framing.char-wb-ngrams/1"
LEXICON_FEATURES_ID = "framing.lexicon-counts/2"
SUBJECTIVITY_FEATURES_ID = "framing.subjectivity/1"

LOADED_CATEGORIES = (
    "contentious_label", "pejorative_label", "dehumanising_metaphor", "emotive", "intensifier",
    "doubt_verb", "euphemism", "dysphemism", "scare_quote",
)

VOICE_FEATURES: tuple[str, ...] = ("loaded:attributed_label", "loaded:quoted", "quotation")
"""The lexicon features that say whose voice the words are in: the only features whose
weight may be negative."""

LEXICON_FEATURES: tuple[str, ...] = (
    *(f"loaded:{c}" for c in LOADED_CATEGORIES),
    "generalisation:unsupported",
    "generalisation:supported",
    "hedge",
    "booster",
    *VOICE_FEATURES,
)
"""The lexicon features, in the order of the feature vector (the voice features last)."""
_LEXICON_COLUMN = {name: i for i, name in enumerate(LEXICON_FEATURES)}
"""Each lexicon feature's position in the feature vector."""

SUBJECTIVITY_FEATURES: tuple[str, ...] = (
    "subjectivity:subjective",
    "subjectivity:polar",
    "subjectivity:negative",
    "subjectivity:positive",
)
"""The subjectivity features, in order: the summed subjectivity of the words rated at
least 0.5 subjective; how many words have a polarity of at least 0.5 either way; how
many are negative (polarity -0.3 or below); how many are positive (0.3 or above)."""

_LEXICON_LABELS = {
    "loaded:contentious_label": "contentious label (lexicon)",
    "loaded:pejorative_label": "pejorative label (lexicon)",
    "loaded:dehumanising_metaphor": "dehumanising metaphor (lexicon)",
    "loaded:emotive": "emotive word (lexicon)",
    "loaded:intensifier": "intensifier (lexicon)",
    "loaded:doubt_verb": "doubt-casting verb (lexicon)",
    "loaded:euphemism": "euphemism (lexicon)",
    "loaded:dysphemism": "dysphemism (lexicon)",
    "loaded:scare_quote": "scare quote",
    "loaded:attributed_label": "label attributed to a source (lexicon)",
    "loaded:quoted": "loaded word inside a quotation (lexicon)",
    "generalisation:unsupported": "unsupported generalisation (lexicon)",
    "generalisation:supported": "supported generalisation (lexicon)",
    "hedge": "hedge (lexicon)",
    "booster": "booster (lexicon)",
    "quotation": "contains a quotation",
    "subjectivity:subjective": "subjective words (subjectivity lexicon)",
    "subjectivity:polar": "strongly polar words (subjectivity lexicon)",
    "subjectivity:negative": "negative words (subjectivity lexicon)",
    "subjectivity:positive": "positive words (subjectivity lexicon)",
}

# --------------------------------------------------------------------------- analyzers

_DIGIT_RE = re.compile(r"\d")
# Quotes, dashes and the ASCII digits by this table (applied by ``_translated``); other
# digits (``\d`` matches every Unicode decimal digit) by the regular expression, only
# when the text has any non-ASCII.
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "—": "-", "–": "-",
                            **{d: "0" for d in "123456789"}})
_REPLACEMENTS = tuple((chr(c), r) for c, r in _TRANSLATE.items())
_WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-']\w+)*")


def _translated(text: str) -> str:
    """``text.translate(_TRANSLATE)``, one ``str.replace`` per character the text holds
    (many times faster than ``translate`` on a non-ASCII text). The order of the
    replacements does not matter: no replacement is itself a character replaced."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def normalise(text: str) -> str:
    """The text every n-gram is taken from: lower case, straight quotes, plain hyphens
    for dashes, and ``0`` for every digit."""
    text = _translated(text).lower()
    return text if text.isascii() else _DIGIT_RE.sub("0", text)


def normalised_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """``normalise(text[a:b])`` for each span ``(a, b)``. The whole text is normalised
    once when that is the same character for character: every step maps one character
    to one character, except ``lower()``, which turns a few characters into two (then
    the text is shorter than its lower case) and lowers a capital sigma by its
    neighbours (which a span cut from the text may not have). Otherwise span by span.
    Digits other than ASCII ones are replaced in the spans that are not ASCII only."""
    whole = _translated(text).lower()
    if len(whole) != len(text) or "Σ" in text:
        return [normalise(text[a:b]) for a, b in spans]
    parts = [whole[a:b] for a, b in spans]
    if whole.isascii():
        return parts
    return [part if part.isascii() else _DIGIT_RE.sub("0", part) for part in parts]


def word_tokens(text: str) -> list[str]:
    """The words of ``normalise(text)``: letters and digits with inner hyphens and
    apostrophes, or dotted abbreviations (``u.s.``)."""
    return _WORD_RE.findall(normalise(text))


def word_ngrams(text: str) -> list[str]:
    """Word unigrams and bigrams (``framing.word-ngrams/1``)."""
    return _token_ngrams(word_tokens(text))


def _token_ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def token_char_ngrams(token: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams of one white-space token, padded with a space at each end,
    exactly as scikit-learn's ``char_wb`` analyzer makes them."""
    w = f" {token} "
    size = len(w)
    grams = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(w[offset:offset + n])
        while offset + n < size:
            offset += 1
            grams.append(w[offset:offset + n])
        if offset == 0:  # a short word is counted once
            break
    return grams


def char_ngrams(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Character ``low``-``high``-grams inside each word of ``normalise(text)``
    (``framing.char-wb-ngrams/1``)."""
    return [g for token in normalise(text).split() for g in token_char_ngrams(token, low, high)]


# --------------------------------------------------------------------- lexicon features


@dataclass(frozen=True)
class LexiconSettings:
    """The matchers the lexicon features come from (framing's shipped lexicons unless
    the caller passes its own configurations)."""

    loaded: Any = None
    generalisation: Any = None

    def resolved(self) -> tuple[Any, Any]:
        from framing.generalisation import GeneralisationConfig
        from framing.loaded import LoadedConfig

        return self.loaded or LoadedConfig.default(), self.generalisation or GeneralisationConfig.default()


def _finding_feature(finding) -> str | None:
    if finding.kind == "loaded_language":
        if finding.voice != "author":
            return "loaded:quoted"
        if finding.attributed:
            return "loaded:attributed_label"
        return f"loaded:{finding.category}" if finding.category in LOADED_CATEGORIES else "loaded:emotive"
    if finding.voice != "author":
        return None
    if finding.kind == "generalisation":
        return "generalisation:supported" if finding.supported else "generalisation:unsupported"
    if finding.kind in ("hedge", "booster"):
        return finding.kind
    return None


def document_lexicon_counts(document, findings: Iterable, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Raw lexicon-feature counts (rows: ``spans``, columns: :data:`LEXICON_FEATURES`)
    from a parsed document and its loaded-language and generalisation findings. Each
    finding counts in the span that holds its start."""
    column = _LEXICON_COLUMN
    counts = np.zeros((len(spans), len(LEXICON_FEATURES)))
    starts = [s for s, _ in spans]
    for finding in findings:
        name = _finding_feature(finding)
        if name is None:
            continue
        i = bisect_right(starts, finding.start) - 1
        if i >= 0 and finding.start < spans[i][1]:
            counts[i, column[name]] += 1
    quotation = column["quotation"]
    for i in _quoted_spans(document, spans):
        counts[i, quotation] = 1
    return counts


def _quoted_spans(document, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The positions of the spans for which ``document.quotes_in`` finds a quotation.
    Only a span that overlaps some quotation's content can have one, so the others
    are not asked about."""
    contents = sorted((q.content_start, q.content_end) for q in document.quotes)
    starts = [start for start, _ in contents]
    reach = list(accumulate((end for _, end in contents), max))  # the furthest end so far
    quoted = []
    for i, (start, end) in enumerate(spans):
        k = bisect_left(starts, end)  # the contents that start before the span ends
        if k and reach[k - 1] > start and document.quotes_in(start, end):
            quoted.append(i)
    return quoted


def document_findings(document, settings: LexiconSettings | None = None) -> list:
    """The loaded-language and generalisation findings the lexicon features count."""
    from framing.generalisation import generalisation_findings
    from framing.loaded import loaded_findings

    loaded, generalisation = (settings or LexiconSettings()).resolved()
    return [*loaded_findings(document, loaded), *generalisation_findings(document, generalisation)]


def sentence_lexicon_counts(sentences: Sequence[str], settings: LexiconSettings | None = None) -> np.ndarray:
    """Raw lexicon-feature counts of each sentence, analysed on its own (one paragraph
    each; one parse for the whole batch, which gives the same findings as parsing every
    sentence alone)."""
    from framing.document import Document, parse

    if not sentences:
        return np.zeros((0, len(LEXICON_FEATURES)))
    blocks = [" ".join(s.split()) for s in sentences]
    spans, pos = [], 0
    for block in blocks:
        spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    text = "\n\n".join(blocks)
    document = parse(text)
    # A quotation left open at the end of one sentence must not run on into the next, and
    # none may start in one (without a mark: a quotation carried on, or a post above a
    # signature line) because of the one before.
    document = Document(text, document.paragraphs,
                        tuple(q for q in document.quotes if not q.continued and q.content_start > q.start),
                        document.unclosed_quotes)
    return document_lexicon_counts(document, document_findings(document, settings), spans)


def lexicon_transform(counts: np.ndarray) -> np.ndarray:
    """The lexicon feature values the model sees: ``log(1 + count)``."""
    return np.log1p(counts)


# ---------------------------------------------------------------- subjectivity features

SUBJECTIVITY_PACKAGE = "textblob"
SUBJECTIVITY_FILE = ("en", "en-sentiment.xml")
_SUBJECTIVE, _POLAR, _NEGATIVE, _POSITIVE = 0.5, 0.5, -0.3, 0.3
_SUBJECTIVITY_COLUMNS = np.arange(len(SUBJECTIVITY_FEATURES))
_SUBJECTIVITY_COLUMNS.flags.writeable = False


class SubjectivityLexiconError(RuntimeError):
    """The subjectivity lexicon cannot be found or read (``str()`` is one line)."""


@dataclass(frozen=True)
class SubjectivityLexicon:
    """Word -> (polarity, subjectivity) from pattern's English sentiment lexicon (Tom De
    Smedt and Walter Daelemans, public domain under PDDL), the file the ``textblob``
    package ships as ``textblob/en/en-sentiment.xml``. A word with several senses gets
    the mean of their ratings, as pattern and TextBlob do; multi-word entries are left
    out. Only its file is read: ``textblob`` (and so NLTK) is never imported."""

    version: str
    path: str
    words: dict[str, tuple[float, float]] = field(repr=False, compare=False)
    index: dict[str, int] = field(repr=False, compare=False, default_factory=dict)
    values: np.ndarray = field(repr=False, compare=False, default_factory=lambda: np.zeros((0, 4)))

    def __post_init__(self) -> None:
        # Only the words that count towards some feature are kept for lookup.
        rows = []
        for word, (polarity, subjectivity) in sorted(self.words.items()):
            row = (subjectivity if subjectivity >= _SUBJECTIVE else 0.0, float(abs(polarity) >= _POLAR),
                   float(polarity <= _NEGATIVE), float(polarity >= _POSITIVE))
            if any(row):
                self.index[word] = len(rows)
                rows.append(row)
        object.__setattr__(self, "values", np.asarray(rows, dtype=float).reshape(-1, len(SUBJECTIVITY_FEATURES)))

    def hits(self, tokens: Iterable[str]) -> list[int]:
        """The lexicon rows of the word tokens (from :func:`word_tokens`) that count."""
        index = self.index
        return [index[t] for t in tokens if t in index]

    def counts_of_hits(self, hits: Sequence[Sequence[int]]) -> np.ndarray:
        """The raw subjectivity feature values (:data:`SUBJECTIVITY_FEATURES`), one row
        per sentence, from each sentence's :meth:`hits`."""
        n = len(hits)
        lengths = np.fromiter((len(h) for h in hits), dtype=np.int64, count=n)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        cols = np.fromiter((i for h in hits for i in h), dtype=np.int64, count=int(lengths.sum()))
        return self.counts_of_columns(rows, cols, n)

    def counts_of_columns(self, rows: np.ndarray, cols: np.ndarray, n: int) -> np.ndarray:
        """The raw subjectivity feature values of ``n`` sentences from the sentence
        (``rows``) and lexicon row (``cols``) of every hit, each sentence's hits in the
        order of its words (the sums are taken in that order)."""
        k = len(SUBJECTIVITY_FEATURES)
        cells = (rows * k)[:, None] + _SUBJECTIVITY_COLUMNS
        return np.bincount(cells.ravel(), weights=self.values[cols].ravel(), minlength=n * k).reshape(n, k)

    def counts(self, tokens: Iterable[str]) -> np.ndarray:
        """The raw subjectivity feature values of one sentence's word tokens."""
        return self.counts_of_hits([self.hits(tokens)])[0]


def subjectivity_lexicon_path() -> Path:
    """Where the installed ``textblob`` package keeps ``en/en-sentiment.xml`` (found
    without importing the package)."""
    try:
        spec = find_spec(SUBJECTIVITY_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        path = Path(location).joinpath(*SUBJECTIVITY_FILE)
        if path.is_file():
            return path
    raise SubjectivityLexiconError(
        f"the subjectivity lexicon ({SUBJECTIVITY_PACKAGE}/{'/'.join(SUBJECTIVITY_FILE)}) is not installed; "
        f"install framing's dependencies (pip install {SUBJECTIVITY_PACKAGE})")


@cache
def subjectivity_lexicon(path: str | None = None) -> SubjectivityLexicon:
    """The subjectivity lexicon (read once). ``path`` overrides where the XML file is."""
    from xml.etree import ElementTree

    where = Path(path) if path is not None else subjectivity_lexicon_path()
    try:
        root = ElementTree.parse(where).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        raise SubjectivityLexiconError(f"{where}: cannot read the subjectivity lexicon: {exc}") from None
    senses: dict[str, list[tuple[float, float]]] = {}
    try:
        for entry in root.iter("word"):
            form = entry.get("form", "").lower()
            if form and " " not in form:
                senses.setdefault(form, []).append((float(entry.get("polarity")), float(entry.get("subjectivity"))))
    except (TypeError, ValueError) as exc:
        raise SubjectivityLexiconError(f"{where}: malformed subjectivity lexicon entry ({exc})") from None
    if not senses:
        raise SubjectivityLexiconError(f"{where}: the subjectivity lexicon has no words")
    words = {form: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v)) for form, v in senses.items()}
    return SubjectivityLexicon(root.get("version", "unknown"), str(where), words)


def sentence_subjectivity_counts(sentences: Sequence[str], lexicon: SubjectivityLexicon | None = None) -> np.ndarray:
    """Raw subjectivity feature values of each sentence (rows: ``sentences``)."""
    lexicon = lexicon or subjectivity_lexicon()
    return lexicon.counts_of_hits([lexicon.hits(word_tokens(s)) for s in sentences])


# ------------------------------------------------------------------------------ model


class ModelError(ValueError):
    """A model file that cannot be used; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class NgramBlock:
    """One tf-idf group of the model: its terms (index = position), their idf and their
    weights in the linear model."""

    analyzer: str
    terms: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray
    ngram_range: tuple[int, int]
    index: dict[str, int] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update({t: i for i, t in enumerate(self.terms)})


_COLUMN_DTYPE = np.int32
"""How :class:`_TokenTerms` packs a column number."""
_COLUMN_BYTES = np.dtype(_COLUMN_DTYPE).itemsize
_TOKEN_TERMS_KEPT = 200_000
"""At most this many white-space tokens are kept by a model's :class:`_TokenTerms`."""
_TOKEN_KEPT_CHARS = 64
"""... each of at most this many characters (longer ones, URLs or runs of symbols, are
looked up afresh each time)."""


class _TokenTerms(dict):
    """White-space token of a normalised text -> the columns of its known terms, for a
    model with n-gram groups ``word`` and ``char`` and a subjectivity lexicon (see
    :meth:`using`), packed as ``_COLUMN_DTYPE`` bytes (so that many tokens' columns
    are one ``b"".join`` and one array). The columns of all kinds share one space,
    with ``half`` the power of two at least the size of the larger n-gram group (so
    that a key's column and group are a mask and a shift of it, not divisions):

    - ``[0, half)``: its word unigrams (a word term's position in ``word``);
    - ``[half, 2 * half)``: its character n-grams (``half`` + position in ``char``);
    - from ``pair_offset``: each of its word tokens in turn, numbered by
      ``pair_tokens`` (the tokens of the model's word bigrams) or, for a word in
      none, by the number after them; :meth:`ngram_keys` pairs consecutive ones
      into bigrams;
    - from ``subjectivity_offset``: the subjectivity-lexicon rows of its words, in turn.

    Its word tokens are the :data:`_WORD_RE` matches inside it: no match spans white
    space, so a text's word tokens are those of its white-space tokens in turn.
    ``terms[token]`` computes a missing token and keeps it (if it has at most
    ``_TOKEN_KEPT_CHARS`` characters) while fewer than ``_TOKEN_TERMS_KEPT`` are kept:
    the mapping never changes a result, it only saves recomputing one. One small value
    per token keeps the memory a text touches small, which matters when other work runs
    between two texts."""

    def __init__(self, word: NgramBlock, char: NgramBlock) -> None:
        super().__init__()
        self.word, self.char = word, char
        self.subjectivity: SubjectivityLexicon | None = None
        self.half = 1 << (max(len(word.terms), len(char.terms), 1) - 1).bit_length()
        self.half_bits = self.half.bit_length() - 1  # half == 1 << half_bits
        # The n-gram weights by column (0 where no term has that column).
        self.idf, self.coef = np.zeros(2 * self.half), np.zeros(2 * self.half)
        for values, block, offset in ((self.idf, word, 0), (self.idf, char, self.half)):
            values[offset:offset + len(block.terms)] = block.idf
        for values, block, offset in ((self.coef, word, 0), (self.coef, char, self.half)):
            values[offset:offset + len(block.terms)] = block.coef
        # A bigram term "a b" is the pair of tokens (a, b) (tokens hold no space): its
        # key is the pair of the two tokens' columns, ``a * pair_base + b``.
        pairs = [(term.split(" "), i) for term, i in word.index.items() if term.count(" ") == 1]
        self.pair_offset = 2 * self.half
        self.pair_tokens = {t: self.pair_offset + k for k, t in enumerate(sorted({t for ab, _ in pairs for t in ab}))}
        self.subjectivity_offset = self.pair_offset + len(self.pair_tokens) + 1
        self.pair_base = self.subjectivity_offset
        keys = np.array([self.pair_tokens[a] * self.pair_base + self.pair_tokens[b] for (a, b), _ in pairs],
                        dtype=np.int64)
        order = np.argsort(keys)
        # A last key larger than any pair's, so that searchsorted always lands on an entry.
        self.pair_keys = np.append(keys[order], np.iinfo(np.int64).max)
        self.pair_cols = np.append(np.array([i for _, i in pairs], dtype=np.int64)[order], 0)

    def using(self, subjectivity: SubjectivityLexicon) -> "_TokenTerms":
        """This mapping for ``subjectivity`` (emptied first if it was filled for another)."""
        if self.subjectivity is not subjectivity:
            self.clear()
            self.subjectivity = subjectivity
        return self

    def __missing__(self, token: str) -> bytes:
        words = _WORD_RE.findall(token)
        low, high = self.char.ngram_range
        unpaired = self.subjectivity_offset - 1
        columns = [i for i in map(self.word.index.get, words) if i is not None]
        columns += [self.half + i for i in map(self.char.index.get, token_char_ngrams(token, low, high))
                    if i is not None]
        columns += [self.pair_tokens.get(w, unpaired) for w in words]
        columns += [self.subjectivity_offset + i for i in map(self.subjectivity.index.get, words) if i is not None]
        packed = np.asarray(columns, dtype=_COLUMN_DTYPE).tobytes()
        if len(self) < _TOKEN_TERMS_KEPT and len(token) <= _TOKEN_KEPT_CHARS:
            self[token] = packed  # (a token longer than any word, a URL or a run of symbols, is not kept)
        return packed

    def columns(self, normalised: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The text (row) and column of every term of the texts (given as
        :func:`normalise` made them), each text's in the order of its white-space
        tokens; C-level loops over the tokens."""
        get = self.__getitem__
        packed = [b"".join(map(get, text.split())) for text in normalised]
        lengths = np.fromiter(map(len, packed), dtype=np.int64, count=len(packed)) // _COLUMN_BYTES
        rows = np.arange(len(packed), dtype=np.int64).repeat(lengths)  # (the method: np.repeat wraps it in Python)
        return rows, np.frombuffer(b"".join(packed), dtype=_COLUMN_DTYPE).astype(np.int64)

    def ngram_keys(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """From :meth:`columns`: ``text * 2 * half + column`` of every known word and
        character n-gram, in no particular order; the word bigrams are found by pairing
        each word token with the next one in the same text."""
        keys = rows * self.pair_offset + cols
        ngram = cols < self.pair_offset
        # Taking by position beats a mask; the array methods skip numpy's Python wrappers
        # (np.flatnonzero, np.searchsorted), which cost more than the work on short texts.
        words = (ngram ^ (cols < self.subjectivity_offset)).nonzero()[0]
        word_rows, word_cols = rows[words], cols[words]
        pairs = word_cols[:-1] * self.pair_base + word_cols[1:]
        at = self.pair_keys.searchsorted(pairs)
        found = (self.pair_keys[at] == pairs) & (word_rows[:-1] == word_rows[1:])
        return np.concatenate([keys[ngram], word_rows[:-1][found] * self.pair_offset + self.pair_cols[at[found]]])

    def subjective(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """From :meth:`columns`: (text, lexicon row) of every subjectivity-lexicon word,
        in the order of the words."""
        subjective = cols >= self.subjectivity_offset
        return rows[subjective], cols[subjective] - self.subjectivity_offset

    def ngram_scores(self, keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Per text and n-gram group: (tf-idf vector, l2-normalised) . weights, for all
        ``n`` texts at once from :meth:`ngram_keys` (sorted in place). The terms of each
        text and group are summed in column order. Returns the word group's scores and the character
        group's."""
        keys.sort()
        # Each distinct key once, with how many times it occurs (as np.unique does).
        edges = np.empty(len(keys) + 1, dtype=bool)
        edges[0] = edges[-1] = True
        np.not_equal(keys[1:], keys[:-1], out=edges[1:-1])
        starts = edges.nonzero()[0]
        counts = starts[1:] - starts[:-1]
        keys = keys[starts[:-1]]
        # pair_offset is 2 * half, both powers of two
        cols, groups = keys & (self.pair_offset - 1), keys >> self.half_bits  # group: text * 2 + (1 for characters)
        values = (1.0 + np.log(counts)) * self.idf[cols]
        norms = np.sqrt(np.bincount(groups, weights=values * values, minlength=2 * n))
        dots = np.bincount(groups, weights=values * self.coef[cols], minlength=2 * n)
        out = np.divide(dots, norms, out=np.zeros(2 * n), where=norms > 0)
        return out[0::2], out[1::2]


@dataclass(frozen=True)
class BiasModel:
    """A trained sentence classifier, ready to predict with numpy alone.

    ``predict_proba(sentences)`` gives the probability that each sentence carries
    loaded language in the author's voice; ``predict`` compares it with ``threshold``;
    ``explain(sentence)`` lists the terms that pushed the prediction.
    """

    word: NgramBlock
    char: NgramBlock
    lexicon_names: tuple[str, ...]
    lexicon_coef: np.ndarray
    subjectivity_coef: np.ndarray
    intercept: float
    threshold: float = 0.5
    metadata: dict = field(default_factory=dict, compare=False)
    _token_terms: _TokenTerms = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_token_terms", _TokenTerms(self.word, self.char))

    # ----------------------------------------------------------------- loading

    @staticmethod
    @cache
    def default() -> "BiasModel":
        """The model shipped with framing (read once; it is read-only data)."""
        return load_model()

    @property
    def sklearn_version(self) -> str | None:
        return self.metadata.get("sklearn_version")

    @property
    def framing_version(self) -> str | None:
        return self.metadata.get("framing_version")

    # -------------------------------------------------------------- prediction

    def decision_function(self, sentences: Sequence[str], settings: LexiconSettings | None = None) -> np.ndarray:
        """The linear score (log-odds) of each sentence."""
        sentences = list(sentences)
        if not sentences:
            return np.zeros(0)
        return self._scores([normalise(s) for s in sentences],
                            lexicon_transform(sentence_lexicon_counts(sentences, settings)))

    def predict_proba(self, sentences: Sequence[str], settings: LexiconSettings | None = None) -> list[float]:
        """The probability that each sentence is loaded (author's voice), in order."""
        return _sigmoid(self.decision_function(sentences, settings)).tolist()

    def predict(self, sentences: Sequence[str], settings: LexiconSettings | None = None) -> list[bool]:
        """Whether each sentence's probability reaches the model's ``threshold``."""
        return [p >= self.threshold for p in self.predict_proba(sentences, settings)]

    def predict_document(self, document, findings: Iterable | None = None,
                         spans: Sequence[tuple[int, int]] | None = None) -> list[float]:
        """Probabilities for the sentences of a parsed document (or the given spans),
        reusing the loaded-language and generalisation findings the caller already has
        (they are computed when not given). In a document the voice of each word comes
        from the whole text, so a sentence inside a long quotation counts as quoted."""
        if spans is None:
            spans = [(s.start, s.end) for s in document.sentences]
        spans = list(spans)
        if not spans:
            return []
        if findings is None:
            findings = document_findings(document)
        counts = document_lexicon_counts(document, list(findings), spans)
        return _sigmoid(self._scores(normalised_spans(document.text, spans), lexicon_transform(counts))).tolist()

    def _scores(self, normalised: list[str], lexicon_values: np.ndarray) -> np.ndarray:
        """The linear score of each text, given as :func:`normalise` made it."""
        if len(normalised) > _SCORE_CHUNK:
            # Each sentence's score is its own; scoring a long document in slices keeps
            # the n-gram arrays (tens of bytes per character) from growing with it.
            return np.concatenate([self._scores(normalised[i:i + _SCORE_CHUNK], lexicon_values[i:i + _SCORE_CHUNK])
                                   for i in range(0, len(normalised), _SCORE_CHUNK)])
        subjectivity = subjectivity_lexicon()
        n = len(normalised)
        terms = self._token_terms.using(subjectivity)
        rows, cols = terms.columns(normalised)
        word_scores, char_scores = terms.ngram_scores(terms.ngram_keys(rows, cols), n)
        scores = word_scores + self.intercept  # a sum of two floats does not depend on their order
        scores += char_scores
        scores += lexicon_values @ self.lexicon_coef
        scores += lexicon_transform(subjectivity.counts_of_columns(*terms.subjective(rows, cols), n)) \
            @ self.subjectivity_coef
        return scores

    # ------------------------------------------------------------- explanation

    def explain(self, sentence: str, k: int = 5, settings: LexiconSettings | None = None) -> list[tuple[str, float]]:
        """The ``k`` terms that moved this sentence's score most, as ``(term, weight)``
        with the weight in log-odds: positive pushes toward "loaded", negative toward
        "neutral". A term is a word of the sentence (its word and character n-grams
        together), a two-word phrase, or a lexicon finding ("emotive word (lexicon):
        slammed")."""
        contributions: dict[str, float] = {}

        def add(term: str, value: float) -> None:
            if value:
                contributions[term] = contributions.get(term, 0.0) + value

        tokens = normalise(sentence).split()
        originals = sentence.split()
        display = [_display_word(o) for o in (originals if len(originals) == len(tokens) else tokens)]
        # words: unigrams of the word block, attributed to the white-space token they are in
        word_items = []  # (token position, word)
        for position, token in enumerate(tokens):
            for word in _WORD_RE.findall(token):
                word_items.append((position, word))
        grams = [w for _, w in word_items]
        terms = grams + [f"{a} {b}" for a, b in zip(grams, grams[1:])]
        owners: list[str] = [display[p] for p, _ in word_items]
        owners += [f"{display[p]} {display[q]}" if p != q else display[p]
                   for (p, _), (q, _) in zip(word_items, word_items[1:])]
        for term_owner, weight in _block_contributions(self.word, terms, owners):
            add(term_owner, weight)
        char_terms, char_owners = [], []
        low, high = self.char.ngram_range
        for position, token in enumerate(tokens):
            for gram in token_char_ngrams(token, low, high):
                char_terms.append(gram)
                char_owners.append(display[position])
        for term_owner, weight in _block_contributions(self.char, char_terms, char_owners):
            add(term_owner, weight)
        # lexicon features, named with the words that set them off
        values = lexicon_transform(sentence_lexicon_counts([sentence], settings))[0]
        found = _lexicon_words(sentence, settings)
        for j, name in enumerate(self.lexicon_names):
            if values[j]:
                label = _LEXICON_LABELS.get(name, name)
                words = found.get(name)
                add(f"{label}: {', '.join(words)}" if words else label, float(values[j] * self.lexicon_coef[j]))
        # subjectivity features, named with the lexicon's words that set them off
        subjectivity = subjectivity_lexicon()
        hits = subjectivity.hits(word_tokens(sentence))
        values = lexicon_transform(subjectivity.counts_of_hits([hits]))[0]
        words = list(dict.fromkeys(w for w in word_tokens(sentence) if w in subjectivity.index))
        for j, name in enumerate(SUBJECTIVITY_FEATURES):
            if values[j] and self.subjectivity_coef[j]:
                fired = [w for w in words if subjectivity.values[subjectivity.index[w], j]]
                add(f"{_LEXICON_LABELS[name]}: {', '.join(fired)}", float(values[j] * self.subjectivity_coef[j]))
        ranked = sorted(contributions.items(), key=lambda item: (-abs(item[1]), item[0]))
        return [(term, round(weight, 4)) for term, weight in ranked[:k] if term]

    # ------------------------------------------------------------------ saving

    def to_dict(self) -> dict:
        """The model as plain data (what :func:`save_model` writes)."""
        return {
            "schema": SCHEMA,
            **{k: v for k, v in self.metadata.items() if k not in ("schema", "subjectivity_lexicon_version")},
            "threshold": self.threshold,
            "intercept": self.intercept,
            "lexicon": {"features": LEXICON_FEATURES_ID, "transform": "log1p",
                        "names": list(self.lexicon_names), "coef": self.lexicon_coef.tolist()},
            "subjectivity": {"features": SUBJECTIVITY_FEATURES_ID, "transform": "log1p",
                             "lexicon": f"{SUBJECTIVITY_PACKAGE}/{'/'.join(SUBJECTIVITY_FILE)}",
                             "lexicon_version": self.metadata.get("subjectivity_lexicon_version"),
                             "names": list(SUBJECTIVITY_FEATURES), "coef": self.subjectivity_coef.tolist()},
            "word": _block_dict(self.word),
            "char": _block_dict(self.char),
        }


def _display_word(token: str) -> str:
    stripped = token.strip(".,;:!?()[]{}\"'“”‘’«»—–-")
    return stripped or token


def _block_contributions(block: NgramBlock, terms: list[str], owners: list[str]) -> list[tuple[str, float]]:
    """Per occurrence of a known term: its share of the block's contribution."""
    positions: dict[int, list[int]] = {}
    for k, term in enumerate(terms):
        i = block.index.get(term)
        if i is not None:
            positions.setdefault(i, []).append(k)
    if not positions:
        return []
    values = {i: (1.0 + math.log(len(ks))) * float(block.idf[i]) for i, ks in positions.items()}
    norm = math.sqrt(sum(v * v for v in values.values()))
    out = []
    for i, ks in positions.items():
        share = values[i] / norm * float(block.coef[i]) / len(ks)
        out.extend((owners[k], share) for k in ks)
    return out


def _lexicon_words(sentence: str, settings: LexiconSettings | None) -> dict[str, list[str]]:
    """The words of each lexicon feature that fired in ``sentence`` (analysed alone)."""
    from framing.document import parse

    text = " ".join(sentence.split())
    words: dict[str, list[str]] = {}
    for finding in document_findings(parse(text), settings):
        name = _finding_feature(finding)
        if name is not None and finding.text not in words.setdefault(name, []):
            words[name].append(finding.text)
    return words


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _block_dict(block: NgramBlock) -> dict:
    # A term with weight 0 still counts in the vector's norm: it is kept as [term, idf].
    return {
        "analyzer": block.analyzer, "ngram_range": list(block.ngram_range), "sublinear_tf": True, "norm": "l2",
        "rows": [[t, float(i), float(c)] if c else [t, float(i)] for t, i, c in zip(block.terms, block.idf, block.coef)],
    }


# ------------------------------------------------------------------------ file format


def default_model_path() -> Path:
    """Where the shipped default model lives (``models/bias-default.json``)."""
    return data_dir("models") / DEFAULT_MODEL_NAME


def save_model(model: BiasModel, path: str | Path) -> Path:
    """Write ``model`` as JSON: a header, then one feature a line (``[term, idf, weight]``)
    so that a change of weights reads as a diff. Floats keep all their digits."""
    data = model.to_dict()
    blocks = {name: data.pop(name) for name in ("word", "char")}
    lines = ["{"]
    for key, value in data.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)},")
    for n, (name, block) in enumerate(blocks.items()):
        rows = block.pop("rows")
        head = json.dumps(block, ensure_ascii=False, sort_keys=True)[:-1]
        lines.append(f"  {json.dumps(name)}: {head}, \"rows\": [")
        lines.extend(f"    {json.dumps(row, ensure_ascii=False)}," for row in rows[:-1])
        if rows:
            lines.append(f"    {json.dumps(rows[-1], ensure_ascii=False)}")
        lines.append("  ]}" + ("," if n == 0 else ""))
    lines.append("}")
    path = Path(path)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_model(path: str | Path | None = None) -> BiasModel:
    """Read a model file (the shipped default when ``path`` is None). Nothing in the
    file is executed. Raises :class:`ModelError` with a one-line message for a missing
    or unreadable file, invalid JSON, another schema, or inconsistent contents."""
    path = Path(path) if path is not None else default_model_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"{path}: no such model file") from None
    except IsADirectoryError:
        raise ModelError(f"{path}: is a directory, not a model file") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: not a framing model (not JSON: {exc})") from None
    return model_from_dict(data, str(path))


def model_from_dict(data: Any, where: str = "model") -> BiasModel:
    """Rebuild a :class:`BiasModel` from the plain data of a model file."""
    if not isinstance(data, dict) or "schema" not in data:
        raise ModelError(f"{where}: not a framing model (no 'schema' key)")
    schema = data["schema"]
    if schema != SCHEMA:
        made = data.get("framing_version", "an unknown version")
        raise ModelError(f"{where}: model schema {schema!r} (made by framing {made}) cannot be read by framing "
                         f"{__version__}, which reads {SCHEMA!r}; retrain it with 'framing train'")
    try:
        word = _block_from(data["word"], WORD_ANALYZER, where, "word")
        char = _block_from(data["char"], CHAR_ANALYZER, where, "char")
        lexicon = data["lexicon"]
        if lexicon.get("features") != LEXICON_FEATURES_ID or lexicon.get("transform") != "log1p":
            raise ModelError(f"{where}: lexicon features {lexicon.get('features')!r} are not "
                             f"{LEXICON_FEATURES_ID!r}; retrain the model with 'framing train'")
        names = tuple(lexicon["names"])
        unknown = [n for n in names if n not in LEXICON_FEATURES]
        if unknown:
            raise ModelError(f"{where}: unknown lexicon features {', '.join(unknown)}; retrain the model")
        if names != LEXICON_FEATURES:
            raise ModelError(f"{where}: lexicon features are not in the expected order; retrain the model")
        lexicon_coef = np.asarray(lexicon["coef"], dtype=float)
        if lexicon_coef.shape != (len(names),):
            raise ModelError(f"{where}: {len(names)} lexicon features but {lexicon_coef.size} weights")
        subjectivity = data["subjectivity"]
        if subjectivity.get("features") != SUBJECTIVITY_FEATURES_ID or subjectivity.get("transform") != "log1p" \
                or tuple(subjectivity.get("names", ())) != SUBJECTIVITY_FEATURES:
            raise ModelError(f"{where}: subjectivity features {subjectivity.get('features')!r} are not "
                             f"{SUBJECTIVITY_FEATURES_ID!r}; retrain the model with 'framing train'")
        subjectivity_coef = np.asarray(subjectivity["coef"], dtype=float)
        if subjectivity_coef.shape != (len(SUBJECTIVITY_FEATURES),):
            raise ModelError(f"{where}: {len(SUBJECTIVITY_FEATURES)} subjectivity features but "
                             f"{subjectivity_coef.size} weights")
        intercept = float(data["intercept"])
        threshold = float(data.get("threshold", 0.5))
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{where}: malformed model file ({type(exc).__name__}: {exc})") from None
    if not 0.0 < threshold < 1.0:
        raise ModelError(f"{where}: threshold {threshold} is not between 0 and 1")
    metadata = {k: v for k, v in data.items()
                if k not in ("word", "char", "lexicon", "subjectivity", "intercept", "threshold")}
    metadata["subjectivity_lexicon_version"] = subjectivity.get("lexicon_version")
    return BiasModel(word, char, names, lexicon_coef, subjectivity_coef, intercept, threshold, metadata)


def _block_from(block: Any, analyzer: str, where: str, name: str) -> NgramBlock:
    if block.get("analyzer") != analyzer:
        raise ModelError(f"{where}: {name} analyzer {block.get('analyzer')!r} is not {analyzer!r}; "
                         "retrain the model with 'framing train'")
    if block.get("sublinear_tf") is not True or block.get("norm") != "l2":
        raise ModelError(f"{where}: {name} features must use sublinear tf and l2 norm")
    low, high = (int(v) for v in block["ngram_range"])
    if analyzer == WORD_ANALYZER and (low, high) != (1, 2):
        raise ModelError(f"{where}: word n-grams must be 1-2, not {low}-{high}")
    if not 1 <= low <= high <= 10:
        raise ModelError(f"{where}: bad {name} n-gram range {low}-{high}")
    rows = block["rows"]
    terms = tuple(str(r[0]) for r in rows)
    if len(set(terms)) != len(terms):
        raise ModelError(f"{where}: {name} features repeat a term")
    if any(len(r) not in (2, 3) for r in rows):
        raise ModelError(f"{where}: each {name} row must be [term, idf] or [term, idf, weight]")
    idf = np.asarray([r[1] for r in rows], dtype=float)
    coef = np.asarray([r[2] if len(r) == 3 else 0.0 for r in rows], dtype=float)
    return NgramBlock(analyzer, terms, idf, coef, (low, high))
