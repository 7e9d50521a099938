"""Normalise one time expression to a TimeML value relative to the publication date.

Pure functions: an expression, the publication date, the tense of the governing
verb, an optional anchor (the date the text last spoke of) and the (month, day)
-> year pairs already seen in the article go in; a ``TimeValue`` comes out.
Word lists are data in ``annals/lexicon/timex_*.txt``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from importlib.resources import files

from dateutil.relativedelta import relativedelta

from annals.models import TimeValue

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
TENS = frozenset(str(n) for n in range(20, 100, 10))
ONES = frozenset(str(n) for n in range(1, 10))
SEARCH_WORDS = 8
SPAN_DAYS = {"day": 7, "week": 31, "month": 92, "year": 3660}  # widest anchor a "next <unit>" can follow
PARTS = frozenset({"early", "mid", "late", "earlier", "later"})
CLOCK = (r"(?P<hh>\d{1,2})(?:[:.](?P<mm>\d{2}))?(?::\d{2})? ?(?P<ampm>[ap]\.? ?m\b\.?)"
         r"|(?P<hh24>\d{1,2}):(?P<mm24>\d{2})|(?P<named>noon|midday|midnight)"
         r"|(?P<mil>[01]\d|2[0-3])(?P<milmm>[0-5]\d) hours")


@dataclass(frozen=True)
class Context:
    """What a rule may use besides the expression itself."""

    published: date
    tense: str = "past"
    anchor: TimeValue | None = None
    known: dict | None = None


Rule = tuple[re.Pattern, Callable[[re.Match, Context], "TimeValue | None"]]


@cache
def entries(name: str) -> tuple[tuple[str, str], ...]:
    """(value, form) pairs of ``lexicon/timex_<name>.txt`` lines ``value = form | form``."""
    text = (files("annals") / "lexicon" / f"timex_{name}.txt").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            value, forms = line.split("=", 1)
            pairs.extend((value.strip(), form.strip()) for form in forms.split("|"))
    return tuple(pairs)


@cache
def lexicon(name: str) -> dict[str, str]:
    """Map every form of a lexicon to its value."""
    return {form: value for value, form in entries(name)}


@cache
def forms(name: str, value: str) -> frozenset[str]:
    """The forms a lexicon lists under one value."""
    return frozenset(form for v, form in entries(name) if v == value)


def alternation(name: str) -> str:
    """A regex alternation of a lexicon's forms, longest first."""
    return alternation_of(name, frozenset(lexicon(name).values()))


@cache
def alternation_of(name: str, values: frozenset[str]) -> str:
    """A regex alternation of the forms listed under some values, longest first."""
    chosen = (form for form, value in lexicon(name).items() if value in values)
    return "|".join(re.escape(f) for f in sorted(chosen, key=len, reverse=True))


# ---------------------------------------------------------------- values


def day_value(d: date) -> TimeValue:
    return TimeValue(d.isoformat(), "DATE", d, d, "day")


def month_value(y: int, m: int) -> TimeValue:
    return TimeValue(f"{y:04d}-{m:02d}", "DATE", date(y, m, 1), date(y, m, monthrange(y, m)[1]), "month")


def year_value(y: int) -> TimeValue:
    return TimeValue(f"{y:04d}", "DATE", date(y, 1, 1), date(y, 12, 31), "year")


def week_value(d: date) -> TimeValue:
    monday = d - timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return TimeValue(f"{iso[0]}-W{iso[1]:02d}", "DATE", monday, monday + timedelta(days=6), "week")


def weekend_value(saturday: date) -> TimeValue:
    iso = saturday.isocalendar()
    return TimeValue(f"{iso[0]}-W{iso[1]:02d}-WE", "DATE", saturday, saturday + timedelta(days=1), "range")


def quarter_value(y: int, q: int) -> TimeValue:
    last = 3 * q
    end = date(y, last, monthrange(y, last)[1])
    return TimeValue(f"{y}-Q{q}", "DATE", date(y, last - 2, 1), end, "quarter")


def half_value(y: int, h: int) -> TimeValue:
    return TimeValue(f"{y}-H{h}", "DATE", date(y, 6 * h - 5, 1), date(y, 6 * h, 30 + (h == 2)), "range")


def season_value(y: int, code: str) -> TimeValue:
    first, last = SEASON_MONTHS[code]
    end_year = y + (last < first)
    end = date(end_year, last, monthrange(end_year, last)[1])
    return TimeValue(f"{y}-{code}", "DATE", date(y, first, 1), end, "season")


def decade_value(start: int) -> TimeValue:
    return TimeValue(f"{start // 10:03d}", "DATE", date(start, 1, 1), date(start + 9, 12, 31), "decade")


