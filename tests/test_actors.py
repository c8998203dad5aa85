"""Tests of the actor scan's internals that the attribution tests reach only by chance."""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.actors import (ActorFinder, Gazetteer, Mention, _Builder, _word_forms,
                            tokenize)
from framing.attribution import AttributionConfig
from framing.document import parse

_PIECES = ["al-", "al", "el-", "bin ", "ibn-", "de", "del", "del-", "van ", "von", "da", "di-", "du", "la", "le-",
           "dela", "ideal-", "Al", "Assad", "Smith", "McDonald", "iPhone", " ", "  ", "\n", "-", "'", "’s", " of ",
           " and the ", " & ", "(", ")", "(BLA)", " (IRNA) ", "x", "e", "a", "U.S.", "é", "É", ",", "."]


_NAMES = AttributionConfig.default().actor_finder._names  # the name runs of the shipped grammar
_NAME_RUN_RE = _NAMES.pattern


def _name_runs(text: str, start: int, end: int):
    return _NAMES.find(text, start, end)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_name_runs_are_the_runs_of_the_name_pattern(pieces: list[str], cut_start: int, cut_end: int) -> None:
    """Scanning from each capital and joining a particle before it by hand finds what
    the run pattern finds from a run's first word, window bounds included."""
    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [(m.start(), m.end(), m.group("acronym")) for m in _NAME_RUN_RE.finditer(text, start, end)]
    found = [(first, m.end(), m.group("acronym")) for first, m in _name_runs(text, start, end)]
    assert found == expected


def test_name_runs_join_a_particle_only_within_the_window() -> None:
    text = "ideal-Smith met al-Assad, then Jan van Dijk"
    runs = [text[first:m.end()] for first, m in _name_runs(text, 0, len(text))]
    assert runs == ["al-Smith", "al-Assad", "Jan van Dijk"]
    runs = [text[first:m.end()] for first, m in _name_runs(text, 4, len(text))]
    assert runs == ["Smith", "al-Assad", "Jan van Dijk"]  # "al-" begins before the window


_WORDS = ["Transport", "Minister", "Colm", "Farrell", "of", "the", "Workers'", "Jean-Pierre", "O’Neill", "U.S.",
          "Dr.", "2024", "x_y", "é", "(", ")", "IRNA", " ", "  ", "\t", "\n", "-", ",", "Mr"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12), st.integers(0, 3))
def test_plain_words_are_one_token_each(parts: list[str], offset: int) -> None:
    """Where a name is plain words between single spaces, tokenize gives one token per
    word, at the word's offsets."""
    text = "said " + " ".join(parts) + " on"
    start, end = 5 + offset, len(text) - 3
    words = text[start:end].split(" ")
    if all(w.isalnum() for w in words):
        offsets = [start + sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
        assert [(t.start, t.end, t.text) for t in tokenize(text, start, end)] == \
            [(o, o + len(w), w) for o, w in zip(offsets, words)]


_TOKEN_PATTERN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,4}\.(?=\s+[A-Z])|\w+(?:[-'’]\w+)*|[^\w\s]")
_TEXT_PIECES = _WORDS + ["\u00a0", "\u2003", "\r\n", "“", "”", "'", "’s", ".", "Gen.", "A.B.", "—", "…", "\u0301"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=20), st.integers(0, 4), st.integers(0, 4))
def test_tokenize_gives_each_token_its_own_offsets(parts: list[str], cut_start: int, cut_end: int) -> None:
    """Offsets summed from the white space and tokens before a token (as tokenize does)
    are where the token pattern finds it, with any white space, window bounds included."""
    text = "".join(parts)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [(m.start(), m.end(), m.group()) for m in _TOKEN_PATTERN.finditer(text[start:end])]
    found = [(t.start - start, t.end - start, t.text) for t in tokenize(text, start, end)]
    assert found == expected


_SPACED_PIECES = ["said", "said,", "Smith.", "Dr.", "Dr", "Gen.", "Osk", "U.S.", "a.m.", "“We", "(BLA)", "it’s",
                  "night-time", "x_y", "_", "2024.", "É.", "Mr.\n", "\n", "\u00a0", "", "e.g.", ".", ",", "’",
                  "Workers’", "today?", "Jan.", "ABC.", "don't\u00a0", "é", "said.”", "J.", "A1.", "Abcde.",
                  "Abcdef.", "Mrs.", "Éa.", "£40", ".556", "_x", "“don’t", "-", "x-", "'s", "said.\n", "well--known", "x-’y"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SPACED_PIECES), max_size=16), st.integers(0, 3), st.integers(0, 3))
