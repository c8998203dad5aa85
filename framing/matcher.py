"""Applying lexicon entries to a document.

Term entries are indexed by their first word, so a text is tokenised once and each word
costs one dictionary look-up however many entries there are; pattern entries are
regular expressions run per paragraph. Either way a match must be a whole word: not
preceded or followed by a letter or digit, nor joined to one by a hyphen or apostrophe
(``counter-terrorism`` never matches ``terrorism``), except that a possessive ``'s``
may follow (``regime's`` matches ``regime``).

A match then passes the entry's context rules (``followed_by``, ``preceded_by`` and
their negations, tested within the sentence, at most ``RULE_REACH`` characters either
side of the match) and its exceptions (a match inside an occurrence of an exception
phrase is dropped).
"""

from __future__ import annotations

import bisect
from functools import cached_property, lru_cache
import re
from operator import attrgetter
import weakref
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from framing.document import (ASCII_LETTER_TWINS, WORD_RE, Document, DocumentConfig, Paragraph, Sentence, classify_block,
                              fold, parse)
from framing.lexicon import Entry, Lexicon, LexiconError, parse_regex

_LEFT_BOUNDARY = r"(?<![\w])(?<![\w][-'’])"
_RIGHT_BOUNDARY = r"(?![\w])(?!-\w)(?!['’](?![sS](?!\w)(?![-'’]\w))\w)"
_RIGHT_BOUNDARY_RE = re.compile(_RIGHT_BOUNDARY)
_START = attrgetter("start")
_POSSESSIVE = ("'s", "’s")
RULE_REACH = 1000
"""How far (in characters) an entry's context rules and exception phrases read before
and after a match, within its sentence; far beyond any real sentence."""


@dataclass(frozen=True)
class Match:
    """An entry that matched ``text[start:end]``."""

    entry: Entry
    start: int
    end: int


def _order(match: Match) -> tuple[int, int, str]:
    """Text order for matches: by start, the longer first, then by entry id."""
    return match.start, -match.end, match.entry.id


_Scan = tuple[re.Pattern[str], "dict[str, str] | None", "dict[tuple[int, int], list] | None"]
"""A scan for where entries can start: its regex, the strings its hits share (see
:func:`_word_hits`) and where its hits in a document are kept by paragraph span (None
for a matcher's own scans, which keep nothing)."""


def _words(term: str) -> tuple[list[str], list[str]]:
    """The words of a term and the normalised gaps between them."""
    spans = list(WORD_RE.finditer(term))
    words = [m.group() for m in spans]
    gaps = [" ".join(term[a.end():b.start()].split()) or " " for a, b in zip(spans, spans[1:])]
    return words, gaps


def _phrase_regex(phrase: str, flags: int) -> re.Pattern[str]:
    words, gaps = _words(phrase)
    parts = [re.escape(words[0])]
    for gap, word in zip(gaps, words[1:]):
        parts.append(r"\s+" if gap == " " else r"\s*" + re.escape(gap) + r"\s*")
        parts.append(re.escape(word))
    return re.compile(_LEFT_BOUNDARY + "".join(parts) + _RIGHT_BOUNDARY, flags)


class _Compiled:
    """One term (or pattern) of an entry, ready to match. Its regular expressions are
    compiled on first use: most entries never match a given article, and compiling
    every context rule up front would dominate start-up."""

    def __init__(self, entry: Entry, words: tuple[str, ...], gaps: tuple[str, ...], flags: int) -> None:
        self.entry = entry
        self.words = words
        self.gaps = gaps
        self.flags = flags
        # No context rule and no exception: every match is accepted as found.
        self.unconditional = not (entry.followed_by or entry.not_followed_by or entry.preceded_by
                                  or entry.not_preceded_by or entry.exceptions)

    def _rx(self, key: str) -> re.Pattern[str] | None:
        value = getattr(self.entry, key)
        if not value:
            return None
        try:
            return re.compile(value, self.flags)
        except re.error as exc:
            # Only a lexicon loaded without checking its rules gets here (see
            # framing.lexicon.parse_lexicon): say where, as loading would have.
            raise LexiconError(self.entry.path, self.entry.line,
                               f"entry '{self.entry.id}': '{key}' is not a valid regular expression: {exc}") from None

    @cached_property
    def followed_by(self) -> re.Pattern[str] | None:
        return self._rx("followed_by")

    @cached_property
    def not_followed_by(self) -> re.Pattern[str] | None:
        return self._rx("not_followed_by")

    @cached_property
    def preceded_by(self) -> re.Pattern[str] | None:
        return self._rx("preceded_by")

    @cached_property
    def not_preceded_by(self) -> re.Pattern[str] | None:
        return self._rx("not_preceded_by")

    @cached_property
    def exceptions(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_phrase_regex(p, self.flags) for p in self.entry.exceptions)

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        if not self.entry.pattern:
            return None
        return re.compile(_LEFT_BOUNDARY + "(?:" + self.entry.pattern + ")" + _RIGHT_BOUNDARY, self.flags)


