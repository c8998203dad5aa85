"""Attribution: the constructions found, source resolution and typing, the balance
figures, the voice gap, sides files, and the sample article's notes."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.attribution import (Attribution, AttributionConfig, AttributionResult, SidesError, attribution_balance,
                                 compare_sides, find_attributions, parse_sides, read_sides)
from framing.document import parse
from framing.lexicon import LexiconError, load_lexicon
from framing.resources import lexicon_dir

SAMPLE = Path(__file__).parents[2] / "shared" / "samples" / "bajwa-iran-border.txt"

DICT_KEYS = {"source", "source_start", "source_end", "source_name", "source_type", "named", "cue", "cue_start",
             "cue_end", "cue_neutral", "content_start", "content_end", "direct", "paragraph"}


def found(text: str) -> list[Attribution]:
    attributions = find_attributions(parse(text))
    for a in attributions:
        assert text[a.source_start:a.source_end] == a.source
        assert text[a.cue_start:a.cue_end] == a.cue
        assert 0 <= a.content_start < a.content_end <= len(text)
    return attributions


def one(text: str) -> Attribution:
    attributions = found(text)
    assert len(attributions) == 1, [(a.source, a.cue) for a in attributions]
    return attributions[0]


def content(text: str, a: Attribution) -> str:
    return text[a.content_start:a.content_end]


# --- constructions ------------------------------------------------------------------------


def test_direct_quotation_speaker_after():
    text = '"We will rebuild the bridge," the mayor said.'
    a = one(text)
    assert (a.source, a.cue, a.direct, a.cue_neutral) == ("the mayor", "said", True, True)
    assert content(text, a) == "We will rebuild the bridge,"


def test_direct_quotation_speaker_before_with_colon():
    text = 'The mayor said: "We will rebuild the bridge."'
    a = one(text)
    assert (a.source, a.cue, a.direct) == ("The mayor", "said", True)
    assert content(text, a) == "We will rebuild the bridge."


def test_direct_quotation_inverted():
    text = '"We will rebuild the bridge," said Mayor Jane Holt.'
    a = one(text)
    assert (a.source, a.source_name, a.source_type, a.direct) == ("Mayor Jane Holt", "Jane Holt", "official", True)


def test_indirect_speech_with_that():
    text = "The ministry said that the border would reopen on Monday."
    a = one(text)
    assert (a.source, a.cue, a.direct) == ("The ministry", "said", False)
    assert content(text, a) == "that the border would reopen on Monday"


def test_indirect_speech_told_reporters():
    text = "Officials told reporters the border would reopen on Monday."
    a = one(text)
    assert (a.source, a.cue, a.source_type, a.named) == ("Officials", "told", "unnamed", False)
    assert content(text, a) == "the border would reopen on Monday"


@pytest.mark.parametrize("text,source,body", [
    ("According to the daily Harbour Times, the two ports have cooperated for years.",
     "the daily Harbour Times", "the two ports have cooperated for years"),
    ("The strike costs £40 million a day, according to business leaders.",
     "business leaders", "The strike costs £40 million a day"),
])
def test_according_to(text, source, body):
    a = one(text)
    assert (a.source, a.cue.lower(), content(text, a)) == (source, "according to", body)


def test_parenthetical():
    text = "The bridge, the engineer said, will reopen in May."
    a = one(text)
    assert (a.source, a.cue, a.source_type) == ("the engineer", "said", "expert")
    assert content(text, a) == "will reopen in May"


def test_parenthetical_with_quotation_relays_the_speaker():
    text = ('Army chief General Amir Khan spoke to his counterpart on Monday. '
            'General Khan, the state news agency reported, "urged restraint on both sides".')
    result = attribution_balance(text)
    (a,) = result.attributions
    assert (a.source, a.source_type, a.direct) == ("the state news agency", "media", True)
    relay = result.balance.relayed[0]
    assert (relay.actor, relay.via) == ("Amir Khan", "state news agency")
    gap = {g.actor: g for g in result.balance.voice_gap}
    assert gap["Amir Khan"].heard_via == ("state news agency",)


def test_in_a_statement_as_channel_and_with_a_verb():
    text = "In a statement, the ministry offered its condolences to the families."
    a = one(text)
    assert (a.source, a.cue) == ("the ministry", "In a statement")
    text = "In a statement, the company said it was cooperating with the inquiry."
    a = one(text)
    assert (a.source, a.cue) == ("the company", "said")


def test_partial_quotation_is_indirect_with_quoted_words():
    text = 'The senator said the plan was "reckless".'
    result = attribution_balance(text)
    (a,) = result.attributions
    assert (a.source, a.direct) == ("The senator", False)
    assert content(text, a) == 'the plan was "reckless"'
    assert result.balance.sources[0].quoted_words == 1


def test_mostly_quoted_content_is_direct():
    text = 'The group said it will "continue its struggle until the establishment of a free society."'
    assert one(text).direct is True


def test_loaded_verb_is_not_neutral():
    a = one("The statement claimed the army major had led operations against villagers.")
    assert (a.cue, a.cue_neutral) == ("claimed", False)


def test_claimed_responsibility_is_not_an_attribution():
    assert found("The banned group claimed responsibility for the bombing.") == []


def test_auxiliaries_belong_to_the_cue():
    a = one("It targets security forces and authorities have said it has foreign support.")
    assert (a.source, a.cue, a.source_type) == ("authorities", "have said", "unnamed")


def test_designation_is_an_attribution():
    text = "In July 2019, the United States designated the group as a terrorist organisation."
    a = one(text)
    assert (a.source, a.source_name, a.cue, a.source_type) == ("the United States", "United States", "designated", "official")


def test_scare_quote_is_not_an_attribution():
    assert found('The so-called "reforms" were passed on Tuesday.') == []
    assert found('Critics of the "reform" gathered outside.') == []


def test_cue_inside_a_quotation_is_the_speakers():
    text = '"I told them it would fail," Smith said.'
    a = one(text)
    assert (a.source, a.cue) == ("Smith", "said")


def test_passive_without_agent_is_not_an_attribution():
    assert found("He was told to leave the building.") == []


def test_passive_with_agent():
    text = "The registration issue was first reported by The Washington Post."
    a = one(text)
    assert (a.source, a.source_type) == ("The Washington Post", "media")
    assert content(text, a) == "The registration issue"


def test_participle_takes_the_clause_speaker():
    text = '"This is wrong," he said, adding that the rules were unfair.'
    attributions = found(text)
    assert [(a.source, a.cue) for a in attributions] == [("he", "said"), ("he", "adding")]


def test_unbalanced_quotation_mark():
    text = 'The mayor said "we will rebuild the bridge.'
    a = one(text)
    assert (a.source, a.direct) == ("The mayor", False)
    assert content(text, a) == "we will rebuild the bridge"
    assert parse(text).unclosed_quotes


def test_quotation_running_across_paragraphs():
    text = ('"Our members kept this port open," Donnelly said. "They have seen their pay fall.\n\n'
            '"We are not asking for anything unreasonable."\n\nTalks resume on Monday.')
    document = parse(text)
    assert any(q.continued for q in document.quotes)
    a = one(text)
    assert a.direct and a.paragraph == 0
    assert a.content_start == 1
    assert content(text, a).endswith("anything unreasonable.")
    assert a.content_end > document.paragraphs[1].start


def test_quotation_pieces_around_the_cue_are_one_content():
    text = '"We want a deal," Aske said in a statement. "Our door remains open."'
    a = one(text)
    assert content(text, a) == 'We want a deal," Aske said in a statement. "Our door remains open.'
    result = attribution_balance(text)
    assert result.balance.sources[0].quoted_words == 8


def test_boilerplate_is_skipped():
    text = 'The council said the pool would reopen.\n\n(Note: You can view every article as one long page if you sign up as an Advocate Member, or higher).'
    assert [a.paragraph for a in found(text)] == [0]


def test_text_order_and_to_dict():
    text = "Smith said the road was closed. Jones said it was open."
    attributions = found(text)
    assert [a.source for a in attributions] == ["Smith", "Jones"]
    data = attributions[0].to_dict()
    assert set(data) == DICT_KEYS
    with pytest.raises(dataclasses.FrozenInstanceError):
        attributions[0].source = "x"  # type: ignore[misc]


# --- resolution -----------------------------------------------------------------------------


def test_pronoun_resolves_to_last_person():
    text = "Finance Minister Maria Lopez presented the budget on Tuesday. She said the deficit would fall."
    a = one(text)
    assert (a.source, a.source_name, a.source_type, a.named) == ("She", "Maria Lopez", "official", True)


@pytest.mark.parametrize("short", ["Lopez", "Minister Lopez"])
def test_short_names_resolve_to_full_name(short):
    text = f"Finance Minister Maria Lopez presented the budget on Tuesday. {short} said the deficit would fall."
    assert one(text).source_name == "Maria Lopez"


def test_title_and_surname_in_the_sample_style():
    text = ("Pakistan Army Chief of Staff General Qamar Javed Bajwa met officials on Monday. "
            "General Bajwa said the border would be sealed. Bajwa added that troops were ready.")
    names = {a.source_name for a in found(text)}
    assert names == {"Qamar Javed Bajwa"}


def test_acronym_in_brackets_is_the_same_source():
    text = ("Iranian official newswire Islamic Republic News Agency (IRNA) reported that the generals met.\n\n"
            "The talks were friendly, IRNA reported.")
    attributions = found(text)
    assert {a.source_name for a in attributions} == {"Islamic Republic News Agency"}
    assert [a.source for a in attributions][-1] == "IRNA"
    assert all(a.source_type == "media" for a in attributions)


def test_acronym_from_initials_and_the_group():
    text = ("The Baloch Liberation Army claimed responsibility for the attack. The BLA said one vehicle was destroyed. "
            "The group said it would continue its campaign. In July 2019, the United States designated the "
            "Balochistan Liberation Army (BLA) as a terrorist organisation. The outfit said it would fight on.")
    attributions = found(text)
    by_source = {a.source: a.source_name for a in attributions}
    assert by_source["The BLA"] == "Baloch Liberation Army"
    assert by_source["The group"] == "Baloch Liberation Army"
    assert by_source["The outfit"] == "Baloch Liberation Army"


def test_the_statement_resolves_to_its_author():
    text = ("In a statement, the Harbour Workers Union (HWU) said the offer was unacceptable. "
            "The statement added that members would vote on Friday. The HWU said talks had failed.")
    attributions = found(text)
    assert {a.source_name for a in attributions} == {"Harbour Workers Union"}
    assert attributions[1].source == "The statement"


def test_the_agency_resolves_to_the_agency():
    text = ("The Meridian News Agency reported that two soldiers were hurt. "
            "The agency said the clash lasted an hour.")
    assert {a.source_name for a in found(text)} == {"Meridian News Agency"}


def test_owner_of_a_statement_is_the_source():
    text = "The outfit has carried out several attacks in the past year, the Department of State statement said."
    a = one(text)
    assert (a.source, a.source_name, a.source_type) == ("the Department of State statement", "Department of State", "official")


# --- source types ---------------------------------------------------------------------------


@pytest.mark.parametrize("subject,kind,named", [
    ("Defence Minister Jan Novak", "official", True),
    ("General Piotr Valenko", "military", True),
    ("Police", "police", False),
    ("The Daily Beacon", "media", True),
    ("The Harbour Workers Union", "organisation", True),
    ("Professor Alan Burridge", "expert", True),
    ("The report", "document", False),
    ("Officials", "unnamed", False),
    ("A spokesperson", "unnamed", False),
    ("Residents", "unnamed", False),
    ("Jane Holt", "person", True),
    ("Zorblat", "unknown", True),
])
def test_source_types(subject, kind, named):
    a = one(f"{subject} said the road was closed.")
    assert (a.source, a.source_type, a.named) == (subject, kind, named)


# --- people in a role, and words that only look like speakers -----------------------------


@pytest.mark.parametrize("text,source,name,kind", [
    # A role in a body ([title:organisation]) before a personal name: a person.
    ("But firebrand union chief Maeve Donnelly insisted her members were short-changed.",
     "firebrand union chief Maeve Donnelly", "Maeve Donnelly", "person"),
    ('Port boss Richard Aske said last night: "This offer is fair."', "Port boss Richard Aske", "Richard Aske", "person"),
    ("Chief executive Owen Marsh said the airport was competing with larger airports.",
     "Chief executive Owen Marsh", "Owen Marsh", "person"),
    ("Board member Elena Vasquez said the list was long.", "Board member Elena Vasquez", "Elena Vasquez", "person"),
    # Near misses: an official role keeps its type, and a role with no name speaks for the body.
    ("Transport Minister Colm Farrell said both sides should talk.", "Transport Minister Colm Farrell", "Colm Farrell",
     "official"),
    ("The union chief said the offer was poor.", "The union chief", "union chief", "organisation"),
    ("The Harbour Workers Union said the offer was poor.", "The Harbour Workers Union", "Harbour Workers Union",
     "organisation"),
])
def test_a_named_person_in_a_role_is_a_person(text, source, name, kind):
    a = found(text)[0]
    assert (a.source, a.source_name, a.source_type) == (source, name, kind)


def test_the_body_before_a_role_is_the_persons_affiliation():
    text = ("The Harbour and Transport Workers' Union called the strike. "
            "Union chief Maeve Donnelly said the members were short-changed.")
    actors = AttributionConfig.default().actor_finder.find(parse(text))
    donnelly = next(a for a in actors.actors if a.name == "Maeve Donnelly")
    assert (donnelly.kind, donnelly.type) == ("person", "person")
    assert actors.actor(donnelly.affiliation).name == "Harbour and Transport Workers' Union"


@pytest.mark.parametrize("text", [
    # A reporting verb's noun ("fears of", "claims of") is no cue; an -ing word, a past
    # tense verb or a plural quantifier before it is no speaker.
    "The walkout left 31 ships stranded at sea and sparking fears of empty shelves within days.",
    "Growing fears of a recession hit shares.",
    "The strike raised fears that prices would rise.",
    "Opposition claims of fraud were rejected.",
    "The agency reports of heavy fighting were denied.",
    "Voters had promises of lower taxes.",
    "There are many questions about the deal.",
    # 'Threaten to' and 'promise to' with a thing or an action as subject forecast.
    "Families could face shortages as the selfish action threatens to bring supply chains to their knees.",
    "The summer promises to be hot.",
    "Technology threatens to change the industry.",
    # An -s form after 'but' that follows a past tense is a plural noun, not a second verb.
    "Transport Minister Colm Farrell urged both sides to get back around the table, "
    "but calls for tougher anti-strike laws were growing louder last night.",
])
def test_nouns_and_non_speakers_are_no_attribution(text):
    cues = [a.cue for a in found(text) if a.cue != "urged"]
    assert cues == []


@pytest.mark.parametrize("text,source,cue", [
    ("Farmers fear that the drought will last another year.", "Farmers", "fear"),
    ("The union threatened to strike again in May.", "The union", "threatened"),
    ("She threatened to resign if the plan went ahead.", "She", "threatened"),
    ("Farmers threatened to block the motorway.", "Farmers", "threatened"),
    ("The mayor has promised that the pool would reopen.", "The mayor", "has promised"),
    ("Critics warned of a crisis.", "Critics", "warned"),
    ("The minister says the plan is sound and adds that it will pass.", "The minister", "adds"),
    ("The accused said he was innocent.", "The accused", "said"),
    ("He notes that the commission announced the rules on Friday.", "He", "notes"),
    ('"We have got to do everything possible," she continued.', "she", "continued"),
    ("Lewandowski continued to insist that he never touched her.", "Lewandowski", "insist"),
])
def test_speakers_near_those_shapes_are_still_found(text, source, cue):
    assert (source, cue) in [(a.source, a.cue) for a in found(text)]


@pytest.mark.parametrize("text", [
    # A modal is no speaker, and generic "you" is nobody's voice.
    "You cannot boast that the tide has turned while confessing that you never measured the water.",
    # "Show (no) signs of" describes how something looks, not a finding.
    "Meanwhile the crisis shows no sign of easing.",
    "The talks showed few signs of progress.",
    # A thing that "which" refers back to does not speak.
    "It is not cruel to point out that a country which cannot say who is living in it is no country.",
    # A thing after "with" is the participle's subject, and it does not speak.
    "The treaty was rewritten, replacing the old clause with softer language calling for restraint.",
])
def test_modals_idioms_and_things_are_no_speakers(text):
    assert [(a.source, a.cue) for a in found(text)] == []


@pytest.mark.parametrize("text,source,name,cue", [
    # Near misses that must still be found.
    ("The minister cannot say when the plan will start.", "The minister", "minister", "cannot say"),
    ("The survey shows no increase in cycling.", "The survey", "survey", "shows"),
    ("The new polls show that the race has tightened.", "The new polls", "new polls", "show"),
    ("The ministry, which said the talks had failed, called a meeting.", "The ministry", "ministry", "said"),
    # The people after "with" speak, not the subject of the clause.
    ("The closure has hit the town hard, with shoppers voicing fears that prices will rise.",
     "shoppers", "shoppers", "voicing"),
    ("The market fell, with analysts warning that rates would rise.", "analysts", "analysts", "warning"),
    ("The union said the plan would fail, voicing anger at the port.", "The union", "union", "voicing"),
    # The object of a relative clause is not the speaker: what the clause describes is.
    ("A former senior engineer at the company that operated the Lyre Valley dam told a public inquiry "
     "that she warned managers.", "A former senior engineer at the company",
     "former senior engineer at the company", "told"),
    ("The man who shot the officer told police that he was sorry.", "The man", "man", "told"),
    ("Residents said that officials told them the dam was safe.", "that officials", "officials", "told"),
])
def test_the_speaker_is_who_speaks(text, source, name, cue):
    assert (source, name, cue) in [(a.source, a.source_name, a.cue) for a in found(text)]


def test_the_closure_is_no_speaker_with_shoppers_voicing_fears():
    text = "The closure has hit the town hard, with shoppers voicing fears that prices will rise."
    assert "closure" not in [a.source_name for a in found(text)]


def test_a_title_alone_is_an_unnamed_role():
    (a,) = found("The strike has shut the port. The Chief Executive said the offer was fair.")
    assert (a.source_name, a.source_type, a.named) == ("Chief Executive", "organisation", False)
    (a,) = found("The Prime Minister said the talks would go on.")
    assert (a.source_type, a.named) == ("official", False)
    # The same title given earlier to a named person refers back to that person.
    text = "Chief executive Owen Marsh spoke on Monday. The Chief Executive said the plan was fair."
    (a,) = found(text)
    assert (a.source_name, a.named) == ("Owen Marsh", True)
    # Near misses: a name with a title, and a surname that is also a title, are people.
    (a,) = found("Chief Executive Owen Marsh said the plan was fair.")
    assert (a.source_name, a.source_type, a.named) == ("Owen Marsh", "person", True)
    text = "Larry King spoke to the station on Monday. Mr. King said that he was not worried."
    assert "Larry King" in [a.source_name for a in found(text)]
    actors = AttributionConfig.default().actor_finder.find(parse("The Chief Executive met Larry King."))
    assert [a.name for a in actors.actors] == ["Larry King"]


@pytest.mark.parametrize("text,pronoun,name", [
    # "she" and "he" skip a person whose title or given name contradicts them.
    ("Captain Tom Whitlow scored. Whitlow lifted the cup alongside club president Margaret Hale. "
     '"This club means everything to this town," he said.', "he", "Tom Whitlow"),
    ("Mrs. Patricia Lowe lives by the runway. Her neighbour Gary Pitt works there. "
     "She said the noise was a misery.", "She", "Patricia Lowe"),
    ("Owen Marsh met Helen Cartwright. Mr. Marsh said little. Later Cartwright spoke to Marsh. "
     "He said the airport would grow.", "He", "Owen Marsh"),
    # Near misses: the last person still wins when nothing contradicts the pronoun...
    ("Sarah Jones met John Smith. He said the talks went well.", "He", "John Smith"),
    ("John Smith met Sarah Jones. She said the talks went well.", "She", "Sarah Jones"),
    # ... and a name given to both sexes is no cue either way.
    ("John Smith met Sam Reid. She said the talks went well.", "She", "Sam Reid"),
    ("Sarah Jones met Sam Reid. He said the talks went well.", "He", "Sam Reid"),
])
def test_pronouns_skip_people_of_the_other_gender(text, pronoun, name):
    assert (pronoun, name) in [(a.source, a.source_name) for a in found(text)]


def test_a_pronoun_with_no_person_who_fits_stays_unresolved():
    (a,) = [a for a in found("John Smith met Peter Brown on Monday. She said the talks went well.")]
    assert (a.source_name, a.source_type, a.named) == ("she", "unknown", False)


def test_past_a_person_of_the_other_gender_only_a_matching_one_is_taken():
    # Once the nearest person contradicts the pronoun, a name of unknown gender further
    # back is as likely a body the finder took for a person as the speaker: no guess.
    text = ('Bill Clinton spoke in Flint for his wife Hillary Clinton. He criticised the Affordable Care Act. '
            '"It makes no sense," he said.')
    assert "Affordable Care Act" not in [a.source_name for a in found(text)]
    text = ("Captain Sam Whitlow scored. Whitlow lifted the cup alongside club president Margaret Hale. "
            '"This club means everything to this town," he said.')
    assert ("he", "he") in [(a.source, a.source_name) for a in found(text)]  # "Sam" is either


def test_lower_case_words_are_no_courtesy_titles():
    # "miss" is a verb here, not "Miss": Tom Reed stays a man, and "He" is him.
    text = "Ann Lee runs the club. Fans will miss Tom Reed when he retires. He said the decision was hard."
    assert ("He", "Tom Reed") in [(a.source, a.source_name) for a in found(text)]


def test_gender_cues_read_titles_and_names(tmp_path):
    from framing.actors import GenderCues
    cues = AttributionConfig.default().genders
    assert (cues.titles["mrs"], cues.titles["sir"], cues.given["margaret"], cues.given["owen"]) == (
        "female", "male", "female", "male")
    assert not {"sam", "alex", "jamie", "dana", "jo", "kim"} & set(cues.given)
    path = tmp_path / "cues.txt"
    path.write_text("[given:female]\nrobin\n[given:male]\nrobin\n", encoding="utf-8")
    assert GenderCues.read(path).given == {"robin": "unknown"}
    path.write_text("[given:other]\nrobin\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        GenderCues.read(path)


def test_tabloid_who_speaks_has_no_organisation_people_and_no_non_speakers():
    text = (Path(__file__).parents[1] / "corpora" / "articles" / "harbour-strike-tabloid.txt").read_text(encoding="utf-8")
    balance = attribution_balance(text).balance
    assert balance.source("Maeve Donnelly").type == "person"
    assert balance.source("Richard Aske").type == "person"
    names = {s.name for s in balance.sources}
    assert not names & {"sparking", "selfish action"}
    assert balance.source("Colm Farrell").cues == ("urged",)


# --- lexicon --------------------------------------------------------------------------------


def _cue_of(entry, a: Attribution) -> bool:
    cue = " ".join(a.cue.lower().split())
    if entry.pattern:
        return re.fullmatch(entry.pattern, cue, re.IGNORECASE) is not None
    return any(cue == t or cue.endswith(" " + t) for t in entry.terms)


CUE_ENTRIES = [e for name in ("reporting-verbs.toml", "source-markers.toml")
               for e in load_lexicon(lexicon_dir() / name).entries]


@pytest.mark.parametrize("entry", CUE_ENTRIES, ids=[e.id for e in CUE_ENTRIES])
def test_cue_examples_behave_in_the_finder(entry):
    for example in entry.flag:
        attributions = find_attributions(parse(example))
        assert any(_cue_of(entry, a) for a in attributions), (example, [(a.source, a.cue) for a in attributions])
    for example in entry.passes:
        attributions = find_attributions(parse(example))
        assert not any(_cue_of(entry, a) for a in attributions), (example, [(a.source, a.cue) for a in attributions])


def test_loaded_reporting_verbs_agree_with_the_loaded_language_lexicons():
    loaded_terms = {t.lower() for name in ("loaded-verbs.toml", "loaded-emotive.toml")
                    for e in load_lexicon(lexicon_dir() / name).entries for t in e.terms}
    reporting = load_lexicon(lexicon_dir() / "reporting-verbs.toml")
    for entry in reporting.entries:
        for term in entry.terms:
            if entry.category == "loaded":
                assert term in loaded_terms, f"{entry.id}: loaded cue '{term}' is no loaded-language entry"
            else:
                assert term not in loaded_terms, f"{entry.id}: neutral cue '{term}' is a loaded-language entry"


def test_config_is_built_once():
    config = AttributionConfig.default()
    assert config is AttributionConfig.default()
    assert config.matcher is config.matcher


# --- balance --------------------------------------------------------------------------------

ARTICLE = (
    "The harbour will close on Friday, the port authority said.\n\n"
    '"We will not accept this," union leader Maeve Donnelly said. "Our members deserve better."\n\n'
    "The port authority claimed that the union had rejected every offer.\n\n"
    "Several ships waited outside the harbour.\n\n"
    "Officials said the talks would resume on Monday."
)


def test_balance_figures_by_hand():
    result = attribution_balance(ARTICLE)
    assert isinstance(result, AttributionResult)
    b = result.balance
    assert [(a.source, a.cue) for a in result.attributions] == [
        ("the port authority", "said"), ("union leader Maeve Donnelly", "said"),
        ("The port authority", "claimed"), ("Officials", "said")]
    assert b.attributions == 4 and b.distinct_sources == 3
    shares = {s.name: s.share for s in b.sources}
    assert shares == {"port authority": 0.5, "Maeve Donnelly": 0.25, "officials": 0.25}
    h = -(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25))
    assert b.balance_index == pytest.approx(h / math.log(3))
    assert b.top_share == 0.5 and b.unnamed_share == 0.25
    assert (b.direct, b.indirect) == (1, 3)
    assert b.loaded == 1 and b.loaded_by_source == (("port authority", 1),)
    donnelly = b.source("Maeve Donnelly")
    assert donnelly.quoted_words == 9 and donnelly.quoted_share == 1.0 and donnelly.type == "person"
    assert b.source("port authority").loaded_cues == ("claimed",)
    assert b.body_paragraphs == 5 and b.paragraphs_without_attribution == (3,)
    data = b.to_dict()
    assert data["distinct_sources"] == 3 and data["sources"][0]["name"] == "port authority"


def test_balance_of_one_voice_and_of_none():
    one_voice = attribution_balance("Smith said it rained. Smith said it was cold.").balance
    assert one_voice.distinct_sources == 1 and one_voice.balance_index == 0.0 and one_voice.top_share == 1.0
    none = attribution_balance("It rained all day in the valley.").balance
    assert none.attributions == 0 and none.balance_index == 0.0 and none.top_share == 0.0
    assert none.unnamed_share == 0.0 and none.paragraphs_without_attribution == (0,)


def test_voice_gap_lists_countries_never_heard():
    text = ("Officials in Pakistan said the border would reopen. Indian troops were seen near the frontier, "
            "and India has not commented.")
    gap = {g.actor: g for g in attribution_balance(text).balance.voice_gap}
    assert "Pakistan" not in gap
    india = gap["India"]
    assert (india.kind, india.mentions, india.first_offset) == ("country", 2, text.index("Indian"))
    assert "never a source" in india.note


def test_voice_gap_leaves_out_a_body_heard_through_its_officer():
    text = ("Dockers in the Harbour Workers' Union walked out on Monday. Union chief Maeve Donnelly said "
            "the offer was an insult. The Carrowmore Chamber of Commerce has not commented.")
    result = attribution_balance(text)
    assert [a.source_name for a in result.attributions] == ["Maeve Donnelly"]
    gap = {g.actor: g for g in result.balance.voice_gap}
    assert "Harbour Workers' Union" not in gap  # heard through its chief
    assert "Carrowmore Chamber of Commerce" in gap  # near miss: no one of its people speaks
    # Near miss: a named person with no tie to the union leaves it in the gap.
    text = ("Dockers in the Harbour Workers' Union walked out on Monday. Shopper Jo Reid said "
            "the strike was a nuisance, and Jo Reid added that prices had risen.")
    gap = {g.actor for g in attribution_balance(text).balance.voice_gap}
    assert "Harbour Workers' Union" in gap


def test_public_entry_points():
    assert framing.attribution_balance is attribution_balance
    assert framing.Attribution is Attribution


# --- sides ----------------------------------------------------------------------------------

SIDES = """
[sides.employer]
sources = ["port authority", "Port*"]

