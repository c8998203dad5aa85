"""The reference reading of ../shared/samples/bajwa-iran-border.txt, item by item.

Each test is one MUST / MUST-NOT / SHOULD line of bajwa-iran-border.expected.md under
Structure, Loaded language and Readability. Skipped when ../shared is absent.
"""

from __future__ import annotations

import pytest

import framing


@pytest.fixture(scope="module")
def report(sample_text):
    return framing.analyse(sample_text, source="bajwa-iran-border.txt")


def _line_paragraph(report, line: int):
    """The sample has one block per line: paragraph index = line - 1."""
    return report.paragraphs[line - 1]


def _findings(report, line: int, text: str):
    return [f for f in _line_paragraph(report, line).findings if text.lower() in f.text.lower()]


def test_seventeen_blocks_with_heading_and_boilerplate(report):
    assert len(report.paragraphs) == 17
    kinds = [p.kind for p in report.paragraphs]
    assert kinds[14] == "heading"  # "Indian Connection"
    assert kinds[16] == "boilerplate"  # the Advocate Member note
    assert kinds.count("body") == 15


def test_boilerplate_is_out_of_every_score(report):
    note = report.paragraphs[16]
    assert note.findings == () and note.readability is None and note.author_words == 0
    assert report.summary.author_words == sum(p.author_words for p in report.paragraphs[:16])


def test_military_ranks_stay_inside_their_sentences(sample_text):
    document = framing.parse(sample_text)
    sentences = [sample_text[s.start:s.end] for s in document.sentences]
    assert any("Major General Mohammad Baqeri against the backdrop" in s for s in sentences)
    assert any("including Major Nadeem Bhatti, were killed." in s for s in sentences)


@pytest.mark.parametrize("abbreviation", ["Gen.", "Maj.", "U.S.", "Lt. Col.", "Dr."])
def test_news_abbreviations_never_end_a_sentence(abbreviation):
    text = f"The briefing was led by {abbreviation} Smith of the army. It ended at noon."
    document = framing.parse(text)
    assert [text[s.start:s.end] for s in document.sentences] == [
        f"The briefing was led by {abbreviation} Smith of the army.", "It ended at noon."]


def test_infested_is_a_dehumanising_metaphor_in_the_authors_voice(report):
    [finding] = _findings(report, 5, "infested")
    assert finding.category == "dehumanising_metaphor" and finding.voice == "author"
    assert finding.explanation and finding.suggestion


def test_terrorist_groups_is_an_unattributed_label(report):
    [finding] = _findings(report, 5, "terrorist")
    assert finding.category == "contentious_label" and finding.voice == "author"
    assert finding.attributed is None and finding.severity == "warning"


def test_subversive_activities_is_loaded_in_the_authors_voice(report):
    [finding] = _findings(report, 16, "subversive")
    assert finding.kind == "loaded_language" and finding.voice == "author"


def test_terrorist_moves_is_the_quoted_speakers_word(report):
    [finding] = _findings(report, 4, "terrorist")
    assert finding.voice == "quoted"
    paragraph = _line_paragraph(report, 4)
    assert paragraph.loaded_language == 0.0  # quoted words do not count toward the author


def test_imperialist_is_the_bla_s_word(report):
    [finding] = _findings(report, 12, "imperialist")
    assert finding.voice == "quoted" and finding.category != "scare_quote"


def test_the_statement_claimed_is_a_doubt_verb_with_said_as_alternative(report):
    [finding] = _findings(report, 9, "claimed")
    assert finding.category == "doubt_verb" and finding.suggestion == "said"


def test_claimed_responsibility_is_not_flagged(report):
    assert _findings(report, 8, "claimed") == []


@pytest.mark.parametrize("word", ["militants", "attack", "killed", "banned"])
def test_ordinary_news_vocabulary_is_not_loaded(report, word):
    flagged = [f for f in report.findings if word in f.text.lower() and f.severity != "info"]
    assert flagged == []


def test_the_outfit_is_a_mild_pejorative_label(report):
    [finding] = _findings(report, 14, "outfit")
    assert finding.category == "pejorative_label" and finding.severity in ("info", "notice")


def test_designated_terrorist_organisation_is_attributed_and_milder(report):
    [finding] = _findings(report, 13, "terrorist")
    assert finding.attributed is not None
    unattributed = _findings(report, 5, "terrorist")[0]
    assert finding.score < unattributed.score


def test_every_body_paragraph_has_readability(report):
    for paragraph in report.paragraphs:
        if paragraph.kind == "body":
            r = paragraph.readability
            assert r is not None and r.words > 0 and r.sentences > 0
            assert -100 < r.flesch_reading_ease < 121 and -5 < r.flesch_kincaid_grade < 40
        else:
            assert paragraph.readability is None


# Unsupported generalisations (issue 3)

def test_common_knowledge_is_an_unsupported_generalisation(report):
    found = [f for f in _line_paragraph(report, 16).findings if f.kind == "generalisation"]
    common = [f for f in found if f.category == "common_knowledge"]
    assert [f.text for f in common] == ["It is a common knowledge"]
    assert common[0].supported is False and common[0].support is None and common[0].question
    assert _line_paragraph(report, 16).unsupported_generalisations >= 1


def test_authorities_have_said_is_a_vague_attribution(report):
    found = [f for f in _line_paragraph(report, 10).findings if f.kind == "generalisation"]
    assert any(f.category == "vague_authority" and "authorities" in f.text for f in found)


def test_according_to_the_daily_dawn_is_not_a_generalisation(report):
    assert [f for f in _line_paragraph(report, 6).findings if f.kind == "generalisation"] == []


def test_allegedly_is_a_hedge_not_loaded_language(report):
    [finding] = _findings(report, 1, "allegedly")
    assert finding.kind == "hedge"
    assert report.paragraphs[0].unsupported_generalisations == 0
