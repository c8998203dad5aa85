"""Sentence boundaries inside a paragraph.

The rules are those of the Punkt algorithm (Kiss & Strunk, *Unsupervised Multilingual
Sentence Boundary Detection*, Computational Linguistics 32(4), 2006) when it runs with a
fixed list of abbreviations and no statistics learnt from the text, which is how
framing has always used it. They are written out here as plain decisions, so that no
model needs downloading and nothing has to import NLTK (which costs most of a second).
``tests/test_sentences.py`` checks that the boundaries agree with NLTK's Punkt given
the same abbreviation list.

A *candidate* is a run of full stops, question or exclamation marks, with any closing
quotation marks or brackets straight after it, followed by white space (or, after a
closing quotation mark, by a capital letter: a missing space). The sentence
ends after the closing marks; the next one starts at the next character that is not
white space. Whether a candidate is a boundary depends on the run and on the word
``w`` in front of it (the text since the last white space, without opening quotation
marks or brackets):

- a run with ``?`` or ``!`` in it ends a sentence;
- two or more full stops (an ellipsis) do not;
- one full stop does not end a sentence after a known abbreviation (``w``, or its part
  after the last hyphen, in lower case: "Gen.", "U.S.", "ex-Gov."), unless a closing
  double quotation mark follows it and the next word starts with a capital ('He said,
  "No." The meeting ended.': here framing departs from Punkt);
- nor after an initial (a single letter: "J. Smith"), unless the next word starts with
  neither a letter nor one of ``;:,.!?`` (a digit, a quotation mark);
- nor after a number ("the 3. round") when the next word starts in lower case or with
  one of ``;:,.!?``;
- otherwise it does.

A few abbreviations often end sentences too ("bought from the U.S. Neither side"):
marked ``+`` in ``lexicons/abbreviations.txt``, they end one when the next word is a
common sentence opener from ``lexicons/sentence-starters.txt``.
"""

from __future__ import annotations

import re
from typing import AbstractSet

# The end of a candidate: (the end run)(closing marks), then white space or the end, or a
# closing quotation mark run straight into a capital ('secrecy.”“But', a missing space).
# The run is spelt "[.!?][.!?]*" rather than "[.!?]+" (the same matches, tried in the same
# order) so that the expression opens on a character set and the regex engine skips
# quickly to the next full stop, question or exclamation mark.
_CANDIDATE_END_RE = re.compile(r"([.!?][.!?]*)[\"'”’)\]}»]*(?:(?=\s|\Z)|(?<=[”’\"])(?=[“‘]?[A-Z]))")
# Marks that cannot open a word: stripped from the front of ``w``. Curly quotation marks
# are not among them ('was “no.” The' ends a sentence although "no" abbreviates "number").
_OPENING_MARKS = "(\"`{[:;&#*@)}]-,"
# Closing marks standing alone after the break belong to the sentence before
# ('(Read the full text here. ) The next'), as do stray opening ones.
_STRANDED_MARKS_RE = re.compile(r"[\"'”’)\]}»“‘«]+(?=\s|\Z)")
_STRANDED_FIRST = frozenset("\"'”’)]}»“‘«")  # what a stranded run can open on
_NEXT_PUNCTUATION = frozenset(";:,.!?")
_NUMBER_RE = re.compile(r"-?[.,]?\d[\d,.-]*")
_WHITE_SPACE_RE = re.compile(r"\s*")
_SPACE_RE = re.compile(r"\s")  # what str.isspace() calls white space, one character
_WORD_RE = re.compile(r"\w+")


