"""Who is who in one article: people, organisations and countries, merged into canonical actors.

``Actors`` reads a parsed Doc once and answers the questions the extractors
ask: which actor a token names, who "he" is, which country a phrase means.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pycountry
from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, fold

SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "he", "h e", "rt", "hon", "honourable", "honorable", "sir", "dame",
              "excellency", "majesty", "highness", "his", "her", "general", "colonel", "colonel-general",
              "lieutenant", "lieutenant-general", "major", "major-general", "admiral", "marshal", "brigadier",
              "captain", "gen", "col", "lt", "adm", "prof", "professor"}
NOT_NAMES = {"meeting", "summit", "forum", "council", "conference", "ministry", "department", "office",
             "dialogue", "commission", "assembly", "agency", "party", "committee", "union", "palace", "parliament",
             "government", "court", "bank", "fund", "organization", "organisation", "association", "forces",
             "embassy", "headquarters", "university", "institute", "center", "centre", "news", "group", "talks"}
COUNTERPARTS = {"counterpart", "colleague"}   # "his US colleague X": the same office in another country


def is_counterpart(tok: Token) -> bool:
    """"counterpart", "colleague", "opposite number"."""
    return tok.lemma_.lower() in COUNTERPARTS or (
        tok.lower_ == "number" and any(c.lower_ == "opposite" for c in tok.children))
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
PLURAL_REFS = {"they", "them", "their", "both", "two"}
NAME_LABELS = {"PERSON", "GPE", "ORG", "NORP", ""}
DATELINE = re.compile(r"\s*([A-Z][A-Za-z'. ]{1,30}?)\s*(?:,|\(|\s[-\u2013\u2014])")


def name_key(text: str) -> str:
    """The comparison key of a person's name: folded, without initials or Jr/Sr/III suffixes."""
    toks = [t for t in re.split(r"[\s-]+", fold(text)) if len(t) > 1 and t not in SUFFIXES]
    return " ".join(toks)


def same_name(a: list[str], b: list[str]) -> bool:
    """Variants of one full name: transliterations ("Mohammad"/"Muhammad", "Olexandr"/"Oleksandr") or a
    middle name given once ("Luis Vega"/"Luis Alberto Vega")."""
    if min(len(a), len(b)) < 2 or not _same_surname(a[-1], b[-1]):
        return False
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        return short[0] == long_[0] and set(short[1:-1]) <= set(long_[1:-1])
    return all(fuzz.ratio(x, y) >= 75 for x, y in zip(a[:-1], b[:-1], strict=True))


