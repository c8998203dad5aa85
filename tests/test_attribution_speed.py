"""The fast paths of attribution give the answers of the plain definitions they replace:
word counts over long spans, quoted words, which sources are heard only through
another, and cues that overlap none."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import attribution
from framing.attribution import Attribution, _heard_via, _WordCounts, quoted_words
from framing.document import count_words, parse

# Letters, digits, inner hyphens and apostrophes, dotted abbreviations, quotation marks
# and breaks: everything that decides where a word starts and ends.
PIECES = st.sampled_from(["a", "b", "Z", "é", "7", ".", "-", "'", "’", " ", "  ", "\n", "\n\n", '"', "“", "”",
                          "‘", "U.S.", "a.m.", "don't", "cross-border", ",", "said", "_"])
TEXTS = st.lists(PIECES, min_size=1, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_word_counts_match_count_words_on_any_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    document = parse(text)
    with patch.object(attribution, "_SHORT_SPAN", -1):  # every span takes the long path
        counts = _WordCounts(document)
        assert counts.count(start, end) == count_words(text, start, end)
        assert counts.quoted(start, end) == quoted_words(document, start, end)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data(), st.booleans())
def test_quoted_and_direct_match_the_plain_counts(text: str, data: st.DataObject, long: bool) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    document = parse(text)
    quoted, total = quoted_words(document, start, end), count_words(text, start, end)
    with patch.object(attribution, "_SHORT_SPAN", -1 if long else attribution._SHORT_SPAN):
        assert _WordCounts(document).quoted_and_direct(start, end) == (quoted, total > 0 and 2 * quoted >= total)


@pytest.mark.parametrize("text, start, end, expected", [
    ('He said "we will win the vote" today', 9, 29, (5, True)),    # inside one quotation
    ("He said we will win the vote today", 8, 28, (0, False)),     # no quotation at all
    ('He said "we" will "win" the vote', 8, 32, (2, False)),       # two quotations, a third quoted
])
def test_quoted_and_direct_paths(text: str, start: int, end: int, expected: tuple[int, bool]) -> None:
    assert _WordCounts(parse(text)).quoted_and_direct(start, end) == expected


@pytest.mark.parametrize("text, start", [
    ("U.S. said", 3),        # the span opens on the last full stop of an abbreviation
    ("xab.c. d", 2),         # the cut word reads on as an abbreviation: "b.c."
    ("cross-border talks", 5),
    ("the union’s view", 10),
])
def test_word_counts_where_a_span_cuts_a_word(text: str, start: int) -> None:
    with patch.object(attribution, "_SHORT_SPAN", -1):
        assert _WordCounts(parse(text)).count(start, len(text)) == count_words(text, start, len(text))


def _plain_heard_via(attributions: list[Attribution], per: dict[str, list[int]]) -> dict[str, list[str]]:
    """The definition: for each cue, every attribution of the same or the previous
    paragraph whose content holds it."""
    via: dict[str, list[str]] = {}
    for name, indexes in per.items():
        outer_names: list[str] = []
        for i in indexes:
            a = attributions[i]
            near = [b for b in attributions if b.paragraph in (a.paragraph - 1, a.paragraph)]
            outers = [b.source_name for b in near
                      if b.source_name != name and b.content_start <= a.cue_start and a.cue_end <= b.content_end]
            if not outers:
                outer_names = []
                break
            outer_names.extend(outers)
        if outer_names:
            via[name] = list(dict.fromkeys(outer_names))
    return via


SPANS = st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 60), st.integers(0, 3),
                  st.sampled_from("ABCDE"))


@settings(max_examples=300, deadline=None)
@given(st.lists(SPANS, max_size=30), st.integers(1, 6), st.sampled_from([0, 3, 100]))
def test_heard_via_matches_the_pairwise_definition(rows: list, block: int, pairwise: int) -> None:
    attributions = []
    for cue, content, length, paragraph, name in sorted(rows, key=lambda r: (r[3], r[0])):
        attributions.append(Attribution(
            source=name, source_start=0, source_end=1, source_name=name, source_type="person", named=True,
            cue="said", cue_start=cue, cue_end=cue + 4, cue_neutral=True, content_start=content,
            content_end=content + length, direct=False, paragraph=paragraph))
    per: dict[str, list[int]] = {}
    for i, a in enumerate(attributions):
        per.setdefault(a.source_name, []).append(i)
    # Several blocks, windows across them, and windows read one by one (all, some or none).
    with patch.object(attribution, "_BLOCK", block), patch.object(attribution, "_PAIRWISE", pairwise):
        assert _heard_via(attributions, per) == _plain_heard_via(attributions, per)


def test_mentions_before_walks_mentions_in_backwards() -> None:
    from framing.attribution import AttributionConfig
    from framing.sources import SourceResolver

    text = ("Prime Minister Theresa May met Angela Merkel in Berlin. The European Commission and NATO "
            "spoke later. " * 40)
    config = AttributionConfig.default()
    actors = config.actor_finder.find(parse(text))
    resolver = SourceResolver(text, config, actors)
    assert len(actors.mentions) > 100
    for offset in range(0, len(text) + 1, 37):
        for reach in (0, 50, 4000):
            expected = list(reversed(actors.mentions_in(max(0, offset - reach), offset)))
            assert list(resolver._mentions_before(offset, reach)) == expected


CUE_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6), st.sampled_from(["a", "b", "c"])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(CUE_SPANS)
def test_cues_without_overlaps_match_resolve_overlaps(rows: list) -> None:
    from framing.attribution_finder import _without_overlaps
    from framing.matcher import Match, resolve_overlaps

    config = attribution.AttributionConfig.default()
    entries = dict(zip("abc", config.reporting.entries[:3]))
    matches = [Match(entries[name], start, start + length) for start, length, name in rows]
    matches.sort(key=lambda m: (m.start, -m.end, m.entry.id))  # as Matcher.find gives them
    assert _without_overlaps(list(matches)) == resolve_overlaps(matches)
