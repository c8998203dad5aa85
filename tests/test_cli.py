"""The command line: output formats, stdin, errors (one line, documented exit code, no
traceback), colour, the lexicon commands and ``python -m framing``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import framing
from cli import ExitCode, _use_colour, cli

ANSI = "\x1b["

GOOD_LEXICON = """\
[lexicon]
name = "mine"
kind = "loaded_language"
description = "My words."
provenance = "Written for the test-suite."

[[entry]]
id = "mine.airport"
terms = ["airport"]
category = "emotive"
severity = "notice"
explanation = "A test entry."
flag = ["The airport."]
pass = ["The airfield."]
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, **kwargs):
    return runner.invoke(cli, list(args), catch_exceptions=False, **kwargs)


def assert_one_error_line(result, code: ExitCode, *fragments: str) -> str:
    assert result.exit_code == int(code), (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def test_exit_codes_are_documented_values():
    assert [(c.name, int(c)) for c in ExitCode] == [
        ("OK", 0), ("INTERNAL_ERROR", 1), ("USAGE", 2), ("BAD_INPUT", 3), ("BAD_LEXICON", 4),
        ("OUTPUT_FAILED", 5),
    ]


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"framing, version {framing.__version__}\n"


def test_help(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    assert "Show how a news article frames its story" in result.stdout
    for command in ("report", "lexicon"):
        assert command in result.stdout
    assert run(runner, "-h").stdout == result.stdout


def _command_paths(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield [*prefix, name]
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))


COMMANDS = list(_command_paths(cli))


def test_the_documented_commands_exist():
    for command in (["report"], ["lexicon"], ["lexicon", "list"], ["lexicon", "show"], ["lexicon", "check"]):
        assert command in COMMANDS


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert len(result.stdout.splitlines()) > 3
    # every command says what it does in a line of its own
    assert result.stdout.splitlines()[2].strip()


def test_report_text(runner, corpus_article):
    result = run(runner, "report", str(corpus_article))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"framing report: {corpus_article}\n")
    assert "¶1 " in result.stdout
    assert "Summary" in result.stdout
    assert "boilerplate" in result.stdout
    assert ANSI not in result.stdout


def test_report_json(runner, corpus_article):
    result = run(runner, "report", "--format", "json", str(corpus_article))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "framing.report/1"
    assert data["source"] == str(corpus_article)
    text = corpus_article.read_text(encoding="utf-8")
    assert data["paragraphs"]
    for p in data["paragraphs"]:
        assert text[p["start"]:p["end"]].strip() == text[p["start"]:p["end"]]
        for f in p["findings"]:
            assert text[f["start"]:f["end"]] == f["text"]
    assert data["summary"]["paragraphs"]["boilerplate"] >= 1


def test_report_json_several_files_is_an_array(runner, corpus_dir):
    paths = sorted(corpus_dir.glob("*.txt"))[:3]
    result = run(runner, "report", "--format", "json", *map(str, paths))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [d["source"] for d in data] == [str(p) for p in paths]


def test_report_json_shape_follows_the_files_given_not_those_read(runner, corpus_article, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run(runner, "report", "--format", "json", "--no-model", str(corpus_article), str(missing))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(missing))
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [d["source"] for d in data] == [str(corpus_article)]


def test_report_json_of_several_unreadable_files_is_an_empty_array(runner, tmp_path):
    result = run(runner, "report", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.exit_code == int(ExitCode.BAD_INPUT)
    assert len(result.stderr.splitlines()) == 2
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_report_json_of_one_unreadable_file_is_nothing(runner, tmp_path, fmt):
    result = run(runner, "report", "--format", fmt, str(tmp_path / "a.txt"))
    assert_one_error_line(result, ExitCode.BAD_INPUT, "no such file")
    assert result.stdout == ""


def test_report_jsonl_of_unreadable_files_is_one_line_per_file_read(runner, corpus_article, tmp_path):
    result = run(runner, "report", "--format", "jsonl", "--no-model", str(tmp_path / "a.txt"), str(corpus_article),
                 str(tmp_path / "b.txt"))
    assert result.exit_code == int(ExitCode.BAD_INPUT)
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(corpus_article)]
    result = run(runner, "report", "--format", "jsonl", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.stdout == ""


def test_report_jsonl_one_line_per_file(runner, corpus_dir):
    paths = sorted(corpus_dir.glob("*.txt"))[:3]
    result = run(runner, "report", "--format", "jsonl", *map(str, paths))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(paths) == 3
    assert [json.loads(line)["source"] for line in lines] == [str(p) for p in paths]


def test_report_several_files_text(runner, corpus_dir):
    paths = sorted(corpus_dir.glob("*.txt"))[:2]
    result = run(runner, "report", *map(str, paths))
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line.startswith("framing report: ")] == [
        f"framing report: {p}" for p in paths
    ]


