"""The document model: paragraphs, their kinds, sentences and quoted regions."""

from __future__ import annotations

import re
from pathlib import Path
from re._parser import parse as _parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.document import (WORD_RE, Document, DocumentConfig, Paragraph, _ascii_or_caseless, _filed, _needed_sets,
                              _needed_strings, _Scan, parse,
                              split_blocks)


def block_texts(document: Document) -> list[str]:
    return [document.text[p.start:p.end] for p in document.paragraphs]


def kinds(document: Document) -> list[str]:
    return [p.kind for p in document.paragraphs]


def sentence_texts(document: Document) -> list[str]:
    return [document.text[s.start:s.end] for s in document.sentences]


def quote_texts(document: Document) -> list[str]:
    return [document.text[q.start:q.end] for q in document.quotes]


# --- paragraphs -------------------------------------------------------------------


def test_blank_lines_separate_paragraphs():
    text = "First paragraph here.\n\nSecond paragraph here.\n\n\n\nThird one.\n"
    doc = parse(text)
    assert block_texts(doc) == ["First paragraph here.", "Second paragraph here.", "Third one."]
    assert [p.index for p in doc.paragraphs] == [0, 1, 2]
    assert [(p.start, p.end) for p in doc.paragraphs] == [(0, 21), (23, 45), (49, 59)]


def test_blank_line_holding_spaces_and_tabs_still_separates():
    text = "One sentence.\n  \t \nAnother sentence."
    assert block_texts(parse(text)) == ["One sentence.", "Another sentence."]


def test_one_paragraph_per_line_without_blank_lines():
    text = "Line one is here.\nLine two is here.\nLine three is here."
    doc = parse(text)
    assert block_texts(doc) == ["Line one is here.", "Line two is here.", "Line three is here."]


def test_hard_wrapped_lines_stay_in_one_paragraph():
    text = (
        "The council met on Tuesday and voted to approve\n"
        "the budget after a long debate about the\n"
        "library service.\n"
        "\n"
        "The next meeting is in March."
    )
    doc = parse(text)
    assert block_texts(doc) == [
        "The council met on Tuesday and voted to approve\nthe budget after a long debate about the\nlibrary service.",
        "The next meeting is in March.",
    ]
    assert kinds(doc) == ["body", "body"]


def test_crlf_line_endings_with_blank_lines():
    text = "Council Budget Passes\r\n\r\nThe council met on Tuesday.\r\nIt voted to approve the plan.\r\n\r\nThe end came."
    doc = parse(text)
    assert block_texts(doc) == [
        "Council Budget Passes",
        "The council met on Tuesday.\r\nIt voted to approve the plan.",
        "The end came.",
    ]
    assert kinds(doc) == ["heading", "body", "body"]
    # No paragraph ends with (or holds only) a carriage return.
    assert all(not b.endswith("\r") for b in block_texts(doc))


def test_crlf_line_endings_without_blank_lines():
    text = "First line here.\r\nSecond line here.\r\n"
    doc = parse(text)
    assert block_texts(doc) == ["First line here.", "Second line here."]
    assert [(p.start, p.end) for p in doc.paragraphs] == [(0, 16), (18, 35)]


def test_leading_and_trailing_white_space_is_not_in_any_paragraph():
    text = "\n\n   Only paragraph.   \n\n"
    doc = parse(text)
    assert block_texts(doc) == ["Only paragraph."]
    assert doc.paragraphs[0].start == 5


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\r\n\r\n", " \t\n "])
def test_blank_text_has_no_paragraphs(text):
    doc = parse(text)
    assert doc.paragraphs == ()
    assert doc.sentences == ()
    assert doc.quotes == ()
    assert split_blocks(text) == []


# --- paragraph kinds --------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Indian Connection",
        "Council Budget Passes After Long Debate",
        "2026 Budget",
    ],
)
def test_short_line_without_closing_punctuation_is_a_heading(heading):
    doc = parse(f"{heading}\n\nThe council met on Tuesday and approved the plan.")
    assert kinds(doc) == ["heading", "body"]


