"""Actors: the people, organisations and countries an article mentions, the word lists
that say what kind of source each is, and the reading of a speaker's noun phrase.

Everything listed lives in ``lexicons/`` as data:

- ``attribution-grammar.txt``: closed-class words (determiners, pronouns, auxiliaries,
  prepositions ...) that stand in for a part-of-speech tagger;
- ``source-types.txt``: titles, institution words, outlet patterns, document words and
  vague nouns, each with the source type it signals;
- ``gazetteer.txt``: countries with their short names and demonyms;
- ``gender-cues.txt``: titles and given names that mark a person as a woman or a man
  (read by :class:`GenderCues`, used to resolve "he" and "she").

:class:`ActorFinder` scans an article once, in text order, and returns an
:class:`ActorIndex`: every mention of a person (a capitalised name, with any title
before it), an organisation (a name with an institution or outlet word, or defined by
an acronym in brackets) or a country (a gazetteer name or demonym), each linked to one
:class:`Actor`. Short names ("Bajwa", "General Bajwa") link to the last person whose
full name ends (or starts) with them; an acronym links to the organisation it was
defined for ("Islamic Republic News Agency (IRNA)") or whose initials it spells
("BLA" after "Baloch Liberation Army"). A person in apposition to a role in a body
("Ray Okafor, president of the Alder Rental Housing Council,") has the body as
affiliation, as "council president Ray Okafor" does. A name that opens with a place word ("Port
Alder", "Little Denton") or follows "in", "near" or "villages of" with no person cue is
a place, not a person (``[place_first]``, ``[place_before]``). Nothing here is a
statistical guess: a name the lists cannot place is left alone rather than typed wrongly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Container, Iterable, Iterator, NamedTuple, Sequence

from framing.document import Document
from framing.lexicon import LexiconError

SOURCE_TYPES = ("person", "official", "military", "police", "media", "organisation", "expert",
                "document", "unnamed", "unknown")
"""Kinds of source. ``unnamed``: a vague or anonymous source (officials, sources,
critics); ``unknown``: a source the word lists cannot place."""

_ORG_TYPES = frozenset({"official", "military", "police", "media", "organisation", "expert"})
PERSON_TYPES = frozenset({"person", "official", "military", "police", "expert"})
"""The types a named person can have: a title in [title:organisation] ("chief
executive", "union leader", "boss") gives an unnamed role its body's type, but a
named person with it is a person."""
_SECTION_RE = re.compile(r"^\[([a-z_]+)(?::([a-z_]+))?\]$")


# ----------------------------------------------------------------------------- reading


def read_sections(path: str | Path) -> dict[str, tuple[str, ...]]:
    """Read a sectioned word list: ``[section]`` or ``[section:type]`` headers, one item
    a line, ``#`` comments. Returns ``{"section" or "section:type": items}`` with items
    as written (surrounding space removed). A line before any header, or a malformed
    header, raises LexiconError naming ``file:line``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(path, 0, f"cannot read word list: {exc.strerror or exc}") from None
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("["):
            match = _SECTION_RE.match(line)
            if match is None:
                raise LexiconError(path, number, f"malformed section header {line!r} (expected [name] or [name:type])")
            key = match.group(1) + (f":{match.group(2)}" if match.group(2) else "")
            current = sections.setdefault(key, [])
            continue
        if current is None:
            raise LexiconError(path, number, "an item before the first [section] header")
        current.append(line)
    return {key: tuple(items) for key, items in sections.items()}


def _key(phrase: str, keep_case: bool = False) -> tuple[str, ...]:
    """A phrase as a tuple of words for look-ups: trailing full stops dropped, and lower
    case unless ``keep_case``."""
    words = tuple(w.rstrip(".") for w in phrase.replace("’", "'").split())
    return words if keep_case else tuple(w.lower() for w in words)


@dataclass(frozen=True)
class Grammar:
    """The closed-class word lists of ``attribution-grammar.txt`` (lower case)."""

    determiners: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    relatives: frozenset[str]
    auxiliaries: frozenset[str]
    passive: frozenset[str]
    prepositions: frozenset[str]
    postmodifiers: frozenset[tuple[str, ...]]
    conjunctions: frozenset[str]
    complementizers: frozenset[str]
    finite: frozenset[str]
    participles: frozenset[str]
    time: frozenset[str]
    place: frozenset[str]
    sentence_starters: frozenset[str] = frozenset()
    not_adverbs: frozenset[str] = frozenset()
    agent_verbs: frozenset[str] = frozenset()
    catenative_cues: frozenset[str] = frozenset()
    place_first: frozenset[str] = frozenset()
    place_before: frozenset[tuple[str, ...]] = frozenset()
    # Read by the actor finder's name runs (see NameRuns).
    name_connectors: frozenset[str] = frozenset()
    name_articles: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    # Read by the speaker's-phrase grammar (framing/attribution_finder.py).
    auxiliary_verbs: frozenset[str] = frozenset()
    cue_auxiliaries: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    plural_quantifiers: frozenset[str] = frozenset()
    inner_connectors: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    appositive_prepositions: frozenset[str] = frozenset()
    adverbial_prepositions: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    content_prepositions: frozenset[str] = frozenset()
    object_links: frozenset[str] = frozenset()
    # Read by the source resolver (framing/sources.py).
    role_prepositions: frozenset[str] = frozenset()

    @staticmethod
    def read(path: str | Path, sentence_starters: Iterable[str] = ()) -> "Grammar":
        """Read ``attribution-grammar.txt``; every section must be present."""
        sections = read_sections(path)

        def words(name: str) -> frozenset[str]:
            if name not in sections:
                raise LexiconError(path, 0, f"missing section [{name}]")
            return frozenset(w.lower() for w in sections[name])

        return Grammar(
            determiners=words("determiner"), person_pronouns=words("pronoun:person"),
            group_pronouns=words("pronoun:group"), thing_pronouns=words("pronoun:thing"),
            speaker_pronouns=words("pronoun:speaker"), relatives=words("relative"),
            auxiliaries=words("auxiliary"), passive=words("passive"), prepositions=words("preposition"),
            postmodifiers=frozenset(_key(p) for p in words("postmodifier")),
            conjunctions=words("conjunction"), complementizers=words("complementizer"),
            finite=words("finite"), participles=words("participle_adjective"), time=words("time"),
            place=words("place"), sentence_starters=frozenset(w.lower() for w in sentence_starters),
            not_adverbs=words("not_adverb"), agent_verbs=words("agent_verb"),
            catenative_cues=words("catenative_cue"), place_first=words("place_first"),
            place_before=frozenset(_key(p) for p in words("place_before")),
            auxiliary_verbs=words("auxiliary_verb"), cue_auxiliaries=words("cue_auxiliary"),
            quantifiers=words("quantifier"), plural_quantifiers=words("plural_quantifier"),
            inner_connectors=words("inner_connector"), articles=words("article"),
            appositive_prepositions=words("appositive_preposition"),
            adverbial_prepositions=words("adverbial_preposition"), subordinators=words("subordinator"),
            content_prepositions=words("content_preposition"), object_links=words("object_link"),
            name_connectors=words("name_connector"), name_articles=words("name_article"),
            name_particles=words("name_particle"), role_prepositions=words("role_preposition"),
        )

    @cached_property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.group_pronouns | self.thing_pronouns | self.speaker_pronouns

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Words that never belong inside a speaker's name or noun phrase (besides the
        determiner that opens it)."""
        return (self.pronouns | self.relatives | self.auxiliaries | self.prepositions | self.conjunctions
                | self.complementizers)


@dataclass(frozen=True)
class SourceTypes:
    """The typing lists of ``source-types.txt`` (see that file): phrase tuples mapped to
    a source type. ``titles`` and ``nouns`` are lower case; ``names`` keep their case."""

    titles: dict[tuple[str, ...], str]
    names: dict[tuple[str, ...], str]
    nouns: dict[tuple[str, ...], str]
    outlet_before: frozenset[tuple[str, ...]]
    documents: frozenset[tuple[str, ...]]
    unnamed: frozenset[tuple[str, ...]]
    longest: int = 4
    two_sense: frozenset[tuple[str, ...]] = frozenset()
    civil_body: frozenset[tuple[str, ...]] = frozenset()
    against: frozenset[tuple[str, ...]] = frozenset()

    @staticmethod
    def read(path: str | Path) -> "SourceTypes":
        """Read ``source-types.txt``; unknown sections or types raise LexiconError."""
        sections = read_sections(path)
        titles: dict[tuple[str, ...], str] = {}
        names: dict[tuple[str, ...], str] = {}
        nouns: dict[tuple[str, ...], str] = {}
        plain: dict[str, frozenset[tuple[str, ...]]] = {}
        for key, items in sections.items():
            section, _, kind = key.partition(":")
            if section in ("title", "name", "noun"):
                if kind not in SOURCE_TYPES:
                    raise LexiconError(path, 0, f"[{key}]: type must be one of {', '.join(SOURCE_TYPES)}")
                table = {"title": titles, "name": names, "noun": nouns}[section]
                for item in items:
                    table.setdefault(_key(item, keep_case=section == "name"), kind)
            elif section in ("outlet_before", "document", "unnamed", "two_sense", "against") and not kind:
                plain[section] = frozenset(_key(item) for item in items)
            elif section == "civil_body" and not kind:
                plain[section] = frozenset(_key(item, keep_case=True) for item in items)
            else:
                raise LexiconError(path, 0, f"unknown section [{key}]")
        longest = max((len(k) for table in (titles, names, nouns) for k in table), default=1)
        return SourceTypes(titles, names, nouns, plain.get("outlet_before", frozenset()),
                           plain.get("document", frozenset()), plain.get("unnamed", frozenset()), longest,
                           plain.get("two_sense", frozenset()), plain.get("civil_body", frozenset()),
                           plain.get("against", frozenset()))

    @cached_property
    def first_words(self) -> dict[str, frozenset[str]]:
        """Per table ("title", "name", "noun"): the words its phrases start with (see
        :func:`find_phrases`)."""
        return {"title": _first_words(self.titles), "name": _first_words(self.names), "noun": _first_words(self.nouns)}


@dataclass(frozen=True)
class GenderCues:
    """The lists of ``gender-cues.txt``: titles and given names that mark a person as a
    woman (``"female"``) or a man (``"male"``)."""

    titles: dict[str, str] = field(default_factory=dict)
    given: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def read(path: str | Path) -> "GenderCues":
        """Read ``gender-cues.txt``; an unknown section raises LexiconError."""
        titles: dict[str, str] = {}
        given: dict[str, str] = {}
        for key, items in read_sections(path).items():
            section, _, gender = key.partition(":")
            if section not in ("title", "given") or gender not in ("female", "male"):
                raise LexiconError(path, 0, f"[{key}]: expected [title:female], [title:male], [given:female] "
                                   "or [given:male]")
            table = titles if section == "title" else given
            for item in items:
                word = item.lower()
                table[word] = "unknown" if table.get(word, gender) != gender else gender
        return GenderCues(titles, given)


@dataclass(frozen=True)
class Gazetteer:
    """Countries: every alias or demonym (case-sensitive, as a word tuple) maps to the
    country's display name."""

    aliases: dict[tuple[str, ...], str]
    longest: int = 1

    @staticmethod
    def read(path: str | Path) -> "Gazetteer":
        """Read ``gazetteer.txt``: ``Country | alias | demonym ...`` per line."""
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise LexiconError(path, 0, f"cannot read gazetteer: {exc.strerror or exc}") from None
        aliases: dict[tuple[str, ...], str] = {}
        for number, raw in enumerate(lines, start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            names = [n.strip() for n in line.split("|")]
            if not all(names):
                raise LexiconError(path, number, "empty name between '|' separators")
            for name in names:
                aliases.setdefault(tuple(name.split()), names[0])
        return Gazetteer(aliases, max((len(k) for k in aliases), default=1))

    def countries(self) -> frozenset[str]:
        return frozenset(self.aliases.values())

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The words that names and demonyms start with (see :func:`find_phrases`)."""
        return _first_words(self.aliases)


def _first_words(table: Iterable[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(key[0] for key in table if key)


# ----------------------------------------------------------------------------- tokens


class Tok(NamedTuple):
    """A token of a sentence: its span, text, lower-case form (trailing full stop
    dropped), whether it starts with a capital letter and whether it is a word
    (``alnum``) rather than a punctuation mark."""

    start: int
    end: int
    text: str
    low: str
    cap: bool
    alnum: bool = True


_SPACED_TOKEN_RE = re.compile(r"(\s*)((?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,4}\.(?=\s+[A-Z])|\w+(?:[-'’]\w+)*|[^\w\s])")
"""A token with the white space before it: every character that is no white space
starts some token, so the two groups of successive matches tile the text and a token's
offset is the lengths before it summed (see :func:`_pattern_tokens`). No token holds a
space, and only the look-ahead of a short capitalised abbreviation ("Gen." before
"Piotr") reads past its token."""

_CAPITAL_AFTER_RE = re.compile(r"\s+[A-Z]")
"""What the abbreviation look-ahead of :data:`_SPACED_TOKEN_RE` asks to follow."""

_CLOSING_MARKS = frozenset(",.;:!?\"”’')")
"""Marks that often close a word ("said,", "Workers’"): each is a token of its own, as
the token pattern reads it."""


_LONE_APOSTROPHE_RE = re.compile(r" (['’])(?= |$)")


def _join(words) -> str:
    """Words as one name, a lone apostrophe kept on its word ("Workers' Union")."""
    name = " ".join(words)
    if "'" not in name and "’" not in name:
        return name  # the common case: nothing to rejoin
    return _LONE_APOSTROPHE_RE.sub(r"\1", name)


@lru_cache(maxsize=1 << 16)
def _word_forms(word: str) -> tuple[str, bool, bool]:
    """A token's lower-case form (curly apostrophe straightened, trailing full stops
    dropped), whether it starts with a capital and whether it is a word: the parts of a
    :class:`Tok` that depend on its text alone, worked out once per distinct word."""
    low = word.lower()
    if "’" in low:
        low = low.replace("’", "'")
    if low[-1] == "." and len(low) > 1:
        low = low.rstrip(".")
    return low, word[0].isupper(), word[0].isalnum()


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]``: words (with inner hyphens and apostrophes), dotted
    abbreviations and short capitalised abbreviations before a name ("Gen. Piotr",
    "Dr. Osk"), and single punctuation marks.

    No token holds a space, so the text is read a space-separated part at a time: a
    part of letters and digits is one token, and one with a closing mark after it
    ("said,") two, without the token pattern (most parts of news text are such);
    any other part is read by the pattern (:func:`_odd_part`)."""
    tokens: list[Tok] = []
    append, make, forms = tokens.append, tuple.__new__, _word_forms
    pos = start
    for part in text[start:end].split(" "):
        after = pos + len(part)
        if part.isalnum():
            low, cap, alnum = forms(part)
            append(make(Tok, (pos, after, part, low, cap, alnum)))
        elif (mark := part[-1:]) in _CLOSING_MARKS and (word := part[:-1]).isalnum() and (
                mark != "." or after == end or len(part) > 6 or not "A" <= part[0] <= "Z"):
            # (A short capitalised word before a full stop may be an abbreviation.)
            low, cap, alnum = forms(word)
            append(make(Tok, (pos, after - 1, word, low, cap, alnum)))
            low, cap, alnum = forms(mark)
            append(make(Tok, (after - 1, after, mark, low, cap, alnum)))
        else:
            _odd_part(text, pos, after, end, tokens)
        pos = after + 1
    return tokens


