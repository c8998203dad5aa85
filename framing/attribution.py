"""Attribution: who speaks in an article, how each voice is introduced, and who is
never heard.

An **attribution** ties content to a source through a cue: "IRNA (source) reported
(cue) that the two generals discussed ... (content)". :func:`find_attributions` finds
them in these shapes, reading the sentence around each cue from
``lexicons/reporting-verbs.toml`` and ``lexicons/source-markers.toml``:

- a speaker before the verb and a clause, quotation or colon after it: "X said (that)
  ...", "X told reporters ...", 'X said: "..."', 'X said the plan was "reckless"'
  (a partial, or mixed, quotation);
- a speaker after a quotation or a clause: '"...," X said', '"...," said X',
  "..., the Department of State statement said";
- a parenthetical: 'General Bajwa, IRNA reported, "urged ..."';
- "according to X, ..." and "..., according to X";
- "In a statement, X offered ..." (the channel names the speaker);
- designations: "the United States designated X as a terrorist organisation";
- participles and coordinated verbs that share a speaker ('"...," he said, adding
  that ...'), passives with an agent ("was first reported by The Washington Post"),
  nouns of saying with their owner ("the minister's claim that ..."), and speaker
  labels ("WALLACE: ...").

The sentence reading lives in :mod:`framing.attribution_finder`, source resolution in
:mod:`framing.sources`, the actors an article mentions in :mod:`framing.actors` and
sides files in :mod:`framing.sides`; this module holds the result types, the
configuration and the figures.

A quotation with no speaker (a scare quote) is not an attribution, and a cue inside a
quotation is the quoted speaker's own report, not the article's. A direct quotation
that runs on into the next paragraph (news style: no closing mark, the next paragraph
reopens it) stays one content span. Sources are resolved within the article: "He",
"Bajwa" and "General Bajwa" to the last person with that name; "the group", "the
agency", "the outfit" to the last fitting organisation; "the statement" to whoever
last made one; acronyms to the name they stand for.

Balance figures (:class:`Balance`) summarise the voices; see its docstring for what
each figure means. Everything here is pure: functions take explicit arguments and
return frozen dataclasses.
"""

from __future__ import annotations

import bisect
import math
import operator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from typing import Any, Sequence

from framing.actors import SOURCE_TYPES, ActorFinder, ActorIndex, Gazetteer, GenderCues, Grammar, SourceTypes
from framing.attribution_finder import extract
from framing.document import WORD_RE, Document, Quote, count_words, parse, read_word_list
from framing.lexicon import Lexicon, load_lexicon
from framing.matcher import Matcher
from framing.resources import lexicon_dir
from framing.sources import ResolvedSource, SourceResolver