def test_report_stdin(runner):
    result = run(runner, "report", "--format", "json", "-", input="The council met on Tuesday.\n")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert [(p["start"], p["end"], p["kind"]) for p in data["paragraphs"]] == [(0, 27, "body")]


def test_report_stdin_empty(runner):
    result = run(runner, "report", "-", input="")
    assert_one_error_line(result, ExitCode.BAD_INPUT, "<stdin>", "is empty")
    assert result.stdout == ""


def test_report_same_json_as_the_library(runner, corpus_article):
    from framing.report import analyse

    result = run(runner, "report", "--format", "json", str(corpus_article))
    text = corpus_article.read_text(encoding="utf-8")
    assert json.loads(result.stdout) == analyse(text, source=str(corpus_article)).to_dict()


# --- errors ------------------------------------------------------------------------------


def test_missing_file(runner, tmp_path):
    path = tmp_path / "nope.txt"
    result = run(runner, "report", str(path))
    line = assert_one_error_line(result, ExitCode.BAD_INPUT)
    assert line == f"framing: error: {path}: no such file"
    assert result.stdout == ""


def test_directory(runner, tmp_path):
    result = run(runner, "report", str(tmp_path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(tmp_path), "is a directory")


def test_binary_file(runner, tmp_path):
    path = tmp_path / "image.bin"
    path.write_bytes(b"GIF89a\x00\x01\x00\x00")
    result = run(runner, "report", str(path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(path), "binary")


def test_empty_file(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run(runner, "report", str(path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(path), "is empty")


def test_non_utf8_file_is_read_with_a_note(runner, tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"The caf\xe9 opened on Monday.\n")
    result = run(runner, "report", "--format", "json", str(path))
    line = assert_one_error_line(result, ExitCode.OK, "note:", "not valid UTF-8", "Windows-1252")
    assert line.startswith("framing: note: ")
    data = json.loads(result.stdout)
    assert data["paragraphs"][0]["end"] == len("The café opened on Monday.")


def test_bad_encoding_name(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met.", encoding="utf-8")
    result = run(runner, "report", "--encoding", "no-such-codec", str(path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, "unknown encoding 'no-such-codec'")


def test_a_stray_byte_does_not_turn_quoted_speech_into_the_authors(runner, corpus_dir):
    # (cat harbour-strike-wire.txt; printf '\nCopyright \xa9 2024.\n') | framing report -
    clean = (corpus_dir / "harbour-strike-wire.txt").read_bytes()
    result = run(runner, "report", "--format", "json", "--no-model", "-", input=clean + b"\nCopyright \xa9 2024.\n")
    line = assert_one_error_line(result, ExitCode.OK, "note:", "1 byte is not valid UTF-8", "U+FFFD")
    assert "Windows-1252" not in line
    expected = run(runner, "report", "--format", "json", "--no-model", "-", input=clean + b"\nCopyright 2024.\n")
    paragraphs = json.loads(result.stdout)["paragraphs"]
    assert paragraphs[:-1] == json.loads(expected.stdout)["paragraphs"][:-1]
    assert any(a["direct"] for p in paragraphs for a in p["attributions"])


def test_utf16_file_with_a_byte_order_mark(runner, tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("The council met on Tuesday.\n".encode("utf-16"))
    result = run(runner, "report", "--format", "json", "--no-model", str(path))
    assert_one_error_line(result, ExitCode.OK, "note:", "read as UTF-16")
    assert json.loads(result.stdout)["paragraphs"][0]["end"] == len("The council met on Tuesday.")


@pytest.mark.parametrize("codec", ["base64", "rot13", "hex"])
def test_non_text_codec(runner, tmp_path, codec):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text("The council met.", encoding="utf-8")
    result = run(runner, "report", "--encoding", codec, *map(str, paths))
    line = assert_one_error_line(result, ExitCode.BAD_INPUT)
    assert line == f"framing: error: '{codec}' is not a text encoding; give one such as utf-8 or cp1252"
    assert result.stdout == ""


def test_one_bad_file_among_good_ones(runner, corpus_article, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run(runner, "report", "--format", "jsonl", str(corpus_article), str(missing))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(missing))
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["source"] == str(corpus_article)


def test_broken_lexicon(runner, corpus_article, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD_LEXICON.replace('severity = "notice"', 'severity = "loud"'), encoding="utf-8")
    result = run(runner, "report", "--lexicon", str(path), str(corpus_article))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON)
    assert line.startswith(f"framing: error: {path}:11: ")
    assert "severity must be one of" in line
    assert result.stdout == ""


def test_missing_lexicon(runner, corpus_article, tmp_path):
    path = tmp_path / "nope.toml"
    result = run(runner, "report", "--lexicon", str(path), str(corpus_article))
    assert_one_error_line(result, ExitCode.BAD_LEXICON, str(path), "cannot read a lexicon file")


def test_a_user_lexicon_is_read_once(runner, corpus_article, tmp_path, monkeypatch):
    # (It is checked as lexicon check does, then added: the same reading serves both.)
    import framing.lexicon

    path = tmp_path / "mine.toml"
    path.write_text(GOOD_LEXICON, encoding="utf-8")
    reads = []
    real = framing.lexicon.read_utf8
    monkeypatch.setattr(framing.lexicon, "read_utf8", lambda p, what: reads.append(p) or real(p, what))
    result = run(runner, "report", "--no-model", "--lexicon", str(path), str(corpus_article))
    assert result.exit_code == 0, result.stderr
    assert [p for p in reads if str(p) == str(path)] == [path]


def test_user_lexicon_adds_findings(runner, corpus_article, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_LEXICON, encoding="utf-8")
    result = run(runner, "report", "--format", "json", "--lexicon", str(path), str(corpus_article))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    rules = [f["rule"] for p in data["paragraphs"] for f in p["findings"]]
    assert "mine.airport" in rules
    # --allow takes it away again
    result = run(runner, "report", "--format", "json", "--lexicon", str(path), "--allow", "Airport",
                 str(corpus_article))
    data = json.loads(result.stdout)
    assert "mine.airport" not in [f["rule"] for p in data["paragraphs"] for f in p["findings"]]


def test_allow_applies_to_loaded_language_and_scare_quotes_only(runner, tmp_path):
    # as the help and the README say: hedges, boosters and generalisations stay
    path = tmp_path / "a.txt"
    path.write_text('Critics attacked the "reforms". The plan may fail. Everyone knows the minister slammed '
                    "the union.\n", encoding="utf-8")

    def found(*allow: str) -> set[tuple[str, str]]:
        args = [a for word in allow for a in ("--allow", word)]
        result = run(runner, "report", "--format", "json", "--no-model", *args, str(path))
        assert result.exit_code == 0, result.stderr
        return {(f["kind"], f["text"]) for p in json.loads(result.stdout)["paragraphs"] for f in p["findings"]}

    everything = found()
    assert {("loaded_language", '"reforms"'), ("loaded_language", "slammed"), ("hedge", "may"),
            ("generalisation", "Everyone knows")} <= everything
    allowed = found("reforms", "slammed", "may", "everyone knows")
    assert allowed == everything - {("loaded_language", '"reforms"'), ("loaded_language", "slammed")}
    help_text = " ".join(run(runner, "report", "--help").stdout.split())
    assert "as loaded language (a lexicon word or a scare quote); hedges, boosters and generalisations are " \
           "still reported" in help_text


def test_allow_file(runner, corpus_article, tmp_path):
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(GOOD_LEXICON, encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("# words my class accepts\nairport\n", encoding="utf-8")
    result = run(runner, "report", "--format", "json", "--lexicon", str(lexicon), "--allow-file", str(allow),
                 str(corpus_article))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert "mine.airport" not in [f["rule"] for p in data["paragraphs"] for f in p["findings"]]


def test_missing_allow_file(runner, corpus_article, tmp_path):
    result = run(runner, "report", "--allow-file", str(tmp_path / "nope.txt"), str(corpus_article))
    assert_one_error_line(result, ExitCode.BAD_INPUT, "cannot read allow file")


# A bad file given to an option has the exit code of its kind of file, whether it is
# missing, a directory or unreadable: 4 for a lexicon, 3 for every other input.
FILE_OPTIONS = [("--lexicon", ExitCode.BAD_LEXICON), ("--allow-file", ExitCode.BAD_INPUT),
                ("--sides", ExitCode.BAD_INPUT), ("--model", ExitCode.BAD_INPUT)]


@pytest.mark.parametrize("option,code", FILE_OPTIONS, ids=[o for o, _ in FILE_OPTIONS])
@pytest.mark.parametrize("bad", ["missing", "directory", "unreadable"])
def test_a_bad_file_option_has_the_exit_code_of_its_kind(runner, corpus_article, tmp_path, option, code, bad):
    if bad == "missing":
        path = tmp_path / "nope.toml"
    elif bad == "directory":
        path = tmp_path
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads any file")
        path = tmp_path / "locked.toml"
        path.write_text(GOOD_LEXICON, encoding="utf-8")
        path.chmod(0)
    result = run(runner, "report", option, str(path), str(corpus_article))
    assert_one_error_line(result, code, str(path))
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["lexicon", "check"], ["compare", "A", "B", "--lexicon"],
                                     ["evaluate", "--data", "x", "--lexicon"]], ids=["check", "compare", "evaluate"])
def test_a_directory_for_a_lexicon_is_a_bad_lexicon(runner, tmp_path, command):
    result = run(runner, *command, str(tmp_path))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON)
    assert line.endswith(f"{tmp_path}: is a directory, not a lexicon file")


def test_usage_error(runner, corpus_article):
    result = run(runner, "report", "--format", "xml", str(corpus_article))
    assert result.exit_code == int(ExitCode.USAGE)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    # click's usage message, as the README describes it
    usage, hint, blank, error = result.stderr.splitlines()
    assert usage.startswith("Usage: ") and " report [OPTIONS] FILES..." in usage
    assert hint.startswith("Try '") and hint.endswith(" report --help' for help.")
    assert blank == ""
    assert error.startswith("Error: Invalid value for '--format'")


def test_report_needs_a_file(runner):
    result = run(runner, "report")
    assert result.exit_code == int(ExitCode.USAGE)


# --- colour ------------------------------------------------------------------------------


def test_no_color_option(runner, corpus_article):
    result = run(runner, "report", "--no-color", str(corpus_article), color=True)
    assert result.exit_code == 0
    assert ANSI not in result.stdout


def test_no_color_environment(runner, corpus_article):
    result = run(runner, "report", str(corpus_article), env={"NO_COLOR": "1"}, color=True)
    assert result.exit_code == 0
    assert ANSI not in result.stdout


def test_color_option_on_a_colour_terminal(runner, corpus_article):
    result = run(runner, "report", "--color", str(corpus_article), color=True)
    assert result.exit_code == 0
    assert ANSI in result.stdout
    # colour never changes the words
    plain = run(runner, "report", "--no-color", str(corpus_article)).stdout
    import click

    assert click.unstyle(result.stdout) == plain


def test_color_option_forces_colour_into_a_pipe(runner, corpus_article):
    result = run(runner, "report", "--color", str(corpus_article))  # runner output is not a TTY
    assert ANSI in result.stdout


class _Stdout:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    "choice,no_color,tty,expected",
    [
        (None, None, True, True),
        (None, "1", True, False),
        (None, "", True, True),  # an empty NO_COLOR is not set (no-color.org)
        (None, None, False, False),
        (True, "1", False, True),
        (False, None, True, False),
    ],
)
def test_use_colour_decision(monkeypatch, choice, no_color, tty, expected):
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys, "stdout", _Stdout(tty))
    assert _use_colour(choice) is expected


# --- lexicon commands ---------------------------------------------------------------------


def test_lexicon_list(runner):
    from framing.lexicon import shipped_lexicons

    result = run(runner, "lexicon", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(shipped_lexicons())
    for line, lex in zip(lines, shipped_lexicons()):
        assert line.split()[:3] == [lex.name, lex.kind, str(len(lex.entries))]
    assert any(line.startswith("boilerplate ") for line in lines)


def test_lexicon_show(runner):
    from framing.lexicon import shipped_lexicon

    lex = shipped_lexicon("boilerplate")
    result = run(runner, "lexicon", "show", "boilerplate")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"boilerplate (boilerplate, {len(lex.entries)} entries): ")
    for entry in lex.entries:
        assert entry.id in result.stdout
        assert entry.explanation in result.stdout


@pytest.mark.parametrize("name", ["hedges", "boosters", "generalisation-cues"])
def test_lexicon_show_labels_the_readers_question_as_report_does(runner, name):
    from framing.lexicon import shipped_lexicon

    result = run(runner, "lexicon", "show", name)
    assert result.exit_code == 0
    assert "neutral alternative:" not in result.stdout
    for entry in shipped_lexicon(name).entries:
        if entry.suggestion:
            assert f"  ask: {entry.suggestion}" in result.stdout


def test_lexicon_show_labels_a_loaded_words_suggestion_as_a_neutral_alternative(runner):
    result = run(runner, "lexicon", "show", "loaded-labels")
    assert "  neutral alternative: " in result.stdout
    assert "  ask: " not in result.stdout


def test_lexicon_show_file(runner, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_LEXICON, encoding="utf-8")
    result = run(runner, "lexicon", "show", str(path))
    assert result.exit_code == 0
    assert "mine.airport  [emotive, notice]  airport" in result.stdout


def test_lexicon_show_unknown(runner):
    result = run(runner, "lexicon", "show", "nosuch")
    assert_one_error_line(result, ExitCode.BAD_LEXICON, "no shipped lexicon called 'nosuch'")
    assert result.stdout == ""


def test_lexicon_check_good(runner, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD_LEXICON, encoding="utf-8")
    result = run(runner, "lexicon", "check", str(path))
    assert result.exit_code == 0
    assert result.stdout == f"ok: {path}: 1 entries, every example behaves\n"
    assert result.stderr == ""


def test_lexicon_check_shipped(runner):
    from framing.lexicon import shipped_lexicon_paths

    paths = [str(p) for p in shipped_lexicon_paths()]
    result = run(runner, "lexicon", "check", *paths)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(paths)


def test_lexicon_check_broken_file(runner, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD_LEXICON.replace('category = "emotive"', 'category = "nasty"'), encoding="utf-8")
    result = run(runner, "lexicon", "check", str(path))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON)
    assert line.startswith(f"{path}:10: entry 'mine.airport': category must be one of")
    assert result.stdout == ""


def test_lexicon_check_failing_example(runner, tmp_path):
    path = tmp_path / "wrong.toml"
    path.write_text(GOOD_LEXICON.replace('flag = ["The airport."]', 'flag = ["The airfield is shut."]'),
                    encoding="utf-8")
    result = run(runner, "lexicon", "check", str(path))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON)
    assert line == f"{path}:7: entry 'mine.airport': flag example does not flag: 'The airfield is shut.'"