[sides.union]
label = "The union"
sources = ["*Donnelly", "HTWU"]
"""


def test_sides_compare(tmp_path):
    path = tmp_path / "sides.toml"
    path.write_text(SIDES, encoding="utf-8")
    sides = read_sides(path)
    assert [s.name for s in sides.sides] == ["employer", "union"]
    comparison = compare_sides(attribution_balance(ARTICLE), sides)
    employer, union = comparison.sides
    assert (employer.attributions, employer.loaded, dict(employer.cues)) == (2, 1, {"said": 1, "claimed": 1})
    assert (union.attributions, union.quoted_words, union.label) == (1, 9, "The union")
    assert comparison.unassigned.sources == ("officials",)
    assert comparison.to_dict()["sides"][0]["share"] == 0.5
    from_list = compare_sides(attribution_balance(ARTICLE).attributions, sides, text=ARTICLE)
    assert from_list.side("union").quoted_words == 9


def test_sides_match_aliases():
    text = ("Iranian official newswire Islamic Republic News Agency (IRNA) reported that the generals met.")
    comparison = compare_sides(attribution_balance(text), parse_sides('[sides.iran]\nsources = ["IRNA"]\n'))
    assert comparison.side("iran").attributions == 1


@pytest.mark.parametrize("content,message", [
    ("[sides.a]\nsources = [\n", "s.toml:2: not valid TOML"),
    ("[sides.a]\nlabel = \"A\"\n", "s.toml:1: sides.a: sources must be a non-empty list"),
    ("[sides.a]\nsources = []\n", "s.toml:2: sides.a: sources must be a non-empty list"),
    ("[sides.a]\nsources = [\"x\"]\ncolour = \"red\"\n", "s.toml:3: sides.a: unknown key 'colour'"),
    ("[teams.a]\nsources = [\"x\"]\n", "s.toml:1: unknown top-level key 'teams'"),
    ("# nothing\n", "s.toml:1: no sides"),
])
def test_sides_errors(tmp_path, content, message):
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SidesError) as err:
        read_sides(path)
    assert str(err.value).startswith(str(tmp_path / message)), str(err.value)


def test_sides_missing_file(tmp_path):
    with pytest.raises(SidesError, match="cannot read a sides file"):
        read_sides(tmp_path / "nope.toml")


# --- properties -----------------------------------------------------------------------------

WORDS = st.sampled_from(["said", "told", "according to", "claimed", "He", "The group", "Smith", "officials",
                         '"', "'", "“", "”", ",", ".", ":", "the plan", "was", "reckless", "\n\n", "(IRNA)", "that"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_offsets_round_trip_on_any_text(text):
    result = attribution_balance(text)
    for a in result.attributions:
        assert text[a.source_start:a.source_end] == a.source
        assert text[a.cue_start:a.cue_end] == a.cue
        assert a.content_start <= a.content_end
    assert 0.0 <= result.balance.balance_index <= 1.0 + 1e-9


def test_offsets_round_trip_on_the_corpus(corpus_dir):
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for a in found(text):
            assert set(a.to_dict()) == DICT_KEYS


# --- the sample article ----------------------------------------------------------------------

SAMPLE_PAIRS = [  # (line, source text, cue) from the expected.md Attribution section
    (3, "Islamic Republic News Agency (IRNA)", "reported"),
    (4, "IRNA", "reported"),
    (6, "the daily Dawn", "According to"),
    (8, "the BLA", "said"),
    (9, "The statement", "claimed"),
    (9, "The group", "said"),
    (10, "authorities", "have said"),
    (14, "the Department of State statement", "said"),
]


@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.is_file():
        pytest.skip(f"sample article not available: {SAMPLE}")
    text = SAMPLE.read_text(encoding="utf-8")
    return text, attribution_balance(text)


def test_sample_must_list_every_attribution(sample):
    text, result = sample
    lines = text.split("\n")
    for line, source, cue in SAMPLE_PAIRS:
        start = sum(len(l) + 1 for l in lines[:line - 1])
        end = start + len(lines[line - 1])
        hits = [a for a in result.attributions if start <= a.cue_start < end and a.cue == cue and source in a.source]
        assert hits, f"line {line}: ({source!r}, {cue!r}) not found"


def test_sample_must_irna_is_one_source(sample):
    _, result = sample
    irna = [a for a in result.attributions if "IRNA" in a.source]
    assert len(irna) == 2 and len({a.source_name for a in irna}) == 1
    stats = result.balance.source("IRNA")
    assert stats is not None and stats.name == "Islamic Republic News Agency" and stats.attributions == 2
    assert stats.type == "media"


def test_sample_must_summary_figures(sample):
    _, result = sample
    b = result.balance
    assert b.distinct_sources == len(b.sources) >= 5
    assert sum(s.share for s in b.sources) == pytest.approx(1.0)
    assert all(0 < s.share <= 1 for s in b.sources)
    assert b.unnamed_share == pytest.approx(1 / b.attributions)  # "authorities"
    assert b.loaded == 1 and b.loaded_by_source == (("Baloch Liberation Army", 1),)
    data = b.to_dict()
    for key in ("distinct_sources", "unnamed_share", "loaded", "sources", "balance_index", "voice_gap"):
        assert key in data


def test_sample_should_items(sample):
    """The SHOULD items of expected.md's Attribution section (all hold)."""
    text, result = sample
    by_source = {a.source: a for a in result.attributions}
    # The group, The statement, the BLA and Baloch Liberation Army are one source.
    for source in ("The group", "The statement", "the BLA"):
        assert by_source[source].source_name == "Baloch Liberation Army"
    assert result.balance.source("BLA").name == "Baloch Liberation Army"
    # The United States designated the BLA as a terrorist organisation.
    us = by_source["the United States"]
    assert (us.cue, us.source_type) == ("designated", "official")
    # India is talked about but never a source; Pakistan's army chief speaks only via IRNA.
    gap = {g.actor: g for g in result.balance.voice_gap}
    assert gap["India"].mentions == 3
    assert gap["Pakistan"].heard_via == ("Islamic Republic News Agency",)
    assert gap["Qamar Javed Bajwa"].heard_via == ("Islamic Republic News Agency",)
    assert any(r.actor == "Qamar Javed Bajwa" and r.via == "Islamic Republic News Agency" for r in result.balance.relayed)


