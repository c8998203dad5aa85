"""The README tells the truth: its commands are the ones CI runs, and its output
blocks are what the code prints today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(after: str) -> list[str]:
    """Fenced blocks that follow the first line containing ``after``."""
    tail = README[README.index(after):]
    return re.findall(r"```[a-z]*\n(.*?)```", tail, flags=re.S)


def test_two_commands_and_ci_runs_the_test_command():
    setup_report, setup_tests = [b.strip() for b in _blocks("## Two commands")[:2]]
    assert "framing report corpora/" in setup_report and setup_report.startswith("python3.11 -m venv .venv")
    assert setup_tests.endswith("-m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_tests.replace("python3.11", '"$python"').replace("pip install -q", "pip install -q") in ci
    article = setup_report.split("framing report ", 1)[1]
    assert (ROOT / article).is_file()


def test_report_block_is_real_output(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    block = _blocks("## What a report looks like")[0].splitlines()
    command = block[0].removeprefix("$ framing ").split()
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0
    actual = result.stdout.splitlines()
    shown = [line for line in block[1:] if line != "…"]
    for line in shown:
        assert line in actual, f"README line not in today's output: {line!r}"
    # the opening lines are shown in order, without gaps
    head = block[1:block.index("…")]
    assert actual[:len(head)] == head


def test_python_example_output_is_real():
    code, output = _blocks("## In Python")[:2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == output.strip()


def test_lexicon_list_is_real_output():
    block = _blocks("The shipped lexicons")[0]
    result = CliRunner().invoke(cli, ["lexicon", "list"])
    assert result.stdout.strip() == block.strip()


def test_every_command_is_documented():
    for name, command in cli.commands.items():
        assert f"framing {name}" in README
        for sub in getattr(command, "commands", {}):
            assert f"framing {name} {sub}" in README
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and name == "report":
                    assert opt in README, f"{name} {opt} is not in the README"
