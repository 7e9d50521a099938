"""Frozen records passed between stages: read -> analyse -> resolve -> store -> query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ROLES = (
    "head_of_state", "head_of_government", "defense_minister", "foreign_minister", "other_minister",
    "military_chief", "intelligence_chief", "ambassador", "spokesperson", "envoy", "legislator",
    "intl_org_head", "official",
)
STATUSES = ("holding", "starts", "ends", "former", "designate")
CONTACT_KINDS = ("call", "meeting", "letter")


@dataclass(frozen=True)
class Article:
    """One dated news article as read from disk, before analysis."""

    id: str
    published: date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class TimeValue:
    """A resolved time: its TimeML value and the span of days it can denote.

    ``earliest``/``latest`` bound the day(s) meant (equal for a single day);
    ``precision`` is day, week, month, quarter, season, year, decade, range or
    unknown. Durations and sets have no days (``earliest`` is None).
    """

    value: str
    type: str = "DATE"
    earliest: date | None = None
    latest: date | None = None
    precision: str = "day"

    @property
    def is_day(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest

    def as_gold(self) -> str | dict | None:
        """The scorer's date shape: a day, an ``{earliest, latest}`` range, or None."""
        if self.earliest is None or self.latest is None:
            return None
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: document, character offsets, sentence."""

    doc_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class OfficeObservation:
    person: str
    role: str
    country: str
    status: str
    evidence: Evidence
    date: TimeValue | None = None
    country_inferred: bool = False   # the text did not say the country; it was guessed from context


@dataclass(frozen=True)
class ContactObservation:
    kind: str
    participants: tuple[str, ...]
    evidence: Evidence
    date: TimeValue | None = None
    place: str | None = None


@dataclass(frozen=True)
class QuoteObservation:
    text: str
    speaker: str | None
    evidence: Evidence


@dataclass(frozen=True)
class EntityRecord:
    """A canonical actor of one article with every surface form seen for it."""

    name: str
    kind: str  # person | org | country
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything Annals took from one article."""

    article: Article
    entities: tuple[EntityRecord, ...] = ()
    offices: tuple[OfficeObservation, ...] = ()
    contacts: tuple[ContactObservation, ...] = ()
    quotes: tuple[QuoteObservation, ...] = ()
    timexes: tuple[dict, ...] = field(default=())
