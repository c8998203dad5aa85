"""docs/schema.md is the contract for the JSON report: every key a report can hold is
documented there (this test keeps the document true as the report grows)."""

from __future__ import annotations

import re
from pathlib import Path

import framing

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "corpora" / "articles").glob("*.txt"))


# Objects whose keys are data (category names, source names), not schema fields.
MAPS = {"categories", "loaded_by_source"}


def _keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            if key not in MAPS:
                _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def test_every_report_key_is_documented():
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    # `key` or a dotted path such as `scores.author_words`
    documented = {part for path in re.findall(r"`([a-z_][a-z_.]*)`", text) for part in path.split(".")}
    keys: set[str] = set()
    for path in ARTICLES:
        _keys(framing.analyse(path.read_text(encoding="utf-8"), source=path.name).to_dict(), keys)
    assert len(keys) > 40
    assert sorted(keys - documented) == []
