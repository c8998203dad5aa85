"""Hypothesis properties: no crash on any text, offsets round-trip, paragraphs tile the
document, sentences and quotations stay inside their paragraphs, output is stable."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framing.document import _POST_SIGNATURE_RE, DocumentConfig, Quote, parse
from framing.lexicon import parse_lexicon
from framing.loaded import LoadedConfig, author_words
from framing.report import AnalysisConfig, analyse

# FRAMING_HYPOTHESIS_EXAMPLES raises the number of examples for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("FRAMING_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

LEXICON = """\
[lexicon]
name = "props"
kind = "loaded_language"
description = "Words for property tests."
provenance = "Written for the test-suite."

[[entry]]
id = "props.regime"
terms = ["regime", "brutal regime"]
category = "contentious_label"
severity = "warning"
explanation = "e"
flag = ["The regime."]
pass = ["The tax regime."]
not_preceded_by = "\\\\btax\\\\s+$"

[[entry]]
id = "props.infested"
terms = ["infested with"]
category = "dehumanising_metaphor"
severity = "warning"
explanation = "e"
flag = ["infested with rats"]
pass = ["infested"]

[[entry]]
id = "props.claimed"
terms = ["claimed"]
category = "doubt_verb"
severity = "notice"
explanation = "e"
exceptions = ["claimed responsibility"]
flag = ["He claimed it."]
pass = ["They claimed responsibility."]

[[entry]]
id = "props.brutal"
pattern = "brutal(ly)?"
category = "emotive"
severity = "notice"
explanation = "e"
flag = ["A brutal attack."]
pass = ["Brutalism."]
"""

CONFIG = AnalysisConfig(
    DocumentConfig.default(),
    LoadedConfig(lexicons=(parse_lexicon(LEXICON, "props.toml"),), speech_cues=("said", "called", "according to")),
)

WORDS = [
    "the", "The", "regime", "regime's", "REGIME", "Regime’s", "Infested", "brutal", "Brutally",
    "infested", "with", "claimed", "responsibility", "tax", "said", "called", "Gen.", "Maj.", "Dr.",
    "U.S.", "Jan.", "don't", "Smiths'", "counter-terrorism", "militants", "border", "It", "is", "a",
    "common", "knowledge", "that", "By", "Jane", "Doe,", "Photo:", "Click", "here", "#", "'90s",
    "rock", "'n'",
]
PUNCT = ['"', "“", "”", "‘", "’", "'", ".", ",", "?", "!", "-", "—", "(", ")", ":", ";", "…"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u00a0", "  \n  \n"]

news_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(SEPARATORS)),
    max_size=80,
).map("".join)

news_alphabet_text = st.text(
    alphabet=st.sampled_from(list("abcXY Z.,;:!?-'\"“”‘’\n\r\t#()") + ["\u00a0", "\u2028", "\x0b", "\x0c", "\x85"]),
    max_size=200,
)

any_text = st.one_of(st.text(max_size=300), news_text, news_alphabet_text)


@SETTINGS
@given(st.text())
def test_no_crash_on_any_unicode_text(text):
    report = analyse(text)
    report.to_dict()
    report.to_json()


@SETTINGS
@given(st.one_of(news_text, news_alphabet_text))
def test_no_crash_on_news_like_text(text):
    analyse(text, config=CONFIG).to_json()
    analyse(text).to_json()


@SETTINGS
@given(any_text)
def test_findings_round_trip(text):
    report = analyse(text, config=CONFIG)
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
    for p in report.to_dict()["paragraphs"]:
        for f in p["findings"]:
            assert text[f["start"]:f["end"]] == f["text"]
            assert p["start"] <= f["start"] and f["end"] <= p["end"]


@SETTINGS
@given(any_text)
def test_findings_are_in_their_paragraph_and_in_order(text):
    report = analyse(text, config=CONFIG)
    previous = -1
    for p in report.paragraphs:
        for f in p.findings:
            assert p.start <= f.start and f.end <= p.end
            assert f.start >= previous
            previous = f.start
        if p.kind == "boilerplate":
            assert p.findings == ()


@SETTINGS
@given(any_text)
def test_voice_is_quoted_exactly_inside_quotations(text):
    document = parse(text)
    report = analyse(text, config=CONFIG)
    for f in report.findings:
        assert f.voice in ("author", "quoted")
        if f.category == "scare_quote":
            continue
        inside = any(q.content_start <= f.start and f.end <= q.content_end for q in document.quotes)
        assert (f.voice == "quoted") == inside, (f, document.quotes)


@SETTINGS
@given(any_text)
def test_paragraphs_tile_the_document(text):
    document = parse(text)
    position = 0
    for index, p in enumerate(document.paragraphs):
        assert p.index == index
        assert position <= p.start < p.end <= len(text)
        assert text[position:p.start].strip() == "" and (not text[position:p.start] or text[position:p.start].isspace())
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        assert p.kind in ("body", "heading", "boilerplate")
        position = p.end
    assert text[position:].strip() == ""
    if text.strip():
        assert document.paragraphs


@SETTINGS
@given(any_text)
def test_sentences_lie_inside_their_paragraph_in_order(text):
    document = parse(text)
    index = 0
    for p in document.paragraphs:
        assert p.sentences
        position = p.start
        for s in p.sentences:
            assert s.index == index
            assert s.paragraph == p.index
            assert position <= s.start < s.end <= p.end
            position = s.end
            index += 1
    assert len(document.sentences) == index


@SETTINGS
@given(any_text)
@example("The minister wrote:\n\nso very sad\n— Jane Doe (@janedoe) May 1, 2020\n\n“It runs on.\n\nto here,” he said.")
def test_quotes_lie_within_the_text_and_their_paragraph(text):
    document = parse(text)
    previous_end = 0
    previous: Quote | None = None
    for q in document.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert previous_end <= q.start  # quotations do not overlap
        previous_end = q.end
        paragraph = document.paragraph_at(q.start)
        assert paragraph is not None
        assert q.end <= paragraph.end  # never runs past its own paragraph
        carried = previous is not None and previous.continued and q.start == paragraph.start \
            and previous.end == document.paragraphs[paragraph.index - 1].end
        if text[q.start] in "\"“'‘" and q.content_start == q.start + 1:
            post = False  # opens on its mark
        elif carried:
            post = False
            assert q.content_start == q.start  # carried on, with no mark, from the paragraph before
        else:  # a post embedded as text: a whole line, with a signature line after it
            post = True
            assert q.content_start == q.start and q.content_end == q.end
            assert _POST_SIGNATURE_RE.search(text, q.end) is not None
        if q.continued:
            assert q.end == q.content_end == paragraph.end
            following = document.paragraphs[paragraph.index + 1]
            assert text[following.start] in "\"“" or any(
                later.start == following.start and later.content_start == later.start for later in document.quotes)
        elif not post:
            assert q.content_end == q.end - 1
            assert text[q.end - 1] in "\"”'’"
        assert document.quote_at(q.content_start, q.content_end) == q
        previous = q
    for offset in document.unclosed_quotes:
        assert text[offset] in "\"“"
        assert all(not (q.start <= offset < q.end) for q in document.quotes)


@SETTINGS
@given(any_text)
def test_same_input_same_output(text):
    assert analyse(text, config=CONFIG).to_dict() == analyse(text, config=CONFIG).to_dict()
    assert analyse(text).to_json() == analyse(text).to_json()


@SETTINGS
@given(any_text)
@example("CLEARLY")  # a booster in the author's voice: not a loaded-language finding
def test_scores_are_consistent(text):
    report = analyse(text, config=CONFIG)
    scored = [p for p in report.paragraphs if p.kind != "boilerplate"]
    assert report.summary.author_words == sum(p.author_words for p in scored)
    assert report.summary.findings_author == sum(1 for p in scored for f in p.findings
                                                 if f.voice == "author" and f.kind == "loaded_language")
    assert report.summary.loaded_language >= 0
    document = parse(text)
    for p, paragraph in zip(report.paragraphs, document.paragraphs):
        assert p.author_words >= 0 and p.loaded_language >= 0
        assert (p.readability is not None) == (p.kind == "body")
        if p.kind != "boilerplate":
            # Body paragraphs reuse readability's word count: it must be the real one.
            assert p.author_words == author_words(document, paragraph.start, paragraph.end)


# --- the matcher against a reference implementation of lexicons/README.md -----------------

PLAIN = parse_lexicon(
    """\
