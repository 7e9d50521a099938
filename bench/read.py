"""Reading alone: milliseconds per article for each input format, on the same articles.

usage: python bench/read.py [DIR_OR_FILES...]
Defaults to ../shared/data/dev (falls back to the built-in examples). The articles are written out
as text files, one JSON Lines file, one CSV file, HTML pages, one RSS feed and one gzipped WARC, each
then read back with ``read_paths``; compare with the ms/article of ``bench/throughput.py``'s ingest.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annals.examples import example_dir
from annals.models import Article
from annals.read import read_paths


def page(a: Article) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n") if p.strip())
    return (f'<html><head><title>Story {a.id}</title><meta property="article:published_time" '
            f'content="{a.published}"></head><body><nav>Home | World</nav><article>{paragraphs}</article>'
            "<footer>Copyright</footer></body></html>")


def write_all(articles: list[Article], out: Path) -> dict[str, list[Path]]:
    (out / "text").mkdir()
    (out / "html").mkdir()
    for i, a in enumerate(articles):
        (out / "text" / f"{i}.txt").write_text(f"date {a.published}\n{a.text}")
        (out / "html" / f"{i}.html").write_text(page(a))
    (out / "a.jsonl").write_text("".join(json.dumps({"id": a.id, "date": str(a.published), "text": a.text}) + "\n"
                                         for a in articles))
    with (out / "a.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "date", "text"])
        w.writerows([a.id, a.published, a.text] for a in articles)
    items = "".join(f"<item><title>{a.id}</title><link>http://example.org/{i}</link>"
                    f"<pubDate>{a.published.strftime('%a, %d %b %Y')} 10:00:00 GMT</pubDate>"
                    f"<description>{html.escape(page(a))}</description></item>" for i, a in enumerate(articles))
    (out / "a.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>{items}'
                               "</channel></rss>")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, a in enumerate(articles):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response", http_headers=headers,
                                                      payload=io.BytesIO(page(a).encode())))
    (out / "a.warc.gz").write_bytes(buf.getvalue())
    (out / "a.jsonl.gz").write_bytes(gzip.compress((out / "a.jsonl").read_bytes()))
    return {"text": [out / "text"], "jsonl": [out / "a.jsonl"], "jsonl.gz": [out / "a.jsonl.gz"],
            "csv": [out / "a.csv"], "html": [out / "html"], "rss": [out / "a.rss"], "warc.gz": [out / "a.warc.gz"]}


def main() -> None:
    import argparse

    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(shared if shared.exists() else example_dir())])
    a = ap.parse_args()
    articles = [x for x in read_paths(a.paths) if isinstance(x, Article)]
    print(f"articles: {len(articles)} ({sum(len(x.text) for x in articles) / len(articles):.0f} chars on average)")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, paths in write_all(articles, Path(tmp)).items():
            t = time.perf_counter()
            items = list(read_paths(paths))
            took = time.perf_counter() - t
            good = sum(isinstance(i, Article) for i in items)
            print(f"{fmt:<9} {took / len(articles) * 1000:6.2f} ms/article  ({good} read, {len(items) - good} errors)")


if __name__ == "__main__":
    main()
