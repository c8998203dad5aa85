"""Matchers that share one scan (framing.matcher.share_scans) find exactly what each
finds alone, over the shipped lexicons, and keep nothing past their document."""

from __future__ import annotations

import functools
import gc

import pytest

from framing.document import parse
from framing.matcher import Matcher, share_scans
from tests.test_matcher import make_entry



@functools.cache
def _shipped_matchers(shared: bool) -> list[Matcher]:
    """Fresh matchers over the shipped lexicons (built once per module: compiling them
    takes a few seconds), sharing their scans or not."""
    from framing.attribution import AttributionConfig
    from framing.generalisation import GeneralisationConfig
    from framing.loaded import LoadedConfig

    def fresh(matcher: Matcher) -> Matcher:
        return Matcher(matcher.entries)  # not shared with anything yet

    matchers = [fresh(LoadedConfig.default().matcher), fresh(GeneralisationConfig.default().cue_matcher),
                fresh(AttributionConfig.default().matcher)]
    if shared:
        share_scans(matchers)
    return matchers


SHARED_TEXT = """Officials claimed the regime's thugs were in the pipeline, experts say.

It is no secret that the minister's "reforms" slammed the poor, according to the union. It’s clear.

İstanbul: critics insisted it has long been known that the flood of migrants was a disgrace."""


@pytest.mark.parametrize("text", [SHARED_TEXT, SHARED_TEXT.replace("İ", "I"), "", "No entries here at all."])
def test_shared_scans_find_what_each_matcher_finds_alone(text):
    alone, shared = _shipped_matchers(False), _shipped_matchers(True)
    assert all(m._shared is shared[0]._shared is not None for m in shared)
    document = parse(text)
    for own, other in zip(alone, shared):
        expected = [(m.entry.id, m.start, m.end) for m in own.find(document)]
        assert [(m.entry.id, m.start, m.end) for m in other.find(document)] == expected
        # a window of the text (as the support search reads) is scanned on its own span
        for paragraph in document.paragraphs[:1]:
            assert other.find(document, [paragraph]) == own.find(document, [paragraph])
    if text == SHARED_TEXT.replace("İ", "I"):
        assert len({id(m.entry) for m in shared[0].find(document)}) > 3  # the text does exercise them


def test_shared_scans_are_refused_when_one_word_could_end_inside_another():
    short, longer = Matcher([make_entry('terms = ["minister"]')]), Matcher([make_entry('terms = ["minister\'s"]')])
    share_scans([short, longer])
    assert short._shared is None and longer._shared is None
    document = parse("The minister's plan.")
    assert [(m.start, m.end) for m in short.find(document)] == [(4, 12)]


def test_shared_scan_results_go_with_their_document():
    matchers = _shipped_matchers(True)
    shared = matchers[0]._shared
    document = parse(SHARED_TEXT)
    for matcher in matchers:
        matcher.find(document)
    assert id(document) in shared._documents
    del document
    gc.collect()
    assert all(ref() is not None for ref, _ in shared._documents.values())


def test_a_configuration_pickles_while_a_document_is_alive():
    import pickle

    import framing
    from framing.report import AnalysisConfig, analyse

    config = AnalysisConfig.default(model=False)
    text = "Officials claimed the regime's thugs were in the pipeline, experts say."
    expected = analyse(text, config=config).to_json()
    document = framing.parse(text)
    config.loaded.matcher.find(document)  # hits kept for a live document
    again = pickle.loads(pickle.dumps(config))
    assert analyse(text, config=again).to_json() == expected


def test_configurations_taking_turns_keep_their_shared_scans():
    from framing.attribution import AttributionConfig
    from framing.generalisation import GeneralisationConfig
    from framing.loaded import LoadedConfig

    one = Matcher(GeneralisationConfig.default().cue_matcher.entries)
    other = Matcher(AttributionConfig.default().matcher.entries)
    first = Matcher(LoadedConfig.default().matcher.entries)
    second = Matcher(LoadedConfig.default().matcher.entries)
    share_scans([first, one, other])
    group = first._shared
    share_scans([second, one, other])
    share_scans([first, one, other])
    assert first._shared is group and one._shared is group  # the first group, not a new one


def test_regex_parse_trees_are_not_kept_once_the_scans_are_shared():
    """Lexicon validation and pattern indexing share regex parse trees through a
    cache; once a configuration's scans are shared nothing reads them, and the cache
    is emptied (kept, the shipped lexicons' trees are 100,000 objects for every full
    garbage collection to walk)."""
    from framing.lexicon import parse_regex, validate_regex

    validate_regex(r"flood(?:ed|s)? of")
    assert parse_regex.cache_info().currsize >= 1
    share_scans([Matcher([make_entry('terms = ["alpha"]')]), Matcher([make_entry('terms = ["beta"]', ident="test.b")])])
    assert parse_regex.cache_info().currsize == 0
