"""The extraction pipeline: sentences -> figures -> readings -> claims.

One pass per sentence. Numbers are found first (digits and number words); each is widened by
the language pack's rules into a figure (scale word, currency or unit, qualifier, range).
A figure is then read against the cue words around it (nearest cue in the same clause wins),
the company references of the sentence and the period phrases, all resolved against the
article's date. Nothing is stored; the same article always gives the same claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import attrs

from facts.extractor import periods as P
from facts.extractor.entities import Mention, Tracker
from facts.extractor.gazetteer import Gazetteer
from facts.extractor.lang import LangPack, gate
from facts.extractor.needles import Gated, fold
from facts.extractor.numbers import parse_digits, parse_word
from facts.extractor.periods import Ref
from facts.extractor.sentences import Sentence, split_sentences
from facts.extractor.vocabulary import (
    LEXICONS,
    LOSS_WORDS,
    METRICS,
    Cue,
    find_cues,
)
from facts.model import Article, Claim, Quantity, Source, claim_id_for

_DIGITS = re.compile(
    r"(?<![\w.,/−–-])(?:(?P<neg>[−–-])[\s\u00a0]?)?"
    r"(?P<d>\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,]|\.\d)|\d+(?:[.,’']\d+)*)"
)
# The second number of a range written with a dash (`23-27%`, `$3-4bn`, `23 – 27%`).
_RANGE_SECOND = re.compile(r"(?<=[\d%][−–-])\d+(?:[.,’']\d+)*|(?<=[\d%]\s[−–-]\s)\d+(?:[.,’']\d+)*")
_HAS_NUMBER_HINT = re.compile(r"\d|[A-Za-zäöüÄÖÜß]")
_COMMA = re.compile(r",(?!\d)|[()]")
# (`aber` and `doch` join clauses after a comma; inside one they are particles: `hat der
# Dienst aber bislang nur 250.000 Abonnenten`.)
_STRONG = re.compile(
    r"[;:–—]|\s-\s|\b(?:während|wohingegen|while|whereas|but)\b|,\s*(?:aber|doch)\b"
)
_LEVEL_METRICS = tuple(m for m, info in METRICS.items() if info.growth and m != "other")
_MONEY_METRICS = (*tuple(m for m, info in METRICS.items() if info.unit == "money"), "other")
_COUNT_METRICS = tuple(m for m, info in METRICS.items() if info.unit == "count")
_SHARE_METRICS = ("market_share", "revenue_share", "awareness", "stake")
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_ONE_WORDS = frozenset(("ein", "eine", "einen", "einem", "einer", "eins", "one", "a", "an"))
_COMPARISON_LABEL = Gated(
    re.compile(
        r"\(\s*(?:Vorjahr\w*|Vorquartal\w*|Vormonat\w*|prior\s+year|year\s+earlier|a\s+year\s+ago|"
        r"previous\s+year|last\s+year|PY|VJ|Vj\.)[^()]*$",
        re.IGNORECASE,
    )
)
_DIGIT = re.compile(r"\d+")
_YEAR_VALUE = re.compile(r"\d{4}")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
_QUARTER_OR_HALF = re.compile(r"-[QH]\d")
_COMMA_OR_SEMI = re.compile(r"[,;]")
_CLAUSE_PUNCT = re.compile(r"[,;:]")
_CLAUSE_SPLIT = re.compile(r",|\bund\b|\band\b")
_TO_PAREN_END = re.compile(r"[^()]{0,40}\)")
_PAREN_AFTER = re.compile(r"[\s\u00a0]*\([^()]{1,80}\)")
_NOUN_GAP_PUNCT = re.compile(r"[,;:.()]")
_LATER_NUMBER = re.compile(r"\b[a-zäöüß]{3,}\s+\d")
# Tokens for figure words: runs of characters that are neither whitespace nor this punctuation.
_TOKEN = re.compile(r"[^\s" + re.escape(".,;:!?()[]\"'„“”»«‚‘’") + "]+")
_PER_UNIT = re.compile(
    r"\s*(?:je|pro)\s+(?:[A-ZÄÖÜ][\w-]+|Kopf|Stück|Tonne|Barrel)(?![\w-])(?<!Jahr)(?<!Quartal)"
    r"(?<!Monat)(?<!Tag)(?<!Woche)(?<!Halbjahr)|\s*(?:a|per)\s+(?:barrel|tonne|ton|unit|user|"
    r"customer|subscriber|passenger|container|vehicle|car|room|night|head)\b"
)
# `übersprang die Marke von 100 Milliarden Dollar`: a threshold passed.
_MARK_PASSED = re.compile(
    r"(?i)\b(?:übersprang|überspringt|übersprungen|überschritt|überschreitet|überschritten|"
    r"knackte|knackt|geknackt|durchbrach|übertraf)\s+(?:\w+\s+){0,3}?(?:die\s+)?Marke\s+von\s+$"
)
# `Je Aktie waren das 1,00 Dollar`: the share named before the amount, in the same clause.
_PER_SHARE_BEFORE = re.compile(r"(?i)\b(?:je|pro)\s+(?:Aktie|Anteilsschein)\b[^,;.\d]*$")
_PER_SHARE = re.compile(
    r"(?i)\s*(?:je|pro)\s+(?:Aktie|Anteilsschein)|\s*(?:a|per)\s+share|\s*apiece\b"
)
# `above its marketed range of $72 to $74`, `Preisspanne von 26 bis 31 Euro`: share prices.
_PRICE_RANGE_BEFORE = re.compile(r"(?i)(?:\brange|Spanne)\s+(?:of|von)\s+$")
_INCREASE_OF = re.compile(
    r"(?i)\b(?:increase|rise|gain|growth|Zuwachs|Plus|Anstieg|Zunahme)\s+(?:of|von|um)\s+$"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_UNTIL = re.compile(r"(?i)bis\b|by\b")
_QUARTER_WORD = re.compile(r"(?i)quartal|quarter")
_FORWARD = re.compile(
    r"(?i)laufend|kommend|nächst|current|this|next|coming|bis\s|by\s|Gesamtjahr|full"
)
_RUNNING = re.compile(r"(?i)laufend|current|this")
_NOW = Gated(re.compile(r"(?i)\b(?:mittlerweile|inzwischen|derzeit|momentan|now|currently)\b"))
_COMPARED_YEAR = re.compile(r"(?i)\b(?:from|its|than|gegenüber|als|vs\.?|versus|over)\s+$")
# Levels that are stocks rather than flows: an article's reporting period does not carry to
# them unless their own sentence names one (`beschäftigt rund 122.000 Mitarbeiter`).
_NO_CARRY = frozenset(("stake", "jobs", "locations", "investment", "valuation", "ipo_volume"))
_TO_AMOUNT = re.compile(
    r"(?i)\s+(?:to|auf)\s+(?:(?:rund|etwa|about|around|nearly|knapp|gut|a\s+record)\s+)?"
    r"(?:(?:[$€£¥]|US\$)\s?\d|\d[\d.,]*\s*(?:(?:bn|billion|million|m|Mrd\.?|Mio\.?|Milliarden|"
    r"Millionen)\s*)?(?:Euro|Dollar|US-Dollar|Franken|Pfund|yuan|euros|dollars|pounds|€|\$))"
)
_TO_LEVEL = re.compile(
    r"(?i)\b(?:to|auf)\s+(?:(?:a\s+)?(?:record|new\s+high)\s+(?:of\s+)?|(?:einen\s+)?Rekord\w*\s+(?:von\s+)?)?$"
)
_MINUS_AFTER = re.compile(r"\s*(?:Minus|Verlust|minus)\b")
# `ein Minus von 35 Millionen Euro`, `bei minus 315 Millionen Euro`: a loss written as a word.
_MINUS_BEFORE = Gated(
    re.compile(
        r"(?:\b(?:[Ee]in(?:em|en)?\s+)?Minus\s+(?:von\s+)?|(?<![\w-])minus\s+)"
        r"(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als|über|about|around|nearly)\s+)?$"
    )
)
# Share buybacks are `other`, not investments: `kauft eigene Aktien für 3 Mrd. Euro zurück`,
# `buy back up to $5bn of its own shares`.
_BUYBACK = Gated(
    re.compile(
        r"(?i)\b(?<!in\s)(?:eigene\w*\s+(?:\w+\s+){0,2}?Aktien|Aktienrückk\w*|Rückkauf\w*|"
        r"buy(?:s|ing)?\s+back|bought\s+back|buy-?backs?|repurchas\w*|(?<!in\s)own\s+shares)"
    )
)
# Cost savings are `other`, as saved amounts: `die Kosten um 400 Millionen Euro senken`,
# `cut costs by $10 billion`.
_COST_CUT = Gated(
    re.compile(
        r"(?i)\b(?:Kosten|Ausgaben|costs?|expenses|spending)\b[^,;]{0,40}?$|"
        r"\b(?:einsparen|einsparungen|sparen|savings?|save)\b"
    )
)
# `ist an der Börse 16 Milliarden Euro wert`: a market value.
_WORTH_AFTER = re.compile(r"\s*(?:wert|schwer)\b")
_EXCHANGE = Gated(re.compile(r"(?i)an\s+der\s+Börse|Börsen|am\s+Aktienmarkt"))
_BARE_LEFT = re.compile(
    r"(?i)(?:\b(?:auf|von|bei|um|davon|darunter|insgesamt|nach|zu|to|from|at|by|of|total|"
    r"reached|reaching|erreicht\w*|zählt\w*|sind\s+es|waren\s+es)|[:=])\s+$"
)
_PART_OF_AFTER = re.compile(r"(?i)\s+(?:davon|of\s+them|of\s+which)\b")
_MORE_THAN = re.compile(r"(?i)\s+(mehr|weniger|more|fewer|less)\s+(?:\w+\s+)?(?:als|than)\b")
_PART_OF = re.compile(r"(?i)\b(?:davon|darunter|of\s+which|including)\s+(?:\w+\s+){0,2}$")
_EN_NEXT_WORD = re.compile(r"[\s\u00a0]+([A-Za-z][\w-]*)")
# `10% of Amazon's total revenue`, `20 Prozent des Umsatzes von SAP`: what the share is of.
_SHARE_OF = {
    "en": re.compile(
        r"\s+of\s+(?:(?:the|its|their|his|her|all)\s+)?(?:U\.S\.\s+|US\s+|global\s+)?"
        r"(?:[A-Z][\w.&-]*(?:'s|’s)\s+)?"
        r"(?:[a-z-]+\s+){0,2}?(?P<w>revenues?|sales|turnover|market(?!\s+(?:value|cap))|workforce|"
        r"employees|staff|customers|users|gross\s+merchandise\s+volume|GMV|total|"
        r"e-commerce|online\s+(?:sales|shopping|retail))\b"
    ),
    "de": re.compile(
        r"\s+(?:des|der|vom|am|an\s+den|ihres|seines|ihrer|seiner)\s+(?:[\w-]+\s+){0,2}?"
        r"(?P<w>\w*[Uu]msatz\w*|\w*[Uu]msätze\w*|\w*[Ee]rlöse\w*|GMV|Marktes|Markt|Weltmarkt\w*|"
        r"Belegschaft|Mitarbeiter\w*|Beschäftigten|Stellen|Kunden|Nutzer\w*|"
        r"Onlinehandel\w*|Online-Handel\w*|E-Commerce\w*)\b"
    ),
}
_SHARE_WORDS = (
    ("market", "market_share"),
    ("commerce", "market_share"),
    ("online", "market_share"),
    ("handel", "market_share"),
    ("markt", "market_share"),
    ("work", "jobs"),
    ("employ", "jobs"),
    ("staff", "jobs"),
    ("mitarbeiter", "jobs"),
    ("beschäftigt", "jobs"),
    ("belegschaft", "jobs"),
    ("stellen", "jobs"),
    ("custom", "customers"),
    ("user", "customers"),
    ("kunden", "customers"),
    ("nutzer", "customers"),
)
_ADDED = re.compile(
    r"(?i)\b(?:added|adds|adding|gained|gewann\w*|gewonnen|hinzugewonnen|hinzu|neue[n]?\s+"
    r"(?:Kunden|Nutzer|Abonnenten)|new\s+(?:customers|subscribers|users)|net\s+additions)"
)
_CONVERSION_GAP = re.compile(
    r"(?i)^\s*\(\s*(?:umgerechnet|rund|etwa|ca\.|knapp|gut|about|around|roughly|approximately|or|"
    r"equivalent\s+to)?\s*$"
)
_MULT_AFTER = re.compile(r"(?i)\s+sich\s+(nahezu|fast|beinahe|knapp|mehr\s+als)\b")
_FORECAST = re.compile(
    r"(?i)\b(?:soll|sollen|erwartet|rechnet|Prognose\w*|Aussicht|expects?|expected\s+to|"
    r"forecast\w*|guidance|outlook|projects?|anticipates?)\b"
)
# A sentence about plans, forecasts and targets does not set the period of later sentences.
_PLAN = Gated(
    re.compile(
        r"(?i)\b(?:soll|sollen|erwartet|rechnet|Prognose\w*|Aussicht|expects?|forecast\w*|"
        r"guidance|outlook|aims?|plans?|targets?|goals?|projected|expected|intends?|will|wollen|plant|"
        r"peilt|"
        r"Ziel\w*)\b"
    )
)
_BACKGROUND = Gated(re.compile(r"\b(?:hatte|hatten)\b"))
# A person's career told in passing (`who returned to the company last October`, `der im
# Frühjahr 2023 an die Spitze rückte`): its date is not the period of the report.
_BIOGRAPHY = re.compile(
    r"(?i)\b(?:joined|rejoined|returned\s+to|took\s+(?:over|the\s+helm|charge)|was\s+"
    r"(?:appointed|named|hired)|stepped\s+(?:down|in)|succeeded|"
    r"an\s+die\s+Spitze|den\s+Vorsitz|(?:wurde|ist)\s+\w*\s*(?:ernannt|berufen)|"
    r"im\s+Amt)\b[^,;.]{0,40}$"
)
# `der seit Oktober 2016 im Amt ist`, `who has been in office since 2014`: a tenure.
_TENURE_AFTER = re.compile(
    r"(?i)\s+(?:[\w-]+\s+){0,2}?(?:im\s+Amt|an\s+der\s+Spitze|in\s+office|at\s+the\s+helm)\b"
)
_EARLIER_VALUE = re.compile(
    r"(?i),?\s*(?:nach|gegenüber|from|up\s+from|down\s+from|compared\s+with|versus)\s+"
    r"(?:(?:rund|etwa|knapp|gut|about|around|nearly)\s+)?"
)
_ONE_PERCENT = re.compile(r"\b(?:ein|einen|einem|one)\s+(?:prozent|percent)")
_PERCENT_AFTER = re.compile(r"\s+(?:Prozent(?!punkt)|percent\b|per\s+cent\b)")
_APPENDED_CHANGE = re.compile(
    r"[^,;.\d]{0,25},\s*(?:up|down|ein\s+(?:Plus|Minus)\s+von|an?\s+(?:increase|rise|gain|"
    r"drop|decline|fall)\s+of)\s+(?:(?:rund|etwa|knapp|gut|about|around|nearly|some)\s+)?"
)
_PRONOUN_SUBJECT = re.compile(r"(?:Es|Er|It)\s+[a-zäöüß]")
_BARE_CENTS = frozenset(("cent", "cents"))
_CENT_CURRENCIES = frozenset(("EUR", "USD", "CAD", "AUD", "NZD", "HKD", "SGD"))
_BACKGROUND_CLAUSE = re.compile(
    r",\s+(?:when|als|nachdem|after\s+it|after\s+the\s+company|which\s+it)\b"
)
_TO_CUSTOMERS = re.compile(r"\ban\s+(?:seine|ihre|die|den|unsere)?\s*$")
_IN_COMPARISON = re.compile(r"im Vergleich\s+(?:zu|mit)")
_NEUTRAL_CHANGE = re.compile(
    r"(?i)im\s+Vergleich\s+zum\s+Vorjahr|gegenüber\s+dem\s+Vorjahr|im\s+Jahresvergleich|"
    r"year[\s-](?:on|over)[\s-]year|from\s+a\s+year\s+earlier"
)
_BUY_VERB = re.compile(
    r"(?i)\b(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|purchasing|"
    r"take\s+over|took\s+over|kaufen|übernehmen|erwerben|sell|sells|sold|selling|"
    r"verkaufen|verkauft\w*|Übernahme|Kauf|Erwerb|Akquisition|acquisition\s+of|"
    r"purchase\s+of|takeover\s+of)\b"
)
_JUST_BEFORE = re.compile(r"[\s,]*(?:(?!(?:and|und)\b)[\w-]+[\s,]+){0,3}")
_STOCK_MOVE = Gated(
    re.compile(
        r"(?:^|[.;:]\s+|,\s+|\bund\s+)(?:Die|die|Eine|eine|Deren|Ihre|Seine)\s+(?:[\w-]+-)?"
        r"(?:Aktie|Aktien|Papiere|Vorzugsaktie|Stammaktie)\b(?!\s+(?:je|pro|für|zurück))"
    )
)
_MACRO = Gated(
    re.compile(
        r"\b(?:China|Germany|Japan|India|Europe|America|the\s+U\.?S\.?|Britain|the\s+euro\s+zone)"
        r"(?:'s|’s)\s+(?:retail\s+sales|economy|exports|imports|GDP|inflation|industrial\s+output)|"
        r"\b(?:Industry|industry)[\w\s-]{0,30}\s(?:sales|spending|shipments|revenue)\b|"
        r"\b(?:Einzelhandelsumsatz|Einzelhandelsumsätze|Wirtschaftsleistung|Bruttoinlandsprodukt|"
        r"Branchenumsatz)\b"
    )
)
# What ends the clause a share-price or economy subject governs.
_SUBJECT_BREAK = re.compile(r"[,;.]|\b(?:und|and|while|während)\b")
_SOURCE = Gated(
    re.compile(
        r"(?i)\b(?:according\s+to|laut|zufolge|data\s+from|figures\s+from|estimates\s+by|"
        r"nach\s+Angaben\s+(?:des|der|von))\s+"
        r"(?:the\s+)?(?:(?:market\s+)?research(?:er|\s+firm|\s+company|\s+group)\s+)?"
        r"(?:Gartner|IDC|Counterpoint|Canalys|"
        r"Statista|Nielsen|Kantar|GfK|Bitkom|BDEW|HDE|VDA|Destatis|Eurostat|Trendforce|TrendForce|"
        r"Omdia|Jato|Dataforce|eMarketer|Insider\s+Intelligence|Bloomberg\s+Intelligence|"
        r"Marktforsch\w*|Branchenverband\w*|Handelsverband\w*|Verband\w*|Statistischen\s+Bundesamt\w*|"
        r"the\s+National\s+Bureau\s+of\s+Statistics)"
    )
)
_PRESENT_STOCK = Gated(
    re.compile(
        r"\b(?:beschäftigt|beschäftigen|zählt|zählen|versorgt|versorgen|betreibt|betreiben|"
        r"behandelt|behandeln|bedient|bedienen|ist\s+in|sind\s+in|employs|serves|operates|"
        r"counts|is\s+present\s+in)\b"
    )
)
_EXCLUDING = Gated(
    re.compile(
        r"(?i)\b(?:ohne|exklusive|abzüglich|bereinigt\s+um|excluding|stripping\s+out|"
        r"net\s+of|einschließlich|inklusive|including)\s+[^,;()\d]{0,60}"
    )
)
_CAUSE_WORD = r"(?i)\b(?:dank|wegen|aufgrund|infolge|thanks\s+to|due\s+to|because\s+of)\s+"
# `stieg dank der Übernahme der OTE um 4,5 Prozent`: a causal phrase up to the figure's verb.
_CAUSE = Gated(
    re.compile(_CAUSE_WORD + r"[^,;()\d]{0,80}?(?=\s+(?:um|auf|von|by|to|from)\s|[,;()]|$)")
)
# `sank wegen Währungseffekten auf ...`: the effect as a cause, not as the amount.
_CAUSE_BEFORE = re.compile(_CAUSE_WORD + r"(?:\w+\s+){0,2}$")
_PAID_IN = Gated(
    re.compile(
        r"(?i)\bin\s+(?:(?:eigenen|neuen|own|new)\s+)?(?:cash|stock|shares|bar|aktien)"
        r"(?:\s+(?:and|und|or|oder)\s+(?:cash|stock|shares|bar|aktien))?\b"
    )
)
_RESPECTIVELY = re.compile(r"(?i)^[\s\u00a0]*(?:beziehungsweise|bzw\.)[\s\u00a0]*$")
_RESPECTIVE_AND = re.compile(r"(?i)^[\s\u00a0]*(?:,\s*)?and[\s\u00a0]*$")
_RELATIVE = re.compile(
    r"(?:'s|’s)?(?:\s+(?:zurück|vorbei|voraus|nach))?\s*,\s*(?:das|die|der|den|dem|which|that|who)\b"
)
_EMBEDDED_OPEN = re.compile(
    r",\s*(?:(?:its|the|a|an)\s+[^,]{0,40}?\s+(?:which|that)|which|that|who|das|die|der|dem|den|"
    r"deren|dessen)\b[^,]*$"
)
_NUMBER_OF = re.compile(r"(?i)number|zahl")
_VALUE_LOSS = re.compile(
    r"(?i)\s+(?:of\s+(?:its\s+|their\s+)?(?:market\s+)?(?:value|capitali[sz]ation|market\s+cap)|"
    r"an\s+(?:Börsen)?[Ww]ert)"
)
_LOST_BEFORE = Gated(
    re.compile(r"(?i)\b(?:lost|loses|verlor|verloren)\s+(?:(?:about|around|nearly)\s+)?$")
)
_PEOPLE_USE = re.compile(
    r"(?i)(?:\s+\w+)?\s+(?:use|using|nutzen|nutzten|reach|erreicht)\b|\s+(?:people|Menschen)?\s*each\s+month"
)
_POINTS_THEN_LEVEL = re.compile(
    r"(?i)(?:Prozentpunkte?n?|percentage\s+points?|Basispunkte?n?|basis\s+points?)\s+"
    r"(?:auf|to)\s+(?:(?:rund|etwa|knapp|gut|about|around|nearly)\s+)?$"
)
_CLAUSE_JOIN = re.compile(r"\b(?:und|and|but|aber|while|während|damit|womit)\b")
_SHARE_NOUNS = frozenset(("aktien", "papiere", "anteilsscheine", "shares"))
_SERVED = frozenset(("märkten", "märkte", "ländern", "länder", "markets", "countries"))
_IN_BEFORE = re.compile(
    r"(?i)\b(?:in|across|auf)\s+(?:(?:mehr\s+als|über|rund|etwa|fast|knapp|more\s+than|over|about|"
    r"around|nearly)\s+)?$"
)
# `Weltweit nutzen 91 Millionen Menschen die Plattform`: the verb before the people.
_USE_BEFORE = re.compile(
    r"(?i)\b(?:nutzen|nutzten|nutzt|use|used|uses|loggten|loggen|loggt|logged)\b[^.;:]*$"
)
# What a fraction can be a share of, by the cue next to it.
_FRACTION_OF = {
    "revenue": "revenue_share",
    "revenue_share": "revenue_share",
    "market_share": "market_share",
    "market": "market_share",
    "awareness": "awareness",
    "jobs": "jobs",
    "customers": "customers",
    "stake": "stake",
}
_CLOUD = Gated(re.compile(r"(?i)cloud|wolke"))
_CLOUD_BUSINESS = re.compile(
    r"(?i)cloud[\s-]*(?:computing\s+)?(?:revenue|sales|business|unit|division|segment|"
    r"bookings|services?\s+revenue|umsatz|umsätze|geschäft|sparte|erlöse|dienste)|"
    r"(?:geschäft|business|revenue|sales|umsatz|umsätze)\s+(?:mit\s+(?:der\s+)?|in\s+(?:the\s+)?)"
    r"cloud|wolke"
)
_PRICE_CTX = Gated(
    re.compile(
        r"(?i)(?<!\bje\s)(?<!\bpro\s)(?<!\bper\s)(?<!\ba\s)(?<!market\s)(?<!Markt)"
        r"\b(?:Aktie\w*|Papiere?\w*|Kurs\w*|Börsenkurs|shares?|stock|Anteilsschein\w*)\b"
        r"[^.;]{0,90}?(?:stieg|stiegen|fiel|fielen|sank|sanken|legte\w*|verlor\w*|gewann\w*|"
        r"notiert\w*|schloss\w*|rose|fell|jumped|dropped|gained|lost|closed|traded|slumped|"
        r"soared|tumbled|rallied|kletter\w*|brach\w*|rutscht\w*|zog\w*|verteuer\w*|verbillig\w*|"
        r"sprang|sprangen|schoss|schossen|stürzt\w*|sackt\w*)"
        # `sending its shares up 4 percent`
        r"|\b(?:shares?|stock)\s+(?:up|down)\s"
        # `Nachbörslich stieg die Aktie um 6 Prozent`: the verb first.
        r"|\b(?:stieg|fiel|sank|legte|verlor|gewann|notierte|schloss|kletterte|rutschte|brach|"
        r"sprang|schoss|stürzte|sackte)"
        r"\s+(?:die|das|der)\s+(?:[\w-]+-)?(?:Aktie|Papier|Kurs)\b"
    )
)


_BARE_FY = re.compile(r"FY\d{4}$")
_SALE = Gated(
    re.compile(
        r"(?i)\b(?:verkauft\w*|verkaufen|Verkäufe\w*|veräußer\w*|sold|sells?|selling|disposals?|"
        r"divest\w*)\b"
    )
)
# `, which strip out currency swings,`; `, the cloud unit that generates most of its profit,`
# Words that make an article one about an initial public offering.
_IPO_CONTEXT = Gated(
    re.compile(
        r"Börsengang|Börsengänge|Börsendebüt|Börsenneuling|Erstnotiz|Börsenzulassung|an\s+die\s+Börse|"
        r"\bIPO|[Ii]nitial\s+public\s+offering|public\s+offering|went\s+public|go(?:es|ing)?\s+public|"
        r"(?:stock\s+market|trading)\s+debut|\blisting\b|\bflotation|Emissionspreis|Ausgabepreis"
    )
)
# What an offering brings in, in an article about an IPO.
_IPO_PROCEEDS = Gated(
    re.compile(
        r"(?i)\b(?:Volumen|Emissionsvolumen|Platzierungsvolumen|Emission|Platzierung|fließ\w*|"
        r"floss|flossen|nimmt|nehmen|nahm\w*|"
        r"einnehmen|eingenommen|Erlös|Erlöse|Emissionserlös\w*|Aktien\s+im\s+Wert\s+von|"
        r"proceeds|raised?|raising|worth\s+of\s+(?:shares|stock))\b"
    )
)
# The price of an offering's shares.
_OFFER_PRICE = Gated(
    re.compile(
        r"(?i)Ausgabepreis|Emissionspreis|Preisspanne|Preis\s+von\s+je|je\s+Aktie|"
        r"offering\s+price|price\s+range|priced|per\s+share|a\s+share\b|apiece"
    )
)
# `Insgesamt fließen Zalando aus der Platzierung rund 605 Millionen Euro zu`: money in.
_FLOWS_IN = re.compile(r"(?i)\b(?:fließ\w*|floss|flossen)\b[^.;,]*\bzu\b")
# `zum Preis von je 26,25 Euro`, `at $45 each`: a price per share right after a figure.
_OFFER_AT = re.compile(
    r"(?i)\b(?:zu|für)\s+je\s+$|\bzum\s+(?:Ausgabe)?[Pp]reis\s+von\s+(?:je\s+)?$"
)
# Words of venture funding: money a start-up raises is money invested in it.
_FUNDING = re.compile(
    r"Finanzierungsrunde|Investoren|Geldgeber|Risikokapital|Wagniskapital|[Ff]unding|"
    r"[Ff]inancing\s+round|[Ss]eries\s+[A-F]\b|[Vv]enture\s+capital|[Ii]nvestors"
)
# The last day of a month (`2024-09-30`), the date of a balance rather than an event.
_MONTH_END_DAY = re.compile(r"\d{4}-(?:(?:01|03|05|07|08|10|12)-31|(?:04|06|09|11)-30|02-2[89])")
# `Das sind 39 Prozent mehr als im Vorjahr.`: a sentence about the figure before it.
_BACK_REFERENCE = re.compile(
    r"(?:Das|Dies|That|This)\s+(?:sind|ist|war|waren|entspricht|entsprach|bedeutet|bedeutete|"
    r"is|was|represents|represented|marks|marked)\b"
)
# Level metrics whose percent change a back reference can carry.
_GROWING = ("revenue", "profit", "order_intake", "units", "customers", "jobs", "investment")
_ASIDE = re.compile(
    r",\s+(?:(?:the|a|an|its)\s+[^,;:()]{2,40}?\s+(?:that|which|who)|which|who)\s+[^,;:()]{3,90}?,"
    # `Gross bookings, the total value of rides and food deliveries, grew`: an apposition.
    r"|,\s+the\s+(?:total\s+)?value\s+of\s+[^,;:()\d]{3,80}?,"
)
_VAGUE_BEFORE = re.compile(
    r"(?i)\b(?:several|a\s+few|many|some|mehrere|einige|ein\s+paar|etliche|viele)\s+$"
)
_OLD_VALUE_HINT = Gated(
    re.compile(r"nach |from |gegenüber|verglichen|compared|versus", re.IGNORECASE)
)
_BIOGRAPHY_HINT = Gated(
    re.compile(
        r"joined|returned|took|was (?:appointed|named|hired)|stepped|succeeded|Spitze|Vorsitz|"
        r"ernannt|berufen|im Amt|in office|at the helm"
    )
)
_OLD_VALUE_PERIOD = re.compile(
    r"(?i)(?:\bnach|\bfrom|\bgegenüber|\bverglichen\s+mit|\bcompared\s+with|\bversus)\s+"
    r"(?:rund\s+|etwa\s+|knapp\s+|about\s+|around\s+)?[$€£]?\s?\d[\d.,]*\s*"
    r"(?:[^\s\d,;]+\s+){0,3}?$"
)
_FX_EFFECT = Gated(
    re.compile(
        r"(?i)(?:Währungs|Wechselkurs|Devisen)\w*effekt\w*|(?:currency|foreign[\s-]exchange|fx)\s+"
        r"(?:effects?|impacts?|headwinds?|translation)"
    )
)
_FX_NEGATIVE = re.compile(
    r"(?i)negativ\w*|belast\w*|drück\w*|schmäler\w*|minder\w*|kostete\w*|headwind\w*|"
    r"hurt|weigh\w*|reduc\w*|cut|dragg?\w*|unfavo\w*|adverse\w*"
)
_BACKLOG = Gated(re.compile(r"(?i)Auftragsbestand\w*|Auftragspolster\w*|backlog|order\s+book"))


@dataclass(frozen=True)
class Gates:
    """Each rule group of a pack merged into one regex, and the pack's sentence and window
    patterns gated by their needles (needles.py); built once per pack."""

    not_a_figure: re.Pattern[str]
    unit_after: re.Pattern[str]
    periods: re.Pattern[str]
    specials: Gated  # fractions, magnitudes, multiples
    up: Gated
    down: Gated
    needles: re.Pattern[str]  # every period rule's needles
    figure_prefixes: Gated  # word beginnings that can start a figure
    # Which period rules (by index, in pack order) a needle lets through; rules without
    # needles are always tried.
    needle_rules: dict[str, frozenset[int]]
    always_rules: frozenset[int]
    # The pack's patterns read in the few words before each figure.
    ratio_before: Gated
    qualifier_before: Gated
    change_before: Gated
    converted: Gated
    hypothetical: Gated


_GATES: dict[str, Gates] = {}


def gates_for(pack: LangPack) -> Gates:
    found = _GATES.get(pack.code)
    if found is None:
        found = Gates(
            gate([r.pattern for r in pack.not_a_figure]),
            gate([r.pattern for r in pack.unit_after]),
            gate([r.pattern for r in pack.periods]),
            Gated(gate([r.pattern for r in (*pack.fractions, *pack.magnitudes, *pack.multiples)])),
            Gated(pack.up),
            Gated(pack.down),
            re.compile(
                "|".join(
                    re.escape(n)
                    for n in sorted(
                        {n for r in pack.periods for n in r.needles}, key=len, reverse=True
                    )
                )
            ),
            Gated(
                re.compile(r"\b(?:" + "|".join(re.escape(p) for p in pack.figure_prefixes) + ")")
            ),
            {
                n: frozenset(i for i, r in enumerate(pack.periods) if n in r.needles)
                for r in pack.periods
                for n in r.needles
            },
            frozenset(i for i, r in enumerate(pack.periods) if not r.needles),
            Gated(pack.ratio_before),
            Gated(pack.qualifier_before),
            Gated(pack.change_before),
            Gated(pack.converted),
            Gated(pack.hypothetical),
        )
        _GATES[pack.code] = found
    return found


@dataclass(slots=True)
class Figure:
    """A number widened to its figure: value, unit kind, qualifier, span in the sentence."""

    start: int
    end: int
    value: Decimal
    num_start: int
    num_end: int
    kind: str = "none"
    currency: str | None = None
    bound: str = "exact"
    high: Decimal | None = None
    scaled: bool = False
    scale: Decimal = Decimal(1)
    noun_tags: tuple[str, ...] = ()
    noun_end: int = -1
    noun_word: str = ""
    change: bool = False
    old: bool = False
    converted: bool = False
    fraction: bool = False
    word: bool = False
    multiple: bool = False
    comparison: str | None = None  # prior_year / prior_period for `(Vorjahr: X)`
    notes: list[str] = field(default_factory=list)
    partner: Figure | None = None  # the main figure of a comparison in parentheses
    respective: int = -1  # place in `2,40 beziehungsweise 2,04 Millionen` (0, 1, ...)


class PeriodMention(NamedTuple):
    start: int
    end: int
    value: str | None
    kind: str
    text: str
    #: the value before it was read in the sentence subject's fiscal calendar
    raw: str | None = None


@dataclass(slots=True)
class Reading:
    """What a figure says: metric, signed value and unit."""

    metric: str
    value: Decimal
    unit: str
    high: Decimal | None = None
    notes: tuple[str, ...] = ()


class Extractor:
    """Extracts claims from one article with one language pack."""

    def __init__(self, article: Article, pack: LangPack, gaz: Gazetteer) -> None:
        self.article = article
        self.pack = pack
        self.lang = pack.code
        self.lex = LEXICONS[pack.code]
        self.ref = Ref.parse(article.published)
        self.tracker = Tracker(gaz, pack)
        # Whether a company is named before the figure being read (set per figure).
        self._subject_before = False
        # The level metric the last sentence with claims was about.
        self._last_metric: str | None = None
        # The last quarter the article reported on (`in the quarter`).
        self._last_quarter: str | None = None
        self._aside_of: str | None = None
        self._asides: list[tuple[int, int]] = []
        # The fiscal calendar (month the fiscal year ends) of the company being written about.
        self._fy_end: int | None = None
        # The companies named in the sentence that set the article's frame.
        self._carry_group: frozenset[str] = frozenset()
        # An event day (Singles Day) the article is telling about: company, segment, date.
        self._event: tuple[str, str, str] | None = None
        # The metric of the last claim of the sentence just before (None if it had none).
        self._just_before: str | None = None
        # Per sentence: where share-price and economy subjects end, and an outside source.
        self._blockers: tuple[str, list[int], bool] = ("", [], False)
        self.gates = gates_for(pack)
        self.gaz = gaz
        self._ipo: bool | None = None  # whether the article is about an IPO (read lazily)
        self._ipo_company: str | None = None  # the company going public, once named
        self._currency: str | None = None  # the currency of the last amount read
        self._subject: str | None = None  # the company the sentence names first, by name
        self._prev_subject: str | None = None  # the same for the sentence before
        self._ipo_headline: str | None = None  # the one the headline says goes public
        self._number_word = pack.number_word
        # Per-sentence memos (the sentence they were computed for, by identity).
        self._price_sentence: str | None = None
        self._price_match: re.Match[str] | None = None
        self._direction_sentence: str | None = None
        self._direction_words: list[tuple[int, int, int, str]] = []
        self._folded_sentence: str | None = None
        self._folded: str | None = None
        self._distance_sentence: str | None = None
        self._distances: dict[tuple[int, int], int] = {}
        self._noun_after = re.compile(
            r"[\s\u00a0]+(?:(?:[a-zäöüß][\w-]*|\d[\d.,]*)[\s\u00a0]+){0,3}?(?P<noun>[A-ZÄÖÜ][\w-]*|[ie][A-Z][\w-]*)"
            if self.lang == "de"
            else r"[\s\u00a0]+(?:(?:[a-z][\w-]*)[\s\u00a0]+){0,2}?(?P<noun>[a-z][\w-]*)"
        )

    # ------------------------------------------------------------------ numbers -> figures

    def numbers(self, s: str) -> list[tuple[int, int, Decimal, bool]]:
        out: list[tuple[int, int, Decimal, bool]] = []
        for m in _DIGITS.finditer(s):
            value = parse_digits(m.group("d"), self.lang)
            if value is None:
                continue
            if m.group("neg"):
                if _RANGE_SECOND.match(s, m.start("d")):
                    continue  # `23 - 27%`: the dash joins a range, it is no minus sign
                value = -value
            out.append((m.start(), m.end(), value, False))
        if "-" in s or "–" in s or "−" in s:
            for m in _RANGE_SECOND.finditer(s):
                value = parse_digits(m.group(), self.lang)
                if value is not None:
                    out.append((m.start(), m.end(), value, False))
        for m in self._number_word.finditer(s):
            word = m.group()
            value = parse_word(word, self.lang)
            if value is None:
                continue
            if (
                word.lower() in _ONE_WORDS
                and not self.pack.scale_after.match(s, m.end())
                and not _PERCENT_AFTER.match(s, m.end())
            ):
                continue  # `ein`, `one`: an article, unless `ein Prozent weniger`
            out.append((m.start(), m.end(), value, True))
        out.sort()
        return out

    def figures(self, s: str) -> list[Figure]:
        pack = self.pack
        not_a_figure = self.gates.not_a_figure
        not_before = pack.not_a_figure_before
        figs: list[Figure] = []
        for start, end, value, is_word in self.numbers(s):
            if not_a_figure.match(s, start) or not_before.search(s, max(0, start - 14), start):
                continue
            fig = Figure(start, end, value, start, end, word=is_word)
            pos = end
            m = pack.scale_after.match(s, pos)
            if m:
                fig.scale = pack.scale_value(m.group("scale"))
                fig.value *= fig.scale
                fig.scaled = True
                pos = m.end()
            pos = self._unit(s, fig, pos)
            if fig.kind == "none" and self._inside_paren(s, start):
                m2 = _TO_PAREN_END.match(s, pos)
                if m2:
                    pos2 = self._unit(s, fig, m2.end(), scale=not fig.scaled)
                    if fig.kind != "none":
                        pos = pos if pos2 <= m2.end() else pos2
            if fig.kind == "none":
                m3 = _PAREN_AFTER.match(s, pos)
                if m3:
                    probe = Figure(start, end, Decimal(1), start, end)
                    self._unit(s, probe, m3.end(), scale=not fig.scaled)
                    if probe.kind != "none":
                        fig.kind, fig.currency = probe.kind, probe.currency
                        if probe.scaled:
                            fig.value *= probe.scale
                            fig.scale = probe.scale
                            fig.scaled = True
            fig.end = pos
            before = s[max(0, start - 8) : start]
            cm = pack.currency_before.search(before)
            if cm:
                fig.currency = pack.currencies.get(cm.group("cur").lower(), "USD")
                fig.kind = "money"
                fig.start = start - (len(before) - cm.start())
            if is_word and fig.value == 1 and not fig.scaled and fig.kind not in ("percent", "pp"):
                continue
            if is_word and _VAGUE_BEFORE.search(s, max(0, start - 14), start):
                continue  # `several hundred workers`, `mehrere tausend Stellen`: no figure

            self._noun(s, fig)
            if fig.kind == "none" and not fig.noun_tags:
                # A bare number: kept only as a possible partner of a range or change.
                fig.kind = "bare"
            self._left(s, fig)
            figs.append(fig)
        if self.gates.specials.search(s, self._fold(s)):
            fractions = self._fractions(s)
            if fractions:
                # `one in four of its workers`: the number inside a fraction is not a figure.
                figs = [
                    f
                    for f in figs
                    if not any(q.start <= f.num_start and f.num_end <= q.end for q in fractions)
                ]
            figs.extend(fractions)
            figs.extend(self._magnitudes(s))
        figs.sort(key=lambda f: f.start)
        figs = self._join(s, figs)
        return [f for f in figs if f.kind != "bare" or self._countable(s, f)]

    def _has_figure_word(self, s: str) -> bool:
        lowered = s.lower()
        if not self.pack.figure_words.isdisjoint(_TOKEN.findall(lowered)):
            return True
        if ("prozent" in lowered or "percent" in lowered) and _ONE_PERCENT.search(lowered):
            return True  # `um ein Prozent`, `one percent`
        return bool(self.gates.figure_prefixes.search(lowered, lowered))

    def _countable(self, s: str, fig: Figure) -> bool:
        """A bare number (`auf 1.200`) counts when a count cue stands close by."""
        if (
            fig.word
            or fig.value < 2
            or (fig.value != fig.value.to_integral_value() and not fig.scaled)
            or s[fig.num_end : fig.num_end + 1] == "-"  # `300-Millimeter-Wafer`
        ):
            return False
        left = s[max(0, fig.start - 20) : fig.start]
        return bool(_BARE_LEFT.search(left)) or fig.bound != "exact"

    def _magnitudes(self, s: str) -> list[Figure]:
        """`ein zweistelliger Millionenbetrag` (at least 10 million), `verdoppelt` (+100 %)."""
        out: list[Figure] = []
        for rule in self.pack.magnitudes:
            for m in rule.pattern.finditer(s):
                spec = rule.value
                assert isinstance(spec, tuple)
                amount, kind = Decimal(spec[0]), str(spec[1])
                fig = Figure(m.start(), m.end(), amount, m.start(), m.end(), kind=kind)
                if kind == "money":
                    cur = self.pack.currency_after.search(s)
                    fig.currency = (
                        self.pack.currencies[" ".join(cur.group("cur").lower().split())]
                        if cur
                        else ("EUR" if self.lang == "de" else "USD")
                    )
                    fig.bound = "lower"
                elif kind == "percent":
                    fig.bound = "lower"
                    fig.change = True
                self._left(s, fig)
                out.append(fig)
        for rule in self.pack.multiples:
            for m in rule.pattern.finditer(s):
                value = rule.value
                assert isinstance(value, Decimal)
                fig = Figure(m.start(), m.end(), value, m.start(), m.end(), kind="multiple")
                self._left(s, fig)
                after = _MULT_AFTER.match(s, m.end())
                if after:
                    # `verdoppelte sich nahezu`, `verneunfachte sich mehr als`
                    fig.bound = "lower" if "mehr" in after.group(1).lower() else "approx"
                    fig.end = after.end()
                out.append(fig)
        return out

    def _inside_paren(self, s: str, pos: int) -> bool:
        return s.rfind("(", 0, pos) > s.rfind(")", 0, pos)

    def _unit(self, s: str, fig: Figure, pos: int, scale: bool = False) -> int:
        pack = self.pack
        if scale:
            m = pack.scale_after.match(s, pos)
            if m:
                fig.scale = pack.scale_value(m.group("scale"))
                fig.value *= fig.scale
                fig.scaled = True
                pos = m.end()
        m = pack.currency_after.match(s, pos)
        if m:
            fig.kind = "money"
            word = " ".join(m.group("cur").lower().split())
            currency = pack.currencies[word]
            if currency.endswith("/100"):
                # `70 Cent`, `23 cents`, `390p`: hundredths of the currency; a bare `Cent` of
                # the currency the article has been counting in (`10 Cent` at Nvidia: dollars).
                currency = currency[:-4]
                if word in _BARE_CENTS and self._currency in _CENT_CURRENCIES:
                    currency = self._currency
                fig.value /= 100
            else:
                self._currency = currency
            fig.currency = currency
            return m.end()
        if self.gates.unit_after.match(s, pos):
            for rule in pack.unit_after:
                m = rule.pattern.match(s, pos)
                if m:
                    fig.kind = str(rule.value)
                    return m.end()
        return pos

    def _noun(self, s: str, fig: Figure) -> None:
        m = self._noun_after.match(s, fig.end)
        if not m:
            return
        if _NOUN_GAP_PUNCT.search(s, fig.end, m.start("noun")):
            return
        if self.lang == "de" and _LATER_NUMBER.search(s, fig.end, m.start("noun")):
            # `Vom Model 3 wurden 79 600 Exemplare übergeben`: a verb and another number stand
            # between; the noun is that number's.
            return
        word = m.group("noun")
        tags = tuple(t for t, head in self.lex.lookup(word) if head)
        end = m.end()
        if self.lang == "en":
            # English nouns are lower-case: the first of the next words that is a cue
            # (`2 billion monthly users`, `5,000 new jobs`).
            tags = ()
            first: tuple[tuple[str, ...], str, int] | None = None
            for w in _EN_NEXT_WORD.finditer(s, fig.end, min(len(s), fig.end + 40)):
                if w.start() != end and w.start() > fig.end and s[end : w.start()].strip():
                    break
                found = tuple(t for t, head in self.lex.lookup(w.group(1)) if head)
                end = w.end()
                if "not_a_claim" in found and first is None:
                    # `in five years as demand for computers`: a duration, whatever follows.
                    tags, word = found, w.group(1)
                    break
                if any(t in _COUNT_METRICS for t in found):
                    # `221.6 million paid memberships`: the counted noun, past adjectives.
                    tags, word = found, w.group(1)
                    break
                if found and first is None:
                    first = (found, w.group(1), w.end())
            if not tags and first is not None:
                tags, word, end = first
            if not tags:
                return
        if (
            fig.kind == "none"
            and word.lower() in _SHARE_NOUNS
            and tags in ((), ("price",))
            and (fig.scaled or fig.value >= 1000)
        ):
            # `150 Millionen Aktien`, `180 million new shares`: a number of shares (sold in an
            # offering, bought back) is a count, however much `shares` also says share price.
            tags = ("other",)
            fig.kind, fig.end = "count", end
        fig.noun_tags = tags
        fig.noun_end = end
        fig.noun_word = word
        if fig.kind == "none" and any(METRICS.get(t) and METRICS[t].unit == "count" for t in tags):
            fig.kind = "count"
            fig.end = end
        elif fig.kind == "none" and "not_a_claim" in tags:
            fig.kind = "bare"

    def _left(self, s: str, fig: Figure) -> None:
        pack = self.pack
        gates = self.gates
        left = s[max(0, fig.start - 50) : fig.start]
        m = gates.ratio_before.search(left, self._fold(s, max(0, fig.start - 50), fig.start))
        if m:
            fig.kind = "ratio"
            fig.start -= len(left) - m.start()
            left = s[max(0, fig.start - 50) : fig.start]
        folded_left = self._fold(s, max(0, fig.start - 50), fig.start)
        m = gates.qualifier_before.search(left, folded_left)
        if m:
            q = " ".join(m.group("q").lower().split())
            for rule in pack.qualifiers:
                if rule.pattern.fullmatch(q):
                    fig.bound = str(rule.value)
                    break
            fig.start -= len(left) - m.start()
            left = s[max(0, fig.start - 50) : fig.start]
            folded_left = self._fold(s, max(0, fig.start - 50), fig.start)
        near = s[max(0, fig.start - 40) : fig.start]
        folded_near = self._fold(s, max(0, fig.start - 40), fig.start)
        if fig.bound == "exact" and _MARK_PASSED.search(s, max(0, fig.start - 70), fig.start):
            # `übersprang die Marke von 100 Milliarden Dollar`, `crossed the $1 trillion
            # mark`: a threshold passed is a lower bound.
            fig.bound = "lower"
        if gates.change_before.search(near, folded_near):
            fig.change = True
        if gates.converted.search(left, folded_left):
            fig.converted = True
            fig.notes.append("converted amount")
        cm = _COMPARISON_LABEL.search(near, folded_near)
        if cm:
            label = cm.group().lower()
            fig.comparison = (
                "prior_year"
                if "vorjahr" in label or "year" in label
                else "prior_period"
                if ("quartal" in label or "monat" in label or "quarter" in label)
                else "prior_year"
            )

    def _fractions(self, s: str) -> list[Figure]:
        out: list[Figure] = []
        for rule in self.pack.fractions:
            table = rule.value
            assert isinstance(table, dict)
            for m in rule.pattern.finditer(s):
                groups = m.groupdict()
                if groups.get("den"):
                    den = table[groups["den"].lower().rstrip("nrs") or groups["den"].lower()]
                    num = 1
                else:
                    den = table[groups["part"].lower()]
                    word = groups.get("num")
                    num = int(parse_word(word, self.lang) or 1) if word else 1
                value = (Decimal(num) * _HUNDRED / Decimal(den)).quantize(_CENT, ROUND_HALF_UP)
                start = m.start() + (len(m.group()) - len(m.group().lstrip()))
                end = m.start() + len(m.group().rstrip())
                fig = Figure(start, end, value.normalize(), start, end, kind="percent")
                fig.fraction = True
                self._noun(s, fig)
                self._left(s, fig)
                out.append(fig)
        return out

    def _join(self, s: str, figs: list[Figure]) -> list[Figure]:
        """Ranges (`5 bis 6 Mrd.`), shared units (`von 5 auf 6,2 Millionen Geräte`) and
        comparison values in parentheses (`X (Vorjahr: Y) Mio. Euro`)."""
        pack = self.pack
        out: list[Figure] = []
        i = 0
        while i < len(figs):
            a = figs[i]
            b = figs[i + 1] if i + 1 < len(figs) else None
            if (
                b is not None
                and a.kind == "money"
                and b.kind == "bare"
                and b.scaled
                and b.currency is None
                and pack.range_joint.match(s[a.end : b.start])
                and s[a.end : b.start].strip() in ("-", "–", "−")
            ):
                # `$3-4bn`: the second number of a dashed range takes the first's currency.
                b.kind, b.currency = "money", a.currency
            if (
                b is not None
                and b.kind == "bare"
                and a.kind in ("money", "count")
                and _EARLIER_VALUE.fullmatch(s[a.end : b.start])
            ):
                # `482 Millionen Dollar, nach 214 Millionen ein Jahr zuvor`: the earlier value
                # is in the unit of the later one.
                b.kind, b.currency = a.kind, a.currency
                b.noun_tags, b.noun_end = a.noun_tags, a.noun_end
                if a.scaled and not b.scaled and b.value * a.scale <= 10 * a.value:
                    b.value *= a.scale
                    b.scale, b.scaled = a.scale, True
            if b is not None and a.kind in ("bare", "none", b.kind) and not a.fraction:
                gap = s[a.end : b.start]
                gap_num = s[a.num_end : b.start] if a.kind == "bare" else gap
                if pack.range_joint.match(gap_num) or pack.range_joint.match(gap):
                    joint = (gap_num if pack.range_joint.match(gap_num) else gap).strip().lower()
                    needs_open = joint in ("und", "and", "oder", "or", "bzw.")
                    opened = bool(pack.range_open.search(s[max(0, a.start - 30) : a.start]))
                    if joint not in ("bzw.", "oder", "or") and (not needs_open or opened):
                        self._share_unit(a, b)
                        if a.value <= b.value or a.kind == "bare":
                            lo = a.value
                            bound = "range"
                            merged = Figure(
                                a.start,
                                b.end,
                                lo,
                                a.num_start,
                                b.num_end,
                                kind=b.kind,
                                currency=b.currency,
                                bound=bound,
                                high=b.value,
                                scaled=b.scaled,
                                scale=b.scale,
                                noun_tags=b.noun_tags,
                                noun_end=b.noun_end,
                                noun_word=b.noun_word,
                                change=a.change,
                                converted=a.converted,
                                notes=a.notes + b.notes,
                            )
                            out.append(merged)
                            i += 2
                            continue
                if any(_RESPECTIVELY.match(g) for g in (gap, gap_num)) or (
                    any(_RESPECTIVE_AND.match(g) for g in (gap, gap_num))
                    and "respectively" in s[b.end : b.end + 40]
                ):
                    # `BMW und Mercedes-Benz lieferten 2,40 beziehungsweise 2,04 Millionen
                    # Fahrzeuge aus`: values in the order of the companies.
                    self._share_unit(a, b)
                    a.respective = 0 if a.respective < 0 else a.respective
                    b.respective = a.respective + 1
                ft = pack.from_to.match(gap_num) or pack.from_to.match(gap)
                if ft:
                    self._share_unit(a, b)
                    word = ft.group().strip().lower().lstrip(")").strip()
                    if word.startswith(("auf", "to")):
                        if re.search(
                            r"(?i)(?:von|from)\s+(?:\S+\s+)?$", s[max(0, a.start - 12) : a.start]
                        ):
                            a.old = True
                    elif word.startswith(
                        (
                            "von",
                            "from",
                            "nach",
                            ", nach",
                            "gegenüber",
                            "compared",
                            "versus",
                            "vs",
                            "against",
                            "up from",
                            "down from",
                        )
                    ):
                        b.old = True
                        b.partner = a  # `from $20.5 billion`: the same metric, a period before
            out.append(a)
            i += 1
        for k, f in enumerate(out):
            # `30.000 Stellen ..., davon 23.000 in Deutschland`: the part has the whole's unit.
            if (
                k > 0
                and f.kind == "bare"
                and (
                    _PART_OF.search(s[max(0, f.start - 25) : f.start])
                    or _PART_OF_AFTER.match(s, f.end)
                )
            ):
                whole = out[k - 1]
                f.kind, f.currency, f.noun_tags = whole.kind, whole.currency, whole.noun_tags
                if whole.scaled and not f.scaled:
                    f.value *= whole.scale
                    f.scale, f.scaled = whole.scale, True
        # A comparison in parentheses borrows the unit of its main figure and vice versa.
        for k, f in enumerate(out):
            if (
                not f.comparison
                and k > 0
                and f.partner is None
                and f.kind == "money"
                and out[k - 1].kind == "money"
                and _CONVERSION_GAP.match(s[out[k - 1].end : f.start])
            ):
                # `63 Mrd.Dollar (etwa 54 Milliarden Euro)`: the same figure in another currency.
                f.partner = out[k - 1]
            if f.comparison and k > 0:
                main = out[k - 1]
                f.partner = main
                if f.kind in ("bare", "none") and main.kind not in ("bare", "none"):
                    f.kind, f.currency = main.kind, main.currency
                    if main.scaled and not f.scaled:
                        f.value *= main.scale
                        f.scale = main.scale
                        f.scaled = True
                elif main.kind in ("bare", "none") and f.kind not in ("bare", "none"):
                    main.kind, main.currency = f.kind, f.currency
                    if f.scaled and not main.scaled:
                        main.value *= f.scale
                        main.scale = f.scale
                        main.scaled = True
        return out

    def _share_unit(self, a: Figure, b: Figure) -> None:
        """`5 bis 6 Mrd. Euro`: the first number takes the second's scale and unit."""
        if a.kind in ("bare", "none") and b.kind not in ("bare", "none"):
            a.kind, a.currency = b.kind, b.currency
            a.noun_tags, a.noun_end = b.noun_tags, b.noun_end
        if b.scaled and not a.scaled and not a.value * b.scale > 10 * abs(b.value):
            # `um 210.000 auf 28,61 Millionen`: a first number written out in full that the
            # scale would make far larger than the second keeps its own value.
            a.value *= b.scale
            a.scale = b.scale
            a.scaled = True
        if a.kind == "money" and b.kind == "money" and a.currency is None:
            a.currency = b.currency

    # ------------------------------------------------------------------ reading a figure

    def _distance(self, s: str, a0: int, a1: int, b0: int, b1: int) -> int:
        lo, hi = (a1, b0) if a1 <= b0 else (b1, a0)
        if lo >= hi:
            return 0
        if s is not self._distance_sentence:
            # A figure's distances to the same words are asked for by several readings.
            self._distance_sentence = s
            self._distances = {}
        found = self._distances.get((lo, hi))
        if found is None:
            between = s[lo:hi]
            found = (
                (hi - lo) + 40 * len(_COMMA.findall(between)) + 400 * len(_STRONG.findall(between))
            )
            self._distances[(lo, hi)] = found
        return found

    def _nearest(
        self, s: str, fig: Figure, cues: Sequence[Cue], tags: Sequence[str], limit: int = 400
    ) -> tuple[Cue | None, int]:
        best: Cue | None = None
        best_d = limit
        if s is not self._aside_of:
            self._aside_of = s
            self._asides = [(m.start(), m.end()) for m in _ASIDE.finditer(s)] if ", " in s else []
        asides = self._asides
        for c in cues:
            if c.tag not in tags or (fig.start <= c.start < fig.end and c.end <= fig.end):
                continue
            if asides and any(a <= c.start < b and not (a <= fig.start < b) for a, b in asides):
                # `Organic sales, which strip out currency swings and acquisitions, rose 2.9%`:
                # a word in a relative clause does not name what the figure measures.
                continue
            d = self._distance(s, fig.start, fig.end, c.start, c.end)
            if c.start >= fig.end:
                d = int(d * 1.15) + 2
            if d < best_d:
                best, best_d = c, d
        return best, best_d

    def _fold(self, s: str, start: int = 0, end: int | None = None) -> str | None:
        """The sentence (or s[start:end]) lower-cased for the needles of gated patterns (see
        needles.py); the sentence is folded once."""
        if s is not self._folded_sentence:
            self._folded_sentence = s
            self._folded = fold(s)
        folded = self._folded
        if folded is None or (start == 0 and end is None):
            return folded
        # fold() keeps offsets (it refuses the one letter lower() would lengthen).
        return folded[start:end]

    def _price_context(self, s: str) -> re.Match[str] | None:
        """`_PRICE_CTX` in the sentence, searched once per sentence."""
        if s is not self._price_sentence:
            self._price_sentence = s
            self._price_match = _PRICE_CTX.search(s, self._fold(s))
        return self._price_match

    def _direction(self, s: str, fig: Figure) -> int:
        """+1 for a rise, -1 for a fall, 0 when the clause says neither."""
        if s is not self._direction_sentence:
            # The rise and fall words of the sentence, found once for all its figures.
            self._direction_sentence = s
            self._direction_words = [
                (sign, m.start(), m.end(), m.group())
                for sign, pattern in ((1, self.gates.up), (-1, self.gates.down))
                for m in pattern.finditer(s, self._fold(s))
            ]
        best = 0
        best_d = 10**6
        for sign, start, end, word in self._direction_words:
            if fig.start <= start < fig.end:
                continue
            d = self._distance(s, fig.start, fig.end, start, end)
            if sign > 0 and _NEUTRAL_CHANGE.fullmatch(word):
                # `im Jahresvergleich`, `year on year`: a comparison, not a direction; an
                # explicit verb (`sank`) wins.
                d += 120
            if d < best_d and d < 160:
                best, best_d = sign, d
        return best

    def read(self, s: str, fig: Figure, cues: Sequence[Cue]) -> Reading | None:
        kind = fig.kind
        # Analysts' and observers' figures are not the company's claims.
        blocker, _ = self._nearest(s, fig, cues, ("analyst",), 100)
        if blocker is not None and (
            blocker.start < fig.start
            or not (
                _COMMA_OR_SEMI.search(s[fig.end : blocker.start])
                or _CLAUSE_JOIN.search(s[fig.end : blocker.start])
            )
        ):
            # (`... auf 4,19 Milliarden Dollar und blieb hinter den Erwartungen zurück`: a
            # clause of its own compares the company's figure; it stays the company's.)
            return None
        if self.gates.hypothetical.search(
            s[max(0, fig.start - 40) : fig.start], self._fold(s, max(0, fig.start - 40), fig.start)
        ):
            return None
        if (
            kind == "money"
            and fig.currency is not None
            and _OFFER_AT.search(s, max(0, fig.start - 25), fig.start)
            and self._ipo_article()
        ):
            # `Die Papiere wurden zu je 68 Dollar zugeteilt`: an offering's price, not a
            # share price on the market.
            return Reading("other", fig.value, fig.currency, notes=(*fig.notes, "offer price"))
        if self._not_company_figure(s, fig):
            # `Die Aktie ... sprang um 17 Prozent`, `China's retail sales grew 7.6%`,
            # `..., according to Gartner`: share prices, economies and markets.
            return None
        value = fig.value
        notes: list[str] = list(fig.notes)
        if _VALUE_LOSS.match(s, fig.end):
            # `lost 65% of their value`, `erasing $40bn of market value`: not the company's.
            return None
        # `Die T-Aktie notierte bei 15,20 Euro`, `shares lost 65% of their value`: unless a
        # business measure is named between the share and the figure, it is the share price.
        price = self._price_context(s)
        if (
            price
            and price.start() < fig.start
            and kind in ("percent", "money", "percent_adj")
            and not any(
                price.start() <= c.start < fig.start and c.tag in METRICS and c.tag != "other"
                for c in cues
            )
        ):
            return None
        if kind == "multiple":
            metric = self._level_metric(s, fig, cues)
            if metric is None:
                return None
            return Reading(
                f"{metric}_growth", value, "percent", notes=(*notes, s[fig.start : fig.end])
            )
        if kind == "bare":
            cue, _ = self._nearest(s, fig, cues, (*_COUNT_METRICS, "other"), 110)
            if (
                cue is not None
                and cue.tag == "other"
                and not _NUMBER_OF.search(s[cue.start : cue.end])
            ):
                cue, _ = self._nearest(s, fig, cues, _COUNT_METRICS, 110)
            if cue is None:
                return None
            fig.noun_tags = (cue.tag,)
            return self._read_count(s, fig, cues, notes)
        if kind == "per_second":
            return Reading("order_rate", value, "orders/s", notes=tuple(notes))
        if kind == "m2":
            return Reading("other", value, "m2", notes=(*notes, "floor area"))
        if kind in ("pp", "bp"):
            if self._price_context(s):
                return None
            v = value / _HUNDRED if kind == "bp" else value
            sign = -1 if self._direction(s, fig) < 0 and v > 0 else 1
            return Reading("other", v * sign, "pp", notes=(*notes, "change in percentage points"))
        if kind in ("times", "fold", "ratio"):
            direction = self._direction(s, fig)
            if (
                kind == "fold"
                and direction != 0
                and not re.search(
                    r"(?i)so\s+(?:viel|groß|hoch)|as\s+(?:much|many|large|big)|than|als|wie",
                    s[fig.end : fig.end + 40],
                )
            ):
                metric = self._level_metric(s, fig, cues)
                if metric is None:
                    return None
                return Reading(
                    f"{metric}_growth",
                    (value - 1) * _HUNDRED,
                    "percent",
                    notes=(*notes, f"{value}-fold"),
                )
            return Reading("ratio", value, "ratio", notes=tuple(notes))
        if kind in ("percent", "percent_adj"):
            return self._read_percent(s, fig, cues, notes)
        if kind == "money":
            return self._read_money(s, fig, cues, notes)
        if kind == "count" or fig.noun_tags:
            return self._read_count(s, fig, cues, notes)
        return None

    def _level_metric(self, s: str, fig: Figure, cues: Sequence[Cue]) -> str | None:
        cue, _ = self._nearest(s, fig, cues, _LEVEL_METRICS, 260)
        return None if cue is None else cue.tag

    def _read_percent(
        self, s: str, fig: Figure, cues: Sequence[Cue], notes: list[str]
    ) -> Reading | None:
        value = fig.value
        if fig.fraction:
            # `ein Viertel des GMV`, `jeder dritte Euro Umsatz`, `more than half of revenue`:
            # a fraction is a share of what it is a fraction of, never a growth rate.
            cue, _ = self._nearest(s, fig, cues, tuple(_FRACTION_OF), 90)
            if fig.change or _INCREASE_OF.search(s, max(0, fig.start - 30), fig.start):
                # `Das entspricht einem Zuwachs von einem Drittel`: growth of what the text
                # was about.
                level, _ = self._nearest(s, fig, cues, _LEVEL_METRICS, 120)
                base = level.tag if level is not None else self._last_metric
                if base in _LEVEL_METRICS and base not in ("stake", "valuation"):
                    sign = -1 if self._direction(s, fig) < 0 else 1
                    return Reading(f"{base}_growth", value * sign, "percent", notes=tuple(notes))
            if cue is None:
                return None
            metric = _FRACTION_OF[cue.tag]
            return Reading(metric, value, "percent", notes=tuple(notes))
        price, price_d = self._nearest(s, fig, cues, ("price",), 200)
        market, market_d = self._nearest(s, fig, cues, ("market",), 120)
        if fig.kind == "percent_adj" and fig.noun_tags:
            noun = fig.noun_tags[0]
            if noun in ("stake",):
                return Reading("stake", value, "percent", notes=tuple(notes))
        share_of = _SHARE_OF[self.lang].match(s, fig.end)
        if share_of and not fig.change:
            w = share_of.group("w").lower()
            metric = next((m for k, m in _SHARE_WORDS if k in w), "revenue_share")
            return Reading(metric, value, "percent", notes=tuple(notes))
        # A noun right after the figure (`Prozent der Mitarbeiter`, `Prozent des Umsatzes`).
        adjacent = [c for c in cues if 0 <= c.start - fig.end <= 6 and c.head]
        for c in adjacent:
            if c.tag in ("revenue_share", "market_share", "stake"):
                return Reading(c.tag, value, "percent", notes=tuple(notes))
        if (
            not fig.change
            and _STAKE_AFTER.match(s, fig.end)
            and (
                _ACQUIRE_BEFORE.search(s, max(0, fig.start - 70), fig.start)
                or _SHARE_BEFORE.search(s, max(0, fig.start - 40), fig.start)
                or _ACQUIRE_FINAL.match(s, fig.end)
            )
        ):
            # `übernimmt 25 Prozent an X`, `einen Anteil von 9 Prozent an der Commerzbank`,
            # `bought 30% of X`: an ownership level.
            return Reading("stake", value, "percent", notes=tuple(notes))
        stake, stake_d = self._nearest(s, fig, cues, ("stake",), 90)
        mshare, mshare_d = self._nearest(s, fig, cues, ("market_share",), 90)
        if stake is not None and mshare is not None and mshare_d < stake_d:
            # `held a market share of about 17%`: the verb of the share, not a stake.
            stake = None
        direction = self._direction(s, fig)
        growth_cue, growth_d = self._nearest(s, fig, cues, ("growth", "decline"), 80)
        growth = fig.change or growth_cue is not None or direction != 0
        if not fig.change and _POINTS_THEN_LEVEL.search(s, 0, fig.start):
            # `sank um 1,6 Prozentpunkte auf 16,4 Prozent`: after a change in points, the
            # percentage reached is a level (a share, else a margin or quote), not a growth.
            share, _ = self._nearest(s, fig, cues, ("revenue_share", "market_share"), 140)
            if share is not None:
                return Reading(share.tag, value, "percent", notes=tuple(notes))
            what, _ = self._nearest(s, fig, cues, ("other",), 160)
            label = s[what.start : what.end] if what is not None else "level after a change"
            return Reading("other", value, "percent", notes=(*notes, label))
        if (
            stake is not None
            and not fig.change
            and (growth_cue is None or stake_d < growth_d)
            and (price is None or stake_d < price_d)
        ):
            return Reading("stake", value, "percent", notes=tuple(notes))
        share, _ = self._nearest(s, fig, cues, ("revenue_share", "market_share", "awareness"), 140)
        if share is not None and (not fig.change or (share.tag == "awareness" and fig.fraction)):
            return Reading(share.tag, value, "percent", notes=tuple(notes))
        other, other_d = self._nearest(s, fig, cues, ("other",), 80)
        level, level_d = self._nearest(s, fig, cues, _LEVEL_METRICS, 260)
        if (
            (price is None or level is None or price_d < level_d)
            and self._price_context(s)
            and (level is None or price is not None)
        ):
            return None
        if market is not None and (level is None or market_d < level_d):
            return None
        if other is not None and (level is None or other_d < level_d):
            # A margin, or the growth of something outside the vocabulary (order backlog).
            sign = -1 if fig.change and direction < 0 else 1
            return Reading(
                "other", value * sign, "percent", notes=(*notes, s[other.start : other.end])
            )
        if (
            growth
            and (level is None or level.tag in _COUNT_METRICS)
            and _TO_AMOUNT.match(s, fig.end)
        ):
            # `AWS grew 45% to $5.1bn`: a company growing to an amount grows its revenue.
            return Reading(
                "revenue_growth",
                value * (-1 if direction < 0 else 1),
                "percent",
                notes=tuple(notes),
            )
        if (
            growth
            and level is None
            and not any(
                c.tag in METRICS and self._distance(s, fig.start, fig.end, c.start, c.end) < 260
                for c in cues
            )
            and (self._subject_before or fig.respective >= 0 or _BACK_REFERENCE.match(s))
            and not self._price_context(s)
        ):
            # `Nestlé ist um 3 Prozent gewachsen`, `Azure grew 27 per cent`: a company's growth
            # without a named measure is growth of its revenue.
            # ... or of the volume the previous sentence was about (`Das entsprach einem
            # Rückgang um 4,8 Prozent` after deliveries).
            implied = (
                self._last_metric if self._last_metric in ("units", "customers") else "revenue"
            )
            before = (self._just_before or "").removesuffix("_growth")
            if _BACK_REFERENCE.match(s) and before in (*_GROWING, "other"):
                # `Das entspricht einem Plus von 4 Prozent` after a dividend: growth of what
                # the sentence before stated.
                if before == "other":
                    sign = -1 if direction < 0 else 1
                    return Reading("other", value * sign, "percent", notes=(*notes, "growth"))
                implied = before
            return Reading(
                f"{implied}_growth",
                value * (-1 if direction < 0 else 1),
                "percent",
                notes=(*notes, f"{implied} implied"),
            )
        if growth and level is not None:
            sign = (
                -1
                if (
                    direction < 0
                    or (growth_cue is not None and growth_cue.tag == "decline" and direction <= 0)
                )
                else 1
            )
            if growth_cue is not None and growth_cue.tag == "growth" and direction == 0:
                sign = 1
            if level.tag == "jobs" and not fig.change and not growth_cue:
                return Reading("jobs", value, "percent", notes=tuple(notes))
            return Reading(f"{level.tag}_growth", value * sign, "percent", notes=tuple(notes))
        if level is not None and level.tag in _COUNT_METRICS and level_d < 30:
            return Reading(level.tag, value, "percent", notes=tuple(notes))
        return None

    def _read_money(
        self, s: str, fig: Figure, cues: Sequence[Cue], notes: list[str]
    ) -> Reading | None:
        value = fig.value
        assert fig.currency is not None
        if (
            _PER_SHARE.match(s, fig.end)
            or _PER_SHARE_BEFORE.search(s, max(0, fig.start - 40), fig.start)
            or _PRICE_RANGE_BEFORE.search(s, max(0, fig.start - 20), fig.start)
            # `pricing its shares at HK$69 each`, in an article about an IPO
            or (s.startswith(" each", fig.end) and self._ipo_article())
        ):
            return Reading("other", value, fig.currency, notes=(*notes, "per share"))
        per_unit = _PER_UNIT.match(s, fig.end)
        if per_unit:
            # `1.492 Dollar je Standardcontainer`, `$45 per barrel`: a price per unit (a rate,
            # a fare, a revenue per user), not a total.
            return Reading("other", value, fig.currency, notes=(*notes, per_unit.group().strip()))
        price, price_d = self._nearest(s, fig, cues, ("price",), 60)
        market, market_d = self._nearest(s, fig, cues, ("market",), 80)
        cue, cue_d = self._nearest(s, fig, cues, _MONEY_METRICS, 300)
        if price is not None and (cue is None or price_d < cue_d):
            return None
        if market is not None and (cue is None or market_d < cue_d):
            return None
        top = value.copy_abs() if fig.high is None else max(value.copy_abs(), fig.high.copy_abs())
        if top < 1 and fig.currency in ("EUR", "USD", "GBP", "CHF"):
            # Per-share amounts (`0,25 Euro je Aktie`): not profit, keep as other.
            metric = "other"
        else:
            metric = "other" if cue is None else cue.tag
        if (cue is None or cue.tag == "revenue") and _LOST_BEFORE.search(
            s, self._fold(s, max(0, fig.start - 30), fig.start), max(0, fig.start - 30), fig.start
        ):
            # `Reality Labs lost $13.7bn`: an operating loss.
            return Reading("profit", -value.copy_abs(), fig.currency, notes=(*notes, "loss"))
        if cue is None and _SALE.search(
            s, self._fold(s, max(0, fig.start - 80), fig.start), max(0, fig.start - 80), fig.start
        ):
            # `verkaufte der Konzern Objekte für 700 Millionen Euro`: proceeds from a disposal,
            # not the measure of the previous sentence.
            return Reading("other", value, fig.currency, high=fig.high, notes=(*notes, "sale"))
        if cue is None and self._last_metric in _MONEY_METRICS:
            # `Bisher hatte er 9,2 bis 9,4 Mrd. Euro in Aussicht gestellt`, after a sentence on
            # the revenue forecast: the measure carries over.
            metric = self._last_metric
        clause_left = s[max(0, fig.start - 80) : fig.start]
        folded_left = self._fold(s, max(0, fig.start - 80), fig.start)
        fx = _FX_EFFECT.search(clause_left, folded_left)
        if (
            fx
            and not re.search(r"[;:]", clause_left[fx.end() :])
            and not _CAUSE_BEFORE.search(clause_left, 0, fx.start())
        ):
            # `Währungseffekte belasteten den Umsatz mit 120 Mio. Euro`: an absolute change,
            # signed by its direction, not the revenue itself.
            sign = -1 if _FX_NEGATIVE.search(clause_left + s[fig.end : fig.end + 40]) else 1
            return Reading(
                "other", value.copy_abs() * sign, fig.currency, notes=(*notes, "currency effect")
            )
        if metric in ("investment", "other", "revenue") and (
            _BUYBACK.search(clause_left, folded_left)
            or _BUYBACK.search(s[fig.end : fig.end + 60], self._fold(s, fig.end, fig.end + 60))
        ):
            return Reading("other", value, fig.currency, high=fig.high, notes=(*notes, "buyback"))
        if _WORTH_AFTER.match(s, fig.end) and _EXCHANGE.search(s, self._fold(s)):
            return Reading("valuation", value, fig.currency, high=fig.high, notes=tuple(notes))
        if _MINUS_BEFORE.search(
            s, self._fold(s, max(0, fig.start - 30), fig.start), max(0, fig.start - 30), fig.start
        ) and metric in (
            "other",
            "profit",
        ):
            return Reading("profit", -value.copy_abs(), fig.currency, notes=(*notes, "loss"))
        direction = self._direction(s, fig)
        if (
            fig.change
            and direction < 0
            and metric == "other"
            and _COST_CUT.search(
                s,
                self._fold(s, max(0, fig.start - 60), fig.start),
                max(0, fig.start - 60),
                fig.start,
            )
        ):
            notes.append("cost savings")
            return Reading(
                "other", value.copy_abs(), fig.currency, high=fig.high, notes=tuple(notes)
            )
        if fig.change and direction != 0:
            notes.append("absolute change")
            return Reading(
                "other", value * direction, fig.currency, high=fig.high, notes=tuple(notes)
            )
        if cue is None and direction > 0 and _TO_LEVEL.search(s, max(0, fig.start - 8), fig.start):
            # `AWS grew 45% to $5.1bn`: a company's growth to an amount is its revenue.
            metric = "revenue"
        if _MINUS_AFTER.match(s, fig.end) and metric in ("other", "profit"):
            # `120 Millionen Euro Minus`: a loss.
            return Reading("profit", -value.copy_abs(), fig.currency, notes=(*notes, "loss"))
        if metric == "profit" and cue is not None:
            if self._inside_paren(s, cue.start):
                # `Der operative Verlust (Ebitda) weitete sich auf 227 Millionen Euro aus`: the
                # word outside the parentheses says whether it is a loss.
                outside = [
                    c
                    for c in cues
                    if c.tag == "profit"
                    and c.end <= fig.start
                    and fig.start - c.end <= 80
                    and not self._inside_paren(s, c.start)
                ]
                if outside:
                    cue = outside[-1]
            word = s[cue.start : cue.end].lower()
            loss = (self.lang == "de" and any(w in word for w in LOSS_WORDS["de"])) or (
                self.lang == "en" and any(w in word for w in LOSS_WORDS["en"])
            )
            after = s[fig.end : fig.end + 12].lower()
            if loss or after.strip().startswith("minus") or (value < 0):
                notes.append("loss")
                return Reading(
                    "profit",
                    -value.copy_abs(),
                    fig.currency,
                    high=None if fig.high is None else -fig.high,
                    notes=tuple(notes),
                )
        if metric == "other" and cue is not None:
            notes.append(s[cue.start : cue.end])
        if metric == "other" and value < 0 and direction == 0:
            pass
        return Reading(metric, value, fig.currency, high=fig.high, notes=tuple(notes))

    def _read_count(
        self, s: str, fig: Figure, cues: Sequence[Cue], notes: list[str]
    ) -> Reading | None:
        metric = next((t for t in fig.noun_tags if t in _COUNT_METRICS or t == "other"), None)
        if metric is None and "order_intake" in fig.noun_tags:
            # `791 Millionen Bestellungen`: a number of orders is a count, not order intake.
            metric = "other"
            notes = [*notes, "number of orders"]
        more = _MORE_THAN.match(s, fig.end) or _MORE_THAN.match(s, fig.num_end)
        if more and (metric is not None or fig.kind == "bare"):
            # `rund 3.000 mehr als ein Jahr zuvor`, `34,000 more cars than`: a change.
            sign = -1 if more.group(1).lower() in ("weniger", "fewer", "less") else 1
            return Reading(
                "other", fig.value * sign, "count", notes=(*notes, f"change in {metric or 'count'}")
            )
        if (
            metric is not None
            and metric != "jobs"
            and _INCREASE_OF.search(s, max(0, fig.start - 25), fig.start)
        ):
            # `an increase of 27 million`, `ein Plus von 5.000 Kunden`: a change, not a level.
            return Reading("other", fig.value, "count", notes=(*notes, f"change in {metric}"))
        if metric not in (None, "jobs", "other") and _BACKLOG.search(
            s, self._fold(s, max(0, fig.start - 60), fig.start), max(0, fig.start - 60), fig.start
        ):
            # `The order backlog stood at 8,658 aircraft`: a stock of orders, not units made.
            return Reading("other", fig.value, "count", notes=(*notes, "order backlog"))
        if metric is None:
            if fig.noun_tags:
                return None
            cue, _ = self._nearest(s, fig, cues, _COUNT_METRICS, 60)
            if cue is None:
                return None
            metric = cue.tag
        value = fig.value
        if metric == "jobs" and (
            _PEOPLE_USE.match(s, fig.end)
            or (
                fig.noun_word.lower() in ("menschen", "people", "personen")
                and _USE_BEFORE.search(s, max(0, fig.start - 60), fig.start)
            )
        ):
            # `More than 2bn people use Facebook`: users, not staff.
            metric = "customers"
        if metric == "order_intake":
            return Reading("other", value, "count", notes=(*notes, "number of orders"))
        if (
            metric == "locations"
            and fig.noun_word.lower() in _SERVED
            and _IN_BEFORE.search(s, max(0, fig.start - 25), fig.start)
        ):
            # `Kunden in 24 Märkten`: markets served are not sites (a supermarket chain's
            # `betreibt 3.000 Märkte` still are).
            return Reading("other", value, "count", notes=(*notes, "markets served"))
        direction = self._direction(s, fig)
        if metric == "jobs":
            if direction < 0:
                notes.append("jobs cut")
            return Reading("jobs", value, "count", high=fig.high, notes=tuple(notes))
        if fig.change and direction != 0:
            return Reading(
                "other", value * direction, "count", notes=(*notes, f"change in {metric}")
            )
        if metric == "customers" and _ADDED.search(_clause_around(s, fig)):
            return Reading("other", value, "count", notes=(*notes, "customers added"))
        if direction < 0 and re.search(
            r"(?i)verl(?:or|ieren|oren)|lost|lose", s[max(0, fig.start - 40) : fig.end + 20]
        ):
            return Reading("other", -value, "count", notes=(*notes, f"{metric} lost"))
        if metric == "other":
            return Reading("other", value, "count", high=fig.high, notes=(*notes, fig.noun_word))
        return Reading(metric, value, "count", high=fig.high, notes=tuple(notes))

    # ------------------------------------------------------------------ periods

    def periods(self, s: str) -> list[PeriodMention]:
        """The period phrases of a sentence; earlier rules win where two overlap."""
        found: list[PeriodMention] = []
        taken: list[tuple[int, int]] = []
        gates = self.gates
        present = set(gates.needles.findall(s))
        if not present:
            return found
        tried = set(gates.always_rules)
        for needle in present:
            tried |= gates.needle_rules[needle]
        rules = self.pack.periods
        for i in sorted(tried):
            rule = rules[i]
            for m in rule.pattern.finditer(s):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                value = rule.resolve(m, self.ref) if rule.kind == "base" else None
                raw = value
                if value is not None and self._fy_end is not None:
                    value = P.fiscal_calendar(value, m.group(), self._fy_end, self.ref, self.lang)
                elif (
                    value is not None
                    and _BARE_FY.match(value)
                    and "/" not in m.group()
                    and self.lang == "de"
                ):
                    # An unknown company's `Geschäftsjahr 2024`: German press names a fiscal
                    # year other than the calendar one by both years (`2024/25`).
                    value = value[2:]
                kind = (
                    "none"
                    if rule.kind == "base" and rule.resolve.__name__ == "_none"
                    else rule.kind
                )
                found.append(PeriodMention(m.start(), m.end(), value, kind, m.group(), raw))
        found.sort(key=lambda p: p.start)
        return found

    def period_for(
        self,
        s: str,
        fig: Figure,
        figs: Sequence[Figure],
        pms: Sequence[PeriodMention],
        carry: str | None,
        growth: bool = False,
    ) -> tuple[str | None, str | None]:
        """The period of a figure: the nearest period phrase, or the paragraph's; a comparison
        value (`(Vorjahr: X)`, `X im Vorjahr`, the `von X` of `von X auf Y`) takes the period
        before. A growth rate is compared with the prior period, it is not about it."""
        bases = [p for p in pms if p.kind == "base" and p.value]
        # `2,4 Mrd. Euro, nach 2,9 Mrd. Euro im Jahr 2023`, `from $5bn in 2023`: the year of the
        # value compared with, not of the sentence.
        own = (
            [p for p in bases if _OLD_VALUE_PERIOD.search(s, max(0, p.start - 60), p.start)]
            if bases and _OLD_VALUE_HINT.search(s, self._fold(s))
            else []
        )
        if own:
            mine = [
                p
                for p in own
                if 0 <= p.start - fig.end <= 12 and not _DIGIT.search(s[fig.end : p.start])
            ]
            if mine:
                return mine[0].value, mine[0].text
            bases = [p for p in bases if p not in own]
        # `beschäftigt 200.000 Menschen; bis Ende 2025 sollen ...`: a period after a semicolon
        # that follows the figure belongs to the next clause.
        bases = [p for p in bases if not (p.start >= fig.end and ";" in s[fig.end : p.start])]
        if bases and _BACKGROUND_CLAUSE.search(s):
            # `..., a year earlier, when the company wrote down the Nokia business it bought
            # in 2014`: a year inside a later clause of background tells about something else.
            clauses = [m.start() for m in _BACKGROUND_CLAUSE.finditer(s) if m.start() >= fig.end]
            bases = [p for p in bases if not any(c <= p.start for c in clauses)]
        if growth:
            # `up 40% from 2021`, `more than triple its 2021 volume`: the year compared with.
            bases = [
                p
                for p in bases
                if p.start < fig.start
                or not (p.value and _YEAR_VALUE.fullmatch(p.value))
                or not _COMPARED_YEAR.search(s, max(0, p.start - 12), p.start)
            ]
        fiscal = [p for p in bases if p.value and p.value.startswith("FY")]
        if fiscal:
            # `im vierten Geschäftsquartal von Juli bis September`, `fiscal 2016, which ended on
            # May 31`: the fiscal period is the frame, the calendar words explain it; and
            # `im zweiten Quartal seines Geschäftsjahres 2024` is the quarter, not the year.
            quarters = {p.value[:6] for p in fiscal if p.value and "-Q" in p.value}
            bases = [
                p
                for p in fiscal
                if p.value
                and (p.value in quarters or "-Q" in p.value or p.value[:6] not in quarters)
            ]
        if not bases and any(p.kind == "base" and p.value is None for p in pms):
            # The sentence names its own period but it cannot be resolved (an undated
            # article's `im vierten Quartal`): the article's frame does not apply either.
            carry = None
        base: PeriodMention | None = None
        best = 10**6
        for p in bases:
            d = self._distance(s, fig.start, fig.end, p.start, p.end)
            if d < best:
                base, best = p, d
        if base is not None:
            for p in pms:
                # `$11.6 billion next year and $100 billion in 2029` in an undated article:
                # the figure's own period is unknown, not the other figure's year.
                if p.kind == "base" and p.value is None:
                    d = self._distance(s, fig.start, fig.end, p.start, p.end)
                    if d < best:
                        base, best = p, d
        # `mittlerweile`, `now`: the figure is about the present, not the paragraph's period.
        base_value = base.value if base else (None if _NOW.search(s, self._fold(s)) else carry)
        base_text = base.text if base else None
        comparison = fig.comparison
        comp_text: str | None = None
        if comparison is None and (not growth or fig.old):
            for p in pms:
                if p.kind not in ("prior_year", "prior_period"):
                    continue
                after = (
                    0 <= p.start - fig.end <= 30
                    and "(" not in s[fig.end : p.start]
                    and ";" not in s[fig.end : p.start]
                )
                before = 0 <= fig.start - p.end <= 25 and "," not in s[p.end : fig.start]
                between = [
                    f
                    for f in figs
                    if f is not fig
                    and (
                        (after and fig.end <= f.start < p.start)
                        or (before and p.end <= f.start < fig.start)
                    )
                ]
                if (after or before) and not between:
                    comparison, comp_text = p.kind, p.text
                    break
            else:
                if fig.old:
                    comparison = "prior_year"
                # A sentence framed only by a comparison (`Im Vorjahreszeitraum hatte ...`);
                # a label inside parentheses belongs to its own figure.
                framing = [
                    p
                    for p in pms
                    if p.kind in ("prior_year", "prior_period")
                    and not s[max(0, p.start - 3) : p.start].strip().endswith("(")
                    and p.end <= fig.start
                    and not any(p.end <= f.start < fig.start for f in figs if f is not fig)
                ]
                if not bases and framing:
                    comparison, comp_text = framing[0].kind, framing[0].text
        if comparison is not None:
            if base_value is None:
                # Prior to an unknown period is unknown too.
                return None, comp_text
            if comparison == "prior_year":
                return P.shift_year(base_value, -1), comp_text
            return P.previous(base_value), comp_text
        return base_value, base_text

    # ------------------------------------------------------------------ entities

    def entity_for(
        self, s: str, fig: Figure, metric: str, mentions: Sequence[Mention]
    ) -> tuple[Mention | None, str | None]:
        """The company a figure is about, and the counterparty for stakes, deals, ratios."""
        strong = [m for m in mentions if not m.comparison and not m.weak]
        counterparty: str | None = None
        if metric == "ratio":
            comp = [
                m
                for m in mentions
                if m.comparison
                or re.search(
                    r"(?i)(?:die|der|den|that|those)\s+(?:von|of)\s+$|\bwie\s+$|\bthan\s+$",
                    s[max(0, m.start - 12) : m.start],
                )
            ]
            if comp:
                cp = min(comp, key=lambda m: abs(m.start - fig.end))
                counterparty = cp.segment or cp.company
                strong = [m for m in strong if m.company != cp.company]
            else:
                # `A übertrifft B um den Faktor 3`: the subject first, the other after it.
                named = [m for m in strong if m.end <= fig.start + 1]
                if named:
                    first = named[0]
                    other = [m for m in named if m.company != first.company]
                    if other:
                        counterparty = other[-1].company
                        strong = [first]
        before = [m for m in strong if m.end <= fig.start + 1]
        for m in mentions:
            rel = _RELATIVE.match(s, m.end)
            if (
                rel
                and m.company != counterparty
                and rel.end() <= fig.start
                and not _CLAUSE_PUNCT.search(s[rel.end() : fig.start])
            ):
                # `hinter Toyota zurück, das auf 10,5 Millionen Fahrzeuge kam`: the figure is
                # in a relative clause about that company.
                before = [m]
        closed = [
            m
            for m in before
            if _EMBEDDED_OPEN.search(s, max(0, m.start - 90), m.start)
            and "," in s[m.end : fig.start]
        ]
        if closed and len(closed) < len(before):
            # `Toyota, which holds a stake in Subaru, sold 10.5 million vehicles`: a company in
            # a relative clause that has closed before the figure is not its subject.
            before = [m for m in before if m not in closed]
        attached = [
            m
            for m in mentions
            if m.end <= fig.start
            and not m.weak
            and (
                _AT_FIGURE.fullmatch(s[m.end : fig.start])
                # `compared with Tesla's 484,507 deliveries`: the possessive owns the figure.
                or (
                    s[m.end - 2 : m.end] in ("'s", "’s")
                    and _QUALIFIER_GAP.fullmatch(s[m.end : fig.start])
                )
            )
        ]
        if attached and metric not in ("stake", "investment"):
            # `behind Apple at 24%`, `gefolgt von Samsung mit 20 Prozent`: the figure is the
            # company's right before it, also in a comparison.
            before = [attached[-1]]
            strong = [m for m in strong if m.company != attached[-1].company] + [attached[-1]]
        if fig.respective >= 0:
            listed = _listed(s, before)
            # `rival Alibaba and search giant Baidu posted growth of 9% and 6%, respectively`:
            # a list may hold compared companies and descriptive words.
            loose = _listed(
                s, [m for m in mentions if m.end <= fig.start and not m.weak], loose=True
            )
            if len(loose) > len(listed):
                listed = loose
            if len(listed) > fig.respective:
                before = [listed[fig.respective]]
                strong = [*strong, listed[fig.respective]]
        if metric in ("stake", "investment"):
            marked = [
                m
                for m in before
                if self.pack.counterparty_before.search(s[max(0, m.start - 25) : m.start])
            ]
            subjects = [m for m in before if m not in marked]
            if (
                not subjects
                and marked
                and marked[-1].kind == "name"
                and _BUY_VERB.search(s[max(0, marked[-1].start - 40) : marked[-1].start])
            ):
                # `It agreed to buy Vizio for $2.3bn`: the buyer is the article's company.
                counterparty = marked[-1].segment or marked[-1].company
            elif not subjects:
                subjects = before
            chosen = (subjects[0] if metric == "investment" else subjects[-1]) if subjects else None
        else:
            chosen = before[-1] if before else None
        if chosen is None:
            event = [m for m in mentions if m.kind == "event"]
            weak = [m for m in mentions if m.weak and m.company != counterparty]
            after = [m for m in strong if m.start >= fig.end]
            if event:
                chosen = event[0]
            elif weak:
                # The weak name nearest before the figure (the subject), else the first after.
                weak_before = [m for m in weak if m.end <= fig.start]
                chosen = weak_before[-1] if weak_before else weak[0]
            elif after and metric not in ("stake", "investment"):
                chosen = after[0]
        if chosen is None and metric in ("stake", "investment") and counterparty is None:
            # `it agreed to invest $4bn in AI startup Anthropic`: the company named after the
            # figure is what is bought, the buyer is the article's company.
            named_after = [
                m
                for m in strong
                if m.start >= fig.end
                and m.kind == "name"
                and self.pack.counterparty_before.search(s[max(0, m.start - 25) : m.start])
            ]
            if named_after:
                counterparty = named_after[0].company
        if (
            chosen is None
            and not mentions
            and self._prev_subject not in (None, counterparty)
            and _PRONOUN_SUBJECT.match(s)
        ):
            # `Delivery Hero hob die Prognose an. Es rechnet nun mit einem Umsatz zwischen 2,6
            # und 2,8 Milliarden Euro.`: a pronoun opening the sentence is the company the
            # sentence before named first.
            assert self._prev_subject is not None
            chosen = Mention(-1, -1, self._prev_subject, None, "salience")
        if chosen is None:
            topic = self.tracker.topic(counterparty)
            if topic is not None:
                chosen = Mention(-1, -1, topic, None, "salience")
        if chosen is None:
            return None, counterparty
        if metric in ("stake", "investment") and counterparty is None:
            # Another company, or a unit of the buyer named as what was bought (`LinkedIn`).
            others = [
                m
                for m in mentions
                if m.start >= 0
                and m is not chosen
                and (m.company != chosen.company or (m.segment and m.segment != chosen.segment))
            ]
            if others:
                target = min(others, key=lambda m: abs(m.start - fig.start))
                counterparty = (
                    target.segment if target.company == chosen.company else target.company
                )
            else:
                generic = re.search(
                    r"(?i)(?:an|in|von|für)\s+(?:de[mnr]|die|das)\s+(?:Unternehmen|Firma|Konzern|"
                    r"Start-?up|company|firm)|(?:in|of)\s+the\s+(?:company|firm|group|start-?up)",
                    s,
                )
                if generic:
                    counterparty = next(
                        (n for n in self.tracker.recent if n != chosen.company), None
                    )
        return chosen, counterparty

    def segment_for(self, s: str, entity: Mention, mentions: Sequence[Mention]) -> str | None:
        if entity.segment:
            return entity.segment
        for m in mentions:
            if m.segment and m.company == entity.company and not m.comparison:
                return m.segment
        if _CLOUD.search(s, self._fold(s)):
            company = self.gaz.companies.get(entity.company)
            if company is not None:
                for seg in company.segments.values():
                    if "cloud" in seg.kinds:
                        return seg.name
            if _CLOUD_BUSINESS.search(s):
                # `Oracle's cloud revenue`, `das Cloud-Geschäft`, not `the cloud computing
                # company VMware`: a company without a known cloud unit gets a generic one.
                return "Cloud"
        return None

    # ------------------------------------------------------------------ sentences -> claims

    def run(self) -> list[Claim]:
        article = self.article
        if article.title:
            # A headline names its subject first (`Volkswagen überholt Toyota`).
            named = self.tracker.mentions(article.title)
            if named:
                self.tracker.touch(named[0].company)
                self._note_ipo_company(article.title, named)
                # The body names who goes public more precisely than a headline
                # (`Siemens bringt Medizintechnik an die Börse`); the headline is the fallback.
                self._ipo_company, self._ipo_headline = None, self._ipo_company
        text = article.text
        self.tracker.scan(text)
        # A sentence without digits is read for figures only if one of its words can start
        # one (`drei`, `Hälfte`, `doubled`).
        claims: list[Claim] = []
        carry: str | None = None  # the article's frame: its last period so far
        carry_entity: str | None = None  # the company that frame was set for
        # Figure-free sentences, not yet read for periods; with the event day each names.
        pending: list[tuple[str, str | None, frozenset[str], tuple[str, str, str] | None]] = []
        for sent in split_sentences(text):
            s = sent.text
            self._prev_subject = self._subject
            mentions = self.tracker.mentions_in(text, sent.start, sent.end, s)
            self._subject = next(
                (
                    m.company
                    for m in mentions
                    if m.kind == "name" and not m.comparison and not m.weak
                ),
                None,
            )
            if mentions and self._ipo_company is None:
                self._note_ipo_company(s, mentions)
            subjects = frozenset(m.company for m in mentions if not m.comparison)
            event = self._event_named(mentions)
            if not (_DIGIT.search(text, sent.start, sent.end) or self._has_figure_word(s)):
                pending.append((s, self._salient(), subjects, event))
                self._just_before = None
                continue
            # Periods of figure-free sentences matter only as the frame of a later figure,
            # so they are read lazily, most recent first.
            for earlier, salient, group, day in pending:
                self._fy_end = self._fiscal_end(salient)
                framed = self._frame(
                    [p for p in self.periods(earlier) if p.kind == "base"], carry, earlier
                )
                if day is not None and framed == carry:
                    # `Alibaba hat am Singles Day alle Rekorde gebrochen.` The figures that
                    # follow are about that day until the text names another period.
                    self._event, framed = day, day[2]
                    salient, group = day[0], frozenset({day[0]})
                if framed != carry:
                    carry, carry_entity = framed, salient
                    self._carry_group = group
            pending = []
            self._fy_end = self._fiscal_end(self._salient())
            pms = [self._frame_quarter(p) for p in self._fit_frame(self.periods(s), carry)]
            figs = self.figures(s)
            if figs:
                cues = find_cues(s, self.lang, self._fold(s))
                if "Kunden" in s:
                    # `lieferte 8,16 Millionen Fahrzeuge an seine Kunden aus`: delivered to
                    # customers, not a number of them.
                    cues = [
                        c
                        for c in cues
                        if not (
                            c.tag == "customers"
                            and _TO_CUSTOMERS.search(s, max(0, c.start - 12), c.start)
                        )
                    ]
                if "Vergleich" in s:
                    # `im Vergleich zum Vorjahresquartal`: a comparison, not a settlement.
                    cues = [
                        c
                        for c in cues
                        if not (
                            s[c.start : c.end] == "Vergleich"
                            and _IN_COMPARISON.match(s, max(0, c.start - 3), c.end + 5)
                        )
                    ]
                for aside in (_EXCLUDING, _CAUSE, _PAID_IN):
                    if aside.search(s, self._fold(s)):
                        # `Organisch, also ohne Währungseffekte, wuchs ...`, `stieg dank der
                        # Übernahme der OTE um 4,5 Prozent`, `for $61 billion in cash and
                        # stock`: what a figure leaves out, what caused it or how it is paid is
                        # not what it measures.
                        spans = [(m.start(), m.end()) for m in aside.finditer(s, self._fold(s))]
                        cues = [c for c in cues if not any(a <= c.start < b for a, b in spans)]
                found = self._claims(sent, figs, cues, mentions, pms, carry, carry_entity)
                claims.extend(found)
                self._just_before = found[-1].metric if found else None
                # The companies the sentence's figures are about share its frame.
                subjects = subjects | {c.entity for c in found}
            else:
                self._just_before = None
            framed = self._frame([p for p in pms if p.kind == "base"], carry, s)
            salient = self._salient()
            if event is not None and framed == carry:
                self._event, framed = event, event[2]
                salient, subjects = event[0], subjects | {event[0]}
            if framed != carry:
                carry, carry_entity = framed, salient
                self._carry_group = subjects
        return claims

    def _own_calendar(
        self, period: str | None, text: str | None, pms: Sequence[PeriodMention], company: str
    ) -> str | None:
        """A period phrase read again in the fiscal calendar of the company the figure is
        about, when that is not the calendar the sentence was read in (`Spotify ... first
        quarter ..., ahead of Apple Music`: Spotify's first quarter, not Apple's fiscal one)."""
        fy = self._fiscal_end(company)
        if period is None or text is None or fy == self._fy_end:
            return period
        for p in pms:
            if p.text == text and p.value == period and p.raw is not None and p.kind == "base":
                return P.fiscal_calendar(p.raw, p.text, fy, self.ref, self.lang)
        return period

    def _note_ipo_company(self, s: str, mentions: Sequence[Mention]) -> None:
        """The company going public: the one named right before the first words of an IPO,
        in the same clause (`hat seine Tochter Healthineers an die Börse gebracht`,
        `Teamviewer legt größten Börsengang hin`), else the subject of that sentence."""
        if not self._ipo_article():
            return
        ipo = _IPO_CONTEXT.search(s, fold(s))
        if ipo is None:
            return
        named = [
            m
            for m in mentions
            if not m.comparison and not m.weak and m.kind in ("name", "description")
        ]
        before = [
            m
            for m in named
            if m.end <= ipo.start() and not _CLAUSE_PUNCT.search(s, m.end, ipo.start())
        ]
        if before:
            self._ipo_company = before[-1].company
        elif named:
            self._ipo_company = named[0].company

    def _ipo_article(self) -> bool:
        if self._ipo is None:
            article = self.article
            self._ipo = bool(_IPO_CONTEXT.search(article.text, fold(article.text))) or bool(
                article.title and _IPO_CONTEXT.search(article.title, fold(article.title))
            )
        return self._ipo

    def _event_named(self, mentions: Sequence[Mention]) -> tuple[str, str, str] | None:
        """The event day (a segment with a fixed date, such as Singles Day) a sentence names,
        dated in the year the article means: the latest such day up to the article's date."""
        if self.ref is None:
            return None
        for m in mentions:
            if not m.segment or m.comparison:
                continue
            seg = self.gaz.segment(m.company, m.segment)
            if seg is None or not seg.date:
                continue
            month, day = (int(x) for x in seg.date.split("-"))
            return m.company, m.segment, P.latest_day(month, day, self.ref)
        return None

    def _not_company_figure(self, s: str, fig: Figure) -> bool:
        """Whether a figure is about a share price, an economy or a market measured by an
        outside source (cached per sentence: the subjects' ends and the source)."""
        if self._blockers[0] != s:
            folded = self._fold(s)
            ends = [m.end() for m in _STOCK_MOVE.finditer(s, folded)] + [
                m.end() for m in _MACRO.finditer(s, folded)
            ]
            self._blockers = (s, ends, bool(_SOURCE.search(s, folded)))
        _, ends, source = self._blockers
        if source:
            return True
        return any(e <= fig.start and not _SUBJECT_BREAK.search(s, e, fig.start) for e in ends)

    def _salient(self) -> str | None:
        return self.tracker.recent[0] if self.tracker.recent else None

    def _fiscal_end(self, company: str | None) -> int | None:
        return None if company is None else self.gaz.fiscal_year_end(company)

    def _frame_quarter(self, p: PeriodMention) -> PeriodMention:
        """`in the quarter`, `im Quartal`: the quarter the article reports on."""
        if p.kind != "frame_quarter":
            return p
        return PeriodMention(p.start, p.end, self._last_quarter, "base", p.text)

    def _frame(
        self, bases: list[PeriodMention], carry: str | None, sentence: str = ""
    ) -> str | None:
        """The article's frame after a sentence: its last period, fiscal ones first. A
        forecast (`im laufenden Geschäftsjahr`, `next year`) does not move the frame, nor does
        a sentence about plans and targets (`aims to cut costs by $10 billion in 2025`)."""
        if not bases:
            return carry
        folded = self._fold(sentence)
        if sentence and _OLD_VALUE_HINT.search(sentence, folded):
            bases = [
                p
                for p in bases
                if not _OLD_VALUE_PERIOD.search(sentence, max(0, p.start - 60), p.start)
            ]
            if not bases:
                return carry
        if _BACKGROUND.search(sentence, folded):
            # `Die Übernahme hatte Merck 2019 5,8 Mrd. Euro gekostet`: a year in the pluperfect
            # is background; the report's own period goes on (a quarter or half-year in the
            # pluperfect is still the results being told).
            bases = [p for p in bases if p.value and _QUARTER_OR_HALF.search(p.value)]
        if sentence and _BIOGRAPHY_HINT.search(sentence, folded):
            bases = [
                p
                for p in bases
                if not _BIOGRAPHY.search(sentence, max(0, p.start - 70), p.start)
                and not _BIOGRAPHY.search(sentence, max(0, p.start - 70), p.end)
                and not _TENURE_AFTER.match(sentence, p.end)
            ]
        plans = [m.start() for m in _PLAN.finditer(sentence, folded)]
        if plans:
            # Periods after a plan word, or just before one (`Für 2024 erwartet`), are targets.
            bases = [
                p
                for p in bases
                if all(
                    p.start < a and not _JUST_BEFORE.fullmatch(sentence[p.end : a]) for a in plans
                )
            ]
        # `zum 30. September`: a balance taken on a month's last day is no period of its own
        # for what follows (an event day such as `am 11. November` is).
        values = [
            p.value
            for p in bases
            if p.value and not _FORWARD.search(p.text) and not _MONTH_END_DAY.fullmatch(p.value)
        ]
        quarters = [v for v in values if "-Q" in v and "/" not in v]
        if quarters:
            self._last_quarter = quarters[-1]
        fiscal = [v for v in values if v.startswith("FY")]
        chosen = fiscal or values
        if not chosen:
            return carry
        if carry and _within_quarter(chosen[-1], carry):
            # `... Aktienvergütungen im Zusammenhang mit dem Börsengang im Mai`, in a report on
            # the second quarter: a month inside the quarter told about does not replace it.
            return carry
        return chosen[-1]

    def _fit_frame(self, pms: list[PeriodMention], carry: str | None) -> list[PeriodMention]:
        """Read relative phrases in the article's fiscal frame: `das laufende Geschäftsjahr`
        after FY2022 results is FY2023; `the third quarter` of a fiscal report is fiscal."""
        if not carry or not carry.startswith("FY"):
            return pms
        fy = int(carry[2:6])
        out: list[PeriodMention] = []
        for p in pms:
            value = p.value
            if value and p.kind == "base" and not _YEAR.search(p.text):
                if _RUNNING.search(p.text) and value.startswith("FY") and "-Q" not in value:
                    value = f"FY{max(fy + 1, int(value[2:6]))}" if fy >= int(value[2:6]) else value
                elif (
                    _QUARTER_VALUE.fullmatch(value)
                    and _QUARTER_WORD.search(p.text)
                    and not P.names_calendar(p.text)
                ):
                    value = f"FY{fy}-{value[5:]}"
            out.append(PeriodMention(p.start, p.end, value, p.kind, p.text))
        return out

    def _claims(
        self,
        sent: Sentence,
        figs: list[Figure],
        cues: list[Cue],
        mentions: list[Mention],
        pms: list[PeriodMention],
        carry: str | None,
        carry_entity: str | None = None,
    ) -> list[Claim]:
        s = sent.text
        out: list[Claim] = []
        readings: dict[int, Reading] = {}
        # The sentence's subject: the first company it names (outside a comparison).
        subject = next((m.company for m in mentions if not m.comparison), None)
        level_metric: str | None = None
        previous: Figure | None = None
        for fig in figs:
            reading = None
            if fig.partner is not None and id(fig.partner) in readings:
                main = readings[id(fig.partner)]
                sign = (
                    -1
                    if (main.value < 0 and main.metric in ("profit",))
                    or (main.value < 0 and main.metric.endswith("_growth"))
                    else 1
                )
                reading = Reading(
                    main.metric,
                    fig.value * sign if fig.value > 0 else fig.value,
                    main.unit if fig.kind != "money" else (fig.currency or main.unit),
                    notes=main.notes,
                )
            else:
                self._subject_before = any(
                    m.end <= fig.start and not m.comparison and not m.weak for m in mentions
                )
                reading = self.read(s, fig, cues)
            if reading is None:
                continue
            if reading.metric == "revenue_share":
                # A share of proceeds paid out, or of profit (`operating income of $7bn, about
                # two-thirds of the total`), is not a share of revenue.
                near, _ = self._nearest(s, fig, cues, ("revenue", "profit"), 120)
                if _PAYOUT.search(s, self._fold(s)) or (near is not None and near.tag == "profit"):
                    reading = Reading(
                        "other", reading.value, reading.unit, notes=(*reading.notes, "share")
                    )
            prev = _growth_before(s, fig, figs, readings)
            if (
                prev is not None
                and fig.kind == "money"
                and reading.metric in ("revenue", "profit", "other", "order_intake")
                and reading.metric != prev[: -len("_growth")]
                and "per share" not in reading.notes
            ):
                # `Das operative Ergebnis brach um 26 Prozent auf 1,6 Mrd. Euro ein, der Umsatz
                # ...`: the level reached is of what grew, not of the next clause's cue.
                metric = prev[: -len("_growth")]
                value = reading.value
                if metric == "profit" and reading.value > 0 and "loss" in reading.notes:
                    value = -value
                reading = Reading(metric, value, reading.unit, high=reading.high, notes=())
            if reading.metric == "ipo_volume" and not self._ipo_article():
                # `raised $50 million in a funding round`: money raised is an IPO's volume
                # only in an article about an IPO; in a funding round it is money invested.
                funding = bool(_FUNDING.search(self.article.text))  # the sentence included
                reading = Reading(
                    "investment" if funding else "other",
                    reading.value,
                    reading.unit,
                    high=reading.high,
                    notes=("funding round" if funding else "raised",),
                )
            elif (
                (
                    reading.metric in ("other", "investment")
                    or (reading.metric == "valuation" and _flows_in(s, fig))
                    or (reading.metric == "revenue" and not any(c.tag == "revenue" for c in cues))
                )
                and fig.kind == "money"
                and "per share" not in reading.notes
                and "offer price" not in reading.notes
                and self._ipo_article()
                and _IPO_PROCEEDS.search(s, self._fold(s))
            ):
                # In an article about an IPO, what the offering brings in (`Das Volumen
                # beläuft sich auf 2,2 Mrd. Euro`, `nehmen damit 16 Mrd. Dollar ein`) is its
                # volume.
                reading = Reading(
                    "ipo_volume",
                    reading.value,
                    reading.unit,
                    high=reading.high,
                    notes=reading.notes,
                )
            if reading.metric.endswith("_growth") and reading.unit == "percent" and previous:
                before = readings.get(id(previous))
                if (
                    before is not None
                    and before.metric in _LEVEL_METRICS
                    and before.metric != reading.metric[: -len("_growth")]
                    and _APPENDED_CHANGE.fullmatch(s, previous.end, fig.start)
                ):
                    # `revenue of $3.71 billion last year, up 88 percent from 2010, and net
                    # income of ...`, `8,16 Millionen Fahrzeuge aus, ein Plus von 14,3 Prozent`:
                    # a change appended to a level is that level's.
                    reading = Reading(
                        f"{before.metric}_growth", reading.value, "percent", notes=reading.notes
                    )
            previous = fig
            readings[id(fig)] = reading
            entity, counterparty = self.entity_for(s, fig, reading.metric, mentions)
            if entity is None:
                continue
            ipo_company = self._ipo_company or self._ipo_headline
            if (
                ipo_company is not None
                and entity.company != ipo_company
                and entity.kind != "name"
                and (
                    reading.metric == "ipo_volume"
                    or (
                        reading.metric == "other"
                        and (
                            fig.noun_word.lower() in _SHARE_NOUNS
                            or (fig.kind == "money" and _OFFER_PRICE.search(s, self._fold(s)))
                        )
                    )
                )
            ):
                # The offering's volume, price and shares are the listed company's, also where
                # a sentence names none (`Der Ausgabepreis lag bei 28 Euro je Aktie`) and the
                # article's most salient company is the parent that sells.
                entity = Mention(entity.start, entity.end, ipo_company, None, "salience")
            if reading.metric == "ratio" and counterparty is None:
                reading = Reading("other", reading.value, "ratio", notes=(*reading.notes, "ratio"))
            # The article's frame holds for the company it was set for, and not for stocks.
            frame = (
                carry
                if carry_entity in (None, entity.company) or entity.company in self._carry_group
                else None
            )
            if (
                reading.unit == "count"
                and reading.metric in ("customers", "locations", "other")
                and _PRESENT_STOCK.search(s, self._fold(s))
            ):
                # `E.ON versorgt 47 Millionen Kunden`, `operates 400 stores`: a standing fact
                # in the present tense, not a figure of the period being reported.
                frame = None
            period, period_text = self.period_for(
                s,
                fig,
                figs,
                pms,
                None
                if reading.metric in _NO_CARRY
                and not (
                    reading.metric in ("jobs", "locations")
                    and any(p.kind in ("prior_year", "prior_period") for p in pms)
                )
                else frame,
                growth=_is_change(reading),
            )
            if entity.company == subject:
                # The sentence's subject: its own fiscal calendar, not the last-named
                # company's (another company's figure keeps the sentence's reading).
                period = self._own_calendar(period, period_text, pms, entity.company)
            if period and _MONTH_END_DAY.fullmatch(period):
                # `Der Auftragsbestand wuchs zum 30. September auf 123 Milliarden Euro`: a
                # balance at the end of the company's fiscal year is the year's.
                fy_end = self._fiscal_end(entity.company)
                if fy_end is not None and int(period[5:7]) == fy_end:
                    period = f"FY{period[:4]}" if fy_end != 12 else period[:4]
            segment = self.segment_for(s, entity, mentions)
            event = self._event
            if (
                segment is None
                and event is not None
                and entity.company == event[0]
                and period is not None
                and period[4:] == event[2][4:]
            ):
                # The day of the event the article is about (or the same day a year before).
                segment = event[1]
            if (
                period_text is None
                and period
                and "-Q" in period
                and (
                    ("per share" in reading.notes and _PAYOUT.search(s, self._fold(s)))
                    or _FORECAST.search(s[: fig.start])
                    or _FORECAST.search(_COMMA_OR_SEMI.split(s[fig.end :], maxsplit=1)[0])
                )
            ):
                # A dividend, or a forecast without its own period, is about the year of the
                # quarter being reported, not the quarter (earnings per share are the
                # quarter's).
                period = period.split("-Q")[0]
            # `bis 2025 ... auf 30 Milliarden steigern`: a level is a target for that year; only
            # flows (investments, job cuts, savings) cover the whole interval.
            if (
                period
                and period_text
                and "/" in period
                and _UNTIL.match(period_text)
                and reading.metric not in ("investment", "jobs", "other")
            ):
                period = period.split("/")[1]
            seg = self.gaz.segment(entity.company, segment) if segment else None
            if (
                seg is not None
                and seg.date
                and self.ref is not None
                and (period_text is None or (period and _YEAR_VALUE.fullmatch(period)))
                and not any(p.kind == "none" for p in pms)
            ):
                # An event day (Singles Day): the day itself, in the year the text means.
                month, day = (int(x) for x in seg.date.split("-"))
                if period and _YEAR_VALUE.fullmatch(period):
                    period = f"{period}-{month:02d}-{day:02d}"
                else:
                    period = P.latest_day(month, day, self.ref)
            group: list[Mention] = []
            if _EACH.search(s, self._fold(s)) and fig.respective < 0:
                # `A, B und C sind jeweils mit 15 Prozent beteiligt`: one claim per company;
                # the first keeps the usual id, the others are told apart by their entity.
                group = _listed(
                    s,
                    [
                        m
                        for m in mentions
                        if not m.comparison and m.kind == "name" and m.end <= fig.start
                    ],
                )
                names = {m.company for m in group}
                if len(group) > 1 and entity.company in names and counterparty in names:
                    counterparty = next(
                        (
                            m.company
                            for m in mentions
                            if m.company not in names and not m.comparison and m.start >= 0
                        ),
                        None,
                    )
            out.append(
                self._claim(
                    sent, fig, reading, entity.company, segment, period, period_text, counterparty
                )
            )
            if len(group) > 1 and entity.company in {m.company for m in group}:
                done = {entity.company}
                for m in group:
                    if m.company in done:
                        continue
                    done.add(m.company)
                    extra = self._claim(
                        sent,
                        fig,
                        reading,
                        m.company,
                        m.segment,
                        period,
                        period_text,
                        counterparty,
                    )
                    out.append(
                        attrs.evolve(
                            extra,
                            id=claim_id_for(
                                extra.source.article_id,
                                extra.source.start,
                                extra.source.end,
                                extra.metric,
                                entity=m.company,
                            ),
                        )
                    )
            if reading.metric in _LEVEL_METRICS:
                level_metric = reading.metric
        self._last_metric = level_metric or self._last_metric
        return out

    def _claim(
        self,
        sent: Sentence,
        fig: Figure,
        reading: Reading,
        entity: str,
        segment: str | None,
        period: str | None,
        period_text: str | None,
        counterparty: str | None,
    ) -> Claim:
        value = reading.value
        high = reading.high if reading.high is not None else fig.high
        if high is not None and value < 0 and high > 0:
            high = -high
        bound = "range" if high is not None else fig.bound
        if bound == "range" and high is not None:
            low, hi = (value, high) if value <= high else (high, value)
            value = low
            q = Quantity(value, reading.unit, "range", low, hi, self._figure_text(sent, fig))
        elif bound == "exact":
            q = Quantity(value, reading.unit, "exact", value, value, self._figure_text(sent, fig))
        elif bound == "lower":
            q = Quantity(value, reading.unit, "lower", value, None, self._figure_text(sent, fig))
        elif bound == "upper":
            q = Quantity(value, reading.unit, "upper", None, value, self._figure_text(sent, fig))
        else:
            q = Quantity(value, reading.unit, "approx", None, None, self._figure_text(sent, fig))
        start = sent.start + fig.start
        end = sent.start + fig.end
        return Claim(
            entity=entity,
            metric=reading.metric,
            quantity=q,
            source=Source(self.article.id, start, end, sent.text),
            segment=segment,
            period=period,
            period_text=period_text,
            counterparty=counterparty,
            # mypy's attrs plugin reads `converter=tuple` as an unbound Iterable[_T_co].
            notes=_unique(reading.notes),  # type: ignore[arg-type]
        )

    def _figure_text(self, sent: Sentence, fig: Figure) -> str:
        return sent.text[fig.start : fig.end]


