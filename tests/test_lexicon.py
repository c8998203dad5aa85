"""Lexicon files: validation errors name the file and the right line."""

from __future__ import annotations

import pytest

from framing.lexicon import (
    DEFAULT_SCORE,
    LexiconError,
    check_unique_ids,
    id_clashes,
    load_lexicon,
    parse_lexicon,
)

# Line numbers below are 1-based lines of HEADER + ENTRY:
#  1 [lexicon]            7 [[entry]]          13 flag = [...]
#  2 name                 8 id                 14 pass = [...]
#  3 kind                 9 terms
#  4 description         10 category
#  5 provenance          11 severity
#  6 (blank)             12 explanation
HEADER = """\
[lexicon]
name = "test"
kind = "loaded_language"
description = "A test lexicon."
provenance = "Written for the test-suite."
"""

ENTRY = """
[[entry]]
id = "test.one"
terms = ["brutal"]
category = "emotive"
severity = "notice"
explanation = "Chosen for its emotional charge."
flag = ["A brutal attack."]
pass = ["A brutality report."]
"""


def error_of(text: str) -> LexiconError:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(text, "x.toml")
    return info.value


def assert_error(text: str, line: int, *fragments: str) -> None:
    err = error_of(text)
    assert err.path == "x.toml"
    assert err.line == line, f"expected line {line}, got: {err}"
    assert str(err).startswith(f"x.toml:{line}: ")
    for fragment in fragments:
        assert fragment in str(err)


def test_valid_lexicon_parses_with_every_field():
    lex = parse_lexicon(HEADER + ENTRY, "x.toml")
    assert (lex.name, lex.kind, lex.description, lex.provenance, lex.version, lex.path) == (
        "test", "loaded_language", "A test lexicon.", "Written for the test-suite.", 1, "x.toml")
    (entry,) = lex.entries
    assert entry.id == "test.one"
    assert entry.terms == ("brutal",)
    assert entry.pattern is None
    assert entry.category == "emotive"
    assert entry.severity == "notice"
    assert entry.score == DEFAULT_SCORE["notice"] == 0.5
    assert entry.explanation == "Chosen for its emotional charge."
    assert entry.suggestion is None
    assert entry.case_sensitive is False
    assert entry.flag == ("A brutal attack.",)
    assert entry.passes == ("A brutality report.",)
    assert entry.lexicon == "test"
    assert entry.line == 7
    assert entry.location == "x.toml:7"
    assert lex.categories() == {"emotive": 1}


@pytest.mark.parametrize("severity,score", [("info", 0.25), ("notice", 0.5), ("warning", 0.8)])
def test_default_score_by_severity(severity, score):
    lex = parse_lexicon(HEADER + ENTRY.replace('"notice"', f'"{severity}"'), "x.toml")
    assert lex.entries[0].score == score


def test_explicit_score_and_suggestion_and_multiline_explanation():
    text = HEADER + ENTRY.replace(
        'explanation = "Chosen for its emotional charge."',
        'explanation = """Chosen for its\n   emotional charge."""\nsuggestion = " harsh "\nscore = 0.6',
    )
    entry = parse_lexicon(text, "x.toml").entries[0]
    assert entry.score == 0.6
    assert entry.suggestion == "harsh"
    assert entry.explanation == "Chosen for its emotional charge."


def test_missing_header():
    assert_error(ENTRY, 1, "missing the [lexicon] header")


def test_bad_kind():
    assert_error(HEADER.replace('"loaded_language"', '"loaded"') + ENTRY, 3, "kind must be one of")


def test_bad_name():
    assert_error(HEADER.replace('"test"', '"My Words"') + ENTRY, 2, "name 'My Words'")


def test_missing_description_points_at_the_header():
    assert_error(HEADER.replace('description = "A test lexicon."\n', "") + ENTRY, 1, "'description'")


def test_bad_version():
    assert_error(HEADER + "version = 0\n" + ENTRY, 6, "version must be a positive integer")


def test_bad_category():
    assert_error(HEADER + ENTRY.replace('"emotive"', '"nasty"'), 10, "entry 'test.one'", "category must be one of")


def test_category_of_another_kind_is_refused():
    # common_knowledge belongs to generalisation lexicons, not loaded_language ones.
    assert_error(HEADER + ENTRY.replace('"emotive"', '"common_knowledge"'), 10, "category must be one of")


def test_bad_severity():
    assert_error(HEADER + ENTRY.replace('"notice"', '"high"'), 11, "entry 'test.one'", "severity must be one of info, notice, warning")