__all__ = [
    "Attribution", "AttributionConfig", "AttributionResult", "Balance", "SourceStats", "VoiceGap", "Relay",
    "find_attributions", "attribution_balance", "quoted_words", "SOURCE_TYPES",
    "Sides", "Side", "SidesComparison", "SideStats", "SidesError", "read_sides", "parse_sides", "compare_sides",
]


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation. Every offset is into the analysed text:
    ``text[source_start:source_end] == source`` and ``text[cue_start:cue_end] == cue``.

    - ``source``: the speaker as written ("IRNA", "He", "The group", "authorities");
      ``source_name`` the name it resolves to in the article ("Islamic Republic News
      Agency", "Qamar Javed Bajwa", "Baloch Liberation Army"; the phrase itself, lower
      case and without its article, for unnamed and unresolved sources);
    - ``source_type``: person, official, military, police, media, organisation, expert,
      document, unnamed or unknown; ``named``: whether the source is identified by a
      proper name (after resolution) rather than vaguely ("officials", "a source");
    - ``cue``: the reporting verb with its auxiliaries ("have said") or the marker
      ("According to"); ``cue_neutral``: False for verbs that take a side ("claimed",
      "admitted"; see ``lexicons/reporting-verbs.toml``);
    - ``content_start``/``content_end``: what is attributed; for a direct quotation the
      words inside the quotation marks (several pieces, or paragraphs, of one quotation
      are covered from the first to the last);
    - ``direct``: the content is a direct quotation, or mostly one (at least half its
      words are inside quotation marks); a clause with a quoted word or two is indirect;
    - ``paragraph``: index of the paragraph that holds the cue.
    """

    source: str
    source_start: int
    source_end: int
    source_name: str
    source_type: str
    named: bool
    cue: str
    cue_start: int
    cue_end: int
    cue_neutral: bool
    content_start: int
    content_end: int
    direct: bool
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        """The attribution as schema ``framing.report/1`` writes it (plus ``paragraph``)."""
        return {
            "source": self.source, "source_start": self.source_start, "source_end": self.source_end,
            "source_name": self.source_name, "source_type": self.source_type, "named": self.named,
            "cue": self.cue, "cue_start": self.cue_start, "cue_end": self.cue_end, "cue_neutral": self.cue_neutral,
            "content_start": self.content_start, "content_end": self.content_end, "direct": self.direct,
            "paragraph": self.paragraph,
        }


@dataclass(frozen=True, slots=True)
class SourceStats:
    """One source (by normalised name) in an article.

    ``share`` is its attributions / all attributions; ``quoted_words`` the words inside
    quotation marks in its content spans and ``quoted_share`` those / all quoted words
    (0.0 when the article quotes nobody); ``loaded_cues`` the doubt-casting verbs used
    for it, in text order; ``aliases`` the other forms the article uses for it
    (acronyms, short names, "the group"); ``via`` the sources it is only reported
    through, when every one of its attributions sits inside another source's content;
    ``cues`` every cue used for it, in text order.
    """

    name: str
    type: str
    named: bool
    attributions: int
    share: float
    quoted_words: int
    quoted_share: float
    direct: int
    indirect: int
    loaded_cues: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "type": self.type, "named": self.named, "attributions": self.attributions,
            "share": round(self.share, 4), "quoted_words": self.quoted_words,
            "quoted_share": round(self.quoted_share, 4), "direct": self.direct, "indirect": self.indirect,
            "loaded_cues": list(self.loaded_cues), "cues": list(self.cues), "aliases": list(self.aliases),
            "via": list(self.via),
        }


@dataclass(frozen=True, slots=True)
class Relay:
    """An actor whose words reach the reader only through a source: "General Bajwa,
    IRNA reported, '...'" makes Bajwa heard ``via`` IRNA."""

    actor: str
    via: str
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "via": self.via, "paragraph": self.paragraph}


@dataclass(frozen=True, slots=True)
class VoiceGap:
    """An actor the article mentions that is never a source, neither itself nor through
    one of its people: a body whose officer or member speaks ("union chief Maeve
    Donnelly said") is heard through them, as a country is through a source tied to
    it ("Dravonian officials said"), and is left out.

    ``kind`` is person, organisation or country; ``mentions`` how often it is named
    (by name, short name, acronym or, for a country, demonym); ``first_offset`` where it
    is first named; ``heard_via`` the sources that relay its words, or those of a person
    belonging to it (e.g. Pakistan, whose army chief is heard only via IRNA), if any.
    """

    actor: str
    kind: str
    type: str
    mentions: int
    first_offset: int
    heard_via: tuple[str, ...] = ()
    through: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "kind": self.kind, "type": self.type, "mentions": self.mentions,
                "first_offset": self.first_offset, "heard_via": list(self.heard_via), "through": list(self.through)}

    @property
    def note(self) -> str:
        """A sentence a reader can use: who is talked about but not heard."""
        base = f"{self.actor} is mentioned {self.mentions} time{'s' if self.mentions != 1 else ''} but is never a source"
        if self.heard_via:
            who = f", in the words of {', '.join(self.through)}" if self.through and self.through != (self.actor,) else ""
            return f"{base}: heard only through {', '.join(self.heard_via)}{who}."
        return base + "."