def century_value(n: int) -> TimeValue:
    start = (n - 1) * 100
    return TimeValue(f"{n - 1:02d}", "DATE", date(max(start, 1), 1, 1), date(start + 99, 12, 31), "range")


def range_value(earliest: date, latest: date, value: str | None = None) -> TimeValue:
    """An interval of days named by the narrowest calendar unit holding it."""
    if value is None:
        if week_value(earliest).latest >= latest:
            value = week_value(earliest).value
        elif (earliest.year, earliest.month) == (latest.year, latest.month):
            value = f"{earliest.year:04d}-{earliest.month:02d}"
        elif earliest.year == latest.year:
            value = f"{earliest.year:04d}"
        else:
            value = "XXXX"
    return TimeValue(value, "DATE", earliest, latest, "range")


def ref_value(value: str, published: date) -> TimeValue:
    """PRESENT_REF is the publication day; past and future refs are open-ended."""
    if value == "PRESENT_REF":
        return TimeValue(value, "DATE", published, published, "day")
    if value == "PAST_REF":
        return TimeValue(value, "DATE", None, published, "unknown")
    return TimeValue(value, "DATE", published, None, "unknown")


def with_time(tv: TimeValue, suffix: str) -> TimeValue | None:
    """A day made a TIME by a clock time or part of day (``T20:00``, ``TMO``)."""
    if tv is None or not tv.is_day or tv.type != "DATE":
        return None
    return replace(tv, value=f"{tv.value}T{suffix}", type="TIME")


def narrow(tv: TimeValue, mod: str, published: date) -> TimeValue:
    """Apply early/mid/late (thirds) or earlier/later (before/after publication)."""
    if tv.earliest is None or tv.latest is None or tv.precision == "day":
        return tv
    e, latest = tv.earliest, tv.latest
    if mod == "earlier":
        latest = max(e, min(latest, published - timedelta(days=1)))
    elif mod == "later":
        e = min(latest, max(e, published + timedelta(days=1)))
    elif tv.precision in ("decade", "year", "month"):
        e, latest = _calendar_third(tv, mod)
    else:
        third = ((latest - e).days + 1) // 3
        if mod == "early":
            latest = e + timedelta(days=third - 1)
        elif mod == "mid":
            e, latest = e + timedelta(days=third), e + timedelta(days=2 * third - 1)
        else:
            e = e + timedelta(days=2 * third)
    return TimeValue(tv.value, tv.type, e, latest, "range")


def _calendar_third(tv: TimeValue, mod: str) -> tuple[date, date]:
    """Early/mid/late of a decade (0-3, 4-6, 7-9), year (Jan-Apr, May-Aug, Sep-Dec) or month (1-10, 11-20...)."""
    k = {"early": 0, "mid": 1, "late": 2}[mod]
    e = tv.earliest
    if tv.precision == "decade":
        first, last = ((0, 3), (4, 6), (7, 9))[k]
        return date(e.year + first, 1, 1), date(e.year + last, 12, 31)
    if tv.precision == "year":
        start = date(e.year, 4 * k + 1, 1)
        return start, date(e.year, 4 * k + 4, monthrange(e.year, 4 * k + 4)[1])
    start = e.replace(day=10 * k + 1)
    return start, (e.replace(day=10 * k + 10) if k < 2 else tv.latest)


# ---------------------------------------------------------------- choosing a year


def choose(candidates: list[TimeValue], ctx: Context, rel: str | None = None) -> TimeValue | None:
    """Pick among occurrences by ``rel`` (last/next/this) or else by tense."""
    pub = ctx.published
    cands = sorted((c for c in candidates if c is not None), key=lambda c: c.earliest)
    if rel in ("last", "past", "this past", "previous"):
        pool = [c for c in cands if c.latest < pub]
        return pool[-1] if pool else None
    if rel in ("next", "coming", "this coming", "the coming"):
        pool = [c for c in cands if c.earliest > pub]
        return pool[0] if pool else None
    holding = [c for c in cands if c.earliest <= pub <= c.latest]
    if rel == "this" and holding:
        return holding[0]
    if ctx.tense == "past":
        pool = [c for c in cands if c.earliest <= pub]
        return pool[-1] if pool else None
    if ctx.tense == "future":
        pool = [c for c in cands if c.latest >= pub]
        return pool[0] if pool else None
    return min(cands, key=lambda c: _distance(c, pub), default=None)


def _distance(tv: TimeValue, pub: date) -> int:
    if tv.latest < pub:
        return (pub - tv.latest).days
    return max(0, (tv.earliest - pub).days)


def _safe(make: Callable[[int], TimeValue], y: int) -> TimeValue | None:
    try:
        return make(y)
    except ValueError:
        return None