@pytest.mark.parametrize(
    "line",
    [
        "The council met.",  # closing full stop
        "Is this the end?",  # question mark
        "This line has far too many words to be a heading in any newspaper at all",  # > 10 words
        "the lower-case start of a line",  # starts lower case
        '"A quoted line"',  # starts with a quotation mark
    ],
)
def test_lines_that_are_not_headings(line):
    # In the middle of an article (not its opening headline line, not after a heading).
    doc = parse(f"The council met on Tuesday.\n\n{line}\n\nThe council approved the plan.")
    assert kinds(doc)[1] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "Residents call night flights 'unbearable' as Fenmouth Airport seeks longer hours",  # 12 words
        "Could a cup of fermented tea a day protect your memory?",  # a headline may ask
    ],
)
def test_an_opening_headline_may_be_long_or_ask(line):
    doc = parse(f"{line}\n\nThe council met on Tuesday and approved the plan.")
    assert kinds(doc) == ["heading", "body"]


def test_a_subheading_follows_a_heading():
    doc = parse("Port rents hit record\n\nFamilies face a squeeze as costs rise by a fifth in a single year\n\n"
                "Rents rose sharply this year.")
    assert kinds(doc) == ["heading", "heading", "body"]


def test_last_block_is_never_a_short_heading():
    # A short final line without a full stop is a sign-off, not a heading for nothing.
    doc = parse("The council met on Tuesday.\n\nIndian Connection")
    assert kinds(doc) == ["body", "body"]


@pytest.mark.parametrize("heading", ["# Markdown Heading", "## A longer markdown heading that runs on for quite a few words.", "### Ends with a stop."])
def test_markdown_hash_line_is_a_heading(heading):
    doc = parse(f"{heading}\n\nThe council met on Tuesday and approved the plan.")
    assert kinds(doc) == ["heading", "body"]


def test_lone_hash_is_not_a_heading():
    doc = parse("#\n\nThe council met on Tuesday and approved the plan.")
    assert kinds(doc)[0] == "body"


@pytest.mark.parametrize(
    "line",
    [
        "(Note: You can view every article as one long page if you sign up as a Gold Member, or higher).",
        "Subscribe now to keep reading and get unlimited access.",
        "By Jane Doe, Staff Reporter",
        "Photo: Maria Lopez / City Desk",
        "Click here to share this story with your friends.",
        "© 2026 Harbour Press. All rights reserved.",
    ],
)
def test_site_furniture_is_boilerplate(line):
    doc = parse(f"The council met on Tuesday and approved the plan.\n\n{line}\n\nThe vote was close.")
    assert kinds(doc) == ["body", "boilerplate", "body"]


def test_long_body_paragraph_mentioning_subscribe_stays_body():
    sentence = "Residents who subscribe to the council newsletter heard about the plan before the meeting. "
    paragraph = (sentence + "The council said it would publish every document online, answer questions in writing, "
                 "and hold three public meetings before any decision was taken on the new harbour plan. ") * 3
    doc = parse("Harbour Plan\n\n" + paragraph.strip() + "\n\nThe vote is in March.")
    assert kinds(doc) == ["heading", "body", "body"]


def test_a_sentence_about_signing_up_for_a_scheme_is_body():
    doc = parse("The council said residents who sign up for the scheme before March will pay less.\n\nEnd of story.")
    assert kinds(doc) == ["body", "body"]


def test_byline_pattern_needs_a_name():
    doc = parse("By Friday the river had risen above the old flood wall.\n\nEnd of story.")
    assert kinds(doc) == ["body", "body"]


# --- sentences --------------------------------------------------------------------


def test_sentences_split_at_full_stops():
    doc = parse("The council met. It voted to approve the plan! Was it right? Nobody knows.")
    assert sentence_texts(doc) == ["The council met.", "It voted to approve the plan!", "Was it right?", "Nobody knows."]
    assert [s.index for s in doc.sentences] == [0, 1, 2, 3]
    assert {s.paragraph for s in doc.sentences} == {0}


