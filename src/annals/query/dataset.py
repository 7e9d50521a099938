"""The tables an export asks for, each filled by its query under the same filters the queries take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from . import contacts as contacts_q
from . import entities as entities_q
from . import offices as offices_q
from . import quotes as quotes_q
from .records import Rows
from .tables import TABLES

WHAT = ("contacts", "contact_sources", "offices", "tenures", "quotes", "entities")


@dataclass(frozen=True)
class Filters:
    """The query filters an export applies; each table uses those that mean something for it."""

    person: str | None = None
    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    role: str | None = None
    speaker: str | None = None
    as_of: date | None = None


def results(conn: Connection, source: str, f: Filters) -> Rows:
    """The results of one query (``contacts``, ``offices``, ``tenures``, ``quotes``, ``entities``) under ``f``."""
    countries = [c.upper() for c in f.countries]
    if source == "contacts":
        return contacts_q.contacts_query(conn, person=f.person, countries=tuple(countries), since=f.since,
                                         until=f.until, kind=f.kind, as_of=f.as_of)
    if source == "offices":
        return Rows([o for c in countries or [None] for o in offices_q.mentions(
            conn, person=f.person, role=f.role, country=c, since=f.since, until=f.until, as_of=f.as_of)], "offices")
    if source == "tenures":
        found = [t for c in countries or [None]
                 for t in offices_q.tenures(conn, person=f.person, role=f.role, country=c, as_of=f.as_of)]
        return Rows([t for t in found if _overlaps(t, f.since, f.until)], "tenures")
    if source == "quotes":
        return quotes_q.quotes_query(conn, speaker=f.speaker or f.person, since=f.since, until=f.until,
                                     as_of=f.as_of)
    if source == "entities":
        found = entities_q.search(conn, f.person or "", limit=None)
        return Rows([e for e in found if not countries or e.country in countries], "entities")
    raise ValueError(f"no query named {source!r}")


def _overlaps(t, since: date | None, until: date | None) -> bool:
    """Whether a tenure may have run at some time between ``since`` and ``until``."""
    start = t.start_earliest or t.start_latest or t.first_held
    end = t.end_latest or t.end_earliest or t.last_held
    return not ((until and start and start > until) or (since and end and end < since))


def tables(conn: Connection, what: list[str], f: Filters) -> dict[str, list[dict]]:
    """Flat rows of each table in ``what`` (names from ``WHAT``), each query run once."""
    cache: dict[str, Rows] = {}
    out = {}
    for name in what:
        spec = TABLES[name]
        if spec.source not in cache:
            cache[spec.source] = results(conn, spec.source, f)
        out[name] = spec.rows(cache[spec.source])
    return out