def _odd_part(text: str, start: int, end: int, limit: int, tokens: list[Tok]) -> None:
    """Append to ``tokens`` the tokens of ``text[start:end]``, a part of the text that
    no space splits (see :func:`tokenize`), which ends the text read at ``limit``. The
    pattern reads it, past its end only when it ends in a full stop or white space and
    what comes next is what an abbreviation's look-ahead asks for ("Dr. Osk"); the
    capital that look-ahead reads is then no token of the part."""
    if end < limit and (text[end - 1:end] == "." or text[end - 1:end].isspace()):
        after = _CAPITAL_AFTER_RE.match(text, end, limit)
        if after is not None:
            _pattern_tokens(text, start, after.end(), tokens)
            tokens.pop()  # the capital after the part
            return
    _pattern_tokens(text, start, end, tokens)


def _pattern_tokens(text: str, start: int, end: int, tokens: list[Tok]) -> None:
    """Append to ``tokens`` the tokens :data:`_SPACED_TOKEN_RE` finds in
    ``text[start:end]``."""
    append, make, forms = tokens.append, tuple.__new__, _word_forms
    pos = start
    for space, word in _SPACED_TOKEN_RE.findall(text, start, end):  # one C-level pass
        first = pos + len(space)
        pos = first + len(word)
        low, cap, alnum = forms(word)
        append(make(Tok, (first, pos, word, low, cap, alnum)))