@pytest.mark.parametrize(
    "sentence",
    [
        "Gen. Smith met the delegation on Monday.",
        "Maj. Jones led the patrol along the border.",
        "Lt. Col. Brown said the convoy was safe.",
        "Dr. Amsel ran the study for two years.",
        "The delegation flew to the U.S. on Monday for talks.",
        "The talks began on Jan. 5 in the capital.",
        "He met Lt. Gen. Ahmed and Brig. Gen. Khan at the base.",
    ],
)
def test_abbreviations_never_end_a_sentence(sentence):
    text = f"The meeting was long. {sentence} Nobody spoke after it."
    doc = parse(text)
    assert sentence_texts(doc) == ["The meeting was long.", sentence, "Nobody spoke after it."]


def test_ranks_written_out_stay_in_their_sentence():
    text = (
        "General Bajwa called Chief of Staff of Iran's Armed Forces Major General Mohammad Baqeri "
        "against the backdrop of last Friday's attack, in which six troops, including Major Nadeem "
        "Bhatti, were killed. The talks went on."
    )
    doc = parse(text)
    assert len(doc.sentences) == 2
    first = sentence_texts(doc)[0]
    assert "Major General Mohammad Baqeri against the backdrop" in first
    assert "Major Nadeem Bhatti, were killed." in first


def test_sentences_belong_to_their_paragraph():
    doc = parse("One. Two.\n\nThree. Four. Five.")
    assert [(s.index, s.paragraph) for s in doc.sentences] == [(0, 0), (1, 0), (2, 1), (3, 1), (4, 1)]
    assert [len(p.sentences) for p in doc.paragraphs] == [2, 3]


def test_sentence_never_crosses_a_line_paragraph_break():
    # One paragraph per line: the line break ends the sentence even with no full stop.
    doc = parse("A heading-like line without a stop\nThe body follows here.")
    assert sentence_texts(doc) == ["A heading-like line without a stop", "The body follows here."]


def test_sentence_end_after_an_abbreviation_is_found():
    text = "Both governments buy most of their equipment from the U.S. Neither has asked Washington to mediate."
    assert sentence_texts(parse(text)) == [
        "Both governments buy most of their equipment from the U.S.",
        "Neither has asked Washington to mediate.",
    ]


def test_sample_article_structure(sample_text):
    doc = parse(sample_text)
    assert len(doc.paragraphs) == 17
    assert doc.paragraphs[14].kind == "heading"
    assert doc.text[doc.paragraphs[14].start:doc.paragraphs[14].end] == "Indian Connection"
    assert doc.paragraphs[16].kind == "boilerplate"
    assert kinds(doc).count("body") == 15
    baqeri = [t for t in sentence_texts(doc) if "Baqeri" in t]
    assert len(baqeri) == 1 and baqeri[0].startswith("General Bajwa called") and baqeri[0].endswith("were killed.")
    bhatti = [t for t in sentence_texts(doc) if "Bhatti" in t]
    assert bhatti == baqeri


# --- quotes -----------------------------------------------------------------------


def test_straight_and_curly_double_quotes():
    text = 'He said "hello there" and then “good bye” to them.'
    doc = parse(text)
    assert quote_texts(doc) == ['"hello there"', "“good bye”"]
    first = doc.quotes[0]
    assert (first.start, first.end, first.content_start, first.content_end) == (8, 21, 9, 20)
    assert text[first.content_start:first.content_end] == "hello there"
    assert not any(q.continued for q in doc.quotes)
    assert doc.unclosed_quotes == ()


def test_curly_single_quotes():
    text = "Residents called the plan ‘unbearable’ at the meeting."
    doc = parse(text)
    assert quote_texts(doc) == ["‘unbearable’"]


def test_straight_single_quotes():
    text = "Residents called the plan 'unbearable' at the meeting."
    assert quote_texts(parse(text)) == ["'unbearable'"]