@dataclass(frozen=True, slots=True)
class Balance:
    """How the voices in an article are spread.

    - ``sources``: one :class:`SourceStats` per source (normalised name), most
      attributions first; ``distinct_sources`` how many there are;
    - ``attributions``: all attributions; ``direct`` / ``indirect``: direct quotations
      versus reported speech;
    - ``balance_index``: the normalised Shannon entropy of the sources' attribution
      shares, ``-sum(p * ln p) / ln(n)`` for n >= 2 sources: 1.0 means every source
      speaks equally often, values near 0 mean one source dominates; 0.0 with fewer than
      two sources (one voice is no balance). Read it with ``distinct_sources``: two
      sources at 50/50 score 1.0 too;
    - ``top_share``: the most-cited source's share of attributions (0.0 without any);
    - ``unnamed_share``: the share of attributions to unnamed or vague sources;
    - ``loaded``: attributions whose cue casts doubt ("claimed", "admitted");
      ``loaded_by_source``: the same per source name;
    - ``paragraphs_without_attribution``: indexes of body paragraphs with no
      attribution, and ``body_paragraphs`` how many body paragraphs there are;
    - ``voice_gap``: actors mentioned but never a source (see :class:`VoiceGap`);
      ``relayed``: actors heard only through another source (see :class:`Relay`).
    """

    attributions: int
    distinct_sources: int
    sources: tuple[SourceStats, ...]
    balance_index: float
    top_share: float
    unnamed_share: float
    direct: int
    indirect: int
    loaded: int
    loaded_by_source: tuple[tuple[str, int], ...]
    quoted_words: int
    body_paragraphs: int
    paragraphs_without_attribution: tuple[int, ...]
    voice_gap: tuple[VoiceGap, ...]
    relayed: tuple[Relay, ...]

    def to_dict(self) -> dict[str, Any]:
        """The figures as plain data (shares rounded to 4 places)."""
        return {
            "attributions": self.attributions,
            "distinct_sources": self.distinct_sources,
            "balance_index": round(self.balance_index, 4),
            "top_share": round(self.top_share, 4),
            "unnamed_share": round(self.unnamed_share, 4),
            "direct": self.direct,
            "indirect": self.indirect,
            "loaded": self.loaded,
            "loaded_by_source": {name: n for name, n in self.loaded_by_source},
            "quoted_words": self.quoted_words,
            "body_paragraphs": self.body_paragraphs,
            "paragraphs_without_attribution": list(self.paragraphs_without_attribution),
            "sources": [s.to_dict() for s in self.sources],
            "voice_gap": [v.to_dict() for v in self.voice_gap],
            "relayed": [r.to_dict() for r in self.relayed],
        }

    def source(self, name: str) -> SourceStats | None:
        """The stats of the source called ``name`` (or with that alias), if any."""
        for stats in self.sources:
            if stats.name == name or name in stats.aliases:
                return stats
        return None


@dataclass(frozen=True)
class AttributionResult:
    """What :func:`attribution_balance` returns: the attributions in text order and the
    balance figures over them."""

    attributions: tuple[Attribution, ...]
    balance: Balance

    def to_dict(self) -> dict[str, Any]:
        return {"attributions": [a.to_dict() for a in self.attributions], "balance": self.balance.to_dict()}


# ----------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class AttributionConfig:
    """Everything attribution reads besides the text: the cue lexicons
    (``reporting-verbs.toml``, ``source-markers.toml``), the grammar word lists, the
    source-type lists, the gazetteer and the gender cues (``gender-cues.txt``; without
    them "he" and "she" resolve to the last person named). Build it once and pass it to
    every call."""

    reporting: Lexicon
    markers: Lexicon
    grammar: Grammar
    types: SourceTypes
    gazetteer: Gazetteer
    genders: GenderCues = GenderCues()

    @staticmethod
    @cache
    def default() -> "AttributionConfig":
        """The shipped configuration (read once; it is read-only data)."""
        folder = lexicon_dir()
        return AttributionConfig(
            reporting=load_lexicon(folder / "reporting-verbs.toml"),
            markers=load_lexicon(folder / "source-markers.toml"),
            grammar=Grammar.read(folder / "attribution-grammar.txt",
                                 read_word_list(folder / "sentence-starters.txt")),
            types=SourceTypes.read(folder / "source-types.txt"),
            gazetteer=Gazetteer.read(folder / "gazetteer.txt"),
            genders=GenderCues.read(folder / "gender-cues.txt"),
        )

    @cached_property
    def matcher(self) -> Matcher:
        """The compiled cue matcher (reporting verbs and source markers)."""
        return Matcher(tuple(self.reporting.entries) + tuple(self.markers.entries))

    @cached_property
    def actor_finder(self) -> ActorFinder:
        return ActorFinder(self.grammar, self.types, self.gazetteer, frozenset(self.genders.given))

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """The first word of every reporting-verb term, lower case (a verb form)."""
        return frozenset(t.split()[0].lower() for e in self.reporting.entries for t in e.terms)

    @cached_property
    def subject_pronouns(self) -> frozenset[str]:
        """The pronouns that can be a speaker: person, group and thing pronouns and
        "I", "we", "you" (read once per configuration, not per article)."""
        g = self.grammar
        return g.person_pronouns | g.group_pronouns | g.thing_pronouns | {"i", "we", "you"}

    @cached_property
    def group_pronouns(self) -> frozenset[str]:
        """The group and thing pronouns ("they", "it"): a source that is one of them
        refers back to the last group (read once per configuration, not per article)."""
        return self.grammar.group_pronouns | self.grammar.thing_pronouns

    @cached_property
    def alias_stop(self) -> frozenset[str]:
        """Source phrases that are never another form of a source's name: pronouns and
        relative pronouns."""
        return self.grammar.pronouns | self.grammar.relatives

    @cached_property
    def np_stop(self) -> frozenset[str]:
        """Words that end a speaker's noun phrase when walking away from the verb."""
        g = self.grammar
        return g.function_words - {"of", "for", "and"}


