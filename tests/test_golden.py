"""Whole reports compared exactly with the golden files in tests/golden/.

After an intended change, regenerate with `python tests/golden/regenerate.py` and
review the diff."""

from __future__ import annotations

import pytest

from tests.golden.cases import CASES, golden_json


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_report_matches_golden(case):
    if not case.article.exists():
        pytest.skip(f"{case.article} is absent (it lives in ../shared)")
    assert case.golden.exists(), "golden file missing: run python tests/golden/regenerate.py"
    assert golden_json(case) == case.golden.read_text(encoding="utf-8")