def _listed(s: str, mentions: Sequence[Mention], loose: bool = False) -> list[Mention]:
    """The last run of mentions joined by `und`, `and` or commas (`BMW und Mercedes-Benz`);
    `loose` also lets lower-case words stand in the joint (`and search giant Baidu`)."""
    run: list[Mention] = []
    joint = _LIST_JOINT_LOOSE if loose else _LIST_JOINT
    for m in mentions:
        if run and joint.fullmatch(s[run[-1].end : m.start]):
            run.append(m)
        else:
            run = [m]
    return run


_QUALIFIED = (
    r"(?:(?:rund|etwa|knapp|gut|fast|über|mehr\s+als|about|around|nearly|almost|more\s+than|"
    r"roughly)\s+)?"
)
_AT_FIGURE = re.compile(r"(?:\s+(?:at|with|mit|bei)\s+|(?:'s|’s|')\s+)" + _QUALIFIED)
_QUALIFIER_GAP = re.compile(r"\s+" + _QUALIFIED)
_EACH = Gated(re.compile(r"(?i)\b(?:jeweils|each|both)\b|\bje\s+(?=\d|rund|etwa|gut|knapp)"))
_LIST_JOINT = re.compile(r"\s*(?:,|und|and|sowie|&)\s*")
_LIST_JOINT_LOOSE = re.compile(
    r"\s*(?:,|und|and|sowie|&)\s*(?:(?:der|die|das|the|its|rival|[a-zäöüß][\w-]*)\s+){0,3}"
)
_PAYOUT = Gated(
    re.compile(
        r"(?i)\b(?:Sonderdividende|Dividende|ausschütt\w*|Ausschüttung|special\s+dividend|"
        r"dividends?|pay\s+out|payout|proceeds|Emissionserlös\w*)"
    )
)
_GROWTH_TO = re.compile(
    r"\s*(?:auf|to)\s+(?:(?:rund|etwa|knapp|gut|fast|über|mehr\s+als|about|around|nearly|"
    r"almost|more\s+than|a\s+record(?:\s+of)?)\s+)?$"
)


