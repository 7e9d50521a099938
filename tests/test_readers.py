"""The input formats: HTML, feeds, WARC, CSV, JSON Lines columns, compression, zip, stdin, forcing a format.

Every input is written here (fictional people and outlets); none needs the spaCy model.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import zipfile
from datetime import date

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annals.errors import InputError
from annals.models import Article
from annals.read import FORMATS, ReadOptions, expand, read_paths
from annals.read.records import FORMAT_NAMES

BODY = ("<p>Foreign Minister Ada Lindqvist met her counterpart Tomas Varga in Oslo on Tuesday to discuss "
        "fishing rights in the northern waters.</p><p>The two ministers agreed to meet again in spring, a "
        "spokesman for the ministry said after the talks ended late in the evening.</p>")


def page(head: str = "", body: str = BODY) -> str:
    return (f"<!DOCTYPE html><html><head><title>Talks in Oslo | Fjord Post</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Talks in Oslo</h1>{body}"
            "</article><footer>Copyright Fjord Post</footer></body></html>")


DATED = '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'


def read(paths, **kw):
    items = list(read_paths(paths, options=ReadOptions(**kw)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def feed(items: str) -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fjord Wire</title>{items}</channel></rss>'


def item(title: str, link: str, when: str | None, text: str = BODY) -> str:
    date_el = f"<pubDate>{when}</pubDate>" if when else ""
    return (f"<item><title>{title}</title><link>{link}</link>{date_el}"
            f"<description><![CDATA[{text}]]></description></item>")


def warc(pages: list[tuple[str, str, str]], gz: bool = True, extra: bool = True) -> bytes:
    """A WARC of response records (url, WARC-Date, html), with a request and a 404 record between them."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, stamp, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers, warc_headers_dict={"WARC-Date": stamp}))
        if extra:
            missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url + "/gone", "response", payload=io.BytesIO(b"<p>no</p>"),
                                                          http_headers=missing))
    return buf.getvalue()


# -- HTML ---------------------------------------------------------------------------------------------------


def test_html_page_gives_main_text_title_and_date(tmp_path):
    (tmp_path / "talks.html").write_text(page(DATED))
    [art], errors = read([tmp_path / "talks.html"])
    assert not errors
    assert art.id == "talks.html" and art.published == date(2024, 3, 5)
    assert art.title.startswith("Talks in Oslo")
    assert art.text.startswith("Foreign Minister Ada Lindqvist met") and "spring" in art.text   # no headline
    assert "Home" not in art.text and "Copyright" not in art.text   # boilerplate dropped


def test_html_without_a_date_is_an_error_unless_one_is_given(tmp_path):
    (tmp_path / "undated.html").write_text(page())
    arts, [err] = read([tmp_path / "undated.html"])
    assert not arts and err.path.endswith("undated.html") and "no publication date" in err.problem
    [art], errors = read([tmp_path / "undated.html"], date=date(2024, 1, 2))
    assert not errors and art.published == date(2024, 1, 2)


def test_html_in_a_declared_charset_and_broken_html(tmp_path):
    (tmp_path / "latin.html").write_bytes(page(DATED + '<meta charset="iso-8859-1">',
                                               BODY.replace("Oslo", "Tromsø")).encode("latin-1"))
    (tmp_path / "broken.html").write_text("<html><body><div><p>Unclosed <b>paragraph that never ends <p><tab")
    (tmp_path / "wrong.html").write_bytes(page(DATED).encode("utf-8").replace(b"Oslo", b"Troms\xf8"))
    arts, errors = read([tmp_path])
    assert [a.id for a in arts] == ["latin.html"] and "Tromsø" in arts[0].text
    problems = {e.path.rsplit("/", 1)[-1]: e.problem for e in errors}
    assert set(problems) == {"broken.html", "wrong.html"}
    assert "no publication date" in problems["broken.html"]
    assert problems["wrong.html"].startswith("not utf-8 text")


# -- feeds --------------------------------------------------------------------------------------------------


def test_feed_items_with_dates_titles_and_text_and_a_bad_date_named(tmp_path):
    (tmp_path / "wire.rss").write_text(feed(
        item("Talks in Oslo", "http://example.org/a", "Tue, 05 Mar 2024 10:00:00 GMT")
        + item("Bad", "http://example.org/b", "the day after tomorrow")
        + item("Undated", "http://example.org/c", None)
        + item("Later", "http://example.org/d", "Wed, 06 Mar 2024 08:00:00 GMT", "<p>Second <b>item</b>.</p>")))
    arts, errors = read([tmp_path / "wire.rss"])
    assert [(a.id, a.published, a.title, a.source) for a in arts] == [
        ("http://example.org/a", date(2024, 3, 5), "Talks in Oslo", "Fjord Wire"),
        ("http://example.org/d", date(2024, 3, 6), "Later", "Fjord Wire")]
    assert arts[0].text.startswith("Foreign Minister Ada Lindqvist") and "\n\nThe two ministers" in arts[0].text
    assert "<" not in arts[0].text and arts[1].text == "Second item."
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'wire.rss'} item 2 (http://example.org/b): invalid date 'the day after tomorrow'",
        f"{tmp_path / 'wire.rss'} item 3 (http://example.org/c): item has no date (give one with --date YYYY-MM-DD)"]


