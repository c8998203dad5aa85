"""Reading article files: every bad input gives one clear InputError."""

from __future__ import annotations

import pytest

from framing.inputs import DEFAULT_MAX_BYTES, InputError, Problem, TextInput, decode, read_text_file


def problem_of(path, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_text_file(path, **kwargs)
    return info.value


def test_reads_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Café “news” here.\n", encoding="utf-8")
    item = read_text_file(path)
    assert item == TextInput(source=str(path), text="Café “news” here.\n", encoding="utf-8", note=None)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    err = problem_of(path)
    assert err.problem is Problem.MISSING
    assert err.source == str(path)
    assert str(err) == f"{path}: no such file"


def test_directory(tmp_path):
    err = problem_of(tmp_path)
    assert err.problem is Problem.DIRECTORY
    assert str(err) == f"{tmp_path}: is a directory; give an article file"


def test_binary_file(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    err = problem_of(path)
    assert err.problem is Problem.BINARY
    assert str(err) == f"{path}: looks like a binary file, not text"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    err = problem_of(path)
    assert err.problem is Problem.EMPTY
    assert str(err) == f"{path}: is empty"


@pytest.mark.parametrize("data", [b"   ", b"\n\n\n", b" \t\r\n ", b"\xef\xbb\xbf  \n"])
def test_whitespace_only_file(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    err = problem_of(path)
    assert err.problem is Problem.EMPTY
    assert str(err) == f"{path}: holds only white space"


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 100)
    err = problem_of(path, max_bytes=100)
    assert err.problem is Problem.TOO_LARGE
    assert "over the" in str(err) and "--max-size" in str(err)
    # exactly at the limit is fine
    assert read_text_file(path, max_bytes=500).text == "word " * 100


def test_decode_too_large():
    with pytest.raises(InputError) as info:
        decode(b"abcdef", "<stdin>", max_bytes=5)
    assert info.value.problem is Problem.TOO_LARGE
    assert str(info.value).startswith("<stdin>: ")


def test_default_limit_is_sixteen_megabytes():
    # Decimal megabytes, the unit of the CLI's --max-size.
    assert DEFAULT_MAX_BYTES == 16_000_000


def test_non_utf8_falls_back_to_cp1252_with_a_note(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"The caf\xe9 said \x93hello\x94 to us.")
    item = read_text_file(path)
    assert item.text == "The café said “hello” to us."
    assert item.encoding == "cp1252"
    assert item.note == (f"{path}: not valid UTF-8 (byte 7); read as Windows-1252 "
                         "- pass --encoding if that is wrong")


def test_explicit_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Smörgåsbord über alles.".encode("latin-1"))
    item = read_text_file(path, encoding="latin-1")
    assert (item.text, item.encoding, item.note) == ("Smörgåsbord über alles.", "latin-1", None)


def test_explicit_utf16_with_nul_bytes_is_not_binary(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Hello there.".encode("utf-16"))
    assert read_text_file(path, encoding="utf-16").text == "Hello there."


def test_explicit_bad_encoding_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hello there.", encoding="utf-8")
    err = problem_of(path, encoding="no-such-codec")
    assert err.problem is Problem.UNDECODABLE
    assert str(err) == f"{path}: unknown encoding 'no-such-codec'"


def test_explicit_encoding_that_does_not_fit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9 here")
    err = problem_of(path, encoding="utf-8")
    assert err.problem is Problem.UNDECODABLE
    assert str(err) == f"{path}: not valid utf-8 (byte 3); try another --encoding"


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline Here\n\nBody text.")
    item = read_text_file(path)
    assert item.text == "Headline Here\n\nBody text."
    assert item.encoding == "utf-8"
    assert item.note is None


def test_utf8_bom_is_stripped_with_explicit_utf8(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline Here\n\nBody text.")
    assert read_text_file(path, encoding="utf-8").text == "Headline Here\n\nBody text."


def test_input_error_message_is_one_line(tmp_path):
    for err in (problem_of(tmp_path / "nope.txt"), problem_of(tmp_path)):
        assert "\n" not in str(err)