def test_claiming_a_trophy_or_a_seat_is_no_speech():
    # Winning senses of "claim": a cup, a title, points, a nomination.
    for text in ("Kestrel Bay United claimed the County Cup for the first time in 23 years.",
                 "The visitors claimed all three points with a late header.",
                 "She claimed the Premier League title on the final day of the season.",
                 "He can now claim the Republican nomination on the first ballot."):
        assert not [a for a in found(text) if a.cue.lower().startswith("claim")], text
    # Near misses: a claim about something stays a cue, also when its subject is a prize.
    for text in ("The union claimed the offer was unfair.",
                 "The coach claimed the victory was stolen by the referee.",
                 "He claimed that the nomination was his to lose."):
        assert [a.cue for a in found(text)] == [text.split()[2 if text.startswith("The") else 1]], text


def test_sports_clubs_boards_and_schools_are_bodies_not_people():
    text = ("Kestrel Bay United beat Ironvale Athletic 3-2. Ironvale manager Gareth Lyle admitted his side "
            "had tired. Ironvale Athletic play again on Tuesday. \"The legs went,\" he said.")
    actors = {a.name: a.type for a in AttributionConfig.default().actor_finder.find(parse(text)).actors}
    assert actors["Kestrel Bay United"] == "organisation" and actors["Ironvale Athletic"] == "organisation"
    assert ("he", "Gareth Lyle") in [(a.source, a.source_name) for a in found(text)]
    (a,) = found("Mortgage rates remain high, the Federal Home Finance Board said last week.")
    assert (a.source_name, a.source_type) == ("Federal Home Finance Board", "official")
    # Near miss: a country whose name holds a club word stays a country.
    actors = AttributionConfig.default().actor_finder.find(parse("The United States and Russia met in Geneva."))
    assert {a.kind for a in actors.actors} == {"country"}