def _growth_before(
    s: str, fig: Figure, figs: Sequence[Figure], readings: dict[int, Reading]
) -> str | None:
    """The growth metric of `um X Prozent auf <fig>` / `rose X% to <fig>`, if any."""
    before = [f for f in figs if f.end <= fig.start and id(f) in readings]
    if not before:
        return None
    last = before[-1]
    metric = readings[id(last)].metric
    if not metric.endswith("_growth") or not _GROWTH_TO.fullmatch(s[last.end : fig.start]):
        return None
    return metric


# `will sich 33 Prozent an dem Finanzdienstleister sichern`: the German verb at the end.
_ACQUIRE_FINAL = re.compile(
    r"\s+(?:an|am)\s+[^.;:,]{1,60}?\s(?:sichern|übernehmen|kaufen|erwerben|halten)\s*[.,;]"
)
_STAKE_AFTER = re.compile(
    r"\s*(?:plus\s+(?:eine|einer|one)\s+(?:Aktie|share)\s+)?"
    r"(?:(?:an|am|der|des|von)\s|(?:of|in)\s+(?:the\s+)?[A-Z])"
)
_ACQUIRE_BEFORE = re.compile(
    r"(?i)\b(?:übernimmt|übernahm|übernehmen|übernommen|kauft|kaufte|kaufen|gekauft|erwirbt|"
    r"erwarb|erwerben|erworben|sichert\w*|gesichert|acquires?|acquired|acquiring|buys?|"
    r"bought|buying|purchases?|purchased|takes|took|taking)\b(?:\s+(?!(?:um|by)\b)[\w.&+-]+){0,5}"
    r"\s+(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als|über|about|around|nearly|almost|"
    r"more\s+than)\s+)?$"
)
_SHARE_BEFORE = re.compile(
    r"(?i)\b(?:einen?|den|seinen|ihren|a|its|their)\s+(?:\w+\s+)?(?:Anteil|share|holding)\s+"
    r"(?:von|of)\s+(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als|über|about|around|nearly|"
    r"almost|more\s+than)\s+)?$"
)