@pytest.mark.parametrize(
    "text",
    [
        "I don't know why they're late.",
        "The Smiths' house is big and the Joneses' car is red.",
        "It’s the council’s plan, and we’ll see.",
        "The workers' union and the bosses' club met.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    doc = parse(text)
    assert doc.quotes == ()
    assert doc.unclosed_quotes == ()


def test_apostrophes_inside_a_single_quotation_do_not_close_it():
    text = "He said ‘We’ll put it in the plan for next year’ and left."
    assert quote_texts(parse(text)) == ["‘We’ll put it in the plan for next year’"]


def test_single_quote_nested_in_a_double_quotation():
    text = "“He told me, ‘We’ll see,’ and walked off,” she said."
    doc = parse(text)
    assert quote_texts(doc) == ["“He told me, ‘We’ll see,’ and walked off,”"]


def test_elision_and_plural_possessive_do_not_make_a_quote():
    doc = parse("In the '90s the Smiths' house was sold to the council.")
    assert doc.quotes == ()


def test_multi_paragraph_quotation_news_style():
    text = (
        "“We will not go back to work until the offer improves,” said the union leader. "
        "“Our members have waited long enough.\n\n"
        "“They deserve a fair deal,” she added.\n\n"
        "The company did not respond."
    )
    doc = parse(text)
    first, second = doc.paragraphs[0], doc.paragraphs[1]
    continued = [q for q in doc.quotes if q.continued]
    assert len(continued) == 1
    q = continued[0]
    assert text[q.start:q.end] == "“Our members have waited long enough."
    assert q.end == first.end and q.content_end == first.end
    assert quote_texts(doc) == [
        "“We will not go back to work until the offer improves,”",
        "“Our members have waited long enough.",
        "“They deserve a fair deal,”",
    ]
    assert all(q.end <= second.end for q in doc.quotes)
    assert doc.unclosed_quotes == ()


def test_multi_paragraph_quotation_with_straight_quotes():
    text = '"The offer is final and fair.\n\n"We will talk on Wednesday," he said.'
    doc = parse(text)
    assert [(text[q.start:q.end], q.continued) for q in doc.quotes] == [
        ('"The offer is final and fair.', True),
        ('"We will talk on Wednesday,"', False),
    ]


def test_unclosed_quotation_does_not_swallow_the_next_paragraphs():
    text = 'He said "this never closes.\n\nThe next paragraph is the author\'s own.\n\nAnd so is this one.'
    doc = parse(text)
    assert doc.quotes == ()
    assert doc.unclosed_quotes == (8,)
    assert text[doc.unclosed_quotes[0]] == '"'
    # No offset in the later paragraphs is inside a quotation.
    later = doc.paragraphs[1]
    assert doc.quote_at(later.start, later.end) is None
    assert doc.quotes_in(0, len(text)) == ()


@pytest.mark.parametrize("opening,closing", [("“", "”"), ('"', '"')])
def test_a_quotation_with_a_blank_line_inside_runs_on_to_its_closing_mark(opening, closing):
    text = (f"As ABC reported:\n\n{opening}Investigators believe he had help.\n\n"
            f"Officials also believe the guns were bought by someone else.{closing} The story is developing.")
    doc = parse(text)
    first, second = doc.quotes
    assert first.continued and first.end == doc.paragraphs[1].end
    assert (second.start, second.content_start) == (doc.paragraphs[2].start, doc.paragraphs[2].start)
    assert text[second.start:second.end].endswith(f"someone else.{closing}")
    assert doc.unclosed_quotes == ()
    officials = text.index("Officials")
    assert doc.quote_at(officials, officials + 9) == second
    story = text.index("The story")
    assert doc.quote_at(story, story + 9) is None


@pytest.mark.parametrize("text,expected", [
    ("'The strikers' leaders are thugs and greedy wreckers,' she said.",
     ["'The strikers' leaders are thugs and greedy wreckers,'"]),
    ("‘The strikers’ leaders are thugs,’ she said.", ["‘The strikers’ leaders are thugs,’"]),
    # Near-misses: another quotation opens first, or none closes later.
    ("The 'rebels' leaders met. 'We will win,' one said.", ["'rebels'", "'We will win,'"]),
    ("She praised the 'workers' union and left.", ["'workers'"]),
])
def test_a_plural_possessive_inside_a_single_quotation_does_not_close_it(text, expected):
    assert quote_texts(parse(text)) == expected


def test_unclosed_quotation_then_a_closed_one_in_the_next_paragraph():
    text = 'He said “this never closes.\n\nThen she said "this one does" and left.'
    doc = parse(text)
    assert quote_texts(doc) == ['"this one does"']
    assert doc.unclosed_quotes == (8,)


def test_an_unclosed_straight_mark_does_not_run_on_to_a_curly_quotation():
    # The straight mark opens a pull quote that is never closed; the author's own words
    # that follow must not be read as quoted up to the curly quotation's end.
    # (A headline first: the article then has blank lines, and the hard-wrapped lines
    # below are one paragraph.)
    text = ('Headline\n\n"If you will permit me, what we need now is more courage!\nThe bishop\'s courageous '
            'letter was read aloud. It called the decision “vile and cruel” in plain words.')
    doc = parse(text)
    assert quote_texts(doc) == ["“vile and cruel”"]
    assert doc.unclosed_quotes == (10,)
    courageous = text.index("courageous letter")
    assert doc.quote_at(courageous, courageous + len("courageous")) is None


def test_a_curly_mark_after_a_straight_one_on_the_same_line_leaves_it_open():
    text = '"PENCE: Well, she thinks this is an episode of “Shark Tank.” But it is not,"'
    doc = parse(text)
    assert quote_texts(doc)[0].startswith('"PENCE: Well')
    assert doc.unclosed_quotes == ()


def test_a_straight_mark_right_after_a_colon_opens_a_quotation():
    text = 'She said:"These thugs will not win." Then she left.'
    doc = parse(text)
    assert quote_texts(doc) == ['"These thugs will not win."']
    assert framing_analyse_voice(text, "thugs") == "quoted"


def framing_analyse_voice(text: str, word: str) -> str:
    from framing import analyse

    (finding,) = [f for p in analyse(text).paragraphs for f in p.findings if f.text.lower() == word]
    return finding.voice


def test_quote_lookup_helpers():
    text = 'One "two three" four "five" six.'
    doc = parse(text)
    assert doc.quote_at(5, 8) == doc.quotes[0]  # "two"
    assert doc.quote_at(0, 3) is None  # "One"
    assert doc.quote_at(5, 20) is None  # spans past the quotation
    assert doc.quotes_in(0, len(text)) == doc.quotes
    assert doc.quotes_in(16, 20) == ()  # "four"
    assert doc.paragraph_at(0) == doc.paragraphs[0]
    assert doc.paragraph_at(len(text)) is None
    assert doc.sentence_at(3) == doc.sentences[0]


def test_sample_article_quotes(sample_text):
    doc = parse(sample_text)
    texts = quote_texts(doc)
    assert '"imperialist"' in texts
    assert any(t.startswith('"urged the exchange') and "terrorist moves" in t for t in texts)
    assert doc.unclosed_quotes == ()


def test_parse_does_not_change_the_text():
    text = "\ufeffA\u00a0line\r\n\r\n  “Quoted”\tthing.  "
    assert parse(text).text is text


def test_an_opening_headline_may_end_on_a_quoted_phrase():
    doc = parse("Engineer tells inquiry warnings were “filed and forgotten”\n\nThe inquiry heard evidence.")
    assert kinds(doc) == ["heading", "body"]


def test_a_quoted_sentence_is_not_a_headline():
    doc = parse("“We will fight this.”\n\nThe inquiry heard evidence.")
    assert kinds(doc)[0] == "body"


_WORD_SPELT_PLAINLY = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aB1_.-'’ é٣²ß\u0301", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_word_expression_finds_what_its_plain_spelling_finds(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert [m.span() for m in WORD_RE.finditer(text, start, end)] == \
        [m.span() for m in _WORD_SPELT_PLAINLY.finditer(text, start, end)]
    plain = _WORD_SPELT_PLAINLY.match(text, start, end)
    match = WORD_RE.match(text, start, end)
    assert (match and match.span()) == (plain and plain.span())


def test_paragraph_words_are_those_of_each_paragraph():
    text = "A headline here\n\nThe U.S. team won't \u201cgive up\u201d, it said.\n\nBy Jane Doe"
    document = parse(text)
    rebuilt = Document(document.text, document.paragraphs, document.quotes, document.unclosed_quotes)
    for paragraph in document.paragraphs:
        expected = tuple(WORD_RE.findall(text, paragraph.start, paragraph.end))
        assert document.paragraph_words(paragraph) == expected
        assert rebuilt.paragraph_words(paragraph) == expected  # computed, not filled in by parse


@pytest.mark.parametrize("expression, flags, needed", [
    (r"\b(sign(ing)?\s+up|unlimited\s+access)\b", 0, {"sign", "unlimited"}),
    (r"all\s+rights\s+reserved|may\s+not\s+be\s+(published|rewritten)", 0, {"reserved", "published", "rewritten"}),
    (r"(email|e-mail)\s+us", 0, {"mail", "-mail"}),  # re's parser takes the common "e" out in front
    (r"\d+\s*(?-i:[A-Z]+)", 0, None),  # nothing literal
    (r"x?y", 0, {"y"}),
    (r"(?-i:Bye)|ſo", re.IGNORECASE, None),  # a group of its own flags; a letter with case-blind look-alikes
    (r"(©|\(c\)|copyright\b)", re.IGNORECASE, {"©", "(c)", "copyright"}),
])
def test_needed_strings_of_an_expression(expression, flags, needed):
    usable = _ascii_or_caseless if flags & re.IGNORECASE else None
    found = _needed_strings(_parse(expression, flags).data, usable)
    assert (set(found) if found else None) == needed


@pytest.mark.parametrize("expression, flags, sets", [
    (r"\b(sign(ing)?\s+up|unlimited\s+access)\b", 0, {("sign", "up"), ("unlimited", "access")}),
    (r"call\s+(us|our\s+team)", 0, {("call", "us"), ("call", "our", "team")}),
    (r"all\s+rights\s+reserved|x?y", 0, {("all", "rights", "reserved"), ("y",)}),
    (r"a|\d+", 0, None),  # a branch that needs nothing: the alternation needs nothing
    (r"\d+\s*(?-i:[A-Z]+)", 0, None),
    (r"(?-i:By)\s+me", re.IGNORECASE, {("me",)}),  # a group with flags of its own is passed over
])
def test_needed_sets_of_an_expression(expression, flags, sets):
    usable = _ascii_or_caseless if flags & re.IGNORECASE else None
    found = _needed_sets(_parse(expression, flags).data, usable)
    assert found == (None if sets is None else {frozenset(s) for s in sets})


def test_needed_sets_stay_few():
    """A part that would make more than 64 sets adds none: the sets are weaker, still true."""
    first = ["call", "email", "text", "message", "contact", "write", "phone", "visit", "tell"]
    second = ["us", "our", "them", "him", "her", "me", "you", "it", "all"]
    expression = "(" + "|".join(first) + r")\s+(" + "|".join(second) + ")"
    assert _needed_sets(_parse(expression, 0).data, None) == {frozenset({word}) for word in first}


def test_needed_sets_are_filed_under_a_needed_string_they_hold():
    sets = {frozenset({"call", "us"}), frozenset({"call", "our", "team"}), frozenset({"call", "our", "team", "x"}),
            frozenset({"newsdesk", "our"}), frozenset({"subscriber", "only"})}
    assert _filed(sets, ("call", "desk", "subscribe")) == (
        (("team", "our"), ("us",)), (("newsdesk", "our"),), (("subscriber", "only"),))
    assert _filed(sets, ("call", "desk")) == ()  # a set that holds no needed string: no sets at all
    assert _filed(set(), ("call", "desk")) == ()  # no sets known (too many to keep): none to test


def test_the_shipped_boilerplate_scan_keeps_its_needed_sets():
    # Without them every block holding a common word ("read", "order", "call") is
    # searched by the whole expression, a fifth more time to parse a news article: a new
    # boilerplate entry must not push the sets over the limit (write it with few phrases).
    _, folded, _ = DocumentConfig.default()._boilerplate_scans
    assert folded is not None and any(folded.together)


def test_a_scan_whose_sets_are_too_many_to_keep_still_finds_its_blocks():
    words = ["call", "email", "text", "message", "contact", "write", "phone", "visit", "tell"]
    expression = "|".join(rf"\b{w}\s+(us|our|them|him|her|me|you|it|all)\b" for w in words)
    scan = _Scan.compile(expression, 0)
    assert scan.together == ()
    assert scan.finds("please email us today", "please email us today")


_BLOCK_PIECES = ["Subscribe now", "subscribe", "All rights reserved", "all rightſ reserved", "ALL RIGHTS RESERVED",
                 "© 2026", "(C) Harbour", "Email us", "EMAIL US", "call our newsdesk", "Photo: A. Lee",
                 "By Jane Doe", "the council", " ", "\u201c", "\u2019", "K", "ı", "İ", "may not be rewritten",
                 "sign up to read", "premium content", "member or higher", "\n", "remember", "call", "us", "to",
                 "log in to keep", "unlimited", "access", "Shop now", "story continues below", "pre-order", "reſerved", "\u212aeep", "\u00e9t\u00e9", "COPYRİGHT"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BLOCK_PIECES), max_size=6))
