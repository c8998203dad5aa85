"""Every shipped lexicon: it loads, its ids are unique, and every entry's examples behave.

Each entry is its own test (its id is the test id), so a failing example names the rule
that broke. A file that does not load fails ``test_shipped_lexicon_loads`` and its
entries are not collected.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from framing.lexicon import (
    AUX_KINDS,
    CATEGORIES,
    FINDING_KINDS,
    SEVERITIES,
    Entry,
    Lexicon,
    LexiconError,
    check_unique_ids,
    load_lexicon,
    shipped_lexicon_paths,
    shipped_lexicons,
)
from framing.matcher import check_examples, check_lexicon
from framing.resources import lexicon_dir

PATHS = shipped_lexicon_paths()


def _loadable() -> list[Lexicon]:
    lexicons = []
    for path in PATHS:
        try:
            lexicons.append(load_lexicon(path))
        except LexiconError:
            pass  # reported by test_shipped_lexicon_loads
    return lexicons


LEXICONS = _loadable()
ENTRIES = [(lex, entry) for lex in LEXICONS for entry in lex.entries]


def test_lexicons_are_shipped():
    assert PATHS, f"no *.toml lexicon in {lexicon_dir()}"
    assert any(p.name == "boilerplate.toml" for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_shipped_lexicon_loads(path: Path):
    lex = load_lexicon(path)
    assert lex.entries
    assert lex.kind in FINDING_KINDS + AUX_KINDS


def test_shipped_lexicons_match_the_files():
    assert [lex.path for lex in shipped_lexicons()] == [str(p) for p in PATHS]


def test_shipped_lexicon_names_are_unique():
    names = [lex.name for lex in LEXICONS]
    assert len(names) == len(set(names)), names


def test_shipped_entry_ids_are_unique_across_files():
    check_unique_ids(shipped_lexicons())
    ids = [e.id for lex in LEXICONS for e in lex.entries]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lex,entry", ENTRIES, ids=[e.id for _, e in ENTRIES])
def test_entry_examples_behave(lex: Lexicon, entry: Entry):
    assert entry.flag, f"{entry.location}: entry '{entry.id}' has no flag example"
    if lex.kind == "boilerplate":
        problems = check_lexicon(dataclasses.replace(lex, entries=(entry,)))
    else:
        problems = check_examples(entry)
    assert problems == []


@pytest.mark.parametrize("lex,entry", ENTRIES, ids=[e.id for _, e in ENTRIES])
def test_entry_is_explained(lex: Lexicon, entry: Entry):
    assert entry.explanation.strip()
    assert entry.category in CATEGORIES[lex.kind]
    assert entry.severity in SEVERITIES
    assert 0 <= entry.score <= 1
    assert entry.suggestion is None or entry.suggestion.strip()
    assert entry.kind == lex.kind


FINDING_LEXICONS = [lex for lex in LEXICONS if lex.kind in FINDING_KINDS]


@pytest.mark.parametrize("lex", FINDING_LEXICONS, ids=[lex.name for lex in FINDING_LEXICONS])
def test_every_category_has_a_pass_example(lex: Lexicon):
    for category in lex.categories():
        members = [e for e in lex.entries if e.category == category]
        assert any(e.passes for e in members), f"{lex.path}: category '{category}' has no pass example"
    for entry in lex.entries:
        assert entry.explanation.strip(), entry.location


def test_documented_loaded_language_categories_match_the_code():
    readme = (lexicon_dir() / "README.md")
    if not readme.is_file():
        pytest.skip("lexicons/README.md not shipped in this installation")
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Categories of `loaded_language`", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert tuple(documented) == CATEGORIES["loaded_language"]


def test_every_shipped_word_list_is_documented():
    """Each plain word list in lexicons/ has a header of comments and is named in
    lexicons/README.md."""
    readme = lexicon_dir() / "README.md"
    if not readme.is_file():
        pytest.skip("lexicons/README.md not shipped in this installation")
    text = readme.read_text(encoding="utf-8")
    lists = sorted(lexicon_dir().glob("*.txt"))
    assert len(lists) >= 8
    for path in lists:
        assert f"`{path.name}`" in text, path.name
        assert path.read_text(encoding="utf-8").startswith("# "), path.name