def test_tokenize_by_parts_is_the_token_pattern(parts: list[str], cut_start: int, cut_end: int) -> None:
    """Text of words between spaces, as news is, read a space-separated part at a time
    (plain words, words with a closing mark, abbreviations whose look-ahead reads the
    next part, odd parts) gives the tokens the pattern gives over the whole text."""
    text = " ".join(parts)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [(m.start() + start, m.end() + start, m.group(), *_word_forms(m.group()))
                for m in _TOKEN_PATTERN.finditer(text[start:end])]
    assert [tuple(t) for t in tokenize(text, start, end)] == expected


def _finder(gazetteer: Gazetteer) -> ActorFinder:
    config = AttributionConfig.default()
    return ActorFinder(config.grammar, config.types, gazetteer, frozenset(config.genders.given))


def test_country_before_reads_a_lower_case_gazetteer_name_too() -> None:
    """A gazetteer name in lower case ("kurdish", as a text might spell it) makes the scan
    look at every word before the name, as it looks at the last capitalised one
    otherwise; both give the first country followed by lower-case words only."""
    shipped = AttributionConfig.default().gazetteer
    lower = Gazetteer({**shipped.aliases, ("kurdish",): "Kurdistan"}, shipped.longest)
    text = "Iranian and kurdish state newswire IRNA said"
    start = text.index("IRNA")
    assert _finder(shipped)._country_before(text, start) is None  # "and" is lower case, "Iranian" is not last
    assert _finder(lower)._country_before(text, start) == "Kurdistan"
    assert _finder(lower)._country_before("Iranian official newswire IRNA", 26) == "Iran"
    assert _finder(shipped)._country_before("Iranian official newswire IRNA", 26) == "Iran"
    assert _finder(shipped)._country_before("Iranian, official newswire IRNA", 27) is None  # the comma


def test_a_finder_that_has_scanned_pickles_and_scans_alike() -> None:
    """The piece cache stays behind when a finder is pickled (a configuration that has
    analysed a text pickles as before); the copy starts its own."""
    text = "Dr Dev Kapoor, head of the Carrowmore Chamber of Commerce, said Kapoor was right."
    finder = _finder(AttributionConfig.default().gazetteer)
    document = parse(text)
    before = finder.find(document)
    copy = pickle.loads(pickle.dumps(finder))
    assert copy.find(document) == before == finder.find(document)
    assert copy._facts.cache_info().currsize > 0


def test_a_one_word_organisation_takes_the_country_before_it() -> None:
    """A one-word run reads the country before it only when it registers an
    organisation (a known institution word or a name after an outlet word): it still
    gets that country, as a longer run does."""
    finder = _finder(AttributionConfig.default().gazetteer)
    text = "Iranian lawmakers at the Parliament voted. The Pakistani daily Dawn reported it, citing IRNA."
    actors = {a.name: a for a in finder.find(parse(text)).actors}
    assert actors["Parliament"].country == "Iran"
    assert actors["Dawn"].country == "Pakistan" and actors["Dawn"].type == "media"