def test_atom_feed_content_and_a_file_that_is_no_feed(tmp_path):
    (tmp_path / "a.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Nord Desk</title>'
        '<entry><id>urn:x:1</id><title>Envoy named</title><updated>2024-05-01T09:00:00Z</updated>'
        '<content type="html">&lt;p&gt;Envoy Lena Brandt was named on Monday.&lt;/p&gt;</content></entry></feed>')
    (tmp_path / "junk.rss").write_text("this is not xml at all")
    arts, [err] = read([tmp_path])
    assert [(a.id, a.published, a.text, a.source) for a in arts] == [
        ("urn:x:1", date(2024, 5, 1), "Envoy Lena Brandt was named on Monday.", "Nord Desk")]
    assert err.path.endswith("junk.rss") and "not a readable RSS or Atom feed" in err.problem


# -- WARC ---------------------------------------------------------------------------------------------------


def test_warc_html_responses_with_page_date_else_warc_date(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(warc([
        ("http://example.org/1", "2024-03-07T10:00:00Z", page()),
        ("http://example.org/2", "2024-03-08T10:00:00Z", page(DATED))]))
    arts, errors = read([tmp_path])
    assert not errors
    assert [(a.id, a.url, a.published, a.source) for a in arts] == [
        ("http://example.org/1", "http://example.org/1", date(2024, 3, 7), "example.org"),
        ("http://example.org/2", "http://example.org/2", date(2024, 3, 5), "example.org")]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("cut", [0.75, 0.9])
def test_truncated_warc_keeps_the_records_before_and_names_the_bad_one(tmp_path, gz, cut):
    data = warc([(f"http://example.org/{i}", f"2024-03-0{i + 1}T10:00:00Z", page()) for i in range(3)], gz=gz,
                extra=False)
    (tmp_path / "cut.warc").write_bytes(data[:int(len(data) * cut)])
    arts, [err] = read([tmp_path / "cut.warc"])
    assert [a.id for a in arts] == [f"http://example.org/{i}" for i in range(len(arts))]
    assert len(arts) >= 1
    assert err.source.startswith(f"{tmp_path / 'cut.warc'} record {len(arts) + 1} (offset ")
    assert "truncated" in err.problem or "corrupt" in err.problem


# -- CSV and JSON Lines columns ----------------------------------------------------------------------------


def test_csv_with_mapped_columns_bad_rows_named_and_the_rest_read(tmp_path):
    (tmp_path / "dump.csv").write_text(
        "story,day,headline,body,outlet\n"
        's1,2024-03-05,Talks,"Ministers met.\n\nThey agreed.",Fjord Post\n'
        "s2,2024-13-01,Bad,Text.,Fjord Post\n"
        "s3,2024-03-06,Short row\n"
        "s4,2024-03-07,Fine,More text.,Nord Desk\n")
    arts, errors = read([tmp_path / "dump.csv"], columns={"id": "story", "published": "day", "title": "headline",
                                                         "text": "body", "source": "outlet"})
    assert [(a.id, a.published, a.title, a.source) for a in arts] == [
        ("s1", date(2024, 3, 5), "Talks", "Fjord Post"), ("s4", date(2024, 3, 7), "Fine", "Nord Desk")]
    assert arts[0].text == "Ministers met.\n\nThey agreed."
    where = str(tmp_path / "dump.csv")
    assert [str(e) for e in errors] == [
        f"{where}:5 (id s2): malformed publication date '2024-13-01' (expected YYYY-MM-DD)",
        f"{where}:6: row has 3 fields, the header 5"]


def test_csv_missing_columns_is_one_error_naming_them(tmp_path):
    (tmp_path / "x.csv").write_text("id,headline,body\n1,a,b\n2,c,d\n")
    arts, [err] = read([tmp_path / "x.csv"])
    assert not arts
    assert err.path == str(tmp_path / "x.csv")
    assert err.problem.startswith("missing column(s) 'text', 'published' or 'date' (header: id, headline, body")


def test_csv_defaults_ids_from_url_or_line_and_date_option(tmp_path):
    (tmp_path / "y.csv").write_text("url,text\nhttp://example.org/p,One.\n,Two.\n")
    arts, errors = read([tmp_path / "y.csv"], date=date(2024, 2, 2))
    assert not errors
    assert [(a.id, a.published) for a in arts] == [("http://example.org/p", date(2024, 2, 2)),
                                                   ("y.csv:3", date(2024, 2, 2))]


def test_jsonl_with_mapped_columns(tmp_path):
    (tmp_path / "api.jsonl").write_text(json.dumps({"uid": "n1", "publishedAt": "2024-04-01T08:00:00Z",
                                                    "content": "Body text.", "headline": "H"}) + "\n")
    [art], errors = read([tmp_path], columns={"id": "uid", "published": "publishedAt", "text": "content",
                                              "title": "headline"})
    assert not errors and (art.id, art.published, art.title, art.text) == ("n1", date(2024, 4, 1), "H",
                                                                           "Body text.")


def test_unknown_column_field_or_format_is_refused():
    with pytest.raises(ValueError, match="unknown article field"):
        ReadOptions(columns={"body": "text"})
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        ReadOptions(format="pdf")
    assert tuple(FORMATS) == FORMAT_NAMES   # the names ReadOptions accepts are the readers there are


# -- compression, zip, stdin, forcing -----------------------------------------------------------------------


def test_compressed_files_and_zip_members_are_read_and_named(tmp_path):
    record = json.dumps({"id": "g1", "date": "2024-01-01", "text": "Gzipped."}) + "\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(record.encode()))
    (tmp_path / "b.html.bz2").write_bytes(bz2.compress(page(DATED).encode()))
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as z:
        z.writestr("2024/one.txt", "date 2024-02-01 First member.")
        z.writestr("2024/two.html", page())   # no date: an error naming the member
        z.writestr("three.txt.gz", gzip.compress(b"date 2024-02-03 Nested gzip."))
    arts, errors = read([tmp_path])
    assert [(a.id, a.path.removeprefix(f"{tmp_path}/")) for a in arts] == [
        ("g1", "a.jsonl.gz"), ("b.html", "b.html.bz2"), ("2024/one.txt", "many.zip:2024/one.txt"),
        ("three.txt", "many.zip:three.txt.gz")]
    [err] = errors
    assert err.source == f"{tmp_path / 'many.zip'}:2024/two.html" and "no publication date" in err.problem


def test_corrupt_gzip_and_zip_are_errors_and_records_before_are_kept(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "date": "2024-01-01", "text": f"Record {i} " + "w" * 200}) + "\n"
                    for i in range(200))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "fake.txt.gz").write_bytes(b"plain bytes, no gzip")
    arts, errors = read([tmp_path])
    assert 0 < len(arts) < 200 and arts[0].id == "r0"
    problems = {e.path.rsplit("/", 1)[-1]: e.problem for e in errors}
    assert set(problems) == {"cut.jsonl.gz", "bad.zip", "fake.txt.gz"}
    assert "corrupt" in problems["cut.jsonl.gz"] and "corrupt zip" in problems["bad.zip"]