def test_a_named_index_is_a_document_not_a_person():
    (a,) = found("Rents rose 22 per cent, according to the Alder Property Index, which tracks adverts.")
    assert (a.source_name, a.source_type, a.named) == ("Alder Property Index", "document", True)
    actors = AttributionConfig.default().actor_finder.find(parse("The Alder Property Index rose again in May."))
    assert actors.actors == ()


def test_a_titled_person_of_an_institution_is_that_person():
    text = ("Prof. Lin Haverford of Coastal State University said the results were mixed. "
            "\"The evidence depends on the design,\" she said.")
    assert [(a.source_name, a.source_type) for a in found(text)] == [("Lin Haverford", "expert")] * 2
    text = "Peter Morgan leads the campaign. Mr. Morgan of the Sierra Club said the plan was weak."
    assert [a.source_name for a in found(text)] == ["Peter Morgan"]
    # Near misses: a title with no name before "of" is a role, and a body "of" a place stays a body.
    actors = AttributionConfig.default().actor_finder.find(parse("Chamber of Commerce officials met the Bank of England."))
    assert all(a.kind == "organisation" for a in actors.actors if a.kind != "country")


def test_a_member_of_a_named_body_is_an_unnamed_source():
    (a,) = found("A source at the Carrowmore Chamber of Commerce said the strike had cost millions.")
    assert (a.source_name, a.source_type, a.named) == ("source at the Carrowmore Chamber of Commerce", "unnamed",
                                                      False)
    (a,) = found("A librarian at Millbrook North High School told me she had removed several books.")
    assert (a.source_name, a.named) == ("librarian at Millbrook North High School", False)
    # Near misses: a document's owner, and a named person of the body, stay the source.
    (a,) = found("Prices rose, according to a report from the Carrowmore Chamber of Commerce.")
    assert (a.source_name, a.named) == ("Carrowmore Chamber of Commerce", True)
    (a,) = found("Chamber president Ann Lee of the Carrowmore Chamber of Commerce said the strike was costly.")
    assert a.named