def around(make: Callable[[int], TimeValue], ctx: Context, span: int = 1) -> list[TimeValue]:
    """``make(year)`` for the years around publication (invalid days dropped)."""
    y = ctx.published.year
    return [tv for tv in (_safe(make, y + k) for k in range(-span, span + 1)) if tv is not None]


# ---------------------------------------------------------------- parsing pieces


def quantity(text: str | None) -> tuple[str, float, float] | None:
    """``("3", 3, 3)`` for a count, ``("X", lo, hi)`` for a vague one, None if absent."""
    if not text:
        return None
    text = text.strip()
    vague = lexicon("vague").get(text)
    if vague:
        lo, hi = vague.split("-")
        return "X", int(lo), int(hi)
    if re.fullmatch(r"(?:0|[1-9][\d,]*)(\.\d+)?", text):
        n = float(text.replace(",", ""))
        return (f"{n:g}", n, n)
    words = lexicon("numbers")
    if text in words:
        return words[text], int(words[text]), int(words[text])
    m = re.fullmatch(f"({alternation_of('numbers', TENS)})[ -]({alternation_of('numbers', ONES)})", text)
    if m is None:
        return None
    total = int(words[m[1]]) + int(words[m[2]])
    return str(total), total, total


def ordinal(text: str) -> int | None:
    """``22nd``/``twenty-second``/``22`` -> 22."""
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", text)
    if m:
        return int(m.group(1))
    words, tens = lexicon("ordinals"), lexicon("numbers")
    parts = re.split(r"[ -]", text)
    if len(parts) == 2 and parts[0] in tens and parts[1] in words:
        return int(tens[parts[0]]) + int(words[parts[1]])
    return int(words[text]) if text in words else None


def unit_delta(unit: str, n: float) -> relativedelta:
    """A step of ``n`` whole days or more (fractions of a year or month in months/days; hours in days)."""
    if unit in ("DE", "CE"):
        return relativedelta(years=int(n * (10 if unit == "DE" else 100)))
    if unit == "Y":
        return relativedelta(years=int(n), months=round((n % 1) * 12))
    if unit == "M":
        return relativedelta(months=int(n), days=round((n % 1) * 30))
    if unit in ("W", "D"):
        return relativedelta(days=round(n * (7 if unit == "W" else 1)))
    seconds = {"H": 3600, "MIN": 60, "S": 1}[unit] * n
    return relativedelta(days=int(seconds / 86400))


def duration_value(unit: str, count: str) -> str:
    """ISO 8601 duration: P3Y, PT2H, P10Y for a decade, PXM for vague months."""
    if count != "X" and unit in ("DE", "CE"):
        return f"P{float(count) * (10 if unit == 'DE' else 100):g}Y"
    if unit in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    return f"P{count}{unit}"


def whole(unit: str, n: float) -> tuple[str, float]:
    """Restate a fractional count in a smaller unit: 1.5 years -> 18 months, half an hour -> 30 minutes."""
    smaller = {"Y": ("M", 12), "DE": ("Y", 10), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24),
               "H": ("MIN", 60), "MIN": ("S", 60)}
    if n == int(n) or unit not in smaller:
        return unit, n
    unit, k = smaller[unit]
    return unit, n * k


def point(d: date, unit: str) -> TimeValue:
    """The calendar unit of ``d`` an ago/in expression names."""
    if unit == "W":
        return week_value(d)
    if unit == "M":
        return month_value(d.year, d.month)
    if unit in ("Y", "DE", "CE"):
        return year_value(d.year)
    return day_value(d)


