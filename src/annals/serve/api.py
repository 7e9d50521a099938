"""The JSON API: the queries of ``Annals`` under /api, with paging; ingest only with the bearer token."""

from __future__ import annotations

import json
import re
import secrets
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from ..api import Annals
from ..errors import InputError
from ..models import CONTACT_KINDS, ROLES
from ..read.jsonl import parse_record
from . import views

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
AsOf = Annotated[Day | None, Query(description="Answer only from articles published by this day (YYYY-MM-DD).")]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items first.")]
Name = Annotated[str | None, Query(min_length=1, max_length=200)]
Country = Annotated[str, Field(pattern=r"^[A-Za-z]{2,12}$", description="ISO 3166-1 alpha-3 code or an "
                                                                          "organisation (NATO, UN, EU...).")]
Role = Literal[ROLES]


def get_annals(request: Request) -> Annals:
    return request.app.state.annals


Store = Annotated[Annals, Depends(get_annals)]
router = APIRouter(prefix="/api", tags=["api"])


@router.get("/who", summary="Who held an office on a day")
def who(annals: Store, role: Role, country: Annotated[Country, Query()], on: Annotated[Day, Query()],
        as_of: AsOf = None) -> dict:
    """The holder(s) of ``role`` in ``country`` on day ``on``, with status certain, probable, uncertain or
    unknown, each tenure with its uncertain bounds and sources."""
    answer = annals.who(role, country, on, as_of)
    return {"role": role, "country": country.upper(), "on": on.isoformat(), "status": answer.status,
            "holders": [t.as_dict() for t in answer.holders]}


@router.get("/tenures", summary="Tenures of a person or an office")
def tenures(annals: Store, person: Name = None, role: Role | None = None,
            country: Annotated[Country | None, Query()] = None, as_of: AsOf = None,
            limit: Limit = 100, offset: Offset = 0) -> list[dict]:
    """Offices a person held, or the succession in an office, as tenures with uncertain start and end."""
    items = annals.tenures(person, role, country, as_of)
    return items[offset:offset + limit].to_dicts()


@router.get("/offices", summary="Offices with their known holders")
def offices(annals: Store, country: Annotated[Country | None, Query()] = None, as_of: AsOf = None) -> list[dict]:
    """Each office seen, by country then role, with its holders' names and how often each was observed."""
    return views.offices(annals.offices(country, as_of).to_dicts())


@router.get("/conflicts", summary="Facts the articles disagree on")
def conflicts(annals: Store, as_of: AsOf = None, limit: Limit = 100, offset: Offset = 0) -> list[dict]:
    """Two holders of a single-holder office on the same days, a contact given incompatible dates, a person
    given two countries for one role: each claim with its sources."""
    return annals.conflicts(as_of)[offset:offset + limit]


@router.get("/contacts", summary="Calls, meetings and letters")
def contacts(annals: Store, person: Name = None,
             country: Annotated[list[Country], Query(max_length=2, description="Once: contacts involving this "
                                                     "country; twice: contacts between the two.")] = (),
             since: Annotated[Day | None, Query()] = None, until: Annotated[Day | None, Query()] = None,
             kind: Literal[CONTACT_KINDS] | None = None, as_of: AsOf = None,
             limit: Limit = 100, offset: Offset = 0) -> list[dict]:
    """Contacts in date order, each with its participants and sources (document, offsets, sentence)."""
    return annals.contacts(person=person, countries=tuple(country), since=since, until=until, kind=kind,
                           as_of=as_of, limit=limit, offset=offset).to_dicts()


@router.get("/quotes", summary="Direct quotations")
def quotes(annals: Store, speaker: Name = None, as_of: AsOf = None, limit: Limit = 100,
           offset: Offset = 0) -> list[dict]:
    return annals.quotes(speaker=speaker, as_of=as_of, limit=limit, offset=offset).to_dicts()


@router.get("/entities", summary="Search people, organisations and countries")
def entities(annals: Store, q: Annotated[str, Query(max_length=200, description="Any part of any name.")] = "",
             kind: Literal["person", "org", "country"] | None = None, limit: Limit = 50,
             offset: Offset = 0) -> list[dict]:
    return annals.entities(q, kind, limit=limit, offset=offset).to_dicts()


@router.get("/documents/{doc_id:path}", summary="An article's text")
def document(annals: Store, doc_id: Annotated[str, Path(max_length=1000)]) -> dict:
    """The stored article; evidence ``start``/``end`` are character offsets into its ``text``."""
    doc = annals.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no stored article {doc_id!r}")
    return doc


@router.get("/stats", summary="How many rows the store holds")
def stats(annals: Store) -> dict:
    return annals.stats()


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]):
    token = request.app.state.token
    if token is None:
        raise HTTPException(403, "read-only server: start it with --token to accept articles")
    if credentials is None:
        raise HTTPException(401, "send Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(403, "wrong token")


def _no_nul(text: str | None) -> str | None:
    if text is not None and "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


Text = Annotated[str, AfterValidator(_no_nul)]


class ArticleIn(BaseModel):
    """One dated article, as in a JSON Lines input file."""

    id: Text = Field(min_length=1, max_length=300)
    date: str = Field(description="Publication date, YYYY-MM-DD (or an ISO datetime).", max_length=40,
                      pattern=r"^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
    text: Text = Field(min_length=1, pattern=r"\S")
    title: Text | None = Field(None, max_length=1000)
    url: Text | None = Field(None, max_length=2000)
    source: Text | None = Field(None, max_length=300)


Articles = Annotated[list[ArticleIn], Field(min_length=1, max_length=1000)]


@router.post("/articles", summary="Ingest articles (needs the bearer token)", dependencies=[Depends(require_token)],
             responses={401: {"description": "No bearer token sent"},
                        403: {"description": "Wrong token, or a read-only server (started without a token)"}})
def post_articles(request: Request, annals: Store,
                  body: Annotated[ArticleIn | Articles, Body()]) -> dict:
    """Analyse and store one article or a list of them; returns what was taken from them."""
    items = body if isinstance(body, list) else [body]
    articles, problems = [], []
    for i, item in enumerate(items):
        where = f"article {i}"
        try:
            articles.append(parse_record(json.dumps(item.model_dump()), where))
        except InputError as exc:
            problems.append(str(exc))
        if len(item.text.encode()) > annals.config.max_bytes:
            problems.append(f"{where}: text is too large (limit {annals.config.max_bytes:,} bytes)")
    if problems:
        raise HTTPException(422, problems)
    with request.app.state.ingest_lock:
        report = annals.ingest_articles(articles)
    return {"totals": report.totals(), "errors": report.errors}
