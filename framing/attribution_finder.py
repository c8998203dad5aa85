"""Finding attribution relations: the sentence shapes around a cue.

The internals of :func:`framing.attribution.find_attributions`. For every cue that the
reporting-verb and source-marker lexicons match outside quotations, :class:`Extractor`
reads the sentence around it, with the closed-class word lists of
``lexicons/attribution-grammar.txt`` standing in for a part-of-speech tagger:

- the speaker's noun phrase: before the verb (with auxiliaries, adverbs, appositions
  and relative clauses stepped over: "Flynn, a top Trump surrogate, said"), after it
  in inverted order ('"...," said X'), after "according to" or "by" (passives), or as
  the owner of a noun of saying ("Trump's claim that ...");
- what the verb takes: a that-clause, a clause, a quotation, a colon, an infinitive,
  an object with "as", "of", "to" ("described the talks as constructive"), or nothing
  (the content then comes before: a quotation, or the clause before a comma);
- which shape that makes (see the module docstring of :mod:`framing.attribution`).

A :class:`Candidate` is an attribution before its source is resolved
(:mod:`framing.sources` does that). Nothing here is a guess that the shapes above do not
license: a cue word without the shape of an attribution ("The company added 200 jobs")
yields nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, islice
from typing import TYPE_CHECKING, Iterable, Sequence

from framing.actors import ActorIndex, Tok, is_possessive, tokenize
from framing.document import Document, Quote, Sentence
from framing.lexicon import Entry
from framing.matcher import Match, resolve_overlaps

if TYPE_CHECKING:  # pragma: no cover
    from framing.attribution import AttributionConfig

_OPENING_MARKS = frozenset("\"“‘'")
_CLOSING_MARKS = frozenset("\"”’'")
_QUOTE_MARKS = _OPENING_MARKS | _CLOSING_MARKS
_PUNCT_END = frozenset(".!?;")


_RECENT_SENTENCES = 8
"""How many sentences' tokens an :class:`Extractor` keeps (cues come in text order)."""

_LABEL_ENTRY = Entry(id="marker.label.colon", kind="source_marker", category="preposition", severity="info",
                     score=0.25, explanation="A speaker's name and a colon introduce what they said (a transcript "
                     "or headline label).", terms=(":",), flag=("WALLACE: Let's start with the news.",),
                     lexicon="attribution", path="framing/attribution_finder.py")
"""The cue rule for speaker labels ("NAME: ..."); a detector, not a lexicon entry."""


def _running_max(values: Iterable[int]) -> list[int]:
    """The largest value so far, at each position of ``values``."""
    return list(accumulate(values, max))


@dataclass(slots=True)
class Candidate:
    """An attribution before its source is resolved (internal, mutable). ``src`` is
    None for a participle ("..., saying ...") whose speaker is another clause's."""

    src: tuple[int, int] | None
    src_toks: list[Tok]
    cue: tuple[int, int]
    entry: Entry
    content: tuple[int, int]
    paragraph: int
    quotes: tuple[Quote, ...]
    relay: tuple[int, int] | None = None
    sentence: int = -1
    weak: bool = False