def shift(anchor: TimeValue, unit: str, lo: float, hi: float, sign: int) -> TimeValue:
    """Move an anchor by lo..hi units forward (sign 1) or back (-1).

    Hours move a day to itself or the next one; minutes and seconds keep the day.
    """
    if unit in ("H", "MIN", "S"):
        lo, hi = (lo // 24, hi // 24 + 1) if unit == "H" else (0, 0)
        unit = "D"
    a, b = (lo, hi) if sign > 0 else (-hi, -lo)
    e = anchor.earliest + unit_delta(unit, a)
    latest = anchor.latest + unit_delta(unit, b)
    if lo == hi:
        if unit == "Y" and anchor.precision in ("month", "quarter", "season", "year"):
            return TimeValue(f"{int(anchor.value[:4]) + a:04d}{anchor.value[4:]}", "DATE", e, latest,
                             anchor.precision)
        if unit in ("M", "Y", "DE", "CE"):
            return point(e, unit)
        if anchor.is_day:
            return day_value(e)
        if anchor.precision == "week" and unit == "W":
            return week_value(e)
    return range_value(e, latest)


# ---------------------------------------------------------------- rules


def _ref(m: re.Match, ctx: Context) -> TimeValue:
    return ref_value(lexicon("refs")[m.group(0)], ctx.published)


def _set_adverb(m: re.Match, ctx: Context) -> TimeValue:
    return TimeValue(lexicon("sets")[m.group(0)], "SET", None, None, "unknown")


def _iso(m: re.Match, ctx: Context) -> TimeValue | None:
    y, mo, d = int(m["y"]), int(m["m"]), m["d"]
    if mo > 12 and d and int(d) <= 12:  # 22/03/2013 is day first
        mo, d = int(d), m["m"]
    if len(m["y"]) == 2:
        y += 2000 if y <= ctx.published.year % 100 + 1 else 1900
    return day_value(date(y, mo, int(d))) if d else month_value(y, mo)


def _iso_week(m: re.Match, ctx: Context) -> TimeValue:
    return week_value(date.fromisocalendar(int(m["y"]), int(m["w"]), 1))


def _clock(m: re.Match, ctx: Context) -> TimeValue | None:
    if m["named"]:
        hh, mm = (24 if m["named"] == "midnight" else 12), "00"
    elif m["hh24"] or m["mil"]:
        hh, mm = int(m["hh24"] or m["mil"]), m["mm24"] or m["milmm"]
    else:
        hh, mm = int(m["hh"]) % 12 + (12 if m["ampm"].startswith("p") else 0), m["mm"]
    if hh > 24 or (mm and int(mm) > 59):
        return None
    base = resolve_in(m["rest"], ctx) if m["rest"] else _anchor_day(ctx)
    return with_time(base, f"{hh:02d}:{mm}" if mm else f"{hh:02d}")


def _anchor_day(ctx: Context) -> TimeValue:
    if ctx.anchor is not None and ctx.anchor.is_day:
        return day_value(ctx.anchor.earliest)
    return day_value(ctx.published)


def _daypart(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "this morning", "last night", "Friday evening", "the evening of March 3", "the next morning"."""
    code, rest = lexicon("dayparts")[m["part"]], m["rest"]
    anchor_day = ctx.anchor.earliest if ctx.anchor is not None and ctx.anchor.is_day else None
    if rest is None:
        base = day_value(ctx.published) if m["part"] == "overnight" else None
    elif rest in ("this", "today", "tonight"):
        base = day_value(ctx.published)
    elif rest in ("last", "yesterday"):
        base = day_value(ctx.published - timedelta(days=1))
    elif rest in ("that", "the same", "that same"):
        base = day_value(anchor_day) if anchor_day else None
    elif rest in ("the next", "the following", "next", "following"):
        base = day_value(anchor_day + timedelta(days=1)) if anchor_day else None
    else:
        base = resolve_in(rest, ctx)
    return with_time(base, code)


def _tonight(m: re.Match, ctx: Context) -> TimeValue | None:
    return with_time(day_value(ctx.published), "NI")


def _relative_day(m: re.Match, ctx: Context) -> TimeValue:
    return day_value(ctx.published + timedelta(days=int(lexicon("days")[m.group(0)])))


def _date_with_year(m: re.Match, ctx: Context) -> TimeValue:
    return day_value(date(int(m["year"]), int(lexicon("months")[m["month"]]), ordinal(m["day"])))


def _date_without_year(m: re.Match, ctx: Context) -> TimeValue | None:
    mo, d = int(lexicon("months")[m["month"]]), ordinal(m["day"])
    if d is None or d > 31:
        return None
    year = (ctx.known or {}).get((mo, d))
    if year is not None:
        return day_value(date(year, mo, d))
    return choose(around(lambda y: day_value(date(y, mo, d)), ctx, span=4), ctx)


def _holiday(m: re.Match, ctx: Context) -> TimeValue | None:
    mo, d = map(int, lexicon("holidays")[m["holiday"]].split("-"))
    if m["year"]:
        return day_value(date(int(m["year"]), mo, d))
    return choose(around(lambda y: day_value(date(y, mo, d)), ctx), ctx)


def _month_year(m: re.Match, ctx: Context) -> TimeValue:
    return month_value(int(m["year"]), int(lexicon("months")[m["month"]]))


def _month(m: re.Match, ctx: Context) -> TimeValue | None:
    mo = int(lexicon("months")[m["month"]])
    return choose(around(lambda y: month_value(y, mo), ctx), ctx, m["rel"])


def _year(m: re.Match, ctx: Context) -> TimeValue | None:
    y = int(m["year"])
    return year_value(y) if 1000 <= y <= 2999 else None


def _short_year(m: re.Match, ctx: Context) -> TimeValue:
    y = int(m["yy"])
    return year_value(y + (2000 if y <= ctx.published.year % 100 else 1900))


def _decade(m: re.Match, ctx: Context) -> TimeValue:
    if m.groupdict().get("yy"):
        y = int(m["yy"]) * 10
        return decade_value(y + (2000 if y <= ctx.published.year % 100 else 1900))
    return decade_value(int(m["dec"]) * 10)


def _century(m: re.Match, ctx: Context) -> TimeValue | None:
    n = ordinal(m["ord"])
    return century_value(n) if n and 0 < n < 30 else None


def _quarter(m: re.Match, ctx: Context) -> TimeValue | None:
    groups = m.groupdict()
    q = ordinal(groups.get("ord") or groups["q"])
    if not q or q > 4:
        return None
    if groups["year"]:
        return quarter_value(int(groups["year"]), q)
    return choose(around(lambda y: quarter_value(y, q), ctx), ctx)


def _relative_quarter(m: re.Match, ctx: Context) -> TimeValue:
    pub = ctx.published
    step = {"last": -1, "previous": -1, "past": -1, "latest": -1, "next": 1, "coming": 1}.get(m["rel"], 0)
    d = date(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1) + relativedelta(months=3 * step)
    return quarter_value(d.year, (d.month - 1) // 3 + 1)


def _half(m: re.Match, ctx: Context) -> TimeValue | None:
    h = 1 if m["h"] == "first" else 2
    if m["year"]:
        return half_value(int(m["year"]), h)
    if m["rest"]:
        base = resolve_in(m["rest"], ctx)
        return half_value(base.earliest.year, h) if base and base.precision == "year" else None
    return choose(around(lambda y: half_value(y, h), ctx), ctx)


def _season(m: re.Match, ctx: Context) -> TimeValue | None:
    code = lexicon("seasons")[m["season"]]
    if m["year"]:
        return season_value(int(m["year"]), code)
    return choose(around(lambda y: season_value(y, code), ctx), ctx, m["rel"])


def _weekday(m: re.Match, ctx: Context) -> TimeValue | None:
    wd = int(lexicon("weekdays")[m["weekday"]])
    pub = ctx.published
    days = [pub + timedelta(days=k) for k in range(-13, 14)]
    cands = [day_value(d) for d in days if d.isoweekday() == wd]
    if m["rel"] == "this":
        return day_value(pub + timedelta(days=wd - pub.isoweekday()))
    return choose(cands, ctx, m["rel"])


def _weekday_of_week(m: re.Match, ctx: Context) -> TimeValue:
    """ "Thursday last week", "Monday of next week"."""
    step = {"last": -1, "this": 0, "next": 1}[m["rel"]]
    monday = week_value(ctx.published + timedelta(weeks=step)).earliest
    return day_value(monday + timedelta(days=int(lexicon("weekdays")[m["weekday"]]) - 1))


def _relative_unit(m: re.Match, ctx: Context) -> TimeValue:
    pub, unit = ctx.published, m["unit"]
    step = {"last": -1, None: -1, "this past": -1, "next": 1, "coming": 1}.get(m["rel"], 0)  # None: "the last"
    if unit == "week":
        return week_value(pub + timedelta(weeks=step))
    if unit == "month":
        d = pub + relativedelta(months=step)
        return month_value(d.year, d.month)
    if unit == "decade":
        return decade_value((pub.year // 10 + step) * 10)
    return year_value(pub.year + step)


def _weekend(m: re.Match, ctx: Context) -> TimeValue | None:
    pub, rel = ctx.published, m["rel"]
    this_saturday = pub + timedelta(days=6 - pub.isoweekday())
    if rel == "this past":
        back = (pub.isoweekday() - 6) % 7 or 7
        return weekend_value(pub - timedelta(days=back))
    offsets = {"last": -7, "past": -7, "previous": -7, "this": 0, "next": 7, "coming": 7}
    if rel in offsets:
        return weekend_value(this_saturday + timedelta(days=offsets[rel]))
    cands = [weekend_value(this_saturday + timedelta(days=k)) for k in (-7, 0, 7)]
    return choose(cands, ctx)


def _same(m: re.Match, ctx: Context) -> TimeValue | None:
    a = ctx.anchor
    if a is None or a.earliest is None or a.latest is None:
        return None
    unit = m["unit"]
    if unit == "day":
        return day_value(a.earliest) if a.is_day else None
    if unit == "week":
        return week_value(a.earliest)
    if unit == "month":
        return month_value(a.earliest.year, a.earliest.month)
    return year_value(a.earliest.year)


def _next_unit(m: re.Match, ctx: Context) -> TimeValue | None:
    a = ctx.anchor
    if a is None or a.earliest is None or a.latest is None or (a.latest - a.earliest).days >= SPAN_DAYS[m["unit"]]:
        return None  # "the next day" after "in 2010" says nothing
    if m["rel"] == "next" and m["unit"] != "day" and ctx.tense != "past":
        return None
    sign = -1 if m["rel"] in ("previous", "preceding", "prior", "before") else 1
    unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[m["unit"]]
    base = {"D": day_value, "W": week_value, "M": lambda d: month_value(d.year, d.month),
            "Y": lambda d: year_value(d.year)}[unit](a.earliest if sign < 0 else a.latest)
    return shift(base, unit, 1, 1, sign)


def _ago(m: re.Match, ctx: Context) -> TimeValue | None:
    unit = lexicon("units")[m["unit"]]
    q = quantity(m["num"]) if m["num"] else (("X", 1, 7) if m["unit"].endswith("s") else ("1", 1, 1))
    if q is None:
        return None
    label, lo, hi = q
    sign = -1 if m["dir"] in ("ago", "back") else 1
    if label == "X":
        far, near = ctx.published + unit_delta(unit, sign * hi), ctx.published + unit_delta(unit, sign * lo)
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return range_value(min(far, near), max(far, near), value)
    return point(ctx.published + unit_delta(unit, sign * lo), unit)


def _anchored(m: re.Match, ctx: Context) -> TimeValue | None:
    """N units after/before/later/earlier: from a date in the rest, else the anchor."""
    plural = m["unit"].endswith("s")
    q = quantity(m["num"]) if m["num"] else (("X", 1, 7) if plural else ("1", 1, 1))
    unit = lexicon("units")[m["unit"]]
    anchor = (search(m["rest"], ctx) if m["rest"] else None) or ctx.anchor
    if q is None or anchor is None or anchor.earliest is None or anchor.latest is None:
        return None
    sign = -1 if m["dir"] in ("before", "earlier", "prior to", "previously", "preceding") else 1
    return shift(anchor, unit, q[1], q[2], sign)


def _duration(m: re.Match, ctx: Context) -> TimeValue | None:
    unit = lexicon("units")[m["unit"]]
    plural = m["unit"].endswith("s")
    rel, half = m["rel"], bool(m["half"] or m["andhalf"] or m["unithalf"])
    if not (m["num"] or plural or rel or half) or (unit == "S" and m["num"] in ("a", "an")):
        return None
    q = quantity(m["num"]) if m["num"] else (("X", 1, 7) if plural and not half else ("0" if half else "1", 1, 1))
    if q is None:
        return None
    label, _, hi = q
    if label != "X":
        unit, hi = whole(unit, float(label) + 0.5 * half)
        label = f"{hi:g}"
    value = duration_value(unit, label)
    if rel in ("past", "last", "recent", "previous"):
        start = ctx.published - unit_delta(unit, hi)
        return TimeValue(value, "DURATION", start, ctx.published, "range")
    if rel in ("next", "coming"):
        return TimeValue(value, "DURATION", ctx.published, ctx.published + unit_delta(unit, hi), "range")
    return TimeValue(value, "DURATION", None, None, "unknown")


def _week_of(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the first week of March", "the last weekend of June": counted from the start or the end."""
    base = resolve_in(m["rest"], ctx)
    if base is None or base.precision not in ("month", "year", "quarter", "season") or base.earliest is None:
        return None
    k = None if m["which"] in ("last", "final") else ordinal(m["which"])
    if m["unit"] == "week":
        start = base.latest - timedelta(days=6) if k is None else base.earliest + timedelta(days=7 * (k - 1))
        return range_value(start, start + timedelta(days=6))
    days = (base.earliest + timedelta(days=n) for n in range((base.latest - base.earliest).days))
    saturdays = [d for d in days if d.weekday() == 5]
    if k is not None and k > len(saturdays):
        return None
    return weekend_value(saturdays[-1] if k is None else saturdays[k - 1])


def _every(m: re.Match, ctx: Context) -> TimeValue | None:
    g = m.groupdict()
    if g.get("weekday"):
        value = f"XXXX-WXX-{lexicon('weekdays')[g['weekday']]}"
    elif g.get("part"):
        value = f"XXXX-XX-XXT{lexicon('dayparts')[g['part']]}"
    elif g.get("month"):
        value = f"XXXX-{int(lexicon('months')[g['month']]):02d}"
    elif g.get("season"):
        value = f"XXXX-{lexicon('seasons')[g['season']]}"
    else:
        q = quantity(g.get("num")) or ("2" if g.get("other") else "1", 0, 0)
        value = duration_value(lexicon("units")[g["unit"]], q[0])
    return TimeValue(value, "SET", None, None, "unknown")


def _plural_weekday(m: re.Match, ctx: Context) -> TimeValue:
    return TimeValue(f"XXXX-WXX-{lexicon('weekdays')[m['weekday']]}", "SET", None, None, "unknown")


def _the_unit(m: re.Match, ctx: Context) -> TimeValue | None:
    """ "the year", "the week", "this fiscal year": the one holding the publication day."""
    pub = ctx.published
    if m["unit"] != "year" and not m["det"]:
        return None
    return {"year": lambda: year_value(pub.year), "month": lambda: month_value(pub.year, pub.month),
            "week": lambda: week_value(pub), "decade": lambda: decade_value(pub.year // 10 * 10)}[m["unit"]]()


@cache
def rules() -> tuple[Rule, ...]:
    """The ordered grammar; the first rule whose pattern matches the whole expression wins."""
    slots = {
        "month": f"(?P<month>{alternation('months')})",
        "weekday": f"(?P<weekday>{alternation('weekdays')})",
        "unit": f"(?P<unit>{alternation('units')})",
        "season": f"(?P<season>{alternation('seasons')})",
        "part": f"(?P<part>{alternation('dayparts')})",
        "num": (rf"(?P<num>\d[\d,]*(?:\.\d+)?"
                rf"|(?:{alternation_of('numbers', TENS)})[ -](?:{alternation_of('numbers', ONES)})"
                rf"|{alternation('numbers')}|{alternation('vague')})"),
        "day": rf"(?P<day>\d{{1,2}}(?:st|nd|rd|th)?|(?:twenty |thirty )?(?:{alternation('ordinals')}))",
        "ord": rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?:twenty )?(?:{alternation('ordinals')}))",
        "year": r"(?P<year>\d{4})",
        "holiday": f"(?P<holiday>{alternation('holidays')})",
        "wd": rf"(?:(?:{alternation('weekdays')}),? )?",
        "dmod": f"(?:(?:{alternation_of('modifiers', frozenset({'approx'}))}) )*",
        "tz": f"(?: (?:{alternation('zones')}))?",
    }
    table: list[tuple[str, Callable]] = [
        (alternation("refs"), _ref),
        (alternation("sets"), _set_adverb),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:t[\d:.]+z?)?", _iso),
        (r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})", _iso),
        (r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})", _iso),
        (r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})", _iso),
        (r"(?P<y>\d{4})-w(?P<w>\d{2})", _iso_week),
        (rf"(?:(?:at|around|about|after|before|by|until) )?(?:{CLOCK}){{tz}}(?:,? (?:on )?(?P<rest>.+))?", _clock),
        (rf"(?P<rest>.+?),? (?:at|around|about|from|until|by) (?:{CLOCK}){{tz}}", _clock),
        (rf"(?P<rest>.+?),? (?:{CLOCK}){{tz}}", _clock),
        (r"tonight", _tonight),
        (alternation("days"), _relative_day),
        (r"(?:(?P<rest>.+?) )?{part}", _daypart),
        (r"(?:the )?{part} of (?P<rest>.+)", _daypart),
        (r"{holiday}(?:,? (?:of )?{year})?", _holiday),
        (r"{wd}{month} {day},? {year}", _date_with_year),
        (r"{wd}(?:the )?{day} (?:of )?{month},? {year}", _date_with_year),
        (r"{wd}{month} {day}", _date_without_year),
        (r"{wd}(?:the )?{day} (?:of )?{month}", _date_without_year),
        (r"{month},? (?:of )?{year}", _month_year),
        (r"(?:(?P<rel>last|this|next|this past|this coming|the coming|the past|past) )?{month}", _month),
        (r"(?:(?:the )?(?:fiscal|calendar|year|fy|fiscal year) )?{year}", _year),
        (r"'(?P<yy>\d{2})", _short_year),
        (r"(?:the )?(?:(?P<dec>1\d\d|20\d)0s|'?(?P<yy>\d)0s)", _decade),
        (r"the (?P<dec>1\d\d|20\d)0's", _decade),
        (r"(?:the )?{ord} century", _century),
        (r"(?:the )?(?:{ord}|q(?P<q>[1-4])) (?:fiscal |calendar )?quarter(?:,? (?:of )?(?:fiscal )?{year})?",
         _quarter),
        (r"q(?P<q>[1-4])(?: {year})?", _quarter),
        (r"(?:the )?(?P<rel>last|this|next|current|previous|past|coming|latest) (?:fiscal )?quarter",
         _relative_quarter),
        (r"(?:the )?(?P<h>first|second) half(?: of)?(?: {year}| (?P<rest>.+))?", _half),
        (r"(?:(?P<rel>last|this|next|this past|this coming|the coming|the past|the) )?{season}"
         r"(?:,? (?:of )?{year})?", _season),
        (r"(?:(?P<rel>last|this|next|this past|this coming|coming|past) )?{weekday}", _weekday),
        (r"{weekday},? (?:of )?(?P<rel>last|this|next) week", _weekday_of_week),
        (r"{weekday}s", _plural_weekday),
        (r"(?P<rel>this past|last|this|next|coming|past|previous) ?weekend|(?P<unit>the) weekend", _weekend),
        (r"(?:the last|(?P<rel>last|this|next|current|coming|this past)) (?P<unit>week|month|year|decade)",
         _relative_unit),
        (r"(?:(?P<det>the|this) )?(?:fiscal |calendar )?(?P<unit>year|month|week|decade)", _the_unit),
        (r"(?:that|the same|that same|the very same) (?P<unit>day|week|month|year)", _same),
        (r"(?:the )?(?P<rel>next|following|previous|preceding|prior) (?P<unit>day|week|month|year)",
         _next_unit),
        (r"the (?P<unit>day|week|month|year) (?P<rel>after|before)", _next_unit),
        (r"{dmod}(?:{num} )?{unit} (?P<dir>ago|back|from now|hence)", _ago),
        (r"(?P<dir>in) {num} {unit}(?: time)?", _ago),
        (r"{dmod}(?:{num} )?{unit} "
         r"(?P<dir>later|earlier|after|before|afterwards?|following|prior to|preceding)(?: (?P<rest>.+))?",
         _anchored),
        (r"(?:every|each|per) (?:{weekday}|{part}|{month}|{season}|(?P<other>other )?(?:{num} )?{unit})",
         _every),
        (r"(?:once|twice|three times|(?:\d+|several|many|a few) times) (?:a|an|per|each|every) {unit}",
         _every),
        (r"{dmod}(?:(?:the )?(?P<rel>past|last|next|coming|recent|previous) )?"
         r"(?:(?P<half>half (?:a|an) )|{num}(?P<andhalf> and a half)?[ -])?{unit}(?P<unithalf> and a half)?"
         r"(?: long)?", _duration),
        (r"(?:the )?(?P<which>first|second|third|fourth|last|final) (?P<unit>week|weekend) of (?P<rest>.+)",
         _week_of),
    ]
    fill = re.compile(r"\{(\w+)\}")
    return tuple((re.compile(fill.sub(lambda s: slots.get(s[1], s[0]), p)), f) for p, f in table)