def _compile(entry: Entry, term: str | None) -> _Compiled:
    flags = 0 if entry.case_sensitive else re.IGNORECASE
    words: list[str] = []
    gaps: list[str] = []
    if term is not None:
        words, gaps = _words(term)
        if not entry.case_sensitive:
            words = [fold(w) for w in words]
    return _Compiled(entry, tuple(words), tuple(gaps), flags)


def _trie_pattern(words: Iterable[str], after: dict[str, str] | None = None) -> str:
    """A regular expression matching exactly ``words``, shaped as a prefix tree so the
    engine tests one branch per character instead of every word in turn. ``after``
    gives some words a regex that must follow them (a look-ahead, say) for them to
    count."""
    after = after or {}
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {word: {}}  # the word that ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        ending = node.get("")
        tail = after.get(next(iter(ending)), "") if ending is not None else ""
        if not branches:
            return tail
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ending is None:
            return body
        if tail:
            return "(?:" + body + "|" + tail + ")"
        return "(?:" + body + ")?"

    return emit(trie)


def _continuable(compiled: _Compiled) -> bool:
    """Whether a multi-word term can be continued by the shared per-word regex: words
    separated only by white space, case-insensitive."""
    return (len(compiled.words) > 1 and not compiled.entry.case_sensitive
            and all(gap == " " for gap in compiled.gaps))


def _first_word_regex(index: Iterable[str], flags: int = re.IGNORECASE,
                      only_phrases: dict[str, Iterable[str]] | None = None) -> re.Pattern[str]:
    """Whole words (optionally with a possessive 's) that can start a term; group 1 is
    the word itself. Without ``re.IGNORECASE`` it is meant for lower-cased text.
    ``only_phrases``: the words that start only multi-word terms, each with the rest of
    its terms; such a word counts only where one of them follows it (see
    :meth:`Matcher._first_word_scan`)."""
    after = {key: "(?=" + _rest_pattern(rests, group=False) + ")" for key, rests in (only_phrases or {}).items()}
    return re.compile(
        _LEFT_BOUNDARY + "(" + _trie_pattern(index, after) + ")" + r"(['’][sS])?" + _RIGHT_BOUNDARY,
        flags,
    )


def _rest_pattern(by_rest: Iterable[str], group: bool = True) -> str:
    """What follows a first word when one of its multi-word terms goes on: white space,
    then one of the remaining word sequences ``by_rest`` (group 1 unless ``group`` is
    false), possibly with a possessive 's, ending at a word boundary."""
    return r"\s+(" + ("" if group else "?:") + _trie_pattern(by_rest) + r")(?:['’][sS])?" + _RIGHT_BOUNDARY


_PREFIX_SHORT = 8  # openings read off a pattern are this long, or shorter ...
_PREFIX_LENGTH = 12  # ... or up to this long, for a pattern with at most
_PREFIXES_FEW = 64  # this many openings of the short length, while it has at most twice
_PREFIXES_MORE = 32  # as many longer ones (or this many)
_SET_READ = 4  # a set of at most this many characters is read as that many openings
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _literal_prefixes(pattern: str) -> frozenset[str] | None:
    """The lower-case openings (up to eight characters, or up to twelve while that
    leaves few of them; white space written as one space) that every match of
    ``pattern`` must start with, or None when they cannot be read off the pattern.

    Used only to find where a pattern entry can start cheaply; any pattern this cannot
    read is tried everywhere instead, so the answer never changes, only the speed.
    """
    try:
        from re import _parser  # the standard library's own regex parser

        parsed = list(parse_regex(pattern))  # the same tree lexicon validation read
        c = _parser
        space = [(c.CATEGORY, c.CATEGORY_SPACE)]
    except Exception:
        return None
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)

    limit, cap = _PREFIX_SHORT, None  # opening length read, and most openings wanted

    def walk(items: list, prefix: str) -> set[str] | None:
        if len(prefix) >= limit:
            return {prefix[:limit]}
        if not items:
            return {prefix}
        op, arg = items[0]
        rest = items[1:]
        if op is c.LITERAL:
            read = _opening_character(arg)
            return {prefix} if read is None else walk(rest, _extended(prefix, read))
        if op is c.IN and list(arg) == space:  # one \s
            return walk(rest, _extended(prefix, " "))
        if op is c.IN and len(arg) <= _SET_READ and all(kind is c.LITERAL for kind, _ in arg):
            # A small set of characters ("[\x27’]s", and "ha[sd]" where the parser
            # folded "has|had"): each character is an opening of its own.
            reads = [_opening_character(code) for _, code in arg]
            if None in reads:
                return {prefix}
            return union(walk(rest, _extended(prefix, read)) for read in reads)
        if op is c.SUBPATTERN:
            return walk(list(arg[-1]) + rest, prefix)
        if op in zero_width:
            return walk(rest, prefix)
        if op is c.BRANCH:
            return union(walk(list(alternative) + rest, prefix) for alternative in arg[1])
        if op in repeats:
            low, high, item = arg
            item = list(item)
            if item == [(c.IN, space)]:
                spaced = walk(rest, prefix if prefix.endswith(" ") else prefix + " ")
                # \s* may also be empty ("are" + "n't"): both readings are openings.
                return spaced if low >= 1 else union([walk(rest, prefix), spaced])
            # One copy of the item, then the rest only if it cannot repeat (a repeated
            # item's second copy is not known, so reading stops after the first).
            once = walk(item + rest, prefix) if high == 1 else walk(item, prefix)
            if low == 0:
                return union([walk(rest, prefix), once])
            return once
        return {prefix}  # anything else ends what can be read

    def union(results) -> set[str] | None:
        found: set[str] = set()
        for result in results:
            if result is None:
                return None
            found |= result
            if cap is not None and len(found) > cap:
                raise _TooMany  # (every opening found is one of the whole pattern's)
        return found

    result = walk(parsed, "")
    if not result or any(len(p.strip()) < 2 for p in result):
        return None
    # Longer openings rule out more places, but a pattern of many alternatives has many
    # more of them (a scan of tens of thousands compiles slowly and runs no faster):
    # openings are read longer only for a pattern with few, while they stay few.
    if len(result) <= _PREFIXES_FEW:
        cap = max(2 * len(result), _PREFIXES_MORE)
        for limit in range(_PREFIX_LENGTH, _PREFIX_SHORT, -1):
            try:
                longer = walk(parsed, "")
            except _TooMany:
                continue
            return frozenset(longer)
    return frozenset(result)