def test_asking_not_to_be_named_is_no_speech():
    text = ("A librarian at Millbrook North High School, who asked not to be named because she feared "
            "losing her job, told me she had removed several books.")
    assert [a.cue for a in found(text)] == ["told"]
    assert [a.cue for a in found('One driver, who asked to remain anonymous, told the paper: "It was grim."')] == ["told"]
    # Near miss: a question is still asked.
    assert [a.cue for a in found("The council asked whether the donors would be named.")] == ["asked"]


def test_a_lone_quantifier_after_with_is_no_speaker():
    text = ("Prof. Lin Haverford said studies had found mixed results, with some showing a fall in homes "
            "and others showing little effect.")
    assert [a.source_name for a in found(text)] == ["Lin Haverford"]
    # Near misses: people after "with" still speak; a plain "Some" is an unnamed source with a name.
    assert "shoppers" in [a.source_name for a in found("The closure hit the town, with shoppers saying prices rose.")]
    (a,) = found("Some said the plan was reckless.")
    assert (a.source_name, a.named) == ("some", False)


def test_slamming_in_a_goal_is_no_criticism():
    text = "Ferrante slammed in a goal from the edge of the area in the 19th minute."
    assert not found(text)
    # Near miss: slamming a plan is still a (loaded) report.
    assert [a.cue for a in found("The mayor slammed the plan as reckless.")] == ["slammed"]


