"""Checks that turn bad input into an InputError naming the file and the problem."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, BinaryIO

from ..errors import InputError

if TYPE_CHECKING:
    from .inputs import Source


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped); binary or other encodings are refused."""
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (invalid byte at offset {exc.start})") from exc


def parse_date(value: object, source: str) -> date:
    """An ISO date or datetime (``2024-11-08``, ``2024-11-08T10:00:00Z``) as a date."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(source, "missing publication date")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(
            text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise InputError(source, f"malformed publication date {text[:40]!r} (expected YYYY-MM-DD)") from exc


def require_text(text: str, source: str, problem: str = "article has no text after the date line") -> str:
    if not text.strip():
        raise InputError(source, problem)
    return text


def text_lines(stream: BinaryIO, src: Source) -> Iterator[bytes]:
    """The stream's lines as bytes, refusing empty and binary input first (memory stays flat)."""
    head = stream.read(8192)
    if not head:
        raise InputError(src.name, "file is empty", src.path)
    if b"\x00" in head:
        raise InputError(src.name, "binary file (contains NUL bytes), not text", src.path)
    if not head.endswith(b"\n"):
        head += stream.readline()
    yield from io.BytesIO(head)
    yield from stream


def short_id(value: str, limit: int = 255) -> str:
    """An article id that fits the store (``documents.id``): a longer one (a URL) keeps its start and a hash."""
    value = value.strip()
    if len(value) <= limit:
        return value
    return f"{value[:limit - 17]}#{hashlib.sha1(value.encode()).hexdigest()[:16]}"
