"""Reading article files: every bad input gives one clear InputError."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from framing.inputs import (DEFAULT_MAX_BYTES, InputError, Problem, TextInput, decode, read_bounded, read_input,
                            read_stdin, read_text_file, text_codec)


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


def test_a_stray_byte_in_utf8_is_replaced_not_read_as_cp1252(corpus_dir):
    # a Latin-1 copyright sign pasted under a UTF-8 article full of curly quotes
    clean = (corpus_dir / "harbour-strike-wire.txt").read_bytes()
    item = decode(clean + b"\nCopyright \xa9 2024.\n", "<stdin>")
    assert item.encoding == "utf-8"
    assert item.text == clean.decode("utf-8") + "\nCopyright \ufffd 2024.\n"
    assert item.note == (f"<stdin>: 1 byte is not valid UTF-8 (byte {len(clean) + 11}); read as UTF-8 with it "
                         "replaced by U+FFFD - pass --encoding if that is wrong")


def test_several_stray_bytes_in_utf8():
    item = decode("“Quoted,” she said — twice. “Again.” ".encode() + b"\xff\xfe caf\xe9", "a.txt")
    assert item.encoding == "utf-8"
    assert item.text.endswith(" \ufffd\ufffd caf\ufffd")
    assert item.note.startswith("a.txt: 3 bytes are not valid UTF-8 (the first is byte 47); read as UTF-8 with "
                                "each replaced by U+FFFD")


def test_a_utf8_bom_does_not_shift_the_byte_offset_in_the_note():
    item = decode(b"\xef\xbb\xbfcaf\xe9", "a.txt")
    assert item.note.startswith("a.txt: not valid UTF-8 (byte 6);")


def test_mostly_cp1252_with_one_accidental_utf8_sequence_stays_cp1252():
    # "Ã©" in Windows-1252 is the bytes of a valid UTF-8 "é"; the three curly quotes are not UTF-8
    item = decode(b"Caf\xc3\xa9 \x93news\x94 and \x93more\x94 here.", "a.txt")
    assert item.encoding == "cp1252"
    assert item.text == "CafÃ© “news” and “more” here."


NOT_NUL = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff")


@settings(max_examples=300, deadline=None)
@given(before=st.text(NOT_NUL, max_size=40), after=st.text(NOT_NUL, max_size=40))
def test_one_invalid_byte_is_replaced_when_the_rest_has_multibyte_utf8(before, after):
    assume((before + after).strip())
    item = decode(before.encode("utf-8") + b"\xff" + after.encode("utf-8"), "s")
    if any(ord(ch) > 0x7F for ch in before + after):
        assert (item.encoding, item.text) == ("utf-8", before + "\ufffd" + after)
    else:  # plain ASCII around one bad byte: nothing says UTF-8, so Windows-1252
        assert (item.encoding, item.text) == ("cp1252", before + "ÿ" + after)


@pytest.mark.parametrize("codec,label", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                         ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_a_utf16_or_utf32_byte_order_mark_selects_the_encoding(tmp_path, codec, label):
    text = "Café “news” here.\n"
    data = text.encode(codec) if codec in ("utf-16", "utf-32") else "\ufeff".encode(codec) + text.encode(codec)
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    item = read_text_file(path)
    assert item.text == text
    assert item.encoding == label.lower()
    assert item.note == f"{path}: read as {label} (it starts with a {label} byte-order mark)"


def test_a_utf16_byte_order_mark_on_bytes_that_are_not_utf16(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfeA\x00B")
    err = problem_of(path)
    assert err.problem is Problem.UNDECODABLE
    assert str(err) == (f"{path}: starts with a UTF-16 byte-order mark but is not valid UTF-16 (byte 4); "
                        "try --encoding")


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


@pytest.mark.parametrize("codec", ["base64", "rot13", "hex", "zlib"])
def test_explicit_codec_that_is_not_a_text_encoding(tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_text("Hello there.", encoding="utf-8")
    err = problem_of(path, encoding=codec)
    assert err.problem is Problem.UNDECODABLE
    assert str(err) == f"{path}: '{codec}' is not a text encoding; give one such as utf-8 or cp1252"


@pytest.mark.parametrize("name,canonical", [("UTF8", "utf-8"), ("latin_1", "iso8859-1"), ("utf16", "utf-16")])
def test_text_codec_names(name, canonical):
    assert text_codec(name) == canonical


@pytest.mark.parametrize("name", ["utf16", "UTF_16LE", "utf-32"])
def test_explicit_wide_encodings_under_any_spelling_are_not_binary(tmp_path, name):
    codec = text_codec(name)
    path = tmp_path / "wide.txt"
    path.write_bytes("Hello there.".encode(codec))
    assert read_text_file(path, encoding=name).text.lstrip("\ufeff") == "Hello there."


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


# --- how much is read: standard input, pipes and devices ---------------------------------


class EndlessStream(io.RawIOBase):
    """A stream that never ends (``yes "The regime swarmed."``) and counts what it gave;
    it refuses to give more than ``cap`` bytes, so a reader that reads everything fails
    at once instead of filling memory."""

    def __init__(self, cap: int) -> None:
        self.served = 0
        self.cap = cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.served >= self.cap:
            raise AssertionError(f"read {self.served} bytes from an endless stream")
        line = b"The regime swarmed.\n"
        n = min(len(buffer), self.cap - self.served)
        buffer[:n] = (line * (n // len(line) + 1))[:n]
        self.served += n
        return n


def test_endless_stream_is_refused_after_max_bytes_plus_one():
    stream = EndlessStream(cap=10_000_000)
    with pytest.raises(InputError) as info:
        read_bounded(stream, "<stdin>", max_bytes=1000)
    assert info.value.problem is Problem.TOO_LARGE
    assert str(info.value) == "<stdin>: is over the 0.001 MB limit (raise it with --max-size)"
    assert stream.served == 1001


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), max_bytes=st.integers(min_value=1, max_value=300),
       chunk=st.integers(min_value=1, max_value=64))
def test_read_bounded_reads_everything_up_to_the_limit_and_no_more(data, max_bytes, chunk):
    stream = io.BytesIO(data)
    if len(data) <= max_bytes:
        assert read_bounded(stream, "s", max_bytes, chunk_bytes=chunk) == data
    else:
        with pytest.raises(InputError) as info:
            read_bounded(stream, "s", max_bytes, chunk_bytes=chunk)
        assert info.value.problem is Problem.TOO_LARGE
        assert stream.tell() == max_bytes + 1


def test_read_stdin(tmp_path):
    item = read_stdin(io.TextIOWrapper(io.BytesIO(b"The council met.\n")))
    assert item == TextInput(source="<stdin>", text="The council met.\n", encoding="utf-8", note=None)
    # a binary stream does as well
    assert read_stdin(io.BytesIO(b"The council met.\n")).text == "The council met.\n"


@pytest.mark.parametrize("stdin", [None, io.BytesIO(b"")], ids=["none", "closed"])
def test_closed_stdin(stdin):
    if stdin is not None:
        stdin.close()
    with pytest.raises(InputError) as info:
        read_stdin(stdin)
    assert info.value.problem is Problem.UNREADABLE
    assert str(info.value) == "<stdin>: cannot read: standard input is closed"


def test_read_input_dispatches_on_the_dash(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("From a file.", encoding="utf-8")
    assert read_input(str(path), None).text == "From a file."
    assert read_input("-", io.BytesIO(b"From stdin.")).source == "<stdin>"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_refused_as_too_large():
    err = problem_of("/dev/zero", max_bytes=100_000)
    assert err.problem is Problem.TOO_LARGE


def _in_thread(function, timeout: float = 20):
    """Run ``function`` in a daemon thread; fail (instead of hanging) if it blocks."""
    outcome: list = []

    def target():
        try:
            outcome.append(("value", function()))
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome.append(("error", exc))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert outcome, f"still blocked after {timeout} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_with_no_writer_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    kind, err = _in_thread(lambda: read_text_file(fifo))
    assert kind == "error" and isinstance(err, InputError), err
    assert err.problem is Problem.EMPTY
    assert str(err) == f"{fifo}: is a named pipe and nothing was written to it"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as pipe:  # waits for the reader
            pipe.write(b"The council met on Tuesday.\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        kind, item = _in_thread(lambda: read_text_file(fifo))
        if kind == "error" and isinstance(item, InputError) and item.problem is Problem.EMPTY:
            # the reader was quicker than the writer's open: read again, the writer is there now
            kind, item = _in_thread(lambda: read_text_file(fifo))
    finally:
        writer.join(5)
    assert kind == "value", item
    assert item.text == "The council met on Tuesday.\n"
