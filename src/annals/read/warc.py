"""Web archives (WARC, ARC, either gzip-compressed) with warcio: one article per HTML page fetched.

Every ``response`` record with status 200 and an HTML body is read as a web page (see ``html.py``);
its date is the page's own, else the record's ``WARC-Date``. A truncated or corrupt record is an
error naming the file, the record's number and its byte offset; the records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..models import Article
from .checks import short_id
from .html import decode_html, page_article
from .inputs import Source
from .records import ReadOptions


class _Counted:
    """A read-only stream that counts the bytes read from it (to find data after the last whole record)."""

    def __init__(self, stream):
        self.stream, self.count = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


def read_warc(src: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    with src.open() as raw:
        stream = _Counted(raw)
        records = ArchiveIterator(stream, arc2warc=True)
        pending = iter(records)
        number = 0
        while True:
            number += 1
            where = f"{src.name} record {number} (offset {records.offset})"   # where the previous one ended
            try:
                record = next(pending)
                body = record.content_stream().read(opts.max_bytes + 1) if _is_page(record) else None
                records.get_record_offset()   # reads to the record's end; records.offset is then the next one's
            except StopIteration:
                break
            # warcio raises AttributeError, among others, on a gzip member cut inside its headers
            except (ArchiveLoadFailed, ValueError, AttributeError, EOFError, OSError) as exc:
                raise InputError(where, f"corrupt record ({exc})", src.path) from exc
            if record.raw_stream.limit > 0:
                raise InputError(where, "truncated record (the file ends inside it)", src.path)
            if body is not None:
                yield from _page(record, body, number, where, src, opts)
        end = records.offset
        if stream.count - end > 4:   # more than a blank line after the last whole record
            raise InputError(f"{src.name} record {number} (offset {end})",
                             "truncated record (the file ends inside its headers)", src.path)


def _is_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind = record.http_headers.get_header("Content-Type") or ""
    return record.http_headers.get_statuscode() == "200" and "html" in kind.lower()


def _page(record, body: bytes, number: int, where: str, src: Source,
          opts: ReadOptions) -> Iterator[Article | InputError]:
    if len(body) > opts.max_bytes:
        yield InputError(where, f"page is too large (over {opts.max_bytes:,} bytes)", src.path)
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    stamp = record.rec_headers.get_header("WARC-Date")
    kind = record.http_headers.get_header("Content-Type") or ""
    charset = kind.lower().split("charset=")[1].strip(' "\';') if "charset=" in kind.lower() else None
    try:
        crawled = datetime.fromisoformat(stamp.replace("Z", "+00:00")).date() if stamp else None
    except ValueError:
        crawled = None
    doc_id = short_id(url) if url else f"{src.article_id}#{number}"
    try:
        html = decode_html(body, where, charset)
        yield page_article(html, doc_id, where, src.path, url=url, default=crawled or opts.date)
    except InputError as exc:
        yield InputError(exc.source, exc.problem, src.path)

