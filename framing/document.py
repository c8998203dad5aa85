"""The document model: text -> paragraphs -> sentences -> tokens, with quoted regions.

Every span is a pair of 0-based, end-exclusive offsets into the caller's original
string, so ``text[span.start:span.end]`` is always the span's text. Nothing here
changes the text: no normalising, no padding.

Paragraphs are blocks separated by blank lines; a file with no blank line at all has one
paragraph per line (the way much copied news arrives). Lines inside a block belong
together, so hard-wrapped text stays one paragraph. Each paragraph has a kind:
``body``, ``heading`` (a short line with no closing punctuation, or a Markdown ``#``
line) or ``boilerplate`` (site furniture found by ``lexicons/boilerplate.toml``).

Sentences follow the rules of the Punkt algorithm with the project's abbreviation list
(``lexicons/abbreviations.txt``), written out in :mod:`framing.sentences`; no model is
downloaded.

Quoted regions are the spans inside double quotation marks (straight or curly) and
curly or straight single quotation marks used as quotes. A quotation left open at the
end of a paragraph continues only when the next paragraph opens with a quotation mark
(news style); otherwise the stray mark is ignored, so it never swallows the rest of
the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from re._constants import AT as _AT, AT_BEGINNING as _AT_BEGINNING, ATOMIC_GROUP as _ATOMIC_GROUP
from re._constants import BRANCH as _BRANCH, LITERAL as _LITERAL, MAX_REPEAT as _MAX_REPEAT
from re._constants import MIN_REPEAT as _MIN_REPEAT, POSSESSIVE_REPEAT as _POSSESSIVE_REPEAT
from re._constants import SUBPATTERN as _SUBPATTERN
from re._parser import parse as _parse
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Callable, Sequence

from framing.lexicon import Lexicon, load_lexicon
from framing.resources import lexicon_dir
from framing.sentences import sentence_spans

PARAGRAPH_KINDS = ("body", "heading", "boilerplate")

WORD_RE = re.compile(r"\w(?:\.(?<=[^\W\d_]\.)(?:[^\W\d_]\.)+|\w*+(?:[-'’]\w++)*+)")
"""A word: letters or digits, with inner hyphens and apostrophes ("cross-border",
"don't"), or a dotted abbreviation ("U.S.", "a.m.").

