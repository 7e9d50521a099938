"""JSON documents from news APIs: a list of article objects, an object holding one (``articles``,
``results``, ``data``...), or one article object. Fields are named as for JSON Lines (``--column``,
``a.b`` for nested ones); an item without an id takes its url, else ``file#number``. A bad item is an
error naming file and item."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..models import Article
from .checks import decode
from .inputs import Source
from .records import ReadOptions, record_article

JSON_FACTOR = 100   # a response holds many articles: it may be this many times the size limit of one


def read_json(src: Source, opts: ReadOptions) -> Iterator[Article | InputError]:
    try:
        doc = json.loads(decode(src.read(opts.max_bytes * JSON_FACTOR), src.name))
    except json.JSONDecodeError as exc:
        raise InputError(src.name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                         src.path) from exc
    if isinstance(doc, dict):   # a response holding a list of articles, else one article
        doc = next((v for v in doc.values() if isinstance(v, list) and any(isinstance(i, dict) for i in v)), [doc])
    if not isinstance(doc, list):
        raise InputError(src.name, "expected a list of articles, or an object holding one", src.path)
    for number, item in enumerate(doc, 1):
        where = f"{src.name} item {number}"
        if not isinstance(item, dict):
            yield InputError(where, "an item must be a JSON object", src.path)
            continue
        url = next((item.get(c) for c in opts.names("url") if isinstance(item.get(c), str) and item.get(c)), None)
        try:
            yield record_article(item, opts, where, src.path, fallback_id=url or f"{src.article_id}#{number}")
        except InputError as exc:
            yield exc