@pytest.mark.parametrize("text,name", [
    ("History shows that book-banning never stops at the first list.", "history"),
    ("Common sense tells us that no country can absorb numbers like these.", "common sense"),
    ("Everyone knows the plan will fail.", "everyone"),
    ("Studies show that fermented foods can improve gut health.", "studies"),
    ("Tenant groups say evictions have exploded.", "tenant groups"),
    ("Landlord groups said the cap would drive investors out.", "landlord groups"),
])
def test_abstract_and_collective_appeals_are_unnamed_sources(text, name):
    a = one(text)
    assert (a.source_name, a.source_type, a.named) == (name, "unnamed", False)
    balance = attribution_balance(text).balance
    assert balance.unnamed_share == 1.0
    # "Studies" opening a sentence is no institution, so no voice gap either.
    assert not [g for g in balance.voice_gap if g.actor.lower() == name]


def test_named_bodies_and_documents_near_abstract_appeals_stay_as_they_were():
    (a,) = found("The Institute for Fiscal Studies said the cuts would hurt the poorest.")
    assert (a.source_name, a.source_type, a.named) == ("Institute for Fiscal Studies", "expert", True)
    (a,) = found("The History Society said the hall should be listed.")
    assert (a.source_type, a.named) == ("organisation", True)
    (a,) = found("A study said the tea had no effect.")
    assert (a.source_type, a.named) == ("document", False)
    text = "The Kora Freedom Front met on Monday. The group said it would fight on."
    assert [a.source_name for a in found(text)][-1] == "Kora Freedom Front"


