"""Loading: encodings are detected and named, bad input is one clear InputError, input is never modified."""

from __future__ import annotations

import hashlib
import io
import sys

import pytest

from claims.errors import InputError
from claims.loading import decode, detect_format, load_document

TEXT = "Café patients improved – “markedly” (p = 0.03).\r\nSecond line [1].\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_names_encoding_and_keeps_newlines(data: bytes, encoding: str) -> None:
    text, name = decode(data)
    assert name == encoding
    assert text == TEXT  # \r\n kept exactly


def test_decode_latin1_when_cp1252_undefined_byte_present() -> None:
    text, name = decode("Zürich \x81 study".encode("latin-1"))
    assert name == "latin-1"
    assert text.startswith("Zürich")


def test_decode_mostly_utf8_with_a_bad_byte_keeps_real_characters() -> None:
    data = "Patients – treated ".encode() + b"\xff" + " in Zürich.".encode()
    text, name = decode(data)
    assert name == "utf-8 (1 invalid bytes replaced)"
    assert "Zürich" in text and "\ufffd" in text


def test_load_document_fields(tmp_path) -> None:
    path = tmp_path / "paper.md"
    raw = b"# Title\n\nKetamine works [1].\n"
    path.write_bytes(raw)
    doc = load_document(str(path))
    assert doc.format == "md"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.text == raw.decode()
    assert path.read_bytes() == raw  # never modified


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("a.markdown", "md"), ("a.tex", "tex"), ("a.xml", "jats"), ("a.HTM", "html"), ("a", "txt")],
)
def test_detect_format_from_extension(name: str, fmt: str) -> None:
    assert detect_format(name, "plain words") == fmt


def test_detect_format_sniffs_without_extension() -> None:
    assert detect_format("-", "<!DOCTYPE html><html>") == "html"
    assert detect_format("-", "\\documentclass{article}") == "tex"


def test_stdin(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Text [2].".encode("utf-16"))))
    doc = load_document("-")
    assert doc.text == "Text [2]." and doc.encoding == "utf-16" and doc.path == "-"


def _one_line(exc: pytest.ExceptionInfo[InputError]) -> str:
    message = str(exc.value)
    assert "\n" not in message and message
    return message


def test_missing_path(tmp_path) -> None:
    with pytest.raises(InputError) as exc:
        load_document(str(tmp_path / "nope.txt"))
    assert "no such file" in _one_line(exc)


def test_directory(tmp_path) -> None:
    with pytest.raises(InputError) as exc:
        load_document(str(tmp_path))
    assert "directory" in _one_line(exc)


def test_empty_file(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        load_document(str(path))
    assert "empty" in _one_line(exc)


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x00\x01\x02\x03garbage\x00\x00\x10", "binary"),
    ],
)
def test_binary_files(tmp_path, data: bytes, expect: str) -> None:
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load_document(str(path))
    assert expect in _one_line(exc)


def test_oversized_file(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Depression is common. " * 2_400_000)  # ~53 MB
    with pytest.raises(InputError) as exc:
        load_document(str(path))
    assert "limit" in _one_line(exc)


def test_oversized_with_explicit_limit(tmp_path) -> None:
    path = tmp_path / "small.txt"
    path.write_bytes(b"x" * 100)
    with pytest.raises(InputError):
        load_document(str(path), max_bytes=99)
    assert load_document(str(path), max_bytes=100).text == "x" * 100


def test_invalid_utf8_gives_a_complete_result(tmp_path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Caf\xe9 study showed benefit.\n")
    doc = load_document(str(path))
    assert doc.encoding == "cp1252"
    assert doc.text == "Café study showed benefit.\n"
