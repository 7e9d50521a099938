"""What the analysers take from one article, on sentences written for these tests."""

from __future__ import annotations


def offices(an):
    return {(o.person, o.role, o.country, o.status, str(o.date.as_gold()) if o.date else None) for o in an.offices}


def contacts(an):
    return sorted((c.kind, tuple(sorted(c.participants)), c.date.as_gold() if c.date else None)
                  for c in an.contacts)


def test_titles_next_to_names_give_offices_with_countries(analyse_text):
    an = analyse_text("Brazilian Foreign Minister Ana Costa met Chile's new defense minister, Pedro Rojas, "
                      "in Santiago on Tuesday. Former Prime Minister Jorge Lima of Peru was also there.",
                      "2024-05-09")
    assert {("Ana Costa", "foreign_minister", "BRA", "holding", None),
            ("Pedro Rojas", "defense_minister", "CHL", "holding", None),
            ("Jorge Lima", "head_of_government", "PER", "former", None)} <= offices(an)


def test_sworn_in_outgoing_and_elect(analyse_text):
    an = analyse_text("Maria Silva was sworn in as Portugal's defence minister on Monday, replacing outgoing "
                      "Defence Minister Rui Santos. President-elect Tomas Ferreira of Portugal congratulated her.",
                      "2024-05-08")
    got = offices(an)
    assert ("Maria Silva", "defense_minister", "PRT", "starts", "2024-05-06") in got
    assert any(p == "Rui Santos" and s == "ends" for p, _, _, s, _ in got)
    assert ("Tomas Ferreira", "head_of_state", "PRT", "designate", None) in got


def test_calls_meetings_and_letters_with_their_days(analyse_text):
    an = analyse_text("Kenyan President John Mwangi spoke by phone with Ugandan President Paul Okello on "
                      "Wednesday. On Thursday, Mwangi met Tanzanian Foreign Minister Grace Ally in Nairobi. "
                      "Ally also sent a letter to Okello.", "2024-05-10")
    assert contacts(an) == [
        ("call", ("John Mwangi", "Paul Okello"), "2024-05-08"),
        ("letter", ("Grace Ally", "Paul Okello"), "2024-05-09"),
        ("meeting", ("Grace Ally", "John Mwangi"), "2024-05-09"),
    ]


def test_plans_hopes_denials_and_habits_are_not_contacts(analyse_text):
    an = analyse_text("German Chancellor Hans Weber will meet French President Luc Martin next week. "
                      "Weber hopes to speak with Italian Prime Minister Carla Rossi soon. "
                      "Martin did not meet Rossi on Monday. Weber and Rossi held frequent conversations last year.",
                      "2024-05-10")
    assert contacts(an) == []


def test_one_call_per_person_listed(analyse_text):
    an = analyse_text("On Monday, Irish Prime Minister Sean Byrne spoke with Belgian Prime Minister Jan Peeters, "
                      "with Dutch Prime Minister Anna de Vries and with Austrian Chancellor Karl Huber.", "2024-05-07")
    assert contacts(an) == [("call", ("Anna de Vries", "Sean Byrne"), "2024-05-06"),
                            ("call", ("Jan Peeters", "Sean Byrne"), "2024-05-06"),
                            ("call", ("Karl Huber", "Sean Byrne"), "2024-05-06")]


def test_quotations_and_their_speakers(analyse_text):
    an = analyse_text(
        "Greek Foreign Minister Nikos Pappas spoke with his Cypriot counterpart Elena Georgiou on Friday.\n\n"
        "“We agreed to work together on energy,” Pappas said.\n\n"
        "“Our islands share one sea.”\n\n"
        "A senior official said the talks were “constructive.”\n\n"
        "Georgiou’s office issued a statement after the call.\n\n"
        "“The minister thanked Greece for its support,” the statement added.", "2024-05-11")
    got = [(q.speaker, q.text[:20]) for q in an.quotes]
    assert got == [("Nikos Pappas", "We agreed to work to"), ("Nikos Pappas", "Our islands share on"),
                   (None, "constructive."), ("Georgiou’s office", "The minister thanked")]
    assert ("Elena Georgiou", "foreign_minister", "CYP", "holding", None) in offices(an)