def test_bad_severity_in_a_later_entry():
    second = ENTRY.replace("test.one", "test.two").replace('"notice"', '"loud"')
    # second entry: [[entry]] at 16, severity at 20
    assert_error(HEADER + ENTRY + second, 20, "entry 'test.two'", "severity")


def test_key_inside_a_multiline_string_of_an_earlier_entry_does_not_confuse_lines():
    first = ENTRY.replace(
        'explanation = "Chosen for its emotional charge."',
        'explanation = """Chosen for its\nseverity = "x"\nemotional charge."""',
    )
    second = ENTRY.replace("test.one", "test.two").replace('"notice"', '"loud"')
    # first entry spans lines 7-16; second: [[entry]] 18, severity 22
    assert_error(HEADER + first + second, 22, "entry 'test.two'")


def test_bad_score():
    assert_error(HEADER + ENTRY.replace("flag =", "score = 2\nflag ="), 13, "score must be a number from 0 to 1")


def test_missing_explanation():
    assert_error(HEADER + ENTRY.replace('explanation = "Chosen for its emotional charge."\n', ""), 7,
                 "entry 'test.one'", "'explanation' must be a non-empty string")


def test_blank_explanation():
    assert_error(HEADER + ENTRY.replace('"Chosen for its emotional charge."', '"   "'), 12, "'explanation'")


def test_empty_suggestion():
    text = HEADER + ENTRY.replace("flag =", 'suggestion = ""\nflag =')
    assert_error(text, 13, "entry 'test.one'", "'suggestion' must be a non-empty string")


def test_both_terms_and_pattern():
    text = HEADER + ENTRY.replace('terms = ["brutal"]', 'terms = ["brutal"]\npattern = "brutal(ly)?"')
    assert_error(text, 7, "exactly one of 'terms' or 'pattern'")


def test_neither_terms_nor_pattern():
    assert_error(HEADER + ENTRY.replace('terms = ["brutal"]\n', ""), 7, "exactly one of 'terms' or 'pattern'")


def test_empty_term():
    assert_error(HEADER + ENTRY.replace('["brutal"]', '["brutal", " "]'), 9, "'terms' must be a list of non-empty strings")


def test_invalid_regex_pattern():
    text = HEADER + ENTRY.replace('terms = ["brutal"]', 'pattern = "brut(al"')
    assert_error(text, 9, "'pattern' is not a valid regular expression")


def test_variable_width_look_behind_is_refused():
    # The one error Python's regex compiler adds to its parser's: validation catches it too.
    text = HEADER + ENTRY.replace("flag =", "preceded_by = '(?<=the|an) $'\nflag =")
    assert_error(text, 13, "look-behind requires fixed-width pattern")


@pytest.mark.parametrize("key", ["followed_by", "not_followed_by", "preceded_by", "not_preceded_by"])
def test_invalid_context_regex(key):
    text = HEADER + ENTRY.replace("flag =", f'{key} = "[a"\nflag =')
    assert_error(text, 13, f"'{key}' is not a valid regular expression")


def test_bad_case_value():
    assert_error(HEADER + ENTRY.replace("flag =", 'case = "upper"\nflag ='), 13, "case must be")


def test_duplicate_id():
    # the second [[entry]] header is line 16
    assert_error(HEADER + ENTRY + ENTRY, 16, "entry 'test.one': duplicate id (first at line 7)")


def test_bad_id():
    assert_error(HEADER + ENTRY.replace('"test.one"', '"NoDots"'), 8, "'id' must be a dotted lower-case id")


def test_no_flag_example():
    assert_error(HEADER + ENTRY.replace('flag = ["A brutal attack."]\n', ""), 7, "needs at least one 'flag' example")


def test_empty_flag_list():
    assert_error(HEADER + ENTRY.replace('["A brutal attack."]', "[]"), 13, "needs at least one 'flag' example")


def test_category_without_pass_example():
    second = (ENTRY.replace("test.one", "test.two").replace('"emotive"', '"intensifier"')
              .replace('pass = ["A brutality report."]\n', ""))
    # the intensifier category (second entry, line 16) has no pass example
    assert_error(HEADER + ENTRY + second, 16, "category 'intensifier' has no 'pass' example")


def test_pass_example_in_one_entry_covers_its_category():
    second = ENTRY.replace("test.one", "test.two").replace('pass = ["A brutality report."]\n', "")
    lex = parse_lexicon(HEADER + ENTRY + second, "x.toml")
    assert [e.id for e in lex.entries] == ["test.one", "test.two"]
    assert [e.line for e in lex.entries] == [7, 16]