def _people(text: str) -> list[str]:
    actors = AttributionConfig.default().actor_finder.find(parse(text))
    return [a.name for a in actors.actors if a.kind == "person"]


@pytest.mark.parametrize("text", [
    "Rents in Port Alder have soared to a record high.",
    "The noise in the villages of Oakhurst and Little Denton has fallen.",
    "Mrs. Patricia Lowe has lived in Oakhurst Green for 40 years.",
    "Fort Pierce residents were shocked.",
    "\"It's insane. Nobody I know can afford to live here,\" she said.",
    "\"Now I dread the summer,\" she said.",
])
def test_places_and_pronouns_are_no_people(text):
    assert [p for p in _people(text) if p != "Patricia Lowe"] == []


def test_she_skips_a_place_for_the_woman_before_it():
    text = ("Mrs. Patricia Lowe, 71, who has lived in Little Denton for 40 years, said the noise had become "
            "a misery. “I used to love living here,” she said.")
    assert [a.source_name for a in found(text)] == ["Patricia Lowe", "Patricia Lowe"]


def test_people_near_place_cues_stay_people():
    # A title, a given name or a possessive is a person cue; "from" is no place cue.
    assert _people("The debate was won in Mrs. Little Smith's view.") == ["Little Smith"]
    assert _people("The rally in Gary Pitt's home town was loud.") == ["Gary Pitt"]
    assert _people("Trust was placed in John Harker by the board.") == ["John Harker"]
    assert _people("A letter from Owen Marsh said the runway was safe.") == ["Owen Marsh"]
    assert _people("Kayla Brandt, a nurse, said her rent rose.") == ["Kayla Brandt"]


def _affiliation_of(text: str, person: str) -> str | None:
    actors = AttributionConfig.default().actor_finder.find(parse(text))
    (actor,) = [a for a in actors.actors if a.name == person]
    return actors.actor(actor.affiliation).name if actor.affiliation is not None else None


def test_a_short_form_of_a_club_before_a_role_is_the_affiliation():
    text = ("Kestrel Bay United beat Ironvale Athletic 3-2. Ironvale manager Gareth Lyle admitted his side "
            "had tired. Kestrel Bay manager Rachel Dunmore said her players never stopped.")
    assert _affiliation_of(text, "Gareth Lyle") == "Ironvale Athletic"
    assert _affiliation_of(text, "Rachel Dunmore") == "Kestrel Bay United"
    gap = [g.actor for g in attribution_balance(text).balance.voice_gap]
    assert "Ironvale Athletic" not in gap and "Kestrel Bay United" not in gap
    # Near misses: another club's manager, and a country word that opens a body's name.
    text = "Ironvale Athletic lost the final. Riverside manager Jo Reid said the pitch was poor."
    assert _affiliation_of(text, "Jo Reid") is None
    assert "Ironvale Athletic" in [g.actor for g in attribution_balance(text).balance.voice_gap]
    text = "The Pakistan Cricket Board met on Monday. Pakistan coach Ali Malik said the side was tired."
    assert _affiliation_of(text, "Ali Malik") is None
    # A person's name before the role is their circle, not a body that shares the name.
    text = ("Bill Clinton spoke at the Clinton Foundation gala. Clinton spokesman Nick Merrill said the "
            "donors were vetted.")
    assert _affiliation_of(text, "Nick Merrill") is None


def test_a_person_in_apposition_to_a_role_speaks_for_the_body():
    text = ("Landlord groups slammed the proposal. Ray Okafor, president of the Alder Rental Housing Council, "
            "said rent caps would drive investors out.")
    assert _affiliation_of(text, "Ray Okafor") == "Alder Rental Housing Council"
    assert "Alder Rental Housing Council" not in [g.actor for g in attribution_balance(text).balance.voice_gap]
    # The body's name before the title ties them too.
    text = "Alder Rental Housing Council president Ray Okafor said rent caps would drive investors out."
    assert _affiliation_of(text, "Ray Okafor") == "Alder Rental Housing Council"
    # An age may stand between; "at" and "for" tie as "of" does.
    text = "Marta Lowe, 52, chief economist at Greystone Lending Corp., said demand was high."
    assert _affiliation_of(text, "Marta Lowe") == "Greystone Lending Corp"


@pytest.mark.parametrize("text", [
    # No title in the apposition: a tenant is no officer of the council.
    "Ray Okafor, a tenant of the Alder Rental Housing Council, said rents would rise.",
    # The body's name does not close the apposition: the role is in another group.
    "Ray Okafor, president of the Alder Rental Housing Council's tenants group, said rents would rise.",
    # A clause, not a role: he met the council's president.
    "Ray Okafor, who met the president of the Alder Rental Housing Council, said rents would rise.",
    # The body is named after the verb, in apposition to nothing of his.
    "Ray Okafor said the Alder Rental Housing Council, the biggest landlord, was wrong.",
])
def test_near_misses_of_apposition_leave_the_body_unheard(text):
    assert _affiliation_of(text, "Ray Okafor") is None
    assert "Alder Rental Housing Council" in [g.actor for g in attribution_balance(text).balance.voice_gap]


def test_a_bare_institution_word_is_the_one_body_named_with_it():
    text = ("Fenmouth Airport has applied to extend its hours. In a statement, the airport said the change "
            "would create jobs. The airport claimed that noise had fallen.")
    assert [(a.source_name, a.source_type, a.named) for a in found(text)] == [
        ("Fenmouth Airport", "organisation", True)] * 2
    # A headline's capitalised "Airport" is the airport the headline above it named.
    text = ("Residents fight Fenmouth Airport plan\n\nAirport wants to extend its hours\n\n"
            "Fenmouth Airport has applied to extend its hours, residents said.")
    assert found(text)[0].source_name == "Fenmouth Airport"