def test_titles_after_names_in_parentheses_plural_and_with_a_country_only(analyse_text):
    an = analyse_text("Amina Bello, Chairperson of the African Union Commission, met World Bank (WB) President "
                      "Carl Lund and the presidents of Ghana, Kofi Mensah, and of Benin, Paul Dossou. "
                      "Opposition leader Ada Obi and Nigerian leader Musa Dan were absent.", "2024-05-10")
    got = {(o.person, o.role, o.country) for o in an.offices}
    assert {("Amina Bello", "intl_org_head", "AU"), ("Kofi Mensah", "head_of_state", "GHA"),
            ("Musa Dan", "head_of_state", "NGA")} <= got
    assert not any(p == "Ada Obi" and r == "head_of_state" for p, r, _ in got)


def test_quotes_introduced_with_quote_colon_and_pronouns_after_a_quote(analyse_text):
    an = analyse_text(
        "President Irina Volkova of Moldova signed a decree dismissing the army chief on Monday.\n\n"
        "Quote: \"The commander shall be relieved of his duties.\"\n\n"
        "“We thank him for his service,” she said.", "2024-05-07")
    assert [(q.speaker, q.text[:12]) for q in an.quotes] == [("Irina Volkova", "The commande"),
                                                             ("Irina Volkova", "We thank him")]


def test_aides_take_their_principals_country_and_spokesmen_their_organisation(analyse_text):
    an = analyse_text("Nepalese Foreign Minister Hari Joshi met reporters. Joshi's first deputy, Mira Thapa, "
                      "was also there. Omar Haddad, a spokesman for the UN Secretary-General, welcomed it.",
                      "2024-05-10")
    got = {(o.person, o.role, o.country) for o in an.offices}
    assert {("Mira Thapa", "official", "NPL"), ("Omar Haddad", "spokesperson", "UN")} <= got


def test_taking_over_from_someone_ends_their_tenure(analyse_text):
    an = analyse_text("Chilean Defense Minister Ana Ruiz took over from Pedro Soto as defense minister on "
                      "Monday.", "2024-05-08")
    got = offices(an)
    assert ("Ana Ruiz", "defense_minister", "CHL", "starts", "2024-05-06") in got
    assert ("Pedro Soto", "defense_minister", "CHL", "ends", "2024-05-06") in got


def test_bare_titles_take_the_home_country_that_other_bare_titles_show(analyse_text):
    # A readout qualifies the foreign minister and not its own officials: "Secretary of State" is the
    # United States' own title, so the bare spokesperson is American too, not Moroccan.
    an = analyse_text("The below is attributable to Spokesperson Dana Whitfield:\n"
                      "Secretary of State Alan Brooks spoke with Moroccan Foreign Minister Karim Benali today. "
                      "Morocco and the Moroccan people were thanked. Benali and Brooks discussed Morocco's "
                      "reforms.", "2024-05-09")
    got = offices(an)
    assert ("Dana Whitfield", "spokesperson", "USA", "holding", None) in got
    assert ("Karim Benali", "foreign_minister", "MAR", "holding", None) in got


def test_a_definite_title_is_the_holder_named_anywhere_not_the_last_name_read(analyse_text):
    an = analyse_text("Okello wins praise from Nairobi\n\nThe Kenyan president phoned Okello on Sunday to "
                      "congratulate him.\n\nUgandan Prime Minister Paul Okello and Kenyan President John Mwangi "
                      "also discussed trade.", "2024-05-09")
    got = offices(an)
    assert ("John Mwangi", "head_of_state", "KEN", "holding", None) in got
    assert not any(p == "Paul Okello" and c == "KEN" for p, _, c, _, _ in got)


