"""Loaded language: voice, the score, scare quotes, allow-lists, user lexicons, overlaps.

A synthetic lexicon keeps these tests independent of the shipped word lists.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from framing.document import parse
from framing.lexicon import LexiconError, parse_lexicon
from framing.loaded import (
    SCARE_QUOTE_RULE,
    LoadedConfig,
    SpeechCues,
    author_words,
    density,
    loaded_findings,
    read_cue_list,
    score_loaded_language,
)
from framing.resources import lexicon_dir

LEXICON = """\
[lexicon]
name = "synthetic"
kind = "loaded_language"
description = "Words for the test-suite."
provenance = "Written for the test-suite."

[[entry]]
id = "syn.regime"
terms = ["regime"]
category = "contentious_label"
severity = "warning"
explanation = "Passes judgement on a government."
suggestion = "government"
flag = ["The regime fell."]
pass = ["The tax regime changed."]
not_preceded_by = "\\\\btax\\\\s+$"

[[entry]]
id = "syn.brutal"
terms = ["brutal"]
category = "emotive"
severity = "notice"
explanation = "Chosen for its emotional charge."
flag = ["A brutal attack."]
pass = ["Brutalism."]

[[entry]]
id = "syn.brutal_regime"
terms = ["brutal regime"]
category = "emotive"
severity = "info"
explanation = "A stock phrase of condemnation."
flag = ["A brutal regime."]

[[entry]]
id = "syn.slammed"
terms = ["slammed"]
category = "emotive"
severity = "info"
score = 0.3
explanation = "Dramatises criticism."
suggestion = "criticised"
flag = ["Critics slammed the plan."]

[[entry]]
id = "syn.terrorist"
terms = ["terrorist"]
category = "contentious_label"
severity = "warning"
explanation = "A contested label."
flag = ["A terrorist group."]