def test_checks_hold_for_every_format(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01{}")
    (tmp_path / "bin.html").write_bytes(b"<html>\x00\x00")
    (tmp_path / "huge.html").write_text(page(DATED, BODY * 40))
    (tmp_path / "empty.rss.gz").write_bytes(gzip.compress(b""))
    arts, errors = read([tmp_path], max_bytes=5000)
    assert not arts
    assert {e.path.rsplit("/", 1)[-1]: e.problem.split(" (")[0] for e in errors} == {
        "empty.csv": "file is empty", "bin.jsonl": "binary file", "bin.html": "binary file",
        "huge.html": "file is too large", "empty.rss.gz": "file is empty"}


def test_stdin_is_sniffed_or_forced(tmp_path, monkeypatch):
    def stdin(data: bytes):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))

    stdin(feed(item("Talks", "http://example.org/a", "Tue, 05 Mar 2024 10:00:00 GMT")).encode())
    [art], _ = read(["-"])
    assert art.id == "http://example.org/a" and art.path == "<stdin>"
    stdin(gzip.compress(b"date 2024-06-01 Piped text."))
    [art], _ = read(["-"])
    assert (art.published, art.text) == (date(2024, 6, 1), "Piped text.")
    stdin(b"id,date,text\n1,2024-06-02,From a pipe.\n")
    [art], _ = read(["-"], format="csv")
    assert (art.id, art.text) == ("1", "From a pipe.")