class _TooMany(Exception):
    """A pattern has more openings of some length than are wanted."""


def _opening_character(code: int) -> str | None:
    """A character of a pattern as an opening holds it: white space as one space, and
    otherwise as :func:`~framing.document.fold` writes what a case-blind match of it
    can be, so that the opening is found in the folded text; None (reading stops)
    for a letter outside ASCII, some of which a case-blind match takes for letters
    that lower-casing keeps apart ("σ" and "ς")."""
    character = chr(code)
    if character.isspace():
        return " "
    if character.isascii() or code in ASCII_LETTER_TWINS:
        return fold(character)
    return character if character.lower() == character.upper() else None


def _extended(prefix: str, read: str) -> str:
    """``prefix`` and then ``read``, a run of white space written as one space."""
    return prefix if read == " " and prefix.endswith(" ") else prefix + read


def _pattern_start_regex(patterns: Sequence[_Compiled], folded: bool = False) -> re.Pattern[str] | None:
    """One regex that stops at every position where some pattern entry can start:
    a prefix tree of their literal openings, plus a full look-ahead for the few whose
    opening cannot be read. ``folded``: for lower-cased text (None when some pattern's
    opening cannot be read, since it may care about case)."""
    prefixes: set[str] = set()
    unreadable = []
    for compiled in patterns:
        found = None if compiled.entry.case_sensitive else _literal_prefixes(compiled.entry.pattern or "")
        if found is None:
            unreadable.append(compiled)
        else:
            prefixes |= found
    if folded:
        if unreadable:
            return None
        return re.compile(_LEFT_BOUNDARY + "(?=(" + _trie_pattern(prefixes) + "))")
    # Group 1 is always the openings' tree (a group that never matches when there is no
    # opening), so that the groups of the patterns read in full come after it.
    branches = ["(" + _trie_pattern(prefixes) + ")" if prefixes else "((?!))"]
    if unreadable:
        branches.append("(?=" + "|".join(_scan_branch(c) for c in unreadable) + ")")
    return re.compile(_LEFT_BOUNDARY + "(?=" + "|".join(branches) + ")", re.IGNORECASE)


def _scan_branch(compiled: _Compiled) -> str:
    """A pattern read in full, as a branch of the pattern-start scan: the pattern itself,
    or nothing (the scan then stops at every word start for it) when it has groups of its
    own, whose numbers and names would clash inside the scan (a back-reference such as
    ``\\1`` would point at the scan's group, two entries may name a group alike)."""
    pattern = compiled.entry.pattern or ""
    if re.compile(pattern).groups:
        return ""
    return ("(?-i:" if compiled.entry.case_sensitive else "(?:") + pattern + ")"