It finds what "(?:[^\\W\\d_]\\.){2,}|\\w+(?:[-'’]\\w+)*" finds, trying the same
possibilities in the same order, but with the first character taken out in front: the
regex engine then skips to the next word character at once, and reads no further at a
position where no word starts (a third faster). The abbreviation branch opens on its
full stop, and only then looks behind it for a letter: the engine passes over a branch
that opens on a character that is not there without entering it, so most words never
try that branch (a sixth faster). The repeats are possessive ("*+", "++"): nothing
after them can fail, so the engine would never step back into them, and without
keeping the places to step back to it runs a tenth faster."""

# A blank line: two line breaks with only white space between (a line feed, with or
# without a carriage return; or a lone carriage return, as old Mac files end lines: the
# second expressions, used only for text with a carriage return, as they are slower).
_BLANK_LINE_RE = re.compile(r"\n[ \t\f\v\r]*\n")
_LINE_RE = re.compile(r"[^\n]+")
_BLANK_LINE_CR_RE = re.compile(r"\n[ \t\f\v\r]*\n|\r[ \t\f\v]*\r(?!\n)")
_LINE_CR_RE = re.compile(r"[^\r\n]+")
_LINE_BREAK_RE = re.compile(r"[\r\n]")
_BOILERPLATE_MAX_WORDS = 60
_HEADING_MAX_WORDS = 10
_HEADLINE_MAX_WORDS = 30
# The characters other than ASCII letters that a case-blind expression takes for ASCII
# letters (dotted capital I, dotless small i, long s and the Kelvin sign), each with the
# letter it is taken for (tests/test_document.py checks the list against the regex engine).
ASCII_LETTER_TWINS = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_NOT_ASCII_LETTERS_RE = re.compile("[" + "".join(map(chr, ASCII_LETTER_TWINS)) + "]")
_QUOTE_MARK_RE = re.compile("[\"“”'‘’]")
_DOUBLE_MARK_RE = re.compile("[\"“”]")
_KEEP_WORDS_CHARS = 1_000_000  # parse() keeps the words of a text up to this long
_QUOTE_MAX_CHARS = 3000  # a single-quote pair further apart than this is not a quotation


@dataclass(frozen=True)
class Span:
    """A stretch of the original text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span and its index in the document."""

    index: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A quoted region. ``start``/``end`` include the quotation marks; the content is
    ``content_start``..``content_end``. ``continued`` marks a quotation that runs on
    into the next paragraph: in news style, where that paragraph reopens it with a mark,
    or with a blank line inside the quotation, where that paragraph closes it before it
    opens any; the part there then starts at the paragraph's start, with no mark
    (``content_start == start``)."""

    start: int
    end: int
    content_start: int
    content_end: int
    continued: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A block of the article: index (0-based), span, kind and its sentences."""

    index: int
    start: int
    end: int
    kind: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class DocumentConfig:
    """What the document model reads from the lexicon directory: the abbreviations that
    never end a sentence, and the boilerplate patterns."""

    abbreviations: frozenset[str]
    boilerplate: Lexicon
    sentence_final: frozenset[str] = frozenset()
    sentence_starters: frozenset[str] = frozenset()

    @staticmethod
    @cache
    def default() -> "DocumentConfig":
        """The configuration shipped with framing (read once; it is read-only data)."""
        abbreviations, sentence_final = read_abbreviations(lexicon_dir() / "abbreviations.txt")
        return DocumentConfig(
            abbreviations=abbreviations,
            boilerplate=load_lexicon(lexicon_dir() / "boilerplate.toml"),
            sentence_final=sentence_final,
            sentence_starters=read_word_list(lexicon_dir() / "sentence-starters.txt"),
        )

    @cached_property
    def _boilerplate_scans(self) -> tuple[_Scan | None, ...]:
        """The boilerplate entries as three expressions, compiled once per configuration:
        those anchored at the block's start (tried at that one place), those that can be
        run case-sensitively over the lower-cased block (twice as fast), and the rest."""
        anchored, folded, plain = [], [], []
        for entry in self.boilerplate.entries:
            body = entry.pattern or "|".join(map(re.escape, entry.terms))
            wrapped = ("(?-i:" if entry.case_sensitive else "(?:") + body + ")"
            parsed = list(_parse(body))
            if parsed and parsed[0] == (_AT, _AT_BEGINNING):
                anchored.append(wrapped)
            elif not entry.case_sensitive and "(?-i" not in body and body == body.lower():
                folded.append(body)
            else:
                plain.append(wrapped)

        def joined(parts: list[str], flags: int) -> _Scan | None:
            return _Scan.compile("|".join(parts), flags) if parts else None

        return joined(anchored, re.IGNORECASE), joined(folded, 0), joined(plain, re.IGNORECASE)

    def is_boilerplate(self, block: str) -> bool:
        """Whether one of the boilerplate entries finds ``block`` (its whole text)."""
        anchored, folded, plain = self._boilerplate_scans
        if anchored is not None and anchored.pattern.match(block):
            return True
        lowered = block.lower()
        return bool((folded is not None and folded.finds(lowered, lowered))
                    or (plain is not None and plain.finds(block, lowered if _folds_plainly(block) else None)))


def fold(text: str) -> str:
    """``text`` in lower case as a case-blind pattern reads it: lower-cased, with the
    letters of :data:`ASCII_LETTER_TWINS` written as the ASCII letters they are taken
    for ("ı" and "İ" as "i", "ſ" as "s"). The matchers index their words and openings
    in this form and look up what their scans find in it."""
    lowered = text.lower()
    return lowered if lowered.isascii() else text.translate(ASCII_LETTER_TWINS).lower()


def _folds_plainly(block: str) -> bool:
    """Whether a case-blind expression matches an ASCII letter in ``block`` only where
    ``block`` has that letter in either case (so that the lower case of ``block`` holds
    what it matched, in lower case): true unless ``block`` has one of the few other
    characters the regex engine takes for ASCII letters (see :data:`_NOT_ASCII_LETTERS_RE`)."""
    return block.isascii() or _NOT_ASCII_LETTERS_RE.search(block) is None


@dataclass(frozen=True)
class _Scan:
    """A boilerplate expression, and strings one of which every match contains (in lower
    case; empty when none are known): a block that contains none of them need not be
    searched, and ``in`` finds a string many times faster than the expression runs.

    ``together`` says more, when known: sets of strings every match contains all of one
    of ("call" and "us" for "call us"), filed under the needed strings (``together[i]``:
    the sets with a string that holds ``needed[i]``, less ``needed[i]``). A block that
    has no whole set need not be searched either; most blocks that have a word of one
    ("read", "member") lack the rest of its set."""

    pattern: re.Pattern[str]
    needed: tuple[str, ...]
    together: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @staticmethod
    def compile(source: str, flags: int) -> "_Scan":
        """The scan of expression ``source``. With ``re.IGNORECASE`` the needed strings
        hold only characters whose case-blind matches in ASCII text (or any text that
        :func:`_folds_plainly`) are those of their lower case (ASCII ones, and those
        without case)."""
        ignore_case = bool(flags & re.IGNORECASE)
        usable = _ascii_or_caseless if ignore_case else None
        needed = {n.lower() if ignore_case else n for n in _needed_strings(_parse(source, flags).data, usable) or ()}
        shortest = [n for n in needed if not any(m != n and m in n for m in needed)]  # "subscriber" has "subscribe"
        sets = _needed_sets(_parse(source, flags).data, usable)
        lowered_sets = {frozenset(n.lower() if ignore_case else n for n in group) for group in sets or ()}
        needed_strings = tuple(sorted(shortest))
        return _Scan(re.compile(source, flags), needed_strings, _filed(lowered_sets, needed_strings))

    def finds(self, text: str, lowered: str | None) -> bool:
        """Whether the expression finds ``text``. ``lowered``: the text in lower case when
        the needed strings may be looked for in it (None: search without looking)."""
        if self.needed and lowered is not None:
            if self.together:
                if not self._has_a_needed_set(lowered):
                    return False
            elif not any(map(lowered.__contains__, self.needed)):
                return False
        return self.pattern.search(text) is not None

    def _has_a_needed_set(self, lowered: str) -> bool:
        """Whether ``lowered`` contains every string of one of the sets of ``together``:
        only the sets filed under a needed string it contains can be in it (and those
        are filed without the string itself). One pass: each needed string is looked
        for, and its sets tried as soon as it is found."""
        has = lowered.__contains__
        for needed, sets in zip(self.needed, self.together):
            if needed in lowered:
                for strings in sets:
                    if all(map(has, strings)):
                        return True
        return False


def _ascii_or_caseless(character: str) -> bool:
    return character.isascii() or character.lower() == character.upper() == character


def _required_parts(items: list[tuple[Any, Any]], usable: Callable[[str], bool] | None):
    """The parts of the parsed sequence ``items`` that every match goes through, in
    order: ``("run", text)`` for each run of literal characters (only ``usable`` ones),
    ``("all", items)`` for a group without flags of its own, a repeat of at least one
    or an atomic group, and ``("any", [items, ...])`` for an alternation's branches."""
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL and (usable is None or usable(chr(av))):
            run.append(chr(av))
            continue
        if run:
            yield "run", "".join(run)
            run = []
        if op is _SUBPATTERN and not av[1] and not av[2]:
            yield "all", av[3].data
        elif op is _BRANCH:
            yield "any", [branch.data for branch in av[1]]
        elif op in (_MAX_REPEAT, _MIN_REPEAT, _POSSESSIVE_REPEAT) and av[0] >= 1:
            yield "all", av[2].data
        elif op is _ATOMIC_GROUP:
            yield "all", av.data
    if run:
        yield "run", "".join(run)


