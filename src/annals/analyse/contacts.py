"""Contacts: calls, meetings, visits and letters between named parties that the text reports as done.

A trigger word from the lexicon (verb or noun) gathers its parties from the
dependency parse: subject, object, "with/to/between/from" phrases, the verb a
noun depends on ("held a call with"), possessives ("their call"), pronouns and
"his counterpart". Planned, hoped-for, denied and habitual events are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as date_cls
from datetime import timedelta

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon, fold
from ..models import ContactObservation, Evidence, TimeValue
from .actors import PERSON_PRONOUNS, PLURAL_REFS, Actor, Actors, is_counterpart
from .context import date_of, evidence, lead_date, narrative_date
from .quotes import QuoteReader, first_person

PARTY_PREPS = {"with", "to", "between", "from", "among", "and"}
NEGATIONS = {"not", "never", "n't", "no"}
HABITUAL = {"frequent", "regular", "several", "many", "numerous", "multiple", "various", "occasional",
            "repeated", "countless", "routine"}
RELAY_VERBS = {"pass", "convey", "relay", "deliver", "carry", "repeat", "reiterate", "echo", "forward"}
CALL_WORDS = {"phone", "telephone", "video", "virtual", "videoconference", "telephonic"}
LIST_STOPS = {"about", "on", "regarding", "over", "concerning", "after", "before", "during", "following",
              "amid", "for", "in", "at", "ahead", "since"}
HOSTING = {"welcome", "receive", "host"}
GENERIC = {"conversation", "contact"}   # "their conversation" can be a call or a meeting already told
HEAD_NOUNS = {"head", "leader", "chief", "chairman", "chairwoman", "chairperson"}
NP_DEPS = {"compound", "appos", "nmod", "amod", "flat", "npadvmod", "nummod", "poss"}
DEICTIC = ("today", "tonight", "yesterday", "tomorrow", "this week", "this morning", "this evening")


@dataclass
class Found:
    kind: str
    parties: list[Actor]
    trigger: Token
    date: TimeValue | None
    evidence: Evidence
    place: str | None = None
    inferred: bool = False   # the date comes from the story around it, not from the event's own words


class ContactReader:
    def __init__(self, doc: Doc, actors: Actors, lex: Lexicon, quotes: QuoteReader,
                 title_people: dict[int, Actor], offices: list):
        self.doc, self.actors, self.lex, self.quotes = doc, actors, lex, quotes
        self.title_people = title_people
        self.offices = offices
        self.published = date_cls.fromisoformat(doc._.published)
        self.found: list[Found] = []

    def read(self) -> list[Found]:
        words = self.lex.contact_words
        for tok in self.actors.tokens:
            rec = self._trigger(tok, words)
            if rec is None or self._unreal(tok):
                continue
            side_a, side_b, place = self._parties(tok)
            if len(_known(side_a)) == 1 and not _known(side_b) and not _plural_ref(tok):   # "went to the Pentagon
                side_b = [self._counterpart_near(_known(side_a)[0], tok)]   # for talks" ... "his opposite number, X"
            kind = self._kind(tok, rec["kind"])
            if kind != "meeting" and _known(side_b):   # "spoke with A, with B and with C", however parsed
                side_b = side_b + [p for p in self._listed_after(tok) if p not in side_a]
            date, inferred = self._date(tok)
            if date is not None and date.earliest > self.published:
                continue   # "next week's meeting": not yet held
            groups = self._groups(kind, _known(side_a), _known(side_b), tok)
            if not groups and date is not None and self._refers_back(tok):
                self._date_earlier(kind, date)   # "The meeting took place on Tuesday, 13 December"
            for group in groups:
                self.found.append(Found(kind, group, tok, date, evidence(self.doc, tok.sent), place, inferred))
        found = self._delegations_by_their_heads(self._without_visits_told_twice())
        self._add_companions(found)
        return found

    def _add_companions(self, found: list[Found]) -> None:
        """"Accompanying X were A, B and C", "X was accompanied by A and B": they took part in the meeting of
        X's told last before (and in its other tellings)."""
        for tok in self.actors.tokens:
            if tok.lemma_.lower() != "accompany" or tok.pos_ not in ("VERB", "AUX"):
                continue
            whom = next(filter(None, (self.actors.person_at(c) for c in tok.children
                                      if c.dep_ in ("dobj", "nsubjpass"))), None)
            if whom is None:
                continue
            last = next((f for f in reversed(found) if f.kind == "meeting" and whom in f.parties
                         and f.trigger.i < tok.i), None)
            for meeting in (f for f in found if last is not None and f.kind == "meeting" and whom in f.parties
                            and f.trigger.i < tok.i and _compatible(f.date, last.date)):   # its other tellings too
                meeting.parties += [p for p in self.actors.people_in(tok.sent) if p not in meeting.parties]

    def _delegations_by_their_heads(self, found: list[Found]) -> list[Found]:
        """At talks between countries, a country whose delegation the article says someone headed is that
        person ("X, who headed the Russian delegation"; "the Russian delegation, led by X")."""
        heads: dict[str, Actor] = {}
        for tok in self.actors.tokens:
            if tok.lemma_.lower() != "delegation":
                continue
            codes = [self.lex.country(c.text) for c in tok.children if c.dep_ in ("amod", "compound", "poss")]
            code = next(filter(None, codes), None)
            verb = tok.head if tok.dep_ == "dobj" else next(
                (c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("head", "lead")), None)
            if code is None or verb is None or verb.lemma_.lower() not in ("head", "lead"):
                continue
            if tok.dep_ == "dobj":   # "X, who headed the delegation" / "X headed the delegation"
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                person = self.actors.person_at(verb.head) if subj is not None and subj.lower_ in ("who", "that") \
                    else (self.actors.person_at(subj) if subj is not None else None)
            else:                    # "the delegation, led by X"
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                person = next((self.actors.person_at(g) for g in agent.children if g.dep_ == "pobj"), None) \
                    if agent is not None else None
            if person is not None:
                heads.setdefault(code, person)
        for f in found:
            if f.kind == "meeting":
                f.parties = [heads[p.country] if p.kind == "country" and p.country in heads
                             and heads[p.country] not in f.parties else p for p in f.parties]
        return found

    def _without_visits_told_twice(self) -> list[Found]:
        """A visit to a country is no contact of its own when the visitor is from there, or met someone
        from there at that time ("Cohen cut short his visit to India" beside his talks with India's
        minister): the meeting is the contact."""
        home: dict[str, set[str]] = {}
        for s in self.offices:
            if s.country:
                home.setdefault(s.person.key, set()).add(s.country)

        def told_twice(f: Found) -> bool:
            places = [p for p in f.parties if p.kind == "country"]
            people = [p for p in f.parties if p.kind == "person"]
            if f.kind != "meeting" or len(places) != 1 or len(people) != 1:
                return False
            code, visitor = places[0].country, people[0]
            return code in home.get(visitor.key, ()) or any(
                g is not f and g.kind == "meeting" and visitor in g.parties and _compatible(f.date, g.date)
                and any(code in home.get(o.key, ()) for o in g.parties if o is not visitor)
                for g in self.found)

        return [f for f in self.found if not told_twice(f)]

    def _groups(self, kind: str, side_a: list[Actor], side_b: list[Actor], tok: Token) -> list[list[Actor]]:
        """Calls and letters are one-to-one ("X spoke with A, B and C" is three calls); a meeting is
        one gathering of everyone named."""
        if kind != "meeting" and side_a and side_b:
            return [[a, b] for a in side_a for b in side_b if a is not b]
        if not side_b and any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in tok.children):
            return []   # "A, B and C spoke with X", X unknown: A, B and C did not speak with each other
        group = _known(side_a + side_b)
        return [group] if len(group) >= 2 else []

    # -- triggers ---------------------------------------------------------
    def _trigger(self, tok: Token, words: dict) -> dict | None:
        lemma = tok.lemma_.lower()
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
        if pos == "PROPN":
            pos = "NOUN"
        rec = words.get((lemma, pos))
        if rec is None:
            return None
        if pos == "NOUN" and tok.dep_ == "compound" and tok.head.lemma_.lower() in self.lex.contact_lemmas:
            return None   # "phone" in "phone call": the head noun is the trigger
        if rec.get("needs") and not any(g.lower_ == rec["needs"] for c in tok.children
                                        for g in (c, *c.children)):
            return None   # "stood by my side", "handed over to"
        if lemma in ("speak", "talk") and pos == "VERB" and (tok.dep_ == "relcl" or not (any(
                (c.dep_ in ("prep", "agent") and c.lower_ in ("with", "to", "by", "over"))
                or c.lemma_.lower() in CALL_WORDS
                for c in tok.children) or (len(_known(self._subjects(tok))) >= 2 and not self._plural_subject(tok)))):
            return None   # "in which they talked about trade" describes talks, it is not one
        if pos == "NOUN" and lemma in ("call", "message") and (
                any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
                or tok.head.lemma_.lower() in RELAY_VERBS):
            return None   # "a call for a ceasefire", "passed a message from X"
        if lemma == "call" and pos == "VERB" and any(
                (c.dep_ in ("prt", "prep") and c.lower_ in ("for", "on", "off", "up", "upon", "out"))
                or c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
            return None   # "called for", "called it a ..."
        if pos == "NOUN" and tok.tag_ in ("NNS", "NNPS") and any(
                c.lower_ in HABITUAL for c in tok.children):
            return None
        return rec

    def _unreal(self, tok: Token) -> bool:
        """Planned, hoped, hypothetical, denied or habitual, judged on the trigger and the verbs above it."""
        modal = self.lex.modal_words
        node, hops, via = tok, 0, ""
        while hops < 4:
            kids = list(node.children)
            if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in kids):
                return True
            if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in modal for c in kids):
                return True
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
                return True
            if node.pos_ == "NOUN" and any(c.lower_ in modal for c in kids if c.dep_ in ("amod", "compound")):
                return True
            if node.i != tok.i and via != "prep" and (node.lemma_.lower() in modal or node.lower_ in modal):
                return True   # "agreed to meet" (complement), not "agreed in a call" (where it happened)
            if node.dep_ in ("xcomp", "ccomp", "advcl", "acl", "pcomp", "dobj", "pobj", "prep", "nsubjpass",
                             "nsubj", "attr", "compound", "relcl") and node.head.i != node.i:
                if node.dep_ in ("ccomp", "relcl", "nsubj") and node.head.lemma_.lower() not in modal \
                        and node.head.lower_ not in modal:
                    return False
                via = node.dep_
                node = node.head
                hops += 1
                continue
            break
        return False

    def _kind(self, tok: Token, kind: str) -> str:
        around = {c.lemma_.lower() for c in tok.subtree} | {c.lemma_.lower() for c in tok.children}
        if tok.head.i != tok.i:
            around |= {c.lemma_.lower() for c in tok.head.children}
        if kind == "meeting" and around & CALL_WORDS:
            return "call"
        if kind == "call" and tok.pos_ == "VERB" and around & {"meeting", "talks", "summit"}:
            return "meeting"   # "talked ... in a meeting"
        if kind == "call" and tok.lemma_.lower() in ("speak", "talk") and around & {"meet", "visit", "person"}:
            return "meeting"
        if kind in ("call", "meeting") and tok.lemma_.lower() in ("message", "letter"):
            return "letter"
        return kind

    @staticmethod
    def _refers_back(tok: Token) -> bool:
        return tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in tok.children)

    def _date_earlier(self, kind: str, date: TimeValue) -> None:
        for f in reversed(self.found):
            if f.kind == kind and (f.date is None or f.date.precision == "range"):
                f.date = date
                return

    def _date(self, tok: Token) -> tuple[TimeValue | None, bool]:
        """The event's date and whether it was inferred (from tense or the story) rather than read."""
        in_quote = self.quotes.inside(tok) is not None
        date = date_of(self.doc, tok)
        if date is not None and in_quote:
            for tx in self.doc._.timexes or []:
                if tx["text"].lower() in DEICTIC and tok.sent.start <= tx["token_start"] < tok.sent.end:
                    return None, False   # "today" inside a quotation is the speaker's day, not the article's
        if date is not None or in_quote:
            return date, False
        if self._present_perfect(tok):
            day_before = self.published - timedelta(days=1)   # "has held talks": just now
            return TimeValue(f"{day_before}/{self.published}", "DATE", day_before, self.published, "range"), True
        date = narrative_date(self.doc, tok.sent, lookback=2)
        if date is None and tok.sent.start in (0, self.doc._.lead):   # a headline ("X and Y speak") or the
            # first sentence after a dateline: the day the next sentences give
            date = lead_date(self.doc, tok.sent)
        if date is None and DURING_VISIT.match(tok.sent.text):   # "While in the country, she also met X":
            date = next((f.date for f in reversed(self.found) if f.trigger.lemma_.lower() == "visit"), None)
        return date, date is not None

    @staticmethod
    def _present_perfect(tok: Token) -> bool:
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)

    # -- parties ----------------------------------------------------------
    def _parties(self, tok: Token) -> tuple[list[Actor | None], list[Actor | None], str | None]:
        """The two sides of an event word: who did it, and with whom."""
        if tok.pos_ not in ("VERB", "AUX"):
            side_a, side_b = self._noun_parties(tok)
        else:
            side_a, side_b = self._subjects(tok), []
            for c in tok.children:
                if c.dep_ in ("dobj", "attr"):
                    actor = self._party(c)
                    if actor is None and c.lemma_.lower() in self.lex.contact_lemmas:
                        return [], [], None   # "received a call": the noun is the trigger
                    side_b += self._with_conj(c, actor)
                elif c.dep_ == "prep" and c.lower_ in ("by", "at", "beside"):   # "stood by my side"
                    side_b += [self._party(p) for g in c.children if g.lower_ == "side"
                               for p in g.children if p.dep_ == "poss"]
                elif not (c.lower_ == "to" and tok.lemma_.lower() in HOSTING):   # "welcomed X to the IMF": a place
                    side_b += self._objects(c)
            if not _known(side_b):   # "met with the Fund's director X to talk...", misparsed: who is named after "with"
                side_b += [self._first_person(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"]
        if tok.lemma_.lower() in ("speak", "talk") and tok.pos_ == "VERB":   # "spoke to the Forum": a speech
            side_b = [p for p in side_b if p is None or p.kind == "person"]
        elif tok.lemma_.lower() in ("host", "receive", "welcome", "visit", "meet"):   # not "hosted a summit"
            side_b = [p for p in side_b if p is None or p.kind != "org" or p.country]
        place = None
        if len(_known(side_a + side_b)) == 1 and tok.lemma_.lower() == "visit" and tok.pos_ == "VERB":
            loc = self._visit_place(tok)
            if loc is not None:
                side_b.append(loc)
                place = loc.name
        return side_a, side_b, place

    def _countries_before(self, tok: Token) -> list[Actor]:
        """Countries named in the words before an event noun: "Ukraine-Russia talks", "Russo-Ukrainian talks"."""
        out: list[Actor] = []
        for t in self.doc[tok.left_edge.i:tok.i]:
            code = self.lex.country(t.text)
            if code:
                actor = self.actors.country(code, t.text if t.ent_type_ == "GPE" else None)
                if actor not in out:
                    out.append(actor)
        return out if len(out) >= 2 else []

    def _objects(self, c: Token) -> list[Actor | None]:
        """Parties in a "with/to/between/from X" phrase, an indirect object or a passive agent."""
        if c.dep_ == "prep" and c.lower_ == "between" and any(_plural_ref(g) for g in c.children):
            return self._plural(c)
        if c.dep_ in ("prep", "dative") and c.lower_ in PARTY_PREPS:
            return [p for g in c.children if g.dep_ == "pobj" for p in self._with_conj(g, self._party(g))]
        if c.dep_ == "dative":
            return self._with_conj(c, self._party(c))
        if c.dep_ == "agent":
            return [self._party(g) for g in c.children if g.dep_ == "pobj"]
        return []

    def _noun_parties(self, tok: Token) -> tuple[list[Actor | None], list[Actor | None]]:
        side_a: list[Actor | None] = []
        side_b: list[Actor | None] = list(self._countries_before(tok))   # "the Ukraine-Russia talks"
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ in PLURAL_REFS:   # "their final call": the people around it
                side_a += self.actors.people_in(tok.sent)[:2] or self._plural(c)
            elif c.dep_ == "poss":
                side_a += self._with_conj(c, self._party(c))
            elif c.dep_ == "relcl" and c.lemma_.lower() in ("hold", "have", "conduct"):
                side_a += self._subjects(c)   # "the call she had held on 3 June with X"
                side_b += [p for g in c.children for p in self._objects(g)]
            else:
                side_b += self._objects(c)
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            side_a = self._subjects(head) + side_a
            for c in head.children:
                side_b += self._objects(c)
        elif (tok.dep_ == "pobj" and head.dep_ in ("prep", "agent")   # ("spoke by telephone" parsed as agent)
              and (head.lower_ in ("in", "during", "through", "via", "by")
                   or (head.lower_ == "for" and head.head.lemma_.lower() in TRAVEL   # "went there for talks"
                       and not any(c.lower_ in ("over", "through") for c in head.head.children)))   # not "went over"
              and head.head.pos_ in ("VERB", "AUX")):   # "Speaking in a phone call with X, Y said"
            side_a = self._subjects(head.head) + side_a
        return side_a, side_b

    @staticmethod
    def _plural_subject(verb: Token) -> bool:
        """"the two leaders talked about..." goes back to a contact already told, it is not a new one."""
        return any(c.dep_ == "nsubj" and _plural_ref(c) for c in verb.children)

    def _subjects(self, verb: Token) -> list[Actor | None]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(c.lower_ not in ("who", "which", "that") for c in subjects):
            out: list[Actor | None] = []
            for c in subjects:   # "X, and Y held a call" is at times parsed as two subjects
                if _plural_ref(c):
                    return self._plural(c)
                parties = self._with_conj(c, self._party(c))
                if not any(p is not None and p.kind == "person" for p in parties):
                    named = self._person_between(c, verb)   # "Beijing, Oct. 4 (Jiji)--President Xi sent"
                    parties = [named] if named else parties
                out += parties
            return out
        if subjects:
            return self._with_conj(verb.head, self._party(verb.head))
        if verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.head.i != verb.i:
            if verb.dep_ == "acl" and self._party(verb.head):
                return [self._party(verb.head)]
            return self._subjects(verb.head)
        return []

    def _with_conj(self, tok: Token, actor: Actor | None) -> list[Actor | None]:
        out = [actor]
        for c in tok.children:
            if c.dep_ == "conj":
                out += self._with_conj(c, self._party(c))
            elif c.dep_ == "appos":   # "Secretary Ana Ruiz, Jr. and ... Luis Vega met"
                out += [p for p in self._with_conj(c, self._party(c))
                        if p is not actor and (actor is None or (p is not None and p.kind == "person"))]
        return out

    def _plural(self, tok: Token) -> list[Actor | None]:
        """"the two", "both leaders", "their": the last two people named, or the last contact's parties."""
        if self.found and self.found[-1].trigger.sent.start >= tok.sent.start - 200:
            return list(self.found[-1].parties)
        seen: list[Actor] = []
        for m in reversed(self.actors.mentions):
            if m.start < tok.i and m.actor.kind == "person" and m.actor not in seen:
                seen.append(m.actor)
            if len(seen) == 2:
                break
        return list(seen)

    def _party(self, tok: Token) -> Actor | None:
        actors = self.actors
        if _plural_ref(tok) and tok.dep_ == "pobj":   # "a call between the two defense chiefs"
            return None
        person = actors.person_at(tok)
        if person is not None:
            return person
        fp = first_person(tok, self.quotes)
        if fp is not None:
            return fp
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            q = self.quotes.inside(tok)
            return actors.previous_person(tok.i) if q is None else (q.speaker or actors.previous_person(tok.i))
        if low in PLURAL_REFS:
            return None
        inner = self._person_in_phrase(tok)
        if inner is not None and tok.lemma_.lower() in HEAD_NOUNS:   # "the head of X's party, Y"
            return inner
        if tok.i in self.title_people:
            return self.title_people[tok.i]
        if is_counterpart(tok):
            return self._counterpart(tok)
        if actors.appositive(tok) is not None:   # "the presidents of Chile, Ana Ruiz"
            return actors.appositive(tok)
        if tok.lemma_.lower() in ("predecessor", "successor"):   # "Vega's predecessor" is not Vega
            return actors.named_after(tok)
        found = inner or self._titled_person_after(tok) or actors.at(tok)
        if found is None and tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.dep_ == "pobj":
            found = actors.named_after(tok)   # "with the Chief Executive Officer of AUDA-NEPAD, Dr X"
        if found is None and tok.dep_ in ("nsubj", "nsubjpass"):
            found = actors.name_at(tok)
        if found is not None and found.kind == "org" and fold(found.name) in self.lex.media:
            return None   # "(Bloomberg) -- X and Y talked": the outlet only reports it
        return found

    def _titled_person_after(self, tok: Token) -> Actor | None:
        """"from Peru Prime Minister Luis A. Vega" misparsed: the country word is followed by a
        title and a name; the name is the party."""
        doc, i = self.doc, tok.i + 1
        if self.actors.at(tok) is None:
            return None
        while i < len(doc) and doc[i].ent_type_ in ("TITLE", "NORP", "GPE") and i - tok.i < 6:
            i += 1
        if i > tok.i + 1 and i < len(doc) and doc[i - 1].ent_type_ == "TITLE":
            return self.actors.person_at(doc[i])
        return None

    def _person_in_phrase(self, tok: Token) -> Actor | None:
        """A name inside the noun phrase a word heads ("Peru Prime Minister Luis A. Vega")."""
        stack = [c for c in tok.children if c.dep_ in NP_DEPS]
        if tok.lemma_.lower() in HEAD_NOUNS:   # "the head of Vietnam's ruling party Nguyen Phu Trong"
            stack = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children] + stack
        while stack:
            c = stack.pop(0)
            person = self.actors.person_at(c)
            if person is not None:
                return person
            stack += [g for g in c.children if g.dep_ in NP_DEPS]
        return None

    def _counterpart_near(self, person: Actor, tok: Token, sentences: int = 2) -> Actor | None:
        """The one named as ``person``'s counterpart ("his opposite number, X") in the event's sentence or the
        next few."""
        end = tok.sent.end
        for _ in range(sentences):
            end = self.doc[end].sent.end if end < len(self.doc) else end
        for t in self.doc[tok.sent.start:end]:
            if is_counterpart(t) and self.actors.owner(t) is person:
                return self.actors.named_after(t)
        return None

    def _first_person(self, prep: Token) -> Actor | None:
        """The first person named in a preposition's phrase."""
        return next(filter(None, (self.actors.person_at(t) for t in prep.subtree if t.i > prep.i)), None)

    def _listed_after(self, tok: Token) -> list[Actor]:
        """People named after an event word up to the end of its clause (a verb or an "about"-like word)."""
        out: list[Actor] = []
        for t in self.doc[tok.i + 1:tok.sent.end]:
            if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADP" and t.lower_ in LIST_STOPS) or t.text == ";":
                break
            person = self.actors.person_at(t)
            mention = self.actors.by_token.get(t.i)
            if mention is not None and mention.end < len(self.doc) and self.doc[mention.end].tag_ == "POS":
                continue   # "to Kishida's predecessor, Suga": the predecessor, not Kishida
            if person is not None and person not in out:
                out.append(person)
        return out

    def _person_between(self, subj: Token, verb: Token) -> Actor | None:
        people = [self.actors.person_at(t) for t in self.doc[subj.i + 1:verb.i] if t.ent_type_ == "PERSON"]
        people = [p for p in people if p is not None]
        return people[-1] if people else None

    def _counterpart(self, tok: Token) -> Actor | None:
        named = self.actors.named_after(tok)
        if named is not None:
            return named
        countries = [self.lex.country(c.text) for c in tok.children if self.lex.country(c.text)]
        for o in self.offices:
            if countries and o.country == countries[0] and o.person is not None:
                return o.person
        return None

    def _visit_place(self, tok: Token) -> Actor | None:
        kids = list(tok.children)
        for c in kids + [g for k in kids if k.dep_ == "prep" for g in k.children]:
            actor = self.actors.at(c)
            if actor is not None and actor.kind == "country":
                return actor
        return None


def _plural_ref(tok: Token) -> bool:
    """"they", "both", "the two leaders", "the two sides": people already named."""
    return tok.lower_ in PLURAL_REFS or (tok.tag_ in ("NNS", "NNPS") and any(
        c.lower_ in ("two", "both", "three") for c in tok.children))


TRAVEL = {"go", "come", "travel", "fly", "head", "arrive", "return"}
DURING_VISIT = re.compile(r"(?i)\s*(while (in|there)\b|during (his|her|their|the) (visit|stay|trip|tour)\b)")


def _known(parties: list[Actor | None]) -> list[Actor]:
    return list(dict.fromkeys(p for p in parties if p is not None))


def merge(found: list[Found]) -> list[Found]:
    """One entry per interaction: same parties and kind, dates compatible (or unknown)."""
    out: list[Found] = []
    keys: list[frozenset[str]] = []
    for f in found:
        key = _key(f)
        for g, g_key in zip(out, keys, strict=True):
            if g_key != key or not (g.kind == f.kind or GENERIC & {f.trigger.lemma_.lower(),
                                                                   g.trigger.lemma_.lower()}):
                continue
            if g.inferred or f.inferred or _compatible(g.date, f.date):
                if _better(f, g):
                    g.date, g.inferred = f.date, f.inferred
                if g.trigger.lemma_.lower() in GENERIC:   # the word that names the kind wins
                    g.kind, g.trigger = f.kind, f.trigger
                break
        else:
            out.append(f)
            keys.append(key)
    return [f for f in out if not any(_part_of(f, g) for g in out)]


def _part_of(f: Found, g: Found) -> bool:
    """Is ``f`` a partial account of ``g``: same kind and time, some of its participants ("Ruto met
    Whitman" beside "Ruto met Whitman and Coons")?"""
    return f is not g and f.kind == g.kind and _key(f) < _key(g) and _compatible(f.date, g.date)


def _key(f: Found) -> frozenset[str]:
    """Who took part, as comparable keys."""
    return frozenset(p.key + p.kind for p in f.parties)


def _better(f: Found, g: Found) -> bool:
    """Is ``f``'s date the better account of one interaction: read rather than inferred, then narrower."""
    if f.date is None:
        return False
    if g.date is None or g.inferred != f.inferred:
        return g.date is None or g.inferred
    return _width(f.date) < _width(g.date)


def _compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None:
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def _width(tv: TimeValue) -> int:
    return (tv.latest - tv.earliest).days


def to_observations(found: list[Found]) -> list[ContactObservation]:
    return [ContactObservation(f.kind, tuple(p.name for p in f.parties), f.evidence, f.date, f.place)
            for f in merge(found)]