def test_a_bare_institution_word_with_two_bodies_or_none_stays_unnamed():
    # Two airports named: "the airport" could be either.
    text = ("Fenmouth Airport wants longer hours, as does Carrow Airport. The airport said the change "
            "would create jobs.")
    a = one(text)
    assert (a.source_name, a.named) == ("airport", False)
    # None named: it stays the unnamed word it was.
    a = one("The airport said the change would create jobs.")
    assert (a.source_name, a.named) == ("airport", False)
    # A modifier of the speaker, not the speaker: "Airport staff" are not the airport.
    text = "Fenmouth Airport wants longer hours. Airport staff said the change would create jobs."
    assert one(text).source_name != "Fenmouth Airport"
    # A body named only after the word does not count.
    text = "The airport said the change would create jobs. Fenmouth Airport has applied to extend its hours."
    assert one(text).named is False


def _type_of(text: str, person: str) -> str:
    actors = AttributionConfig.default().actor_finder.find(parse(text))
    (actor,) = [a for a in actors.actors if a.name == person]
    return actor.type


def test_a_captain_or_superintendent_tied_to_a_club_or_school_is_a_person():
    # A sentence that mentions him names his club, by a short form of its name.
    text = ("Kestrel Bay United won the County Cup. Captain Sam Whitlow won a corner. Whitlow, who joined "
            "Kestrel Bay as a 16-year-old, lifted the cup.")
    assert _type_of(text, "Sam Whitlow") == "person"
    # The school body named in her sentence.
    text = ("Superintendent Karen Holt told the Millbrook Board of Education that the books would be "
            "reviewed.")
    assert _type_of(text, "Karen Holt") == "person"
    # Her affiliation, named in an earlier sentence and tied by the word before her title.
    text = ("The Millbrook School District met on Monday. District superintendent Karen Holt said the "
            "books would be reviewed.")
    assert _affiliation_of(text, "Karen Holt") == "Millbrook School District"
    assert _type_of(text, "Karen Holt") == "person"


@pytest.mark.parametrize("text, person, kind", [
    # No school or sports body in the text: the title's first sense stands (the
    # library column's "Superintendent Karen Holt" is left so, for want of a signal).
    ("Superintendent Karen Holt said the books would be reviewed by teachers.", "Karen Holt", "police"),
    ("Captain Sam Whitlow won a corner.", "Sam Whitlow", "military"),
    # A club named in another sentence does not reach him.
    ("Kestrel Bay United won the cup. Captain Tom Reid said the frigate had docked.", "Tom Reid", "military"),
    # "United" opens the body's name here; it closes a club's.
    ("Captain Tom Reid told the United Nations mission that the road was mined.", "Tom Reid", "military"),
    # A title with no civilian sense is never overridden.
    ("Major Tom Reid told Kestrel Bay United fans that the road was shut.", "Tom Reid", "military"),
])
def test_two_sense_titles_keep_their_first_sense_without_a_civil_body(text, person, kind):
    assert _type_of(text, person) == kind


def test_opponents_of_a_body_do_not_make_it_heard():
    # They speak, unnamed, against the body: it stays in the voice gap. Its spokesperson
    # does make it heard.
    opponents = attribution_balance("The Alder Rental Housing Council set the rents. But opponents of the "
                                    "Alder Rental Housing Council said the rise was unfair.")
    assert [a.named for a in opponents.attributions] == [False]
    assert [g.actor for g in opponents.balance.voice_gap] == ["Alder Rental Housing Council"]
    spokesperson = attribution_balance("The Alder Rental Housing Council set the rents. A spokesperson for the "
                                       "Alder Rental Housing Council said the rise was fair.")
    assert [g.actor for g in spokesperson.balance.voice_gap] == []


def test_capitals_label_is_a_source_when_it_spells_a_named_persons_surname() -> None:
    text = ("Talks between the union and the company ended on Monday, union leader Jo Reid said.\n\n"
            "REID: We will strike if we must.\n\nSMITH: We will not.")
    labels = [a for a in find_attributions(parse(text)) if a.cue == ":"]
    assert [(a.source, text[a.content_start:a.content_end]) for a in labels] == [("REID", "We will strike if we must.")]


def test_results_are_built_as_their_init_would_build_them():
    """Actors and mentions are built by build_frozen, without the frozen dataclass's
    __init__: the fields must come out the same, all of them, in declaration order,
    and the class must have no __post_init__ that such building would skip. The parts
    of a report (attributions, source statistics) are built by their __init__ and keep
    their fields in slots, with no dictionary for the garbage collector to walk."""
    text = ('"We will not back down," Transport Minister Colm Farrell said on Monday. Officials told reporters '
            'the talks had failed, according to Reuters.')
    text += " The Harbour Workers Union and the Harbour Workers Union were not asked."
    result = attribution_balance(text)
    index = AttributionConfig.default().actor_finder.find(parse(text))
    assert result.attributions and result.balance.sources and result.balance.voice_gap and index.actors
    assert index.mentions
    for item in (*result.attributions, *result.balance.sources):
        assert not hasattr(item, "__dict__")
    for item in (*index.actors, *index.mentions):
        cls = type(item)
        assert not hasattr(cls, "__post_init__")
        assert list(vars(item)) == [f.name for f in dataclasses.fields(cls)]
        rebuilt = cls(**vars(item))
        assert rebuilt == item and hash(rebuilt) == hash(item) and repr(rebuilt) == repr(item)
        with pytest.raises(dataclasses.FrozenInstanceError):
            item.name = "someone"  # type: ignore[misc]


def test_label_sentences_are_those_with_a_colon_and_a_space():
    """Speaker labels are looked for only in the sentences with a colon, a space or tab
    and a word after it: exactly those where the label pattern can match at all."""
    from framing.attribution_finder import _LABEL_RE, Extractor, _colon_sentences

    text = ("Kick-off is at 10:30. Jo Reid said so.\n\nREID: We will strike.\n\nNote:\n\n"
            "The plan: none. SMITH:\tWe will not.\n\nEnd:")
    document = parse(text)
    config = AttributionConfig.default()
    ex = Extractor(document, config, config.actor_finder.find(document))
    found = _colon_sentences(ex)
    assert [s.index for s in found] == sorted({s.index for s in found})
    assert {s.index for s in found if _LABEL_RE.match(text, s.start, s.end)} == \
        {s.index for s in document.sentences if _LABEL_RE.match(text, s.start, s.end)} != set()
    assert all(":" in text[s.start:s.end] for s in found)
    assert "10:30" not in "".join(text[s.start:s.end] for s in found)