def normalise(text: str) -> str:
    """Lower case, plain apostrophes and spaces, no leading preposition or possessive."""
    t = text.lower().translate({0x2019: "'", 0x2018: "'", 0x2013: "-", 0x2014: "-"})
    t = re.sub(r"\s+", " ", t).strip(" ,;:")
    t = re.sub(r"(?<=[a-z])'s?$", "", t)
    t = re.sub(r"\bmid-", "mid ", t)
    t = re.sub(r"(?<=[a-z])-(?=[a-z])|(?<=\d)-(?=[a-z])", " ", t)
    if t in lexicon("refs"):
        return t
    return re.sub(r"^(?:on|at|during|since|until|till|from|of|for|over|throughout) ", "", t)


def part_of(rest: str, part: str, ctx: Context) -> TimeValue | None:
    """ "early 2011", "the end of the year", "earlier this week": part of a dated period."""
    base = resolve_in(rest, ctx)
    if base is None or base.type not in ("DATE", "TIME") or "REF" in base.value:
        return None
    out = narrow(base, part, ctx.published)
    late = out.earliest is not None and out.earliest > ctx.published
    if ctx.tense == "past" and late and re.fullmatch(r"(?:the )?year", rest):
        out = narrow(year_value(ctx.published.year - 1), part, ctx.published)
    return out


