"""The forms a country, its people or an international body is written in, read as one name.

"American", "the Americans", "the United States", "US", "U.S." and "Washington" (its capital
standing for it) name one country; "Pakistani" and "Islamabad" name Pakistan; "U.N." and "the
United Nations" one body. `NAMES` holds the forms of every country (its short name, other names,
demonyms, capital and abbreviations) and of a few international bodies: English names, not the
corpus's, so that any report a user adds is read the same way. Only the checks that compare a
question's names with an answer's read them (`another_name`, the verdict "another-name"; and an
office's owner, service.relations.owner_terms, through `keys_in`); ranking never does: folding
these forms in the tokenizer moved the weights of every unit writing "Afghan" and "Afghanistan"
and lost dev answers (docs/tuning.md, session 48, "Names in other forms").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from service.bm25 import terms_of

# One name a line: "its names; its demonyms; its capital(s)", the first name the key, names and
# abbreviations after it separated by commas. Demonyms are written singular; the plural is read
# with an "s" where English adds one ("Pakistanis", "Afghans"; not "Chinese", "British").
# Capitals that are common English words or first names elsewhere are left out ("Victoria",
# "Male", "Kingston", "Georgetown"), as is a demonym two countries share ("Congolese", "Korean",
# "Guinean"). Bodies have no capital.
_TABLE = """\
Afghanistan; Afghan; Kabul
Albania; Albanian; Tirana
Algeria; Algerian; Algiers
Andorra; Andorran;
Angola; Angolan; Luanda
Argentina; Argentine, Argentinian; Buenos Aires
Armenia; Armenian; Yerevan
Australia; Australian; Canberra
Austria; Austrian; Vienna
Azerbaijan; Azerbaijani, Azeri; Baku
Bahamas; Bahamian; Nassau
Bahrain; Bahraini; Manama
Bangladesh; Bangladeshi; Dhaka
Barbados; Barbadian; Bridgetown
Belarus; Belarusian; Minsk
Belgium; Belgian; Brussels
Belize; Belizean; Belmopan
Benin; Beninese; Porto-Novo
Bhutan; Bhutanese; Thimphu
Bolivia; Bolivian; Sucre, La Paz
Bosnia and Herzegovina, Bosnia; Bosnian; Sarajevo
Botswana; Motswana, Batswana; Gaborone
Brazil; Brazilian; Brasilia, Brasília
Brunei; Bruneian;
Bulgaria; Bulgarian; Sofia
Burkina Faso; Burkinabe;
Burundi; Burundian; Gitega
Cambodia; Cambodian; Phnom Penh
Cameroon; Cameroonian; Yaounde, Yaoundé
Canada; Canadian; Ottawa
Cape Verde, Cabo Verde; Cape Verdean; Praia
Central African Republic; Central African; Bangui
Chad; Chadian; N'Djamena
Chile; Chilean; Santiago
China, People's Republic of China, PRC; Chinese; Beijing
Colombia; Colombian; Bogota, Bogotá
Comoros; Comorian; Moroni
Costa Rica; Costa Rican; San Jose, San José
Croatia; Croatian, Croat; Zagreb
Cuba; Cuban; Havana
Cyprus; Cypriot; Nicosia
Czech Republic, Czechia; Czech; Prague
Denmark; Danish, Dane; Copenhagen
Djibouti; Djiboutian;
Dominican Republic; Dominican; Santo Domingo
Ecuador; Ecuadorian; Quito
Egypt; Egyptian; Cairo
El Salvador; Salvadoran; San Salvador
Equatorial Guinea; Equatoguinean; Malabo
Eritrea; Eritrean; Asmara
Estonia; Estonian; Tallinn
Eswatini, Swaziland; Swazi; Mbabane
Ethiopia; Ethiopian; Addis Ababa
Fiji; Fijian; Suva
Finland; Finnish, Finn; Helsinki
France; French; Paris
Gabon; Gabonese; Libreville
Gambia; Gambian; Banjul
Georgia; Georgian; Tbilisi
Germany; German; Berlin
Ghana; Ghanaian; Accra
Greece; Greek; Athens
Guatemala; Guatemalan; Guatemala City
Guyana; Guyanese;
Haiti; Haitian; Port-au-Prince
Honduras; Honduran; Tegucigalpa
Hungary; Hungarian; Budapest
Iceland; Icelandic, Icelander; Reykjavik
India; Indian; New Delhi
Indonesia; Indonesian; Jakarta
Iran; Iranian; Tehran
Iraq; Iraqi; Baghdad
Ireland; Irish; Dublin
Israel; Israeli; Jerusalem
Italy; Italian; Rome
Ivory Coast, Côte d'Ivoire; Ivorian; Yamoussoukro
Jamaica; Jamaican;
Japan; Japanese; Tokyo
Jordan; Jordanian; Amman
Kazakhstan; Kazakh, Kazakhstani; Astana, Almaty
Kenya; Kenyan; Nairobi
Kosovo; Kosovar; Pristina
Kuwait; Kuwaiti; Kuwait City
Kyrgyzstan; Kyrgyz; Bishkek
Laos; Lao, Laotian; Vientiane
Latvia; Latvian; Riga
Lebanon; Lebanese; Beirut
Lesotho; Basotho; Maseru
Liberia; Liberian; Monrovia
Libya; Libyan; Tripoli
Liechtenstein; Liechtensteiner; Vaduz
Lithuania; Lithuanian; Vilnius
Luxembourg; Luxembourgish, Luxembourger;
Madagascar; Malagasy; Antananarivo
Malawi; Malawian; Lilongwe
Malaysia; Malaysian; Kuala Lumpur
Maldives; Maldivian;
Mali; Malian; Bamako
Malta; Maltese; Valletta
Mauritania; Mauritanian; Nouakchott
Mauritius; Mauritian; Port Louis
Mexico; Mexican; Mexico City
Moldova; Moldovan; Chisinau
Monaco; Monegasque;
Mongolia; Mongolian; Ulaanbaatar
Montenegro; Montenegrin; Podgorica
Morocco; Moroccan; Rabat
Mozambique; Mozambican; Maputo
Myanmar, Burma; Burmese; Naypyidaw
Namibia; Namibian; Windhoek
Nepal; Nepalese, Nepali; Kathmandu
Netherlands, Holland; Dutch; Amsterdam, The Hague
New Zealand; New Zealander; Wellington
Nicaragua; Nicaraguan; Managua
Niger; Nigerien; Niamey
Nigeria; Nigerian; Abuja
North Korea, DPRK; North Korean; Pyongyang
North Macedonia, Macedonia; Macedonian; Skopje
Norway; Norwegian; Oslo
Oman; Omani; Muscat
Pakistan; Pakistani; Islamabad
Palestine; Palestinian; Ramallah
Panama; Panamanian; Panama City
Papua New Guinea; Papua New Guinean; Port Moresby
Paraguay; Paraguayan; Asuncion, Asunción
Peru; Peruvian; Lima
Philippines; Filipino, Philippine; Manila
Poland; Pole; Warsaw
Portugal; Portuguese; Lisbon
Qatar; Qatari; Doha
Romania; Romanian; Bucharest
Russia, Russian Federation; Russian; Moscow, Kremlin
Rwanda; Rwandan; Kigali
Saudi Arabia; Saudi; Riyadh
Senegal; Senegalese; Dakar
Serbia; Serbian, Serb; Belgrade
Sierra Leone; Sierra Leonean; Freetown
Singapore; Singaporean;
Slovakia; Slovak; Bratislava
Slovenia; Slovenian, Slovene; Ljubljana
Somalia; Somali; Mogadishu
South Africa; South African; Pretoria, Cape Town
South Korea, Republic of Korea, ROK; South Korean; Seoul
South Sudan; South Sudanese; Juba
Spain; Spanish, Spaniard; Madrid
Sri Lanka; Sri Lankan; Colombo
Sudan; Sudanese; Khartoum
Suriname; Surinamese; Paramaribo
Sweden; Swedish, Swede; Stockholm
Switzerland; Swiss; Bern, Berne
Syria; Syrian; Damascus
Taiwan; Taiwanese; Taipei
Tajikistan; Tajik; Dushanbe
Tanzania; Tanzanian; Dodoma
Thailand; Thai; Bangkok
Togo; Togolese; Lome, Lomé
Trinidad and Tobago; Trinidadian;
Tunisia; Tunisian; Tunis
Turkey, Türkiye; Turkish, Turk; Ankara
Turkmenistan; Turkmen; Ashgabat
Uganda; Ugandan; Kampala
Ukraine; Ukrainian; Kyiv, Kiev
United Arab Emirates, UAE, U.A.E., Emirates; Emirati; Abu Dhabi
United Kingdom, UK, U.K., Britain, Great Britain; British, Briton; London
United States, United States of America, US, U.S., USA, U.S.A., America; American; Washington
Uruguay; Uruguayan; Montevideo
Uzbekistan; Uzbek; Tashkent
Venezuela; Venezuelan; Caracas
Vietnam, Viet Nam; Vietnamese; Hanoi
Yemen; Yemeni; Sanaa, Sana'a
Zambia; Zambian; Lusaka
Zimbabwe; Zimbabwean; Harare
Soviet Union, USSR, U.S.S.R.; Soviet;
United Nations, UN, U.N.; ;
European Union, EU, E.U.; ;
North Atlantic Treaty Organization, North Atlantic Treaty Organisation, NATO; ;
African Union, AU; ;
Organisation of Islamic Cooperation, Organization of Islamic Cooperation, OIC; ;
Shanghai Cooperation Organisation, Shanghai Cooperation Organization, SCO; ;"""

# English adds no "s" to a demonym ending so ("Chinese", "British", "French", "Swiss", "Kyrgyz").
_NO_PLURAL = ("ese", "sh", "ch", "ss", "z")


@dataclass(frozen=True)
class Name:
    """One country or body and every form it is written in."""

    key: str  # its first name in `_TABLE`
    forms: tuple[str, ...]  # its names, abbreviations, demonyms (and their plurals) and capitals
    capitals: tuple[str, ...]  # the capitals among `forms`


def _plural(demonym: str) -> tuple[str, ...]:
    """`demonym` and, where English makes one, its plural with an "s" ("Afghans", "Pakistanis")."""
    return (demonym,) if demonym.endswith(_NO_PLURAL) else (demonym, demonym + "s")


def _listed(part: str) -> list[str]:
    return [item.strip() for item in part.split(",") if item.strip()]


def _parse(table: str) -> tuple[Name, ...]:
    names = []
    for line in table.splitlines():
        own, demonyms, capitals = line.split(";")
        forms = _listed(own) + [plural for d in _listed(demonyms) for plural in _plural(d)] + _listed(capitals)
        names.append(Name(forms[0], tuple(forms), tuple(_listed(capitals))))
    return tuple(names)


NAMES: tuple[Name, ...] = _parse(_TABLE)
_KEY_OF: dict[str, str] = {form: n.key for n in NAMES for form in n.forms}
_CAPITALS = frozenset(c for n in NAMES for c in n.capitals)


@cache
def _pattern() -> re.Pattern[str]:
    """Every form of every name, longest first, as written (capitalised): "the Pakistani city"
    and "Pakistan's" are read, "us" (the pronoun) and "china" (the ware) are not; a dotted
    abbreviation's letters inside a longer one ("U.S." in "U.S.S.R.") are not."""
    forms = sorted(_KEY_OF, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in forms)})(?!\w|\.\w)")


