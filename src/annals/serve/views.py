"""Shapes for the pages, from what ``Annals`` returns: office lists, search hits, timeline items, graphs."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pycountry

from ..api import Annals
from ..lexicon import fold
from ..resolve.tenures import describe_bound

DAY = timedelta(days=1)
OPEN = timedelta(days=60)  # how far an open (unknown) bound fades out on a timeline


def country_name(code: str) -> str:
    """``ISR`` -> ``Israel``; organisations and unknown codes stay as they are."""
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def role_label(role: str) -> str:
    return role.replace("_", " ")


def office_label(country: str, role: str) -> str:
    return f"{country_name(country)} · {role_label(role)}"


def offices(listed: list[dict]) -> list[dict]:
    """``Annals.offices`` with a label for each office."""
    return [{**o, "label": office_label(o["country"], o["role"])} for o in listed]


def search(annals: Annals, text: str) -> dict:
    """Entities by any name, offices by country or role, countries by code or name."""
    key = fold(text.strip())
    hits = annals.entities(text.strip(), limit=100).to_dicts() if key else []
    all_offices = offices(annals.offices().to_dicts())
    codes = {o["country"] for o in all_offices} | {e["country"] for e in hits if e["country"]}
    return {
        "entities": hits,
        "offices": [o for o in all_offices if key and key in fold(f"{o['label']} {o['country']} {o['role']}")],
        "countries": sorted((c, country_name(c)) for c in codes if key and (key in fold(country_name(c))
                                                                            or key == fold(c))),
    }


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def tenure_items(tenures: list[dict], group: str) -> dict:
    """vis-timeline groups and items for tenures: a solid bar where the holder is known to have been in office,
    hatched bars over the ranges where the start or end fell, and fading bars where a bound is open.
    ``group`` is ``person`` (one row per holder) or ``office`` (one row per office)."""
    groups: dict[str, dict] = {}
    items: list[dict] = []
    for n, t in enumerate(tenures):
        gid = t["person"] if group == "person" else office_label(t["country"], t["role"])
        groups.setdefault(gid, {"id": gid, "content": gid})
        title = f"{t['person']}, {office_label(t['country'], t['role'])}: start {describe_bound(t['start'])}; " \
                f"end {describe_bound(t['end'])}"
        items += [{"id": f"{n}-{kind}-{lo}", "group": gid, "start": lo.isoformat(), "end": hi.isoformat(),
                   "className": kind, "title": title, "content": t["person"] if kind == "certain" else ""}
                  for kind, lo, hi in _bars(t)]
    return {"groups": list(groups.values()), "items": items, "stack": False}


def _bars(t: dict) -> list[tuple[str, date, date]]:
    """(kind, first day, day after the last) of each bar of one tenure, without overlaps."""
    s_lo, s_hi = _day(t["start"]["earliest"]), _day(t["start"]["latest"])
    e_lo, e_hi = _day(t["end"]["earliest"]), _day(t["end"]["latest"])
    bars = []
    if s_hi and e_lo and s_hi <= e_lo:
        bars.append(("certain", s_hi, e_lo + DAY))
    first, last = s_hi or e_lo or e_hi, e_lo or s_hi or s_lo
    if s_lo and s_hi and s_lo < s_hi:
        bars.append(("uncertain", s_lo, s_hi))
    elif not s_lo and first:
        bars.append(("open-start", max(first, date.min + OPEN) - OPEN, first))
    if e_lo and e_hi and e_lo < e_hi:
        bars.append(("uncertain", e_lo + DAY, e_hi + DAY))
    elif not e_hi and last:
        bars.append(("open-end", last + DAY, min(last + DAY, date.max - OPEN) + OPEN))
    return bars


def contact_items(contacts: list[dict]) -> dict:
    """vis-timeline items, one per dated contact: a point for a known day, a range for an uncertain one."""
    items = []
    for c in contacts:
        if c["date"] is None:
            continue
        lo, hi = _day(c["date"]["earliest"]), _day(c["date"]["latest"])
        item = {"id": c["id"], "start": lo.isoformat(), "className": c["kind"],
                "content": f"{c['kind']}: " + " – ".join(p["name"] for p in c["participants"]),
                "title": (c["sources"][0]["sentence"] if c["sources"] else "")}
        if hi > lo:
            item["end"] = (hi + DAY).isoformat()
        else:
            item["type"] = "point"
        items.append(item)
    return {"groups": [], "items": items, "stack": True}


def contact_graph(contacts: list[dict]) -> list[dict]:
    """Cytoscape elements: one node per participant, one edge per pair that was in contact, weighted."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], int] = {}
    for c in contacts:
        for p in c["participants"]:
            nodes.setdefault(p["name"], {"id": p["name"], "label": p["name"], "kind": p["kind"],
                                         "country": "/".join(p["countries"])})
        for a, b in combinations(sorted({p["name"] for p in c["participants"]}), 2):
            edges[(a, b)] = edges.get((a, b), 0) + 1
    return ([{"data": n} for n in nodes.values()]
            + [{"data": {"id": f"{a}|{b}", "source": a, "target": b, "weight": w}} for (a, b), w in edges.items()])
