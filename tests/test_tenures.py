"""Tenures from observations: bounds, succession, and the who-answer's certainty."""

from __future__ import annotations

from datetime import date as d

from annals.resolve.tenures import Observation, build, holder_on


def obs(pid, name, status, published, lo=None, hi=None, role="defense_minister", country="ISR"):
    return Observation(pid, name, role, country, status, d.fromisoformat(published),
                       d.fromisoformat(lo) if lo else None, d.fromisoformat(hi or lo) if lo else None)


def test_succession_closes_the_previous_tenure():
    tenures = build([
        obs(1, "Old", "holding", "2024-06-01"),
        obs(1, "Old", "ends", "2024-11-08", "2024-11-07", "2024-11-08"),
        obs(2, "New", "starts", "2024-11-08", "2024-11-08"),
        obs(2, "New", "holding", "2025-01-26"),
    ])
    old, new = sorted(tenures, key=lambda t: t.person_id)
    assert old.end_latest == d(2024, 11, 8) and old.end_earliest == d(2024, 11, 7)
    assert new.start_latest == d(2024, 11, 8)
    assert holder_on(tenures, d(2024, 11, 7)).holders == [old]
    assert [t.person for t in holder_on(tenures, d(2024, 11, 9)).holders] == ["New"]
    assert holder_on(tenures, d(2025, 1, 20)).status == "certain"
    assert holder_on(tenures, d(2025, 1, 29)).status == "probable"   # last seen holding on 01-26


def test_holder_seen_only_after_a_successor_started_stays_open_ended_without_succession():
    tenures = build([obs(1, "A", "holding", "2024-01-10"), obs(2, "B", "starts", "2024-05-01", "2024-05-01")])
    a = next(t for t in tenures if t.person == "A")
    assert a.end_latest == d(2024, 5, 1)
    assert holder_on(tenures, d(2024, 3, 1)).status == "probable"


def test_two_overlapping_candidates_are_uncertain():
    tenures = build([obs(1, "A", "holding", "2024-01-10"), obs(2, "B", "holding", "2024-01-10")])
    answer = holder_on(tenures, d(2024, 1, 10))
    assert answer.status == "uncertain" and {t.person for t in answer.holders} == {"A", "B"}


def test_nothing_known_before_any_evidence_of_a_designate():
    tenures = build([obs(1, "A", "designate", "2024-03-01")])
    assert tenures[0].start_earliest == d(2024, 3, 2)
    assert holder_on(tenures, d(2024, 2, 1)).status == "unknown"


def test_former_bounds_the_end_and_offices_with_many_holders_have_no_succession():
    tenures = build([
        obs(1, "A", "former", "2024-04-01", role="ambassador", country="USA"),
        obs(2, "B", "holding", "2024-01-01", role="ambassador", country="USA"),
        obs(3, "C", "holding", "2024-02-01", role="ambassador", country="USA"),
    ])
    by = {t.person: t for t in tenures}
    assert by["A"].end_latest == d(2024, 4, 1)
    assert by["B"].end_latest is None