def _same_surname(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= 85 or (sound(a) == sound(b) and fuzz.ratio(a, b) >= 70)


def sound(word: str) -> str:
    """A spelling-tolerant key of a surname for lookups: "Petrov"/"Pietrov" -> "ptrv", and the
    transliteration pairs g/h, kh/h, w/v, ph/f ("Sybiha"/"Sybiga")."""
    s = re.sub(r"[^a-z]", "", fold(word))
    for a, b in (("kh", "h"), ("ph", "f"), ("g", "h"), ("w", "v")):
        s = s.replace(a, b)
    if not s:
        return ""
    s = s[0] + re.sub(r"[aeiouy]", "", s[1:])
    return re.sub(r"(.)\1+", r"\1", s)


@dataclass(eq=False)
class Actor:
    """A canonical actor of one document and every surface form it was named by."""

    kind: str                    # person | org | country
    name: str
    key: str
    forms: set[str] = field(default_factory=set)
    country: str | None = None
    mentions: list[int] = field(default_factory=list)   # token indices of the mentions' heads

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: Actor


class Actors:
    """Mentions of people, organisations and countries in a Doc, resolved within the document."""

    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc = doc
        self.text = doc.text   # (Doc.text joins every token on each use;
        self.tokens = list(doc)   # iterating a Doc makes every Token anew)
        self.lex = lex
        self.people: list[Actor] = []
        self.orgs: dict[str, Actor] = {}
        self.countries: dict[str, Actor] = {}
        self.mentions: list[Mention] = []
        self.by_token: dict[int, Mention] = {}
        self.weight: Counter[str] = Counter()      # how much the article is about each country
        self._verbs = lex.speech_verbs | lex.contact_lemmas
        self._collect()

    # -- building ---------------------------------------------------------
    def _collect(self) -> None:
        spans = self._person_spans()
        for span in sorted(spans, key=lambda s: -len(name_key(s.text).split())):
            self._add_person(span)
        self._known_names()
        for tok in self.tokens:   # "Okonkwo said": an unlabelled proper-noun subject of speech or contact
            if tok.dep_ == "nsubj" and tok.i not in self.by_token and tok.head.lemma_.lower() in self._verbs:
                self.name_at(tok)
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                code = self.lex.country(ent.text)
                if code:
                    self._mention(ent, self.country(code, ent.text if ent.label_ == "GPE" else None))
                    self.weight[code] += 1.0 if ent.label_ == "GPE" else 0.5   # a name counts more than "Iranian"
                elif self.lex.org(ent.text):
                    self._mention(ent, self._org(ent))
                elif ent.label_ == "GPE" and fold(ent.text) in self.lex.capitals:   # "Seoul's foreign ministry"
                    self.weight[self.lex.capitals[fold(ent.text)]] += 0.5
            elif ent.label_ in ("ORG", "FAC") and not any(i in self.by_token for i in range(ent.start, ent.end)):
                org = self._org(ent)
                self._mention(ent, org)
                if org.country and len(org.country) == 3 and org.country.isupper():   # "the Verkhovna Rada"
                    self.weight[org.country] += 0.5
        self.mentions.sort(key=lambda m: m.start)
        self.dateline_country = home = self._dateline_country()
        if home:   # "AMMAN - ...": the story is told from there
            self.weight[home] += 2

    def _dateline_country(self) -> str | None:
        match = DATELINE.match(self.text)
        if not match:
            return None
        place = match.group(1)
        return self.lex.capitals.get(fold(place)) or self.lex.country(place)

    def _person_spans(self) -> list[Span]:
        doc, spans = self.doc, []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                span = self._trim(ent)
                if span is not None:
                    spans.append(span)
        taken = {i for s in spans for i in range(s.start, s.end)}
        for ent in doc.ents:   # a name right after a title that NER missed or mislabelled ("Secretary Vega",
            if ent.label_ != "TITLE" or ent.end >= len(doc):   # "the spokesman for the Ministry, Ana Ruiz,")
                continue
            start = self._after_title(ent)
            if start in taken:
                continue
            end = start
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in NAME_LABELS \
                    and doc[end].text[:1].isupper() and doc[end].ent_type_ != "TITLE":
                end += 1
            if end > start:
                span = self._trim(doc[start:end])
                if span is not None and not any(i in taken for i in range(span.start, span.end)):
                    spans.append(span)
                    taken.update(range(span.start, span.end))
        for ent in doc.ents:   # "Moussa Faki Mahamat, Chairperson of ...": a name before ", Title"
            if ent.label_ == "TITLE" and ent.start >= 2 and doc[ent.start - 1].text == ",":
                start = end = ent.start - 1
                while start > 0 and self._name_word(doc[start - 1]):
                    start -= 1
                if end - start >= 2 and not any(i in taken for i in range(start, end)):
                    span = self._trim(doc[start:end])
                    if span is not None:
                        spans.append(span)
                        taken.update(range(span.start, span.end))
        return spans

    def _after_title(self, title: Span) -> int:
        """Where a name after a title would start: past "of/for (the) <organisation or country>," if any."""
        doc, j = self.doc, title.end
        if j + 1 < len(doc) and doc[j].lower_ in ("of", "for"):
            k = j + 1 + (doc[j + 1].lower_ == "the")
            ent = next((e for e in doc.ents if e.start <= k < e.end and e.label_ in ("ORG", "GPE", "NORP")), None)
            if ent is not None and ent.end < len(doc) and doc[ent.end].text == ",":
                return ent.end + 1
        return j

    def _name_word(self, tok: Token) -> bool:
        return (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "NORP")
                and tok.text[:1].isupper() and tok.lower_ not in NOT_NAMES
                and fold(tok.text) not in HONORIFICS and not self.lex.title(tok.text)
                and not self.lex.country(tok.text))

    def _known_names(self) -> None:
        """A bare surname NER missed ("added Vega") is that person, unless it names a country; so is a
        first name that only one person of the article has ("Lula" of "Lula da Silva")."""
        last: dict[str, list[Actor]] = {}
        for a in self.people:
            last.setdefault(a.tokens[-1], []).append(a)
        firsts = [a.tokens[0] for a in self.people if len(a.tokens) > 1]
        for a in self.people:
            if len(a.tokens) > 1 and firsts.count(a.tokens[0]) == 1 and a.tokens[0] not in last:
                last[a.tokens[0]] = [a]
        for tok in self.tokens:
            if tok.i in self.by_token or tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
                continue   # (a foreign surname is often tagged a common noun: "Zelenskyy said")
            people = last.get(fold(tok.text), [])
            if people and not self.lex.country(tok.text) and not self.lex.org(tok.text):
                span = self._trim(self.doc[tok.i:tok.i + 1])   # widened over a first name NER missed too
                if span is not None:
                    self._add_person(span)

    def _trim(self, span: Span) -> Span | None:
        """Widen over name words NER left out ("Luis" of "Luis A. Vega"), drop honorifics,
        possessives and stray punctuation; refuse what is a country or organisation."""
        doc, start, end = self.doc, span.start, span.end
        while start > 0 and self._name_word(doc[start - 1]):
            start -= 1
        while start < end and (fold(doc[start].text) in HONORIFICS or not doc[start].text[:1].isalpha() or (
                doc[start].lower_ == "the" and start + 1 < end and fold(doc[start + 1].text) in HONORIFICS)):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or not doc[end - 1].text[:1].isalnum()):
            end -= 1
        if end - start >= 3 and self.lex.country(doc[start].text):   # "Peru Ana Ruiz" after "Ambassador to"
            start += 1
        if start >= end:
            return None
        out = doc[start:end]
        text = out.text
        if not any(c.isupper() for c in text) or any(c.isdigit() for c in text):
            return None
        if self.lex.country(text) or self.lex.org(text) or self.lex.title(text) or fold(text) in self.lex.media \
                or fold(text) in self.lex.capitals:
            return None
        if any(t.lower_ in NOT_NAMES for t in out):   # "Defense Ministers' Meeting" is no one's name
            return None
        return out

    def _add_person(self, span: Span) -> None:
        key = name_key(span.text)
        if not key:
            return
        actor = self._match_person(key, span.start)
        if actor is None:
            actor = Actor("person", span.text, key)
            self.people.append(actor)
        elif len(key.split()) > len(actor.tokens):   # "Joly" first, "Mélanie Joly" later: the full form names her
            actor.name, actor.key = span.text, key
        actor.forms.add(span.text)
        self._mention(span, actor)

    def _match_person(self, key: str, at: int) -> Actor | None:
        toks = key.split()
        full = [a for a in self.people if a.key == key]
        if full:
            return full[0]
        cands = [a for a in self.people
                 if (set(toks) <= set(a.tokens) and (toks[-1] == a.tokens[-1] or len(toks) == 1))
                 or (len(a.tokens) == 1 and a.tokens[0] == toks[-1])
                 or same_name(toks, a.tokens)
                 or (len(toks) == 1 and fuzz.ratio(toks[0], a.tokens[-1]) >= 85)]   # "Zaluzhny"/"Zaluzhnyi"
        if not cands:
            return None
        if len(cands) > 1:   # a bare surname shared by two people: the one the story names most so far (news
            # calls the main figure by surname, a relative by first name), then the one named last before it
            before = [a for a in cands if any(m < at for m in a.mentions)]
            cands = sorted(before or cands, key=lambda a: (len({m for m in a.mentions if m < at}),
                                                           len(a.mentions),
                                                           max([m for m in a.mentions if m < at] or [0])))
            return cands[-1]
        return cands[0]

    def _org(self, ent: Span) -> Actor:
        rec = self.lex.org(ent.text)
        text = re.sub(r"^(the|The)\s+", "", ent.text)
        name = rec["name"] if rec else text
        key = fold(name)
        actor = self.orgs.get(key)
        if actor is None:
            country = (rec.get("country") or rec.get("short")) if rec else None
            actor = self.orgs[key] = Actor("org", name, key, country=country)
        actor.forms.add(text)
        return actor

    def country(self, code: str, surface: str | None = None) -> Actor:
        """A country, named as the article names it ("Russia", not "Russian Federation") when it does."""
        actor = self.countries.get(code)
        if actor is None:
            rec = pycountry.countries.get(alpha_3=code)
            name = getattr(rec, "common_name", None) or (rec.name if rec else code)
            actor = self.countries[code] = Actor("country", name, code.lower(), country=code)
        if surface and not actor.forms:
            actor.name = re.sub(r"^the\s+", "", surface, flags=re.IGNORECASE)
        if surface:
            actor.forms.add(surface)
        return actor

    def _mention(self, span: Span, actor: Actor) -> None:
        m = Mention(span.start, span.end, actor)
        self.mentions.append(m)
        actor.mentions.append(span.root.i)
        for i in range(span.start, span.end):
            self.by_token[i] = m

    # -- questions ----------------------------------------------------------
    def at(self, token: Token) -> Actor | None:
        """The actor a token is part of the name of."""
        m = self.by_token.get(token.i)
        return m.actor if m else None

    def person_at(self, token: Token) -> Actor | None:
        actor = self.at(token)
        return actor if actor is not None and actor.kind == "person" else None

    def previous_person(self, before: int, skip=None) -> Actor | None:
        """The person most recently named as a subject before token ``before``, else the last one named
        (mentions for which ``skip(token_index)`` is true are passed over)."""
        m = self.previous_mention(before, skip)
        return m.actor if m is not None else None

    def previous_mention(self, before: int, skip=None) -> Mention | None:
        people = [m for m in self.mentions if m.start < before and m.actor.kind == "person"
                  and not (skip and skip(m.start))]
        for m in reversed(people):
            root = self.doc[m.end - 1]
            if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj") \
                    or self._signs_post(m):
                return m
        return people[-1] if people else None

    def _signs_post(self, m: Mention) -> bool:
        """Is the mention an embedded post's signature, its author: "— Name (@handle) January 1, 2023"?"""
        doc, text = self.doc, self.text
        before = text[max(0, doc[m.start].idx - 3):doc[m.start].idx].strip()
        end = doc[m.end - 1].idx + len(doc[m.end - 1])
        after = text[end:end + 4].lstrip()
        return before.endswith(("\u2014", "\u2013", "-")) and after.startswith("(@")

    def owner(self, tok: Token) -> Actor | None:
        """The person a word's possessive names: "his counterpart" (the person last named), "Kuleba's deputy"."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        return self.previous_person(poss.i) if poss.lower_ in PERSON_PRONOUNS else self.person_at(poss)

    def add_titles(self, holders: dict[int, Actor]) -> None:
        """Titles resolved to their holders become mentions of them ("the Speaker ..., X, said he")."""
        for i, actor in holders.items():
            if i not in self.by_token:
                self._mention(self.doc[i:i + 1], actor)
        self.mentions.sort(key=lambda m: m.start)

    def appositive(self, tok: Token) -> Actor | None:
        """The person an apposition to a word names ("the presidents of Chile, Ana Ruiz")."""
        return next(filter(None, (self.person_at(c) for c in tok.children if c.dep_ == "appos")), None)

    def named_after(self, tok: Token) -> Actor | None:
        """The person a word stands for by apposition: "counterpart, newly confirmed Defense Secretary X"."""
        if self.appositive(tok) is not None:
            return self.appositive(tok)
        i, end = tok.i + 1, min(tok.i + 12, len(self.doc))
        while i < end:
            t = self.doc[i]
            if self.person_at(t) is not None:
                return self.person_at(t)
            if t.lower_ == "of" and i + 1 < end and self._org_word(self.doc[i + 1]):
                i += 1   # "the Chief Executive Officer of AUDA-NEPAD, Dr X": past the organisation
                while i < end and self._org_word(self.doc[i]):
                    i += 1
                continue
            if t.pos_ in ("VERB", "ADP", "CCONJ", "AUX", "SCONJ") and t.tag_ != "VBN" and t.ent_type_ != "TITLE":
                return None
            i += 1
        return None

    def _org_word(self, tok: Token) -> bool:
        """A word of an organisation's name: "AUDA-NEPAD", "the World Bank" (not a person's)."""
        return self.person_at(tok) is None and (
            tok.ent_type_ in ("ORG", "GPE", "NORP") or tok.pos_ == "PROPN" or tok.tag_ == "HYPH")

    def name_at(self, tok: Token) -> Actor | None:
        """A proper name NER did not label, heading a subject ("Okonkwo said"): taken as a person."""
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON", "NORP", "GPE") or not tok.text[:1].isupper():
            return None   # (a surname is often mislabelled NORP or GPE; lexicon countries are refused below)
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        span = self.doc[words[0].i:tok.i + 1]
        span = self._trim(span)
        if span is None:
            return None
        self._add_person(span)
        self.mentions.sort(key=lambda m: m.start)
        return self.person_at(tok)

    def people_in(self, span: Span) -> list[Actor]:
        seen: list[Actor] = []
        for m in self.mentions:
            if span.start <= m.start < span.end and m.actor.kind == "person" and m.actor not in seen:
                seen.append(m.actor)
        return seen

    def main_country(self, exclude: set[str] = frozenset()) -> str | None:
        """The country the article is most about, other than ``exclude`` (on a tie, the one named first)."""
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.actor.kind == "country":
                first.setdefault(m.actor.country, m.start)
        codes = [c for c in self.weight if c not in exclude]
        return max(codes, key=lambda c: (self.weight[c], -first.get(c, 0))) if codes else None