def test_honorifics_between_title_and_name_and_ambassador_to_a_country(analyse_text):
    an = analyse_text("Irish Minister for Defence The Rt Hon Sean Byrne MP spoke in Dublin on Monday.\n"
                      "President Ana Costa has held a meeting with US Ambassador to Brazil Linda Moore at the "
                      "palace.", "2024-05-09")
    got = offices(an)
    assert ("Sean Byrne", "defense_minister", "IRL", "holding", None) in got
    assert ("Linda Moore", "ambassador", "USA", "holding", None) in got


def test_names_inside_a_quotation_do_not_take_its_pronoun(analyse_text):
    an = analyse_text("Kenyan President John Mwangi met US Ambassador to Kenya Carla Stone on Monday.\n"
                      "\u201cAmbassador Stone said our election was fair, and that is a fact,\u201d he "
                      "stated.", "2024-05-09")
    assert [(q.speaker, q.text[:15]) for q in an.quotes] == [("John Mwangi", "Ambassador Ston")]


def test_a_present_perfect_lead_takes_the_day_the_next_sentences_give(analyse_text):
    an = analyse_text("Chilean President Ana Ruiz has dismissed Defense Minister Pedro Soto, her office "
                      "announced.\n\nIn a televised address on Wednesday evening, she appointed Luis Vega to "
                      "replace him.\n\nVega, who became a senator after the 2019 election, has met reporters.",
                      "2024-05-09")
    got = offices(an)
    assert ("Pedro Soto", "defense_minister", "CHL", "ends", "2024-05-08") in got
    assert not any(p == "Ana Ruiz" and s == "starts" for p, _, _, s, _ in got)   # "appointed X to replace"
    assert ("Luis Vega", "legislator", "CHL", "starts", "{'earliest': '2019-01-01', 'latest': '2019-12-31'}") \
        in got   # his own event, not the lead's


def test_a_state_or_province_before_a_title_gives_its_country(analyse_text, nlp):
    from annals.lexicon import lexicon

    lex = lexicon()
    assert lex.region_country("Delaware") == "USA" and lex.region_country("Punjab") is None   # two countries'
    assert lex.region_country("Kenya") is None   # a country is not a region of one
    an = analyse_text("Kenyan President John Mwangi met Ohio Senator Mark Dunn in Nairobi on Monday.", "2024-05-09")
    assert ("Mark Dunn", "legislator", "USA", "holding", None) in offices(an)


def test_words_quoted_inside_a_persons_act_are_theirs_not_the_objects(analyse_text):
    an = analyse_text("Irish Prime Minister Sean Byrne held a \u201cwarm meeting\u201d with Danish Prime Minister "
                      "Lars Holm on Friday.\n\nHolm began by thanking Byrne for \u201ca generous welcome to "
                      "Dublin and to the Irish people.\u201d", "2024-05-11")
    assert [(q.speaker, q.text[:10]) for q in an.quotes] == [("Sean Byrne", "warm meeti"), ("Lars Holm", "a generous")]


def test_a_headline_contact_takes_the_day_of_the_lead(analyse_text):
    an = analyse_text("Okello speaks with Mwangi\n\nOn Monday Kenyan President-elect John Mwangi took a string "
                      "of calls from world leaders. Among those who phoned the president-elect was Ugandan "
                      "President Paul Okello.", "2024-05-08")
    assert contacts(an) == [("call", ("John Mwangi", "Paul Okello"), "2024-05-06")]


def test_an_opening_dateline_is_a_sentence_of_its_own_and_no_events_day(analyse_text):
    an = analyse_text("NAIROBI (Example Wire - 9th May, 2024) Kenyan President John Mwangi and his Ugandan "
                      "counterpart Paul Okello talked by telephone about trade.\n\n\"President Mwangi spoke with "
                      "President Okello about trade,\" his spokesman said in a statement on Wednesday.",
                      "2024-05-09")
    assert contacts(an) == [("call", ("John Mwangi", "Paul Okello"), "2024-05-08")]


def test_a_meeting_told_with_fewer_participants_is_the_same_meeting(analyse_text):
    an = analyse_text("On Monday, Kenyan President John Mwangi met US Ambassador Carla Stone. Stone was "
                      "accompanying Ohio Senator Mark Dunn, and Mwangi met Stone and Dunn at State House.",
                      "2024-05-09")
    assert contacts(an) == [("meeting", ("Carla Stone", "John Mwangi", "Mark Dunn"), "2024-05-06")]


