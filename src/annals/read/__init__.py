"""Inputs -> Article records, with a clear error for every bad input.

Formats: plain text with a date line, JSON Lines, JSON (a news API's response), CSV, HTML pages,
RSS/Atom feeds, WARC/ARC crawls; any of them gzip- or bz2-compressed or inside a zip, or on standard
input (``-``). The format comes from the file's suffix, else from its first bytes, or is forced
(``ReadOptions.format``).
``read_paths`` never raises for a bad input: it yields an ``InputError`` in its place so the rest of a
batch goes on. Every reader is a generator, so memory stays flat however big the batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import MAX_ARTICLE_BYTES
from ..errors import InputError
from ..models import Article
from .csv import read_csv
from .feed import read_feed
from .html import read_html
from .inputs import Source, sources
from .json import read_json
from .jsonl import read_jsonl
from .records import ReadOptions
from .text import parse_text, read_text
from .warc import read_warc

__all__ = ["FORMATS", "ReadOptions", "expand", "parse_text", "read_paths"]

Reader = Callable[[Source, ReadOptions], Iterator[Article | InputError]]
FORMATS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl, "json": read_json, "csv": read_csv,
                              "html": read_html, "feed": read_feed, "warc": read_warc}
SUFFIXES = {".txt": "text", ".text": "text", "": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
            ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed",
            ".atom": "feed", ".warc": "warc", ".arc": "warc"}
PACKED = (".gz", ".bz2", ".zip")
NAMED_ONLY = {".tsv", ".json"}   # read when named, not picked up from directories (mostly metadata there)
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]")


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named (``-`` is standard input), and every article file (a known suffix, possibly compressed,
    but not ``.tsv`` or ``.json``) inside named directories."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*"))
                       if f.is_file() and not f.name.startswith(".") and "__pycache__" not in f.parts
                       and (_unpacked_suffix(f.name) in SUFFIXES.keys() - NAMED_ONLY or f.suffix.lower() == ".zip"))
        else:
            out.append(p)
    return out


def _unpacked_suffix(name: str) -> str:
    name = name.lower()
    for packed in PACKED:
        name = name.removesuffix(packed)
    return Path(name).suffix


def sniff(head: bytes) -> str:
    """The format of content with no telling suffix, from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    low = start.lower()
    if low.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if FEED_ROOT.search(start):
        return "feed"
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<")):
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "json" if re.match(rb"{[ \t]*\r?\n", start) else "jsonl"   # pretty-printed, else one a line
    if re.match(rb"date[ \t]", low):
        return "text"
    first = start.split(b"\n", 1)[0]
    if re.fullmatch(rb'[\w" .-]+(,[\w" .-]+)+\r?', first):
        return "csv"
    return "text"


def format_of(src: Source, opts: ReadOptions) -> str:
    if opts.format:
        return opts.format
    if src.suffix in SUFFIXES and src.suffix:
        return SUFFIXES[src.suffix]
    with src.open() as stream:
        return sniff(stream.read(2048))


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_ARTICLE_BYTES,
               options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Every article in ``paths`` (files, directories, ``-`` for standard input), or an error in its place."""
    opts = options or ReadOptions(max_bytes=max_bytes)
    for path in expand(paths):
        for src in sources(path):
            if isinstance(src, InputError):
                yield src
                continue
            try:
                yield from FORMATS[format_of(src, opts)](src, opts)
            except InputError as exc:
                yield exc
