"""Regenerate the golden reports after an intended change in behaviour.

    .venv/bin/python tests/golden/regenerate.py

Then read `git diff tests/golden/` line by line before committing: every changed
finding should be one you meant to change.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.golden.cases import CASES, golden_json  # noqa: E402


def main() -> None:
    for case in CASES:
        if not case.article.exists():
            print(f"skipped {case.name}: {case.article} is absent")
            continue
        case.golden.write_text(golden_json(case), encoding="utf-8")
        print(f"wrote {case.golden.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