def test_unknown_entry_key():
    assert_error(HEADER + ENTRY.replace("flag =", 'colour = "red"\nflag ='), 13, "entry 'test.one': unknown key 'colour'")


def test_unknown_header_key():
    text = HEADER.replace("provenance", 'author = "me"\nprovenance') + ENTRY
    assert_error(text, 5, "[lexicon]: unknown key 'author'")


def test_unknown_top_level_key():
    assert_error("title = 'x'\n" + HEADER + ENTRY, 1, "unknown top-level key(s): title")


def test_no_entries():
    assert_error(HEADER, 1, "no [[entry]] tables")


def test_toml_syntax_error():
    assert_error(HEADER + ENTRY.replace('severity = "notice"', "severity = notice"), 11, "not valid TOML")


def test_comment_lines_before_the_header_keep_line_numbers():
    text = "# My lexicon\n# second comment line\n" + HEADER + ENTRY.replace('"notice"', '"loud"')
    assert_error(text, 13, "severity")


def test_toml_error_at_end_of_document_points_at_the_last_line():
    text = HEADER + ENTRY + 'note = "unterminated'
    assert_error(text, len(text.splitlines()), "not valid TOML")


def test_unknown_quoted_key_points_at_its_line():
    assert_error(HEADER + ENTRY.replace("flag =", '"colour" = "red"\nflag ='), 13, "unknown key 'colour'")


def test_boilerplate_kind_needs_no_severity_or_pass():
    text = """\
[lexicon]
name = "furniture"
kind = "boilerplate"
description = "d"
provenance = "p"

[[entry]]
id = "boilerplate.test"
pattern = "^Advert"
category = "boilerplate"
explanation = "An advert."
flag = ["Advert here"]
"""
    lex = parse_lexicon(text, "b.toml")
    assert lex.entries[0].severity == "info"
    assert lex.entries[0].pattern == "^Advert"


# --- loading files ------------------------------------------------------------------


def test_load_lexicon_from_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + ENTRY, encoding="utf-8")
    lex = load_lexicon(path)
    assert lex.path == str(path)
    assert lex.entries[0].location == f"{path}:7"


def test_load_lexicon_errors_name_the_real_path(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(HEADER + ENTRY.replace('"notice"', '"loud"'), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value).startswith(f"{path}:11: ")


def test_load_lexicon_with_utf8_bom(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + ENTRY).encode("utf-8"))
    assert load_lexicon(path).name == "test"


def test_load_lexicon_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value).startswith(str(path) + ":")
    assert "cannot read a lexicon file" in str(info.value)


def test_load_lexicon_directory(tmp_path):
    with pytest.raises(LexiconError) as info:
        load_lexicon(tmp_path)
    assert str(info.value).startswith(str(tmp_path) + ":")
    assert "is a directory" in str(info.value)


def test_load_lexicon_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes((HEADER + ENTRY).encode("utf-8").replace(b"A brutal attack.", b"A brutal caf\xe9."))
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert info.value.line == 13
    assert "not UTF-8" in str(info.value)


def test_lexicon_error_is_a_value_error():
    assert issubclass(LexiconError, ValueError)


def test_check_unique_ids_across_files():
    a = parse_lexicon(HEADER + ENTRY, "a.toml")
    b = parse_lexicon(HEADER.replace('"test"', '"other"') + "\n\n" + ENTRY, "b.toml")
    check_unique_ids([a])  # no error on its own
    with pytest.raises(LexiconError) as info:
        check_unique_ids([a, b])
    assert str(info.value) == "b.toml:9: entry 'test.one': id already used at a.toml:7"


def test_id_clashes_lists_every_reused_id_where_it_is_reused(tmp_path):
    a = parse_lexicon(HEADER + ENTRY, tmp_path / "a.toml")
    b = parse_lexicon(HEADER.replace('"test"', '"other"') + "\n\n" + ENTRY + ENTRY.replace("test.one", "test.two"),
                      tmp_path / "b.toml")
    assert id_clashes(b, [a]) == [f"{tmp_path / 'b.toml'}:9: entry 'test.one': id already used at {tmp_path / 'a.toml'}:7"]
    assert id_clashes(a, [a]) == []  # the same file is no clash