# ----------------------------------------------------------------------------- public API


@dataclass(frozen=True)
class _Analysis:
    attributions: tuple[Attribution, ...]
    resolved: tuple[ResolvedSource, ...]
    relays: tuple[tuple[int, int, int], ...]  # (actor key, attribution index, paragraph)
    actors: ActorIndex
    quoted: tuple[int, ...] = ()  # per attribution: the words inside quotation marks in its content


def _analyse(document: Document, config: AttributionConfig) -> _Analysis:
    actors = config.actor_finder.find(document)
    raws = extract(document, config, actors)
    resolver = SourceResolver(document.text, config, actors)
    words = _WordCounts(document)
    text = document.text
    attributions = []
    resolved_all = []
    relays = []
    quoted_all = []
    agent_verbs = config.grammar.agent_verbs
    for raw in raws:
        resolved = resolver.resolve(raw)
        cue_start, cue_end = raw.cue
        cue = text[cue_start:cue_end]
        if agent_verbs and cue.split()[-1].lower() in agent_verbs and not _can_speak(text, raw, resolved, config):
            continue  # "the selfish action threatens to ...": a forecast, not a report
        source_start, source_end = raw.src
        start, end = raw.content
        quoted, direct = words.quoted_and_direct(start, end)
        quoted_all.append(quoted)
        attributions.append(Attribution(
            source=text[source_start:source_end], source_start=source_start, source_end=source_end,
            source_name=resolved.name, source_type=resolved.type, named=resolved.named,
            cue=cue, cue_start=cue_start, cue_end=cue_end,
            cue_neutral=raw.entry.category != "loaded", content_start=start, content_end=end,
            direct=direct, paragraph=raw.paragraph,
        ))
        resolved_all.append(resolved)
        if raw.relay is not None:
            for mention in actors.mentions_in(*raw.relay):
                actor = actors.actors[mention.actor]
                if actor.kind != "country" and actor.key != resolved.actor:
                    relays.append((actor.key, len(attributions) - 1, raw.paragraph))
                    break
    return _Analysis(tuple(attributions), tuple(resolved_all), tuple(relays), actors, tuple(quoted_all))


_SPEAKING_TYPES = frozenset(SOURCE_TYPES) - {"document", "unknown"}


def _can_speak(text: str, raw: Any, resolved: ResolvedSource, config: AttributionConfig) -> bool:
    """Whether a source can make a threat or a promise (the cues of ``[agent_verb]`` in
    ``attribution-grammar.txt``). It cannot when the word lists give it no speaking
    type, it names no actor, and its head is a singular common noun or "it": a thing,
    an event or an action ("the selfish action threatens to ...", "the summer promises
    to be hot", "it threatens the work of ..."). Plural heads ("farmers", "candidates"),
    names and person pronouns are given the benefit of the doubt."""
    if resolved.type in _SPEAKING_TYPES or resolved.actor is not None:
        return True
    words = [t for t in raw.src_toks if t.alnum]
    if not words:
        return False
    head = words[-1]
    g = config.grammar
    if head.low in g.thing_pronouns:
        return False
    if head.low in g.pronouns or head.low in g.determiners:
        return True  # "she", "they", "both", "several"
    if head.cap and (len(words) > 1 or not _opens_sentence(text, head.start)):
        return True  # a name, not a common noun capitalised at the start
    low = head.low
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))


def _opens_sentence(text: str, offset: int) -> bool:
    """Whether only quotation marks, brackets and space separate ``offset`` from the
    start of its sentence."""
    before = text[max(0, offset - 8):offset].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:;"


def quoted_words(document: Document, start: int, end: int) -> int:
    """Words inside quotation marks within ``start..end``."""
    total = 0
    for quote in document.quotes_in(start, end):
        a, b = max(start, quote.content_start), min(end, quote.content_end)
        if a < b:
            total += count_words(document.text, a, b)
    return total