def test_a_capital_counts_for_its_country_when_a_bare_title_needs_one(analyse_text):
    an = analyse_text("Foreign Minister Park Min-jun held his first call with his Japanese counterpart, Aiko Mori, "
                      "on Tuesday.\n\nThey discussed the launches North Korea made last week.\n\n"
                      "According to Seoul's foreign ministry, Park and Mori agreed that Seoul and Tokyo would "
                      "keep in touch.", "2024-05-09")
    assert ("Park Min-jun", "foreign_minister", "KOR", "holding", None) in offices(an)


def test_the_author_of_an_embedded_post_is_who_he_refers_to_next(analyse_text):
    an = analyse_text("Kenyan President John Mwangi phoned Ugandan President Paul Okello on Monday.\n\n"
                      "President Okello thanked President Mwangi for the call. \u2014 Amos Kibet (@amoskibet) "
                      "May 6, 2024\n\n\"The two leaders agreed to meet soon,\" he added.", "2024-05-09")
    assert [(q.speaker, q.text[:10]) for q in an.quotes] == [("Amos Kibet", "The two le")]


def test_the_same_title_again_is_its_one_holder(analyse_text):
    an = analyse_text("Amina Bello, Chairperson of the African Union Commission, today finished her visit to "
                      "Ghana.\n\nThe Chairperson was welcomed by Ghanaian President Kofi Mensah, and the two "
                      "leaders held talks on trade.", "2024-05-09")
    assert ("meeting", ("Amina Bello", "Kofi Mensah"), "2024-05-09") in contacts(an)


def test_a_visit_is_no_contact_of_its_own_beside_the_meeting_it_was_for(analyse_text):
    an = analyse_text("On Tuesday, Kenyan Foreign Minister Grace Ally held talks with her Ugandan counterpart "
                      "Paul Okello, hours before Okello cut short his visit to Kenya.", "2024-05-08")
    assert contacts(an) == [("meeting", ("Grace Ally", "Paul Okello"), "2024-05-07")]


def test_a_date_of_a_future_event_in_a_clause_is_not_the_meetings(analyse_text):
    an = analyse_text("On Monday, Kenyan President John Mwangi met Ugandan President Paul Okello. In the course "
                      "of their meeting, Mwangi updated Okello on the summits, which are to be held on the 5th "
                      "and 6th of June.", "2024-05-08")
    assert contacts(an) == [("meeting", ("John Mwangi", "Paul Okello"), "2024-05-06")]


def test_two_subjects_the_parser_left_uncoordinated_both_take_part(analyse_text):
    an = analyse_text("Defense Secretary Paul Okello Jr., and US Secretary of Defense Mark Dunn III held a phone "
                      "call Wednesday, reinforcing the alliance.", "2024-05-09")
    assert contacts(an) == [("call", ("Mark Dunn III", "Paul Okello Jr."), "2024-05-08")]


def test_a_possessor_before_the_recipient_is_not_a_recipient(analyse_text):
    an = analyse_text("Last year, Kenyan President John Mwangi sent a similar message to Mark Dunn's predecessor, "
                      "Paul Okello.", "2024-05-09")
    assert [c[1] for c in contacts(an)] == [("John Mwangi", "Paul Okello")]


def test_a_country_at_talks_is_the_head_of_its_delegation(analyse_text):
    an = analyse_text("Kenya and Uganda held talks in Arusha on May 6.\n\nKenyan presidential aide John Mwangi, "
                      "who headed the Kenyan delegation in Arusha, said the talks went well.", "2024-05-09")
    assert contacts(an) == [("meeting", ("John Mwangi", "Uganda"), "2024-05-06")]