def is_possessive(tok: Tok) -> bool:
    return tok.low.endswith("'s") and len(tok.low) > 2


def stem(tok: Tok) -> str:
    """The token without a possessive 's ("Iran's" -> "Iran")."""
    low = tok.low  # is_possessive(tok), inlined: stem is called for every word of a name
    return tok.text[:-2] if low.endswith("'s") and len(low) > 2 else tok.text


def _stems(tokens: Sequence[Tok]) -> list[str]:
    """:func:`stem` of each token."""
    return [t.text[:-2] if t.low.endswith("'s") and len(t.low) > 2 else t.text for t in tokens]


def find_phrases(words: Sequence[str], table: dict[tuple[str, ...], str] | frozenset[tuple[str, ...]],
                 longest: int, firsts: Container[str] | None = None) -> list[tuple[int, int]]:
    """``(i, j)`` word ranges of ``words`` that are keys of ``table``, longest first at
    each position, not overlapping, scanning left to right. ``firsts``, the first words
    of the keys, if given, lets a word that starts no key be skipped at once."""
    found = []
    i, n = 0, len(words)
    while i < n:
        if firsts is not None and words[i] not in firsts:
            i += 1
            continue
        for size in range(min(longest, n - i), 0, -1):
            if tuple(words[i:i + size]) in table:
                found.append((i, i + size))
                i += size
                break
        else:
            i += 1
    return found


def phrase_type(words_low: Sequence[str], words_case: Sequence[str], types: SourceTypes,
                tables: Sequence[str] = ("title", "noun", "name")) -> tuple[str | None, int, str]:
    """The source type the words signal: ``(type, where the phrase starts, which list
    matched: "title", "noun" or "name")``, or ``(None, -1, "")``.

    Titles and common nouns are matched in lower case, institution names with their
    capitals. The phrase in the head wins (within a name with 'of', such as "Department
    of State" or "Chamber of Commerce", the head is the part before 'of'), then the
    longest, then the one nearest the end.
    """
    head_limit = len(words_low)
    if "of" in words_low and "of" in words_low[1:]:  # the first test needs no copy
        head_limit = list(words_low).index("of", 1)
    best: tuple[tuple[int, int, int], str, int, str] | None = None
    for source in tables:
        if source == "name":
            table, words = types.names, words_case
        elif source == "title":
            table, words = types.titles, words_low
        elif source == "noun":
            table, words = types.nouns, words_low
        else:
            raise KeyError(source)
        for i, j in find_phrases(words, table, types.longest, types.first_words[source]):
            rank = (int(i < head_limit), j - i, i)
            if best is None or rank > best[0]:
                best = (rank, table[tuple(words[i:j])], i, source)
    if best is None:
        return None, -1, ""
    return best[1], best[2], best[3]


# ----------------------------------------------------------------------------- actors


def build_frozen(cls: type, /, **fields: Any) -> Any:
    """An instance of the frozen dataclass ``cls`` with ``fields``: every field, in the
    order the class declares them, as its ``__init__`` would set them. That generated
    ``__init__`` sets each field through ``object.__setattr__`` (about 1 us for an
    :class:`~framing.attribution.Attribution`, paid for every attribution, actor and
    source); here they are set in one step. Only for classes without
    ``__post_init__`` (tests check both conditions for the classes built so).

    The instance then holds its fields in a dictionary of its own, where ``__init__``
    would keep them inline: one more object for the cyclic garbage collector to walk
    whenever a field holds a container. So it suits the many short-lived results that
    hold plain values (actors, mentions), not the parts of a report, which are often
    kept by the thousand: those are slotted classes built by their ``__init__``, with
    nothing for the collector to walk but the fields themselves."""
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


@dataclass(frozen=True)
class Actor:
    """A person, organisation or country the article mentions.

    ``name`` is the fullest form the article gives (a person's name without titles,
    an organisation's name without a leading "The"); ``type`` is a source type (see
    :data:`SOURCE_TYPES`); ``country`` the country the article ties it to (by a
    demonym or country name in or right before its name), if any; ``title`` the title or
    role the article gives a person; ``aliases`` every other form that refers to it
    (acronyms, short names).
    """

    key: int
    name: str
    kind: str
    type: str
    country: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: int | None = None


@dataclass(frozen=True)
class Mention:
    """A stretch of text that mentions actor ``actor`` (its key)."""

    start: int
    end: int
    actor: int


_SPAN = attrgetter("start", "end")
_START = attrgetter("start")


@dataclass(frozen=True)
class ActorIndex:
    """The actors of one article and their mentions, in text order."""

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False)

    def actor(self, key: int) -> Actor:
        return self.actors[key]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside ``start..end``."""
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                found.append(self.mentions[i])
            i += 1
        return found

    def last_before(self, offset: int, kinds: Iterable[str] = (), types: Iterable[str] = (),
                    limit: int = 4000) -> Actor | None:
        """The actor of the last mention that ends before ``offset`` (at most ``limit``
        characters back) whose kind is in ``kinds`` or type in ``types``."""
        kinds, types = frozenset(kinds), frozenset(types)
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0:
            mention = self.mentions[i]
            if mention.end <= offset:
                if offset - mention.end > limit:
                    return None
                actor = self.actors[mention.actor]
                if actor.kind in kinds or actor.type in types:
                    return actor
            i -= 1
        return None

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per actor key: (number of mentions, offset of the first)."""
        result: dict[int, tuple[int, int]] = {}
        for m in self.mentions:
            seen = result.get(m.actor)
            if seen is None:
                result[m.actor] = (1, m.start)
            else:
                n, first = seen
                result[m.actor] = (n + 1, first if first <= m.start else m.start)
        return result