_SHORT_SPAN = 4096
"""Spans up to this many characters are counted directly; longer ones (content that
runs to the end of a very long sentence) use the word index of :class:`_WordCounts`."""


class _WordCounts:
    """Word counts of one document's spans: :func:`~framing.document.count_words` and
    :func:`quoted_words`, with the same answers, in time that does not grow with the
    length of a span.

    A short span is counted directly. For a long one the words of the whole text are
    found once; a span then costs only its two edges: a scan from its start until it
    reaches a place where the text's own word boundaries hold (the start may cut a word
    in two), the whole words after that by position, and a scan of the part after the
    last whole word. Quotation words are summed per quotation in the same way.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._quote_starts: list[int] = []  # filled with the sums below, for long spans only
        self._quote_words: list[int] | None = None  # prefix sums of words per quotation
        self._reach: list[int] = []  # the furthest content end among quotations[:i + 1]

    def count(self, start: int, end: int) -> int:
        """Words in ``text[start:end]``, exactly as :func:`count_words` counts them."""
        if end - start <= _SHORT_SPAN:
            return len(WORD_RE.findall(self.text, start, end))
        return self._count_long(start, end)

    def _count_long(self, start: int, end: int) -> int:
        if self._starts is None:
            spans = [m.span() for m in WORD_RE.finditer(self.text)]
            self._starts = [a for a, _ in spans]
            self._ends = [b for _, b in spans]
        starts, ends, text = self._starts, self._ends, self.text
        found, pos = 0, start
        i = bisect.bisect_right(ends, pos)  # the first word that ends after pos
        while i < len(starts) and starts[i] < pos:  # pos cuts that word: scan on from it
            match = WORD_RE.search(text, pos, end)
            if match is None:
                return found
            found, pos = found + 1, match.end()
            i = bisect.bisect_right(ends, pos)
        j = bisect.bisect_right(ends, end)  # words i .. j - 1 lie whole inside pos..end
        if j > i:
            found, pos = found + j - i, ends[j - 1]
        return found + len(WORD_RE.findall(text, pos, end))

    def quoted_and_direct(self, start: int, end: int) -> tuple[int, bool]:
        """:meth:`quoted` of a span and whether the span is direct speech: some words
        and at least half of them quoted. The span's own words are counted only when
        that can change the answer: not when nothing in it is quoted, and only once
        when it lies inside one quotation's content (the common direct quotation)."""
        if end - start > _SHORT_SPAN:
            quoted = self.quoted(start, end)
            return quoted, quoted > 0 and 2 * quoted >= self.count(start, end)
        quotes = self.document.quotes_in(start, end)
        if not quotes:
            return 0, False
        if len(quotes) == 1 and quotes[0].content_start <= start and end <= quotes[0].content_end:
            total = len(WORD_RE.findall(self.text, start, end))
            return total, total > 0
        quoted = 0
        for quote in quotes:  # as quoted_words counts them
            a, b = max(start, quote.content_start), min(end, quote.content_end)
            if a < b:
                quoted += count_words(self.text, a, b)
        return quoted, quoted > 0 and 2 * quoted >= len(WORD_RE.findall(self.text, start, end))

    def quoted(self, start: int, end: int) -> int:
        """Words inside quotation marks within ``start..end``, as :func:`quoted_words`
        counts them."""
        if end - start <= _SHORT_SPAN:
            return quoted_words(self.document, start, end)
        quotes = self.document.quotes
        sums = self._quote_sums()
        first = bisect.bisect_left(self._quote_starts, start)  # quotations from here open inside
        stop = bisect.bisect_left(self._quote_starts, end)
        if stop == 0 or self._reach[stop - 1] <= end:
            # None runs past the end: every one from ``first`` counts whole, and only
            # the quotation before it can start before the span.
            total = sums[stop] - sums[first]
            if first > 0:
                total += self._part(quotes[first - 1], start, end)
            return total
        return sum(self._part(q, start, end) for q in self.document.quotes_in(start, end))

    def _part(self, quote: Quote, start: int, end: int) -> int:
        a, b = max(start, quote.content_start), min(end, quote.content_end)
        return self.count(a, b) if a < b else 0

    def _quote_sums(self) -> list[int]:
        if self._quote_words is None:
            sums, reach = [0], []
            for quote in self.document.quotes:
                sums.append(sums[-1] + self.count(quote.content_start, quote.content_end))
                reach.append(max(reach[-1] if reach else -1, quote.content_end))
            self._quote_words, self._reach = sums, reach
            self._quote_starts = [q.start for q in self.document.quotes]
        return self._quote_words


