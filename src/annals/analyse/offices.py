"""Office observations: who holds, starts, ends, held or is about to hold which office.

Read from titles next to names ("Defence Minister Mikko Laine", "the Prime Minister
of Spain, Pedro Sanchez"), appositions and copulas ("Wehbe is the adviser of..."),
"as" phrases ("sworn in as Defense Secretary"), definite titles that stand for a
person named earlier ("the emir of Qatar stressed"), and verbs of taking and
leaving office ("assumed his role", "resigned", "replacing X").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon, Title, fold
from ..models import Evidence, OfficeObservation, TimeValue
from .actors import HONORIFICS, PERSON_PRONOUNS, Actor, Actors, is_counterpart
from .context import date_of, evidence, lead_date, narrative_date, present_perfect

SINGLE_HOLDER = {"head_of_state", "head_of_government", "defense_minister", "foreign_minister",
                 "military_chief", "intl_org_head"}
DEPUTY = {"deputy", "vice", "assistant", "vice-", "first-deputy"}
START_VERBS = {"swear", "appoint", "name", "elect", "confirm", "install", "nominate", "become", "take",
               "assume", "choose", "pick", "designate", "promote", "select", "tap"}
END_VERBS = {"resign", "quit", "dismiss", "fire", "sack", "remove", "oust", "replace", "leave", "step",
             "succeed", "depose", "relieve"}
PAST_WORDS = {"previously", "formerly", "once", "past", "earlier"}
DESIGNATE_VERBS = {"nominate", "propose", "recommend", "submit"}
FORMER_VERBS = {"serve", "head", "lead"}
OFFICE_NOUNS = {"office", "role", "post", "position", "duties", "job", "seat", "helm", "portfolio", "reins"}
HEAD_WORDS = {"head", "chief", "director", "chairman", "chairwoman", "chair", "leader", "governor"}
CURRENT = {"holding", "starts"}
HEADS = {"head_of_state", "head_of_government"}
STATUS_RANK = {"starts": 0, "ends": 1, "designate": 2, "former": 3, "holding": 4}


@dataclass
class Seen:
    """An office observation before it becomes a record: actor and plain values."""

    person: Actor
    role: str
    country: str | None
    status: str
    evidence: Evidence
    date: TimeValue | None = None
    explicit_country: bool = False
    generic: bool = False
    default_country: str | None = None   # the title's own country ("Secretary of State": USA), if no other
    owner: Actor | None = None   # "Kuleba's first deputy": whose deputy, adviser, aide


class OfficeReader:
    def __init__(self, doc: Doc, actors: Actors, lex: Lexicon):
        self.doc, self.actors, self.lex = doc, actors, lex
        self.seen: list[Seen] = []
        self.title_people: dict[int, Actor] = {}   # token index of a resolved title -> its holder

    # -- titles -------------------------------------------------------------
    def title_spans(self) -> list[tuple[Span, Title]]:
        doc, out = self.doc, []
        for ent in doc.ents:
            if ent.label_ == "TITLE":
                title = self.lex.title(ent.text)
                if title:
                    out.append((ent, title))
        for tok in self.actors.tokens:   # "head of the State Property Fund", "chief of the Ministry of Defense"
            if tok.lower_ in HEAD_WORDS and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
                org = self._org_after(tok.i + 2)
                if org is not None:
                    out.append((doc[tok.i:tok.i + 1], Title(tok.lower_, self._role_of_org(org), None, False)))
        return sorted(out, key=lambda p: p[0].start)

    def _org_after(self, i: int) -> Span | None:
        doc = self.doc
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        for ent in doc.ents:
            if ent.start == i and ent.label_ == "ORG":
                return ent
            if ent.start <= i < ent.end and ent.label_ == "ORG" and doc[ent.start].lower_ == "the":
                return ent
        return None

    @staticmethod
    def _role_of_org(org: Span) -> str:
        words = set(fold(org.text).split())
        if "ministry" in words or "minister" in words or "department" in words:
            if words & {"foreign", "affairs", "external"} and "internal" not in words:
                return "foreign_minister"
            if words & {"defense", "defence"}:
                return "defense_minister"
            return "other_minister"
        return "official"

    def read(self) -> list[Seen]:
        self.hints = self._counterpart_countries()
        pending = []
        spans = self.title_spans()
        for span, title in spans:
            if not self._from_title(span, title):
                pending.append((span, title))
        for span, title in pending:   # "the Egyptian president": once every named holder is known
            self._from_title(span, title, definite_ok=True)
        self._same_title_again(spans)
        self._from_counterparts()
        self._from_verbs()
        self._fill_countries()
        return self.seen

    def _same_title_again(self, spans: list[tuple[Span, Title]]) -> None:
        """"the Chairperson", "the Secretary-General": the one person the article gives that title to."""
        holders: dict[str, dict[str, Actor]] = {}   # title, and its head word, -> who holds it here
        for span, _ in spans:
            if span.start in self.title_people:
                for form in {fold(span.text), fold(span.root.text)}:
                    holders.setdefault(form, {})[self.title_people[span.start].key] = self.title_people[span.start]
        for span, _ in spans:
            named = holders.get(fold(span.text)) or holders.get(fold(span.root.text), {})
            if span.start not in self.title_people and span.start > 0 and span.root.tag_ not in ("NNS", "NNPS") \
                    and self.doc[span.start - 1].lower_ == "the" and len(named) == 1:
                self.title_people.update(dict.fromkeys(range(span.start, span.end), *named.values()))

    def _counterpart_countries(self) -> dict[int, str]:
        """"his U.S. counterpart, X": X's country, keyed by actor id; the pairs are kept in
        ``self.counterparts`` so X can be given the office of the person whose counterpart X is."""
        hints = {}
        self.counterparts: list[tuple[Actor, Token, str | None]] = []
        for tok in self.actors.tokens:
            if not is_counterpart(tok):
                continue
            codes = [self.lex.country(c.text) for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
            codes = [c for c in codes if c]
            person = self.actors.named_after(tok)
            if person is not None and codes:
                hints[id(person)] = codes[0]
            if person is not None:
                self.counterparts.append((person, tok, codes[0] if codes else None))
        return hints

    def _from_counterparts(self) -> None:
        """"his German counterpart Annalena Baerbock": the same office as his, in her country."""
        for person, tok, code in self.counterparts:
            if any(s.person is person and not s.generic for s in self.seen):
                continue
            other = self.actors.owner(tok)
            if other is None:
                continue
            base = next((s for s in self.seen if s.person is other and not s.generic and s.role != "official"), None)
            if base is not None and other is not person:
                self.seen.append(Seen(person, base.role, code, "holding", evidence(self.doc, tok.sent),
                                      explicit_country=code is not None))

    def _modifiers(self, span: Span) -> tuple[list[str], dict | None, list[str], bool, bool]:
        """Countries, organisation, status words, deputy and definiteness from the words before a title."""
        doc = self.doc
        countries, statuses, org, deputy, definite = [], [], None, False, False
        i = span.start - 1
        while i >= 0 and span.start - i <= 7:
            tok = doc[i]
            low = tok.lower_
            if tok.text == ")":   # "International Monetary Fund (IMF) Managing Director"
                while i > 0 and doc[i].text != "(":
                    i -= 1
                i -= 1
                continue
            if tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC", "FAC") and tok.ent_iob_ in ("B", "I"):
                ent = next(e for e in doc.ents if e.start <= i < e.end)
                code = self.lex.country(ent.text) or (   # "Delaware Senator X", "Punjab Chief Minister"
                    self.lex.region_country(ent.text) if ent.label_ == "GPE" else None)
                rec = self.lex.org(ent.text)
                if code:
                    countries.append(code)
                elif rec:
                    org = rec
                elif ent.label_ == "ORG":
                    org = org or {"name": ent.text, "country": self._country_in(ent)}
                i = ent.start - 1
                continue
            if low in self.lex.status_words:
                statuses.append(self.lex.status_words[low])
            elif low.rstrip("-") in DEPUTY and span.start - i <= 2:   # "Deputy Foreign Minister", "vice-president"
                deputy = True
            elif tok.tag_ in ("POS", "HYPH") or tok.text in ("\u2019", "'") or tok.pos_ in (
                    "ADJ", "ADV", "NOUN", "PROPN", "NUM"):
                code = self.lex.country(tok.text)
                if code:
                    countries.append(code)
            elif low in ("the", "his", "her", "its", "their", "our"):
                definite = True
                break
            else:
                break
            i -= 1
        return countries, org, statuses, deputy, definite

    def _country_in(self, span: Span) -> str | None:
        for tok in span:
            code = self.lex.country(tok.text)
            if code:
                return code
        for ent in self.doc.ents:
            if span.start <= ent.start and ent.end <= span.end and (ent.start, ent.end) != (span.start, span.end):
                code = self.lex.country(ent.text)
                if code:
                    return code
        return None

    def _after(self, span: Span) -> tuple[int, str | None, dict | None, str | None]:
        """Index after the title's tail ("of Spain", "-elect", "designate") with what the tail says."""
        doc, j = self.doc, span.end
        country = org = status = None
        if j + 1 < len(doc) and doc[j].tag_ == "HYPH" and doc[j + 1].lower_ in ("elect", "designate"):
            status, j = "designate", j + 2
        elif j < len(doc) and doc[j].lower_ in ("designate", "elect", "nominee"):
            status, j = "designate", j + 1
        if j + 1 < len(doc) and doc[j].lower_ == "to":   # "Ambassador to Kenya": the post, not whose it is
            if self.lex.country(doc[j + 1].text):
                return j + 2, None, None, status
            if doc[j + 1].ent_type_ in ("GPE", "ORG"):
                return next(e for e in doc.ents if e.start <= j + 1 < e.end).end, None, None, status
        if j < len(doc) and doc[j].lower_ in ("of", "for") and j + 1 < len(doc):
            k = j + 1 + (doc[j + 1].lower_ == "the")
            ent = next((e for e in doc.ents if e.start == k or (e.start == j + 1 and e.start <= k < e.end)), None)
            if ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "LOC"):
                country = self.lex.country(ent.text)
                org = self.lex.org(ent.text)
                if country is None and org is None and ent.label_ == "ORG":
                    org = {"name": ent.text, "country": self._country_in(ent)}
                j = ent.end
            elif ent is not None and ent.label_ == "TITLE" and self.lex.title(ent.text):   # "spokesman for the
                country = self.lex.title(ent.text).country                              # UN Secretary-General"
        return j, country, org, status

    def _from_title(self, span: Span, title: Title, definite_ok: bool = False) -> bool:
        """Record the office a title gives; False when it is a definite title ("the Egyptian president")
        to be resolved once every named holder is known."""
        doc = self.doc
        countries, org, statuses, deputy, definite = self._modifiers(span)
        j, of_country, of_org, tail_status = self._after(span)
        org = of_org or org
        country = of_country or (countries[-1] if countries else None)
        role = title.role
        if deputy and "deputy" not in title.title and "vice" not in title.title:
            role = "official"
        if title.needs_country and not (countries or of_country):
            return True   # "opposition leader", "party leader": only "Russian leader X" is a head of state
        if title.org or role == "intl_org_head":
            short = (org or {}).get("short")
            if short:
                country, role = short, "intl_org_head"
            elif org and org.get("country"):
                country, role = org["country"], "official"
            elif title.country:
                country = title.country
            else:
                return True
        elif org and not country:
            country = org.get("country") or org.get("short")
            if org.get("short") and not org.get("country"):
                role = role if role in ("spokesperson", "envoy", "ambassador") else "official"
        explicit = country is not None
        status = tail_status or (statuses[0] if statuses else None)
        person, verb_status, verb = self._holder(span, j)
        if person is None and definite and span.root.tag_ not in ("NNS", "NNPS"):
            if not definite_ok:
                return False
            person = self._definite_holder(span, role, country)
            if person is not None and role in HEADS:   # "the Japanese leader", known as prime minister
                role = next((s.role for s in self._offices_of(person) if s.role in HEADS and s.country == country),
                            role)
        if person is None:
            return True
        self.title_people.update(dict.fromkeys(range(span.start, span.end), person))
        if status not in ("designate", "former"):
            status = verb_status or status
        status = status or "holding"
        if country is None and id(person) in self.hints:
            country, explicit = self.hints[id(person)], True
        if country is None:   # "Prime Minister Jorge Lima of Peru"
            country = self._of_country_after(j)
            explicit = country is not None
        date = None
        if verb is not None and status in ("starts", "ends"):
            date = self._event_date(verb)
        elif status in ("starts", "ends"):   # "outgoing Defense Minister X": when the narrative is
            date = narrative_date(doc, span.sent)
        generic = fold(span.text) in ("secretary", "minister", "official", "president") and not explicit
        self.seen.append(Seen(person, role, country, status, evidence(doc, span.sent), date,
                              explicit, generic, title.country, self._owner(span)))
        return True

    def _owner(self, span: Span) -> Actor | None:
        """The person whose aide a title makes its holder: "Kuleba's first deputy"."""
        for i in range(span.start - 1, max(span.start - 4, 0) - 1, -1):
            tok = self.doc[i]
            if tok.tag_ == "POS" and i > 0:
                return self.actors.person_at(self.doc[i - 1])
            if tok.pos_ not in ("ADJ", "ADV"):
                return None
        return None

    def _of_country_after(self, j: int) -> str | None:
        """The country in "of X" right after the name that follows a title."""
        doc = self.doc
        k = j + 1 if j < len(doc) and doc[j].text == "," else j
        m = self.actors.by_token.get(k)
        if m is None or m.actor.kind != "person":
            return None
        end = m.end
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            return self.lex.country(doc[end + 1].text) if doc[end + 1].ent_type_ in ("GPE", "NORP") else None
        return None

    def _holder(self, span: Span, j: int) -> tuple[Actor | None, str | None, Token | None]:
        """The person a title belongs to, and the status and verb when an "as"/copula phrase says more."""
        doc, actors = self.doc, self.actors
        k = j + 1 if j < len(doc) and doc[j].text == "," else j
        while k + 1 < len(doc) and (fold(doc[k].text) in HONORIFICS or (   # "Secretary The Rt Hon X MP"
                doc[k].lower_ == "the" and fold(doc[k + 1].text) in HONORIFICS)):
            k += 1
        if k < len(doc):
            person = actors.person_at(doc[k])
            if person is not None and actors.by_token[k].start == k:
                return person, None, None
        root = span.root
        head = root.head
        if root.dep_ == "appos" and actors.person_at(head):
            return actors.person_at(head), None, None
        if root.dep_ == "poss" or (root.dep_ == "compound" and actors.person_at(head)):
            return None, None, None
        if root.dep_ in ("attr", "acomp") and head.lemma_ in ("be", "become", "remain"):
            subj = self._subject(head)
            if subj is not None:
                status = "starts" if head.lemma_ == "become" else (
                    "former" if head.tag_ == "VBD" and not any(c.dep_ == "aux" for c in head.children)
                    else None)
                return subj, status, head
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in OFFICE_NOUNS:
            post = head.head   # "removed X from the post of Commander-in-Chief", "remains in the post of"
            if post.dep_ == "pobj" and post.head.head.pos_ in ("VERB", "AUX"):
                return self._by_verb(post.head.head)
        if root.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
            return self._by_verb(head.head)
        return None, None, None

    def _by_verb(self, verb: Token) -> tuple[Actor | None, str | None, Token | None]:
        """Who a verb puts in or out of an office, and how: "named X as", "sworn in as", "resigned as"."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        person = next(filter(None, map(self._named, objs)), None) or self._subject(verb)
        lemma = verb.lemma_
        kids = {c.lower_ for c in verb.children}
        if lemma in DESIGNATE_VERBS or (lemma == "put" and "forward" in kids):
            status = "designate"
        elif lemma in START_VERBS or lemma == "move" or "over" in kids:
            status = "starts"
        elif lemma in END_VERBS:
            status = "ends"
        elif lemma in FORMER_VERBS and (verb.tag_ == "VBD" or kids & PAST_WORDS):
            status = "former"
        elif lemma in ("remain", "stay"):
            status = "holding"
        else:
            status = None
        if self._modal(verb):
            status = "designate" if status == "starts" else None
        return person, status, verb

    def _subject(self, verb: Token) -> Actor | None:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "that", "which"):
                if c.lower_ in PERSON_PRONOUNS:
                    return self.actors.previous_person(c.i)
                return self.actors.person_at(c) or self.title_people.get(c.i)   # "The lawmaker succeeded X"
        if verb.dep_ in ("relcl", "acl") and self.actors.person_at(verb.head):   # "X, who took up her post"
            return self.actors.person_at(verb.head)
        if verb.dep_ == "xcomp":   # "named X to replace him": X does the replacing
            obj = next((self._named(c) for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            return self._subject(verb.head)
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):   # "held a call since taking office"
            return self._subject(verb.head.head)
        return None

    def _modal(self, verb: Token) -> bool:
        modal = self.lex.modal_words
        if any(c.dep_ == "aux" and c.lemma_ in modal for c in verb.children):
            return True
        return verb.dep_ == "xcomp" and verb.head.lemma_ in modal

    def _definite_holder(self, span: Span, role: str, country: str | None) -> Actor | None:
        """"the Iranian president", "the emir of Qatar": the known holder, else the person just named."""
        if country is None:
            return None
        known = [s for s in self.seen if s.role == role and s.country == country and s.explicit_country] or [
            s for s in self.seen if role in HEADS and s.role in HEADS and s.country == country
            and s.explicit_country]   # "the Japanese leader": the prime minister when no head of state is named
        if not known:   # "President Trump" said bare, and the one such: "the US President" is him
            elsewhere = {s.person.key for s in self.seen if s.explicit_country and s.country != country}
            bare = {s.person.key: s for s in self.seen if s.role == role and s.country is None
                    and s.person.key not in elsewhere}
            known = list(bare.values()) if len(bare) == 1 else []
        before = [s for s in known if s.evidence.start <= span.start_char]
        if before or known:   # the nearest holder named before, else the first named after
            return max(before, key=lambda s: s.evidence.start).person if before else \
                min(known, key=lambda s: s.evidence.start).person
        held = {s.person.key for s in self.seen}
        prev = self.actors.previous_person(span.start)
        if prev is not None and prev.key not in held and any(m < span.start for m in prev.mentions):
            return prev
        return None

    # -- verbs of taking and leaving office ----------------------------------
    def _from_verbs(self) -> None:
        for tok in self.actors.tokens:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and not self._modal(tok):
                objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
                subj = self._subject(tok)
                prts = {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod", "prep")}
                takes_office = any(o.lemma_ in OFFICE_NOUNS for o in objs) or (lemma == "swear" and "in" in prts)
                if lemma in ("take", "assume") and takes_office and subj or lemma == "swear" and "in" in prts and subj:
                    self._extend(subj, "starts", tok)
                elif lemma in ("resign", "quit") or (lemma == "step" and "down" in prts):
                    if subj:
                        self._extend(subj, "ends", tok)
                elif lemma == "take" and "over" in prts and subj:   # "X took over from Y as defense minister"
                    for c in tok.children:
                        if c.dep_ == "prep" and c.lower_ == "from":
                            for target in filter(None, map(self._named, c.children)):
                                self._extend(target, "ends", tok, then=subj)
                elif lemma in ("replace", "dismiss", "fire", "sack", "oust", "remove", "succeed"):
                    replaced = list(filter(None, map(self._named, objs)))
                    successor = self._successor(tok, subj) if lemma in ("replace", "succeed") else None
                    for target in replaced:   # the one replaced held what the successor now holds
                        self._extend(target, "ends", tok, then=successor)
                    first = replaced[0] if replaced else None
                    if lemma in ("replace", "succeed") and subj and tok.tag_ != "VBG" and (first or not objs):
                        self._extend(subj, "starts", tok, first=first)
                    elif lemma == "replace" and self._successor(tok, None):   # "replacing X with Y"
                        self._extend(self._successor(tok, None), "starts", tok, first=first)
            elif tok.pos_ == "NOUN" and lemma in ("resignation", "dismissal", "ouster", "removal"):
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for p in c.children:
                            target = self._named(p)
                            if target:
                                self._extend(target, "ends", tok, first=self._predecessor_of(p))

    def _predecessor_of(self, tok: Token) -> Actor | None:
        """"her predecessor, X": the one whose office X held."""
        if tok.lemma_.lower() not in ("predecessor", "successor"):
            return None
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS:   # "X was sworn in ..., after Y accepted the
                root = tok.sent.root                                # resignation of her predecessor": X's
                subj = self._subject(root) if root.pos_ in ("VERB", "AUX") else None
                return subj or self.actors.previous_person(c.i)
            if c.dep_ == "poss":
                return self.actors.person_at(c)
        return None

    def _named(self, tok: Token) -> Actor | None:
        """The person a word names, itself or through an apposition ("his predecessor, X")."""
        return self.actors.person_at(tok) or self.actors.appositive(tok)

    def _extend(self, person: Actor, status: str, verb: Token, first: Actor | None = None,
                then: Actor | None = None) -> None:
        """Record ``status`` for an office known in this article, one that successor and predecessor
        share: ``first``'s if given, else ``person``'s own current one, else ``then``'s (not a head of
        state's: "the president replaced X" does not make X a president)."""
        offices = (self._offices_of(first) if first else []) or [
            s for s in self._offices_of(person) if s.status not in ("designate", "former")] or [
            s for s in (self._offices_of(then) if then else []) if s.role not in HEADS]
        main = [s for s in offices if s.role != "official"] or offices
        if not main:
            return
        base = main[0]
        if _in_progress(verb):   # "the president is replacing X with Y": under way, not yet done
            status, date = ("designate" if status == "starts" else status), None
        else:
            date = self._event_date(verb) or narrative_date(self.doc, verb.sent, lookback=2)
        self.seen.append(Seen(person, base.role, base.country, status, evidence(self.doc, verb.sent),
                              date, base.explicit_country))

    def _event_date(self, verb: Token) -> TimeValue | None:
        """The date of taking or leaving office: its own, else for a present perfect the lead's day."""
        date = date_of(self.doc, verb)
        if date is None and present_perfect(verb):
            date = lead_date(self.doc, verb.sent)
        return date

    def _successor(self, verb: Token, subj: Actor | None) -> Actor | None:
        """Who takes over: "replacing X with Y" names Y, "Y replaced X" the subject."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                named = next(filter(None, (self._named(g) for g in c.children if g.dep_ == "pobj")), None)
                if named is not None:
                    return named
        return subj

    def _offices_of(self, person: Actor) -> list[Seen]:
        return [s for s in self.seen if s.person is person and not s.generic]

    # -- countries left unsaid ---------------------------------------------
    def _fill_countries(self) -> None:
        """A title without a country takes the person's country stated elsewhere in the article, else
        the article's home country (see ``_home``), else its main country, not already holding that
        office here."""
        known = {}
        for s in self.seen:
            if s.country and s.explicit_country:
                known.setdefault(s.person.key, s.country)
        home = self._home(known)
        for s in self.seen:
            if s.country is None:
                s.country = known.get(s.person.key) or (known.get(s.owner.key) if s.owner else None)
            if s.country is None:
                taken = self._taken(s)
                if s.default_country and s.default_country not in taken:
                    s.country = s.default_country
                elif home and home not in taken:
                    s.country = home
                else:
                    s.country = self.actors.main_country(exclude=taken)

    def _taken(self, s: Seen) -> set[str]:
        """Countries where someone else is said to hold this one-holder office now."""
        if s.role not in SINGLE_HOLDER or s.status not in CURRENT:
            return set()
        return {o.country for o in self.seen if o.role == s.role and o.person is not s.person
                and o.status in CURRENT and o.explicit_country}

    def _home(self, known: dict[str, str]) -> str | None:
        """The country whose officials the article names without saying whose: news qualifies foreign
        officials ("Egyptian Foreign Minister X") and not its own. Each person named with a bare title
        votes for the country known for them elsewhere in the article, else for the title's own
        ("Secretary of State X": USA); a dateline votes too. No home on a tie."""
        votes: Counter[str] = Counter()
        voters = set()
        for s in sorted(self.seen, key=lambda s: s.evidence.start):   # a person's first title decides
            if s.person.key in voters or s.generic:
                continue
            voters.add(s.person.key)
            if s.explicit_country:
                continue
            code = known.get(s.person.key)
            if code is None and s.default_country and len(s.default_country) == 3 \
                    and s.default_country not in self._taken(s):
                code = s.default_country
            if code:
                votes[code] += 1
        dateline = self.actors.dateline_country
        if dateline:
            votes[dateline] += 1
        if not votes:
            return None
        (best, n), *rest = votes.most_common(2) + [(None, 0)]
        return best if n > rest[0][1] else None


def _in_progress(verb: Token) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children)


def rank(s: Seen | OfficeObservation) -> tuple:
    """Most telling status first, then a dated observation, then the narrowest date."""
    width = (s.date.latest - s.date.earliest).days if s.date is not None else 0
    return STATUS_RANK[s.status], s.date is None, width


def merge(seen: list[Seen]) -> list[Seen]:
    """One observation per person and office: the most telling status, with its date."""
    best: dict[tuple[str, str, str], Seen] = {}
    for s in seen:
        if s.country is None:
            continue
        key = (s.person.key, s.role, s.country)
        cur = best.get(key)
        if cur is None or rank(s) < rank(cur):
            best[key] = s
    people_roles: dict[str, set[str]] = {}
    stated = set()   # (person, role) whose country the article states
    for s in best.values():
        people_roles.setdefault(s.person.key, set()).add(s.role)
        if s.explicit_country:
            stated.add((s.person.key, s.role))
    return [s for s in best.values()
            if not (s.generic and len(people_roles[s.person.key]) > 1)
            and (s.explicit_country or (s.person.key, s.role) not in stated)]   # no second, guessed country


def to_observations(seen: list[Seen]) -> list[OfficeObservation]:
    return [OfficeObservation(s.person.name, s.role, s.country, s.status, s.evidence, s.date,
                              not (s.explicit_country or s.country == s.default_country))
            for s in merge(seen)]