class _Builder:
    """Mutable state of one scan (actors so far and the look-ups that link mentions)."""

    def __init__(self) -> None:
        self.actors: list[dict] = []
        self.mentions: list[Mention] = []
        self.by_name: dict[tuple[str, str], int] = {}
        self.short: dict[str, int] = {}       # person surname / first name -> actor
        self.acronyms: dict[str, int] = {}    # acronym -> organisation
        self.last_word: dict[str, int] = {}   # last word of an organisation name -> it
        self.first_words: dict[str, int] = {}  # its first word(s), a short form -> it

    def actor(self, name: str, kind: str, type_: str, **extra) -> int:
        key = (kind, name)
        if key in self.by_name:
            index = self.by_name[key]
            record = self.actors[index]
            for k, v in extra.items():
                if v and not record.get(k):
                    record[k] = v
            return index
        index = len(self.actors)
        self.actors.append({"key": index, "name": name, "kind": kind, "type": type_, "aliases": [], **extra})
        self.by_name[key] = index
        return index

    def mention(self, start: int, end: int, actor: int) -> None:
        """Add a :class:`Mention` (built by :func:`build_frozen`: a frozen dataclass's
        ``__init__`` costs about twice as much, and an article has dozens)."""
        self.mentions.append(build_frozen(Mention, start=start, end=end, actor=actor))

    def alias(self, actor: int, alias: str) -> None:
        aliases = self.actors[actor]["aliases"]
        if alias != self.actors[actor]["name"] and alias not in aliases:
            aliases.append(alias)


class NameRuns:
    """The scan for runs of capitalised words: a name, perhaps with connectors ("Chamber
    of Commerce", "Bank of the South"), particles ("al-Assad", "Jan van Dijk") and an
    acronym in brackets after it. Built from the ``[name_connector]``,
    ``[name_article]`` and ``[name_particle]`` sections of ``attribution-grammar.txt``."""

    def __init__(self, connectors: Iterable[str], articles: Iterable[str], particles: Iterable[str]) -> None:
        connectors, articles, particles = sorted(connectors), sorted(articles), sorted(particles)
        # The words that join the words of a name, in lower case.
        self.connectors = frozenset((*connectors, *articles))
        word = r"(?:[A-Z][\w'’-]*|(?:" + "|".join(map(re.escape, particles)) + r")-?[A-Z][\w'’-]*)"
        rest = (
            r"(?:(?:\s+(?:(?:" + "|".join(map(re.escape, connectors)) + r")\s+"
            + "".join(r"(?:" + re.escape(a) + r"\s+)?" for a in articles) + r")?|-)"
            + word + r")*"
            r"(?:\s*\(\s*(?P<acronym>[A-Z][A-Za-z.&-]{1,9})\s*\))?"
        )
        self.pattern = re.compile(word + rest)
        """A run from its first word (a particle or a capital)."""
        self._from_capital = re.compile(r"[A-Z][\w'’-]*" + rest)
        """The same run read from its first capital (see :meth:`find`)."""
        # The particles that open a name, with and without their hyphen ("al-", "van").
        self._particle_forms = frozenset(f"{p}{h}" for p in particles for h in ("", "-"))
        self._particle_ends = frozenset(form[-1] for form in self._particle_forms)
        self._longest = max(map(len, self._particle_forms), default=0)
        self._shortest = min(map(len, self._particle_forms), default=1)

    def find(self, text: str, start: int, end: int) -> Iterator[tuple[int, re.Match]]:
        """The runs :attr:`pattern` finds in ``text[start:end]``, in order, each as
        ``(where the run starts, its match from its first capital)``. The scan looks for
        the capital (a pattern that opens with a character class skips ahead fast, where
        one that may open with a particle is tried at every letter); a particle right
        before the capital ("al-Assad") then opens the run, as it would open the
        pattern's match."""
        pos = start  # where the scan for this run began: the end of the run before
        for match in self._from_capital.finditer(text, start, end):  # each from the end of the last
            first = match.start()
            if first > pos and text[first - 1] in self._particle_ends:
                first = self._particle_start(text, pos, first)
            yield first, match
            pos = match.end()

    def _particle_start(self, text: str, lowest: int, capital: int) -> int:
        """Where a name whose first capital is at ``capital`` starts: at the particle
        right before it (the longest, so the leftmost, that starts at or after
        ``lowest``), or at the capital."""
        for size in range(self._longest, self._shortest - 1, -1):
            if capital - size >= lowest and text[capital - size:capital] in self._particle_forms:
                return capital - size
        return capital


_APPOSITIVE_RE = re.compile(
    r",\s+(?:\d{1,3},\s+)?(?:(?:the|a|an)\s+)?(?P<role>(?:[a-z][\w.'’-]*\s+){0,3}?[a-z][\w.'’-]*)"
    r"\s+(?:of|at|for)\s+(?:the\s+)?$"
)
"""The apposition before a body's name: ", president of the ", ", 54, a director at "."""


def _starts_sentence(starts: list[int], offset: int) -> bool:
    i = bisect.bisect_left(starts, offset)
    return i < len(starts) and starts[i] == offset


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _stop_run(word: str, stop: Container[str]) -> bool:
    """Whether ``word``, a run of :attr:`NameRuns.pattern`, is one word (no acronym in
    brackets either) that ``stop`` holds, possessive 's aside: what
    :meth:`ActorFinder._run` drops before it looks at anything else."""
    if " " in word or "\n" in word or "(" in word or not "A" <= word[:1] <= "Z":
        return False
    return (word[:-2] if word.endswith(("'s", "’s")) else word).lower() in stop


class _PieceFacts(NamedTuple):
    """What the words of a piece of a run say by themselves, in any document (the scan
    then acts on them with what the document has named so far)."""

    words: tuple[str, ...]
    """Each token without a possessive 's (:func:`stem`)."""
    low: tuple[str, ...]
    """The words in lower case."""
    countries: tuple[tuple[int, int, str], ...]
    """The gazetteer names among the words: word range and country."""
    marks: tuple[bool, ...]
    """Per word: inside a country's name."""
    title_spans: tuple[tuple[int, int], ...] = ()
    """Word ranges of titles (two words or more only, as all below)."""
    kind_type: str | None = None
    """The source type an institution name gives the words (None inside a country's name)."""
    person_like: bool = False
    """Whether the words can be a person's name (:meth:`ActorFinder._looks_like_person`)."""
    name: str = ""
    """The words as one name (:func:`_join`)."""


_FACTS_KEPT = 1 << 12
"""How many distinct pieces' :class:`_PieceFacts` an :class:`ActorFinder` keeps."""
_INITIALS_KEPT = 1 << 12
"""How many organisation names' initials an :class:`ActorFinder` keeps."""


def _possessive_pieces(tokens: list[Tok]) -> list[list[Tok]]:
    """A run's tokens split after each possessive: "Iran's Armed Forces" -> "Iran's" (the
    possessor) and "Armed Forces"."""
    pieces: list[list[Tok]] = [[]]
    for tok in tokens:
        pieces[-1].append(tok)
        if is_possessive(tok) or tok.text.endswith(("s'", "s’")):
            pieces.append([])
    return [p for p in pieces if p]


