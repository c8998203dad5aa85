"""Generalisations, hedges and boosters: cue matching, the support check, voice."""

from __future__ import annotations

import json

import pytest

import framing
from framing.document import parse
from framing.generalisation import GeneralisationConfig, find_generalisations, generalisation_findings
from framing.lexicon import parse_lexicon, shipped_lexicon

CUES = parse_lexicon('''
[lexicon]
name = "test-cues"
kind = "generalisation"
description = "Cues for tests."
provenance = "Written for the test-suite."

[[entry]]
id = "t.common"
pattern = 'it\\s+is\\s+(?:a\\s+)?common\\s+knowledge'
followed_by = '\\s*(?:that\\b|,)'
category = "common_knowledge"
severity = "warning"
explanation = "Presents a claim as known to all."
suggestion = "Who knows this? What is the evidence?"
flag = ["It is common knowledge that the mayor lied."]
pass = ["The firm built a common knowledge base."]

[[entry]]
id = "t.experts"
terms = ["experts say"]
not_followed_by = '\\s*,?\\s*(?:such\\s+as|including)\\s+(?-i:[A-Z])'
category = "vague_authority"
severity = "notice"
explanation = "Unnamed experts."
flag = ["Experts say the bridge is unsafe."]
pass = ["Experts say, including Dr Lena Fox, that the bridge is unsafe."]
''', "test-cues.toml")

HEDGES = parse_lexicon('''
[lexicon]
name = "test-hedges"
kind = "hedge"
description = "Hedges for tests."
provenance = "Written for the test-suite."

[[entry]]
id = "t.allegedly"
terms = ["allegedly"]
category = "hedge"
severity = "info"
explanation = "Marks a claim as unproven."
flag = ["The money was allegedly stolen."]
pass = ["The money was stolen."]
''', "test-hedges.toml")


@pytest.fixture
def config():
    return GeneralisationConfig(lexicons=(CUES, HEDGES), support=(shipped_lexicon("support-cues"),))


def test_common_knowledge_without_a_source_is_unsupported(config):
    text = "It is a common knowledge that the separatists receive funds from abroad."
    [finding] = find_generalisations(text, config)
    assert finding.kind == "generalisation" and finding.category == "common_knowledge"
    assert text[finding.start:finding.end] == finding.text == "It is a common knowledge"
    assert finding.supported is False and finding.support is None
    assert finding.question == "Who knows this? What is the evidence?"
    assert (finding.claim_start, finding.claim_end) == (0, len(text))


def test_a_named_source_in_the_sentence_supports_the_claim(config):
    text = "It is common knowledge that the river floods, according to the Environment Agency."
    [finding] = find_generalisations(text, config)
    assert finding.supported is True
    assert finding.support.kind == "named_source"
    assert text[finding.support.start:finding.support.end] == finding.support.text
    assert "Environment Agency" in finding.support.text


def test_a_study_in_the_next_sentence_supports_the_claim(config):
    text = ("Experts say the drug slows memory loss. A trial published in The Lancet found a "
            "modest effect.")
    [finding] = find_generalisations(text, config)
    assert finding.supported is True and finding.support.kind == "study"


def test_unnamed_sources_never_support(config):
    text = "It is common knowledge that the plan failed, according to officials."
    [finding] = find_generalisations(text, config)
    assert finding.supported is False


def test_a_source_two_sentences_away_does_not_cover_the_claim(config):
    text = ("It is common knowledge that the plan failed. The weather was poor. "
            "According to the National Audit Office, costs rose.")
    [finding] = find_generalisations(text, config)
    assert finding.supported is False


def test_near_misses_do_not_flag(config):
    assert find_generalisations("The firm built a common knowledge base.", config) == []
    assert find_generalisations("Experts say, including Dr Lena Fox, that the bridge is unsafe.", config) == []


def test_cues_inside_quotations_are_the_speakers(config):
    text = 'The mayor said: "It is common knowledge that the council lied."'
    assert find_generalisations(text, config) == []


def test_hedges_are_their_own_kind_and_not_generalisations(config):
    [finding] = find_generalisations("The money was allegedly stolen.", config)
    assert finding.kind == "hedge" and finding.supported is None and finding.question
    report = framing.analyse("The money was allegedly stolen.")
    scores = report.paragraphs[0].to_dict()["scores"]
    assert scores["unsupported_generalisations"] == 0