def test_the_country_leader_is_the_one_named_bare_or_the_head_of_government(analyse_text):
    an = analyse_text("Ugandan President Paul Okello learned as much at his meeting with the Kenyan President in "
                      "Nairobi.\n\n\u201cWe respect the wishes of President Mwangi,\u201d an aide said.\n\n"
                      "Tanzanian Premier Ali Juma also sent a message to the new Kenyan leader.", "2024-05-09")
    got = contacts(an)
    assert ("meeting", ("Mwangi", "Paul Okello"), None) in got
    assert not any(p == ("Ali Juma", "Paul Okello") for _, p, _ in got)


def test_a_double_hyphen_is_a_dash(nlp):
    assert [t.text for t in nlp("(Example Wire)--Chinese President")][-3:] == ["--", "Chinese", "President"]


def test_spoke_by_telephone_parsed_as_an_agent_is_still_a_call(analyse_text):
    an = analyse_text("Paul Okello, the newly appointed Minister of Defense of Uganda, spoke by telephone with "
                      "Kenyan Defense Secretary John Mwangi; the two discussed the region's needs.", "2024-05-09")
    assert [(k, p) for k, p, _ in contacts(an)] == [("call", ("John Mwangi", "Paul Okello"))]


def test_a_shared_surname_alone_is_the_main_figure_not_the_relative(analyse_text):
    an = analyse_text("On Monday, President-elect John Mwangi met outgoing President Paul Okello at State House.\n\n"
                      "Mwangi, who came with his wife Grace Mwangi, was received by Okello.\n\n"
                      "It was the first time in months that Okello and Mwangi had met.", "2024-05-13")
    assert {p for _, p, _ in contacts(an)} == {("John Mwangi", "Paul Okello")}


def test_companions_take_part_in_the_meeting_they_accompanied(analyse_text):
    an = analyse_text("Kenyan President John Mwangi met Thursday in Geneva with World Bank President Carla Stone.\n\n"
                      "Accompanying Mwangi at the bank were Finance Minister Ali Juma and Foreign Minister "
                      "Grace Ally.", "2024-05-10")
    assert contacts(an) == [("meeting", ("Ali Juma", "Carla Stone", "Grace Ally", "John Mwangi"), "2024-05-09")]


def test_going_somewhere_for_talks_with_someone_is_a_meeting_and_next_weeks_is_none(analyse_text):
    an = analyse_text("On Monday, Kenyan President John Mwangi went to the bank headquarters for consultations "
                      "with the Chief Executive Officer of AfriBank, Dr Paul Okello.\n\nMwangi and Okello also went "
                      "over the plans for next week's meeting with the Lake Forum.", "2024-05-09")
    assert contacts(an) == [("meeting", ("John Mwangi", "Paul Okello"), "2024-05-06")]


def test_the_first_talks_since_a_dated_event_are_not_dated_by_it(analyse_text):
    an = analyse_text("Kenyan President John Mwangi said he spoke by phone on Friday with Ugandan President Paul "
                      "Okello.\n\nIt was the first conversation Mwangi had held with Okello since before the "
                      "border closed in February.", "2024-07-27")
    assert contacts(an) == [("call", ("John Mwangi", "Paul Okello"), "2024-07-26")]


def test_talks_with_no_one_named_are_with_the_counterpart_named_next(analyse_text):
    an = analyse_text("Mr Mwangi went to the Pentagon last Thursday for talks on regional security.\n\n"
                      "The Kenyan minister knew he needed a good relationship with his opposite number, US Defense "
                      "Secretary Paul Okello.", "2024-05-13")
    assert contacts(an) == [("meeting", ("Mwangi", "Paul Okello"), "2024-05-09")]


def test_a_meeting_while_in_the_country_takes_the_visits_day(analyse_text):
    an = analyse_text("Amina Bello, Chairperson of the African Union Commission, today finished her visit to Ghana."
                      "\n\nShe spoke about trade.\n\nShe also spoke about roads.\n\nWhile in the country, the "
                      "Chairperson also went to the bank headquarters for consultations with the bank's President, "
                      "Kofi Mensah.", "2024-05-09")
    assert ("meeting", ("Amina Bello", "Kofi Mensah"), "2024-05-09") in contacts(an)