def test_lexicon_file_problems(tmp_path):
    from framing.lexicon_check import lexicon_file_problems

    good = tmp_path / "good.toml"
    good.write_text(HEADER + ENTRY, encoding="utf-8")
    lexicon, problems = lexicon_file_problems(good)
    assert (lexicon.name, problems) == ("test", [])
    reused = tmp_path / "reused.toml"
    reused.write_text(HEADER + ENTRY.replace("test.one", "hedge.may").replace("A brutal attack.", "Calm."),
                      encoding="utf-8")
    _, problems = lexicon_file_problems(reused)
    assert len(problems) == 2
    assert problems[0].startswith(f"{reused}:7: entry 'hedge.may': id already used at ")
    assert problems[1] == f"{reused}:7: entry 'hedge.may': flag example does not flag: 'Calm.'"
    with pytest.raises(LexiconError):
        lexicon_file_problems(tmp_path / "missing.toml")


# --- shipped lexicons load without re-parsing their context rules ------------------------


def test_every_shipped_lexicon_passes_the_full_regex_check():
    # shipped_lexicons() skips parsing the context rules on every start; this is the
    # check that makes that safe.
    from framing.lexicon import load_lexicon, shipped_lexicon_paths

    for path in shipped_lexicon_paths():
        load_lexicon(path, check_regexes=True)


def test_an_unchecked_broken_rule_fails_with_file_and_line_when_used():
    from framing.document import parse
    from framing.matcher import Matcher

    text = HEADER + ENTRY.replace("flag =", 'followed_by = "(unclosed"\nflag =')
    with pytest.raises(LexiconError):
        parse_lexicon(text, "x.toml")  # checked: refused at once
    lexicon = parse_lexicon(text, "x.toml", check_regexes=False)
    with pytest.raises(LexiconError) as caught:
        Matcher(lexicon.entries).find(parse("A brutal attack."))
    assert str(caught.value).startswith("x.toml:7: ") and "'followed_by' is not a valid regular expression" in str(caught.value)


def test_an_unchecked_rule_must_still_be_a_string():
    text = HEADER + ENTRY.replace("flag =", "followed_by = 3\nflag =")
    with pytest.raises(LexiconError, match="x.toml:13: .*'followed_by' must be a non-empty regular expression"):
        parse_lexicon(text, "x.toml", check_regexes=False)


def test_cli_reports_a_rule_broken_at_use_as_a_lexicon_error(monkeypatch, capsys):
    import cli

    def broken(*args, **kwargs):
        raise LexiconError("x.toml", 7, "entry 'test.one': 'followed_by' is not a valid regular expression")

    monkeypatch.setattr(cli.cli, "main", broken)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == int(cli.ExitCode.BAD_LEXICON)
    assert capsys.readouterr().err.strip() == ("framing: error: x.toml:7: entry 'test.one': "
                                                "'followed_by' is not a valid regular expression")


# --- named fragments shared by several entries ---------------------------------------------

FRAGMENTS = HEADER + '''
[lexicon.fragments]
SAY = 'say|says|said'
'''


def test_fragments_expand_in_patterns_and_rules():
    text = FRAGMENTS + ENTRY.replace('terms = ["brutal"]', "pattern = 'critics\\s+(?:{SAY})'").replace(
        "flag =", "not_followed_by = '\\s+(?:{SAY})'\nflag =").replace(
        '["A brutal attack."]', '["Critics said it was wrong."]').replace('["A brutality report."]', '["Critics of it."]')
    entry = parse_lexicon(text, "x.toml").entries[0]
    assert entry.pattern == "critics\\s+(?:(?:say|says|said))"
    assert entry.not_followed_by == "\\s+(?:(?:say|says|said))"
    # the regex quantifier {0,3} is no fragment
    plain = parse_lexicon(FRAGMENTS + ENTRY.replace('terms = ["brutal"]', "pattern = 'brutal(?:ly){0,1}'"), "x.toml")
    assert plain.entries[0].pattern == "brutal(?:ly){0,1}"


def test_an_undefined_fragment_is_refused_at_its_line():
    text = FRAGMENTS + ENTRY.replace('terms = ["brutal"]', "pattern = 'critics\\s+{CLAIM}'")
    assert_error(text, 12, "{CLAIM}", "does not define")


def test_fragment_names_and_values_are_checked():
    assert_error(HEADER + "\n[lexicon.fragments]\nsay = 'said'\n" + ENTRY, 8, "name 'say' must be upper case")
    assert_error(HEADER + "\n[lexicon.fragments]\nSAY = 'sa(id'\n" + ENTRY, 8, "'SAY' is not a valid regular expression")
