"""The day a press release speaks from."""

from datetime import date

from annals.analyse.dateline import reference_date


def test_a_release_dated_the_day_before_publication_speaks_from_that_day():
    text = "Minister X speaks with Y\n\nNovember 19, 2021 \u2013 Ottawa, Ontario \u2013 Ministry\n\nToday..."
    assert reference_date(text, date(2021, 11, 20)) == date(2021, 11, 19)


def test_weekday_and_day_month_year_forms():
    assert reference_date("Friday, August 18, 2023 \u2013 The president met...", date(2023, 8, 19)) == date(2023, 8, 18)
    assert reference_date("3 March 2024 - Kyiv. Text", date(2024, 3, 4)) == date(2024, 3, 3)


def test_dates_far_from_publication_or_inside_the_text_are_ignored():
    assert reference_date("January 2, 2020 - old news", date(2024, 1, 1)) == date(2024, 1, 1)
    assert reference_date("He said that on March 3, 2024, - they met.", date(2024, 3, 4)) == date(2024, 3, 4)