def _clause_around(s: str, fig: Figure) -> str:
    """The words around a figure up to the nearest comma or `und`/`and` on either side."""
    left = s[max(0, fig.start - 30) : fig.start]
    right = s[fig.end : fig.end + 25]
    left = _CLAUSE_SPLIT.split(left)[-1]
    right = _CLAUSE_SPLIT.split(right)[0]
    return left + s[fig.start : fig.end] + right


def _is_change(reading: Reading) -> bool:
    """A growth rate or an absolute change: compared with a prior period, not about it."""
    return reading.metric.endswith("_growth") or any(
        n.startswith(("change", "absolute change")) or n.endswith("added") for n in reading.notes
    )


def _unique(notes: Sequence[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for note in notes:
        if note not in seen:
            seen.append(note)
    return tuple(seen)


def _flows_in(s: str, fig: Figure) -> bool:
    """Whether the figure stands in a clause saying money flows to the company."""
    return any(m.start() < fig.start < m.end() for m in _FLOWS_IN.finditer(s))


def _within_quarter(month: str, quarter: str) -> bool:
    """Whether `YYYY-MM` lies in the calendar quarter `YYYY-Qn`."""
    if len(month) != 7 or not month[5:].isdigit() or len(quarter) != 7 or quarter[4:6] != "-Q":
        return False
    return month[:4] == quarter[:4] and (int(month[5:]) - 1) // 3 + 1 == int(quarter[6])


def extract_with(article: Article, pack: LangPack, gaz: Gazetteer) -> list[Claim]:
    return Extractor(article, pack, gaz).run()


__all__ = ["Extractor", "Figure", "Reading", "extract_with"]
