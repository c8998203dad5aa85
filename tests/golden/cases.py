"""The articles whose whole reports are kept as golden files, compared exactly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framing.inputs import read_text_file
from framing.report import analyse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@dataclass(frozen=True)
class Case:
    name: str
    article: Path

    @property
    def golden(self) -> Path:
        return HERE / f"{self.name}.json"


CASES = (
    Case("harbour-strike-tabloid", ROOT / "corpora" / "articles" / "harbour-strike-tabloid.txt"),
    Case("council-budget-local", ROOT / "corpora" / "articles" / "council-budget-local.txt"),
    # The project's starting article lives beside the repository, not in it.
    Case("bajwa-iran-border", ROOT.parent / "shared" / "samples" / "bajwa-iran-border.txt"),
)


def golden_json(case: Case) -> str:
    """The report of ``case.article`` as the golden file stores it."""
    item = read_text_file(case.article)
    return analyse(item.text, source=case.article.name).to_json() + "\n"
