"""Saved web pages: main text, title and publication date extracted with trafilatura.

The page's date comes from its metadata and markup (trafilatura uses htmldate); a page without one
is an error unless a date is given for such inputs (``--date``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import trafilatura

from ..errors import InputError
from ..models import Article
from .checks import short_id
from .inputs import Source
from .records import ReadOptions

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, where: str, charset: str | None = None) -> str:
    """The page as text in its declared charset (HTTP header, else ``<meta>``), else UTF-8; binary is refused."""
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (contains NUL bytes), not a web page")
    if charset is None:
        found = CHARSET.search(data[:4096])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    try:
        return data.decode("utf-8-sig" if charset.lower().replace("_", "-") in ("utf-8", "utf8") else charset)
    except LookupError:
        raise InputError(where, f"unknown character encoding {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not {charset} text (invalid byte at offset {exc.start})") from exc


def page_article(html: str, doc_id: str | None, where: str, path: str, url: str | None = None,
                 default: date | None = None, fallback_id: str = "") -> Article:
    """An Article from one page; its date is the page's own, else ``default``, else an error. Without
    ``doc_id`` the page's own (canonical) URL is its id, else ``fallback_id``."""
    page = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False)
    if page is None or not (page.text or "").strip():
        raise InputError(where, "no article text found in the page", path)
    published = _day(page.date) or default
    if published is None:
        raise InputError(where, "no publication date found in the page (give one with --date YYYY-MM-DD)", path)
    source = page.sitename or (urlsplit(url).hostname if url else None)
    return Article(id=doc_id or short_id(page.url or fallback_id), published=published,
                   text=without_headline(page.text, page.title),
                   title=page.title, url=url or page.url, source=source, path=path)


def read_html(src: Source, opts: ReadOptions) -> Iterator[Article]:
    html = decode_html(src.read(opts.max_bytes), src.name)
    yield page_article(html, None, src.name, src.path, default=opts.date, fallback_id=src.article_id)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def without_headline(text: str, title: str | None) -> str:
    """The text without a first line that only repeats the page's title (the article's own headline)."""
    first, _, rest = text.partition("\n")
    head = first.strip().casefold()
    if title and rest.strip() and head and (title.casefold().startswith(head) or head.startswith(title.casefold())):
        return rest.lstrip("\n")
    return text