@dataclass(frozen=True)
class Named:
    """A name as a text writes it: which country or body, and the words it takes."""

    key: str  # the name's `Name.key`
    first: int  # index of its first word in the text's words (`word_spans`)
    last: int  # index of its last word


def word_spans(text: str) -> list[tuple[int, int]]:
    """`text`'s words as (start, end) offsets: runs without white space."""
    return [m.span() for m in re.finditer(r"\S+", text)]


def word_at(words: Sequence[tuple[int, int]], offset: int) -> int:
    """The index in `words` (`word_spans`) of the word holding the character at `offset`."""
    return next(i for i, (start, end) in enumerate(words) if start <= offset < end)


# Forms that are as often a person's name or another place ("Chad Smith", "Michael Jordan", "Georgia"
# the state, "Sofia", "Santiago" as first names): read as the country only as an owner (`_owns_next`).
_ALSO_PERSONS = frozenset("Chad Jordan Georgia Santiago Sofia".split())


def _owns_next(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] owns the word after it ("Jordan's envoy", "Georgia
    envoy"), with no capitalised word before it that it would end ("Michael Jordan's")."""
    before = text[:start].split()[-1:]
    if before and before[0][:1].isupper():
        return False
    return re.match(r"(?:['’]s\b|\s+[a-z])", text[end:]) is not None


def names_in(text: str, *, capitals: bool = True) -> list[Named]:
    """The names `text` writes in any of their forms, in order, each with the words it takes. A
    capital followed by a capitalised word opens another name ("The Washington Post", "Kabul
    University") and is not read as its country; a form that is also a person's name is read
    only as an owner (`_ALSO_PERSONS`). Without `capitals`, no capital is read as its country."""
    words = word_spans(text)
    found = []
    for match in _pattern().finditer(text):
        if not capitals and match.group() in _CAPITALS:
            continue
        if match.group() in _CAPITALS and re.match(r"\s+[A-Z]", text[match.end() :]):
            continue
        if match.group() in _ALSO_PERSONS and not _owns_next(text, match.start(), match.end()):
            continue
        found.append(Named(_KEY_OF[match.group()], word_at(words, match.start()), word_at(words, match.end() - 1)))
    return found


def is_capital(form: str) -> bool:
    """Whether `form` is a country's capital as `NAMES` writes it ("Washington", "Kabul"): a place
    of its own, not the country wherever it stands for it."""
    return form in _CAPITALS


def keys_in(text: str) -> frozenset[str]:
    """The keys of the countries and bodies `text` writes in any of their forms (`names_in`):
    "U.S.", "American" and "Washington" all give "United States". The one reading of what is a
    form of what, shared by the verdict "another-name" and an office's owner in
    service.relations (`owner_terms`)."""
    return frozenset(n.key for n in names_in(text))


def country_keys(text: str) -> frozenset[str]:
    """The keys of the countries and bodies `text` writes in a form other than a capital ("U.S.",
    "American", "the United States"; not "Washington", a place of its own)."""
    return frozenset(n.key for n in names_in(text, capitals=False))


def writes(text: str, key: str) -> bool:
    """Whether `text` writes the country or body `key` in any of its forms."""
    return key in keys_in(text)


# A name after one of these is a place ("talks in Pakistan", "his visit to Washington"), not the
# owner of what is asked or said: it stands in no slot.
_PLACE_WORDS = frozenset("in at to into inside near across within via toward towards around through".split())
# A name after one of these owns the word before it ("pressure from Washington", "officials of India").
_OWNER_WORDS = frozenset("from of by".split())
# How many words apart the lead may write another name and the word the asked one owns: "U.S.
# envoy Khalilzad" writes it beside "envoy", "pressure from Washington" two words on. Measured on
# dev from 1 to 8: the near misses it withdraws are the same from 2 to 5; 6 adds one ("the U.S.
# had some 2,500 to 3,500 troops" for China's troops) and 7 loses an answer ("Afghan peace
# process would also help mend relations" for Pakistan's relations). 3 keeps the gains with room
# (docs/tuning.md, session 49, "Another country in the asked one's place").
NAME_REACH = 3


def unpunctuated(text: str, span: tuple[int, int]) -> str:
    """The word at `span`, without the punctuation around it."""
    return text[span[0] : span[1]].strip(".,;:!?\"'()[]“”‘’")


def _owned_stems(text: str, words: Sequence[tuple[int, int]], named: Named) -> frozenset[str]:
    """The stems of the words `named` owns in `text`: the lowercase word right after it
    ("the Indian envoy", "India's backing", "Iran kill"), and the lowercase word before "from",
    "of" or "by" ahead of it ("pressure from (the) United States"). None for a name written as
    a place ("in Pakistan")."""
    before = [unpunctuated(text, words[i]) for i in range(max(0, named.first - 2), named.first)]
    if before and before[-1] == "the":
        before = [unpunctuated(text, words[i]) for i in range(max(0, named.first - 3), named.first - 1)]
    if before and before[-1].lower() in _PLACE_WORDS:
        return frozenset()
    stems: set[str] = set()
    if named.last + 1 < len(words):
        after = unpunctuated(text, words[named.last + 1])
        if after[:1].islower():
            stems |= terms_of(after)
    if len(before) == 2 and before[-1] in _OWNER_WORDS and before[0][:1].islower():
        stems |= terms_of(before[0])
    return frozenset(stems)


def asked_owners(question: str) -> list[tuple[str, frozenset[str]]]:
    """The countries and bodies `question` names as owners, each with the stems of the words it
    owns (`_owned_stems`): "Who is the Indian envoy for Afghanistan?" asks of India's envoy;
    Afghanistan, after "for", owns nothing the question writes."""
    words = word_spans(question)
    owners = []
    for named in names_in(question):
        owned = _owned_stems(question, words, named)
        if owned:
            owners.append((named.key, owned))
    return owners


def another_name(question: str, lead: str, quoted: Sequence[str], reach: int = NAME_REACH) -> bool:
    """Whether `question` asks of a country or body as an owner ("Who is the Indian envoy …?")
    that no `quoted` sentence writes in any of its forms (name, demonym, abbreviation, capital),
    while `lead`, the sentence a user reads first, writes another country or body, one the
    question does not name, within `reach` words of a word the asked one owns ("U.S. envoy
    Zalmay Khalilzad"): the answer is that other's, and the corpus does not state it of the asked
    one. A name the lead writes as a place ("his visit to Washington") is no owner."""
    asked = asked_owners(question)
    if not asked:
        return False
    others = _other_names(question, lead)
    if not others:
        return False
    words = word_spans(lead)
    stems = [terms_of(unpunctuated(lead, w)) for w in words]
    for key, owned in asked:
        if any(writes(text, key) for text in quoted):
            continue
        places = [i for i, s in enumerate(stems) if s & owned]
        if any(_in_its_phrase(lead, words, n, i, reach) for n in others for i in places):
            return True
    return False


def _other_names(question: str, lead: str) -> list[Named]:
    """The countries and bodies `lead` writes that `question` does not name, none written as a
    place (after "in", "to", … : "his visit to Washington")."""
    named_in_question = {n.key for n in names_in(question)}
    words = word_spans(lead)
    return [
        n
        for n in names_in(lead)
        if n.key not in named_in_question
        and not (n.first > 0 and unpunctuated(lead, words[n.first - 1]).lower() in _PLACE_WORDS)
    ]


def name_shares(sentences: Iterable[str]) -> Callable[[str], float]:
    """The share of `sentences` (the loaded corpus's) writing each country or body in any of its
    forms (`keys_in`), by key: read once per loaded index, so a document added that writes a
    country often makes it common."""
    counts: Counter[str] = Counter()
    total = 0
    for sentence in sentences:
        total += 1
        counts.update(keys_in(sentence))
    return lambda key: counts[key] / max(total, 1)


def rare_name_unwritten(
    question: str, lead: str, quoted: Sequence[str], share_of: Callable[[str], float], common: float
) -> bool:
    """Whether `question` names a country or body, in any place of it, that the corpus writes in
    at most `common` of its sentences (`share_of`, `name_shares`) and no `quoted` sentence writes
    in any of its forms, while `lead`, the sentence a user reads first, writes another one the
    question does not name, not as a place, or writes none while the name is the question's
    subject (`subject_start`): "How many troops did China send to Afghanistan?" led by "… the
    U.S. had some 2,500 to 3,500 troops left in Afghanistan". A name the corpus writes in many
    sentences ("Pakistan", "Afghanistan" in reports about them) goes unwritten in
    a sentence that still speaks of it ("Foreign Minister Qureshi said" for Pakistan's foreign
    minister), which `another_name` reads by the word it owns; a rare one names what the answer
    must be about, and an answer that never writes it, stating the thing of another, is the
    other's (docs/retrieval.md, "Abstention")."""
    rare = [n for n in names_in(question) if share_of(n.key) <= common]
    unwritten = [n for n in rare if not any(writes(text, n.key) for text in quoted)]
    if not unwritten:
        return False
    if _other_names(question, lead):
        return True
    # A lead naming no other country or body still answers of someone else's act when the rare
    # name is the question's subject ("How much did China pledge to Afghanistan?" led by "donors
    # pledged $12 billion"); one further on is a detail of the question ("… tell a British news
    # outlet about Kashmir?", "… the stalled Doha talks?") the answer need not write
    # (docs/tuning.md, session 56, "A rare name as the question's subject").
    subject = subject_start(question)
    return subject is not None and any(n.first == subject for n in unwritten)


# The question's opening words before its subject: a wh-phrase ("How much aid", "Which") and the
# auxiliary after it ("did", "has"), then an article.
_WH_WORDS = frozenset("what which who whom whose how when where why".split())
_AUXILIARIES = frozenset("did does do has have had is are was were will would could can should may might".split())
_ARTICLES = frozenset("the a an".split())
# How far into a question its first auxiliary may stand: "How much aid did …" is the longest
# opening read ("How many Afghans did Iran take in …?").
_OPENING_REACH = 4


def subject_start(question: str) -> int | None:
    """The index (in `word_spans`) of the word opening `question`'s subject: after its first
    auxiliary within `_OPENING_REACH` words ("How did | Iran respond …", "What has the | U.K.
    envoy said …"), or right after a wh-word that the subject's own adjective follows ("How many
    | Turkish troops …", "Which | Indian official …"); None for a question opening otherwise."""
    words = [unpunctuated(question, span).lower() for span in word_spans(question)]
    if not words or words[0] not in _WH_WORDS:
        return None
    for at, word in enumerate(words[:_OPENING_REACH]):
        if word in _AUXILIARIES:
            start = at + 1
            while start < len(words) and words[start] in _ARTICLES:
                start += 1
            return start
    return 2 if words[:2] in (["how", "many"], ["how", "much"]) else 1


# Words that open a sentence's circumstance ("In an interview at the Doha summit, …", "During
# his visit to Kabul, …"): a name inside that opening phrase says where or when, not whose the
# words after its comma are.
_OPENING_WORDS = _PLACE_WORDS | frozenset("on during after before following since while when".split())


def _opening_phrase_end(text: str, words: Sequence[tuple[int, int]]) -> int:
    """The index of the word closing `text`'s opening circumstance ("In an interview on the
    sidelines of the February Doha summit,"): the first word ending in a comma when the text
    opens with a preposition or "when", "while"; -1 when it opens otherwise."""
    if not words or unpunctuated(text, words[0]).lower() not in _OPENING_WORDS:
        return -1
    return next((j for j, (start, end) in enumerate(words) if text[start:end].endswith(",")), -1)


def _in_its_phrase(text: str, words: Sequence[tuple[int, int]], named: Named, at: int, reach: int) -> bool:
    """Whether `named` stands within `reach` words of the word at index `at`, and not inside the
    text's opening circumstance while that word is after it: "U.S. envoy Khalilzad", "pressure
    from Washington" stand in the owned word's place; "In an interview at the Doha summit,
    Foreign Minister Qureshi said" writes Doha where the interview was, not whose minister spoke."""
    if min(abs(named.first - at), abs(named.last - at)) > reach:
        return False
    opening_end = _opening_phrase_end(text, words)
    return not (named.last <= opening_end < at)