def _needed_strings(items: list[tuple[Any, Any]], usable: Callable[[str], bool] | None) -> frozenset[str] | None:
    """Strings one of which every match of the parsed expression ``items`` contains, or
    None when none are known. Candidates are the runs of literal characters (only
    ``usable`` ones), groups without flags of their own, repeats of at least one, and
    alternations whose every branch has such strings; the best is the one whose shortest
    string is longest, then the one with fewest strings."""
    best: frozenset[str] | None = None
    for kind, part in _required_parts(items, usable):
        if kind == "run":
            candidate: frozenset[str] | None = frozenset({part})
        elif kind == "all":
            candidate = _needed_strings(part, usable)
        else:
            branches = [_needed_strings(branch, usable) for branch in part]
            candidate = frozenset().union(*branches) if all(branches) else None
        if candidate and (best is None or _rank(candidate) > _rank(best)):
            best = candidate
    return best


_NEEDED_SETS_MAX = 64  # past this many sets, a part of an expression adds no sets of its own


def _needed_sets(items: list[tuple[Any, Any]], usable: Callable[[str], bool] | None) -> frozenset[frozenset[str]] | None:
    """Sets of strings such that every match of the parsed expression ``items`` contains
    all the strings of at least one of them; None when none are known. A sequence needs
    what each of its parts needs (its runs of literal characters, only ``usable`` ones,
    groups without flags of their own, repeats of at least one, alternations whose every
    branch needs something); an alternation needs what one of its branches needs. A part
    that would make more than 64 sets is passed over: the sets stay true, only weaker."""
    sets: frozenset[frozenset[str]] = frozenset({frozenset()})
    for kind, part in _required_parts(items, usable):
        if kind == "run":
            needed: frozenset[frozenset[str]] | None = frozenset({frozenset({part})})
        elif kind == "all":
            needed = _needed_sets(part, usable)
        else:
            branches = [_needed_sets(branch, usable) for branch in part]
            needed = frozenset().union(*branches) if all(branches) else None
        if needed:
            combined = frozenset(x | y for x in sets for y in needed)
            if len(combined) <= _NEEDED_SETS_MAX:
                sets = combined
    return None if frozenset() in sets else sets


