"""The day an article speaks from: a press release's own date line ("November 19, 2021 – Ottawa")
can be a day or two before the publication date, and its "today" means that day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as dateparser

FULL_DATE = re.compile(
    r"^[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})"
    r"\s*[-\u2013\u2014,]", re.MULTILINE)


def reference_date(text: str, published: date, max_days: int = 7) -> date:
    """A full date opening one of the first lines, if it falls in the week before publication; else
    the publication date."""
    head = "\n".join(text.lstrip().splitlines()[:4])
    match = FULL_DATE.search(head)
    if match:
        try:
            day = dateparser.parse(match.group(1)).date()
        except (ValueError, OverflowError):
            return published
        if published - timedelta(days=max_days) <= day <= published:
            return day
    return published
