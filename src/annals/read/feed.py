"""RSS and Atom feeds with feedparser: one article per item, its HTML content (else summary) as text.

An item without a valid date is an error naming the feed and the item (number and link); the other
items go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser

from ..errors import InputError
from ..models import Article
from .checks import require_text, short_id
from .inputs import Source
from .markup import html_to_text
from .records import ReadOptions

FEED_FACTOR = 100   # a feed holds many articles: it may be this many times the size limit of one
BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read_feed(src: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    data = src.read(opts.max_bytes * FEED_FACTOR)
    if b"\x00" in data[:8192]:
        raise InputError(src.name, "binary file (contains NUL bytes), not a feed", src.path)
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    broken = feed.get("bozo") and not isinstance(feed.get("bozo_exception"), BENIGN)
    if broken and not feed.entries:
        raise InputError(src.name, f"not a readable RSS or Atom feed ({feed.bozo_exception})", src.path)
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, 1):
        link = entry.get("link")
        where = f"{src.name} item {number}" + (f" ({link or entry.get('id')})" if link or entry.get("id") else "")
        try:
            yield item_article(entry, number, outlet, where, src, opts)
        except InputError as exc:
            yield exc
    if broken:
        yield InputError(src.name, f"malformed feed after item {len(feed.entries)} ({feed.bozo_exception})",
                         src.path)


def item_article(entry, number: int, outlet: str | None, where: str, src: Source, opts: ReadOptions) -> Article:
    parsed = entry.get("published_parsed") or dict.get(entry, "updated_parsed")   # dict.get: no alias warning
    stated = entry.get("published") or dict.get(entry, "updated")
    if parsed:
        published = date(*parsed[:3])
    elif stated:
        raise InputError(where, f"invalid date {stated[:40]!r}", src.path)
    elif opts.date:
        published = opts.date
    else:
        raise InputError(where, "item has no date (give one with --date YYYY-MM-DD)", src.path)
    bodies = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    text = max((html_to_text(b) for b in bodies if b), key=len, default="")
    return Article(id=short_id(entry.get("id") or entry.get("link") or f"{src.article_id}#{number}"),
                   published=published,
                   text=require_text(text, where, "item has no text"), title=entry.get("title") or None,
                   url=entry.get("link"), source=outlet, path=src.path)
