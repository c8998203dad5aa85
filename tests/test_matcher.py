"""Applying lexicon entries to text: whole words, phrases, case, context and exceptions.

Every entry here is built from a small TOML string, so these tests do not depend on the
shipped lexicons.
"""

from __future__ import annotations

import json

import pytest

from framing.document import parse
from framing.lexicon import Entry, parse_lexicon
from framing.matcher import Matcher, check_examples, check_lexicon

HEADER = """\
[lexicon]
name = "test"
kind = "loaded_language"
description = "A test lexicon."
provenance = "Written for the test-suite."
"""


def make_entry(body: str, *, category: str = "contentious_label", ident: str = "test.entry") -> Entry:
    """One entry from TOML key lines (``terms = [...]`` etc.)."""
    text = HEADER + f"""
[[entry]]
id = "{ident}"
category = "{category}"
severity = "warning"
explanation = "A test entry."
flag = ["placeholder"]
pass = ["placeholder"]
{body}
"""
    return parse_lexicon(text, "test.toml").entries[0]


def hits(entry: Entry, text: str) -> list[str]:
    document = parse(text)
    return [text[m.start:m.end] for m in Matcher([entry]).find(document, document.paragraphs)]


def spans(entry: Entry, text: str) -> list[tuple[int, int]]:
    document = parse(text)
    return [(m.start, m.end) for m in Matcher([entry]).find(document, document.paragraphs)]


TERROR = make_entry('terms = ["terrorism", "terrorist"]')
REGIME = make_entry('terms = ["regime"]')


# --- whole words --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Terrorism is a crime.", ["Terrorism"]),
        ("The counter-terrorism unit met.", []),
        ("The terrorism-related charges were dropped.", []),
        ("Anti-terrorist laws were passed.", []),
        ("The terrorists attacked.", []),  # only the listed forms match
        ("A terrorist attacked.", ["terrorist"]),
        ("The terrorist's car was found.", ["terrorist"]),  # possessive
        ("The terrorist’s car was found.", ["terrorist"]),  # curly possessive
        ("Terrorism2 is not a word here.", []),
        ("Terrorism_x is not a word here.", []),
        ("(terrorism) and “terrorist” both count.", ["terrorism", "terrorist"]),
    ],
)
def test_whole_word_rules(text, expected):
    assert hits(TERROR, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The regime's army crossed.", [(4, 10)]),
        ("The regime’s army crossed.", [(4, 10)]),
        ("The anti-regime protest.", []),
        ("A regime-change policy.", []),
        ("Many regimes fell.", []),
        ("The regime fell. The REGIME rose.", [(4, 10), (21, 27)]),
    ],
)
def test_possessive_matches_and_hyphen_joins_do_not(text, expected):
    assert spans(REGIME, text) == expected


def test_offsets_are_into_the_original_text():
    text = "  \n\nIntro line here.\n\nThe   regime’s men.\n"
    document = parse(text)
    (match,) = Matcher([REGIME]).find(document)
    assert text[match.start:match.end] == "regime"
    assert match.entry is REGIME


def test_text_whose_lower_case_is_longer_is_scanned_case_blind():
    # "İ" lower-cases to two characters, so the lower-cased copy the scans normally
    # read would not line up with the text: the matcher reads the text itself instead.
    text = "İstanbul: the REGIME fell and the regime’s army left, infested with rats."
    document = parse(text)
    assert document.folded is None and parse("The REGIME fell.").folded is not None
    found = [(text[m.start:m.end], m.entry.id) for m in Matcher([REGIME, INFESTED]).find(document)]
    assert found == [("REGIME", REGIME.id), ("regime", REGIME.id), ("infested with", INFESTED.id)]


# --- multi-word terms -----------------------------------------------------------------

INFESTED = make_entry('terms = ["infested with"]', category="dehumanising_metaphor")


def test_multi_word_term_across_a_line_break():
    text = "Intro.\n\nThe border is infested\nwith militants and smugglers."
    assert hits(INFESTED, text) == ["infested\nwith"]