class Matcher:
    """A compiled set of lexicon entries. Build it once, apply it to many documents."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_first_word: dict[str, list[_Compiled]] = {}
        self._patterns: list[_Compiled] = []
        for entry in self.entries:
            if entry.pattern:
                self._patterns.append(_compile(entry, None))
                continue
            for term in entry.terms:
                compiled = _compile(entry, term)
                if compiled.words:
                    # Indexed folded (see framing.document.fold), as look-ups are;
                    # case-sensitive entries compare the exact spelling afterwards.
                    self._by_first_word.setdefault(fold(compiled.words[0]), []).append(compiled)
        # Multi-word terms that share a first word are continued by one regex per first
        # word (a prefix tree of their remaining words) instead of one try per term.
        self._continuations: dict[str, tuple[re.Pattern[str] | None, dict[str, list[_Compiled]]]] = {}
        self._starting: dict[str, list[_Compiled]] = {
            key: [c for c in terms if not _continuable(c)] for key, terms in self._by_first_word.items()
        }
        for key, compiled_terms in self._by_first_word.items():
            by_rest: dict[str, list[_Compiled]] = {}
            for compiled in compiled_terms:
                if _continuable(compiled):
                    by_rest.setdefault(" ".join(compiled.words[1:]), []).append(compiled)
            if by_rest:
                self._continuations[key] = (None, by_rest)  # regex compiled on first use
        self._folded_continuations: dict[str, re.Pattern[str]] = {}
        # Pattern entries to try after each opening the start scan reports (filled as
        # met), each with its regex's match method.
        self._tried_after: dict[str, tuple[tuple[Callable[..., re.Match[str] | None], _Compiled], ...]] = {}
        # Which pattern entries to try at a start, by the text's opening characters.
        self._patterns_by_prefix: dict[str, list[_Compiled]] = {}
        self._patterns_everywhere: list[_Compiled] = []
        self._shared: _SharedScan | None = None  # set by share_scans()
        self._groups: dict[tuple[int, ...], _SharedScan] = {}  # groups led by this matcher
        for compiled in self._patterns:
            found = None if compiled.entry.case_sensitive else _literal_prefixes(compiled.entry.pattern or "")
            if found is None:
                self._patterns_everywhere.append(compiled)
            for prefix in found or ():
                self._patterns_by_prefix.setdefault(prefix, []).append(compiled)

    def find(self, document: Document, paragraphs: Sequence[Paragraph] | None = None) -> list[Match]:
        """Every match in the given paragraphs (default: all but boilerplate), in text order."""
        text = document.text
        if paragraphs is None:
            paragraphs = [p for p in document.paragraphs if p.kind != "boilerplate"]
        folded = document.folded
        scan = text if folded is None else folded
        # The pattern-start scan reads the lower-cased text too unless some pattern's
        # opening cannot be read (it may care about case).
        patterns_folded = folded is not None and not self._patterns_everywhere
        scan_patterns = scan if patterns_folded else text
        # What is the same for every paragraph is looked up once per call: the scans,
        # and where a shared scan keeps its hits for this document (the shared scan is
        # read once: another thread may regroup the matchers meanwhile).
        shared = self._shared
        words_scan = self._word_scan(document, shared, folded is not None) if self._by_first_word else None
        patterns_scan = self._pattern_scan(document, shared, patterns_folded) if self._patterns else None
        found: list[Match] = []
        for paragraph in paragraphs:
            if words_scan is not None:
                words = _kept_hits(_word_hits, words_scan, scan, paragraph)
                if words:
                    self._words_in(text, scan, folded is not None, paragraph, words, found)
            if patterns_scan is not None:
                openings = _kept_hits(_pattern_hits, patterns_scan, scan_patterns, paragraph)
                if openings:
                    self._patterns_in(text, paragraph, openings, found)
        if len(found) > 1:
            found.sort(key=_order)
        return found

    # The scans that find where a term or pattern entry can start, each compiled on first
    # use. Over lower-cased text (``folded``) a case-sensitive regex runs about twice as
    # fast as a case-blind one over the original.

    @cached_property
    def _first_word_blind(self) -> re.Pattern[str] | None:
        return self._first_word_scan(re.IGNORECASE)

    @cached_property
    def _first_word_folded(self) -> re.Pattern[str] | None:
        return self._first_word_scan(0)

    def _first_word_scan(self, flags: int) -> re.Pattern[str] | None:
        """The scan for words that can start a term. A word that starts only multi-word
        terms ("the", "in", "of" open many phrases) stops the scan only where one of
        its phrases goes on after it (a look-ahead), so the thousands of places where
        it stands alone are passed over inside the regex engine. A possessive such
        word starts nothing (see :meth:`_find_in`), so it is skipped as well."""
        if not self._by_first_word:
            return None
        rests = {key: by_rest for key, (_, by_rest) in self._continuations.items() if not self._starting.get(key)}
        return _first_word_regex(self._by_first_word, flags, rests)

    @cached_property
    def _pattern_starts_blind(self) -> re.Pattern[str] | None:
        return _pattern_start_regex(self._patterns) if self._patterns else None

    @cached_property
    def _pattern_starts_folded(self) -> re.Pattern[str] | None:
        return _pattern_start_regex(self._patterns, folded=True) if self._patterns else None

    def _continuation(self, key: str, folded: bool) -> tuple[re.Pattern[str], dict[str, list[_Compiled]]] | None:
        """The regex that reads on from first word ``key`` to the rest of its multi-word
        terms, and those terms by their remaining words."""
        continuation = self._continuations.get(key)
        if continuation is None:
            return None
        rx, by_rest = continuation
        if folded:
            rx = self._folded_continuations.get(key)
            if rx is None:
                rx = re.compile(_rest_pattern(by_rest))
                self._folded_continuations[key] = rx
        elif rx is None:
            rx = re.compile(_rest_pattern(by_rest), re.IGNORECASE)
            self._continuations[key] = (rx, by_rest)
        return rx, by_rest

    def _patterns_after(self, opening: str) -> tuple[_Compiled, ...]:
        """Every pattern entry indexed under an opening that ``opening`` starts with (each
        once), and those tried everywhere."""
        chosen: dict[int, _Compiled] = {}
        for length in range(2, len(opening) + 1):
            for compiled in self._patterns_by_prefix.get(opening[:length], ()):
                chosen[id(compiled)] = compiled
        for compiled in self._patterns_everywhere:
            chosen[id(compiled)] = compiled
        return tuple(chosen.values())

    def _tries_after(self, opening: str) -> tuple[tuple[Callable[..., re.Match[str] | None], _Compiled], ...]:
        """The entries of :meth:`_patterns_after`, each with its regex's match method
        (worked out once per opening)."""
        tried = self._tried_after.get(opening)
        if tried is None:
            pairs = []
            for compiled in self._patterns_after(opening):
                assert compiled.pattern is not None
                pairs.append((compiled.pattern.match, compiled))
            tried = self._tried_after[opening] = tuple(pairs)
        return tried

    def _word_scan(self, document: Document, shared: _SharedScan | None, folded: bool) -> _Scan:
        """The scan for words in ``document`` that can start a term (over the
        lower-cased text when ``folded``): this matcher's own, or the one it shares
        with other matchers (:func:`share_scans`), with where that keeps its hits."""
        if shared is not None:
            return shared.word_scan(document, folded)
        rx = self._first_word_folded if folded else self._first_word_blind
        assert rx is not None
        return rx, None, None

    def _pattern_scan(self, document: Document, shared: _SharedScan | None, folded: bool) -> _Scan:
        """The scan for places in ``document`` where a pattern entry can start: this
        matcher's own, or a shared one when this matcher's scan reads the lower-cased
        text (``folded``)."""
        if shared is not None and folded and self in shared.pattern_members:
            return shared.pattern_scan(document)
        rx = self._pattern_starts_folded if folded else self._pattern_starts_blind
        assert rx is not None
        return rx, None, None

    def _words_in(self, text: str, scan: str, folded: bool, paragraph: Paragraph,
                  hits: Sequence[tuple[int, int, int, str]], found: list[Match]) -> None:
        """Add to ``found`` the term matches that start at the words ``hits`` of
        ``paragraph`` report (see :func:`_word_hits`)."""
        seen: set[tuple[str, int, int]] = set()
        index = self._by_first_word
        starting = self._starting
        limit = paragraph.end
        for start, key_end, end, key in hits:
            if key not in index:
                continue  # a word only another matcher of a shared scan looks for
            possessive = end != key_end
            for compiled in starting.get(key, ()):
                if compiled.entry.case_sensitive and text[start:key_end] != compiled.words[0]:
                    continue
                if len(compiled.words) == 1:
                    match_end: int | None = key_end
                elif possessive:
                    continue  # a possessive first word cannot start a phrase
                else:
                    match_end = self._extend(text, key_end, limit, compiled)
                if match_end is None:
                    continue
                marker = (compiled.entry.id, start, match_end)
                if marker in seen:
                    continue
                if compiled.unconditional or self._accept(text, paragraph, start, match_end, compiled):
                    seen.add(marker)
                    found.append(Match(compiled.entry, start, match_end))
            if possessive:
                continue
            continuation = self._continuation(key, folded)
            if continuation is None:
                continue
            rx, by_rest = continuation
            following = rx.match(scan, key_end, limit)
            if following is None:
                continue
            # Every term whose remaining words are a whole-word prefix of what matched.
            words = list(WORD_RE.finditer(text, following.start(1), following.end(1)))
            for count in range(1, len(words) + 1):
                rest = " ".join(fold(w.group()) for w in words[:count])
                for compiled in by_rest.get(rest, ()):
                    match_end = words[count - 1].end()
                    marker = (compiled.entry.id, start, match_end)
                    if marker not in seen and (compiled.unconditional
                                               or self._accept(text, paragraph, start, match_end, compiled)):
                        seen.add(marker)
                        found.append(Match(compiled.entry, start, match_end))

    def _patterns_in(self, text: str, paragraph: Paragraph, hits: Sequence[tuple[int, str]],
                     found: list[Match]) -> None:
        """Add to ``found`` the pattern matches that start where ``hits`` (see
        :func:`_pattern_hits`) say a pattern entry can start in ``paragraph``."""
        limit = paragraph.end
        tried_after = self._tried_after
        for position, opening in hits:
            tried = tried_after.get(opening)
            if tried is None:
                tried = self._tries_after(opening)
            for match, compiled in tried:
                m = match(text, position, limit)
                if m is None:
                    continue
                start, end = m.span()
                if end > start and (compiled.unconditional or self._accept(text, paragraph, start, end, compiled)):
                    found.append(Match(compiled.entry, start, end))

    @staticmethod
    def _extend(text: str, end: int, limit: int, compiled: _Compiled) -> int | None:
        """End offset of a multi-word term whose first word ends at ``end``, or None."""
        last = len(compiled.words) - 1
        for offset, (gap, word) in enumerate(zip(compiled.gaps, compiled.words[1:]), start=1):
            token = WORD_RE.search(text, end, limit)
            if token is None:
                return None
            between = " ".join(text[end:token.start()].split()) or " "
            if between != gap:
                return None
            candidate = token.group()
            if not compiled.entry.case_sensitive:
                candidate = fold(candidate)
            if candidate == word:
                end = token.end()
            elif offset == last and candidate.endswith(_POSSESSIVE) and candidate[:-2] == word:
                end = token.end() - 2
            else:
                return None
        return end

    @staticmethod
    def _accept(text: str, paragraph: Paragraph, start: int, end: int, compiled: _Compiled) -> bool:
        i = bisect.bisect_right(paragraph.sentences, start, key=_START) - 1
        sentence: Sentence = paragraph.sentences[max(i, 0)]
        s_start, s_end = min(sentence.start, start), max(sentence.end, end)
        # Rules read at most RULE_REACH characters either side, so a "sentence" of
        # megabytes (text with no full stops) costs the same per match as a real one.
        s_start, s_end = max(s_start, start - RULE_REACH), min(s_end, end + RULE_REACH)
        entry = compiled.entry
        # The rules see the sentence around the match as a string of its own ("^" is the
        # sentence's start); it is cut out only for the few entries that have rules.
        if entry.followed_by or entry.not_followed_by:
            after = text[end:s_end]
            if compiled.followed_by and not compiled.followed_by.match(after):
                return False
            if compiled.not_followed_by and compiled.not_followed_by.match(after):
                return False
        if entry.preceded_by or entry.not_preceded_by:
            before = text[s_start:start]
            if compiled.preceded_by and not compiled.preceded_by.search(before):
                return False
            if compiled.not_preceded_by and compiled.not_preceded_by.search(before):
                return False
        # An exception drops the match when one of its occurrences (as a scan of the
        # sentence from its start finds them) spans it; occurrences that start after
        # the match cannot, so the scan stops at the first of them.
        for exception in compiled.exceptions:
            for m in exception.finditer(text, s_start, s_end):
                if m.start() > start:
                    break
                if end <= m.end():
                    return False
        return True


class _SharedScan:
    """One first-word scan and one pattern-start scan standing in for those of several
    matchers that read the same documents (loaded language, generalisation cues and
    reporting verbs would otherwise each scan every paragraph: three passes where one
    does). Its regexes match the union of the members' words and openings, so wherever
    a member's own scan would stop, the shared one stops too, with the same word or an
    opening its own is a prefix of; the member then does exactly the work its own
    scan would have led to, and passes over the places only the others look for.
    Results never change, only the number of passes.

    Hits are kept per document (weakly: they go when the document goes) and per
    paragraph span (as small tuples whose words and openings are shared strings)."""

    def __init__(self, members: tuple[Matcher, ...]) -> None:
        self.members = members
        self.words: set[str] = set()
        starting: set[str] = set()
        self.rests: dict[str, set[str]] = {}
        for matcher in members:
            self.words.update(matcher._by_first_word)
            starting.update(key for key, terms in matcher._starting.items() if terms)
            for key, (_, by_rest) in matcher._continuations.items():
                self.rests.setdefault(key, set()).update(by_rest)
        self.only_phrases = {key for key in self.rests if key not in starting}
        # Pattern openings are shared only by members whose own scan reads the
        # lower-cased text (every opening readable).
        self.pattern_members = frozenset(m for m in members if m._patterns and not m._patterns_everywhere)
        self._documents: dict[int, tuple[weakref.ref[Document], dict[tuple[object, ...], list]]] = {}
        # One copy of each word and opening the scans can report, shared by every hit.
        self._strings: dict[str, str] = {w: w for w in self.words}
        for matcher in self.pattern_members:
            for compiled in matcher._patterns:
                self._strings.update((p, p) for p in _literal_prefixes(compiled.entry.pattern or "") or ())

    @cached_property
    def usable(self) -> bool:
        """False when one member's word could end where another's longer word goes on
        ("ban" and "ban.ki"; "minister" and "minister's"): the shared scan would then
        report the longer word where the member's own scan finds the shorter one."""
        for longer in self.words:
            for cut in range(1, len(longer)):
                if longer[:cut] in self.words and any(_RIGHT_BOUNDARY_RE.match(longer + tail, cut)
                                                      for tail in (" ", "a")):
                    return False
        return True

    @cached_property
    def _words_folded(self) -> re.Pattern[str]:
        return self._word_scan(0)

    @cached_property
    def _words_blind(self) -> re.Pattern[str]:
        return self._word_scan(re.IGNORECASE)

    def _word_scan(self, flags: int) -> re.Pattern[str]:
        return _first_word_regex(self.words, flags, {key: self.rests[key] for key in self.only_phrases})

    @cached_property
    def _pattern_starts(self) -> re.Pattern[str] | None:
        return _pattern_start_regex([c for m in self.pattern_members for c in m._patterns], folded=True)

    def __getstate__(self) -> dict:
        # The hits kept for documents (held by weak references) do not travel.
        return {**self.__dict__, "_documents": {}}

    def memo(self, document: Document) -> dict[object, dict[tuple[int, int], list]]:
        """The hits kept for ``document`` (an empty store the first time): for each
        scan, its hits by paragraph span."""
        key = id(document)
        found = self._documents.get(key)
        if found is not None and found[0]() is document:
            return found[1]
        documents = self._documents

        def forget(ref: weakref.ref[Document]) -> None:
            if documents.get(key, (None,))[0] is ref:
                del documents[key]

        memo: dict[object, dict[tuple[int, int], list]] = {}
        documents[key] = (weakref.ref(document, forget), memo)
        return memo

    def word_scan(self, document: Document, folded: bool) -> _Scan:
        """As :meth:`Matcher._word_scan`, for the words of every member: the regex (over
        the lower-cased text when ``folded``), the strings its hits share, and the
        hits kept for ``document`` by paragraph span."""
        store = self.memo(document).setdefault(("words", folded), {})
        return self._words_folded if folded else self._words_blind, self._strings, store

    def pattern_scan(self, document: Document) -> _Scan:
        """As :meth:`Matcher._pattern_scan` over the lower-cased text, for the openings
        of every member in :attr:`pattern_members`; the rest as in :meth:`word_scan`."""
        rx = self._pattern_starts
        assert rx is not None
        return rx, self._strings, self.memo(document).setdefault("patterns", {})