def test_boilerplate_search_is_that_of_the_expressions_alone(pieces):
    """Looking for the needed strings first never changes whether a block is boilerplate."""
    block = "".join(pieces)
    config = DocumentConfig.default()
    anchored, folded, plain = config._boilerplate_scans
    expected = bool(anchored.pattern.match(block) or folded.pattern.search(block.lower())
                    or plain.pattern.search(block))
    assert config.is_boilerplate(block) == expected


def test_a_scan_without_needed_sets_looks_for_its_needed_strings():
    scan = _Scan(re.compile("call (us|the desk)"), ("call",))  # no ``together``: the needed strings alone
    assert scan.finds("please call us", "please call us")
    assert not scan.finds("please phone us", "please phone us")  # no needed string: not searched
    assert not scan.finds("call them", "call them")  # a needed string, but no match
    assert scan.finds("call the desk", None)  # not looked for: searched at once


def test_look_ups_agree_with_a_plain_reading_at_every_offset():
    text = ("Headline here\n\n\u201cWe will not go,\u201d she said. \u2018Never.\u2019 He left.\n\n"
            "\u201cIt runs on.\n\n\u201cAnd on,\u201d they said. Dr. Who? Yes.\n\n\n  Last one.")
    document = parse(text)
    for offset in range(len(text) + 1):
        paragraph = next((p for p in document.paragraphs if p.start <= offset < p.end), None)
        sentence = next((s for s in paragraph.sentences if s.start <= offset < s.end), None) if paragraph else None
        assert document.sentence_at(offset) == sentence
        for end in range(offset, min(len(text), offset + 30) + 1):
            assert document.quotes_in(offset, end) == tuple(
                q for q in document.quotes if q.content_start < end and q.content_end > offset)