def test_multi_word_term_across_a_crlf_line_break_and_spaces():
    text = "Intro.\r\n\r\nThe border is infested  \r\n  with militants."
    assert hits(INFESTED, text) == ["infested  \r\n  with"]


def test_multi_word_term_needs_every_word():
    assert hits(INFESTED, "The border is infested by militants.") == []
    assert hits(INFESTED, "The border is infested, with militants.") == []
    assert hits(INFESTED, "The border is infested withdrawn.") == []


def test_multi_word_term_with_a_hyphen_gap():
    entry = make_entry('terms = ["job-killing"]', category="dysphemism")
    assert hits(entry, "A job-killing tax.") == ["job-killing"]
    assert hits(entry, "A job killing tax.") == []


def test_pattern_entries_respect_whole_words():
    entry = make_entry('pattern = "swarm(s|ed)? of"', category="dehumanising_metaphor")
    assert hits(entry, "A swarm of migrants and swarms of people.") == ["swarm of", "swarms of"]
    assert hits(entry, "The reswarm of bees.") == []


@pytest.mark.parametrize("pattern,expected", [
    ("[a-z]+ (mob|gang)", ["angry mob", "angry gang"]),  # no opening to read: tried everywhere
    ("(a)+ngry (mob|gang)", ["angry mob", "angry gang"]),  # a group before any literal
])
def test_pattern_entries_with_groups_of_their_own(pattern, expected):
    text = "An angry mob gathered outside. The angry gang left."
    entry = make_entry(f'pattern = "{pattern}"', category="emotive")
    assert hits(entry, text) == expected
    # Alongside an entry whose opening is read (the scan's own group comes first).
    matcher = Matcher([entry, REGIME])
    document = parse(text + " The regime fell.")
    assert [text_of(document, m) for m in matcher.find(document, document.paragraphs)] == expected + ["regime"]


def text_of(document, match) -> str:
    return document.text[match.start:match.end]


def test_a_user_pattern_with_a_group_of_its_own_in_a_whole_analysis(tmp_path):
    # (In a report the user's entries share their scans with the shipped lexicons'.)
    from framing.report import AnalysisConfig, analyse

    path = tmp_path / "mine.toml"
    path.write_text(HEADER + """
[[entry]]
id = "mine.mob"
pattern = '[a-z]+ (mob|gang)'
category = "emotive"
severity = "notice"
explanation = "A crowd called a mob is condemned before it acts."
flag = ["An angry mob gathered."]
pass = ["The mobile library."]
""", encoding="utf-8")
    config = AnalysisConfig.default().with_lexicons([path])
    report = analyse("An angry mob gathered outside. The angry gang left.", config=config)
    found = [f.text for p in report.paragraphs for f in p.findings if f.rule == "mine.mob"]
    assert found == ["angry mob", "angry gang"]


# --- case ------------------------------------------------------------------------------


def test_terms_are_case_insensitive_by_default():
    assert hits(REGIME, "REGIME, Regime and regime.") == ["REGIME", "Regime", "regime"]


def test_case_sensitive_lower_case_term():
    entry = make_entry('terms = ["reds"]\ncase = "sensitive"', category="pejorative_label")
    assert hits(entry, "The reds met the Reds and REDS.") == ["reds"]


def test_case_sensitive_pattern():
    entry = make_entry('pattern = "Hawks?"\ncase = "sensitive"', category="pejorative_label")
    assert hits(entry, "A Hawk, two Hawks, a hawk and HAWK.") == ["Hawk", "Hawks"]


def test_case_sensitive_capitalised_term():
    entry = make_entry('terms = ["Hawk"]\ncase = "sensitive"', category="pejorative_label")
    assert hits(entry, "A Hawk, a hawk and HAWK.") == ["Hawk"]


# --- context rules ----------------------------------------------------------------------