def test_format_forces_a_reader_whatever_the_suffix(tmp_path):
    (tmp_path / "saved.dat").write_text(page(DATED))
    (tmp_path / "rows.txt").write_text("id,date,text\n1,2024-06-02,Row text.\n")
    [art], _ = read([tmp_path / "saved.dat"])   # sniffed as HTML
    assert art.published == date(2024, 3, 5)
    [art], _ = read([tmp_path / "rows.txt"], format="csv")
    assert (art.id, art.text) == ("1", "Row text.")
    _, [err] = read([tmp_path / "rows.txt"])   # by its suffix: a text file without a date line
    assert "missing date line" in err.problem


def test_expand_picks_up_the_new_suffixes_and_not_others(tmp_path):
    for name in ("a.html", "b.rss", "c.csv", "d.warc.gz", "e.jsonl.bz2", "f.zip", "g.txt", "h.gold.json", "i.png",
                 "SOURCES.tsv"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand([tmp_path])] == ["a.html", "b.rss", "c.csv", "d.warc.gz", "e.jsonl.bz2",
                                                    "f.zip", "g.txt"]


def test_a_page_is_known_by_its_canonical_url_and_long_ids_fit_the_store(tmp_path):
    (tmp_path / "index.html").write_text(page(DATED + '<link rel="canonical" href="http://example.org/news/talks">'))
    long_url = "http://example.org/" + "x" * 400
    (tmp_path / "long.csv").write_text(f"url,date,text\n{long_url},2024-01-01,Text.\n")
    arts, errors = read([tmp_path])
    assert not errors
    assert arts[0].id == "http://example.org/news/talks" and arts[0].url == "http://example.org/news/talks"
    assert len(arts[1].id) == 255 and arts[1].id.startswith("http://example.org/xxx") and arts[1].url == long_url


def test_a_corrupt_warc_record_is_named_and_the_records_before_kept(tmp_path):
    data = warc([(f"http://example.org/{i}", "2024-03-01T10:00:00Z", page()) for i in range(3)], gz=False,
                extra=False)
    second = data.index(b"WARC/1.0", 10)
    (tmp_path / "bad.warc").write_bytes(data[:second] + b"GARBAGE!" + data[second + 8:])
    arts, [err] = read([tmp_path / "bad.warc"])
    assert [a.id for a in arts] == ["http://example.org/0"]
    assert err.source == f"{tmp_path / 'bad.warc'} record 2 (offset {second})" and "corrupt record" in err.problem


def test_json_from_a_news_api_with_nested_fields_and_a_bad_item(tmp_path):
    response = {"status": "ok", "totalResults": 3, "articles": [
        {"source": {"id": None, "name": "Nord Desk"}, "title": "Envoy named", "url": "http://example.org/e",
         "publishedAt": "2024-05-01T09:00:00Z", "content": "Envoy Lena Brandt was named on Monday."},
        {"source": {"name": "Fjord Post"}, "title": "Undated", "url": "http://example.org/u", "content": "Text."},
        "not an object"]}
    (tmp_path / "news.json").write_text(json.dumps(response, indent=2))
    arts, errors = read([tmp_path / "news.json"], columns={"published": "publishedAt", "text": "content"})
    assert [(a.id, a.published, a.source, a.title, a.text) for a in arts] == [
        ("http://example.org/e", date(2024, 5, 1), "Nord Desk", "Envoy named",
         "Envoy Lena Brandt was named on Monday.")]
    where = str(tmp_path / "news.json")
    assert [str(e) for e in errors] == [f"{where} item 2 (id http://example.org/u): missing publication date",
                                        f"{where} item 3: an item must be a JSON object"]
    (tmp_path / "one.dat").write_text('{\n "id": "x", "date": "2024-01-01", "body": "One.", "src": {"name": "S"}\n}')
    [art], _ = read([tmp_path / "one.dat"], columns={"text": "body", "source": "src.name"})   # sniffed
    assert (art.id, art.text, art.source) == ("x", "One.", "S")
    (tmp_path / "broken.json").write_text('[{"id": ')
    _, [err] = read([tmp_path / "broken.json"])
    assert err.problem.startswith("malformed JSON")


def test_memory_stays_flat_over_big_compressed_inputs(tmp_path):
    import tracemalloc

    line = json.dumps({"id": "{}", "date": "2024-01-01", "text": "Word " * 400}) + "\n"
    with gzip.open(tmp_path / "big.jsonl.gz", "wt") as f:
        for i in range(5000):   # about 10 MB of text
            f.write(line.replace("{}", str(i), 1))
    with zipfile.ZipFile(tmp_path / "many.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(1000):   # about 2 MB of text
            z.writestr(f"m/{i}.txt", f"date 2024-01-02 Member {i}. " + "Text " * 400)
    tracemalloc.start()
    count = sum(isinstance(item, Article) for item in read_paths([tmp_path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 6000
    assert peak < 2_000_000, f"peak {peak:,} bytes"   # the inputs hold 12 MB of text