def test_a_plain_one_word_run_is_the_token_the_name_scan_keeps() -> None:
    """_run builds a plain one-word run's token itself; it is the one _name_tokens gives,
    a sentence start right after the word included."""
    finder = _finder(AttributionConfig.default().gazetteer)
    text = "Ironvale said so.Bajwa agreed"
    for word, starts in (("Ironvale", [0]), ("Bajwa", [0, 17]), ("Bajwa", [0, 20])):
        start = text.index(word)
        token = tokenize(text, start, start + len(word))
        assert finder._name_tokens(text, start, start + len(word), False, starts) == token


def test_the_runs_find_skips_are_the_runs_run_drops() -> None:
    """find skips a one-word run of a function, time or sentence-starter word ("The",
    "Monday") without calling _run: each such word is one _run would drop, registering
    nothing, in a heading or not, even were it a short name seen before."""
    finder = _finder(AttributionConfig.default().gazetteer)
    assert {"The", "It", "Monday", "But"} <= finder._dropped_runs
    for word in finder._dropped_runs:
        text = f"x {word} y"
        first, match = next(_name_runs(text, 0, len(text)))
        assert text[first:match.end()] == word
        for heading in (False, True):
            builder = _Builder()
            builder.short[word] = builder.actor(f"Jo {word}", "person", "person")
            finder._run(text, first, match, [0, 2], heading, builder)
            assert builder.mentions == []


def test_mentions_are_built_as_their_init_would_build_them() -> None:
    """The scan builds each Mention without the frozen dataclass's __init__: the fields
    must come out the same, in declaration order, and the class must have no
    __post_init__ that such building would skip."""
    finder = _finder(AttributionConfig.default().gazetteer)
    mentions = finder.find(parse("Transport Minister Colm Farrell met Irish officials. Farrell said so.")).mentions
    assert mentions and not hasattr(Mention, "__post_init__")
    for mention in mentions:
        assert list(vars(mention)) == [f.name for f in dataclasses.fields(Mention)]
        rebuilt = Mention(**vars(mention))
        assert rebuilt == mention and hash(rebuilt) == hash(mention) and repr(rebuilt) == repr(mention)
        with pytest.raises(dataclasses.FrozenInstanceError):
            mention.start = 0  # type: ignore[misc]


def test_a_known_one_word_run_links_and_takes_its_apposition() -> None:
    """A plain one-word run that is an acronym or short name seen before links to its
    actor, as _piece would link it, and a role in apposition before it ties the person
    to it ("Sara Hale, director of IRNA,")."""
    finder = _finder(AttributionConfig.default().gazetteer)
    text = ("The Islamic Republic News Agency (IRNA) said so. Sara Hale, director of IRNA, said Hale "
            "agreed. IRNA denied it.")
    index = finder.find(parse(text))
    agency = next(a for a in index.actors if a.name == "Islamic Republic News Agency")
    hale = next(a for a in index.actors if a.name == "Sara Hale")
    assert hale.affiliation == agency.key
    linked = [(text[m.start:m.end], index.actor(m.actor).name) for m in index.mentions]
    assert linked.count(("IRNA", agency.name)) == 2 and ("Hale", "Sara Hale") in linked


def _find_calling_run_on_every_run(finder: ActorFinder, text: str) -> tuple[list, list]:
    """What find gives when every run but the dropped function words goes to _run."""
    document = parse(text)
    builder = _Builder()
    for paragraph in document.paragraphs:
        if paragraph.kind == "boilerplate":
            continue
        starts = [s.start for s in paragraph.sentences]
        for first, match in _name_runs(text, paragraph.start, paragraph.end):
            if text[first:match.end()] not in finder._dropped_runs:
                finder._run(text, first, match, starts, paragraph.kind == "heading", builder)
    finder._civilian_sense(document, builder)
    return builder.actors, sorted((m.start, m.end, m.actor) for m in builder.mentions)