def test_lexicon_check_reports_an_id_a_shipped_lexicon_uses(runner, tmp_path):
    from framing.lexicon import shipped_lexicon

    path = tmp_path / "clash.toml"
    path.write_text(GOOD_LEXICON.replace('id = "mine.airport"', 'id = "hedge.may"'), encoding="utf-8")
    shipped = next(e for e in shipped_lexicon("hedges").entries if e.id == "hedge.may")
    result = run(runner, "lexicon", "check", str(path))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON)
    assert line == f"{path}:7: entry 'hedge.may': id already used at {shipped.location}"
    assert result.stdout == ""


LEXICON_VARIANTS = {
    "good": GOOD_LEXICON,
    "shipped id": GOOD_LEXICON.replace('id = "mine.airport"', 'id = "hedge.may"'),
    "flag that does not flag": GOOD_LEXICON.replace('flag = ["The airport."]', 'flag = ["The airfield."]'),
    "pass that flags": GOOD_LEXICON.replace('pass = ["The airfield."]', 'pass = ["The airport shut."]'),
    "invalid": GOOD_LEXICON.replace('severity = "notice"', 'severity = "loud"'),
}


@pytest.mark.parametrize("variant", LEXICON_VARIANTS, ids=list(LEXICON_VARIANTS))
def test_report_lexicon_accepts_exactly_what_lexicon_check_accepts(runner, tmp_path, variant):
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON_VARIANTS[variant], encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The airport reopened on Monday.", encoding="utf-8")
    checked = run(runner, "lexicon", "check", str(path))
    reported = run(runner, "report", "--no-model", "--lexicon", str(path), str(article))
    assert checked.exit_code == reported.exit_code == (0 if variant == "good" else int(ExitCode.BAD_LEXICON))
    if variant != "good":
        # the same file:line message, once, as report's one error line
        line = assert_one_error_line(reported, ExitCode.BAD_LEXICON)
        assert line == f"framing: error: {checked.stderr.splitlines()[0]}"
        assert reported.stdout == ""


