"""framing.resources: finding shipped data, and reading UTF-8 data files."""

from __future__ import annotations

import pytest

from framing.resources import UnreadableFile, lexicon_dir, read_utf8


def test_shipped_lexicons_are_found():
    assert (lexicon_dir() / "loaded-labels.toml").is_file()


def test_read_utf8_drops_or_keeps_a_byte_order_mark(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffsaid".encode("utf-8"))
    assert read_utf8(path, "a text file") == "said"
    assert read_utf8(path, "a text file", keep_bom=True) == "\ufeffsaid"  # span offsets count it


def test_read_utf8_says_why_and_where(tmp_path):
    with pytest.raises(UnreadableFile, match="is a directory, not a text file") as caught:
        read_utf8(tmp_path, "a text file")
    assert caught.value.line == 0
    with pytest.raises(UnreadableFile, match="cannot read a text file"):
        read_utf8(tmp_path / "missing.txt", "a text file")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"one\ntwo \xff three\n")
    with pytest.raises(UnreadableFile, match=r"not UTF-8 \(byte 8\)") as caught:
        read_utf8(bad, "a text file")
    assert caught.value.line == 2