class Extractor:
    def __init__(self, document: Document, config: "AttributionConfig", actors: ActorIndex) -> None:
        self.doc = document
        self.text = document.text
        self.cfg = config
        self.g = config.grammar
        self.actors = actors
        self.stop = config.np_stop
        self.cue_words = config.cue_words
        self._recent: dict[int, list[Tok]] = {}  # sentence index -> its tokens
        self.quote_by_start = {q.start: q for q in document.quotes}
        self.quote_by_end = {q.end: q for q in document.quotes}
        self.quote_starts = [q.start for q in document.quotes]  # sorted, as the quotes are
        self.quote_reach = _running_max(q.end for q in document.quotes)  # the furthest end so far
        self.sentences = document.sentences
        self.sentence_starts = [x.start for x in self.sentences]
        self.subject_pronouns = config.subject_pronouns

    # -- tokens ------------------------------------------------------------------------

    def tokens(self, sentence: Sentence) -> list[Tok]:
        """The tokens of ``sentence``. Cues come in text order, so only the last few
        sentences' tokens are kept: the tokens of a whole article are never held at
        once."""
        toks = self._recent.get(sentence.index)
        if toks is None:
            toks = tokenize(self.text, sentence.start, sentence.end)
            recent = self._recent
            recent[sentence.index] = toks
            if len(recent) > _RECENT_SENTENCES:
                del recent[next(iter(recent))]  # the oldest (dicts keep insertion order)
        return toks

    def cue_tokens(self, sentence: Sentence, match: Match) -> tuple[list[Tok], int, int]:
        """The tokens of ``sentence`` and the indexes of the first and last token of the
        cue ``match`` (``first > last`` when no token lies inside it)."""
        toks = self.tokens(sentence)
        # A token is a tuple that opens with its start, so it sorts after ``(offset,)``
        # exactly when it starts at or after ``offset``: no list of starts is needed.
        return toks, bisect.bisect_left(toks, (match.start,)), bisect.bisect_left(toks, (match.end,)) - 1

    def adverb(self, tok: Tok) -> bool:
        """A lower-case word in -ly that is no noun or adjective ("repeatedly", not
        "family" or "ally")."""
        low = tok.low
        return not tok.cap and len(low) > 4 and low.endswith("ly") and low not in self.g.not_adverbs

    def contracted_pronoun(self, tok: Tok) -> bool:
        """"she'll", "he's", "they're": a subject pronoun with a contracted verb."""
        if "'" not in tok.low:
            return False  # most words: nothing to split
        base, _, rest = tok.low.partition("'")
        return bool(rest) and base in self.subject_pronouns and rest in ("ll", "s", "re", "ve", "d", "m")

    def verb_form(self, tok: Tok) -> bool:
        """A lower-case word in -ing standing alone where a speaker should be: a verb
        ("..., sparking fears of ...", "raising fears that ..."), never a speaker. A
        noun in -ing that the source lists know ("briefing", "ruling") is left alone."""
        low = tok.low
        if tok.cap or len(low) <= 4 or not low.endswith("ing") or not low.isalpha():
            return False
        key = (low,)
        types = self.cfg.types
        return not (key in types.nouns or key in types.titles or key in types.unnamed or key in types.documents)

    def noun_use(self, toks: list[Tok], j: int, ci: int, source: tuple[int, int]) -> bool:
        """Whether the cue word at ``ci``, in its -s form, is a plural noun, the object
        of the verb before it, although a speaker seems to precede it: after an
        auxiliary, where no verb takes its -s form ("Voters had promises of ..."), after
        a plural quantifier, which takes no -s verb ("many questions about ..."), or
        right after a verb in the past tense that the speaker's phrase would end in
        ("The strike raised fears that ...", "The minister dismissed claims of ...")."""
        g = self.g
        cue = toks[ci].low
        if cue.endswith("s") and not cue.endswith("ss") and ci > 0 and toks[ci - 1].low in g.auxiliary_verbs \
                and not toks[ci - 1].cap:
            return True
        head = toks[source[1]]
        if not cue.endswith("s") or cue.endswith("ss") or source[1] != j or j != ci - 1:
            return False
        if source[0] == source[1] and head.low in g.plural_quantifiers:
            return True  # "there are many questions about ...": a plural subject takes no -s verb
        if head.cap or head.low in self.subject_pronouns:
            return False
        if head.low in g.finite and head.low not in g.auxiliaries:
            return True  # "made", "took", "gave"
        before = toks[source[1] - 1].low if source[1] > source[0] else ""
        return self.finite(head) and before not in g.determiners  # not "the accused", "those involved"

    def verb_like(self, toks: list[Tok], i: int) -> bool:
        """Whether the word before an infinitive's "to" reads as a verb that takes it
        ("continues to insist", "declined to say", "they want to know", "is able to
        say"), not as a noun with a purpose clause ("a Senate majority to confirm",
        "state and local police to tell", "a force to defend"): an inflected verb, or any
        word after an auxiliary, a subject pronoun or a negation."""
        t = toks[i]
        low = t.low
        if low in self.g.finite or self.finite(t, after_np=True) or (low.endswith("ing") and len(low) > 4):
            return True
        if i == 0:
            return False
        before = toks[i - 1].low
        return before in self.g.auxiliary_verbs or before in self.subject_pronouns or before in ("to", "not", "never") \
            or before in self.g.auxiliaries

    def tense_clash(self, toks: list[Tok], j: int, cue: str) -> bool:
        """Whether a cue in its -s form after "and" or "but" (token ``j``) follows a
        reporting verb in the past tense earlier in the sentence: coordinated verbs share
        their tense ("said ... and added", "says ... and adds"), so the -s word is a
        plural noun ("Farrell urged both sides to talk, but calls for new laws grew
        louder")."""
        if not cue.endswith("s") or cue.endswith("ss"):
            return False
        g = self.g
        for i in range(j - 1, -1, -1):
            t = toks[i]
            if t.cap or t.low not in self.cue_words:
                continue
            low = t.low
            if low.endswith("ing"):  # "is telling ... and says"
                return i > 0 and toks[i - 1].low in ("was", "were")
            return not low.endswith("s") and (self.finite(t) or low in g.finite)
        return False

    def finite(self, tok: Tok, after_np: bool = False) -> bool:
        low = tok.low
        if low in self.g.finite:
            return True
        if tok.cap or not tok.text.isalpha() or len(low) < 4:
            return False
        if low.endswith("ed") and not low.endswith(("eed", "dred")) and low not in self.g.participles:
            return True
        return after_np and low.endswith("s") and not low.endswith(("ss", "us", "is", "ous", "ics"))

    def first_quote_from(self, start: int, end: int) -> Quote | None:
        """The first quotation that opens at or after ``start``, if it opens before ``end``."""
        i = bisect.bisect_left(self.quote_starts, start)
        if i < len(self.quote_starts) and self.doc.quotes[i].content_start < end:
            return self.doc.quotes[i]
        return None

    def only_conjunctions_before(self, toks: list[Tok], i: int) -> bool:
        """Whether every word before token ``i`` is a conjunction (or there is none)."""
        conjunctions = self.g.conjunctions
        return all(t.low in conjunctions for t in islice(toks, i) if t.alnum)

    def opens_quote(self, tok: Tok) -> Quote | None:
        return self.quote_by_start.get(tok.start) if tok.text in _OPENING_MARKS else None

    # -- noun phrases ------------------------------------------------------------------

    def parenthetical_before(self, toks: list[Tok], i: int) -> int | None:
        """If token ``i`` closes a short bracket after a name ("(IRNA)", "(R-Fla.)"),
        the index of its opening bracket."""
        if toks[i].text != ")":
            return None
        for k in range(i - 1, max(i - 7, -1), -1):
            if toks[k].text == "(":
                inner = toks[k + 1:i]
                if inner and k > 0 and toks[k - 1].cap and not any(self.finite(t) for t in inner):
                    return k
                return None
            if toks[k].text in ",;:" or toks[k].text in _OPENING_MARKS:
                return None
        return None

    def np_left(self, toks: list[Tok], j: int) -> tuple[int, int] | None:
        """The noun phrase that ends at token ``j``, walking left: a pronoun, or
        names, nouns and modifiers back to (and including) a determiner."""
        if j < 0:
            return None
        g = self.g
        tok = toks[j]
        opening = self.parenthetical_before(toks, j)
        if opening is not None:
            inner = self.np_left(toks, opening - 1)
            return (inner[0], j) if inner else None
        if not tok.alnum:
            return None
        low = tok.low
        name_like = tok.cap and j > 0 and toks[j - 1].alnum and toks[j - 1].cap  # "Theresa May"
        if low in g.pronouns and not name_like:
            return (j, j) if low in self.subject_pronouns else None
        if low in g.quantifiers and not tok.cap or (tok.cap and low in g.quantifiers and self.boundary(toks, j)):
            return (j, j)  # "all agreed", "each touting ..."
        if not name_like and (low in self.stop or low in g.inner_connectors or low in g.determiners or tok.text.isdigit()):
            return None
        if low in g.time and (not tok.cap or (j > 0 and toks[j - 1].low in g.prepositions)):
            return None
        start = j
        i = j
        count = 0
        # The word lists, looked up once for the walk (it runs for nearly every cue).
        determiners, stop, cue_words, finite = g.determiners, self.stop, self.cue_words, g.finite
        while i >= 0 and count < 14:
            t = toks[i]
            if not t.alnum:
                opening = self.parenthetical_before(toks, i) if i < j else None
                if opening is not None:
                    i = opening - 1
                    continue
                if t.text in "’'" and i > 0 and toks[i - 1].low.endswith("s") and i < j:
                    i -= 1
                    continue
                break
            low = t.low
            if low in determiners:
                if not (low in ("that", "this") and i < j and toks[i + 1].cap):
                    start = i  # "that Trump called ..." is a clause, not "that Trump"
                break
            if low in g.inner_connectors and i < j:
                if i > 0 and toks[i - 1].cap and toks[i + 1].cap and toks[i + 1].low not in g.time:
                    i -= 1
                    continue
                break
            cap = t.cap
            if low in stop or (low in cue_words and i != j and not cap):
                break
            if not cap:
                if low in finite and i != j:
                    break  # "The candidates took questions from veterans ..."
                if len(low) > 4:
                    if low not in g.participles and (
                            low.endswith("ing") or (low.endswith("ed") and (i == 0 or toks[i - 1].low in g.auxiliaries
                                                                             or toks[i - 1].low in g.passive
                                                                             or not toks[i - 1].alnum))):
                        break  # a verb, not a modifier ("after the vote was counted officials said")
                    if low.endswith("ly") and low not in g.not_adverbs and not (
                            i > 0 and toks[i - 1].low in determiners):
                        break  # an adverb (see adverb), unless an adjective after a determiner ("the daily Dawn")
            elif (i == 0 or not toks[i - 1].alnum) and low in g.sentence_starters:
                break
            start = i
            count += 1
            i -= 1
        return (start, j)

    def np_right(self, toks: list[Tok], k: int, limit: int = 8) -> tuple[int, int] | None:
        """The noun phrase that starts at token ``k``, walking right."""
        g = self.g
        n = len(toks)
        if k >= n or not toks[k].alnum:
            return None
        tok = toks[k]
        if tok.low in g.pronouns:
            return (k, k)
        if tok.low in self.stop or self.finite(tok):
            return None
        i = k
        if tok.low in g.determiners and k + 2 < n and toks[k + 1].low == "of" and tok.low not in g.articles:
            more = self.np_right(toks, k + 2, limit)  # "some of the miners", "one of his aides"
            return (k, more[1]) if more is not None else (k, k)
        if tok.low in g.determiners:
            if tok.low in ("her", "his", "its", "their") and (
                    k + 1 >= n or not toks[k + 1].alnum or toks[k + 1].low in self.stop
                    or toks[k + 1].low in g.inner_connectors):
                return (k, k)  # an object pronoun: "accusing her of ..."
            i += 1
        end = None
        words = 0
        while i < n and words < limit:
            t = toks[i]
            if not t.alnum:
                if t.text in _OPENING_MARKS and i + 1 < n and toks[i + 1].alnum and i > k and (
                        end is None or toks[i - 1].low in g.determiners):
                    i += 1  # 'several “intangibles”'
                    continue
                if t.text in _CLOSING_MARKS and end is not None and end == i - 1 and i > k + 1 and \
                        toks[i - 2].text in _OPENING_MARKS:
                    i += 1
                    continue
                if t.text == "(" and end is not None and toks[end].cap:
                    close = next((x for x in range(i + 1, min(i + 7, n)) if toks[x].text == ")"), None)
                    if close is not None and not any(self.finite(x) for x in toks[i + 1:close]):
                        end = close
                        i = close + 1
                        continue
                if t.text in "’'" and end is not None and toks[end].low.endswith("s") and i + 1 < n and toks[i + 1].cap:
                    i += 1
                    continue
                break
            low = t.low
            if low in g.inner_connectors:
                if end is not None and i + 1 < n and toks[i + 1].cap and toks[end].cap and toks[i + 1].low not in g.time:
                    i += 1
                    continue
                break
            if low in self.stop or (low in g.articles and i > k) or (low in self.cue_words and not t.cap and end is not None):
                break
            after_determiner = end is None and i > k
            if not t.cap and not after_determiner and (
                    self.finite(t) or (end is not None and toks[end].cap and not is_possessive(toks[end])
                                       and (low.endswith("s") or low.endswith("ed")))):
                break
            if end is not None and not t.cap and len(low) > 4 and low.endswith("ly") and low not in g.not_adverbs:
                break  # an adverb (see adverb) after the noun; right after a determiner an adjective
            end = i
            words += 1
            i += 1
        if end is None:
            return None
        return (k, end)

    def appositive(self, seg: Sequence[Tok]) -> bool:
        """Whether the tokens between two commas read as an apposition, a participle
        phrase or a relative clause about the noun before them ("a top Trump
        surrogate", "38", "who runs a guesthouse", "from Ashgrove", "dedicating the
        museum on Saturday")."""
        if not seg or len(seg) > 40:
            return False
        first = seg[0]
        if any(t.text in _OPENING_MARKS or t.text in _CLOSING_MARKS for t in seg):
            return False
        if first.low in self.g.relatives or first.low == "whose":
            return True
        if len(seg) > 20:
            return False
        if any(t.low in self.cue_words and not t.cap for t in seg):
            return False
        if not any(self.finite(t) and not t.cap for t in seg) and not any(
                t.low in self.subject_pronouns for t in seg):
            return True  # "senior associate for education organizing at the Institute"
        if not first.cap and first.low.endswith(("ing", "ed")) and len(first.low) > 4:
            return True
        return (first.low in self.g.determiners or first.cap or first.text.isdigit()
                or first.low in self.g.appositive_prepositions or (first.low,) in self.cfg.types.titles
                or first.low in ("now", "then", "also", "himself", "herself", "itself", "themselves"))

    def boundary(self, toks: list[Tok], i: int) -> bool:
        """Whether a clause can start at token ``i`` (what comes before it ends a clause
        or opens one)."""
        if i <= 0:
            return True
        t = toks[i - 1]
        if not t.alnum:
            return t.text != "’" or not toks[i - 2].low.endswith("s") if i >= 2 else True
        g = self.g
        return (t.low in g.conjunctions or t.low in g.complementizers or t.low in g.relatives
                or (t.low in g.auxiliaries and t.low not in g.finite)
                or t.low in ("also", "and", "but", "then", "now", "so", "however", "meanwhile", "still")
                or self.adverb(t) or (t.cap and i - 1 == 0 and t.low in g.sentence_starters)
                or t.low in g.time)

    def skip_left(self, toks: list[Tok], j: int) -> tuple[int, int]:
        """Skip auxiliaries, adverbs and short adverbials left of the verb; returns
        (index of the token before them, index of the first auxiliary kept in the cue)."""
        g = self.g
        aux_start = j + 1
        while j >= 0:
            t = toks[j]
            low = t.low
            if low in g.auxiliaries and not t.cap:
                if low in g.cue_auxiliaries or low in g.passive or low.endswith("n't"):
                    aux_start = j
                j -= 1
                continue
            if not t.cap and len(low) > 4 and low.endswith("ly") and low not in g.not_adverbs:
                j -= 1  # an adverb (see adverb)
                continue
            if (low in g.time or t.text.isdigit()) and j > 0 and (
                    toks[j - 1].low in ("on", "last", "this", "late", "early", "earlier", "in", "since", "during")):
                j -= 2
                if j >= 0 and toks[j].low in ("in", "on", "since", "during") and not toks[j].cap:
                    j -= 1  # "released in late August"
                continue
            # A catenative verb: "continues to insist", "declined to say".
            if low == "to" and j > 0 and toks[j - 1].alnum and not toks[j - 1].cap and \
                    toks[j - 1].low not in g.determiners and toks[j - 1].low not in g.prepositions and \
                    toks[j - 1].low not in g.pronouns and (toks[j - 1].low not in self.cue_words or toks[j - 1].low in g.catenative_cues) and \
                    self.verb_like(toks, j - 1):
                j -= 2
                continue
            break
        return j, aux_start

    def subject(self, toks: list[Tok], j: int) -> tuple[tuple[int, int], int] | None:
        """The speaker before the verb: ((first, last) token of the source, first token
        of the whole subject phrase with its appositions)."""
        if j < 0:
            return None
        g = self.g
        tok = toks[j]
        if tok.low.partition("'")[0] in ("who", "which", "whom") and not tok.cap:
            k = j - 1
            if k >= 1 and toks[k].low == "of":  # "many of whom say"
                quantifier = self.np_left(toks, k - 1)
                if quantifier is None and toks[k - 1].low in g.determiners:
                    quantifier = (k - 1, k - 1)
                if quantifier is not None:
                    return (quantifier[0], j), quantifier[0]
            if k >= 0 and toks[k].text == ",":
                k -= 1
            ante = self.np_left(toks, k)
            if ante is not None:
                if tok.low == "which" and not self.institution(toks[ante[1]]):
                    return None  # "a country which cannot say who lives in it": a thing, no speaker
                return ante, ante[0]
            return (j, j), j
        if tok.text == ",":
            quote_edge = j - 1  # the last quotation mark before the comma, if any
            while quote_edge >= 0 and toks[quote_edge].text not in _QUOTE_MARKS:
                quote_edge -= 1
            commas = list(islice((i for i in range(j - 1, quote_edge, -1) if toks[i].text == ","), 3))
            for c in commas:
                np = self.extend(toks, self.np_left(toks, c - 1))
                if np is None or not self.complete(toks, np):
                    continue
                bounds = [c] + [x for x in range(c + 1, j) if toks[x].text == ","] + [j]
                if not all(self.appositive(toks[a + 1:b]) for a, b in zip(bounds, bounds[1:])):
                    continue
                source = np
                first_seg = toks[bounds[0] + 1:bounds[1]]
                if (all(t.cap for t in first_seg) and not any(t.cap for t in toks[np[0]:np[1] + 1] if t.alnum
                                                               and t.low not in g.determiners)):
                    source = (bounds[0] + 1, bounds[1] - 1)  # "the mission's head, Dr. Helena Osk, said"
                return source, np[0]
            return None
        if tok.low in g.speaker_pronouns and j > 0 and toks[j - 1].low in g.prepositions:
            np = self.extend(toks, (j, j), force=True)  # "Those close to him say"
            if np is not None and np[0] < j:
                return np, np[0]
            return None
        np = self.extend(toks, self.np_left(toks, j))
        if np is None or not self.complete(toks, np):
            return None
        if is_possessive(toks[np[1]]) or toks[np[1]].low == "you":
            return None  # "Graham's comments came ...", "you don't want ..."
        a = np[0]
        if a >= 3 and toks[a - 2].low in g.relatives and not toks[a - 1].cap and self.finite(toks[a - 1]) \
                and toks[a - 1].low not in self.cue_words:
            # "an engineer at the company that operated the dam told ...": the phrase is
            # the object of a relative clause; the speaker is what the clause describes.
            ante = self.extend(toks, self.np_left(toks, a - 3))
            if ante is None or not self.complete(toks, ante) or toks[ante[1]].low in self.g.pronouns:
                return None
            return ante, ante[0]
        return np, np[0]

    def institution(self, head: Tok) -> bool:
        """Whether the head of a phrase that "which" refers back to can speak: a name, a
        plural, or a noun the source lists know ("the ministry, which said ...", "the
        report, which found ..."); a singular common noun they do not know ("a country
        which cannot say ...") is a thing."""
        low = head.low
        types = self.cfg.types
        return head.cap or (low,) in types.nouns or (low,) in types.titles or (low,) in types.unnamed \
            or (low,) in types.documents or (low.endswith("s") and not low.endswith(("ss", "us", "is")))

    def with_subject(self, toks: list[Tok], j: int) -> tuple[tuple[int, int], int] | None:
        """The subject of a participle after "with" ("..., with shoppers voicing fears
        that ...", "With officials saying ..."): the people after "with" speak, not the
        subject of the clause the phrase hangs on ("The closure hit the town"). None when
        no "with" phrase comes right before the participle; ((-1, -1), -1) when one does
        but its head is a singular thing that speaks for no one ("replaced it with
        softer language calling for ..."): then nobody in the sentence is the speaker."""
        np = self.np_left(toks, j)
        if np is None or np[0] < 1 or toks[np[0] - 1].low != "with":
            return None
        head = toks[np[1]]
        if np[0] == np[1] and head.low in self.g.pronouns:
            return None
        types = self.cfg.types
        low = head.low
        if not (head.cap or toks[np[0]].text[:1].isdigit() or (low,) in types.nouns or (low,) in types.titles
                or (low,) in types.unnamed or (low.endswith("s") and not low.endswith(("ss", "us", "is")))):
            return (-1, -1), -1
        return np, np[0]

    def extend(self, toks: list[Tok], np: tuple[int, int] | None, force: bool = False) -> tuple[int, int] | None:
        """Extend a noun phrase over post-modifiers to its left when the longer phrase
        starts a clause: "a spokesperson for the chamber", "residents of villages near
        the pass", "people familiar with the matter"."""
        if np is None:
            return None
        best = np
        current = np
        for _ in range(2):
            i = current[0]
            size = 2 if i >= 2 and (toks[i - 2].low, toks[i - 1].low) in self.g.postmodifiers else 1
            if i - size < 1 or (toks[i - 1].low,) not in self.g.postmodifiers and size == 1:
                break
            outer = self.np_left(toks, i - size - 1)
            if outer is None and toks[i - size - 1].low in self.g.determiners and toks[i - size - 1].low not in ("the", "a", "an"):
                outer = (i - size - 1, i - size - 1)  # "Those close to him", "many of them"
            if outer is None or toks[outer[1]].low in self.g.pronouns:
                break
            current = (outer[0], np[1])
            if self.boundary(toks, current[0]):
                best = current
        if force and best == np:
            return None
        return best

    def complete(self, toks: list[Tok], np: tuple[int, int]) -> bool:
        """Whether a noun phrase can be a subject: a real head, and either a determiner
        or a name, or a clause boundary before it ("officials said", but not "help
        assess broader questions")."""
        head = toks[np[1]]
        if head.text.isdigit() or (head.low in self.g.time and not head.cap):
            return False
        first = toks[np[0]]
        if np[0] == np[1] and first.low in self.subject_pronouns:
            return True
        if first.low in self.g.determiners or first.low in self.g.pronouns or any(t.cap for t in toks[np[0]:np[1] + 1]):
            return self.boundary(toks, np[0]) or first.low in self.g.determiners or first.cap
        return self.boundary(toks, np[0])

    # -- right of the verb ---------------------------------------------------------------

    def skip_right(self, toks: list[Tok], k: int) -> int:
        """Skip adverbials after the verb: "on Monday", "last night", "in a statement",
        "to reporters", ", however,", ", most recently in an interview,"."""
        g = self.g
        n = len(toks)
        while k < n:
            t = toks[k]
            low = t.low
            if t.text == ",":
                close = next((x for x in range(k + 1, min(k + 14, n)) if toks[x].text == ","), None)
                if close is not None and close + 1 < n and (toks[close + 1].low == "that" or self.opens_quote(toks[close + 1])) \
                        and not any(self.finite(x) or x.text in _OPENING_MARKS for x in toks[k + 1:close]):
                    k = close + 1
                    continue
                break
            if not t.alnum:
                break
            if (low in g.auxiliaries and low not in g.finite) or (not t.cap and (
                    low in g.time or (len(low) > 4 and low.endswith("ly") and low not in g.not_adverbs))):
                k += 1  # an auxiliary, a time word or an adverb (see adverb)
                continue
            if low in ("last", "this", "next", "late", "early", "on") and k + 1 < n and toks[k + 1].low in g.time:
                k += 2
                continue
            if low in g.adverbial_prepositions:
                if low == "to" and k + 1 < n and toks[k + 1].alnum and not toks[k + 1].cap and \
                        toks[k + 1].low not in g.determiners and toks[k + 1].low not in g.pronouns and \
                        not toks[k + 1].low.endswith("s") and not toks[k + 1].text.isdigit():
                    break  # an infinitive: "vowed to fight"
                m = k + 1
                while m < n and m - k <= 6 and toks[m].alnum:
                    tm = toks[m]
                    if tm.low in g.complementizers or (tm.low in self.cue_words and not tm.cap) or (
                            m > k + 1 and (tm.low in g.determiners or tm.low in g.prepositions or self.finite(tm)
                                           or tm.low in self.subject_pronouns or self.contracted_pronoun(tm))):
                        break
                    m += 1
                if m == k + 1 or (m < n and self.finite(toks[m]) and toks[m - 1].low not in g.pronouns):
                    break  # "before police arrived" is a clause, not an adverbial
                k = m
                continue
            break
        return k

    def complement(self, toks: list[Tok], k: int) -> tuple[str, int | None]:
        """What follows the verb: ('quote', index of the opening mark), ('colon' |
        'clause', index where the content starts), ('comma', index of the comma),
        ('object', index after the object), ('end', None) or ('other', None)."""
        g = self.g
        n = len(toks)
        k = self.skip_right(toks, k)
        if k >= n:
            return "end", None
        t = toks[k]
        if t.text == ":":
            return ("quote", k + 1) if k + 1 < n and self.opens_quote(toks[k + 1]) else ("colon", k + 1)
        if self.opens_quote(t):
            return "quote", k
        if t.text in _OPENING_MARKS and k + 1 < n and toks[k + 1].alnum:
            return self.complement(toks, k + 1)  # a stray, unclosed quotation mark
        if t.text == ",":
            if k + 1 < n and self.opens_quote(toks[k + 1]):
                return "quote", k + 1
            return "comma", k
        if t.text in _PUNCT_END or t.text in _CLOSING_MARKS or t.text in "—–)":
            return "end", None
        if not t.alnum:
            return "other", None
        if self.contracted_pronoun(t):
            return "clause", k
        if t.low in g.complementizers:
            return "clause", k
        if t.low in g.conjunctions or t.low in g.subordinators:
            return "end", None  # '"...," she said as she left', 'said after the meeting broke up'
        if t.low == "to" or t.low in g.content_prepositions:
            return "clause", k
        if self.finite(t) or (not t.cap and t.low.endswith("ing") and len(t.low) > 4):
            return "clause", k
        np = self.np_right(toks, k)
        if np is None:
            return "other", None
        after = self.skip_right(toks, np[1] + 1)
        while after + 1 < n and toks[after].low in ("and", "or") and not toks[after].cap:
            more = self.np_right(toks, after + 1)  # "said Democrats and the media are to blame"
            if more is None:
                break
            np = (np[0], more[1])
            after = self.skip_right(toks, more[1] + 1)
        if after >= n:
            return "object", after
        if self.aux_ahead(toks, after):
            u = toks[after]
            if u.low in g.determiners or u.low in self.subject_pronouns or (u.cap and u.alnum):
                return "clause", after  # "told reporters the border would reopen": after the addressee
            return "clause", k  # "said the politics surrounding the ticket would be ..."
        u = toks[after]
        if u.text == ":" or self.opens_quote(u):
            return "clause", after if u.text == ":" else k
        if u.text == "," and after + 1 < n and self.opens_quote(toks[after + 1]):
            return "clause", after + 1
        if u.text == ",":
            close = next((x for x in range(after + 1, min(after + 12, n)) if toks[x].text == ","), None)
            if close is not None and close + 1 < n and self.appositive(toks[after + 1:close]) and \
                    toks[close + 1].alnum and (toks[close + 1].low in g.object_links or toks[close + 1].low == "that"):
                return "clause", k  # "accused the North's leader, Kim Jong Un, of ..."
        if u.alnum:
            if u.low in g.complementizers:
                return "clause", after
            if self.finite(u, after_np=True) or (np[0] == np[1] and toks[np[0]].low in self.subject_pronouns
                                                  and not u.cap and u.low not in g.prepositions):
                return "clause", k
            if u.low in g.object_links:
                if u.low == "to" and (np[1] - np[0] > 3 or any(is_possessive(x) for x in toks[np[0]:np[1] + 1])):
                    return "other", None
                return "clause", k
            if u.low in ("a", "an"):
                return "clause", k  # naming: "called the plan a disaster"
            return "object", after
        return "object", after

    def aux_ahead(self, toks: list[Tok], k: int, window: int = 10) -> bool:
        """Whether an auxiliary or modal verb comes within ``window`` tokens after ``k``
        before the clause ends, stepping over an apposition between commas: then the
        noun phrase before ``k`` is the subject of a reported clause."""
        g = self.g
        n = len(toks)
        i, seen = k, 0
        while i < n and seen < window:
            t = toks[i]
            if t.text == ",":
                close = next((x for x in range(i + 1, min(i + 12, n)) if toks[x].text == ","), None)
                if close is None or not self.appositive(toks[i + 1:close]):
                    return False
                i = close + 1
                continue
            if not t.alnum or t.low in g.relatives or t.low in g.conjunctions or (t.low in self.cue_words and not t.cap):
                return False
            if t.low in g.auxiliary_verbs:
                return True
            i += 1
            seen += 1
        return False

    # -- one cue ------------------------------------------------------------------------

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds ``offset`` (one look-up over all sentences)."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_for(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``; one that opens in lower case ("said in a
        phone interview.", split off after an abbreviation such as "(D-Md.)") is read
        together with the sentence before it."""
        sentence = self.sentence_at(offset)
        if sentence is None:
            return None
        first = self.text[sentence.start:sentence.start + 1]
        if first.islower() and sentence.index > 0:
            paragraph = self.doc.paragraphs[sentence.paragraph]
            previous = next((s for s in paragraph.sentences if s.index == sentence.index - 1), None)
            if previous is not None:
                return Sentence(-sentence.index - 1, previous.start, sentence.end, sentence.paragraph)
        return sentence

    def attribution_for(self, match: Match) -> Candidate | None:
        sentence = self.sentence_for(match.start)
        if sentence is None:
            return None
        toks, ci, cj = self.cue_tokens(sentence, match)
        if ci >= len(toks) or cj < ci:
            return None
        entry = match.entry
        paragraph = sentence.paragraph
        if entry.kind == "source_marker":
            if entry.category == "preposition":
                return self.according(toks, ci, cj, match, sentence)
            if entry.category == "noun":
                return self.noun(toks, ci, cj, match, sentence)
            return None  # channels ("In a statement, ...") are a fallback, see medium()
        # A capitalised cue inside a sentence is part of a name ("the Drudge Report").
        if toks[ci].cap and ci > 0 and toks[ci - 1].alnum and toks[ci - 1].text not in _OPENING_MARKS \
                and self.doc.paragraphs[paragraph].kind != "heading":
            return None
        return self.verb(toks, ci, cj, match, sentence, paragraph)

    def verb(self, toks: list[Tok], ci: int, cj: int, match: Match, sentence: Sentence, paragraph: int) -> Candidate | None:
        g = self.g
        j, aux_start = self.skip_left(toks, ci - 1)
        cue_start = toks[aux_start].start if aux_start < ci else match.start
        first = toks[ci].low
        # Passive voice ("was told", "is expected"): the subject is not the speaker.
        if max(aux_start, j + 1) < ci and any(toks[x].low in g.passive and not toks[x].cap
                                              for x in range(max(aux_start, j + 1), ci)):
            if not first.endswith("ing"):
                return self.passive_agent(toks, j, aux_start, ci, cj, match, sentence, cue_start)
        # What the verb takes (see complement) is read only where a shape needs it.
        # A participle that continues a clause: '..., saying that ...', 'aside from
        # saying ...', 'Claiming ..., Trump told Fox that ...': the speaker is the
        # subject of the clause it belongs to (filled in by _extract).
        subj = self.subject(toks, j)
        if subj is not None and first.endswith("ing") and aux_start == ci and subj[0][0] == subj[0][1] >= 1 \
                and toks[subj[0][0]].low in g.quantifiers and toks[subj[0][0] - 1].low == "with":
            # "studies had found mixed results, with some showing a fall": the noun after
            # "some" is left out and may name things as well as people; no one is named.
            return None
        if subj is None and first.endswith("ing") and aux_start == ci:
            subj = self.with_subject(toks, j)
            if subj == ((-1, -1), -1):
                return None  # "with softer language calling for ...": not the clause's subject either
        coordinated = j >= 0 and toks[j].low in ("and", "but") and not first.endswith("ing")
        if coordinated and self.tense_clash(toks, j, first):
            return None  # "Farrell urged both sides to talk, but calls for new laws grew louder"
        if (first.endswith("ing") and aux_start == ci and (subj is None or j < 0 or toks[j].text == ","
                                                           or toks[j].low in g.prepositions)) or coordinated:
            kind, at = self.complement(toks, cj + 1)
            if kind == "object":
                kind, at = "clause", self.skip_right(toks, cj + 1)
            if kind in ("quote", "colon", "clause") and at is not None and at < len(toks):
                if kind == "quote":
                    content, quotes = self.quote_content(self.opens_quote(toks[at]))
                else:
                    content, quotes = self.clause_content(toks, at, sentence), ()
                if content[1] > content[0]:
                    here = self.sentence_at(match.start)
                    return Candidate(None, [], (cue_start, match.end), match.entry, content, paragraph, quotes,
                                sentence=here.index if here is not None else -1)
            return None
        # Inverted order after a quotation or clause: '"...," said X' / '..., said X.'
        if subj is None:
            if j >= 0 and (toks[j].text == "," or toks[j].text in _CLOSING_MARKS) and \
                    self.complement(toks, cj + 1)[0] in ("object", "other", "clause"):
                np = self.np_right(toks, cj + 1)
                if np is not None:
                    after = np[1] + 1
                    if after >= len(toks) or toks[after].text in ",.;!?" or toks[after].text in _CLOSING_MARKS \
                            or toks[after].low in g.prepositions:  # '..., wrote X for Morning Consult.'
                        content = self.content_before(toks, j + 1, sentence)
                        if content is not None:
                            return self.raw(toks, np, (cue_start, match.end), match, content, paragraph)
            if j < 0 and toks[ci].cap:
                # 'Said Ellis: "..."'
                np = self.np_right(toks, cj + 1)
                if np is not None and np[1] + 2 < len(toks) and toks[np[1] + 1].text in ":,":
                    k = np[1] + 2
                    quote = self.opens_quote(toks[k])
                    if quote is not None:
                        content, quotes = self.quote_content(quote)
                    else:
                        content, quotes = self.clause_content(toks, k, sentence), ()
                    return self.raw(toks, np, (cue_start, match.end), match, content, paragraph, quotes)
            return None
        source, phrase_start = subj
        if self.noun_use(toks, j, ci, source):
            return None
        # Agreement: a bare verb form ("say", "report") needs an auxiliary, a plural
        # subject or I/we/you/they; after "a report", "the claim" it is a noun.
        if aux_start == ci and not first.endswith(("s", "ed", "ing")) and first not in g.finite and \
                not (ci > 0 and toks[ci - 1].low == "to"):
            subject_toks = toks[source[0]:source[1] + 1]
            for x, t in enumerate(subject_toks[1:], start=1):
                if (t.low,) in g.postmodifiers:
                    subject_toks = subject_toks[:x]  # agreement is with "Data", not "Survey"
                    break
            head = subject_toks[-1].low
            if (subject_toks[0].low in ("a", "an", "this", "that", "another", "each", "every")
                    and not any(t.low == "of" for t in subject_toks)) or (
                    len(subject_toks) == 1 and head in g.pronouns and head not in ("i", "we", "you", "they")) or (
                    not head.endswith("s") and subject_toks[-1].cap and head not in g.pronouns
                    and (head,) not in self.cfg.types.nouns and (head,) not in self.cfg.types.unnamed
                    and subject_toks[0].low not in ("these", "those", "many", "some", "several", "most", "all", "both")):
                return None
        kind, at = self.complement(toks, cj + 1)
        relay = None
        if phrase_start >= 2 and toks[phrase_start - 1].text == ",":
            # 'General Bajwa, IRNA reported, "..."': the content's own subject speaks.
            before = self.np_left(toks, phrase_start - 2)
            if before is not None and before[0] == 0:
                relay = (toks[before[0]].start, toks[before[1]].end)
        if kind in ("quote", "colon", "clause"):
            if kind == "quote":
                quote = self.opens_quote(toks[at])
                content, quotes = self.quote_content(quote)
            else:
                content = self.clause_content(toks, at, sentence)
                quotes = ()
            raw = self.raw(toks, source, (cue_start, match.end), match, content, paragraph, quotes)
            if raw is not None:
                raw.relay = relay or (self.relay_in(toks, at) if at is not None and kind == "clause" else None)
            return raw
        if kind == "object" and not self.quote_before(toks, phrase_start):
            # "The ministry confirmed the deaths", "promised a veto": the object is what
            # is attributed.
            k = self.skip_right(toks, cj + 1)
            if k < len(toks) and toks[k].alnum:
                content = self.clause_content(toks, k, sentence)
                raw = self.raw(toks, source, (cue_start, match.end), match, content, paragraph)
                if raw is not None:
                    raw.weak = True
                return raw
        if kind in ("end", "object", "comma"):
            before = phrase_start - 1
            if kind == "comma" and at is not None and before >= 0 and toks[before].text == ",":
                rest = toks[at + 1:]
                if rest and rest[0].low not in g.conjunctions and not (rest[0].low in self.cue_words and not rest[0].cap):
                    # Parenthetical: 'General Bajwa, IRNA reported, "urged ..."'.
                    quote = self.opens_quote(rest[0])
                    if quote is not None:
                        content, quotes = self.quote_content(quote)
                    else:
                        content, quotes = self.clause_content(toks, at + 1, sentence), ()
                    raw = self.raw(toks, source, (cue_start, match.end), match, content, paragraph, quotes)
                    if raw is not None:
                        raw.relay = relay
                    return raw
            if kind == "comma" and at is not None and before >= 0 and toks[before].low == "as" and at + 1 < len(toks):
                content = self.clause_content(toks, at + 1, sentence)  # "As X has said, ..."
                return self.raw(toks, source, (cue_start, match.end), match, content, paragraph)
            content = self.content_before(toks, phrase_start, sentence)
            if content is None:
                return None
            return self.raw(toks, source, (cue_start, match.end), match, content, paragraph)
        return None

    def noun(self, toks: list[Tok], ci: int, cj: int, match: Match, sentence: Sentence) -> Candidate | None:
        """"Trump's claim that ...", "a warning from the agency that ...": the owner of
        a noun of saying is the source, the clause or quotation after it the content."""
        g = self.g
        k = cj + 1
        source = None
        i = ci - 1
        while i >= 0 and ci - i <= 2 and toks[i].alnum and not toks[i].cap and toks[i].low not in self.stop \
                and toks[i].low not in g.determiners and not is_possessive(toks[i]) and not self.finite(toks[i], True):
            i -= 1  # adjectives: "Trump's repeated claims"
        if i >= 0 and (is_possessive(toks[i]) or (toks[i].text in "’'" and i > 0 and toks[i - 1].low.endswith("s"))):
            owner_end = i if is_possessive(toks[i]) else i - 1
            np = self.np_left(toks, owner_end)
            if np is not None:
                source = np
        if k < len(toks) and toks[k].text == ",":
            k += 1
        if source is None and k < len(toks) and toks[k].low in ("by", "from"):
            np = self.np_right(toks, k + 1)
            if np is not None:
                source = np
                k = np[1] + 1
        if source is None or k >= len(toks):
            return None
        t = toks[k]
        if t.text == ":":
            k += 1
            if k >= len(toks):
                return None
            t = toks[k]
        quote = self.opens_quote(t)
        if quote is not None:
            content, quotes = self.quote_content(quote)
        elif t.low in g.complementizers or t.low in ("about", "on"):
            content, quotes = self.clause_content(toks, k, sentence), ()
        else:
            return None
        raw = self.raw(toks, source, (match.start, match.end), match, content, sentence.paragraph, quotes)
        if raw is not None and is_possessive(toks[source[1]]):
            raw.src = (raw.src[0], raw.src[1] - 2)  # "Trump's" -> "Trump"
        return raw

    def passive_agent(self, toks: list[Tok], j: int, aux_start: int, ci: int, cj: int, match: Match,
                      sentence: Sentence, cue_start: int) -> Candidate | None:
        """"The issue was first reported by The Washington Post": the agent after 'by'
        is the source, the subject (or the clause before it) the content."""
        k = cj + 1
        if k + 1 >= len(toks) or toks[k].low != "by":
            return None
        np = self.np_right(toks, k + 1)
        if np is None:
            return None
        subject = self.np_left(toks, j) if j >= 0 else None
        if subject is not None:
            content = (toks[subject[0]].start, toks[subject[1]].end)
        else:
            content = self.content_before(toks, aux_start, sentence)
            if content is None:
                return None
        return self.raw(toks, np, (cue_start, match.end), match, content, sentence.paragraph)

    def according(self, toks: list[Tok], ci: int, cj: int, match: Match, sentence: Sentence) -> Candidate | None:
        np = self.np_right(toks, cj + 1, limit=10)
        if np is None:
            return None
        # "according to the harbourmaster's office", "according to a poll by Gallup"
        end = np[1]
        if end + 2 < len(toks) and toks[end + 1].low in ("of", "by", "at", "from", "for") and (
                toks[end + 2].cap or toks[end + 2].low in self.g.determiners):
            more = self.np_right(toks, end + 2)
            if more is not None:
                end = more[1]
        np = (np[0], end)
        if self.only_conjunctions_before(toks, ci):
            k = end + 1
            if k < len(toks) and toks[k].text == ",":
                k += 1
            if k >= len(toks):
                return None
            content = self.clause_content(toks, k, sentence)
        else:
            content = self.content_before(toks, ci, sentence)
        if content is None:
            return None
        return self.raw(toks, np, (match.start, match.end), match, content, sentence.paragraph)

    def medium(self, match: Match, taken: set[int]) -> Candidate | None:
        """'In a statement, the ministry offered its condolences ...': the channel is the cue
        when the clause has no reporting verb of its own."""
        sentence = self.sentence_at(match.start)
        if sentence is None or sentence.index in taken:
            return None
        toks, ci, cj = self.cue_tokens(sentence, match)
        if not self.only_conjunctions_before(toks, ci):
            return None
        k = self.skip_right(toks, cj + 1)
        if k < len(toks) and toks[k].text == ",":
            k += 1
        np = self.np_right(toks, k)
        if np is None or np[1] + 1 >= len(toks):
            return None
        verb = toks[np[1] + 1]
        if not verb.alnum or verb.cap or verb.low in self.stop:
            return None
        content = self.clause_content(toks, np[1] + 1, sentence)
        return self.raw(toks, np, (match.start, match.end), match, content, sentence.paragraph)

    # -- content ------------------------------------------------------------------------

    def clause_content(self, toks: list[Tok], k: int, sentence: Sentence) -> tuple[int, int]:
        if k >= len(toks):
            return self.following(sentence)
        start = toks[k].start
        end = sentence.end
        while end > start and self.text[end - 1] in " \t\r\n.,;:":
            end -= 1
        # A quotation that opens in the clause and runs past the sentence belongs to it
        # (none can when every quotation that opens before the end closes before it).
        before_end = bisect.bisect_left(self.quote_starts, end)
        if before_end and self.quote_reach[before_end - 1] > end:
            for quote in self.doc.quotes_in(start, end):
                if quote.start >= start and quote.end > end:
                    end = self.chain_end(quote)
        return start, end

    def following(self, sentence: Sentence) -> tuple[int, int]:
        """The content after a colon that ends its sentence: the quotation (or the
        sentence) that comes next, in this paragraph or the next one."""
        paragraphs = self.doc.paragraphs
        paragraph = paragraphs[sentence.paragraph]
        nxt = next((s for s in paragraph.sentences if s.index == sentence.index + 1), None)
        if nxt is None and paragraph.index + 1 < len(paragraphs) and paragraphs[paragraph.index + 1].kind == "body":
            nxt = paragraphs[paragraph.index + 1].sentences[0]
        if nxt is None:
            return 0, 0
        quote = self.quote_by_start.get(nxt.start)
        if quote is not None:
            return quote.content_start, self.chain_end(quote)
        return nxt.start, nxt.end

    def content_before(self, toks: list[Tok], k: int, sentence: Sentence) -> tuple[int, int] | None:
        """Content that precedes the speaker: the quotation that ends right before
        token ``k``, or the sentence up to the comma before it."""
        if k <= 0:
            return self.previous_quote(sentence)
        i = k - 1
        while i >= 0 and not toks[i].alnum and toks[i].text not in _CLOSING_MARKS:
            i -= 1
        if i >= 0 and toks[i].text in _CLOSING_MARKS:
            quote = self.quote_by_end.get(toks[i].end)
            if quote is not None:
                return self.chain_start(quote), quote.content_end
        cut = k - 1
        if toks[cut].low == "as" and cut >= 1 and toks[cut - 1].text == ",":
            cut -= 1  # "..., as police have said."
        if toks[cut].text not in (",", "—", "–", ";", ":") and toks[cut].text not in _CLOSING_MARKS:
            return None
        start = sentence.start
        end = toks[cut].start
        while end > start and self.text[end - 1] in " \t\r\n,;:—–":
            end -= 1
        if end - start < 3:
            return None
        return start, end

    def quote_before(self, toks: list[Tok], k: int) -> bool:
        """Whether a quotation ends right before token ``k`` (only punctuation between)."""
        i = k - 1
        while i >= 0 and not toks[i].alnum and toks[i].text not in _CLOSING_MARKS:
            i -= 1
        return i >= 0 and toks[i].text in _CLOSING_MARKS and toks[i].end in self.quote_by_end

    def previous_quote(self, sentence: Sentence) -> tuple[int, int] | None:
        """For a sentence that is only '... X said.' after a quoted sentence."""
        end = sentence.start
        while end > 0 and self.text[end - 1].isspace():  # text[:start].rstrip(), without the copy
            end -= 1
        quote = self.quote_by_end.get(end)
        paragraph = self.doc.paragraphs[sentence.paragraph]
        if quote is not None and quote.start >= paragraph.start:
            return self.chain_start(quote), quote.content_end
        return None

    def quote_content(self, quote: Quote | None) -> tuple[tuple[int, int], tuple[Quote, ...]]:
        if quote is None:
            return (0, 0), ()
        return (quote.content_start, self.chain_end(quote)), (quote,)

    def chain_end(self, quote: Quote) -> int:
        """Where a quotation ends, following it into later paragraphs when it runs on."""
        end = quote.content_end
        while quote.continued:
            paragraph = self.doc.paragraph_at(quote.start)
            if paragraph is None or paragraph.index + 1 >= len(self.doc.paragraphs):
                break
            nxt = self.quote_by_start.get(self.doc.paragraphs[paragraph.index + 1].start)
            if nxt is None:
                break
            quote, end = nxt, nxt.content_end
        return end

    def chain_start(self, quote: Quote) -> int:
        """Where a quotation starts, following it back into earlier paragraphs."""
        start = quote.content_start
        paragraph = self.doc.paragraph_at(quote.start)
        while paragraph is not None and quote.start == paragraph.start and paragraph.index > 0:
            previous = self.doc.paragraphs[paragraph.index - 1]
            earlier = [q for q in self.doc.quotes_in(previous.start, previous.end) if q.continued]
            if not earlier:
                break
            quote = earlier[-1]
            start = quote.content_start
            paragraph = previous
        return start

    def relay_in(self, toks: list[Tok], k: int) -> tuple[int, int] | None:
        """A named speaker at the head of reported content whose own verb is a
        reporting verb: "IRNA reported that General Bajwa urged ..."."""
        if toks[k].low == "that":
            k += 1
        np = self.np_right(toks, k)
        if np is None:
            return None
        nxt = self.skip_right(toks, np[1] + 1)
        if nxt < len(toks) and (toks[nxt].low in self.cue_words or self.opens_quote(toks[nxt])):
            return toks[np[0]].start, toks[np[1]].end
        return None

    def raw(self, toks: list[Tok], source: tuple[int, int], cue: tuple[int, int], match: Match,
            content: tuple[int, int], paragraph: int, quotes: tuple[Quote, ...] = ()) -> Candidate | None:
        a, b = source
        if a > b or (a == b and self.verb_form(toks[a])):
            return None
        src = (toks[a].start, toks[b].end)
        # A trailing possessive belongs to the name: "Iran's" -> the source is "Iran".
        if content[1] <= content[0]:
            return None
        if src[0] < cue[1] and cue[0] < src[1]:
            return None
        sentence = self.sentence_at(cue[0])
        return Candidate(src, toks[a:b + 1], cue, match.entry, content, paragraph, quotes,
                    sentence=sentence.index if sentence is not None else -1)


def extract(document: Document, config: "AttributionConfig", actors: ActorIndex) -> list[Candidate]:
    ex = Extractor(document, config, actors)
    paragraphs = [p for p in document.paragraphs if p.kind != "boilerplate"]
    found = config.matcher.find(document, paragraphs)
    # Nouns of saying ("claims", "hopes") compete with the verbs they spell: both are
    # tried at the same place, the noun first (it needs an owner, so it rarely fires).
    nouns: dict[tuple[int, int], Match] = {}
    others = []
    for m in found:  # one pass: the nouns (the last per span) and the others
        entry = m.entry
        if entry.category == "noun" and entry.kind == "source_marker":
            nouns[(m.start, m.end)] = m
        else:
            others.append(m)
    matches = _without_overlaps(others)
    if nouns:
        taken_spans = {(m.start, m.end) for m in matches}
        matches = matches + [m for span, m in nouns.items() if span not in taken_spans]
    matches = sorted(matches, key=lambda m: (m.start, m.end))
    raws: list[Candidate] = []
    media: list[Match] = []
    for match in matches:
        if document.quote_at(match.start, match.end):
            continue  # the quoted speaker's own report
        if match.entry.kind == "source_marker" and match.entry.category == "medium":
            media.append(match)
            continue
        noun = nouns.get((match.start, match.end))
        raw = ex.attribution_for(noun) if noun is not None and noun is not match else None
        if raw is None:
            raw = ex.attribution_for(match)
        if raw is not None:
            raws.append(raw)
    if media:
        taken = {r.sentence for r in raws}
        for match in media:
            raw = ex.medium(match, taken)
            if raw is not None:
                raws.append(raw)
    raws.extend(_speaker_labels(document, ex, {r.sentence for r in raws}))
    raws.sort(key=lambda r: r.cue)
    raws = _fill_participles(document, ex, raws)
    raws = _drop_restated(document, raws)
    _extend_quotes(document, ex, raws)
    return raws


def _without_overlaps(matches: list[Match]) -> list[Match]:
    """:func:`~framing.matcher.resolve_overlaps` of ``matches`` (in the matcher's order:
    by start, longest first). Cues seldom overlap: when each starts at or after the end
    of the one before, none does, the order is already by start and end, and every
    match is kept as it is."""
    end = -1
    for match in matches:
        if match.start < end:
            return resolve_overlaps(matches)
        end = match.end
    return matches


_LABEL_RE = re.compile(r"((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*)[ \t]*:[ \t]+(?=\S)")


def _speaker_labels(document: Document, ex: Extractor, taken: set[int]) -> list[Candidate]:
    """Transcript and headline labels: "WALLACE: Let's start ...", "Pat Caddell:
    Democrat voters worried ...". The name before the colon is the source when it names
    a person or organisation the article mentions (an all-capitals label counts when
    it spells such a person's surname); the colon is the cue."""
    raws = []
    surnames: set[str] | None = None  # the persons' surnames in capitals, once a label needs them
    for sentence in _colon_sentences(ex):
        if sentence.index in taken:
            continue
        paragraph = document.paragraphs[sentence.paragraph]
        if paragraph.kind == "boilerplate":
            continue
        match = _LABEL_RE.match(ex.text, sentence.start, sentence.end)
        if match is None:
            continue
        start, end = match.span(1)
        label = match.group(1)
        mentions = [m for m in ex.actors.mentions_in(start, end) if ex.actors.actor(m.actor).kind != "country"]
        if not (mentions and mentions[-1].end == end):
            if not label.isupper():
                continue
            if surnames is None:
                surnames = {a.name.split()[-1].upper() for a in ex.actors.actors if a.kind == "person"}
            if label.split()[-1] not in surnames:
                continue
        colon = ex.text.index(":", end)
        content_end = paragraph.end if paragraph.kind == "body" else sentence.end
        toks = ex.tokens(sentence)
        src_toks = [t for t in toks if start <= t.start and t.end <= end]
        raws.append(Candidate((start, end), src_toks, (colon, colon + 1), _LABEL_ENTRY, (match.end(), content_end),
                         sentence.paragraph, (), sentence=sentence.index))
    return raws


_LABEL_COLON_RE = re.compile(r":[ \t]")
"""The colon of a speaker label, with the space after it (see :data:`_LABEL_RE`)."""


def _colon_sentences(ex: Extractor) -> list[Sentence]:
    """The sentences, in order, that hold a colon with a space or tab after it: the
    only ones where :data:`_LABEL_RE` can match (most articles have few or none)."""
    found: list[Sentence] = []
    starts, sentences = ex.sentence_starts, ex.sentences
    last = -1
    for colon in _LABEL_COLON_RE.finditer(ex.text):
        i = bisect.bisect_right(starts, colon.start()) - 1
        if i > last and colon.end() < sentences[i].end:  # the label needs a word after the space
            found.append(sentences[i])
            last = i
    return found


def _fill_participles(document: Document, ex: Extractor, raws: list[Candidate]) -> list[Candidate]:
    """Give a participle cue ("..., saying ...", "Claiming ..., Trump told ...") the
    speaker of the clause it belongs to: the attribution before it in the sentence,
    else the one after it, else the subject that opens the sentence."""
    if all(raw.src is not None for raw in raws):
        return list(raws)  # no participle: nothing to fill
    kept = []
    by_sentence: dict[int, list[Candidate]] = {}
    for raw in raws:
        by_sentence.setdefault(raw.sentence, []).append(raw)
    for raw in raws:
        if raw.src is not None:
            kept.append(raw)
            continue
        sentence = ex.sentence_at(raw.cue[0])
        same = [r for r in by_sentence.get(raw.sentence, ()) if r.src is not None]
        before = [r for r in same if r.cue[0] < raw.cue[0]]
        after = [r for r in same if r.cue[0] > raw.cue[0]]
        donor = before[-1] if before else (after[0] if after else None)
        if donor is not None:
            raw.src, raw.src_toks = donor.src, donor.src_toks
            kept.append(raw)
            continue
        if sentence is None:
            continue
        toks = ex.tokens(sentence)
        cue_index = next((i for i, t in enumerate(toks) if t.start >= raw.cue[0]), len(toks))
        if all(not t.alnum or t.low in ex.g.prepositions or t.low in ex.g.conjunctions for t in islice(toks, cue_index)):
            # "After saying ..., she was ...": the subject follows the participle clause.
            comma = next((i for i in range(cue_index, len(toks)) if toks[i].text == ","
                          and not document.quote_at(toks[i].start, toks[i].end)), None)
            np = ex.np_right(toks, comma + 1) if comma is not None else None
            if np is not None:
                raw.src, raw.src_toks = (toks[np[0]].start, toks[np[1]].end), list(toks[np[0]:np[1] + 1])
                kept.append(raw)
            continue
        k = 0
        while k < len(toks) and (not toks[k].alnum or toks[k].low in ex.g.conjunctions):
            k += 1
        comma = next((i for i in range(k, min(k + 7, len(toks))) if toks[i].text == ","), None)
        if comma is not None and comma + 1 < cue_index and not any(ex.finite(t) for t in toks[k:comma]):
            k = comma + 1  # "Meanwhile, it attacked Trump, saying ..."
        np = ex.np_right(toks, k)
        if np is None or toks[np[1]].end > raw.cue[0] or (np[0] == np[1] and toks[np[0]].low == "you"):
            continue  # generic "you" is nobody's voice: "You cannot boast ... while confessing ..."
        nxt = np[1] + 1
        if nxt < len(toks) and toks[nxt].alnum and not toks[nxt].cap and toks[nxt].low not in ex.g.prepositions:
            raw.src, raw.src_toks = (toks[np[0]].start, toks[np[1]].end), list(toks[np[0]:np[1] + 1])
            kept.append(raw)
    return kept


def _drop_restated(document: Document, raws: list[Candidate]) -> list[Candidate]:
    """"X said she hoped ...": an attribution whose speaker is a pronoun at the very
    start of another attribution's content restates that speaker; keep the outer one."""
    pronouns = {"he", "she", "they", "it", "we", "i"}
    text = document.text
    by_paragraph: dict[int, list[Candidate]] = {}
    for raw in raws:
        by_paragraph.setdefault(raw.paragraph, []).append(raw)
    indexes: dict[int, _Contents] = {}

    def contents(paragraph: int) -> _Contents:
        if paragraph not in indexes:
            indexes[paragraph] = _Contents(by_paragraph[paragraph])
        return indexes[paragraph]

    kept = []
    for raw in raws:
        restated = False
        if text[raw.src[0]:raw.src[1]].lower() in pronouns:
            index = contents(raw.paragraph)
            restated = any(r is not raw and raw.src[0] < r.content[1]
                           for lo, hi in _lead_starts(text, raw.src[0]) for r in index.starting_in(lo, hi))
        if not restated and raw.weak:
            # A verb with only an object, inside what another source says ("X claimed
            # that the union had rejected every offer"), is part of that report.
            restated = contents(raw.paragraph).holds(raw.cue[0], raw)
        if not restated:
            kept.append(raw)
    return kept


_LEAD_MARKS = " \t\n\"“'‘"
"""What may come between the start of a content span and a speaker who restates the
span's own speaker, besides "that"."""


def _marks_before(text: str, offset: int) -> int:
    """Where the run of :data:`_LEAD_MARKS` that ends at ``offset`` starts."""
    while offset > 0 and text[offset - 1] in _LEAD_MARKS:
        offset -= 1
    return offset


def _lead_starts(text: str, offset: int) -> list[tuple[int, int]]:
    """The ranges (inclusive) where a content span can start for the text between it
    and ``offset`` to be only white space and opening quotation marks, with at most the
    word "that" among them ("... said that he ...", '... said: "We ...')."""
    run = _marks_before(text, offset)
    ranges = [(run, offset)]
    if run >= 4 and text[run - 4:run].lower() == "that":
        ranges.append((_marks_before(text, run - 4), run - 4))
    return ranges


class _Contents:
    """The content spans of one paragraph's candidates, sorted by start, for the two
    look-ups of :func:`_drop_restated`: the candidates whose content starts within a
    range, and whether another candidate's content holds an offset."""

    def __init__(self, raws: Sequence[Candidate]) -> None:
        self.raws = sorted(raws, key=lambda r: r.content[0])
        self.starts = [r.content[0] for r in self.raws]
        # Per prefix of self.raws: the two candidates whose content runs furthest.
        self.furthest: list[tuple[Candidate, Candidate | None]] = []
        best: Candidate | None = None
        second: Candidate | None = None
        for raw in self.raws:
            if best is None or raw.content[1] > best.content[1]:
                best, second = raw, best
            elif second is None or raw.content[1] > second.content[1]:
                second = raw
            self.furthest.append((best, second))

    def starting_in(self, lo: int, hi: int) -> list[Candidate]:
        """The candidates whose content starts at ``lo`` .. ``hi`` (inclusive)."""
        return self.raws[bisect.bisect_left(self.starts, lo):bisect.bisect_right(self.starts, hi)]

    def holds(self, offset: int, other_than: Candidate) -> bool:
        """Whether a candidate other than ``other_than`` has content that holds ``offset``."""
        i = bisect.bisect_right(self.starts, offset)
        if i == 0:
            return False
        best, second = self.furthest[i - 1]
        found = second if best is other_than else best
        return found is not None and offset < found.content[1]


def _extend_quotes(document: Document, ex: Extractor, raws: list[Candidate]) -> None:
    """'"A," X said. "B."': the quotation right after the cue's sentence, with no other
    cue before it, is the same speaker's; the content runs on to its end."""
    cues = sorted(r.cue[0] for r in raws)
    for raw in raws:
        start, end = raw.content
        quote = ex.quote_by_end.get(end + 1) if document.quote_at(start, end) else None
        if quote is None or raw.cue[0] < quote.end:
            continue
        sentence = ex.sentence_at(raw.cue[0])
        if sentence is None:
            continue
        paragraph = document.paragraphs[sentence.paragraph]
        nxt = ex.first_quote_from(sentence.end, paragraph.end)
        if nxt is None:
            continue
        if ex.text[sentence.end:nxt.start].strip():
            continue
        later = bisect.bisect_right(cues, raw.cue[0])
        if later < len(cues) and cues[later] < ex.chain_end(nxt):
            continue
        raw.content = (start, ex.chain_end(nxt))