def resolve_in(text: str, ctx: Context) -> TimeValue | None:
    """Resolve a normalised expression under a context (early/mid/late etc. first)."""
    mod = re.match(f"({alternation_of('modifiers', PARTS)}) ", text)
    if mod:
        return part_of(text[mod.end():], lexicon("modifiers")[mod[1]], ctx)
    for pattern, handler in rules():
        m = pattern.fullmatch(text)
        if m:
            try:
                tv = handler(m, ctx)
            except (ValueError, OverflowError, TypeError):
                tv = None
            if tv is not None:
                return tv
    return None


def search(text: str, ctx: Context) -> TimeValue | None:
    """The first date-like expression found inside ``text`` (for "after the May 3 vote")."""
    words = text.split()[:SEARCH_WORDS]
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            tv = resolve_in(" ".join(words[i:i + n]), ctx)
            if tv is not None and tv.type in ("DATE", "TIME") and tv.earliest and tv.latest:
                return tv
    return None


def resolve(expression: str, published: date, *, tense: str = "past", anchor: TimeValue | None = None,
            known: dict | None = None) -> TimeValue | None:
    """Normalise one time expression relative to ``published``; None when it cannot be resolved."""
    text, ctx = normalise(expression), Context(published, tense, anchor, known)
    found = resolve_in(text, ctx)
    if found is None and text.startswith("in "):
        found = resolve_in(text[3:], ctx)
    return found