def test_words_of_a_paragraph_from_elsewhere_are_found_afresh():
    text = "First one here.\n\nSecond, with more words."
    document = parse(text)
    second = document.paragraphs[1]
    stranger = Paragraph(0, second.start, second.end, "body", second.sentences)  # index 0, not the document's
    assert document.paragraph_words(stranger) == ("Second", "with", "more", "words")


def test_words_of_a_long_text_are_read_again_not_kept(monkeypatch):
    import framing.document as document_module

    text = "First paragraph, in words.\n\nSecond one here."
    monkeypatch.setattr(document_module, "_KEEP_WORDS_CHARS", len(text) - 1)
    document = parse(text)
    assert "_paragraph_words" not in document.__dict__
    assert [document.paragraph_words(p) for p in document.paragraphs] == [
        ("First", "paragraph", "in", "words"), ("Second", "one", "here")]


def test_the_folded_text_reads_every_letter_as_a_case_blind_expression_does():
    """Document.folded writes each character that a case-blind expression takes for an
    ASCII letter as that letter in lower case (or gives no folded text at all), so
    that scans of it stop wherever a case-blind pattern can match."""
    every_character = "".join(map(chr, range(0x80, 0x110000)))
    for character in re.compile("[a-z]", re.IGNORECASE).findall(every_character):
        folded = parse(f"x{character}x").folded
        if folded is not None:
            letter = folded[1]
            assert letter.isascii() and re.fullmatch(letter, character, re.IGNORECASE), hex(ord(character))
    assert parse("It ıs no ſecret. İt is. Kelvin").folded is None  # "İ" lower-cases to two characters
    text = "It \u0131s no \u017fecret, the \u212aELVIN scale."  # dotless i, long s, Kelvin sign
    assert parse(text).folded == "it is no secret, the kelvin scale." and len(parse(text).folded) == len(text)


