"""Tenures: who held an office when, as intervals with uncertain bounds, from dated observations.

Each observation says something about one person's tenure of one office:
holding on the publication day, starting or ending on a (possibly ranged)
date, former by the publication day, designate (not yet in office). For
offices with one holder at a time, succession bounds both neighbours: the
earlier holder's tenure ends by the time the later one's is known to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

SINGLE_HOLDER = {"head_of_state", "head_of_government", "defense_minister", "foreign_minister",
                 "military_chief", "intl_org_head", "intelligence_chief"}


@dataclass(frozen=True)
class Observation:
    person_id: int
    person: str
    role: str
    country: str
    status: str
    published: date
    earliest: date | None = None
    latest: date | None = None
    evidence: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Tenure:
    """One person's time in one office. ``None`` bounds are open (unknown)."""

    person_id: int
    person: str
    role: str
    country: str
    start_earliest: date | None = None
    start_latest: date | None = None
    end_earliest: date | None = None
    end_latest: date | None = None
    held: set[date] = field(default_factory=set)
    designate_until: date | None = None
    observations: list[Observation] = field(default_factory=list)

    @property
    def first_held(self) -> date | None:
        return min(self.held) if self.held else None

    @property
    def last_held(self) -> date | None:
        return max(self.held) if self.held else None

    @property
    def certain(self) -> tuple[date, date] | None:
        """The first and last day the holder was certainly in office, or None."""
        lo, hi = self.start_latest or self.first_held, self.end_earliest or self.last_held
        return (lo, hi) if lo is not None and hi is not None and lo <= hi else None

    def certainly_on(self, day: date) -> bool:
        return self.certain is not None and self.certain[0] <= day <= self.certain[1]

    def possibly_on(self, day: date) -> bool:
        if self.start_earliest is not None and day < self.start_earliest:
            return False
        return not (self.end_latest is not None and day > self.end_latest)

    def as_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"person": self.person, "role": self.role, "country": self.country,
                "start": {"earliest": iso(self.start_earliest), "latest": iso(self.start_latest or self.first_held)},
                "end": {"earliest": iso(self.end_earliest or self.last_held), "latest": iso(self.end_latest)},
                "sources": [o.evidence for o in self.observations]}


def describe_bound(b: dict) -> str:
    """A tenure bound ``{earliest, latest}`` (ISO strings or None) in words."""
    lo, hi = b["earliest"], b["latest"]
    if lo and hi:
        return lo if lo == hi else f"between {lo} and {hi}"
    if hi:
        return f"by {hi}"
    if lo:
        return f"after {lo}"
    return "unknown"


def _min(*ds: date | None) -> date | None:
    vals = [d for d in ds if d is not None]
    return min(vals) if vals else None


def _max(*ds: date | None) -> date | None:
    vals = [d for d in ds if d is not None]
    return max(vals) if vals else None


def _apply(t: Tenure, o: Observation) -> None:
    t.observations.append(o)
    if o.status == "holding":
        t.held.add(o.published)
    elif o.status == "starts":   # reported as starting: in office from then to the report
        if o.earliest:
            t.start_earliest = _max(t.start_earliest, o.earliest)
            t.start_latest = _min(t.start_latest, o.latest)
            t.held.add(o.latest)
            if o.latest <= o.published:
                t.held.add(o.published)
        else:
            t.start_latest = _min(t.start_latest, o.published)
    elif o.status == "ends":
        if o.earliest:
            t.end_earliest = _max(t.end_earliest, o.earliest)
            t.end_latest = _min(t.end_latest, o.latest)
            t.held.add(o.earliest)
        else:
            t.end_latest = _min(t.end_latest, o.published)
    elif o.status == "former":
        t.end_latest = _min(t.end_latest, o.published)
    elif o.status == "designate":
        t.designate_until = _max(t.designate_until, o.published)


def _finish(t: Tenure) -> None:
    if t.designate_until and not (t.held and min(t.held) <= t.designate_until):
        t.start_earliest = _max(t.start_earliest, t.designate_until + timedelta(days=1))
    if t.held:
        t.start_latest = _min(t.start_latest, min(t.held))
        t.end_earliest = _max(t.end_earliest, max(t.held))


def build(observations: list[Observation]) -> list[Tenure]:
    """Tenures per person and office, with succession applied to single-holder offices."""
    by_key: dict[tuple[int, str, str], Tenure] = {}
    for o in sorted(observations, key=lambda o: o.published):
        t = by_key.get((o.person_id, o.role, o.country))
        if t is None:
            t = by_key[(o.person_id, o.role, o.country)] = Tenure(o.person_id, o.person, o.role, o.country)
        _apply(t, o)
    for t in by_key.values():
        _finish(t)
    offices: dict[tuple[str, str], list[Tenure]] = {}
    for t in by_key.values():
        offices.setdefault((t.role, t.country), []).append(t)
    for (role, _), group in offices.items():
        if role in SINGLE_HOLDER:
            _succession(group)
    return sorted(by_key.values(), key=lambda t: (t.role, t.country, t.start_latest or t.first_held or date.max))


def _succession(group: list[Tenure]) -> None:
    """Order holders by the days they are known to have held the office; each ends by the next one's start."""
    known = sorted((t for t in group if t.held or t.start_latest),
                   key=lambda t: t.first_held or t.start_latest)
    for before, after in zip(known, known[1:], strict=False):
        b_last = before.last_held or before.start_latest
        a_first = after.start_latest or after.first_held
        if b_last is None or a_first is None or b_last > a_first:
            continue
        before.end_latest = _min(before.end_latest, a_first)
        after.start_earliest = _max(after.start_earliest, b_last)


@dataclass
class Answer:
    """Who held an office on a day: certain, probable (the only candidate), uncertain (several), unknown."""

    status: str
    holders: list[Tenure]


def holder_on(tenures: list[Tenure], day: date) -> Answer:
    certain = [t for t in tenures if t.certainly_on(day)]
    if len(certain) == 1:
        return Answer("certain", certain)
    possible = [t for t in tenures if t.possibly_on(day) and (t.first_held or t.start_latest or t.end_latest)]
    if len(certain) > 1:
        return Answer("uncertain", certain)
    if len(possible) == 1:
        return Answer("probable", possible)
    if possible:
        return Answer("uncertain", possible)
    return Answer("unknown", [])