def test_followed_by():
    entry = make_entry('terms = ["flood"]\nfollowed_by = "\\\\s+of\\\\b"', category="dehumanising_metaphor")
    assert hits(entry, "A flood of migrants arrived.") == ["flood"]
    assert hits(entry, "The flood destroyed homes.") == []


def test_followed_by_stays_in_the_sentence():
    entry = make_entry('terms = ["flood"]\nfollowed_by = "\\\\W+of\\\\b"', category="dehumanising_metaphor")
    assert hits(entry, "They feared a flood. Of course it came.") == []


def test_not_followed_by():
    entry = make_entry('terms = ["attack"]\nnot_followed_by = "\\\\s+(on|against)\\\\s+goal"', category="emotive")
    assert hits(entry, "The attack on goal failed.") == []
    assert hits(entry, "The attack on the town failed.") == ["attack"]


def test_preceded_by():
    entry = make_entry('terms = ["outfit"]\npreceded_by = "\\\\bthe\\\\s+$"', category="pejorative_label")
    assert hits(entry, "The outfit has carried out attacks.") == ["outfit"]
    assert hits(entry, "She wore a new outfit.") == []


def test_preceded_by_stays_in_the_sentence():
    entry = make_entry('terms = ["outfit"]\npreceded_by = "\\\\bthe\\\\W+$"', category="pejorative_label")
    assert hits(entry, "He saw the. Outfit shops were shut.") == []


def test_not_preceded_by():
    entry = make_entry('terms = ["regime"]\nnot_preceded_by = "\\\\b(tax|training|diet)\\\\s+$"')
    assert hits(entry, "The new tax regime starts in April.") == []
    assert hits(entry, "The regime starts in April.") == ["regime"]


# --- exceptions ---------------------------------------------------------------------------

CLAIMED = make_entry('terms = ["claimed"]\nexceptions = ["claimed responsibility", "claimed the title"]',
                     category="doubt_verb")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The group claimed responsibility for the attack.", []),
        ("The group claimed\nresponsibility for the attack.", []),
        ("United claimed the title on Saturday.", []),
        ("The ministry claimed the border was calm.", ["claimed"]),
        ("The BLA claimed responsibility. The minister claimed it was false.", ["claimed"]),
    ],
)
def test_exceptions(text, expected):
    assert hits(CLAIMED, "Intro.\n\n" + text) == expected


SPANNED = make_entry('terms = ["claimed"]\nexceptions = ["group claimed responsibility", "claimed claimed"]',
                     category="doubt_verb")


@pytest.mark.parametrize(
    "text,expected",
    [
        # an occurrence that starts before the match and spans it
        ("The group claimed responsibility for the attack.", []),
        # occurrences after a match in the same sentence leave it alone
        ("They claimed the group claimed responsibility.", ["claimed"]),
        ("They claimed that claimed claimed was a typo.", ["claimed"]),
        # occurrences as a scan from the sentence's start finds them, one after another:
        # the second "claimed claimed" overlaps the first, so it is not one of them
        ("It claimed claimed claimed.", ["claimed"]),
    ],
)
def test_exceptions_read_from_the_sentence_start(text, expected):
    assert hits(SPANNED, text) == expected


def test_exception_in_another_sentence_does_not_hide_a_match():
    text = "The minister claimed victory. Another group claimed responsibility."
    document = parse(text)
    (match,) = Matcher([CLAIMED]).find(document)
    assert match.start == text.index("claimed")


# --- the Matcher as a whole ------------------------------------------------------------------


def test_boilerplate_paragraphs_are_skipped_by_default():
    text = "The regime fell.\n\nClick here to share the regime story."
    document = parse(text)
    assert [p.kind for p in document.paragraphs] == ["body", "boilerplate"]
    assert [(m.start, m.end) for m in Matcher([REGIME]).find(document)] == [(4, 10)]
    assert len(Matcher([REGIME]).find(document, document.paragraphs)) == 2