def find_attributions(document: Document, config: AttributionConfig | None = None) -> list[Attribution]:
    """The attributions in ``document``, in text order (boilerplate paragraphs skipped).
    See the module docstring for the shapes found."""
    config = config or AttributionConfig.default()
    return list(_analyse(document, config).attributions)


def attribution_balance(text: str, config: AttributionConfig | None = None,
                        document: Document | None = None) -> AttributionResult:
    """Attributions of ``text`` and their :class:`Balance` (``document``: the parsed
    text, if the caller has it already)."""
    config = config or AttributionConfig.default()
    document = document or parse(text)
    analysis = _analyse(document, config)
    return AttributionResult(analysis.attributions, _balance(document, analysis, config))


def _entropy_index(counts: Sequence[int]) -> float:
    n = len(counts)
    total = sum(counts)
    if n < 2 or total <= 0:
        return 0.0
    h = -sum((c / total) * math.log(c / total) for c in counts if c > 0)
    return h / math.log(n)


def _balance(document: Document, analysis: _Analysis, config: AttributionConfig) -> Balance:
    attributions = analysis.attributions
    total = len(attributions)
    per: dict[str, list[int]] = {}
    for i, a in enumerate(attributions):
        per.setdefault(a.source_name, []).append(i)
    quoted = analysis.quoted
    all_quoted = sum(quoted)
    via = _heard_via(attributions, per)
    aliases = _aliases(analysis, config.alias_stop)
    stats = []
    for name, indexes in per.items():
        if len(indexes) == 1:  # most sources speak once
            items, words = [attributions[indexes[0]]], quoted[indexes[0]]
        else:
            items, words = [attributions[i] for i in indexes], sum([quoted[i] for i in indexes])
        stats.append(_source_stats(name, items, words, total, all_quoted, aliases[name], via.get(name, ())))
    stats.sort(key=lambda s: (-s.attributions, -s.quoted_words, s.name))
    unnamed = 0
    direct = 0
    with_attr = set()
    loaded_by: dict[str, int] = {}
    for a in attributions:  # one pass for the article-wide counts
        unnamed += a.source_type == "unnamed"
        direct += a.direct
        with_attr.add(a.paragraph)
        if not a.cue_neutral:
            loaded_by[a.source_name] = loaded_by.get(a.source_name, 0) + 1
    body = [p.index for p in document.paragraphs if p.kind == "body"]
    voiced = {r.actor for r in analysis.resolved if r.actor is not None}
    relayed = _relays(analysis, voiced)
    return Balance(
        attributions=total,
        distinct_sources=len(per),
        sources=tuple(stats),
        balance_index=_entropy_index([len(v) for v in per.values()]),
        top_share=(stats[0].attributions / total) if total else 0.0,
        unnamed_share=unnamed / total if total else 0.0,
        direct=direct,
        indirect=total - direct,
        loaded=sum(loaded_by.values()),
        loaded_by_source=tuple(sorted(loaded_by.items(), key=lambda kv: (-kv[1], kv[0]))),
        quoted_words=all_quoted,
        body_paragraphs=len(body),
        paragraphs_without_attribution=tuple([i for i in body if i not in with_attr]),
        voice_gap=_voice_gap(analysis, relayed, voiced),
        relayed=relayed,
    )


def _aliases(analysis: _Analysis, pronouns: frozenset[str]) -> dict[str, set[str]]:
    """Per source name, the other forms that refer to it: the resolved aliases of its
    actor and the phrases written for it (pronouns left out)."""
    aliases: dict[str, set[str]] = {}
    for a, r in zip(analysis.attributions, analysis.resolved):
        names = aliases.get(a.source_name)
        if names is None:
            names = aliases[a.source_name] = set()
        names.update(r.aliases)
        plain = a.source.strip()
        if plain != a.source_name and plain.lower() not in pronouns:
            names.add(plain)
    return aliases


