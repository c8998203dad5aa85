"""Resolving a source phrase to who it is, within the article.

:class:`SourceResolver` takes each attribution's speaker phrase in text order and
decides its normalised name, its source type and whether it is named:

- a pronoun ("He", "She") is the last person the article named whose gender does not
  contradict it (titles and given names in ``lexicons/gender-cues.txt``; a person with
  no cue fits either); "they" and "it" the last organisation or the last non-person
  source, whichever came later;
- a phrase that holds an actor's mention (see :mod:`framing.actors`) is that actor:
  short names, titles with surnames and acronyms were linked there ("General Bajwa",
  "IRNA", "the BLA"); a document with an owner ("the Department of State statement")
  is the owner; a vague role inside an organisation ("a State Department spokesperson")
  stays unnamed;
- "the group", "the agency", "the outfit" (a definite noun from ``source-types.txt``)
  is the last organisation that fits it, and "the statement" or "the report" whoever
  spoke last; "the spokesperson" is the earlier source with the same head noun;
- a bare institution word that closes names ("the airport", a headline's "Airport")
  is the one organisation named earlier whose name ends in it ("Fenmouth Airport");
  with two such bodies it stays unnamed;
- anything else is typed from its words (titles, institution words, outlet patterns,
  vague nouns) and named after its own phrase, without its article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

from framing.actors import PERSON_TYPES, ActorIndex, Mention, Tok, find_phrases, phrase_type, stem

if TYPE_CHECKING:  # pragma: no cover
    from framing.attribution import AttributionConfig
    from framing.attribution_finder import Candidate

@dataclass(frozen=True)
class ResolvedSource:
    """Who a source phrase is: the name and type it resolves to, whether that is a
    proper name, the actor (key) it is, the countries its phrase names and the other
    forms the article uses for it."""

    name: str
    type: str
    named: bool
    actor: int | None
    countries: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


_PRONOUN_GENDER = {"she": "female", "he": "male"}
# A courtesy title right before a name, capitalised as titles are ("Mrs. Lowe", "Sir
# Keir"): in lower case the same words are ordinary words ("fans will miss Tom Reed").
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]*)\.?\s+$")
"""The word right before a mention ("Mr. " in "Mr. Marsh"), to look up as a title."""


class SourceResolver:
    """Turns a source phrase into a name and a type, in text order (a later "the
    statement" refers back to the sources found so far)."""

    def __init__(self, text: str, config: "AttributionConfig", actors: ActorIndex) -> None:
        self.text = text
        self.cfg = config
        self.g = config.grammar
        self.types = config.types
        self.actors = actors
        self._group_pronouns = config.group_pronouns
        # What earlier sources resolved to, kept as the look-ups need them: the last
        # per head word, the last that is no document or unknown, and the last (with
        # its start) that is no person or unknown.
        self._by_head: dict[str, ResolvedSource] = {}
        self._genders: dict[int, str] = {}
        self._by_actor: dict[int, ResolvedSource] = {}  # per actor key: _from_actor(actor, ())
        self._mention_starts: dict[int, list[int]] | None = None
        self._last_speaking: ResolvedSource | None = None
        self._last_group: tuple[int, ResolvedSource] | None = None
        self._bodies_by_last_word: dict[str, list] | None = None  # "Airport" -> bodies named "... Airport"
        self._starts = [m.start for m in actors.mentions]  # sorted, as the mentions are

    def resolve(self, raw: Candidate) -> ResolvedSource:
        words = [t for t in raw.src_toks if t.alnum]  # brackets and other marks left out
        det = words[0].low if words and words[0].low in self.g.determiners else None
        body = words[1:] if det else words
        head = body[-1].low if body else (words[-1].low if words else "")
        start, end = raw.src
        resolved = self._resolve(raw, words, body, det, head, start, end)
        self._remember(start, resolved, head)
        return resolved

    def _remember(self, start: int, resolved: ResolvedSource, head: str) -> None:
        """Note a resolved source for the look-ups of later ones."""
        self._by_head[head] = resolved
        if resolved.type not in ("document", "unknown"):
            self._last_speaking = resolved
        if resolved.type not in ("person", "unknown"):
            self._last_group = (start, resolved)

    def _mentions_before(self, offset: int, reach: int = 4000) -> Iterator[Mention]:
        """The mentions that lie inside the ``reach`` characters before ``offset``, last
        first: ``reversed(actors.mentions_in(offset - reach, offset))``, walked back from
        ``offset`` so that a look-up that stops at the nearest fit reads no further."""
        mentions = self.actors.mentions
        lo = max(0, offset - reach)
        for i in range(bisect.bisect_left(self._starts, offset) - 1, -1, -1):
            m = mentions[i]
            if m.start < lo:
                return
            if m.end <= offset:
                yield m

    def _resolve(self, raw: Candidate, words: list[Tok], body: list[Tok], det: str | None, head: str,
                 start: int, end: int) -> ResolvedSource:
        g = self.g
        text = self.text[start:end]
        if len(words) == 1 and words[0].low in g.pronouns:
            return self._pronoun(words[0], start)
        mentions = self.actors.mentions_in(start, end)
        countries: tuple[str, ...] = ()
        others = []
        if mentions:
            mentioned = [self.actors.actor(m.actor) for m in mentions]
            countries = tuple(dict.fromkeys(a.name for a in mentioned if a.kind == "country"))
            others = [m for m, a in zip(mentions, mentioned) if a.kind != "country"]
        low_body = [t.low for t in body]
        head_key = (head,)
        if others:
            role = self._role_in(body, others[-1])
            if role is not None:
                # "opponents of the Council" speak against it, not for it: it is not heard.
                heard = None if any((t.low,) in self.types.against for t in body) else others[-1].actor
                return ResolvedSource(self._plain(body), role, False, heard, countries)
            mention = others[-1]
            actor = self.actors.actor(mention.actor)
            if actor.kind == "organisation" and len(others) > 1:
                person = self.actors.actor(others[-2].actor)
                between = self.text[others[-2].end:mention.start].split()
                if person.kind == "person" and between in (["of"], ["of", "the"]) \
                        and mention.end >= (body[-1].end - 2 if body else end):
                    return self._from_actor(person, countries)  # "Prof. Lin Haverford of Coastal State University"
            tail = [t for t in body if t.start >= mention.end]
            if tail:
                tail_low = [t.low for t in tail]
                if (tail_low[-1],) in self.types.unnamed or tuple(tail_low[-2:]) in self.types.unnamed:
                    return ResolvedSource(self._plain(body), "unnamed", False, None, countries)
                if (tail_low[-1],) in self.types.documents:
                    return self._from_actor(actor, countries)
                kind, _, _ = phrase_type(tail_low, [stem(t).replace("’", "'") for t in tail], self.types)
                if kind is not None and actor.kind == "organisation":
                    # "the port authority's chief executive": a role in the organisation
                    return ResolvedSource(self._plain(body), kind if kind not in ("unnamed", "document") else actor.type,
                                     True, None, countries)
            return self._from_actor(actor, countries)
        if countries and mentions and len(body) == len([t for t in body if t.cap]) and len(mentions) == 1 \
                and mentions[0].start <= (body[0].start if body else start) and mentions[0].end >= end - 1:
            actor = self.actors.actor(mentions[0].actor)
            return ResolvedSource(actor.name, "official", True, actor.key, countries)
        # Vague sources: "officials", "a source", "people familiar with the matter".
        if head_key in self.types.unnamed or tuple(low_body[-2:]) in self.types.unnamed or \
                tuple(low_body) in self.types.unnamed:
            if det in ("the", "this", "that") and len(body) <= 2:
                earlier = self._previous_head(head, raw.src[0])
                if earlier is not None:
                    return earlier
            return ResolvedSource(self._plain(body) or text.lower(), "unnamed", False, None, countries)
        # Definite references back: "the statement", "the group", "the agency".
        if det in ("the", "this", "that", "its", "their") and body:
            if head_key in self.types.documents:
                owner = self._last_speaker(start)
                if owner is not None:
                    return owner
                return ResolvedSource(self._plain(body), "document", False, None, countries)
            if head_key in self.types.nouns and len(body) <= 2:
                found = self._anaphor(head, start)
                if found is not None:
                    return found
                earlier = self._previous_head(head, start)
                if earlier is not None:
                    return earlier
        if head_key in self.types.documents:
            return ResolvedSource(self._plain(body), "document", False, None, countries)
        if len(body) == 1 and det in (None, "the", "this", "that", "its", "their") \
                and (body[0].low.capitalize(),) in self.types.names \
                and all(w in g.auxiliaries for w in self.text[body[0].end:raw.cue[0]].lower().split()):
            # Only a word that is the cue's subject ("the airport said", "the fund had
            # warned"), not a modifier of it ("Party leaders are questioning").
            bare = self._bare_institution(body[0], start)
            if bare is not None:
                return bare
        kind, at, table = phrase_type(low_body, [stem(t).replace("’", "'") for t in body], self.types)
        if table == "name" and any(m.start <= body[at].start < m.end for m in mentions):
            kind = None  # "United" in "the United States and Russia" belongs to a country's name
        proper = [t for t in body if t.cap and t.low not in g.sentence_starters
                  and (stem(t),) not in self.cfg.gazetteer.aliases and not self._common_at_start(t)]
        if table == "title" and proper:
            titles = find_phrases(low_body, self.types.titles, self.types.longest, self.types.first_words["title"])
            in_title = {i for a, b in titles for i in range(a, b)}
            proper = [t for i, t in enumerate(body) if t in proper and i not in in_title]
            if not proper and det in ("the", "this", "that") and titles and titles[-1] == (0, len(body)):
                holder = self._title_holder(" ".join(low_body), start)
                if holder is not None:
                    return holder  # "Chief executive Owen Marsh ... The Chief Executive said"
        if table == "title" and kind not in PERSON_TYPES and self._name_after_title(low_body, body, proper):
            kind = "person"  # "club manager Jo Reid": a named person in a role of a body
        if kind is None:
            if proper and len(proper) == len(body):
                kind = "person" if len(body) > 1 and not any(t.text.isupper() for t in body) else "unknown"
            else:
                kind = "unknown"
        named = bool(proper) and kind not in ("unnamed",)
        name = " ".join(stem(t) for t in body) if named else self._plain(body)
        return ResolvedSource(name or text, kind, named, None, countries)

    def _role_in(self, body: list[Tok], mention) -> str | None:
        """The type of an unnamed member of a named body or person's circle: "a librarian
        at Millbrook North High School", "a source at the Chamber of Commerce",
        "supporters of Trump". The speaker is the person the common noun names, not the
        body; they stay unnamed (the body counts as heard through them, as it does
        through a named officer). None when the phrase does not have that shape."""
        if not body or mention.end < body[-1].end - 2 or self.actors.actor(mention.actor).kind == "country":
            return None  # words after the name are the phrase's head: "half of GOP primary voters"
        lead = [t for t in body if t.end <= mention.start]
        if lead and lead[-1].low == "the":
            lead = lead[:-1]
        if len(lead) < 2 or lead[-1].low not in self.g.role_prepositions:
            return None
        words = lead[:-1]
        if any(t.cap or not t.alnum or t.low in self.g.function_words for t in words):
            return None
        low = [t.low for t in words]
        if any((w,) in self.types.documents for w in low):
            return None  # "a report from Bloomberg": the owner of a document is the source
        if (low[-1],) in self.types.unnamed or tuple(low[-2:]) in self.types.unnamed:
            return "unnamed"
        kind, _, table = phrase_type(low, [t.text for t in words], self.types, ("title", "noun"))
        body_type = self.actors.actor(mention.actor).type
        if kind == "organisation" and table == "title" and body_type not in PERSON_TYPES:
            return body_type  # "the chairman of the Joint Chiefs": a role takes its body's type
        return kind if kind is not None and kind not in ("document",) else "unknown"

    def _title_holder(self, title: str, offset: int) -> ResolvedSource | None:
        """The last person before ``offset`` whom the article gave exactly this title
        ("Chief executive Owen Marsh" for a later "the chief executive")."""
        for m in self._mentions_before(offset):
            actor = self.actors.actor(m.actor)
            if actor.kind == "person" and actor.title and actor.title.lower() == title:
                return self._from_actor(actor, ())
        return None

    def _name_after_title(self, low_body: list[str], body: list[Tok], proper: list[Tok]) -> bool:
        """Whether the phrase ends in a personal name after its last title ("union
        leader Jo Reid", not "the Chief Executive")."""
        types = self.types
        spans = find_phrases(low_body, types.titles, types.longest, types.first_words["title"])
        if not spans or spans[-1][1] >= len(body):
            return False
        return all(t in proper for t in body[spans[-1][1]:])

    def _common_at_start(self, tok: Tok) -> bool:
        """A common noun capitalised only because it opens the sentence ("Police said")."""
        key = (tok.low,)
        if not (key in self.types.nouns or key in self.types.unnamed or key in self.types.titles
                or key in self.types.documents):
            return False
        before = self.text[max(0, tok.start - 4):tok.start].rstrip(" \t\"“‘'(")
        return not before or before[-1] in ".!?\n:;"

    def _plain(self, body: Sequence[Tok]) -> str:
        """An unnamed source's phrase without its article, in lower case unless it holds
        a proper name."""
        words = [t.text for t in body]
        if words and any(t.cap for t in body[1:]):
            return " ".join(words)
        return " ".join(words).lower()

    def _from_actor(self, actor, countries: tuple[str, ...]) -> ResolvedSource:
        """The source that is ``actor`` (a country speaks through its officials), with
        the countries its phrase names besides the actor's own. Resolved sources are
        frozen, so the one for an actor with no such countries is built once per
        article."""
        if not countries:
            found = self._by_actor.get(actor.key)
            if found is None:
                found = self._by_actor[actor.key] = self._build_from_actor(actor, countries)
            return found
        return self._build_from_actor(actor, countries)

    @staticmethod
    def _build_from_actor(actor, countries: tuple[str, ...]) -> ResolvedSource:
        kind = actor.type
        if actor.kind == "country":
            kind = "official"
        return ResolvedSource(actor.name, kind, True, actor.key, countries + ((actor.country,) if actor.country else ()),
                         actor.aliases)

    def _pronoun(self, tok: Tok, start: int) -> ResolvedSource:
        g = self.g
        low = tok.low
        if low in g.person_pronouns:
            actor = self._person_for(low, start)
            if actor is not None:
                return self._from_actor(actor, ())
        elif low in self._group_pronouns:
            actor = self.actors.last_before(start, kinds=("organisation",))
            prev_start, previous = self._last_group or (-1, None)
            last_org = self._last_mention_start(start, ("organisation",))
            if previous is not None and (actor is None or prev_start > last_org):
                return previous
            if actor is not None:
                return self._from_actor(actor, ())
        return ResolvedSource(tok.text.lower(), "unknown", False, None)

    def _person_for(self, pronoun: str, offset: int):
        """The person "he" or "she" at ``offset`` refers to: the last person named before
        it (at most 4,000 characters back), if their gender does not contradict the
        pronoun (unknown fits either). When it does, an earlier person whose gender is
        known to match; never one of unknown gender then, since a name of unknown gender
        further back is as likely a mistyped body ("the Affordable Care Act") as the
        speaker. None when no one fits."""
        wanted = _PRONOUN_GENDER.get(pronoun)
        skipped = False
        for m in self._mentions_before(offset):
            actor = self.actors.actor(m.actor)
            if actor.kind != "person" or m.end > offset:
                continue
            gender = self._gender(actor) if wanted is not None else "unknown"
            if wanted is None or gender == wanted or (gender == "unknown" and not skipped):
                return actor
            if gender != "unknown":
                skipped = True
        return None

    def _gender(self, actor) -> str:
        """"female", "male" or "unknown", from the cues of ``gender-cues.txt``: a
        gendered title the article gives the person ("Mrs. Patricia Lowe", a later "Mr.
        Marsh"), else the first word of the name. Cues that disagree give "unknown"."""
        found = self._genders.get(actor.key)
        if found is not None:
            return found
        cues = self.cfg.genders
        seen = set()
        if actor.title:  # a title counts as written with its capital ("Miss", not "miss")
            seen.update(cues.titles[w.lower()] for w in actor.title.replace(".", " ").split()
                        if w[:1].isupper() and w.lower() in cues.titles)
        if self._mention_starts is None:
            self._mention_starts = {}
            for m in self.actors.mentions:
                self._mention_starts.setdefault(m.actor, []).append(m.start)
        for start in self._mention_starts.get(actor.key, ()):
            before = _TITLE_BEFORE.search(self.text, max(0, start - 12), start)
            if before is not None and before.group(1).lower() in cues.titles:
                seen.add(cues.titles[before.group(1).lower()])
        if not seen:
            given = cues.given.get(actor.name.split()[0].lower()) if actor.name else None
            if given:
                seen.add(given)
        found = seen.pop() if len(seen) == 1 else "unknown"
        self._genders[actor.key] = found
        return found

    def _last_mention_start(self, offset: int, kinds: tuple[str, ...]) -> int:
        for m in self._mentions_before(offset):
            if self.actors.actor(m.actor).kind in kinds:
                return m.start
        return -1

    def _last_speaker(self, offset: int) -> ResolvedSource | None:
        """Who "the statement" at ``offset`` belongs to: the last source that is no
        document or unknown, else the last organisation mentioned."""
        if self._last_speaking is not None:
            return self._last_speaking
        actor = self.actors.last_before(offset, kinds=("organisation",))
        return self._from_actor(actor, ()) if actor is not None else None

    def _anaphor(self, noun: str, offset: int) -> ResolvedSource | None:
        """The last organisation that fits "the <noun>": one whose name holds the noun
        ("the agency" -> "... News Agency"), else one of the noun's type."""
        wanted = self.types.nouns.get((noun,))
        if wanted is None or wanted in ("person", "unnamed"):
            return None
        capital = noun.capitalize()
        best = None
        for m in self._mentions_before(offset):
            actor = self.actors.actor(m.actor)
            if actor.kind != "organisation":
                continue
            if capital in actor.name.split():
                return self._from_actor(actor, ())
            if best is None and (actor.type == wanted or (wanted == "organisation" and actor.type in ("organisation",))):
                best = actor
        return self._from_actor(best, ()) if best is not None else None

    def _bare_institution(self, tok: Tok, offset: int) -> ResolvedSource | None:
        """A bare institution word ("the airport", "the Airport", a headline's "Airport")
        that closes names in ``[name:...]`` of ``source-types.txt``: the one organisation
        named earlier whose name ends in it ("Fenmouth Airport"). With two or more such
        bodies it stays an unnamed source of the word's type, never a named "Airport";
        with none, None (the phrase is read as before: "the Pentagon" is a name)."""
        word = tok.low.capitalize()
        kind = self.types.names.get((word,))
        if kind is None or kind not in ("official", "military", "police", "media", "organisation", "expert"):
            return None
        if self._bodies_by_last_word is None:
            self._bodies_by_last_word = {}
            for actor in self.actors.actors:
                names = actor.name.split()
                if actor.kind == "organisation" and len(names) > 1:
                    self._bodies_by_last_word.setdefault(names[-1], []).append(actor)
        found = [a for a in self._bodies_by_last_word.get(word, ()) if self.text.find(a.name, 0, offset) >= 0]
        if len(found) == 1:
            return self._from_actor(found[0], ())
        if found:
            return ResolvedSource(tok.low, kind, False, None)
        return None

    def _previous_head(self, head: str, offset: int) -> ResolvedSource | None:
        """The last earlier source with the same head word ("the spokesperson")."""
        return self._by_head.get(head)