def _kept_hits(hits_of: Callable[..., list], scan_of: _Scan, scan: str, paragraph: Paragraph) -> list:
    """The hits of the scan ``scan_of`` in ``paragraph`` of ``scan``, as ``hits_of``
    (:func:`_word_hits` or :func:`_pattern_hits`) reads them: taken from where the scan
    keeps its hits in the document, or found and kept there (found afresh for a scan
    that keeps nothing)."""
    rx, strings, store = scan_of
    if store is None:
        return hits_of(rx, scan, paragraph, strings)
    span = (paragraph.start, paragraph.end)
    hits = store.get(span)
    if hits is None:
        hits = store[span] = hits_of(rx, scan, paragraph, strings)
    return hits


def _word_hits(rx: re.Pattern[str], scan: str, paragraph: Paragraph,
               strings: dict[str, str] | None = None) -> list[tuple[int, int, int, str]]:
    """The hits of a first-word scan ``rx`` in ``paragraph`` of ``scan``: ``(start,
    word end, end, word in lower case)``; the word is the copy in ``strings`` if it
    has one (hits that are kept then share their words)."""
    get = (strings or {}).get
    return [(hit.start(), hit.end(1), hit.end(), get(word, word))
            for hit in rx.finditer(scan, paragraph.start, paragraph.end) for word in [fold(hit.group(1))]]


