"""Where article bytes come from: files, standard input, and members of gzip, bz2 and zip files.

Each input is a ``Source``: a name for messages (``news.zip:2024/a.html``), the name its format is
guessed from (``a.jsonl`` for ``a.jsonl.gz``), and a binary stream opened only when read, so a zip of
many files is read one member at a time.
"""

from __future__ import annotations

import bz2
import gzip
import shutil
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import InputError

COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open}
MAGIC = ((b"\x1f\x8b", ".gz"), (b"BZh", ".bz2"), (b"PK\x03\x04", ".zip"))
STDIN = "-"
SPOOL_BYTES = 8 << 20


@dataclass(frozen=True)
class Source:
    """One input to read: ``name`` for messages and the report, ``inner`` for the format."""

    name: str
    inner: str
    opener: Callable[[], AbstractContextManager[BinaryIO]]
    size: int | None = None   # bytes, when known before reading

    @property
    def path(self) -> str:
        """What the ingest report files this input's articles and errors under."""
        return self.name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.inner).suffix.lower()

    @property
    def article_id(self) -> str:
        """What an article without an id of its own is known by: its file name, or its path in a zip."""
        return self.inner

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The binary stream; unreadable or corrupt (compressed) data becomes an InputError naming the input."""
        try:
            with self.opener() as stream:
                yield stream
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            raise InputError(self.name, f"cannot read: corrupt or unreadable data ({exc})", self.path) from exc

    def read(self, max_bytes: int) -> bytes:
        """All the bytes, refusing empty and oversized inputs and corrupt compression."""
        if self.size is not None and self.size > max_bytes:
            raise InputError(self.name, f"file is too large ({self.size:,} bytes; limit {max_bytes:,})", self.path)
        with self.open() as stream:
            data = stream.read(max_bytes + 1)
        if not data:
            raise InputError(self.name, "file is empty", self.path)
        if len(data) > max_bytes:
            raise InputError(self.name, f"file is too large (over {max_bytes:,} bytes)", self.path)
        return data


def sources(path: Path | str) -> Iterator[Source | InputError]:
    """The sources in one named file (one, or one per zip member), or ``-`` for standard input."""
    name = str(path)
    if name == STDIN:
        yield from _stdin()
        return
    path = Path(path)
    if not path.exists():
        yield InputError(name, "no such file or directory")
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as exc:
        yield InputError(name, f"cannot read file ({exc.strerror})")
        return
    yield from _unpack(Source(name, path.name, lambda: path.open("rb"), size), head)


def _stdin() -> Iterator[Source | InputError]:
    """Standard input, spooled (to disk past a few megabytes) so that it can be sniffed, then read."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        size = spool.tell()

        @contextmanager
        def opener() -> Iterator[BinaryIO]:
            spool.seek(0)
            yield spool

        with opener() as f:
            head = f.read(4)
        yield from _unpack(Source("<stdin>", "", opener, size), head)


def _unpack(src: Source, head: bytes) -> Iterator[Source | InputError]:
    """``src`` itself, or what its compression holds (named by suffix, else by magic bytes)."""
    kind = next((s for s in (".gz", ".bz2", ".zip") if src.inner.lower().endswith(s)), None)
    if kind is None:
        kind = next((s for magic, s in MAGIC if head.startswith(magic)), None)
    inner = src.inner[:-len(kind)] if kind and src.inner.lower().endswith(kind) else src.inner
    if kind in COMPRESSED:
        if inner.lower().endswith((".warc", ".arc")):   # warcio reads per-record gzip itself, with offsets
            yield Source(src.name, inner, src.opener, src.size)
            return

        @contextmanager
        def opener() -> Iterator[BinaryIO]:
            with src.opener() as raw, COMPRESSED[kind](raw, "rb") as stream:
                yield stream

        yield Source(src.name, inner, opener)
    elif kind == ".zip":
        yield from _members(src)
    else:
        yield src


def _members(src: Source) -> Iterator[Source | InputError]:
    """Each member of a zip, read while the archive is open (its directory is read once)."""
    try:
        with src.opener() as f, zipfile.ZipFile(f) as archive:
            for info in archive.infolist():
                if info.is_dir() or PurePosixPath(info.filename).name.startswith(".") or "__MACOSX" in info.filename:
                    continue
                name = f"{src.name}:{info.filename}"

                @contextmanager
                def opener(member: zipfile.ZipInfo = info) -> Iterator[BinaryIO]:
                    with archive.open(member) as stream:
                        yield stream

                member = Source(name, info.filename, opener, info.file_size)
                try:
                    with member.open() as stream:
                        head = stream.read(4)
                except InputError as exc:
                    yield exc
                    continue
                yield from _unpack(member, head)
    except (OSError, zipfile.BadZipFile) as exc:
        yield InputError(src.name, f"corrupt zip file ({exc})", src.path)