def test_matches_are_in_text_order_and_each_entry_once():
    a = make_entry('terms = ["brutal", "brutal regime"]', ident="test.a", category="emotive")
    b = make_entry('terms = ["regime"]', ident="test.b")
    text = "A brutal regime and a regime."
    document = parse(text)
    found = [(m.entry.id, text[m.start:m.end]) for m in Matcher([a, b]).find(document)]
    assert found == [
        ("test.a", "brutal regime"),
        ("test.a", "brutal"),
        ("test.b", "regime"),
        ("test.b", "regime"),
    ]


def test_check_examples_reports_failures_with_location():
    text = HEADER + """
[[entry]]
id = "test.bad"
terms = ["brutal"]
category = "emotive"
severity = "notice"
explanation = "e"
flag = ["A cruel attack."]
pass = ["A brutal attack."]
"""
    (entry,) = parse_lexicon(text, "bad.toml").entries
    assert check_examples(entry) == [
        "bad.toml:7: entry 'test.bad': flag example does not flag: 'A cruel attack.'",
        "bad.toml:7: entry 'test.bad': pass example flags: 'A brutal attack.'",
    ]


def test_check_examples_passes_a_good_entry():
    text = HEADER + """
[[entry]]
id = "test.good"
terms = ["brutal"]
category = "emotive"
severity = "notice"
explanation = "e"
flag = ["A brutal attack.", "BRUTAL!"]
pass = ["A brutality report."]
"""
    lex = parse_lexicon(text, "good.toml")
    assert check_examples(lex.entries[0]) == []
    assert check_lexicon(lex) == []


def test_check_lexicon_for_boilerplate():
    text = """\
[lexicon]
name = "furniture"
kind = "boilerplate"
description = "d"
provenance = "p"

[[entry]]
id = "boilerplate.advert"
pattern = "^advertisement$"
category = "boilerplate"
explanation = "An advert marker."
flag = ["ADVERTISEMENT", "Advertisement in the middle of text"]
pass = ["The advertisement campaign cost millions."]
"""
    lex = parse_lexicon(text, "furniture.toml")
    assert check_lexicon(lex) == [
        "furniture.toml:7: entry 'boilerplate.advert': flag example is not boilerplate: "
        "'Advertisement in the middle of text'",
    ]


def test_pattern_with_overlapping_openings_matches_once():
    # "no one" (opening "no") and "nobody" (opening "nob") index the same entry twice.
    lexicon = parse_lexicon('''
[lexicon]
name = "t"
kind = "loaded_language"
description = "d"
provenance = "p"

[[entry]]
id = "t.nobody"
pattern = '(?:no\\s+one|nobody)\\s+believes'
category = "emotive"
severity = "notice"
explanation = "e"
flag = ["Nobody believes the minister."]
pass = ["Someone believes the minister."]
''', "t.toml")
    matches = Matcher(lexicon.entries).find(parse("Nobody believes it. No one believes it."))
    assert [(m.start, m.end) for m in matches] == [(0, 15), (20, 35)]


# --- the scans that find where entries can start --------------------------------------

PHRASES = make_entry('terms = ["in the pipeline", "in the dock", "the usual suspects"]')


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Charges are in the pipeline.", ["in the pipeline"]),
        ("In the dock, he said nothing.", ["In the dock"]),
        ("Intro.\n\nHe was in\nthe  dock again.", ["in\nthe  dock"]),
        ("Round up the usual suspects.", ["the usual suspects"]),
        ("In the end, in the house, the usual answer.", []),  # first words alone
        ("In the pipelines of the port.", []),  # the phrase must end at a word's end
        ("The usual suspects' alibis held.", ["The usual suspects"]),
        ("The usual's suspects.", []),  # a possessive first word opens no phrase
    ],
)
def test_phrases_whose_first_word_starts_nothing_alone(text, expected):
    # "in" and "the" start only multi-word terms here: the first-word scan stops at them
    # only where a phrase goes on, in the scan over the lower-cased text and in the
    # case-blind one (used when lower-casing changes the text's length: "İ").
    assert hits(PHRASES, text) == expected
    assert hits(PHRASES, "İ.\n\n" + text) == expected


