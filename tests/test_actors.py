"""Tests of the actor scan's internals that the attribution tests reach only by chance."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.actors import _NAME_RUN_RE, _name_runs

_PIECES = ["al-", "al", "el-", "bin ", "ibn-", "de", "del", "del-", "van ", "von", "da", "di-", "du", "la", "le-",
           "dela", "ideal-", "Al", "Assad", "Smith", "McDonald", "iPhone", " ", "  ", "\n", "-", "'", "’s", " of ",
           " and the ", " & ", "(", ")", "(BLA)", " (IRNA) ", "x", "e", "a", "U.S.", "é", "É", ",", "."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_name_runs_are_the_runs_of_the_name_pattern(pieces: list[str], cut_start: int, cut_end: int) -> None:
    """Scanning from each capital and joining a particle before it by hand finds what
    _NAME_RUN_RE finds, window bounds included."""
    text = "".join(pieces)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [(m.start(), m.end(), m.group("acronym")) for m in _NAME_RUN_RE.finditer(text, start, end)]
    found = [(first, m.end(), m.group("acronym")) for first, m in _name_runs(text, start, end)]
    assert found == expected


def test_name_runs_join_a_particle_only_within_the_window() -> None:
    text = "ideal-Smith met al-Assad, then Jan van Dijk"
    runs = [text[first:m.end()] for first, m in _name_runs(text, 0, len(text))]
    assert runs == ["al-Smith", "al-Assad", "Jan van Dijk"]
    runs = [text[first:m.end()] for first, m in _name_runs(text, 4, len(text))]
    assert runs == ["Smith", "al-Assad", "Jan van Dijk"]  # "al-" begins before the window