def _filed(sets: set[frozenset[str]], needed: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``sets`` (of :func:`_needed_sets`) for :attr:`_Scan.together`: those that hold no
    smaller one (which would do in their place), each filed under the first of the
    ``needed`` strings that one of its strings holds (a block that has the set has that
    string too), its other strings longest first. Empty when there are no sets (none
    known) or a set holds none of them."""
    if not sets:
        return ()  # (a tuple of empty groups would rule out every block)
    smallest = [s for s in sets if not any(other < s for other in sets)]
    filed: list[list[tuple[str, ...]]] = [[] for _ in needed]
    for strings in smallest:
        place = next((i for i, n in enumerate(needed) if any(n in string for string in strings)), None)
        if place is None:
            return ()
        rest = strings - {needed[place]}  # a block filed under a string has it
        filed[place].append(tuple(sorted(rest, key=lambda string: (-len(string), string))))
    return tuple(tuple(sorted(group)) for group in filed)


def _rank(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def read_word_list(path: Path) -> frozenset[str]:
    """Read a word list: one item per line, '#' comments, spelling kept."""
    items = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(item for item in items if item)


def read_abbreviations(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Read an abbreviation list: one per line, lower case, no final full stop, '#'
    comments; a trailing '+' marks one that may also end a sentence. Returns (all
    abbreviations, those that may end a sentence)."""
    items, final = set(), set()
    for line in read_word_list(path):
        item = line.lower()
        may_end = item.endswith("+")
        item = item.rstrip("+").strip().rstrip(".")
        if item:
            items.add(item)
            if may_end:
                final.add(item)
    return frozenset(items), frozenset(final)


@dataclass(frozen=True)
class Document:
    """An analysed text: paragraphs, sentences and quoted regions over ``text``."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[Quote, ...]
    unclosed_quotes: tuple[int, ...] = ()

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences, in order."""
        return tuple([s for p in self.paragraphs for s in p.sentences])

    @cached_property
    def folded(self) -> str | None:
        """The text in lower case, offset for offset, for case-blind scanning; None when
        lower-casing changes its length (a few characters, such as "İ", become two).
        The two letters that a case-blind regular expression reads as ASCII letters but
        lower-casing keeps are written as those letters ("ı" as "i", "ſ" as "s"), so
        that a scan of this text stops wherever a case-blind pattern can match."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):
            return None
        if not lowered.isascii() and ("\u0131" in lowered or "\u017f" in lowered):
            lowered = lowered.translate(ASCII_LETTER_TWINS)  # as fold() writes them
        return lowered

    def paragraph_words(self, paragraph: Paragraph) -> tuple[str, ...]:
        """The words of ``paragraph`` in order, as :func:`count_words` counts them: those
        :func:`parse` found, when it kept them (documents up to a million characters)
        and ``paragraph`` is this document's own; else found afresh."""
        kept: tuple[tuple[str, ...], ...] | None = self.__dict__.get("_paragraph_words")
        i = paragraph.index
        if kept is not None and 0 <= i < len(self.paragraphs) and self.paragraphs[i] is paragraph:
            return kept[i]
        return tuple(WORD_RE.findall(self.text, paragraph.start, paragraph.end))

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.content_start for q in self.quotes]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph that contains ``offset``, if any."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        """The start of every sentence, in order (as :attr:`sentences`)."""
        return [s.start for s in self.sentences]

    @cached_property
    def _first_sentences(self) -> list[int]:
        """For each paragraph (by position), the place of its first sentence in
        :attr:`sentences`."""
        firsts, count = [], 0
        for paragraph in self.paragraphs:
            firsts.append(count)
            count += len(paragraph.sentences)
        return firsts

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains ``offset``, if any."""
        p = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if p < 0 or offset >= self.paragraphs[p].end:
            return None
        first = self._first_sentences[p]
        i = bisect.bisect_right(self._sentence_starts, offset, first, first + len(self.paragraphs[p].sentences)) - 1
        if i >= first and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The quoted region whose content contains ``start..end``, if any."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0:
            quote = self.quotes[i]
            if quote.content_start <= start and end <= quote.content_end:
                return quote
        return None

    def quotes_in(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quoted regions whose content overlaps ``start..end``."""
        starts = self._quote_starts
        lo = max(bisect.bisect_left(starts, start) - 1, 0)
        hi = bisect.bisect_left(starts, end, lo)
        if hi <= lo:
            return ()
        return tuple([q for q in self.quotes[lo:hi] if q.content_start < end and q.content_end > start])


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of words in ``text[start:end]``."""
    return len(WORD_RE.findall(text, start, len(text) if end is None else end))


def block_word_count(block: str, words: Sequence[str]) -> int:
    """The word count by which a block is classified: its number of words, up to 61
    (more than any boilerplate or heading has). ``words`` are the block's words; for a
    block over 1,000 characters they are not read, and the words of its first 1,000
    characters count instead (a word cut at the edge counts once)."""
    limit = _BOILERPLATE_MAX_WORDS + 1
    if len(block) <= 1000:
        return min(len(words), limit)
    return _count_words_up_to(block, limit)


def _count_words_up_to(text: str, limit: int) -> int:
    """Number of words in ``text``, or ``limit`` if there are at least that many."""
    # Words in the first 1,000 characters (a word cut at the edge still counts once)
    # settle most blocks without reading the rest.
    head = len(WORD_RE.findall(text, 0, 1000))
    if head >= limit or len(text) <= 1000:
        return min(head, limit)
    return min(len(WORD_RE.findall(text)), limit)


def split_blocks(text: str) -> list[Span]:
    """The paragraph spans of ``text``, trimmed of surrounding white space.

    Blank lines separate blocks; without any blank line every line is a block.
    """
    return [Span(start, end) for start, end in _block_bounds(text)]


def _block_bounds(text: str) -> list[tuple[int, int]]:
    """:func:`split_blocks` as ``(start, end)`` pairs (what :func:`parse` reads)."""
    blocks: list[tuple[int, int]] = []
    blank, line = (_BLANK_LINE_CR_RE, _LINE_CR_RE) if "\r" in text else (_BLANK_LINE_RE, _LINE_RE)
    if blank.search(text):
        pieces: list[tuple[int, int]] = []
        pos = 0
        for match in blank.finditer(text):
            pieces.append((pos, match.start()))
            pos = match.end()
        pieces.append((pos, len(text)))
    else:
        pieces = [(m.start(), m.end()) for m in line.finditer(text)]
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            blocks.append((start, end))
    return blocks


def classify_block(block: str, config: DocumentConfig, is_last: bool = False, *,
                   is_first: bool = False, after_heading: bool = False, words: int | None = None) -> str:
    """``body``, ``heading`` or ``boilerplate`` for the text of one block.

    A heading is a single line that does not end like a sentence: at most 10 words
    anywhere, or up to 30 words for an article's opening headline (which may end in a
    question mark) and for a subheading right after a heading. A Markdown ``#`` line is
    always a heading. The last block is never a heading: an article does not end on one.
    ``words``: the block's word count as :func:`block_word_count` gives it, when the
    caller has it already.
    """
    if words is None:
        words = block_word_count(block, [] if len(block) > 1000 else WORD_RE.findall(block))
    if words <= _BOILERPLATE_MAX_WORDS and config.is_boilerplate(block):
        return "boilerplate"
    stripped = block.strip()
    if "\n" in stripped or "\r" in stripped or not stripped:
        return "body"
    if stripped.startswith("#") and stripped.lstrip("#").strip():
        return "heading"
    if is_last or not (stripped[0].isupper() or stripped[0].isdigit()):
        return "body"
    limit = _HEADLINE_MAX_WORDS if (is_first or after_heading) else _HEADING_MAX_WORDS
    last = stripped[-1]
    if is_first:
        # A headline may end on a quoted phrase ('... were “filed and forgotten”') or ask.
        last = stripped.rstrip("\"”’'")[-1:] or last
        closing = ".!;:,…)"
    else:
        closing = ".!?;:,\"”’'…)"
    if 0 < words <= limit and last not in closing:
        return "heading"
    return "body"


def split_sentences(text: str, start: int, end: int, config: DocumentConfig) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (absolute offsets)."""
    spans = [Span(s, e) for s, e in sentence_spans(text, start, end, config.abbreviations,
                                                   config.sentence_final, config.sentence_starters)]
    return spans or [Span(start, end)]


_OPENERS_BEFORE = set(" \t\n\r([{—–-/“‘\"':") | {"\u00a0"}
"""Characters after which a straight quotation mark opens a quotation: white space,
brackets, dashes, another quotation mark, and a colon with no space after it ('She
said:"We will strike."')."""


def _is_opening(text: str, i: int, block_start: int) -> bool:
    before = text[i - 1] if i > block_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENERS_BEFORE or before.isspace()) and not after.isspace()


def _is_closing_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


# A single mark that closes a quotation after a comma, full stop, question or exclamation
# mark (group 1), or one that opens another (group 2), whichever comes first.
_SINGLE_CLOSE_OR_OPEN_RE = re.compile(r"[,.!?]([’'])(?!\w)|(?<![^\s(\[{—–-])([‘'])(?=\w)")
_POSSESSIVE_REACH = 300  # how far on the quotation's own close is looked for


def _plural_possessive(text: str, i: int, end: int) -> bool:
    """Whether the single mark at ``i``, inside a single quotation, is rather the
    apostrophe of a plural possessive ("'The strikers' leaders are thugs,' she said"): it
    follows an s and comes before a word in lower case, and further on in the paragraph
    (within a few hundred characters) the quotation closes on a mark after a comma or a
    full stop, as quotations end, before any other opens."""
    if text[i - 1:i] not in ("s", "S") or text[i + 1:i + 2] != " " or not text[i + 2:i + 3].islower():
        return False
    later = _SINGLE_CLOSE_OR_OPEN_RE.search(text, i + 1, min(end, i + _POSSESSIVE_REACH))
    return later is not None and later.group(1) is not None


def find_quotes(text: str, blocks: Sequence[Span]) -> tuple[list[Quote], list[int]]:
    """Quoted regions over the paragraph ``blocks`` of ``text``, and the offsets of
    quotation marks that were opened and never closed."""
    return _all_quotes(text, [(block.start, block.end) for block in blocks])


def _all_quotes(text: str, blocks: Sequence[tuple[int, int]]) -> tuple[list[Quote], list[int]]:
    """The quotations of :func:`find_quotes`: those with marks, and posts embedded as text."""
    quotes, unclosed = _quotes_in_blocks(text, blocks)
    if "(@" in text:
        quotes = _with_embedded_posts(text, quotes, blocks)
    return quotes, unclosed


def _quotes_in_blocks(text: str, blocks: Sequence[tuple[int, int]]) -> tuple[list[Quote], list[int]]:
    """:func:`find_quotes` over blocks given as ``(start, end)`` pairs."""
    quotes: list[Quote] = []
    unclosed: list[int] = []
    carried = False  # a quotation runs on from the block before, with no mark to reopen it
    unbroken = 0  # no line break lies between an open straight mark and this offset
    for number, (block_start, block_end) in enumerate(blocks):
        double_open: int | None = block_start if carried else None
        carried = False
        single_open: int | None = None
        for mark in _QUOTE_MARK_RE.finditer(text, block_start, block_end):
            i, ch = mark.start(), mark.group()
            if ch == "“" or (ch == '"' and double_open is None and _is_opening(text, i, block_start)):
                if double_open is not None and ch == "“" and text[double_open] == '"' \
                        and _LINE_BREAK_RE.search(text, max(double_open, unbroken), i) is not None:
                    # A straight mark still open, past a line break, when a curly one
                    # opens was never closed: it must not run on to the curly quotation's
                    # end. (On one line, curly marks inside straight ones are a quotation
                    # within a quotation, as transcripts and pasted passages write them.)
                    unclosed.append(double_open)
                    double_open = None
                elif double_open is not None:
                    unbroken = i  # searched up to here: the next curly mark goes on from it
                if double_open is None:
                    double_open = i
                    single_open = None
                continue
            if ch in "”\"":
                if double_open is not None:
                    quotes.append(Quote(double_open, i + 1, _content_start(text, double_open), i))
                    double_open = None
                continue
            if double_open is not None:
                continue  # single marks inside a double quotation are nested or apostrophes
            if ch in "‘'" and single_open is None and _is_opening(text, i, block_start) and text[i + 1:i + 2].isalpha():
                single_open = i
                continue
            if ch in "’'" and single_open is not None and _is_closing_single(text, i) \
                    and not _plural_possessive(text, i, block_end):
                if i - single_open <= _QUOTE_MAX_CHARS and i > single_open + 2:
                    quotes.append(Quote(single_open, i + 1, single_open + 1, i))
                single_open = None
        if double_open is not None:
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            if following is not None and text[following[0]] in "“\"":
                # News style: the quotation runs on; the next paragraph reopens it.
                quotes.append(Quote(double_open, block_end, _content_start(text, double_open), block_end,
                                    continued=True))
            elif following is not None and _closes_first(text, *following):
                # A quotation with a blank line inside it: the next paragraph closes it
                # before it opens any, so it runs on there without a mark.
                quotes.append(Quote(double_open, block_end, _content_start(text, double_open), block_end,
                                    continued=True))
                carried = True
            else:
                unclosed.append(double_open)
    quotes.sort(key=lambda q: q.start)
    return quotes, unclosed


def _content_start(text: str, start: int) -> int:
    """Where a quotation's content starts: after its opening mark, if it has one (a
    quotation carried on from the paragraph before has none)."""
    return start + 1 if text[start] in "“\"" else start


def _closes_first(text: str, start: int, end: int) -> bool:
    """Whether the first double quotation mark in ``text[start:end]`` closes one: a
    curly closing mark, or a straight one that cannot open (no space before it)."""
    mark = _DOUBLE_MARK_RE.search(text, start, end)
    if mark is None:
        return False
    i = mark.start()
    return text[i] == "”" or (text[i] == '"' and not _is_opening(text, i, start))


# The line under a post embedded from X (Twitter) as text: "— Name (@handle) Month D, YYYY".
_POST_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=[\r\n]))[ \t]*[—–][ \t]*[^\r\n()]{1,80}?\(@\w{1,15}\)[ \t]+(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*(?=[\r\n]|\Z)")


def _with_embedded_posts(text: str, quotes: list[Quote], blocks: Sequence[tuple[int, int]]) -> list[Quote]:
    """``quotes`` with the posts embedded as text: the last line with words before a
    signature line ("— Name (@handle) Month D, YYYY") is the post's author's words, a
    quotation without marks (``content_start == start``), unless a quotation already
    covers part of it."""
    added = []
    block_starts = [start for start, _ in blocks]
    quote_starts = [q.start for q in quotes]
    for signature in _POST_SIGNATURE_RE.finditer(text):
        end = signature.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == 0:
            continue
        # The post's paragraph: the one the signature is in, or the one before.
        block_start = blocks[bisect.bisect_right(block_starts, end - 1) - 1][0]
        start = max(block_start, text.rfind("\n", block_start, end) + 1, text.rfind("\r", block_start, end) + 1)
        while start < end and text[start].isspace():
            start += 1
        # Quotations do not overlap, so only the last one to start before ``end`` can
        # reach into the line.
        i = bisect.bisect_left(quote_starts, end) - 1
        if start < end and not (i >= 0 and quotes[i].end > start):
            added.append(Quote(start, end, start, end))
    return sorted(quotes + added, key=lambda q: q.start) if added else quotes


def parse(text: str, config: DocumentConfig | None = None) -> Document:
    """Split ``text`` into paragraphs and sentences and find its quoted regions."""
    config = config or DocumentConfig.default()
    abbreviations, sentence_final, starters = config.abbreviations, config.sentence_final, config.sentence_starters
    find_words = WORD_RE.findall
    blocks = _block_bounds(text)
    paragraphs = []
    block_words = []
    keep_words = len(text) <= _KEEP_WORDS_CHARS
    sentence_index = 0
    previous = None
    last = len(blocks) - 1
    for index, (start, end) in enumerate(blocks):
        block_text = text[start:end]
        words = tuple(find_words(text, start, end)) if keep_words or end - start <= 1000 else ()
        if keep_words:
            block_words.append(words)
        kind = classify_block(block_text, config, index == last, is_first=index == 0,
                              after_heading=previous == "heading", words=block_word_count(block_text, words))
        previous = kind
        spans = sentence_spans(text, start, end, abbreviations, sentence_final, starters)
        sentences = tuple([Sentence(i, a, b, index) for i, (a, b) in enumerate(spans, sentence_index)])
        sentence_index += len(sentences)
        paragraphs.append(Paragraph(index, start, end, kind, sentences))
    quotes, unclosed = _all_quotes(text, blocks)
    document = Document(text=text, paragraphs=tuple(paragraphs), quotes=tuple(quotes),
                        unclosed_quotes=tuple(unclosed))
    if keep_words:
        # Kept for the report's readability figures (see Document.paragraph_words). A
        # longer text's words would cost more memory (about 11 MB per MB of text) than
        # reading them again costs time.
        document.__dict__["_paragraph_words"] = tuple(block_words)
    return document
