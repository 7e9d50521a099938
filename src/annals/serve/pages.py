"""The web UI: server-rendered pages; charts are drawn in the browser from JSON embedded in each page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..models import CONTACT_KINDS, ROLES
from ..resolve.tenures import describe_bound
from . import views
from .api import Store

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["quote"] = lambda s: quote(str(s), safe="")
templates.env.globals.update(bound=describe_bound, role_label=views.role_label, office_label=views.office_label,
                             country_name=views.country_name, kinds=CONTACT_KINDS)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MAX_ROWS = 500


def page(request: Request, template: str, status_code: int = 200, **context):
    return templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/")
def home(request: Request, annals: Store):
    return page(request, "home.html", stats=annals.stats(), offices=views.offices(annals.offices().to_dicts()))


@router.get("/search")
def search(request: Request, annals: Store, q: Annotated[str, Query(max_length=200)] = ""):
    return page(request, "search.html", q=q, hits=views.search(annals, q))


@router.get("/people/{name:path}")
def person(request: Request, annals: Store, name: str):
    """An actor's offices on a timeline, contacts over time, quotations."""
    matches = annals.entities(name, limit=20).to_dicts()
    entity = next((e for e in matches if e["name"] == name), matches[0] if matches else None)
    tenures = [t.as_dict() for t in annals.tenures(person=name)]
    contacts = annals.contacts(person=name, limit=MAX_ROWS).to_dicts()
    quotes = annals.quotes(speaker=name, limit=MAX_ROWS).to_dicts()
    found = entity or tenures or contacts or quotes
    return page(request, "person.html", status_code=200 if found else 404, name=name, entity=entity,
                tenures=tenures, timeline=views.tenure_items(tenures, "office"), contacts=contacts,
                contact_timeline=views.contact_items(contacts), quotes=quotes)


@router.get("/offices")
def offices(request: Request, annals: Store, country: str | None = None):
    return page(request, "offices.html", country=country,
                offices=views.offices(annals.offices(country).to_dicts()))


@router.get("/offices/{country}/{role}")
def office(request: Request, annals: Store, country: str, role: str):
    """The succession in one office, uncertain bounds drawn as such."""
    tenures = [t.as_dict() for t in annals.tenures(role=role, country=country)] if role in ROLES else []
    return page(request, "office.html", status_code=200 if tenures else 404, country=country.upper(), role=role,
                tenures=tenures, timeline=views.tenure_items(tenures, "person"))


def _day(text: str | None, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{text!r} is not a date in YYYY-MM-DD form")
        return None


@router.get("/contacts")
def contacts(request: Request, annals: Store, country: Annotated[list[str], Query()] = (),
             person: str | None = None, kind: str | None = None, since: str | None = None,
             until: str | None = None):
    """Contacts filtered by countries, person, kind and dates: a list, a timeline and a network graph."""
    errors: list[str] = []
    countries = tuple(c.strip().upper() for c in country if c.strip())[:2]
    filters = {"person": person or None, "kind": kind if kind in CONTACT_KINDS else None,
               "since": _day(since, errors), "until": _day(until, errors)}
    items = annals.contacts(countries=countries, limit=MAX_ROWS + 1, **filters).to_dicts()
    return page(request, "contacts.html", countries=countries + ("", "")[len(countries):], filters=filters,
                since=since or "", until=until or "", errors=errors, contacts=items[:MAX_ROWS],
                more=len(items) > MAX_ROWS, timeline=views.contact_items(items[:MAX_ROWS]),
                graph=views.contact_graph(items[:MAX_ROWS]))


@router.get("/documents/{doc_id:path}")
def document(request: Request, annals: Store, doc_id: str, start: int | None = None, end: int | None = None):
    """The article, with the evidence span ``start``..``end`` marked."""
    doc = annals.document(doc_id)
    if doc is None:
        return page(request, "document.html", status_code=404, doc=None, doc_id=doc_id)
    text = doc["text"]
    if start is None or end is None or not 0 <= start < end <= len(text):
        start = end = len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return page(request, "document.html", doc=doc, before=text[:start], marked=text[start:end], after=text[end:])