def test_the_characters_taken_for_ascii_letters_are_those_the_regex_engine_takes():
    """_folds_plainly lets the needed strings be looked for in a block that is not ASCII
    unless it has a character a case-blind expression takes for an ASCII letter: the
    list of those must be the engine's own."""
    from framing.document import _NOT_ASCII_LETTERS_RE

    every_character = "".join(map(chr, range(0x80, 0x110000)))
    taken = set(re.compile("[a-z]", re.IGNORECASE).findall(every_character))
    assert taken == set(_NOT_ASCII_LETTERS_RE.pattern[1:-1])


@pytest.mark.parametrize("path", sorted((Path(__file__).parents[1] / "corpora" / "articles").glob("*.txt")))
def test_carriage_returns_alone_break_lines_as_line_feeds_do(path):
    # Old Mac files end lines with a lone carriage return: the same length, the same
    # offsets, so the same paragraphs, kinds, sentences and quotations.
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    lf, cr = parse(text), parse(text.replace("\n", "\r"))
    assert [(p.start, p.end, p.kind, [(s.start, s.end) for s in p.sentences]) for p in cr.paragraphs] == \
        [(p.start, p.end, p.kind, [(s.start, s.end) for s in p.sentences]) for p in lf.paragraphs]
    assert cr.quotes == lf.quotes