class ActorFinder:
    """Scans an article for actors (see the module docstring); built from the word lists
    once and reused for every article. :meth:`find` returns the :class:`ActorIndex`."""

    def __init__(self, grammar: Grammar, types: SourceTypes, gazetteer: Gazetteer,
                 given_names: Container[str] = frozenset()) -> None:
        self.grammar = grammar
        self.types = types
        self.gazetteer = gazetteer
        self.given_names = given_names  # lower case; a person cue for _place_name
        self._stop = grammar.function_words | grammar.determiners | grammar.sentence_starters | grammar.time
        # One-word runs that _run drops at once, as the text writes them ("The", "It").
        self._dropped_runs = frozenset(w for w in map(str.capitalize, self._stop) if _stop_run(w, self._stop))
        self._names = NameRuns(grammar.name_connectors, grammar.name_articles, grammar.name_particles)
        self._connectors = self._names.connectors
        self._facts = lru_cache(maxsize=_FACTS_KEPT)(self._piece_facts)
        self._initials = lru_cache(maxsize=_INITIALS_KEPT)(self._name_initials)
        # One-word common nouns and vague nouns, country names and institution names (see _run).
        self._one_word_nouns = frozenset(k[0] for k in (*types.nouns, *types.unnamed) if len(k) == 1)
        self._one_word_countries = {k[0]: name for k, name in gazetteer.aliases.items() if len(k) == 1}
        self._one_word_names = frozenset(k[0] for k in types.names if len(k) == 1)
        self._no_short_form = grammar.place | grammar.place_first | self._stop  # see _org_aliases
        # Words that are in no person's name (see _looks_like_person).
        self._no_name_words = grammar.place | grammar.time | self._connectors | grammar.pronouns
        self._title_ends = frozenset(key[-1] for key in types.titles if key)  # see _title_before
        self._outlet_ends = frozenset(key[-1] for key in types.outlet_before if key)  # see _outlet_before
        # Their last letters, in either case.
        self._outlet_last = frozenset(c for word in self._outlet_ends for c in (word[-1:], word[-1:].upper()))
        # Whether a gazetteer name starts in lower case (see _country_before).
        self._lower_case_country = any(key[0][:1].islower() for key in gazetteer.aliases if key)

    def __getstate__(self) -> dict:
        """The finder's state for pickling: its word lists, without the piece cache (a
        wrapper of a bound method pickles not); unpickling starts an empty one."""
        state = self.__dict__.copy()
        del state["_facts"], state["_initials"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._facts = lru_cache(maxsize=_FACTS_KEPT)(self._piece_facts)
        self._initials = lru_cache(maxsize=_INITIALS_KEPT)(self._name_initials)

    def find(self, document: Document) -> ActorIndex:
        """Every actor mention in the document, in text order (boilerplate skipped;
        headings, whose Title Case makes every word look like a name, contribute
        only countries and names already known)."""
        builder = _Builder()
        text, dropped = document.text, self._dropped_runs
        # Every sentence start of the document, read for the first run kept: a run lies
        # inside its paragraph, so the starts of other paragraphs change nothing for it.
        starts: list[int] | None = None
        for paragraph in document.paragraphs:
            if paragraph.kind == "boilerplate":
                continue
            heading = paragraph.kind == "heading"
            for run_start, match in self._names.find(text, paragraph.start, paragraph.end):
                word = text[run_start:match.end()]
                if word in dropped:
                    continue  # "The", "It", "Monday": _run would drop it at once
                if starts is None:
                    starts = [s.start for s in document.sentences]
                self._run(text, run_start, match, starts, heading, builder)
        self._civilian_sense(document, builder)
        actors = []
        for record in builder.actors:
            actors.append(build_frozen(Actor, key=record["key"], name=record["name"], kind=record["kind"],
                                       type=record["type"], country=record.get("country"), title=record.get("title"),
                                       aliases=tuple(record["aliases"]), affiliation=record.get("affiliation")))
        mentions = tuple(sorted(builder.mentions, key=_SPAN))
        return ActorIndex(tuple(actors), mentions, tuple(map(_START, mentions)))

    def _civilian_sense(self, document: Document, builder: _Builder) -> None:
        """Retype a person whose military or police type comes from a title with a
        civilian sense too (``[two_sense]``: "Captain", "Superintendent") as a person,
        when the text ties them to a school, education or sports body (a name that a
        ``[civil_body]`` word or phrase closes: "Kestrel Bay United", "Millbrook
        Education Association"; not "United Nations"): the body is their affiliation,
        or a sentence that mentions them names it, in full or by a short form
        ("Whitlow, who joined Kestrel Bay ..."). Without such a body the title's
        first sense stands."""
        suspects = [r for r in builder.actors if r["kind"] == "person" and r["type"] in ("military", "police")
                    and r.get("title") and _key(r["title"]) in self.types.two_sense]
        if not suspects:
            return
        civil = {r["key"] for r in builder.actors if r["kind"] == "organisation" and self._civil(r["name"])}
        if not civil:
            return
        forms = [r["name"] for r in builder.actors if r["key"] in civil]
        forms += [short for short, key in builder.first_words.items() if key in civil]
        pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(?![\w-])")
        text = document.text
        sentences = [(s.start, s.end) for p in document.paragraphs if p.kind != "boilerplate" for s in p.sentences]
        starts = [start for start, _ in sentences]
        suspect_keys = {record["key"] for record in suspects}
        mentions_of: dict[int, list[int]] = {}  # each suspect's mention starts, gathered once
        for mention in builder.mentions:
            if mention.actor in suspect_keys:
                mentions_of.setdefault(mention.actor, []).append(mention.start)
        for record in suspects:
            if record.get("affiliation") in civil:
                record["type"] = "person"
                continue
            for mention_start in mentions_of.get(record["key"], ()):
                i = bisect.bisect_right(starts, mention_start) - 1
                if i >= 0 and pattern.search(text, sentences[i][0], sentences[i][1]):
                    record["type"] = "person"
                    break

    def _civil(self, name: str) -> bool:
        words = tuple(w.rstrip(".") for w in name.replace("’", "'").split())
        return any(words[-len(p):] == p for p in self.types.civil_body if len(p) < len(words))

    # -- one capitalised run -----------------------------------------------------------

    def _run(self, text: str, start: int, match: re.Match, sentence_starts: list[int], heading: bool, builder: _Builder) -> None:
        word = text[start:match.end()]
        acronym = match.group("acronym")
        tokens: list[Tok] | None = None
        if " " not in word and "\n" not in word and not acronym:
            # One word, the common case: a capitalised function word, a country, a
            # short name or acronym seen before, or nothing.
            bare = word[:-2] if word.endswith(("'s", "’s")) else word
            low = bare.lower()
            if low in self._stop:
                return
            if low in self._one_word_nouns and _starts_sentence(sentence_starts, start):
                return  # "Police said ...", "Studies show ...": a common noun opening the sentence
            name = self._one_word_countries.get(bare)
            if name is not None:
                builder.mention(start, start + len(bare), builder.actor(name, "country", "official"))
                return
            if heading:
                known = builder.acronyms.get(bare, builder.short.get(bare))
                if known is not None:  # "Clinton" in a headline, once she has been named
                    builder.mention(start, start + len(bare), known)
                return
            if not (bare in builder.acronyms or bare in builder.short or bare in builder.last_word
                    or bare.isupper() and _is_acronym(bare) or bare in self._one_word_names
                    or self._outlet_before(text, start)):
                return
            if word.isalnum() and low not in self._connectors:
                # A plain word that is no function or time word: its one token is all
                # that _name_tokens would keep (a sentence start after it cuts nothing).
                tokens = [tuple.__new__(Tok, (start, start + len(word), word, *_word_forms(word)))]
        end = match.end("acronym") + 1 if acronym else match.end()
        if tokens is None:
            tokens = self._name_tokens(text, start, match.start("acronym") if acronym else match.end(),
                                       acronym is not None, sentence_starts)
            if not tokens:
                return
        # Split at possessives: "Iran's Armed Forces" -> "Iran" (possessor) + "Armed Forces".
        pieces = _possessive_pieces(tokens) if "'" in word or "’" in word else [tokens]
        affiliation: int | None = None
        # A one-word run needs the country before it only to register a new organisation
        # (see _single), which few do: it is read there, then.
        one_word = len(tokens) == 1
        # (A heading's pieces register only what they name themselves: no country before.)
        country: str | None = None if one_word or heading else self._country_before(text, tokens[0].start)
        for number, piece in enumerate(pieces):
            last = number == len(pieces) - 1
            result = self._piece(text, piece, heading, builder, affiliation, country,
                                 acronym if last else None, acronym_end=end if last else None,
                                 read_country=one_word)
            if result is not None and len(pieces) == 1:
                self._appositive(text, tokens[0].start, end, result[0], builder)
            if result is not None:
                kind_key, found_country = result
                if builder.actors[kind_key]["kind"] == "country":
                    country = builder.actors[kind_key]["name"]
                else:
                    affiliation = kind_key
                if found_country:
                    country = found_country

    def _name_tokens(self, text: str, start: int, end: int, bracket: bool, sentence_starts: list[int]) -> list[Tok]:
        """The tokens of a run's name (``text[start:end]``; ``bracket``: an acronym in
        brackets follows it), up to the next sentence start, without capitalised function
        words and time words at the front ("The", "But", "In July") or time words and
        connectors at the end. (The sentence starters that open a name only at a sentence
        start are in ``_stop`` too, so they go wherever they stand.)"""
        tokens = tokenize(text, start, end)
        if bracket:
            tokens = [t for t in tokens if t.text not in "()"]
        while tokens and tokens[-1].low in self._connectors:
            tokens.pop()
        if not tokens:
            return tokens
        # A run never crosses a sentence boundary ("... from the U.S. Neither ...").
        cut = bisect.bisect_right(sentence_starts, tokens[0].start)
        if cut < len(sentence_starts) and sentence_starts[cut] < tokens[-1].end:
            tokens = [t for t in tokens if t.start < sentence_starts[cut]]
        first, stop = 0, self._stop
        while first < len(tokens) and tokens[first].low in stop:
            first += 1
        if first:
            tokens = tokens[first:]
        time = self.grammar.time
        while tokens and tokens[-1].low in time:
            tokens.pop()
        while tokens and tokens[-1].low in self._connectors:
            tokens.pop()
        return tokens

    def _appositive(self, text: str, start: int, end: int, body: int, builder: _Builder) -> None:
        """A person in apposition to a role in this body: "Ray Okafor, president of the
        Alder Rental Housing Council, said ..." ties Ray Okafor to the council, as
        "council president Ray Okafor" would. Only when the role ends in a title from
        ``source-types.txt``, the name stands right before its comma (an age may follow
        it: "Mrs. Lowe, 71, chair of ..."), the body's name closes the apposition (a
        comma, full stop, semicolon, colon or bracket follows it), no function word is
        in the role (", who met the chairman of ..." is a clause), and the person has
        no affiliation yet."""
        if builder.actors[body]["kind"] != "organisation":
            return
        after = text[end:end + 2].lstrip(" ")
        if after and after[0] not in ",.;:)":
            return  # "president of the Alder council's tenants' group": the body is not the role's
        match = _APPOSITIVE_RE.search(text, max(0, start - 80), start)
        if match is None:
            return
        role = tuple(w.rstrip(".") for w in match.group("role").lower().split())
        if any(w in self._stop for w in role) or not any(role[i:] in self.types.titles for i in range(len(role))):
            return  # ", who met the chairman of ...": a clause, not a role
        comma = match.start()
        for mention in reversed(builder.mentions[-4:]):
            if mention.end == comma:
                record = builder.actors[mention.actor]
                if record["kind"] == "person" and record.get("affiliation") is None:
                    record["affiliation"] = body
                return

    def _country_before(self, text: str, start: int) -> str | None:
        """A demonym or country within three lower-case words before ``start`` ("Iranian
        official newswire IRNA"): the first of the last four words that the gazetteer
        names (outer punctuation aside), with only lower-case words after it and no
        ",.;:" in it unless it is the last."""
        words = text[max(0, start - 60):start].rsplit(None, 4)[-4:]  # the last four words
        if self._lower_case_country:
            return self._country_among(words, range(len(words)))
        # No alias starts in lower case, so only the last word that does not can be it.
        i = len(words) - 1
        while i >= 0 and words[i][:1].islower():
            i -= 1
        if i < 0:
            return None
        name = self._one_word_countries.get(words[i].strip(",.;:()\"“”'’"))
        if name is None or (i < len(words) - 1 and any(ch in words[i] for ch in ",.;:")):
            return None
        return name

    def _country_among(self, words: list[str], candidates: Iterable[int]) -> str | None:
        """The country named by the first of ``words[i]`` (``i`` in ``candidates``) that
        :meth:`_country_before` accepts."""
        aliases = self.gazetteer.aliases
        for i in candidates:
            key = (words[i].strip(",.;:()\"“”'’"),)
            if key not in aliases:  # the cheap test first: most words name no country
                continue
            if i < len(words) - 1 and any(ch in words[i] for ch in ",.;:"):
                continue
            if all(w[:1].islower() for w in words[i + 1:]):
                return aliases[key]
        return None

    def _countries(self, piece: list[Tok], countries: tuple[tuple[int, int, str], ...], builder: _Builder) -> str | None:
        """Register the gazetteer names inside a piece (``countries``: their word ranges
        and countries, see :class:`_PieceFacts`); returns the first country."""
        for i, j, name in countries:
            key = builder.actor(name, "country", "official")
            end = piece[j - 1].end - (2 if is_possessive(piece[j - 1]) else 0)
            builder.mention(piece[i].start, end, key)
        return countries[0][2] if countries else None

    def _piece_facts(self, texts: tuple[str, ...]) -> _PieceFacts:
        """What the words of a piece (its tokens' texts) say by themselves: see
        :class:`_PieceFacts`. Pure, so kept in a bounded cache (``self._facts``)."""
        forms = [_word_forms(w) for w in texts]
        words = tuple([w[:-2] if f[0].endswith("'s") and len(f[0]) > 2 else w for w, f in zip(texts, forms)])
        marks = [False] * len(words)
        countries = []
        aliases = self.gazetteer.aliases
        if not self.gazetteer.first_words.isdisjoint(words):
            for i, j in find_phrases(words, aliases, self.gazetteer.longest, self.gazetteer.first_words):
                countries.append((i, j, aliases[words[i:j]]))
                marks[i:j] = [True] * (j - i)
        low = tuple([w.lower() for w in words])
        if len(words) == 1:
            return _PieceFacts(words, low, tuple(countries), tuple(marks))
        types = self.types
        title_firsts = types.first_words["title"]
        title_spans = () if title_firsts.isdisjoint(low) else tuple(find_phrases(low, types.titles, types.longest,
                                                                                 title_firsts))
        kind_type, type_at, _ = phrase_type(low, [w.replace("’", "'") for w in words], types, ("name",))
        if kind_type is not None and marks[type_at]:
            kind_type = None  # "United" in "China and the United States" is part of a country
        return _PieceFacts(words, low, tuple(countries), tuple(marks), title_spans, kind_type,
                           self._looks_like_person(texts, forms, low, marks), _join(words))

    def _piece(self, text: str, piece: list[Tok], heading: bool, builder: _Builder, affiliation: int | None,
               country: str | None, acronym: str | None, acronym_end: int | None,
               read_country: bool = False) -> tuple[int, str | None] | None:
        """Register the actor a piece of a run names; returns (actor key, country).
        ``read_country``: the piece is a one-word run whose country before it is not read
        yet (``country`` is None): :meth:`_single` reads it if it needs it, and the
        country returned is then only one found in the piece."""
        facts = self._facts(tuple([t.text for t in piece]))
        words, low, marks = facts.words, facts.low, facts.marks
        found_country = self._countries(piece, facts.countries, builder) if facts.countries else None
        country = found_country or country
        start, end = piece[0].start, piece[-1].end - (2 if is_possessive(piece[-1]) else 0)
        if found_country and all(marks):
            return builder.by_name[("country", found_country)], found_country
        if heading:
            return None  # Title Case headings make every word look like a name
        # An acronym or short name of something named earlier.
        if len(piece) == 1:
            return self._single(text, piece[0], words[0], builder, country, acronym, read_country)
        title_spans, kind_type = facts.title_spans, facts.kind_type
        # A person: a title (or a title-like word right before the run) and a name after it.
        last_title = title_spans[-1] if title_spans else None
        if kind_type == "document":
            return None  # "the Alder Property Index": a named publication, not an actor
        if "of" in low[1:]:
            title_before = self._title_before(text, start) if last_title is None else None
            if last_title is not None or title_before is not None:
                person = self._person_of(piece, words, low, marks, last_title, title_before, builder, country)
                if person is not None:
                    return person, country
        if last_title is not None and last_title[1] < len(piece):
            name_words = words[last_title[1]:]
            if self._one_word_names.isdisjoint(name_words) and not any(marks[last_title[1]:]):
                title_type = self.types.titles[tuple(low[last_title[0]:last_title[1]])]
                title = _join(words[last_title[0]:last_title[1]])
                before = piece[:last_title[0]]
                if before:
                    aff = self._affiliation(before, builder, country)
                    if aff is not None:
                        affiliation = aff
                person = self._person(name_words, piece[last_title[1]].start, end, builder, title_type, title,
                                      country, affiliation)
                return person, country
        if kind_type is not None and kind_type in _ORG_TYPES:
            name = facts.name
            if acronym and acronym in builder.acronyms:
                # "Balochistan Liberation Army (BLA)" after "the BLA" = "Baloch Liberation Army"
                key = builder.acronyms[acronym]
                builder.alias(key, name)
                builder.by_name.setdefault(("organisation", name), key)
            else:
                key = builder.actor(name, "organisation", kind_type, country=country)
            builder.mention(start, acronym_end or end, key)
            self._org_aliases(key, words, acronym, builder)
            return key, country
        title_before = self._title_before(text, start)
        if self._outlet_before(text, start):
            key = builder.actor(facts.name, "organisation", "media", country=country)
            builder.mention(start, end, key)
            self._org_aliases(key, words, acronym, builder)
            return key, country
        if acronym and _is_acronym(acronym):
            # "China Pakistan Economic Corridor (CPEC)": defined, but not an institution.
            return None
        if title_spans and sum(b - a for a, b in title_spans) == len(piece):
            return None  # "the Chief Executive", "the Prime Minister": a role with no name in it
        if 2 <= len(piece) <= 4 and facts.person_like \
                and not self._place_name(text, piece, low, title_before):
            title_type = self.types.titles.get(title_before) if title_before else None
            if title_before and affiliation is None:
                affiliation = self._body_before(text, start, len(title_before), builder)
            key = self._person(words, start, end, builder, title_type or "person",
                               _join(title_before) if title_before else None, country, affiliation)
            return key, country
        return None

    def _person_of(self, piece: list[Tok], words: list[str], low: list[str], marks: list[bool],
                   title: tuple[int, int] | None, title_before: tuple[str, ...] | None, builder: _Builder,
                   country: str | None) -> int | None:
        """A titled person with an affiliation: "Prof. Lin Haverford of Coastal State
        University" is the person Lin Haverford, whose body is the university; the run
        as a whole is no institution. Only when one to three capitalised words with no
        institution word stand between the title and "of", and an institution's name
        follows it ("President of the European Commission" has no name and is left
        alone). The title is in the run (``title``, word range) or right before it
        (``title_before``: "Prof." ends a run at its full stop)."""
        first = title[1] if title is not None else 0
        if "of" not in low[first + 1:]:
            return None
        of = low.index("of", first + 1)
        name_words = words[first:of]
        rest = [i for i in range(of + 1, len(piece)) if low[i] != "the"]
        if not 1 <= len(name_words) <= 3 or not rest or any(marks[first:of]):
            return None
        if any((w,) in self.types.names for w in name_words) or not all(t.cap for t in piece[first:of]):
            return None
        body = [words[i] for i in rest]
        body_type, _, _ = phrase_type([w.lower() for w in body], [w.replace("’", "'") for w in body],
                                      self.types, ("name",))
        if body_type not in _ORG_TYPES or len(body) < 2:
            return None
        affiliation = builder.actor(_join(body), "organisation", body_type, country=country)
        builder.mention(piece[rest[0]].start, piece[rest[-1]].end - (2 if is_possessive(piece[rest[-1]]) else 0),
                        affiliation)
        self._org_aliases(affiliation, body, None, builder)
        key = tuple(low[title[0]:title[1]]) if title is not None else title_before
        title_name = _join(words[title[0]:title[1]]) if title is not None else _join(title_before)
        return self._person(name_words, piece[first].start, piece[of - 1].end, builder, self.types.titles[key],
                            title_name, country, affiliation)

    def _single(self, text: str, tok: Tok, word: str, builder: _Builder, country: str | None,
                acronym: str | None, read_country: bool = False) -> tuple[int, str | None] | None:
        """A one-word piece: an acronym, a short name, a known institution, or nothing.
        ``read_country``: ``country`` is not read yet; read it (:meth:`_country_before`)
        only to register a new organisation."""
        start, end = tok.start, tok.start + len(word)
        if word in builder.acronyms:
            key = builder.acronyms[word]
            builder.mention(start, end, key)
            return key, country
        if word in builder.short:
            key = builder.short[word]
            builder.mention(start, end, key)
            return key, country
        before = text[max(0, start - 4):start].lower()
        if before.endswith("the ") and word in builder.last_word:
            key = builder.last_word[word]
            builder.mention(start, end, key)
            return key, country
        known = self.types.names.get((word,))
        if _is_acronym(word):
            target = self._by_initials(word.replace(".", ""), builder)
            if target is not None:
                builder.acronyms[word] = target
                builder.alias(target, word)
                builder.mention(start, end, target)
                return target, country
            if known is None:
                return None
        if known is not None and known in _ORG_TYPES:
            if read_country:
                country = self._country_before(text, start)
            key = builder.actor(word, "organisation", known, country=country)
            builder.mention(start, end, key)
            self._org_aliases(key, [word], acronym, builder)
            return key, country
        if self._outlet_before(text, start):
            if read_country:
                country = self._country_before(text, start)
            key = builder.actor(word, "organisation", "media", country=country)
            builder.mention(start, end, key)
            return key, country
        return None

    def _by_initials(self, acronym: str, builder: _Builder) -> int | None:
        """The most recent organisation whose capitalised words spell ``acronym``."""
        for record in reversed(builder.actors):
            if record["kind"] == "organisation" and self._initials(record["name"]) == acronym:
                return record["key"]
        return None

    def _name_initials(self, name: str) -> str:
        """The initials of a name's capitalised words, connectors left out ("Bank of
        England" -> "BE"); kept per distinct name in ``_initials`` (every acronym-like
        word asks it of every organisation named before it)."""
        return "".join(w[0] for w in name.split() if w and w[0].isupper() and w.lower() not in self._connectors)

    def _org_aliases(self, key: int, words: Sequence[str], acronym: str | None, builder: _Builder) -> None:
        if acronym and _is_acronym(acronym):
            builder.acronyms[acronym] = key
            builder.alias(key, acronym)
        if len(words) > 1 and words[-1][:1].isupper():
            builder.last_word[words[-1]] = key
        # Short forms: "Ironvale" and "Kestrel Bay" for "Ironvale Athletic" and "Kestrel
        # Bay United", so that "Ironvale manager Gareth Lyle" is tied to the club. A
        # lone first word that the lists know as a country, a place word or an
        # institution word ("Pakistan Army", "North Sea Ferries", "Port Alder ...") is
        # no short form: "Pakistan coach X" is not the army's.
        for size in range(1, len(words)):
            added = words[size - 1]  # the words before it passed this test already
            if not (added[:1].isupper() and added.lower() not in self._connectors):
                break
            if size == 1 and ((added,) in self.gazetteer.aliases or (added,) in self.types.names
                              or added.lower() in self._no_short_form):
                break
            builder.first_words[_join(words[:size])] = key

    def _affiliation(self, tokens: list[Tok], builder: _Builder, country: str | None) -> int | None:
        """An institution named before a title ("Pakistan Army Chief of Staff ...")."""
        words = _stems(tokens)
        low = [w.lower() for w in words]
        titles = find_phrases(low, self.types.titles, self.types.longest, self.types.first_words["title"])
        if titles:
            words, low, tokens = words[:titles[0][0]], low[:titles[0][0]], tokens[:titles[0][0]]
        while words and words[-1].lower() in self._connectors:
            words, low, tokens = words[:-1], low[:-1], tokens[:-1]
        if not words:
            return None
        kind_type, _, _ = phrase_type(low, [w.replace("’", "'") for w in words], self.types, ("name",))
        if kind_type in _ORG_TYPES and len(words) > 1:
            key = builder.actor(_join(words), "organisation", kind_type, country=country)
            builder.mention(tokens[0].start, tokens[-1].end, key)
            self._org_aliases(key, words, None, builder)
            return key
        return None

    def _person(self, words: Sequence[str], start: int, end: int, builder: _Builder, type_: str,
                title: str | None, country: str | None, affiliation: int | None) -> int:
        """Register a person mention; a one-word name links to the last person it ends or
        starts the name of."""
        if len(words) == 1 and words[0] in builder.short:
            key = builder.short[words[0]]
            builder.mention(start, end, key)
            record = builder.actors[key]
            if title and not record.get("title"):
                record["title"] = title
            return key
        name = _join(words)
        if type_ not in PERSON_TYPES:
            # "union chief Maeve Donnelly", "Port boss Richard Aske": a role in a body
            # makes her speak for it, but she is a person; the body is her affiliation.
            type_ = "person"
        key = builder.actor(name, "person", type_, title=title, country=country, affiliation=affiliation)
        builder.mention(start, end, key)
        if len(words) > 1:
            builder.short[words[-1]] = key
            builder.short[words[0]] = key
            builder.short[_join(words[1:])] = key
        return key

    def _looks_like_person(self, texts: Sequence[str], forms: Sequence[tuple[str, bool, bool]], low: Sequence[str],
                           marks: Sequence[bool]) -> bool:
        """Whether a piece (its tokens' ``texts`` and :func:`_word_forms`, its words in
        lower case) can be a person's name: every word capitalised, none in a country's
        name, none all capitals (two letters or more), a place or time word, a
        connector or a pronoun ("Nobody I know ...", "Now I dread ...": a pronoun is in
        no name), and no digit."""
        if any(marks) or not all(cap for _, cap, _ in forms) or not self._no_name_words.isdisjoint(low):
            return False
        return not any(w.isupper() and len(w) > 1 or any(map(str.isdigit, w)) for w in texts)

    def _place_name(self, text: str, piece: list[Tok], low: list[str], title_before: tuple[str, ...] | None) -> bool:
        """Whether a name that looks like a person's is a place (``[place_first]`` and
        ``[place_before]`` in ``attribution-grammar.txt``): it opens with a place word
        ("Port Alder", "Little Denton"), or it follows "in", "near", "villages of" ...
        with no given name first and no possessive ("lived in Oakhurst Green"). A title
        right before it is a person cue that wins either way ("Mrs. Little Smith")."""
        if title_before is not None:
            return False
        if low[0] in self.grammar.place_first:
            return True
        if is_possessive(piece[-1]) or low[0] in self.given_names:
            return False
        words = text[max(0, piece[0].start - 40):piece[0].start].lower().rsplit(None, 2)[-2:]
        before = self.grammar.place_before
        return bool(words) and ((words[-1],) in before or tuple(words) in before)

    def _body_before(self, text: str, start: int, title_words: int, builder: _Builder) -> int | None:
        """The organisation named, by the last word of its name, in a lower-case title
        or in the word before it ("union chief Maeve Donnelly" after "... Workers'
        Union"), if one was named earlier."""
        words = text[max(0, start - 60):start].split()[-(title_words + 1):]
        for word in reversed(words):
            word = word.strip(",;:()\"“”‘’'")
            key = builder.last_word.get(word[:1].upper() + word[1:])
            if key is not None:
                return key
        # A short form right before the title: "Ironvale manager", "Kestrel Bay's coach";
        # not a person's name ("Clinton spokesman" after "Clinton Foundation").
        before = text[max(0, start - 80):start].split()[:-title_words] if title_words else []
        run: list[str] = []
        for word in reversed(before[-3:]):
            word = word.removesuffix("'s").removesuffix("’s")
            if not word[:1].isupper() or not word.strip(",;:()\"“”‘’'") == word:
                break
            run.insert(0, word)
        for i in range(len(run)):
            short = " ".join(run[i:])
            if short in builder.short:
                return None  # "Clinton spokesman", "Trump campaign manager": a person's circle
            key = builder.first_words.get(short)
            if key is not None:
                return key
        return None

    def _title_before(self, text: str, start: int) -> tuple[str, ...] | None:
        """A lower-case title or role in the (up to three) words right before ``start``:
        "union chief Maeve Donnelly", "retired judge Maureen Tallis"."""
        words = text[max(0, start - 50):start].rsplit(None, 3)[-3:]
        if not words or words[-1].lower().rstrip(".") not in self._title_ends:
            return None  # the common case: the word before ends no title
        words = [w.lower().rstrip(".") for w in words]
        for size in range(min(3, len(words)), 0, -1):
            key = tuple(words[-size:])
            if key in self.types.titles:
                return key
        return None

    def _outlet_before(self, text: str, start: int) -> bool:
        """Whether an outlet word ("daily", "newswire") comes right before ``start``."""
        if text[start - 1:start] == " ":
            last = text[start - 2:start - 1]  # the last character of the word before, most often
            if "!" <= last <= "~" and last not in self._outlet_last:
                return False  # "there. Good": a visible ASCII character that ends no outlet word
        words = text[max(0, start - 30):start].lower().rsplit(None, 2)[-2:]
        if not words or words[-1] not in self._outlet_ends:
            return False  # the common case: the word before ends no outlet phrase
        return (words[-1],) in self.types.outlet_before or tuple(words[-2:]) in self.types.outlet_before