def test_a_first_word_that_is_also_a_term_of_its_own_is_still_found():
    entry = make_entry('terms = ["regime", "regime change"]')
    assert hits(entry, "The regime fell; regime change followed.") == ["regime", "regime change", "regime"]


def test_pattern_opening_with_a_small_character_class():
    # "[\x27’]" ends what the start scan can read of the opening ("it"), so the pattern
    # is tried wherever "it" starts a word, and still matches each spelling.
    entry = make_entry("pattern = 'it(?:\\s+is|[\\x27’]s)\\s+obvious'")
    assert hits(entry, "It's obvious. It’s obvious. It is obvious. Its obvious. It was obvious.") == [
        "It's obvious", "It’s obvious", "It is obvious"]


def test_pattern_opening_spelt_with_any_white_space():
    # The start scan reads the opening "according to" however it is spaced; each
    # spelling is normalised (and remembered) before the pattern is tried.
    entry = make_entry("pattern = 'according\\s+to\\s+experts'")
    text = "Intro.\n\nIt works, according\n  to experts. It fails, according\tto experts. According to experts."
    assert hits(entry, text) == ["according\n  to experts", "according\tto experts", "According to experts"]


def test_pattern_openings_read_small_character_sets_as_alternatives():
    """Where a pattern entry can start is read off its regex: a set of up to four
    characters gives one opening per character ("it's", "it’s"), so that the scan
    stops only where one of them is; a larger set or a range ends what is read."""
    from framing.matcher import _literal_prefixes

    assert _literal_prefixes(r"it[\x27’]s\s+no\b") == {"it's no", "it’s no"}
    assert _literal_prefixes(r"it[\x27’]s\s+no\s+secret") == {"it's no secr", "it’s no secr"}
    assert _literal_prefixes(r"(?:has|had)\s+been") == {"has been", "had been"}
    assert _literal_prefixes(r"x[abcde]y") is None  # one character is no usable opening
    assert _literal_prefixes(r"ab[cdefg]h") == {"ab"}
    assert _literal_prefixes(r"ab[a-c]h") == {"ab"}
    assert _literal_prefixes(r"ab[^c]h") == {"ab"}
    assert _literal_prefixes(r"AB[CD]") == {"abc", "abd"}


def test_pattern_openings_are_read_longer_only_while_they_stay_few():
    """Openings are read up to twelve characters for a pattern with few of them at
    eight, as long as there are at most twice as many (or 32); a pattern of many
    alternatives keeps the eight-character ones, which are fewer."""
    from framing.matcher import _literal_prefixes

    assert _literal_prefixes(r"it\s+is\s+no\s+secret") == {"it is no sec"}
    assert _literal_prefixes(r"it\s+is\s+(?:widely|generally)\s+known") == {"it is widely", "it is genera"}
    many = "|".join(f"w{i:02d}abcdefgh" for i in range(70))  # 70 openings at eight
    assert _literal_prefixes(f"(?:{many})x") == {f"w{i:02d}abcde" for i in range(70)}
    # Each character doubles the openings: 64 at eight, 128 at nine, too many beyond.
    fanning = "ab(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l)(?:m|n)(?:o|p)(?:q|r)(?:s|t)(?:u|v)"
    assert _literal_prefixes(fanning) == {p[:9] for p in _all_paths(fanning)}


def _all_paths(pattern: str) -> set[str]:
    """The strings a pattern of literal pairs "(?:x|y)" after "ab" matches."""
    import itertools
    import re

    pairs = re.findall(r"\(\?:(\w)\|(\w)\)", pattern)
    return {"ab" + "".join(choice) for choice in itertools.product(*pairs)}