def _source_stats(name: str, items: Sequence[Attribution], quoted: int, total: int, all_quoted: int,
                  aliases: set[str], via: Sequence[str]) -> SourceStats:
    """The :class:`SourceStats` of the source ``name`` from its attributions ``items``
    (in text order) and the words quoted in their content (``quoted``), gathered in one
    pass. Its type is its most frequent one, the first seen on a tie. (Most sources
    speak once: their one attribution gives every figure directly.)"""
    n = len(items)
    if n == 1:
        a = items[0]
        type_, named, direct = a.source_type, a.named, int(a.direct)
        cues = [a.cue]
        loaded = [] if a.cue_neutral else cues
    else:
        types: dict[str, int] = {}
        named = False
        direct = 0
        cues = []
        loaded = []
        for a in items:
            types[a.source_type] = types.get(a.source_type, 0) + 1
            named = named or a.named
            direct += a.direct
            cues.append(a.cue)
            if not a.cue_neutral:
                loaded.append(a.cue)
        type_ = max(types, key=types.__getitem__)
    return SourceStats(
        name=name, type=type_, named=named,
        attributions=n, share=n / total if total else 0.0,
        quoted_words=quoted, quoted_share=quoted / all_quoted if all_quoted else 0.0,
        direct=direct, indirect=n - direct, loaded_cues=tuple(loaded),
        aliases=tuple(sorted(aliases - {name})), via=tuple(via), cues=tuple(cues),
    )


def _heard_via(attributions: Sequence[Attribution], per: dict[str, list[int]]) -> dict[str, list[str]]:
    """Sources only heard through another source: per source name (with its
    attributions' indexes in ``per``), the other sources whose content holds every one
    of its cues (content that starts at most a paragraph before the cue), in order of
    first appearance; sources with a cue outside all others' content are left out."""
    enclosing = _Enclosing(attributions)
    via: dict[str, list[str]] = {}
    for name, indexes in per.items():
        outers = enclosing.outer_names(name, indexes)
        if outers:
            via[name] = outers
    return via


_BLOCK = 512
"""Attributions per :class:`_Block` (a bit each in its masks)."""

_PAIRWISE = 24
"""Windows (a cue's paragraph and the one before) of up to this many attributions are
read one by one in :meth:`_Enclosing.outer_names`: cheaper than building the blocks."""


class _Block:
    """A run of consecutive attributions, ``base`` .. ``base + len(names)``, indexed so
    that those whose content holds a span come out as one bit mask (bit ``k`` for the
    attribution ``base + k``) after two binary searches: a long paragraph with many
    attributions then costs no pairwise loop."""

    def __init__(self, attributions: Sequence[Attribution], base: int) -> None:
        self.base = base
        self.names = [a.source_name for a in attributions]
        self.bits: dict[str, int] = {}
        for k, name in enumerate(self.names):
            self.bits[name] = self.bits.get(name, 0) | 1 << k
        by_start = sorted(range(len(attributions)), key=lambda k: attributions[k].content_start)
        self.starts = [attributions[k].content_start for k in by_start]
        self.started = list(accumulate((1 << k for k in by_start), operator.or_, initial=0))  # the first i by start
        by_end = sorted(range(len(attributions)), key=lambda k: attributions[k].content_end)
        self.ends = [attributions[k].content_end for k in by_end]
        ending = list(accumulate((1 << k for k in reversed(by_end)), operator.or_, initial=0))
        self.ending = ending[::-1]  # those from i on by end

    def holding(self, start: int, end: int, lo: int, hi: int) -> int:
        """The attributions among ``lo`` .. ``hi - 1`` whose content holds ``start..end``."""
        mask = self.started[bisect.bisect_right(self.starts, start)] & self.ending[bisect.bisect_left(self.ends, end)]
        first, stop = max(lo - self.base, 0), min(hi - self.base, len(self.names))
        if first > 0 or stop < len(self.names):
            mask &= (1 << stop) - (1 << first)
        return mask


