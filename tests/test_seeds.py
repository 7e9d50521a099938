"""End to end on the three founding articles (../shared/data/seeds): the answers the product promises."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from .conftest import SHARED, store_of


@pytest.fixture(scope="module")
def seeded(nlp, module_store_db):
    store = store_of(nlp, module_store_db, ("data", "seeds"))
    assert store.stats()["documents"] == 3
    return store


@pytest.mark.parametrize("country,day,person", [
    ("ISR", "2024-11-07", "Yoav Gallant"),
    ("ISR", "2024-11-09", "Israel Katz"),
    ("ISR", "2025-01-29", "Israel Katz"),
    ("USA", "2024-11-08", "Lloyd Austin"),
    ("USA", "2025-01-29", "Pete Hegseth"),
])
def test_who_held_the_defense_ministry(seeded, country, day, person):
    answer = seeded.who("defense_minister", country, date.fromisoformat(day))
    assert [t.person for t in answer.holders] == [person]
    assert answer.status in ("certain", "probable")


def test_israel_usa_contacts_in_date_order(seeded):
    got = [(c["kind"], sorted(p["name"] for p in c["participants"]), c["date"])
           for c in seeded.contacts(countries=("ISR", "USA")).to_dicts()]
    assert [(k, p) for k, p, _ in got] == [
        ("meeting", ["Lloyd Austin", "Yoav Gallant"]),
        ("call", ["Lloyd Austin", "Yoav Gallant"]),
        ("call", ["Israel Katz", "Lloyd Austin"]),
        ("letter", ["Israel Katz", "Pete Hegseth"]),
        ("call", ["Benjamin Netanyahu", "Pete Hegseth"]),
        ("call", ["Israel Katz", "Pete Hegseth"]),
    ]
    dates = [d for _, _, d in got]
    assert "2023-10-08" <= dates[0]["earliest"] <= dates[0]["latest"] <= "2023-10-21"
    assert [d["earliest"] for d in dates[1:4]] == ["2024-11-07", "2024-11-08", "2025-01-26"]
    assert "2025-01-26" <= dates[4]["earliest"] <= dates[4]["latest"] <= "2025-01-29"
    assert dates[5] == {"earliest": "2025-01-29", "latest": "2025-01-29"}


def test_every_fact_has_its_sentence(seeded):
    for c in seeded.contacts().to_dicts():
        for s in c["sources"]:
            text = seeded.document(s["doc"])["text"]
            assert s["sentence"] in text and 0 <= s["start"] < s["end"] <= len(text)


def test_reingest_changes_nothing(seeded):
    before = seeded.stats()
    report = seeded.ingest([SHARED / "data" / "seeds"])
    assert report.totals()["unchanged"] == 3 and seeded.stats() == before


def test_scorer_on_exported_seeds_is_at_least_0_9(seeded, tmp_path):
    seeded.export(tmp_path)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "data" / "seeds"),
                          str(tmp_path), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(out.stdout)
    for measure in ("contacts.strict", "offices.strict", "quotes.attributed"):
        assert scores[measure]["f1"] >= 0.9, (measure, scores[measure])