# A case-blind pattern reads "ı" and "İ" as "i", "ſ" as "s" and the Kelvin sign as "k";
# some letters outside ASCII have case-blind twins that lower-casing keeps apart ("σ"
# and "ς", "µ" and "μ"); and a space, tab or no-break space in a pattern is white space
# like any other. The scans that find where an entry can start must never rule out a
# place where its pattern matches: each case below is what `re` itself finds.
_CASE_BLIND = [
    (r"abſcd", "abscd abſcd ABSCD"),
    (r"abıcd", "abicd abıcd ABICD"),
    (r"ab[ıx]cd", "abicd abıcd"),
    (r"[ıx]abcd", "ıabcd iabcd"),
    (r"ab[İx]cd", "abicd abİcd"),
    (r"ab[kx]cd", "abKcd abkcd"),
    (r"ab[sx]cd", "abſcd ABſCD"),
    (r"abσcd", "abςcd abσcd ABΣCD"),
    (r"ab[σx]cd", "abςcd abσcd"),
    (r"ab[µx]cd", "abμcd abµcd"),
    (r"ab\s+[ ,]cd", "ab  cd ab ,cd"),
    (r"ab[\xa0,]cd", "ab\xa0cd ab,cd"),
    (r"ab\tcd", "ab\tcd"),
    (r"ab  cd", "ab  cd"),
    (r"it[\x27’]s\s+no\s+secret", "It's no secret. İt's no secret. It’ſ no ſecret."),
]


@pytest.mark.parametrize("pattern, text", _CASE_BLIND)
@pytest.mark.parametrize("elsewhere", ["", "İ.\n\n"], ids=["folded", "no folded text"])
def test_patterns_match_wherever_a_case_blind_regex_does(pattern, text, elsewhere):
    import re

    from framing.matcher import _LEFT_BOUNDARY, _RIGHT_BOUNDARY

    text = elsewhere + text
    entry = make_entry(f"pattern = {json.dumps(pattern)}")
    wanted = [m.group() for m in re.finditer(_LEFT_BOUNDARY + "(?:" + pattern + ")" + _RIGHT_BOUNDARY, text,
                                             re.IGNORECASE)]
    assert len(wanted) >= 1 and hits(entry, text) == wanted


@pytest.mark.parametrize("elsewhere", ["", "İstanbul.\n\n"], ids=["folded", "no folded text"])
def test_terms_read_dotless_i_and_long_s_as_a_case_blind_pattern_does(elsewhere):
    """Terms are matched case-blind in the same way, whether or not the text has a
    folded form: "regıme" is "regime", and every word of a phrase is read alike."""
    assert hits(REGIME, elsewhere + "The regıme fell. The REGIME fell.") == ["regıme", "REGIME"]
    phrase = make_entry('terms = ["radical islamist"]')
    assert hits(phrase, elsewhere + "A radıcal islamist. A radical iſlamiſt.") == ["radıcal islamist",
                                                                                    "radical iſlamiſt"]
    turkish = make_entry('terms = ["kadın"]')
    assert hits(turkish, elsewhere + "kadın KADIN kadin") == ["kadın", "KADIN", "kadin"]
    place = make_entry('terms = ["İstanbul"]')  # "İ" lower-cases to two characters
    assert hits(place, "Istanbul and İstanbul.") == ["Istanbul", "İstanbul"]
    assert hits(place, "ISTANBUL and istanbul.") == ["ISTANBUL", "istanbul"]


def test_user_patterns_with_back_references_and_named_groups():
    # Patterns read in full join the pattern-start scan; their own groups must not clash
    # with its group 1 (a back-reference) or with each other (two groups named alike).
    again = make_entry(r"pattern = '([a-z]+) and \1'", category="emotive", ident="test.again")
    sly = make_entry("pattern = '(?P<w>[a-z]+ly) fox'", category="emotive", ident="test.sly")
    mad = make_entry("pattern = '(?P<w>[a-z]+d) dog'", category="emotive", ident="test.mad")
    text = "It went on again and again. A sly fox met a mad dog."
    document = parse(text)
    found = [text_of(document, m) for m in Matcher([again, sly, mad]).find(document, document.paragraphs)]
    assert found == ["again and again", "sly fox", "mad dog"]
