"""End to end: `annals ingest` on a directory mixing every input format, with a wire copy and bad inputs."""

from __future__ import annotations

import gzip
import json
import zipfile

from click.testing import CliRunner

from annals.cli import cli

from .dupe_texts import COPIES, WIRE, text
from .test_readers import DATED, feed, item, page, warc


def test_ingest_a_directory_of_mixed_formats(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2024-03-04 Prime Minister Erik Solberg called President Anna Kovac of "
                               "Slovenia on Monday.")
    (src / "b.html").write_text(page(DATED))
    (src / "c.rss").write_text(feed(item("Wire", "http://example.org/wire", "Tue, 05 Mar 2024 10:00:00 GMT",
                                         "".join(f"<p>{p}</p>" for p in WIRE))
                                    + item("Bad", "http://example.org/bad", "someday")))
    (src / "d.csv").write_text("id,date,body,outlet\nd1,2024-03-05,\"" + text(COPIES["changed headline"])
                               + "\",Nord Desk\n")
    (src / "e.jsonl.gz").write_bytes(gzip.compress(json.dumps(
        {"id": "e1", "date": "2024-03-06", "text": "Defence Minister Jonas Berg met Ambassador Rita Lund."}).encode()))
    with zipfile.ZipFile(src / "f.zip", "w") as z:
        z.writestr("g.txt", "date 2024-03-07 The envoy Karl Moe visited Vilnius on Thursday.")
    other = ("<p>Parliament in Tallinn approved the new budget on Friday after a long night of debate over "
             "defence spending and teachers' pay.</p><p>Finance Minister Liis Kask said the vote was a relief "
             "for the coalition, which holds a narrow majority in the chamber.</p>")
    (src / "h.warc.gz").write_bytes(warc([("http://example.org/h", "2024-03-08T09:00:00Z", page(body=other))]))
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "--column", "text=body",
                                      "--column", "source=outlet", "--json"])
    assert result.exit_code == 1, result.output   # the bad feed item
    out = json.loads(result.output)
    assert out["totals"]["duplicates"] == 1 and out["totals"]["errors"] == 1
    assert out["totals"]["articles"] == 6   # a.txt, b.html, the feed's wire story, e1, zip member, WARC page
    assert out["files"][f"{src}/c.rss"]["errors"] == [f"{src}/c.rss item 2 (http://example.org/bad): invalid date "
                                                      "'someday'"]
    assert out["files"][f"{src}/d.csv"]["duplicates"] == 1
    again = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "--column", "text=body", "--json"])
    assert json.loads(again.output)["totals"]["articles"] == 0

    piped = CliRunner().invoke(cli, ["ingest", "-", "--db", db, "--format", "csv", "--date", "2024-03-09", "--json"],
                               input="id,text\np1,The envoy Karl Moe returned to Vilnius on Saturday.\n")
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.output)["files"]["<stdin>"]["articles"] == 1

    bad = CliRunner().invoke(cli, ["ingest", str(src), "--db", db, "--column", "body"])
    assert bad.exit_code == 2 and "FIELD=COLUMN" in bad.output