class _Enclosing:
    """Which attributions' content holds another's cue: :meth:`outer_names` for
    :func:`_heard_via`. Attributions come in text order, so those of two neighbouring
    paragraphs are consecutive. A window of up to :data:`_PAIRWISE` of them is read one
    by one; the bit-mask blocks, for longer windows, are built on first need."""

    def __init__(self, attributions: Sequence[Attribution]) -> None:
        self.attributions = attributions
        self.paragraphs = [a.paragraph for a in attributions]
        self._blocks: list[_Block] | None = None

    @property
    def blocks(self) -> list[_Block]:
        if self._blocks is None:
            attributions = self.attributions
            self._blocks = [_Block(attributions[base:base + _BLOCK], base)
                            for base in range(0, len(attributions), _BLOCK)]
        return self._blocks

    def outer_names(self, name: str, indexes: Sequence[int]) -> list[str]:
        """The names of the sources, other than ``name``, whose content holds the cue of
        attribution ``i`` (one in the same or the previous paragraph), for each ``i`` in
        ``indexes`` in turn, each name once in order of first appearance; [] when some
        cue lies in no other source's content."""
        found: list[str] = []
        excluded: dict[int, tuple[int, int]] = {}  # per block: bits of the names found, how many
        attributions = self.attributions
        for i in indexes:
            a = attributions[i]
            lo = bisect.bisect_left(self.paragraphs, a.paragraph - 1)
            hi = bisect.bisect_right(self.paragraphs, a.paragraph)
            if hi - lo <= _PAIRWISE:
                held = False
                for b in attributions[lo:hi]:  # in text order, as the blocks' bits come out
                    other = b.source_name
                    if other != name and b.content_start <= a.cue_start and a.cue_end <= b.content_end:
                        held = True
                        if other not in found:
                            found.append(other)
                if not held:
                    return []
                continue
            held = False
            for number in range(lo // _BLOCK, (hi - 1) // _BLOCK + 1):
                block = self.blocks[number]
                mask = block.holding(a.cue_start, a.cue_end, lo, hi) & ~block.bits.get(name, 0)
                if not mask:
                    continue
                held = True
                bits, folded = excluded.get(number, (0, 0))
                for other in found[folded:]:
                    bits |= block.bits.get(other, 0)
                mask &= ~bits
                while mask:
                    other = block.names[(mask & -mask).bit_length() - 1]
                    found.append(other)
                    bits |= block.bits[other]
                    mask &= ~block.bits[other]
                excluded[number] = (bits, len(found))
            if not held:
                return []
        return found


def _relays(analysis: _Analysis, voiced: set[int]) -> tuple[Relay, ...]:
    """The actors heard only through a source (``voiced``: the keys of the actors that
    are sources themselves)."""
    actors = analysis.actors
    found = []
    seen = set()
    for key, index, paragraph in analysis.relays:
        if key in voiced:
            continue
        via = analysis.attributions[index].source_name
        if (key, via) in seen:
            continue
        seen.add((key, via))
        found.append(Relay(actors.actor(key).name, via, paragraph))
    return tuple(found)


def _voice_gap(analysis: _Analysis, relayed: Sequence[Relay], sources: set[int]) -> tuple[VoiceGap, ...]:
    """The actors mentioned but never heard (``sources``: the keys of the actors that
    are sources themselves; left as they are)."""
    actors = analysis.actors
    voiced = set(sources)
    voiced_countries = {c for r in analysis.resolved for c in r.countries}
    for key in list(voiced):
        actor = actors.actor(key)
        if actor.kind == "country":
            voiced_countries.add(actor.name)
        if actor.affiliation is not None:
            # "union chief Maeve Donnelly" speaks for the union: a body whose officer or
            # member is a source is heard through them, as a country is through its
            # officials, so it is no gap.
            voiced.add(actor.affiliation)
    via_by_actor: dict[str, list[str]] = {}
    through: dict[str, list[str]] = {}
    by_name = {a.name: a for a in actors.actors} if relayed else {}
    for relay in relayed:
        via_by_actor.setdefault(relay.actor, []).append(relay.via)
        through.setdefault(relay.actor, []).append(relay.actor)
        actor = by_name.get(relay.actor)
        if actor is None:
            continue
        for related in (actor.country, actors.actor(actor.affiliation).name if actor.affiliation is not None else None):
            if related:
                via_by_actor.setdefault(related, []).append(relay.via)
                through.setdefault(related, []).append(relay.actor)
    gap = []
    for key, (mentions, first) in actors.counts().items():
        actor = actors.actor(key)
        if key in voiced or (actor.kind == "country" and actor.name in voiced_countries):
            continue
        if actor.kind == "person" and not actor.title and mentions < 2:
            continue  # a name said once with no role is too weak a signal
        via = via_by_actor.get(actor.name)  # (None, as through, for the many actors no relay names)
        gap.append(VoiceGap(actor=actor.name, kind=actor.kind, type=actor.type, mentions=mentions,
                            first_offset=first, heard_via=tuple(dict.fromkeys(via)) if via else (),
                            through=tuple(dict.fromkeys(through[actor.name])) if via else ()))
    gap.sort(key=lambda v: (-v.mentions, v.first_offset))
    return tuple(gap)


# Sides live in their own module; re-exported here so one import gives the whole API.
from framing.sides import (Side, Sides, SidesComparison, SidesError, SideStats, compare_sides,  # noqa: E402
                           parse_sides, read_sides)