[lexicon]
name = "plain"
kind = "loaded_language"
description = "Plain terms with no context rules."
provenance = "Written for the test-suite."

[[entry]]
id = "plain.regime"
terms = ["regime"]
category = "contentious_label"
severity = "warning"
explanation = "e"
flag = ["The regime."]
pass = ["The regimes."]

[[entry]]
id = "plain.infested"
terms = ["infested with", "brutal regime"]
category = "contentious_label"
severity = "warning"
explanation = "e"
flag = ["infested with rats"]
""",
    "plain.toml",
)


def _reference_spans(text: str, document, term: str) -> set[tuple[str, int, int]]:
    """Whole-word occurrences as lexicons/README.md defines them: not preceded or followed
    by a letter or digit, nor joined to one by a hyphen or apostrophe, except a possessive
    's; a space in a term matches any run of white space. Only inside scored paragraphs."""
    import re

    body = r"\s+".join(re.escape(w) for w in term.split())
    pattern = re.compile(
        r"(?<!\w)(?<!\w[-'’])" + body + r"(?=(?:['’][sS])?(?!\w)(?![-'’]\w))",
        re.IGNORECASE,
    )
    spans = set()
    for p in document.paragraphs:
        if p.kind == "boilerplate":
            continue
        for m in pattern.finditer(text, p.start, p.end):
            spans.add((term, m.start(), m.end()))
    return spans


@SETTINGS
@given(news_text)
def test_matcher_agrees_with_the_documented_whole_word_rule(text):
    from framing.matcher import Matcher

    document = parse(text)
    found = {(" ".join(text[m.start:m.end].lower().split()), m.start, m.end)
             for m in Matcher(PLAIN.entries).find(document)}
    expected = set()
    for term in ("regime", "infested with", "brutal regime"):
        expected |= _reference_spans(text, document, term)
    assert found == expected
