"""Reading articles: the two formats, directories, and a clear error for each bad input."""

from __future__ import annotations

import json
from datetime import date

from annals.errors import InputError
from annals.models import Article
from annals.read import read_paths


def read(paths, **kw):
    items = list(read_paths(paths, **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_text_with_date_on_the_same_line_keeps_the_body(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(" date 2024-11-08 Katz spoke to Austin.\n\nSecond paragraph.")
    [art], errors = read([p])
    assert not errors
    assert art.id == "a.txt" and art.published == date(2024, 11, 8)
    assert art.text == "Katz spoke to Austin.\n\nSecond paragraph."


def test_text_with_date_on_its_own_line(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("date 2025-01-30\nHegseth called.\n")
    [art], _ = read([p])
    assert art.published == date(2025, 1, 30) and art.text.startswith("Hegseth called.")


def test_jsonl_records_with_datetime_and_optional_fields(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"id": 7, "date": "2024-02-29T23:10:00Z", "text": "Body.", "title": "T",
                             "url": "http://example.org/a"}) + "\n\n")
    [art], errors = read([p])
    assert not errors
    assert (art.id, art.published, art.title, art.url) == ("7", date(2024, 2, 29), "T", "http://example.org/a")


def test_each_bad_input_is_one_error_naming_the_file_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("date 2024-01-01 Fine text.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02date")
    (tmp_path / "latin1.txt").write_bytes("date 2024-01-01 caf\xe9".encode("latin-1"))
    (tmp_path / "nodate.txt").write_text("Just text without a date line.")
    (tmp_path / "baddate.txt").write_text("date 2024-13-45 Text.")
    (tmp_path / "huge.txt").write_text("date 2024-01-01 " + "x" * 5000)
    arts, errors = read([tmp_path], max_bytes=4000)
    assert [a.id for a in arts] == ["good.txt"]
    by_file = {e.path.split("/")[-1]: e.problem for e in errors}
    assert by_file == {
        "empty.txt": "file is empty",
        "binary.txt": "binary file (contains NUL bytes), not text",
        "latin1.txt": "not UTF-8 text (invalid byte at offset 19)",
        "nodate.txt": "missing date line (the file must begin with 'date YYYY-MM-DD')",
        "baddate.txt": "malformed publication date '2024-13-45' (expected YYYY-MM-DD)",
        "huge.txt": "file is too large (5,016 bytes; limit 4,000)",
    }
    assert all(str(e).startswith(str(tmp_path)) for e in errors)


def test_bad_jsonl_lines_name_file_and_line(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a", "date": "2024-01-01", "text": "ok"}),
        "{not json",
        json.dumps({"id": "b", "text": "no date"}),
        json.dumps({"id": "c", "date": "yesterday", "text": "bad date"}),
        json.dumps({"date": "2024-01-01", "text": "no id"}),
    ]))
    arts, errors = read([p])
    assert [a.id for a in arts] == ["a"]
    assert [str(e).split(": ", 1)[0].rsplit("/", 1)[-1] for e in errors] == [
        "mixed.jsonl:2", "mixed.jsonl:3 (id b)", "mixed.jsonl:4 (id c)", "mixed.jsonl:5"]
    assert "missing publication date" in str(errors[1])


def test_directories_take_article_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-01-01 A.")
    (tmp_path / "a.gold.json").write_text("{}")
    (tmp_path / "notes.md").write_text("# notes")
    arts, errors = read([tmp_path, tmp_path / "missing.txt"])
    assert [a.id for a in arts] == ["a.txt"]
    assert [e.problem for e in errors] == ["no such file or directory"]