def test_report_lexicon_with_several_problems_is_still_one_line(runner, corpus_article, tmp_path):
    path = tmp_path / "wrong.toml"
    path.write_text(GOOD_LEXICON.replace('flag = ["The airport."]', 'flag = ["The airfield.", "A runway."]'),
                    encoding="utf-8")
    result = run(runner, "report", "--lexicon", str(path), str(corpus_article))
    line = assert_one_error_line(result, ExitCode.BAD_LEXICON, f"{path}:7:", "flag example does not flag")
    assert line.endswith(f"(and 1 more: see 'framing lexicon check {path}')")


def test_lexicon_check_good_and_broken(runner, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(GOOD_LEXICON, encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[lexicon\n", encoding="utf-8")
    result = run(runner, "lexicon", "check", str(good), str(broken))
    assert_one_error_line(result, ExitCode.BAD_LEXICON, f"{broken}:1:", "not valid TOML")
    assert result.stdout.startswith(f"ok: {good}:")


# --- python -m framing ---------------------------------------------------------------------


def _subprocess_env(repo_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo_root), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return env


def test_python_m_framing_version(repo_root):
    result = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True,
                            cwd=repo_root, env=_subprocess_env(repo_root), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"framing, version {framing.__version__}\n"


def test_python_m_framing_error_has_no_traceback(repo_root, tmp_path):
    result = subprocess.run([sys.executable, "-m", "framing", "report", str(tmp_path / "nope.txt")],
                            capture_output=True, text=True, cwd=repo_root, env=_subprocess_env(repo_root),
                            timeout=60)
    assert result.returncode == int(ExitCode.BAD_INPUT)
    assert result.stderr == f"framing: error: {tmp_path / 'nope.txt'}: no such file\n"
    assert result.stdout == ""


def test_max_size(runner, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The council met again. " * 50_000)  # 1.15 MB
    result = run(runner, "report", "--max-size", "1", str(path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(path), "over the", "--max-size")
    assert result.stdout == ""


def test_max_size_holds_for_endless_standard_input(runner):
    # yes "The regime swarmed." | framing report --max-size 1 -: refused after 1 MB + 1 byte
    from tests.test_inputs import EndlessStream

    stream = EndlessStream(cap=20_000_000)
    result = run(runner, "report", "--max-size", "1", "-", input=stream)
    line = assert_one_error_line(result, ExitCode.BAD_INPUT)
    assert line == "framing: error: <stdin>: is over the 1 MB limit (raise it with --max-size)"
    assert stream.served == 1_000_001
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["report", "-"], ["compare", "-", "B"]], ids=["report", "compare"])
def test_closed_standard_input(repo_root, command):
    # framing report - <&-
    result = subprocess.run([sys.executable, "-m", "framing", *command], capture_output=True, text=True,
                            cwd=repo_root, env=_subprocess_env(repo_root), timeout=60,
                            stdin=None, preexec_fn=lambda: os.close(0))
    assert result.returncode == int(ExitCode.BAD_INPUT), result.stderr
    assert result.stderr == "framing: error: <stdin>: cannot read: standard input is closed\n"
    assert result.stdout == ""


def test_compare_has_the_input_options_of_report():
    # compare's own messages ("raise it with --max-size", "pass --encoding") name them
    def options(command: str) -> dict:
        return {p.name: (p.opts, p.help, p.default) for p in cli.commands[command].params}

    report, compare = options("report"), options("compare")
    for name in ("encoding", "max_size"):
        assert compare[name] == report[name]


def test_compare_max_size(runner, corpus_article, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The council met again. " * 50_000)  # 1.15 MB
    result = run(runner, "compare", "--max-size", "1", str(corpus_article), str(path))
    assert_one_error_line(result, ExitCode.BAD_INPUT, str(path), "over the 1 MB limit", "--max-size")
    assert result.stdout == ""


def test_compare_encoding(runner, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("The caf\u00e9 owners slammed the plan.".encode("latin-1"))
    b.write_bytes("The caf\u00e9 owners criticised the plan.".encode("latin-1"))
    result = run(runner, "compare", "--format", "json", "--encoding", "latin-1", str(a), str(b))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no fallback note: the codec was given
    result = run(runner, "compare", "--encoding", "rot13", str(a), str(b))
    assert_one_error_line(result, ExitCode.BAD_INPUT, "'rot13' is not a text encoding")


def test_lexicon_show_broken_file(runner, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(GOOD_LEXICON.replace('severity = "notice"', 'severity = "loud"'), encoding="utf-8")
    result = run(runner, "lexicon", "show", str(path))
    assert_one_error_line(result, ExitCode.BAD_LEXICON, f"{path}:11:")


def test_commands_that_use_no_shipped_model_do_not_read_it(tmp_path, monkeypatch):
    # report --no-model / --model FILE and the lexicon evaluations never load the shipped
    # model: start-up does not pay for it, and a damaged one does not stop them.
    from framing.classifier import BiasModel

    def unreadable():
        raise AssertionError("the shipped model was read")

    monkeypatch.setattr(BiasModel, "default", staticmethod(unreadable))
    article = tmp_path / "a.txt"
    article.write_text("Officials said the talks went well. Critics slammed the plan.", encoding="utf-8")
    data = tmp_path / "s.csv"
    data.write_text("-1,It is widely believed that the plan failed.\n1,The plan was approved on Monday.\n",
                    encoding="utf-8")
    runner = CliRunner()
    for args in (["report", "--no-model", str(article)],
                 ["evaluate", "--task", "generalisation", "--data", str(data)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)


def test_a_reader_that_stops_early_is_no_error(monkeypatch):
    # "framing report big.txt | head": the pipe closes while output is being written.
    import cli as cli_module

    def closed(*args, **kwargs):
        raise BrokenPipeError

    monkeypatch.setattr(cli_module.cli, "main", closed)
    monkeypatch.setattr(cli_module.os, "dup2", lambda *args: None)  # keep pytest's stdout
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == int(ExitCode.OK)


def _framing(repo_root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "framing", *args], stderr=subprocess.PIPE, text=True,
                          cwd=repo_root, env=_subprocess_env(repo_root), timeout=120, **kwargs)


OUTPUT_COMMANDS = [["lexicon", "show", "loaded-emotive"], ["lexicon", "list"],
                   ["report", "--no-model", "--format", "json", "corpora/articles/harbour-strike-wire.txt"]]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=[" ".join(a[:2]) for a in OUTPUT_COMMANDS])
def test_a_closed_pipe_ends_quietly(repo_root, args):
    # "framing lexicon list | head -1": the reader has gone before the output is written
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _framing(repo_root, *args, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (int(ExitCode.OK), "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=[" ".join(a[:2]) for a in OUTPUT_COMMANDS])
def test_a_full_disk_is_one_error_line(repo_root, args):
    with open("/dev/full", "w") as full:
        result = _framing(repo_root, *args, stdout=full)
    assert result.returncode == int(ExitCode.OUTPUT_FAILED)
    assert result.stderr == "framing: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [
    ("lexicon", "list"),
    ("report", "corpora/articles/harbour-strike-wire.txt"),
    ("report", "--format", "json", "corpora/articles/harbour-strike-wire.txt"),
    ("compare", "corpora/articles/harbour-strike-wire.txt", "corpora/articles/harbour-strike-tabloid.txt"),
], ids=["lexicon list", "report", "report json", "compare"])
def test_closed_standard_output_is_one_error_line(repo_root, args):
    result = _framing(repo_root, *args, preexec_fn=lambda: os.close(1))
    assert result.returncode == int(ExitCode.OUTPUT_FAILED)
    assert result.stderr == "framing: error: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("where,reason", [("missing/m.json", "No such file or directory"),
                                          (".", "Is a directory"),
                                          ("file.txt/m.json", "Not a directory")],
                         ids=["missing folder", "a directory", "under a file"])
def test_train_checks_the_model_path_before_training(runner, tmp_path, monkeypatch, where, reason):
    import framing.corpus
    import framing.training

    def too_late(*args, **kwargs):
        raise AssertionError("the data was read before the model path was checked")

    monkeypatch.setattr(framing.corpus, "read_examples", too_late)
    monkeypatch.setattr(framing.training, "run_training", too_late)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    out = str(tmp_path / where)
    result = run(runner, "train", "--data", "sentences.csv", "--out", out)
    line = assert_one_error_line(result, ExitCode.BAD_INPUT)
    assert line == f"framing: error: {out}: cannot write the model: {reason}"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_train_checks_a_read_only_folder_before_training(runner, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    result = run(runner, "train", "--data", "sentences.csv", "--out", str(folder / "m.json"))
    assert_one_error_line(result, ExitCode.BAD_INPUT, "cannot write the model: Permission denied")