def test_boilerplate_is_never_searched(config):
    document = parse("The council met.\n\nSubscribe now to keep reading: experts say it is vital.")
    assert document.paragraphs[1].kind == "boilerplate"
    assert generalisation_findings(document, config) == []


def test_json_carries_support_and_question(config):
    text = "It is common knowledge that the plan failed."
    report = framing.analyse(text)
    findings = [f for f in report.to_dict()["paragraphs"][0]["findings"] if f["kind"] == "generalisation"]
    for finding in findings:
        assert {"supported", "support", "question", "claim_start", "claim_end"} <= set(finding)
    json.dumps(report.to_dict())


def test_counts_in_scores_and_summary():
    text = ("It is common knowledge that the plan failed.\n\n"
            "Everyone knows the mayor lied, according to the Harbour Times.")
    report = framing.analyse(text)
    unsupported = [p.unsupported_generalisations for p in report.paragraphs]
    assert unsupported == [1, 0]
    assert report.summary.unsupported_generalisations == 1
    assert report.summary.generalisations >= 2


# The named near-misses, against the shipped lexicons.

@pytest.mark.parametrize("text", [
    "The firm is building a common knowledge base for its engineers.",
    "Experts say, including Professor Hana Okafor of Leeds University, that the dam is sound.",
    "All three ministers attended the funeral on Friday.",
    'The coach said: "Politicians never keep their promises to clubs like ours."',
])
def test_named_near_misses_are_not_generalisations(text):
    assert [f for f in find_generalisations(text) if f.kind == "generalisation"] == []


@pytest.mark.parametrize("text, category", [
    ("It is a common knowledge that the separatists are funded from abroad.", "common_knowledge"),
    ("Experts say the dam is unsafe.", "vague_authority"),
    ("It is believed that the fire was started deliberately.", "agentless_passive"),
    ("Politicians never keep their promises.", "sweeping_quantifier"),
    ("Immigrants take jobs from local workers.", "group_generic"),
])
def test_each_cue_family_flags_with_the_shipped_lexicons(text, category):
    found = [f for f in find_generalisations(text) if f.kind == "generalisation" and f.category == category]
    assert len(found) == 1 and found[0].supported is False


def test_what_backs_a_claim_does_not_depend_on_other_cues_nearby():
    # Each claim's support is looked for in its own sentence and the next, with that
    # window's end as the limit: a later cue must not change an earlier claim's result.
    alone = find_generalisations("Everyone knows the scheme is failing. That is according to John Smith. "
                                 "The council disagrees.")
    crowded = find_generalisations("Everyone knows the scheme is failing. That is according to John Smith. "
                                   "The council says everyone knows it.")
    first = [f for f in alone if f.kind == "generalisation"][0]
    assert first.supported and [f for f in crowded if f.kind == "generalisation"][0].supported
    # a named example right after a vague authority, then another sentence
    assert not [f for f in find_generalisations("Experts say, including Jane Smith. The council disagrees.")
                if f.kind == "generalisation"]


@pytest.mark.parametrize("text, rule", [
    ("The official, who was not authorızed to discuss the matter, said the talks had failed.", "gen.vague.anonymity"),
    ("İ.\n\nThe official, who was not authorızed to discuss the matter, said the talks had failed.",
     "gen.vague.anonymity"),
    ("It ıs no secret that the plan failed.", "gen.common_knowledge.no_secret"),
    ("It iſ no ſecret that the plan failed.", "gen.common_knowledge.no_secret"),
    # With "İ" the text has no folded form (it lower-cases to two characters): the scans
    # read the original, and what they find is looked up as the folded form would be.
    ("İ.\n\nIt ıs no secret that the plan failed.", "gen.common_knowledge.no_secret"),
    ("İ.\n\nIt iſ no ſecret that the plan failed.", "gen.common_knowledge.no_secret"),
    ("İ.\n\nİt is no secret that the plan failed.", "gen.common_knowledge.no_secret"),
])
def test_dotless_i_and_long_s_match_as_the_patterns_read_them(text, rule):
    # Patterns are matched case-blind, which reads "ı" as "i" and "ſ" as "s"; the scans
    # that find where a pattern can start must not rule such a spelling out.
    assert rule in [f.rule for f in generalisation_findings(parse(text), GeneralisationConfig.default())]
