"""Table tests of annals.resolve.dates.resolve: expression + publication date -> TimeML value."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

import pytest

from annals.models import TimeValue
from annals.resolve.dates import resolve

D = date.fromisoformat

# The week of 2024-02-26 (Mon) .. 2024-03-03 (Sun) holds a leap day (Thu 29 Feb).
MON, TUE, WED, THU, FRI, SAT, SUN = (D(f"2024-{d}") for d in ("02-26", "02-27", "02-28", "02-29",
                                                               "03-01", "03-02", "03-03"))


def check(expr, published, value, earliest=None, latest=None, *, type_="DATE", tense="past", **kw):
    tv = resolve(expr, published, tense=tense, **kw)
    assert tv is not None, expr
    assert (tv.value, tv.type) == (value, type_), (expr, tv)
    if earliest is not None:
        assert (tv.earliest, tv.latest) == (D(earliest), D(latest or earliest)), (expr, tv)
    return tv


@pytest.mark.parametrize("expr,published,tense,expected", [
    ("on Wednesday", MON, "past", "2024-02-21"),
    ("on Wednesday", MON, "future", "2024-02-28"),
    ("Monday", MON, "past", "2024-02-26"),
    ("Sunday", MON, "past", "2024-02-25"),
    ("last Monday", MON, "past", "2024-02-19"),
    ("next Monday", MON, "past", "2024-03-04"),
    ("Tuesday", TUE, "past", "2024-02-27"),
    ("Wednesday", TUE, "future", "2024-02-28"),
    ("Monday", TUE, "past", "2024-02-26"),
    ("Thursday", WED, "future", "2024-02-29"),
    ("Thursday", WED, "past", "2024-02-22"),
    ("Thursday", THU, "past", "2024-02-29"),
    ("Friday", THU, "future", "2024-03-01"),
    ("on Wednesday", THU, "future", "2024-03-06"),
    ("Thursday", FRI, "past", "2024-02-29"),
    ("Saturday", FRI, "future", "2024-03-02"),
    ("Friday", FRI, "future", "2024-03-01"),
    ("Thursday", FRI, "present", "2024-02-29"),
    ("Monday", FRI, "present", "2024-03-04"),
    ("Friday", SAT, "past", "2024-03-01"),
    ("Sunday", SAT, "future", "2024-03-03"),
    ("on Sunday", SUN, "past", "2024-03-03"),
    ("Saturday", SUN, "past", "2024-03-02"),
    ("Monday", SUN, "future", "2024-03-04"),
    ("Friday", D("2024-01-01"), "past", "2023-12-29"),
    ("Sunday", D("2024-01-01"), "past", "2023-12-31"),
    ("this Wednesday", FRI, "future", "2024-02-28"),
    ("Thursday last week", MON, "past", "2024-02-22"),
    ("Monday of next week", FRI, "past", "2024-03-04"),
])
def test_weekdays_by_tense(expr, published, tense, expected):
    check(expr, published, expected, expected, tense=tense)


@pytest.mark.parametrize("expr,published,expected", [
    ("today", FRI, "2024-03-01"),
    ("yesterday", FRI, "2024-02-29"),
    ("tomorrow", WED, "2024-02-29"),
    ("the day before yesterday", FRI, "2024-02-28"),
    ("yesterday", D("2024-01-01"), "2023-12-31"),
    ("tomorrow", D("2023-12-31"), "2024-01-01"),
    ("tomorrow", D("2023-02-28"), "2023-03-01"),
    ("today's", SUN, "2024-03-03"),
])
def test_relative_days(expr, published, expected):
    tv = check(expr, published, expected, expected)
    assert tv.precision == "day" and tv.is_day


def test_tonight_is_a_time_of_the_publication_day():
    check("tonight", FRI, "2024-03-01TNI", "2024-03-01", type_="TIME")


@pytest.mark.parametrize("expr,published,value,earliest,latest", [
    ("last week", THU, "2024-W08", "2024-02-19", "2024-02-25"),
    ("this week", THU, "2024-W09", "2024-02-26", "2024-03-03"),
    ("next week", THU, "2024-W10", "2024-03-04", "2024-03-10"),
    ("last week", D("2024-01-01"), "2023-W52", "2023-12-25", "2023-12-31"),
    ("next week", D("2023-12-31"), "2024-W01", "2024-01-01", "2024-01-07"),
    ("earlier this week", THU, "2024-W09", "2024-02-26", "2024-02-28"),
    ("earlier this week", MON, "2024-W09", "2024-02-26", "2024-02-26"),
    ("earlier this week", SUN, "2024-W09", "2024-02-26", "2024-03-02"),
    ("later this week", THU, "2024-W09", "2024-03-01", "2024-03-03"),
    ("later this week", SUN, "2024-W09", "2024-03-03", "2024-03-03"),
    ("last month", FRI, "2024-02", "2024-02-01", "2024-02-29"),
    ("this month", FRI, "2024-03", "2024-03-01", "2024-03-31"),
    ("next month", FRI, "2024-04", "2024-04-01", "2024-04-30"),
    ("last month", D("2024-01-15"), "2023-12", "2023-12-01", "2023-12-31"),
    ("next month", D("2023-12-15"), "2024-01", "2024-01-01", "2024-01-31"),
    ("next month", D("2024-01-31"), "2024-02", "2024-02-01", "2024-02-29"),
    ("earlier this month", THU, "2024-02", "2024-02-01", "2024-02-28"),
    ("earlier this month", FRI, "2024-03", "2024-03-01", "2024-03-01"),
    ("last year", FRI, "2023", "2023-01-01", "2023-12-31"),
    ("this year", FRI, "2024", "2024-01-01", "2024-12-31"),
    ("next year", FRI, "2025", "2025-01-01", "2025-12-31"),
    ("last year", D("2024-01-01"), "2023", "2023-01-01", "2023-12-31"),
    ("earlier this year", D("2024-01-01"), "2024", "2024-01-01", "2024-01-01"),
    ("this past weekend", D("2024-03-04"), "2024-W09-WE", "2024-03-02", "2024-03-03"),
    ("last weekend", D("2024-03-04"), "2024-W09-WE", "2024-03-02", "2024-03-03"),
    ("this past weekend", SUN, "2024-W09-WE", "2024-03-02", "2024-03-03"),
    ("last weekend", SUN, "2024-W08-WE", "2024-02-24", "2024-02-25"),
    ("this weekend", FRI, "2024-W09-WE", "2024-03-02", "2024-03-03"),
    ("next weekend", FRI, "2024-W10-WE", "2024-03-09", "2024-03-10"),
    ("last weekend", D("2024-01-01"), "2023-W52-WE", "2023-12-30", "2023-12-31"),
])
def test_relative_weeks_months_years(expr, published, value, earliest, latest):
    check(expr, published, value, earliest, latest)


@pytest.mark.parametrize("expr,published,value,earliest,latest", [
    ("three days ago", FRI, "2024-02-27", "2024-02-27", None),
    ("ten days ago", D("2024-03-05"), "2024-02-24", "2024-02-24", None),
    ("two weeks ago", FRI, "2024-W07", "2024-02-12", "2024-02-18"),
    ("two months ago", FRI, "2024-01", "2024-01-01", "2024-01-31"),
    ("one month ago", D("2024-03-31"), "2024-02", "2024-02-01", "2024-02-29"),
    ("four years ago", FRI, "2020", "2020-01-01", "2020-12-31"),
    ("a year ago", THU, "2023", "2023-01-01", "2023-12-31"),
    ("in three days", FRI, "2024-03-04", "2024-03-04", None),
    ("in 3 days", D("2024-02-27"), "2024-03-01", "2024-03-01", None),
    ("in two weeks", FRI, "2024-W11", "2024-03-11", "2024-03-17"),
    ("a few days ago", FRI, "PAST_REF", "2024-02-23", "2024-02-29"),
    ("years ago", FRI, "PAST_REF", "2017-03-01", "2023-03-01"),
    ("a week ago", FRI, "2024-W08", "2024-02-19", "2024-02-25"),
    ("two hours ago", FRI, "2024-03-01", "2024-03-01", None),
    ("in 30 minutes", FRI, "2024-03-01", "2024-03-01", None),
    ("36 hours ago", FRI, "2024-02-29", "2024-02-29", None),
])
def test_ago_and_in(expr, published, value, earliest, latest):
    check(expr, published, value, earliest, latest)


def test_references():
    assert resolve("recently", FRI) == TimeValue("PAST_REF", "DATE", None, FRI, "unknown")
    assert resolve("now", FRI) == TimeValue("PRESENT_REF", "DATE", FRI, FRI, "day")
    assert resolve("currently", SAT).value == "PRESENT_REF"
    assert resolve("in the past", SAT).value == "PAST_REF"
    assert resolve("at the time", SAT).value == "PAST_REF"
    assert resolve("the future", SAT).value == "FUTURE_REF"


@pytest.mark.parametrize("expr,value", [
    ("three years", "P3Y"), ("more than 550 days", "P550D"), ("a decade", "P10Y"), ("two hours", "PT2H"),
    ("30 minutes", "PT30M"), ("four-week", "P4W"), ("twenty-five years", "P25Y"), ("an hour", "PT1H"),
    ("nearly 18 months", "P18M"), ("several days", "PXD"), ("years", "PXY"), ("five years'", "P5Y"),
    ("1.5 years", "P18M"), ("90-day", "P90D"), ("two and a half years", "P30M"), ("a year and a half", "P18M"),
    ("half an hour", "PT30M"), ("a few hours", "PTXH"), ("decades", "PXDE"),
])
def test_durations(expr, value):
    tv = check(expr, FRI, value, type_="DURATION")
    assert tv.earliest is None and tv.as_gold() is None


@pytest.mark.parametrize("expr,value,earliest,latest", [
    ("the past several months", "PXM", "2023-06-01", "2024-03-01"),
    ("the past two years", "P2Y", "2022-03-01", "2024-03-01"),
    ("the next few months", "PXM", "2024-03-01", "2024-10-01"),
    ("the past week", "P1W", "2024-02-23", "2024-03-01"),
    ("the last 24 hours", "PT24H", "2024-02-29", "2024-03-01"),
    ("the past 36 hours", "PT36H", "2024-02-29", "2024-03-01"),
    ("the next 90 minutes", "PT90M", "2024-03-01", "2024-03-01"),
])
def test_durations_with_interval(expr, value, earliest, latest):
    tv = check(expr, FRI, value, earliest, latest, type_="DURATION")
    assert tv.precision == "range"


@pytest.mark.parametrize("expr,published,tense,value", [
    ("in August", FRI, "past", "2023-08"),
    ("August", FRI, "future", "2024-08"),
    ("August", D("2024-08-15"), "past", "2024-08"),
    ("March", FRI, "past", "2024-03"),
    ("last June", FRI, "past", "2023-06"),
    ("next March", FRI, "past", "2025-03"),
    ("December", D("2023-12-31"), "future", "2023-12"),
    ("January", D("2023-12-31"), "future", "2024-01"),
    ("December", D("2024-01-01"), "past", "2023-12"),
    ("March 2023", FRI, "past", "2023-03"),
    ("May of 2010", FRI, "future", "2010-05"),
    ("Feb. 2024", FRI, "past", "2024-02"),
])
def test_months_keep_month_precision(expr, published, tense, value):
    tv = resolve(expr, published, tense=tense)
    assert tv.value == value and tv.precision == "month"
    year, month = map(int, value.split("-"))
    assert (tv.earliest, tv.latest) == (date(year, month, 1), date(year, month, monthrange(year, month)[1]))


@pytest.mark.parametrize("expr,published,tense,expected", [
    ("Sept. 6", FRI, "past", "2023-09-06"),
    ("Sept. 6", FRI, "future", "2024-09-06"),
    ("Sept 19th", FRI, "past", "2023-09-19"),
    ("6 September", FRI, "past", "2023-09-06"),
    ("the 6th of September 2021", FRI, "past", "2021-09-06"),
    ("February 29", FRI, "past", "2024-02-29"),
    ("February 29", D("2025-03-01"), "past", "2024-02-29"),
    ("February 29", D("2025-03-01"), "future", "2028-02-29"),
    ("March 1", FRI, "past", "2024-03-01"),
    ("Dec. 30", D("2024-01-02"), "past", "2023-12-30"),
    ("Jan. 3", D("2023-12-30"), "future", "2024-01-03"),
    ("2024-02-29", FRI, "past", "2024-02-29"),
    ("2/29/2024", FRI, "past", "2024-02-29"),
    ("29/02/2024", FRI, "past", "2024-02-29"),
    ("29.02.2024", FRI, "past", "2024-02-29"),
    ("March 22, 2013", FRI, "past", "2013-03-22"),
    ("Wednesday, March 20, 2013", FRI, "past", "2013-03-20"),
    ("October 7th, 2023", FRI, "past", "2023-10-07"),
])
def test_days(expr, published, tense, expected):
    check(expr, published, expected, expected, tense=tense)


def test_yearless_date_takes_a_year_seen_earlier():
    check("October 7", FRI, "2023-10-07", "2023-10-07", tense="future", known={(10, 7): 2023})
    check("Oct. 7", D("2025-01-10"), "2023-10-07", "2023-10-07", known={(10, 7): 2023})
    check("October 8", FRI, "2024-10-08", "2024-10-08", tense="future", known={(10, 7): 2023})


@pytest.mark.parametrize("expr,published,tense,value,earliest,latest,precision", [
    ("2024-02", FRI, "past", "2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2023", FRI, "past", "2023", "2023-01-01", "2023-12-31", "year"),
    ("mid-2023", FRI, "past", "2023", "2023-05-01", "2023-08-31", "range"),
    ("early 2011", FRI, "past", "2011", "2011-01-01", "2011-04-30", "range"),
    ("late February", FRI, "past", "2024-02", "2024-02-21", "2024-02-29", "range"),
    ("mid-January", FRI, "past", "2024-01", "2024-01-11", "2024-01-20", "range"),
    ("late last year", FRI, "past", "2023", "2023-09-01", "2023-12-31", "range"),
    ("early December", FRI, "past", "2023-12", "2023-12-01", "2023-12-10", "range"),
    ("the end of the year", FRI, "future", "2024", "2024-09-01", "2024-12-31", "range"),
    ("the end of the year", FRI, "past", "2023", "2023-09-01", "2023-12-31", "range"),
    ("last summer", FRI, "past", "2023-SU", "2023-06-01", "2023-08-31", "season"),
    ("this winter", FRI, "past", "2023-WI", "2023-12-01", "2024-02-29", "season"),
    ("summer", FRI, "future", "2024-SU", "2024-06-01", "2024-08-31", "season"),
    ("winter 2022", FRI, "past", "2022-WI", "2022-12-01", "2023-02-28", "season"),
    ("the first quarter", FRI, "past", "2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("the fourth quarter", FRI, "past", "2023-Q4", "2023-10-01", "2023-12-31", "quarter"),
    ("Q3 2022", FRI, "past", "2022-Q3", "2022-07-01", "2022-09-30", "quarter"),
    ("the third quarter of 2023", FRI, "future", "2023-Q3", "2023-07-01", "2023-09-30", "quarter"),
    ("last quarter", FRI, "past", "2023-Q4", "2023-10-01", "2023-12-31", "quarter"),
    ("next quarter", FRI, "past", "2024-Q2", "2024-04-01", "2024-06-30", "quarter"),
    ("the latest quarter", FRI, "past", "2023-Q4", "2023-10-01", "2023-12-31", "quarter"),
    ("the 1990s", FRI, "past", "199", "1990-01-01", "1999-12-31", "decade"),
    ("the late 1980s", FRI, "past", "198", "1987-01-01", "1989-12-31", "range"),
    ("mid-1990s", FRI, "past", "199", "1994-01-01", "1996-12-31", "range"),
    ("Christmas Day", FRI, "past", "2023-12-25", "2023-12-25", None, "day"),
    ("Christmas", FRI, "future", "2024-12-25", "2024-12-25", None, "day"),
    ("New Year's Day 2020", FRI, "past", "2020-01-01", "2020-01-01", None, "day"),
    ("the '90s", FRI, "past", "199", "1990-01-01", "1999-12-31", "decade"),
    ("the 90s", FRI, "past", "199", "1990-01-01", "1999-12-31", "decade"),
    ("the 2000's", FRI, "past", "200", "2000-01-01", "2009-12-31", "decade"),
    ("the 20th century", FRI, "past", "19", "1900-01-01", "1999-12-31", "range"),
    ("the first week of March", FRI, "future", "2024-03", "2024-03-01", "2024-03-07", "range"),
    ("the last week of February", FRI, "past", "2024-02", "2024-02-23", "2024-02-29", "range"),
    ("the first weekend of June 2024", FRI, "past", "2024-W22-WE", "2024-06-01", "2024-06-02", "range"),
    ("the last weekend of March 2024", FRI, "past", "2024-W13-WE", "2024-03-30", "2024-03-31", "range"),
])
def test_coarse_dates_keep_their_precision(expr, published, tense, value, earliest, latest, precision):
    tv = check(expr, published, value, earliest, latest, tense=tense)
    assert tv.precision == precision


@pytest.mark.parametrize("expr,tense,value", [
    ("this morning", "past", "2024-03-01TMO"),
    ("yesterday afternoon", "past", "2024-02-29TAF"),
    ("last night", "past", "2024-02-29TNI"),
    ("Friday evening", "past", "2024-03-01TEV"),
    ("Thursday night", "past", "2024-02-29TNI"),
    ("tomorrow night", "future", "2024-03-02TNI"),
    ("8 p.m.", "past", "2024-03-01T20"),
    ("10:30 a.m. on Thursday", "past", "2024-02-29T10:30"),
    ("15:00 GMT Saturday", "future", "2024-03-02T15:00"),
    ("Saturday at 9 pm", "future", "2024-03-02T21"),
    ("noon", "past", "2024-03-01T12:00"),
    ("the evening of February 28", "past", "2024-02-28TEV"),
    ("0800 hours", "past", "2024-03-01T08:00"),
])
def test_times_of_day(expr, tense, value):
    tv = check(expr, FRI, value, type_="TIME", tense=tense)
    assert tv.is_day and tv.earliest.isoformat() == value[:10]


@pytest.mark.parametrize("expr,value", [
    ("every week", "P1W"), ("each day", "P1D"), ("every two years", "P2Y"), ("every other month", "P2M"),
    ("annually", "XXXX"), ("weekly", "XXXX-WXX"), ("every Monday", "XXXX-WXX-1"), ("Mondays", "XXXX-WXX-1"),
    ("every morning", "XXXX-XX-XXTMO"), ("twice a year", "P1Y"), ("every summer", "XXXX-SU"),
])
def test_sets(expr, value):
    tv = check(expr, FRI, value, type_="SET")
    assert tv.earliest is None


OCT7 = TimeValue("2023-10-07", "DATE", D("2023-10-07"), D("2023-10-07"), "day")


@pytest.mark.parametrize("expr,value,earliest,latest", [
    ("the day after", "2023-10-08", "2023-10-08", None),
    ("the next day", "2023-10-08", "2023-10-08", None),
    ("the following day", "2023-10-08", "2023-10-08", None),
    ("the day before", "2023-10-06", "2023-10-06", None),
    ("that day", "2023-10-07", "2023-10-07", None),
    ("a week later", "2023-10-14", "2023-10-14", None),
    ("two weeks earlier", "2023-09-23", "2023-09-23", None),
    ("two days after the election", "2023-10-09", "2023-10-09", None),
    ("a few days after", "2023-10", "2023-10-08", "2023-10-14"),
    ("hours after the attack", "2023-W40", "2023-10-07", "2023-10-08"),
    ("minutes after", "2023-10-07", "2023-10-07", None),
    ("a month later", "2023-11", "2023-11-01", "2023-11-30"),
    ("two years later", "2025", "2025-01-01", "2025-12-31"),
    ("the following year", "2024", "2024-01-01", "2024-12-31"),
    ("the same week", "2023-W40", "2023-10-02", "2023-10-08"),
    ("a year earlier", "2022", "2022-01-01", "2022-12-31"),
])
def test_anchored_on_a_day(expr, value, earliest, latest):
    check(expr, FRI, value, earliest, latest, anchor=OCT7)


def test_part_of_an_anchored_day():
    check("the next morning", FRI, "2023-10-08TMO", "2023-10-08", type_="TIME", anchor=OCT7)
    check("that evening", FRI, "2023-10-07TEV", "2023-10-07", type_="TIME", anchor=OCT7)


def test_anchor_inside_the_expression_wins():
    elsewhere = TimeValue("2024-01-05", "DATE", D("2024-01-05"), D("2024-01-05"))
    tv = check("just a few days following the October 7th attack", FRI, "2023-10", "2023-10-08", "2023-10-14",
               known={(10, 7): 2023}, anchor=elsewhere)
    assert tv.precision == "range"
    check("two days after the vote on March 3, 2024", FRI, "2024-03-05", "2024-03-05")


def test_anchored_on_a_month_stays_a_range():
    october = TimeValue("2023-10", "DATE", D("2023-10-01"), D("2023-10-31"), "month")
    check("a week later", FRI, "2023", "2023-10-08", "2023-11-07", anchor=october)
    check("the following month", FRI, "2023-11", "2023-11-01", "2023-11-30", anchor=october)
    check("a year earlier", FRI, "2022-10", "2022-10-01", "2022-10-31", anchor=october)


@pytest.mark.parametrize("expr", ["the day after", "a week later", "that day"])
def test_anchored_forms_need_an_anchor(expr):
    assert resolve(expr, FRI) is None


def test_next_day_needs_a_day_not_a_year():
    in_2010 = TimeValue("2010", "DATE", D("2010-01-01"), D("2010-12-31"), "year")
    assert resolve("the next day", FRI, anchor=in_2010).type == "DURATION"
    assert resolve("the following year", FRI, anchor=in_2010).value == "2011"


@pytest.mark.parametrize("expr", ["", "banana", "the second", "the day", "13/45/2020", "February 30, 2023",
                                  "morning", "the night"])
def test_unresolvable(expr):
    assert resolve(expr, FRI) is None


@pytest.mark.parametrize("expr", ["two hours ago", "a few hours ago", "the past 36 hours", "in 2.5 days",
                                  "1.5 weeks ago", "hours after", "minutes later", "the next 90 minutes"])
def test_days_stay_dates_in_order(expr):
    tv = resolve(expr, FRI, anchor=OCT7)
    assert tv is not None
    assert all(type(d) is date for d in (tv.earliest, tv.latest) if d is not None)
    assert tv.earliest is None or tv.latest is None or tv.earliest <= tv.latest
