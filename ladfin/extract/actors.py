"""Reads who announces each figure: the names a sentence holds, and which of them acts.

A name is a country, a government agency or an organisation (data/reference:
countries, country_aliases, actors, demonyms with institution_nouns); a name a
preposition, dateline, label or receiver governs is a place, not an announcer.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import NamedTuple

from ladfin.core.cells import join_values, split_values
from ladfin.extract.layout import Layout
from ladfin.reference.patterns import alternation
from ladfin.reference.vocabulary import Vocabulary, fold


HOME = "*"  # actors.csv code of a national government that names no country: the document's own
_WORD = re.compile(r"\w")
_ABBREVIATION_GAP = re.compile(r"\s*\(\s*")  # between a name and its abbreviation in brackets
# between an agency's name and the country that owns it: " (INM) de ", " de la ", " of "
_ABBREVIATION = re.compile(r"\s*\(\s*([^()\s]{2,15})\s*\)")  # "(INM)" right after a name
_OWNER_GAP = re.compile(r"(?:\s*\([^()]{1,15}\))?\s+(?P<of>\w+)\s+")
_JOINED = re.compile(r"[-–]")  # between two names that make one: "the Mexico-U.S. border"
_DATELINE = re.compile(r"(?<![\w.])([A-Z][A-Z.]{2,}(?: [A-Z][A-Z.]{2,})*),\s+$")  # "BRIDGETOWN, " before a name


class _Name(NamedTuple):
    start: int
    end: int
    code: str       # ISO alpha-3 or an organisation's short name
    alias: str      # as written, white space folded
    is_place: bool   # governed by a preposition, a dateline or a label: where, not who
    is_object: bool  # right after a verb ("helping Ecuador unlock"): acted on, not acting; False for a place
    opens_clause: bool = False  # after "as", "after", "because" (or listed with such a name): another clause's
    receives: bool = False  # before a receiving verb ("Ecuador will receive"): no announcer of money


class SentenceActors:
    """Who each sentence names: found once per sentence, on demand."""

    def __init__(self, layout: Layout, vocab: Vocabulary):
        self._layout = layout
        self._vocab = vocab
        self._cache: dict[int, list[_Name]] = {}
        self._places: list[str] | None = None
        self._announcer: str | None = None  # "" once read and none found
        # What figures of one sentence share, read once per document: a name's group, by where
        # the name starts, and a sentence's countries other than an actor, by (sentence, actor).
        self._groups: dict[int, tuple[str, str]] = {}
        self._recipients: dict[tuple[int, str | None], tuple[str, ...]] = {}
        self._owned_names: dict[str, str] | None = None
        self._ownable: dict[str, bool] | None = None  # by alias: whether `_owned` may hold it
        self._holders: tuple[re.Pattern | None, dict[str, str]] | None = None  # see `_office_holders`

    def _found(self, sentence: int) -> list[_Name]:
        """Return each name in a sentence: where it is, its code and alias, whether it is a place.

        A name is a place, not an announcer, when a preposition governs it ("in
        Lima, Peru", the country after the city; not "On Monday, Chile began"),
        it continues a list of such country names ("under the Cuba, Haiti,
        Nicaragua ... process") or is joined to one by a hyphen ("at the
        Mexico-U.S. border"), it is a dateline ("BRIDGETOWN, Barbados"),
        a label ("Venezuela: EUR 38 million") or a receiver ("Ecuador will receive"),
        or a describer governs it ("R4V, co-led by IOM and UNHCR, announced", the
        "and" carrying the list), unless it is a possessor ("the United States'
        $686 million") or an agency before what it provides ("$40 million in USAID
        funding"). An abbreviation in brackets after its name ("International
        Organization for Migration (IOM)") is the same name, read once; a list of
        places goes on past an aside in brackets, whatever names the aside holds
        ("in Colombia (see the UNHCR report), Honduras and Mexico").
        """
        if sentence not in self._cache:
            start, end = self._layout.sentences[sentence] if self._layout.sentences else (0, 0)
            clean, backwards = self._layout.clean, self._layout.backwards
            vocab = self._vocab
            found: list[_Name] = []
            previous_end, previous_place = -10, False
            pos = start
            depth, scanned = 0, start  # brackets open before the name, counted up to `scanned`
            while m := vocab.actor_re.search(clean, pos, end):
                name_start, name_end = m.span()
                before = clean[name_start - 1:name_start]
                if before == "." or before == "_" or before.isalnum():  # inside a word, or "U.S."
                    pos = name_start + 1
                    continue
                pos = name_end
                depth += clean.count("(", scanned, name_start) - clean.count(")", scanned, name_start)
                scanned = name_start
                if clean[name_end:name_end + 2].lstrip().startswith("$"):  # "US$ 66", "US $ 92": a currency
                    continue
                window = clean[max(start, name_start - 40):name_start]
                if "©" in window and "©" in window.rsplit("\n", 1)[-1]:
                    continue  # "©UNICEF", "Foto: © Allana Ferreira/ACNUR": a photo credit, no actor
                alias = fold(m.group())
                code = vocab.actors[alias]
                if code in vocab.countries and alias not in vocab.place_names:
                    code = self._owner(clean, name_end, end) or (
                        self._owned().get(alias, code) if self._may_be_owned(alias) else code)
                if found and vocab.actors[found[-1].alias] == vocab.actors[alias] \
                        and _ABBREVIATION_GAP.fullmatch(clean, previous_end, name_start):
                    # "International Organization for Migration (IOM)": one name written twice
                    previous_end = name_end + (clean[name_end:name_end + 1] == ")")
                    found[-1] = found[-1]._replace(end=previous_end)
                    continue
                # What governs the name is read backwards from it (Layout.match_before), at most
                # 40 characters and never before the sentence: `rev` is the name's start there.
                rev = len(backwards) - name_start
                rev_end = rev + min(40, name_start - start)
                is_agent = bool(vocab.agent_before_rev_re.match(backwards, rev, rev_end))
                place = None if is_agent else vocab.place_before_rev_re.match(backwards, rev, rev_end)
                if place and place.group("city") and (alias not in vocab.place_names
                                                      or vocab.verb_after_re.match(clean, name_end)):
                    place = None  # "in Lima, Peru" names a place; "On Monday, Chile began" a subject
                if place and self._clause_article(clean, start, len(backwards) - place.end(), name_end):
                    place = None  # "No ano passado, a Guatemala recebeu": the article opening a clause
                is_place = not is_agent and bool(
                    (place
                     and not vocab.opening_article_re.fullmatch(clean, start, name_start)  # "A OIM anunciou"
                     and not self._article_before(clean, start, name_start, alias)  # "que a OIM atendeu"
                     and not (alias not in vocab.place_names  # "el plan de la OIM": whose, not where
                              and vocab.owner_before_rev_re.match(backwards, rev, rev_end)))
                    or vocab.describer_before_rev_re.match(backwards, rev, rev_end))
                if previous_place and not is_place and (gap := vocab.list_gap_re.fullmatch(
                        clean, previous_end, name_start)) and (not vocab.verb_after_re.match(clean, name_end)
                                                               or self._copula_after(clean, name_end)):
                    # "under the Cuba, Haiti, Nicaragua ... process": a list of places; "co-led by
                    # IOM and UNHCR": an "and" carries any name into the list; "returns from Guatemala
                    # and Mexico are rising": a copula after the list agrees with the noun before it
                    is_place = alias in vocab.place_names or bool(_WORD.search(gap.group()))
                if previous_place and not is_place and _JOINED.fullmatch(clean, previous_end, name_start):
                    is_place = True  # "at the Mexico-U.S. border": two places joined by a hyphen are one place
                is_place = is_place or bool(vocab.label_after_re.match(clean, name_end)) or self._dateline(
                    clean, start, name_start)
                receives = not is_place and bool(vocab.receiver_after_re.match(clean, name_end))
                if is_place and (vocab.possessive_re.match(clean, name_end) or (
                        alias not in vocab.place_names and vocab.provider_after_re.match(clean, name_end))):
                    is_place = False  # "the United States' $686 million", "in USAID Development Funding"
                # Only an acting name can be a verb's object: a place's is_object is never read.
                verb = None if is_agent or is_place else vocab.verb_before_rev_re.match(backwards, rev, rev_end)
                is_object = bool(verb) and not (verb.group("article") and vocab.verb_after_re.match(clean, name_end)) \
                    and not self._speaker(clean, start, len(backwards) - verb.end(), name_start)
                # "were permitted to continue as Panama and Venezuela suspended flights": a name opening
                # a subordinate clause, and those listed with it, act in that clause only.
                opens_clause = not is_place and (bool(vocab.clause_before_rev_re.match(backwards, rev, rev_end)) or (
                    bool(found) and found[-1].opens_clause
                    and bool(vocab.list_gap_re.fullmatch(clean, found[-1].end, name_start))))
                found.append(_Name(name_start, name_end, code, alias, is_place, is_object, opens_clause=opens_clause,
                                   receives=receives))
                if depth <= 0:  # a name inside an aside in brackets neither ends nor starts a list
                    previous_end, previous_place = name_end, is_place
            holders, holder_codes = self._office_holders()
            if holders is not None:
                found = self._with_holders(found, start, end, holders, holder_codes)
            if any(clean.find(word, start, end) >= 0 for word in vocab.anaphor_words) \
                    and vocab.anaphor_re.search(clean, start, end):
                found = self._with_anaphors(found, start, end)
            self._cache[sentence] = found
        return self._cache[sentence]

    def _office_holders(self) -> tuple[re.Pattern | None, dict[str, str]]:
        """Return a pattern of the persons the document names as holders of a country's office, and their codes.

        "o secretário de Estado dos EUA, Marco Rubio, desembarcou": the office
        (a row of role `office_noun`) and its country come before the comma, the
        person's name in apposition after it; "Marco Rubio" and "Rubio" then name
        the United States' office wherever the document writes them. Read once,
        over the whole text; (None, {}) where it names no such person.
        """
        if self._holders is None:
            clean, vocab = self._layout.clean, self._vocab
            codes: dict[str, str] = {}
            for m in vocab.office_apposition_re.finditer(clean):
                named = list(vocab.actor_re.finditer(clean, m.start("between"), m.end("between")))
                if not named:  # "Chile's Minister of the Interior, Carolina Tohá,": the owner before the office
                    named = [n for n in vocab.actor_re.finditer(clean, max(0, m.start() - 25), m.start())
                             if vocab.possessive_re.match(clean, n.end())]
                # a country's own name, not an agency's ("El director del INM, Wilson Paz": whose INM is
                # read elsewhere, see `_owned`), nor a state's
                countries = [vocab.actors[alias] for alias in (fold(n.group()) for n in named)
                             if vocab.actors[alias] in vocab.countries and alias in vocab.place_names
                             and alias not in vocab.subnational_names]
                person = fold(m.group("person"))
                if countries and person not in vocab.actors:
                    codes[person] = countries[-1]
                    codes.setdefault(person.split()[-1], countries[-1])  # "Rubio", later
            pattern = re.compile(rf"(?<![\w.]){alternation(codes)}(?![\w])") if codes else None
            self._holders = (pattern, codes)
        return self._holders

    def _with_holders(self, found: list[_Name], start: int, end: int, holders: re.Pattern,
                      codes: dict[str, str]) -> list[_Name]:
        """Return a sentence's names with the office holders it names (`_office_holders`), read as names are."""
        clean, backwards, vocab = self._layout.clean, self._layout.backwards, self._vocab
        names = list(found)
        for m in holders.finditer(clean, start, end):
            if any(n.start < m.end() and m.start() < n.end for n in found):
                continue
            rev = len(backwards) - m.start()
            rev_end = rev + min(40, m.start() - start)
            is_place = bool(vocab.place_before_rev_re.match(backwards, rev, rev_end))
            verb = None if is_place else vocab.verb_before_rev_re.match(backwards, rev, rev_end)
            is_object = bool(verb) and not self._speaker(clean, start, len(backwards) - verb.end(), m.start())
            names.append(_Name(m.start(), m.end(), codes[fold(m.group())], fold(m.group()), is_place, is_object))
        return sorted(names, key=lambda n: n.start) if len(names) > len(found) else found

    def _with_anaphors(self, found: list[_Name], start: int, end: int) -> list[_Name]:
        """Return a sentence's names with each anaphor read as the organisation it names again.

        "Según un informe del organismo, 5.000 personas ...": the noun (a row of
        role `anaphor`) names the organisation or agency named last before it,
        in its own sentence or an earlier one of its paragraph (a country is no
        organisation; the headline's or another paragraph's name is never it),
        the last whose name holds the noun where one does ("la agencia" after
        "la Agencia de la ONU para los Refugiados (ACNUR) y la OIM" is ACNUR);
        its role is read from the noun as a name's is ("un informe del" makes it
        the source). An anaphor that is part of a name ("la Organización
        Internacional para las Migraciones"), stands right before the name it
        describes ("a organização Islamic Relief USA") or has nothing before it
        in its paragraph to name is not read: another paragraph's organisation
        is not the one it names again (tests/data/train/README.md, round 4).
        """
        clean, backwards, vocab = self._layout.clean, self._layout.backwards, self._vocab
        sentence = self._layout.sentence_at(start)
        block, first = self._layout.sentence_blocks, sentence
        while first > 0 and block[first - 1] == block[sentence]:
            first -= 1  # the paragraph's first sentence: an anaphor names what its own paragraph named
        for index in range(first, sentence):  # in order, so no earlier sentence resolves its own recursively
            self._found(index)
        names = list(found)
        for m in vocab.anaphor_re.finditer(clean, start, end):
            if clean[m.start() - 1:m.start()].isalnum() or any(
                    n.start < m.end() and m.start() < n.end for n in found):
                continue  # inside a word; or "La Agencia Española de ...": a name, read as one
            if any(n.start >= m.end() and not clean[m.end():n.start].strip() for n in found):
                continue  # "a organização Islamic Relief USA": the name's own common noun, in apposition
            noun = m.group().split()[-1]
            earlier = itertools.chain(
                (n for n in reversed(found) if n.end <= m.start()),
                (n for index in range(sentence - 1, first - 1, -1) for n in reversed(self._cache[index])))
            antecedent = named = None
            for n in earlier:
                if n.alias in vocab.place_names:
                    continue
                antecedent = antecedent or n
                if noun.lower() in n.alias.lower():
                    named = n
                    break
            antecedent = named or antecedent
            if antecedent is None:
                continue
            noun_start = m.end() - len(noun)  # the noun: its article is read as a name's
            rev = len(backwards) - noun_start
            rev_end = rev + min(40, noun_start - start)
            is_agent = bool(vocab.agent_before_rev_re.match(backwards, rev, rev_end))
            is_place = not is_agent and bool(vocab.place_before_rev_re.match(backwards, rev, rev_end)
                                             and not vocab.owner_before_rev_re.match(backwards, rev, rev_end))
            verb = None if is_agent or is_place else vocab.verb_before_rev_re.match(backwards, rev, rev_end)
            is_object = bool(verb) and not (verb.group("article") and vocab.verb_after_re.match(clean, m.end()))
            names.append(_Name(noun_start, m.end(), antecedent.code, antecedent.alias, is_place, is_object))
        return sorted(names, key=lambda n: n.start)

    def _owned(self) -> dict[str, str]:
        """Return the agencies the document gives an owner once, with their abbreviation: alias -> country.

        After "el Instituto Nacional de Migración (INM) de Honduras", a later
        "el director del INM" is Honduras's too. Read once, over the whole text.
        """
        if self._owned_names is None:
            self._owned_names = {}
            clean = self._layout.clean
            for m in self._vocab.actor_re.finditer(clean):
                alias = fold(m.group())
                code = self._vocab.actors[alias]
                if code not in self._vocab.countries or alias in self._vocab.place_names:
                    continue
                owner = self._owner(clean, m.end(), len(clean))
                if owner:
                    self._owned_names[alias] = owner
                    abbreviation = _ABBREVIATION.match(clean, m.end())
                    if abbreviation and self._vocab.actors.get(abbreviation.group(1)) == code:
                        self._owned_names[abbreviation.group(1)] = owner
        return self._owned_names

    def _may_be_owned(self, alias: str) -> bool:
        """Tell whether the text may give the agency `alias` an owner: where `_owned` could find one.

        `_owned` reads every name of the text; an owner needs the name, or it as
        an abbreviation in brackets, then the of word: two searches that skip
        ahead to the name's letters and to "(", so most texts need no such read.
        """
        if self._ownable is None:  # an abbreviation in brackets before "of" may own: "(INM) de Honduras"
            self._ownable = {m.group(1): True for m in self._vocab.abbreviation_of_re.finditer(self._layout.clean)}
        if alias not in self._ownable:
            self._ownable[alias] = self._named_of(alias)
        return self._ownable[alias]

    def _named_of(self, alias: str) -> bool:
        """Tell whether the text writes `alias` then the of word (`Vocabulary.named_of_re`) anywhere.

        The pattern can only match where the name's first word is written as it
        is: `str.find` skips to each such place faster than the regex engine's
        search does, and the pattern is matched there.
        """
        clean, pattern = self._layout.clean, self._vocab.named_of_re(alias)
        first_word = alias.split(" ", 1)[0]
        at = clean.find(first_word)
        while at >= 0 and not pattern.match(clean, at):
            at = clean.find(first_word, at + 1)
        return at >= 0

    def _owner(self, clean: str, name_end: int, end: int) -> str | None:
        """Return the country named after a government agency's name: "Instituto ... (INM) de Honduras".

        Several governments give an agency the same name; the country after the
        language's "of" word says whose it is, over the table's default.
        """
        gap = _OWNER_GAP.match(clean, name_end, end)
        if not gap or gap.group("of").lower() != self._vocab.of_word:
            return None
        article = self._vocab.opening_article_re.match(clean, gap.end(), end)  # "de la República ..."
        after = self._vocab.actor_re.match(clean, article.end() if article else gap.end(), end)
        if not after or fold(after.group()) not in self._vocab.place_names:
            return None
        code = self._vocab.actors[fold(after.group())]
        return code if code in self._vocab.countries else None

    def _article_before(self, clean: str, sentence_start: int, name_start: int, alias: str) -> bool:
        """Tell whether the word before an agency's name is an article that is also a preposition.

        Portuguese "a" is "the" before an organisation ("desde 2017, a Operação
        Acolhida já atendeu"; "to the" is "à") and may be "to" only before a
        country ("enviados a Cuba"): before a name that is no country it opens
        the subject, not a place.
        """
        if alias in self._vocab.place_names:
            return False
        words = clean[max(sentence_start, name_start - 12):name_start].split()
        return bool(words) and words[-1].lower() in self._vocab.article_prepositions

    def _clause_article(self, clean: str, sentence_start: int, governed_at: int, name_end: int) -> bool:
        """Tell whether the place preposition before a name is an article opening a clause.

        Portuguese "a" is "to" before a country ("enviados a Cuba") but "the"
        where a clause opens with the country as its subject: after a comma and
        before a verb ("Em 2023, a Colômbia recebeu"), as at a sentence's start,
        and so does a word opening a clause (roles `clause_start`,
        `clause_opener`: "afirmou que a Colômbia espera", "embora a Colômbia tenha").
        """
        words = clean[governed_at:name_end].split()
        before = clean[sentence_start:governed_at].rstrip()
        opener = before.rsplit(None, 1)[-1].lower() if before else ""
        return (len(words) >= 2 and words[0].lower() in self._vocab.article_prepositions
                and (before.endswith(",") or opener in self._vocab.clause_starts)
                and bool(self._vocab.verb_after_re.match(clean, name_end)))

    def _copula_after(self, clean: str, name_end: int) -> bool:
        """Tell whether the word after a name is a copula ("are", "were"): the list's verb is its noun's.

        "Returns of Hondurans from Guatemala and Mexico are expected to rise": the
        last of a list of places before "are" is still a place, the verb agreeing
        with the noun that governs the list, as no place listed after a
        preposition is the subject.
        """
        words = clean[name_end:name_end + 16].split(maxsplit=1)
        return bool(words) and words[0].rstrip(",;:").lower() in self._vocab.copulas

    def _speaker(self, clean: str, sentence_start: int, verb_at: int, name_start: int) -> bool:
        """Tell whether the verb before a name is a verb of saying whose subject follows it.

        "13 mil migrantes foram deportados, informou a OIM": after a comma or a
        quotation's close, a verb of saying (role `speech_verb`) puts the one
        who speaks after it, no object of the verb.
        """
        words = clean[verb_at:name_start].split()
        return bool(words) and words[0].lower() in self._vocab.speech_verbs \
            and clean[sentence_start:verb_at].rstrip()[-1:] in (",", "”", '"', "’")

    def _dateline(self, clean: str, sentence_start: int, name_start: int) -> bool:
        """Tell whether a name follows a dateline's city: "BRIDGETOWN, Barbados (CMC) -".

        The city is a word in capitals, then a comma, opening its sentence or line;
        a word in capitals that is itself a name ladfin knows ("IOM, UNHCR") is a
        list of names instead, and one inside a sentence is an acronym ("with $4
        million in ESF, USAID will expand").
        """
        window_start = max(sentence_start, name_start - 40)
        if not clean[window_start:name_start].rstrip().endswith(","):
            return False  # the pattern's ",\s+$": cheaper to test than its search, tried at every position
        m = _DATELINE.search(clean, window_start, name_start)
        if not m or m.group(1) in self._vocab.actors:
            return False
        lead = clean[sentence_start:m.start()].rsplit("\n", 1)[-1]
        return not _WORD.search(lead)

    def actor(self, sentence: int, offset: int, *, money: bool = True) -> tuple[str | None, str | None]:
        """Return (actor codes, aliases as written) of who announced the figure at `offset`.

        Names that are places (see `_found`) never announce. Of the others, the
        nearest before the figure that is not the object of a verb is the actor
        ("The United States pledged $25 million, Canada pledged $10 million";
        "On behalf of the United States, Secretary Blinken announced"), with the
        names joined to it by "and" or a comma ("The United States and Costa
        Rica announced": CRI;USA); else the first one in the sentence that is
        no verb's object ("$5 million from Canada" is a place; "$5 million,
        Canada said" is not; "people forced to leave Nicaragua" is an object,
        "allowed to stay as Peru closed its border" opens another clause);
        else the nearest earlier sentence's in the block (a paragraph, a list
        item), never a name that acts only in a subordinate clause there ("...
        unless President Petro acts. Of them, 52,000 are children"); else the
        country of a government agency the sentence names as a place ("una
        transferencia de S/ 3 millones para la Superintendencia Nacional de
        Migraciones": a government funds its own agency); else nobody. A name in another paragraph, however often the
        document repeats it, is not read as the announcer of a figure whose own
        paragraph names none: the reader is not told who, so neither is the row.
        A name before a receiving verb ("Ecuador will receive") announces no
        money; of people it is the host that acts ("Brazil received 500,000
        Venezuelans"), so with `money` False it may be the actor. A state, province
        or city hall (actors.csv kinds `region`, `local`) is no national
        government and never the actor: "Santa Catarina integrou 3.200
        haitianos" names nobody for Brazil, unless another name of the
        paragraph acts for the figure.
        """
        if not self._layout.sentences:
            return None, None
        found = self._found(sentence)
        subnational = self._vocab.subnational_names
        acting = [n for n in found if not n.is_place and not n.is_object and not (money and n.receives)
                  and n.alias not in subnational]
        before = [n for n in acting if n.end <= offset]
        if before:
            return self._group(found, before[-1])
        after = [n for n in acting if not n.opens_clause]
        if after:  # "$5 million, Canada said"; not "to leave Nicaragua", nor "... as Peru closed its border"
            return self._group(found, after[0])
        block = self._layout.sentence_blocks[sentence]
        index = sentence - 1
        while index >= 0 and self._layout.sentence_blocks[index] == block:
            found = self._found(index)
            earlier = next((n for n in found if not n.is_place and not n.opens_clause
                            and not (money and n.receives) and n.alias not in subnational), None)
            if earlier:
                return self._group(found, earlier)
            index -= 1
        agency = next((n for n in self._found(sentence) if n.alias in self._vocab.agency_names), None)
        return (agency.code, agency.alias) if agency else (None, None)

    def announcer(self) -> str | None:
        """Return the release's announcer: the acting name that opens it, if named more than all others together.

        Never a figure's actor (that is read from its own paragraph, see `actor`),
        only whose currency a bare "$" is where the paragraph names nobody: a
        Canadian release's "$4 million for Haiti" is Canadian dollars. A text
        naming several announcers evenly has none. Read once, when first asked.
        """
        if self._announcer is None:
            acting = [name for index in range(len(self._layout.sentences))
                      for name in self._found(index) if not name.is_place and not name.is_object]
            named = Counter(name.code for name in acting)
            leads = bool(acting) and 2 * named[acting[0].code] > len(acting)
            code = (self._home() if acting[0].code == HOME else acting[0].code) if leads else None
            self._announcer = code or ""
        return self._announcer or None

    def _group(self, found: list[_Name], name: _Name) -> tuple[str, str]:
        """Return (codes, aliases) of `name` and the non-place names listed with it."""
        if name.start not in self._groups:
            self._groups[name.start] = self._read_group(found, name)
        return self._groups[name.start]

    def _read_group(self, found: list[_Name], name: _Name) -> tuple[str, str]:
        k = found.index(name)
        first = last = k
        while first > 0 and not found[first - 1].is_place and self._joined(found[first - 1], found[first]):
            first -= 1
        while last + 1 < len(found) and not found[last + 1].is_place and self._joined(found[last], found[last + 1]):
            last += 1
        names = found[first:last + 1]
        codes = {self._home() if n.code == HOME else n.code for n in names} - {None}
        return join_values(sorted(codes)), join_values(n.alias for n in names)

    def _home(self) -> str | None:
        """Return the country a "national government" with no country named is the government of.

        "Gobierno Nacional aprobó ...": a newsroom writes so of its own country,
        which the text names more than any other (`document_places`); None if it
        names none.
        """
        places = self.document_places()
        return places[0] if places else None

    def _joined(self, left: _Name, right: _Name) -> bool:
        """Tell whether two names are one list of announcers: "X and Y", "X, Y" (nothing else between)."""
        return bool(self._vocab.list_gap_re.fullmatch(self._layout.clean, left.end, right.start))

    def document_places(self) -> list[str]:
        """Return the countries the whole document names, most named first (read once, when asked)."""
        if self._places is None:
            counts = Counter(name.code for index in range(len(self._layout.sentences))
                             for name in self._found(index) if name.code in self._vocab.countries)
            self._places = [code for code, _ in counts.most_common()]
        return self._places

    def places(self, sentence: int, *, exclude: str | None) -> list[str]:
        """Return the countries a sentence names, other than `exclude`, in order of mention."""
        if not self._layout.sentences:
            return []
        if (sentence, exclude) not in self._recipients:
            codes = []
            excluded = set(split_values(exclude))
            for name in self._found(sentence):
                if name.code in self._vocab.countries and name.code not in excluded and name.code not in codes:
                    codes.append(name.code)
            self._recipients[(sentence, exclude)] = tuple(codes)
        return list(self._recipients[(sentence, exclude)])
