"""Files -> Article records, with a clear error for every bad input.

``read_paths`` never raises for a bad file: it yields an ``InputError`` in its
place so the rest of a batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import MAX_ARTICLE_BYTES
from ..errors import InputError
from ..models import Article
from .jsonl import read_jsonl_file
from .text import parse_text, read_text_file

__all__ = ["expand", "parse_text", "read_paths"]

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = JSONL_SUFFIXES | {".txt", ".text", ""}


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and every article file (``.txt``, ``.jsonl``, no suffix) inside named directories."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*"))
                       if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in ARTICLE_SUFFIXES
                       and "__pycache__" not in f.parts)
        else:
            out.append(p)
    return out


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | InputError]:
    for path in expand(paths):
        if not path.exists():
            yield InputError(str(path), "no such file or directory")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            try:
                yield from read_jsonl_file(path, max_bytes)
            except InputError as exc:
                yield exc
        else:
            try:
                yield read_text_file(path, max_bytes)
            except InputError as exc:
                yield exc