def is_boundary(word: str, run: str, following: str, abbreviations: AbstractSet[str],
                may_end: AbstractSet[str] = frozenset(), starters: AbstractSet[str] = frozenset(),
                quote_closed: bool = False) -> bool:
    """Whether ``word`` + ``run`` ends a sentence when ``following`` is the next word
    (its first characters will do; the empty string at the end of the text).
    ``abbreviations`` are lower case, without their final full stop; those also in
    ``may_end`` do end a sentence when the next word is one of ``starters`` (spelt as
    capitalised in text: "the U.S. Neither side..."). ``quote_closed``: a closing double
    quotation mark follows the run (then an abbreviation ends a sentence before a capital)."""
    if "?" in run or "!" in run:
        return True
    if len(run) > 1:
        return False  # an ellipsis
    word = word.lstrip(_OPENING_MARKS)
    lower = word.lower()
    abbreviation = lower if lower in abbreviations or "-" not in lower else lower.rsplit("-", 1)[-1]
    if abbreviation in abbreviations:
        if quote_closed and following[:1].isupper():
            return True  # 'He said, "No." The meeting ended.'
        if abbreviation in may_end and starters:
            next_word = _WORD_RE.match(following)
            return next_word is not None and next_word.group() in starters
        return False
    first = following[:1]
    if len(word) == 1 and word.isalpha():
        return not (first.isalpha() or first in _NEXT_PUNCTUATION) if first else True
    # A number ends on a digit (what \d finds: isdecimal()) or one of ",.-".
    if word and (word[-1].isdecimal() or word[-1] in ",.-") and _NUMBER_RE.fullmatch(word):
        return not (first.islower() or first in _NEXT_PUNCTUATION) if first else True
    return True


def sentence_spans(text: str, start: int, end: int, abbreviations: AbstractSet[str],
                   may_end: AbstractSet[str] = frozenset(), starters: AbstractSet[str] = frozenset(),
                   ) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the sentences of ``text[start:end]``, a paragraph
    with no white space at either end; together they cover every character of it that is
    not white space between two sentences. ``may_end`` and ``starters``: see
    :func:`is_boundary`.

    A candidate end is a run of ``.``, ``!`` or ``?`` with its closing marks, found end
    first; the word before it is the run of characters that are not white space in
    front of it, which must start after white space at or after ``start``, and only the
    first end in such a word counts (an end straight after another candidate,
    'over.”“But.”“Then', does not). This is the leftmost-first search of the single
    expression "(?<!\\S)(\\S*?)([.!?]+)...", done end first so that a long run
    without white space stays linear (tests/test_sentences.py checks the walk against
    that expression). A candidate with only white space after it is the paragraph's
    own end, which needs no word before it, so it is settled before the walk back to
    that word's start: most paragraphs end on one, and most have a single sentence."""
    spans: list[tuple[int, int]] = []
    sentence_start = floor = start  # a candidate's word starts at ``floor`` or later
    previous_run, previous_word = -1, -1  # the last candidate's end run and word start
    skip_space = _WHITE_SPACE_RE.match
    for match in _CANDIDATE_END_RE.finditer(text, start, end):
        cut = match.end()
        following_start = skip_space(text, cut, end).end()
        if following_start >= end:
            break  # the paragraph's own end
        run_start = match.start()
        if previous_run >= 0 and _SPACE_RE.search(text, previous_run, run_start) is None:
            word_start = previous_word  # the same word as the candidate before
        else:
            word_start = run_start
            while word_start > 0 and not text[word_start - 1].isspace():
                word_start -= 1
        previous_run, previous_word = run_start, word_start
        if word_start < floor:
            continue  # in the word of the candidate before, or begun before ``start``
        floor = cut
        following = text[following_start:min(end, following_start + 40)]
        quote_closed = text[match.end(1):match.end(1) + 1] in ("\"", "”")
        if not is_boundary(text[word_start:run_start], match.group(1), following, abbreviations, may_end, starters,
                           quote_closed):
            continue
        if following[0] in _STRANDED_FIRST:
            stranded = _STRANDED_MARKS_RE.match(text, following_start, end)
            if stranded is not None:
                cut = stranded.end()
                following_start = skip_space(text, cut, end).end()
                if following_start >= end:
                    break
        spans.append((sentence_start, cut))
        sentence_start = following_start
    spans.append((sentence_start, end))
    return spans
