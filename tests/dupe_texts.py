"""Fictional articles for near-duplicate detection: one wire story, rewritten copies of it, and other
stories about the same event (same people, same day) that must stay apart. Used by the tests and by
bench/dedup.py."""

from __future__ import annotations

WIRE = [
    "Foreign Minister Ada Lindqvist of Norway met her Hungarian counterpart Tomas Varga in Oslo on Tuesday "
    "for talks on fishing quotas in the Barents Sea, the ministry said in a statement.",
    "The two ministers discussed a proposal to share monitoring data from research vessels and agreed that "
    "officials from both countries would draft a joint report before the summer.",
    "Lindqvist told reporters after the meeting that the talks had been open and constructive, and that she "
    "expected to visit Budapest in the autumn to continue the discussion.",
    "Varga, who took office in January, said his government wanted closer cooperation with the Nordic "
    "countries on maritime research and on the protection of cod stocks.",
    "The meeting was the first between foreign ministers of the two countries in more than four years. A "
    "previous round of talks in 2020 ended without an agreement on data sharing.",
    "Environmental groups welcomed the talks but urged both governments to publish the research data in "
    "full, saying that quotas had been set too high for a decade.",
]

COPIES = {
    "reordered sentences": [WIRE[0], WIRE[2], WIRE[1], WIRE[4], WIRE[3], WIRE[5]],
    "changed headline": ["Norway and Hungary agree to share fishing data."] + WIRE,
    "extra paragraph": WIRE + [
        "A spokesman for the Hungarian embassy in Oslo said a date for the autumn visit had not yet been set, "
        "and that more details would be announced later this month."],
    "shortened by an editor": WIRE[:4],
    "outlet's own lead and credit": ["OSLO (Fjord Wire) -"] + WIRE[:5] + ["Reporting by Nils Aune; editing by "
                                                                         "Mara Holt."],
}

SAME_EVENT = {
    "analysis piece": [
        "When Ada Lindqvist welcomed Tomas Varga to Oslo on Tuesday, the Norwegian foreign minister had more "
        "than fish on her mind.",
        "Diplomats in both capitals say the meeting was meant to test whether Budapest is ready to side with "
        "Norway in coming disputes over Arctic shipping lanes.",
        "Varga, a former economist, has spent his first months in office courting partners far from Central "
        "Europe, and officials describe him as pragmatic.",
        "Lindqvist, for her part, faces pressure at home from coastal communities who blame the government "
        "for falling catches and rising fuel prices.",
    ],
    "other facts, same day": [
        "Norwegian Foreign Minister Ada Lindqvist and Hungarian Foreign Minister Tomas Varga signed a cultural "
        "exchange agreement in Oslo on Tuesday.",
        "Under the deal, fifty students from each country will receive grants to study abroad next year, and "
        "the two national libraries will digitise shared archives.",
        "Varga also laid a wreath at a memorial in the city centre and met members of the Hungarian community "
        "living in Norway.",
        "The ministers did not take questions from journalists after the signing ceremony.",
    ],
}


def text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)
