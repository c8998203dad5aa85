"""Shared fixtures for the framing test-suite.

Tests that need the project's sample article skip cleanly when ``../shared`` is absent
(a user's fresh clone has no shared folder); everything else uses data in the repo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_PATH = SHARED_DIR / "samples" / "bajwa-iran-border.txt"
CORPUS_DIR = REPO_ROOT / "corpora" / "articles"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The article the project was started from (../shared/samples/bajwa-iran-border.txt)."""
    if not SAMPLE_PATH.is_file():
        pytest.skip(f"sample article not available: {SAMPLE_PATH}")
    return SAMPLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The project's own article corpus (corpora/articles)."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"article corpus missing: {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_article(corpus_dir: Path) -> Path:
    """One corpus article with every kind of paragraph (heading-like lines, byline,
    credits, boilerplate) for end-to-end tests."""
    path = corpus_dir / "airport-night-flights-boilerplate.txt"
    if not path.is_file():
        candidates = sorted(corpus_dir.glob("*.txt"))
        if not candidates:
            pytest.skip("no corpus articles")
        path = candidates[0]
    return path
