"""What the queries return: plain dataclasses with their evidence, in a list that turns into a DataFrame.

``to_dict()`` gives the JSON shape the CLI and the HTTP API print (dates as ISO strings);
``Rows.to_pandas()`` gives the flat table of ``tables.py`` (pandas is imported only then).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses as dicts (their own ``to_dict``/``as_dict`` when they have
    one), dates as ISO strings, lists and dicts element by element."""
    if dataclasses.is_dataclass(value):
        own = getattr(value, "to_dict", None) or getattr(value, "as_dict", None)
        return own() if own else _fields(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _fields(obj) -> dict:
    return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


class Rows(list, Generic[T]):
    """A list of query results that knows which flat table it makes (see ``tables.TABLES``)."""

    def __init__(self, items=(), table: str | None = None):
        super().__init__(items)
        self.table = table

    def __getitem__(self, index):
        got = super().__getitem__(index)
        return Rows(got, self.table) if isinstance(index, slice) else got

    def to_dicts(self) -> list[dict]:
        """Each item in its JSON shape (what ``--json`` and the HTTP API print)."""
        return [plain(r) for r in self]

    def to_rows(self) -> list[dict]:
        """Each item as one flat row of plain values (the CSV/Parquet columns)."""
        from .tables import TABLES

        if self.table is None:
            raise ValueError("these results have no flat table; use to_dicts()")
        return TABLES[self.table].rows(self)

    def to_pandas(self):
        """A pandas DataFrame of the flat rows; needs pandas (``pip install 'annals[analysis]'``)."""
        from ..optional import require
        from .tables import TABLES

        pandas = require("pandas")
        spec = TABLES[self.table] if self.table else None
        if spec is None:
            return pandas.DataFrame(self.to_dicts())
        frame = pandas.DataFrame(self.to_rows(), columns=spec.names)
        for name in spec.dates:
            frame[name] = pandas.to_datetime(frame[name])
        for name in spec.ints:
            frame[name] = frame[name].astype("Int64")   # nullable: a quote without a speaker has no speaker_id
        return frame


class Record:
    """A query result: ``to_dict()`` is its JSON shape."""

    def to_dict(self) -> dict:
        return _fields(self)


@dataclass
class DateRange(Record):
    """The days a date can denote (equal bounds for a known day)."""

    earliest: date
    latest: date


@dataclass
class Participant(Record):
    """A party to a contact: an entity with its kind and the countries it is recorded with."""

    id: int
    name: str
    kind: str
    countries: list[str] = field(default_factory=list)


@dataclass
class ContactSource(Record):
    """One article's report of a contact: where it was read and the date the article gave."""

    doc: str
    published: date
    start: int
    end: int
    sentence: str
    date: str | None = None          # the date as the article gave it (TimeML value)
    date_earliest: date | None = None
    date_latest: date | None = None
    place: str | None = None
    title: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        out = _fields(self)
        del out["date_earliest"], out["date_latest"]
        return out


@dataclass
class Contact(Record):
    """A call, meeting or letter, with its participants and every source that reported it."""

    id: int
    kind: str
    date: DateRange | None
    participants: list[Participant]
    sources: list[ContactSource] = field(default_factory=list)



@dataclass
class Quote(Record):
    """A direct quotation with its speaker and where it stands."""

    speaker: str | None
    speaker_id: int | None
    text: str
    doc: str
    published: date
    start: int
    end: int
    sentence: str



@dataclass
class Entity(Record):
    """A person, organisation or country, with every name form seen and how many articles name it."""

    id: int
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    documents: int



@dataclass
class Holder(Record):
    name: str
    observations: int


@dataclass
class Office(Record):
    """An office seen in the articles, with its holders (first seen first) and observation counts."""

    country: str
    role: str
    holders: list[Holder]
    observations: int