def _pattern_hits(rx: re.Pattern[str], scan: str, paragraph: Paragraph,
                  strings: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """The hits of a pattern-start scan ``rx`` in ``paragraph`` of ``scan``: ``(start,
    opening)``, the opening in lower case with each run of white space as one space
    (empty where only a pattern with no readable opening starts), shared from
    ``strings`` as in :func:`_word_hits`."""
    get = (strings or {}).get
    # (Group 1 is the openings' tree; a user's pattern read in full may hold groups of its
    # own, so a hit can have a last group and none in group 1.)
    return [(hit.start(), get(opening, opening)) for hit in rx.finditer(scan, paragraph.start, paragraph.end)
            for spelt in [hit.group(1)] for opening in [_opening(spelt) if spelt is not None else ""]]


_OPENINGS: dict[str, str] = {}  # the few hundred spellings openings take, normalised


def _opening(spelt: str) -> str:
    """An opening as the scan found it, in lower case with each run of white space as
    one space, and each letter that a case-blind scan takes for an ASCII letter ("ı",
    "İ", "ſ") written as that letter, as the openings are indexed (remembered: the
    same few spellings recur all the time)."""
    opening = _OPENINGS.get(spelt)
    if opening is None:
        opening = _SPACES.sub(" ", fold(spelt))
        if len(_OPENINGS) >= 10_000:
            _OPENINGS.clear()  # text with endless spacing variants: start again
        _OPENINGS[spelt] = opening
    return opening


_GROUPS_KEPT = 8  # groups of shared scans a matcher keeps (see share_scans)


def share_scans(matchers: Iterable[Matcher]) -> None:
    """Let ``matchers``, which read the same documents, find where their entries can
    start with one shared scan instead of one each (see :class:`_SharedScan`). What
    they find is unchanged; they do it in fewer passes over the text. Calling it again
    with the same matchers does nothing; a matcher can share with one group at a
    time (the last one given)."""
    members = tuple(dict.fromkeys(matchers))
    if len(members) < 2:
        return
    current = members[0]._shared
    if current is not None and current.members == members and all(m._shared is current for m in members):
        return
    # A group made before is kept by its first member (a few per matcher), so that
    # configurations taking turns do not rebuild their scans on every call. The
    # group holds its members, so their ids in the key stay theirs.
    groups = members[0]._groups
    key = tuple(map(id, members))
    shared = groups.get(key)
    if shared is None:
        shared = _SharedScan(members)
        # The members are indexed, and the regex parse trees that lexicon validation and
        # their indexing shared are read: kept, they are 8 MB and 100,000 objects that
        # every full pass of the garbage collector walks. (A tree asked for again is
        # parsed again.)
        parse_regex.cache_clear()
        if len(groups) >= _GROUPS_KEPT:
            groups.pop(next(iter(groups)))
        groups[key] = shared
    if shared.usable:
        for matcher in members:
            matcher._shared = shared


def resolve_overlaps(matches: Sequence[Match]) -> list[Match]:
    """Keep the longest match where matches overlap (then the heavier, then the first)."""
    kept: list[Match] = []
    cluster: list[Match] = []
    cluster_end = -1
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if cluster and match.start >= cluster_end:
            kept.extend(_best_of(cluster))
            cluster = []
        cluster.append(match)
        cluster_end = max(cluster_end, match.end) if len(cluster) > 1 else match.end
    kept.extend(_best_of(cluster))
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def _best_of(cluster: list[Match]) -> list[Match]:
    """Non-overlapping choice from a small cluster of overlapping matches."""
    ranked = sorted(cluster, key=lambda m: (-(m.end - m.start), -m.entry.score, m.start, m.entry.id))
    chosen: list[Match] = []
    for match in ranked:
        if all(match.end <= k.start or match.start >= k.end for k in chosen):
            chosen.append(match)
    return chosen


def check_examples(entry: Entry, matcher: Matcher | None = None) -> list[str]:
    """Run an entry's ``flag`` and ``pass`` examples; return one message per failure."""
    matcher = matcher or Matcher([entry])
    problems = []

    def hits(example: str) -> list[Match]:
        document = parse(example)
        return matcher.find(document, document.paragraphs)

    for example in entry.flag:
        if not any(m.entry.id == entry.id for m in hits(example)):
            problems.append(f"{entry.location}: entry '{entry.id}': flag example does not flag: {example!r}")
    for example in entry.passes:
        if any(m.entry.id == entry.id for m in hits(example)):
            problems.append(f"{entry.location}: entry '{entry.id}': pass example flags: {example!r}")
    return problems


def check_lexicon(lexicon: Lexicon) -> list[str]:
    """Run every example of a validated lexicon; one ``file:line: ...`` message per failure.

    Boilerplate examples are whole paragraphs that must (flag) or must not (pass) be
    classed as boilerplate; every other kind's examples go through :func:`check_examples`.
    """
    if lexicon.kind != "boilerplate":
        matcher = Matcher(lexicon.entries)
        return [p for e in lexicon.entries for p in check_examples(e, matcher)]
    config = DocumentConfig(DocumentConfig.default().abbreviations, lexicon)
    problems = []
    for entry in lexicon.entries:
        for example in entry.flag:
            if classify_block(example, config, is_last=True) != "boilerplate":
                problems.append(f"{entry.location}: entry '{entry.id}': flag example is not boilerplate: {example!r}")
        for example in entry.passes:
            if classify_block(example, config, is_last=True) == "boilerplate":
                problems.append(f"{entry.location}: entry '{entry.id}': pass example is boilerplate: {example!r}")
    return problems
