"""Flat tables of query results, one row of plain values per fact: what CSV, JSON Lines, Parquet and
``Rows.to_pandas()`` hold.

Every row carries its evidence (document id, publication day, character offsets, sentence); dates are
``datetime.date``; list columns (participants, documents) hold lists, which CSV joins with ``"; "``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..resolve.tenures import Observation, Tenure
from .records import Contact, Entity, Quote

INT, STR, DATE, STRS, INTS = "int", "str", "date", "list[str]", "list[int]"


@dataclass(frozen=True)
class Table:
    """A table's columns (name, type) and how query results become its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: Callable[[Iterable], list[dict]]
    source: str   # the query whose results fill it

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.columns]

    @property
    def dates(self) -> list[str]:
        return [n for n, t in self.columns if t == DATE]

    @property
    def ints(self) -> list[str]:
        return [n for n, t in self.columns if t == INT]


EVIDENCE = (("doc_id", STR), ("published", DATE), ("start", INT), ("end", INT), ("sentence", STR))


def contact_rows(contacts: Iterable[Contact]) -> list[dict]:
    """One row per contact; the evidence columns are its first report, ``documents`` lists every report."""
    out = []
    for c in contacts:
        first = c.sources[0] if c.sources else None
        out.append({
            "contact_id": c.id, "kind": c.kind,
            "date_earliest": c.date.earliest if c.date else None, "date_latest": c.date.latest if c.date else None,
            "participants": [p.name for p in c.participants], "participant_ids": [p.id for p in c.participants],
            "participant_kinds": [p.kind for p in c.participants],
            "participant_countries": ["/".join(p.countries) for p in c.participants],
            "sources": len(c.sources), "documents": list(dict.fromkeys(s.doc for s in c.sources)),
            "doc_id": first and first.doc, "published": first and first.published, "start": first and first.start,
            "end": first and first.end, "sentence": first and first.sentence,
        })
    return out


def contact_source_rows(contacts: Iterable[Contact]) -> list[dict]:
    """One row per report of a contact: the article, the date it gave, the place, the sentence."""
    return [{"contact_id": c.id, "kind": c.kind, "participants": [p.name for p in c.participants],
             "participant_ids": [p.id for p in c.participants], "date_value": s.date,
             "date_earliest": s.date_earliest, "date_latest": s.date_latest, "place": s.place,
             "doc_id": s.doc, "published": s.published, "title": s.title, "url": s.url,
             "start": s.start, "end": s.end, "sentence": s.sentence}
            for c in contacts for s in c.sources]


def office_rows(observations: Iterable[Observation]) -> list[dict]:
    """One row per mention of a person in an office (holding, starts, ends, former, designate)."""
    return [{"person": o.person, "person_id": o.person_id, "role": o.role, "country": o.country,
             "status": o.status, "date_value": o.evidence.get("date"), "date_earliest": o.earliest,
             "date_latest": o.latest, "doc_id": o.evidence["doc"], "published": o.published,
             "start": o.evidence["start"], "end": o.evidence["end"], "sentence": o.evidence["sentence"]}
            for o in observations]


def tenure_rows(tenures: Iterable[Tenure]) -> list[dict]:
    """One row per tenure, its start and end as uncertain ranges (empty where open)."""
    return [{"person": t.person, "person_id": t.person_id, "role": t.role, "country": t.country,
             "start_earliest": t.start_earliest, "start_latest": t.start_latest or t.first_held,
             "end_earliest": t.end_earliest or t.last_held, "end_latest": t.end_latest,
             "sources": len(t.observations),
             "documents": list(dict.fromkeys(o.evidence["doc"] for o in t.observations))}
            for t in tenures]


def quote_rows(quotes: Iterable[Quote]) -> list[dict]:
    return [{"speaker": q.speaker, "speaker_id": q.speaker_id, "text": q.text, "doc_id": q.doc,
             "published": q.published, "start": q.start, "end": q.end, "sentence": q.sentence} for q in quotes]


def entity_rows(entities: Iterable[Entity]) -> list[dict]:
    return [{"entity_id": e.id, "name": e.name, "kind": e.kind, "country": e.country, "aliases": e.aliases,
             "documents": e.documents} for e in entities]


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("contacts", (("contact_id", INT), ("kind", STR), ("date_earliest", DATE), ("date_latest", DATE),
                       ("participants", STRS), ("participant_ids", INTS), ("participant_kinds", STRS),
                       ("participant_countries", STRS), ("sources", INT), ("documents", STRS), *EVIDENCE),
          contact_rows, "contacts"),
    Table("contact_sources", (("contact_id", INT), ("kind", STR), ("participants", STRS), ("participant_ids", INTS),
                              ("date_value", STR), ("date_earliest", DATE), ("date_latest", DATE), ("place", STR),
                              ("doc_id", STR), ("published", DATE), ("title", STR), ("url", STR),
                              *EVIDENCE[2:]),
          contact_source_rows, "contacts"),
    Table("offices", (("person", STR), ("person_id", INT), ("role", STR), ("country", STR), ("status", STR),
                      ("date_value", STR), ("date_earliest", DATE), ("date_latest", DATE), *EVIDENCE),
          office_rows, "offices"),
    Table("tenures", (("person", STR), ("person_id", INT), ("role", STR), ("country", STR),
                      ("start_earliest", DATE), ("start_latest", DATE), ("end_earliest", DATE), ("end_latest", DATE),
                      ("sources", INT), ("documents", STRS)),
          tenure_rows, "tenures"),
    Table("quotes", (("speaker", STR), ("speaker_id", INT), ("text", STR), *EVIDENCE), quote_rows, "quotes"),
    Table("entities", (("entity_id", INT), ("name", STR), ("kind", STR), ("country", STR), ("aliases", STRS),
                       ("documents", INT)),
          entity_rows, "entities"),
)}