[[entry]]
id = "syn.claimed"
terms = ["claimed"]
category = "doubt_verb"
severity = "notice"
explanation = "Casts doubt on what the source says."
suggestion = "said"
exceptions = ["claimed responsibility"]
flag = ["The ministry claimed the border was calm."]
pass = ["The group claimed responsibility."]
"""

CUES = ("said", "says", "called", "terming", "according to")


@pytest.fixture(scope="module")
def lex():
    return parse_lexicon(LEXICON, "synthetic.toml")


@pytest.fixture(scope="module")
def config(lex) -> LoadedConfig:
    return LoadedConfig(lexicons=(lex,), speech_cues=CUES)


def summary(result) -> list[tuple[str, str, str]]:
    return [(f.text, f.voice, f.rule) for f in result.findings]


# --- voice --------------------------------------------------------------------------------


def test_word_inside_quotes_is_quoted_voice_and_not_counted(config):
    text = 'The regime slammed the plan. "The regime is brutal," he said.'
    result = score_loaded_language(text, config)
    assert summary(result) == [
        ("regime", "author", "syn.regime"),
        ("slammed", "author", "syn.slammed"),
        ("regime", "quoted", "syn.regime"),
        ("brutal", "quoted", "syn.brutal"),
    ]
    # author words: "The regime slammed the plan" (5) + "he said" (2)
    assert result.author_words == 7
    assert result.score == pytest.approx(100 * (0.8 + 0.3) / 7)
    assert [f.text for f in result.author_findings] == ["regime", "slammed"]
    assert [f.text for f in result.quoted_findings] == ["regime", "brutal"]
    assert all(f.counted == (f.voice == "author") for f in result.findings)


def test_quoted_only_text_scores_zero(config):
    result = score_loaded_language('"The regime is brutal," he said.', config)
    assert [f.voice for f in result.findings] == ["quoted", "quoted"]
    assert result.author_words == 2
    assert result.score == 0.0


def test_multi_paragraph_quotation_keeps_quoted_voice(config):
    text = "“The regime must go.\n\n“It is brutal,” she said."
    result = score_loaded_language(text, config)
    assert [(f.text, f.voice) for f in result.findings] == [("regime", "quoted"), ("brutal", "quoted")]
    assert result.score == 0.0


def test_unclosed_quote_does_not_turn_later_author_words_into_quotes(config):
    text = 'He said "the talks failed.\n\nThe regime fell the next day.'
    result = score_loaded_language(text, config)
    assert [(f.text, f.voice) for f in result.findings] == [("regime", "author")]


def test_sample_article_voices(sample_text, config):
    findings = {(f.text, f.voice) for f in score_loaded_language(sample_text, config).findings}
    assert ("terrorist", "quoted") in findings  # "prevent terrorist moves" inside IRNA's quotation
    assert ("claimed", "author") in findings  # "The statement claimed ..."
    # "claimed responsibility of the attack" is an exception, not a doubt verb
    doc_findings = score_loaded_language(sample_text, config).findings
    claimed = [f for f in doc_findings if f.rule == "syn.claimed"]
    assert [sample_text[f.start:f.end + 9] for f in claimed] == ["claimed the army"]


# --- the score ----------------------------------------------------------------------------


def test_score_definition_by_hand(config):
    text = 'Critics slammed the brutal plan and the regime answered. A spokesman said "the regime is fine".'
    result = score_loaded_language(text, config)
    assert [(f.text, f.voice, f.score) for f in result.findings] == [
        ("slammed", "author", 0.3),
        ("brutal", "author", 0.5),
        ("regime", "author", 0.8),
        ("regime", "quoted", 0.8),
    ]
    # words outside the quotation: Critics slammed the brutal plan and the regime answered (9)
    # + A spokesman said (3) = 12
    assert result.author_words == 12
    assert result.score == pytest.approx(100 * (0.3 + 0.5 + 0.8) / 12)
    assert result.score == pytest.approx(13.3333, abs=1e-3)


def test_density_helper():
    assert density([], 0) == 0.0
    assert density([], 10) == 0.0


def test_author_words_excludes_quoted_words():
    text = 'One two "three four five" six.'
    doc = parse(text)
    assert author_words(doc, 0, len(text)) == 3
    assert author_words(doc, 0, 7) == 2


def test_no_words_no_score(config):
    result = score_loaded_language("...", config)
    assert (result.score, result.author_words, result.findings) == (0.0, 0, ())


def test_boilerplate_is_never_scored(config):
    text = "The council met.\n\nClick here to share this brutal regime story."
    result = score_loaded_language(text, config)
    assert result.findings == ()
    assert result.author_words == 3


# --- scare quotes -------------------------------------------------------------------------


def test_short_lower_case_quotation_without_speaker_is_a_scare_quote(config):
    text = 'Critics attacked the "reforms" yesterday.'
    (finding,) = score_loaded_language(text, config).findings
    assert finding.category == "scare_quote"
    assert finding.rule == SCARE_QUOTE_RULE
    assert finding.kind == "loaded_language"
    assert finding.voice == "author"
    assert finding.text == '"reforms"'
    assert (finding.start, finding.end) == (21, 30)
    assert finding.severity == "notice"
    assert finding.score == 0.5
    assert finding.explanation and finding.suggestion


def test_scare_quote_counts_toward_the_score(config):
    result = score_loaded_language('Critics attacked the "reforms" yesterday.', config)
    # author words: Critics attacked the ... yesterday (the quoted word is not the author's)
    assert result.author_words == 4
    assert result.score == pytest.approx(100 * 0.5 / 4)


@pytest.mark.parametrize(
    "text",
    [
        'Critics said the "reforms" were a sham.',
        'He called the plan a "disaster" on Monday.',
        'The group, terming the project an "imperialist" endeavor, struck again.',
        'According to the union, the deal is "unfair" to staff.',
    ],
)
def test_quotation_with_a_speaker_is_not_a_scare_quote(config, text):
    findings = score_loaded_language(text, config).findings
    assert [f for f in findings if f.category == "scare_quote"] == []


@pytest.mark.parametrize(
    "text",
    [
        'Critics attacked the "Reforms" yesterday.',  # capitalised: a title or name
        'Critics attacked the "big new tax reforms" yesterday.',  # more than three words
        'Critics attacked the "reforms." Then they left.',  # a sentence of its own
    ],
)
def test_other_quotations_are_not_scare_quotes(config, text):
    findings = score_loaded_language(text, config).findings
    assert [f for f in findings if f.category == "scare_quote"] == []


def test_sample_article_imperialist_is_not_a_scare_quote(sample_text, config):
    findings = score_loaded_language(sample_text, config).findings
    assert not [f for f in findings if f.category == "scare_quote"]


@pytest.mark.parametrize(
    "text",
    [
        'Glazyev predicted the situation there would "normalise" within weeks.',
        'The minister vowed to end the "madness" by spring.',
        'She criticised the "nationalists" in a long speech.',
        'He is commonly referred to as a "fixer" in the party.',
        'As one aide put it, the plan was "bold" but late.',
        'Few now use the word "aggression" about the border.',
        'Marchers carried banners with the slogan "blood and soil" through the town.',
        'Prosecutors alleged a "pattern" of fraud at the firm.',
    ],
)
def test_shipped_cues_give_a_quotation_its_speaker(text):
    shipped = replace(LoadedConfig.default(), lexicons=())
    findings = score_loaded_language(text, shipped).findings
    assert [f.text for f in findings if f.category == "scare_quote"] == []


@pytest.mark.parametrize(
    "text",
    [
        'Officials defended the "reforms" all week.',
        'The ministry launched its "consultation" on Monday.',
        'In other words, the "pilot" became the whole scheme.',
    ],
)
def test_shipped_cues_leave_quotations_with_no_speaker_as_scare_quotes(text):
    shipped = replace(LoadedConfig.default(), lexicons=())
    findings = score_loaded_language(text, shipped).findings
    assert [f.category for f in findings] == ["scare_quote"]


def test_quotation_cues_do_not_make_a_label_attributed():
    # "announced" gives a quotation a speaker, but the label is the subject here: the
    # writer's own word, at full weight.
    (regime,) = score_loaded_language("The regime in the capital announced new curfews.").findings
    assert regime.category == "contentious_label" and regime.attributed is None


def test_the_two_cue_lists_do_not_overlap():
    shipped = LoadedConfig.default()
    assert shipped.quotation_cues and not set(shipped.quotation_cues) & set(shipped.speech_cues)


def test_shipped_speech_cues_include_the_reporting_verbs():
    cues = read_cue_list(lexicon_dir() / "speech-cues.txt")
    for cue in ("said", "called", "terming", "according to"):
        assert cue in cues
    assert all(c == c.lower() and c.strip() == c and not c.startswith("#") for c in cues)


# --- allow-list and user lexicons -----------------------------------------------------------


def test_allow_list_suppresses_a_word(config):
    text = "The regime slammed the plan."
    assert [f.text for f in score_loaded_language(text, config).findings] == ["regime", "slammed"]
    allowed = config.with_allowed(["Regime"])
    assert allowed.allow == frozenset({"regime"})
    result = score_loaded_language(text, allowed)
    assert [f.text for f in result.findings] == ["slammed"]
    assert result.score == pytest.approx(100 * 0.3 / 5)
    # the original config is untouched
    assert config.allow == frozenset()


def test_allow_list_phrase_and_scare_quote(config):
    allowed = config.with_allowed(["  brutal   regime ", "reforms", ""])
    assert allowed.allow == frozenset({"brutal regime", "reforms"})
    assert score_loaded_language("The brutal regime fell.", allowed).findings == ()
    assert score_loaded_language('Critics attacked the "reforms" yesterday.', allowed).findings == ()


def test_with_lexicons_adds_a_user_lexicon(tmp_path, config):
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON.replace('name = "synthetic"', 'name = "mine"').replace('"syn.', '"mine.')
                    .replace('terms = ["regime"]', 'terms = ["junta"]'), encoding="utf-8")
    base = LoadedConfig(lexicons=(), speech_cues=CUES)
    assert score_loaded_language("The junta fell.", base).findings == ()
    extended = base.with_lexicons([path])
    (finding,) = score_loaded_language("The junta fell.", extended).findings
    assert (finding.text, finding.rule, finding.category) == ("junta", "mine.regime", "contentious_label")
    assert [lex.name for lex in extended.lexicons] == ["mine"]
    assert base.lexicons == ()


def test_with_lexicons_refuses_duplicate_ids(tmp_path, config):
    path = tmp_path / "copy.toml"
    path.write_text(LEXICON.replace('name = "synthetic"', 'name = "copy"'), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        config.with_lexicons([path])
    assert "id already used at synthetic.toml:" in str(info.value)


def test_with_lexicons_broken_file(tmp_path, config):
    path = tmp_path / "broken.toml"
    path.write_text(LEXICON.replace('severity = "warning"', 'severity = "loud"', 1), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        config.with_lexicons([path])
    assert str(info.value).startswith(f"{path}:11: ")


# --- overlaps -----------------------------------------------------------------------------


def test_overlapping_matches_keep_the_longest(config):
    (finding,) = score_loaded_language("The brutal regime fell.", config).findings
    assert (finding.text, finding.rule, finding.score) == ("brutal regime", "syn.brutal_regime", 0.25)


def test_separate_matches_are_all_kept(config):
    findings = score_loaded_language("A brutal attack by the regime.", config).findings
    assert [(f.text, f.rule) for f in findings] == [("brutal", "syn.brutal"), ("regime", "syn.regime")]


def test_loaded_word_inside_a_scare_quote_is_not_reported_twice(config):
    findings = loaded_findings(parse('They praised the "regime" today.'), config)
    assert len(findings) == 1
    assert findings[0].text == "regime"


EXPECTED_FINDING_KEYS = ("kind", "category", "start", "end", "text", "voice", "severity", "score", "rule",
                         "explanation", "suggestion")


def test_findings_carry_their_explanation_and_suggestion(config):
    (finding,) = score_loaded_language("The ministry claimed the border was calm.", config).findings
    data = finding.to_dict()
    assert {k: data[k] for k in data if k in EXPECTED_FINDING_KEYS} == {
        "kind": "loaded_language",
        "category": "doubt_verb",
        "start": 13,
        "end": 20,
        "text": "claimed",
        "voice": "author",
        "severity": "notice",
        "score": 0.5,
        "rule": "syn.claimed",
        "explanation": "Casts doubt on what the source says.",
        "suggestion": "said",
    }


def test_context_rules_apply_in_scoring(config):
    assert score_loaded_language("The tax regime changed.", config).findings == ()


def test_attributed_label_in_the_author_voice_weighs_half(config):
    (finding,) = score_loaded_language("Officials said the regime fell.", config).findings
    assert (finding.text, finding.voice, finding.attributed) == ("regime", "author", "said")
    assert finding.severity == "notice"  # one step below the entry's warning
    assert finding.score == pytest.approx(0.4)
    # emotive words are not labels: no attribution discount
    (emotive,) = score_loaded_language("Officials said the attack was brutal.", config).findings
    assert (emotive.attributed, emotive.score, emotive.severity) == (None, 0.5, "notice")


@pytest.fixture(scope="module")
def shipped_cue_config(lex) -> LoadedConfig:
    return LoadedConfig(lexicons=(lex,), speech_cues=read_cue_list(lexicon_dir() / "speech-cues.txt"))


@pytest.mark.parametrize(
    "text",
    [
        "Terrorist groups attacked the United States embassy.",
        "The regime built a new post office.",
    ],
)
def test_nouns_are_not_speech_cues_for_labels(shipped_cue_config, text):
    (finding,) = score_loaded_language(text, shipped_cue_config).findings
    assert finding.attributed is None
    assert finding.score == 0.8


@pytest.mark.parametrize(
    "text",
    [
        'Critics attacked the "reforms" in the United States.',
        'Critics attacked the "reforms" in the long term.',
    ],
)
def test_nouns_are_not_speech_cues_for_scare_quotes(shipped_cue_config, text):
    findings = score_loaded_language(text, shipped_cue_config).findings
    assert [f.text for f in findings if f.category == "scare_quote"] == ['"reforms"']


def test_real_speech_cues_still_attribute(shipped_cue_config):
    (finding,) = score_loaded_language("Officials said terrorist groups attacked.", shipped_cue_config).findings
    assert finding.attributed == "said"
    assert not [f for f in score_loaded_language('Critics called the "reforms" a sham.', shipped_cue_config).findings
                if f.category == "scare_quote"]


@pytest.mark.parametrize("text", [
    "", "The minister said so.", "He was, according to aides, furious.", "Known as the Butcher, he told us.",
    "They told reporters what the minister said.", "“Said,” she wrote.", "as well as  told", "Nothing here.",
])
def test_the_first_speech_cue_is_the_earliest_in_the_list(text):
    # Whichever is found first in the text, the cue that comes first in the list wins,
    # a one-word cue as a whole word, a phrase anywhere (white space as one space).
    cues = ("according to", "said", "as well as", "told")
    words = {w.strip(".,;:!?()[]\"'“”‘’—–") for w in " ".join(text.lower().split()).split()}
    padded = f" {' '.join(text.lower().split())} "
    expected = next((c for c in cues if (c in words if " " not in c else f" {c} " in padded)), None)
    assert SpeechCues(cues).first_in(text) == expected


@pytest.mark.parametrize("text", [
    "The minister posted this on Sunday.\n\nso very sad\n— Jane Doe (@janedoe) May 1, 2020\n\nThe post was shared.",
    "Protesters gathered at dawn.\n\n“This is the end\n\nof the road” was on the placard.\n\nPolice watched.",
])
def test_a_quotation_without_marks_is_no_scare_quote(text):
    # (A post above its signature names its speaker; a quotation carried on from the
    # paragraph before is judged where it opens.)
    assert [f for f in score_loaded_language(text).findings if f.category == "scare_quote"] == []