_POST = "— Donald J. Trump (@realDonaldTrump) December 1, 2017"


@pytest.mark.parametrize("newline", ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r"])
def test_a_post_embedded_as_text_is_its_authors_quotation(newline):
    text = (f"He wrote on Friday:{newline}This Witch Hunt is a total disgrace!{newline}{_POST}{newline}"
            "The senator replied.")
    doc = parse(text)
    (quote,) = doc.quotes
    assert text[quote.start:quote.end] == "This Witch Hunt is a total disgrace!"
    assert quote.content_start == quote.start and not quote.continued


def test_near_misses_of_an_embedded_post():
    # A line with a quotation of its own keeps just that one; no signature, no post.
    text = f'Intro.\n\nTweet words are "brutal" here.\n{_POST}\n\nEnd.'
    assert quote_texts(parse(text)) == ['"brutal"']
    assert parse("This Witch Hunt is a disgrace!\n— Donald J. Trump said so on December 1, 2017").quotes == ()


def test_an_embedded_post_after_a_very_long_line_is_found_in_linear_time():
    text = "word " * 200_000 + "\n" + _POST
    (quote,) = parse(text).quotes
    assert (quote.start, quote.end) == (0, len("word " * 200_000) - 1)


def test_many_curly_marks_inside_an_open_straight_one_are_read_in_linear_time():
    # (Each curly mark once looked back to the straight one for a line break.)
    text = '"' + "a “" * 60_000
    assert parse(text).quotes == ()


def test_many_posts_after_many_quotations_are_read_in_linear_time():
    text = "".join(f'"q{i}" he said\n' for i in range(12_000)) + "".join(f"post {i}\n{_POST}\n" for i in range(12_000))
    assert len(parse(text).quotes) == 24_000


def test_the_renderers_quotation_finder_sees_posts_as_the_analysis_does():
    import framing
    from framing.render import quoted_regions

    text = f"The senator wrote on X:\n\nThe thugs rigged this election!\n{_POST}\n\nHe deleted it later."
    report = framing.analyse(text)
    assert [text[a:b] for a, b in quoted_regions(report)] == ["The thugs rigged this election!"]