@pytest.mark.parametrize("text", [
    "Hello there. Good day.\n\nEveryone agreed with Hale.",
    "Sara Hale of the Harbour Workers Union (HTWU) spoke. Hale left. Everyone saw HTWU go. Union men left.",
    "Minister Hale Speaks\n\nSara Hale said so. Hale Agreed. The daily Zorblatt said. The daily\n\nQuillpost said.",
    "Pakistan said so. Residents of Pakistan agreed. NATO said it. The newswire Quillpost said it. FOO left.",
    "Ministers Meet In Dravonia\n\nDravonia said. Ironvale Police said. Ironvale agreed. Police left.",
    "Sara Hale spoke. Everyone saw Hale go.\n\nMembers of the Harbour Workers Union met. They said the Union would "
    "strike. The KWRA said so. Officials at KWRA agreed.",
])
def test_find_skips_only_runs_that_run_would_find_nothing_in(text: str) -> None:
    """find tests a plain one-word run itself and skips _run when it could find nothing
    in it (no country, known name, acronym or outlet word before it): the actors and
    mentions are those of calling _run on every run."""
    finder = _finder(AttributionConfig.default().gazetteer)
    index = finder.find(parse(text))
    actors, mentions = _find_calling_run_on_every_run(finder, text)
    assert [(a.key, a.name, a.kind, a.type) for a in index.actors] == [
        (r["key"], r["name"], r["kind"], r["type"]) for r in actors]
    assert [(m.start, m.end, m.actor) for m in index.mentions] == mentions


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["daily", "Daily", "paper", "x", ".", ",", " ", "  ", "\n", "“", "é", "news",
                                 "agency", "wire service", "İ"]), max_size=12))
def test_outlet_before_reads_the_word_before_as_its_full_test_does(pieces: list[str]) -> None:
    """_outlet_before's quick answer (a visible ASCII character that ends no outlet word,
    then a space) agrees with its full test at every place."""
    finder = _finder(AttributionConfig.default().gazetteer)
    text = "".join(pieces) + "Beacon"
    for start in range(len(text) + 1):
        words = text[max(0, start - 30):start].lower().rsplit(None, 2)[-2:]
        full = bool(words) and ((words[-1],) in finder.types.outlet_before
                                or tuple(words[-2:]) in finder.types.outlet_before)
        assert finder._outlet_before(text, start) == full


def test_the_grammar_reads_every_section_it_needs_from_its_file(tmp_path) -> None:
    """The speaker's-phrase grammar is data: each of its word lists comes from a section
    of lexicons/attribution-grammar.txt, and a file without one of them is refused with
    a message that names the file and the section."""
    from framing.actors import Grammar
    from framing.lexicon import LexiconError
    from framing.resources import lexicon_dir

    source = lexicon_dir() / "attribution-grammar.txt"
    grammar = Grammar.read(source)
    assert "many" in grammar.quantifiers and "&" in grammar.inner_connectors and "isn't" in grammar.auxiliary_verbs
    assert "questions" not in grammar.plural_quantifiers and "the" in grammar.articles
    assert grammar.role_prepositions == {"at", "for", "from", "with", "in", "of"}
    text = source.read_text(encoding="utf-8")
    assert "\n[quantifier]\n" in text
    broken = tmp_path / "attribution-grammar.txt"
    broken.write_text(text.replace("\n[quantifier]\n", "\n[quantifiers]\n"), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"attribution-grammar\.txt.*missing section \[quantifier\]"):
        Grammar.read(broken)


def test_name_runs_take_their_connectors_and_particles_from_the_grammar() -> None:
    """The name-run scan is built from the grammar's [name_connector], [name_article]
    and [name_particle] sections: another list gives other runs."""
    from framing.actors import NameRuns

    shipped = AttributionConfig.default().grammar
    assert {"of", "&"} <= shipped.name_connectors and shipped.name_articles == {"the"} and "el" in shipped.name_particles
    text = "We met ter-Horst of the Bank, and al-Assad."
    names = NameRuns(connectors={"of"}, articles={"the"}, particles={"ter"})
    assert [text[first:m.end()] for first, m in names.find(text, 0, len(text))] == \
        ["We", "ter-Horst of the Bank", "Assad"]
    assert names.connectors == {"of", "the"}
