"""German rules: numbers, money, qualifiers, changes, periods and references.

Each rule is a small named value; `RULES` at the end lists them all. The corpus that tests
these rules is tests/extractor/corpus_de.py, kept apart on purpose.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from facts.extractor import periods as P
from facts.extractor.lang import LangPack, PeriodResolver, PeriodRule, Rule, rx
from facts.extractor.numbers import DE_WORD_RE, german_number_words, parse_word
from facts.extractor.periods import Ref
from facts.extractor.sentences import STARTERS

IC = re.IGNORECASE

SCALES = {
    "tsd": Decimal(10) ** 3,
    "tausend": Decimal(10) ** 3,
    "mio": Decimal(10) ** 6,
    "mill": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "millionen": Decimal(10) ** 6,
    "mrd": Decimal(10) ** 9,
    "md": Decimal(10) ** 9,
    "milliarde": Decimal(10) ** 9,
    "milliarden": Decimal(10) ** 9,
    "bio": Decimal(10) ** 12,
    "billion": Decimal(10) ** 12,
    "billionen": Decimal(10) ** 12,
}
SCALE_AFTER = rx(
    r"""[\s\u00a0]{0,2}(?P<scale>Tsd\.|Mio\.|Mill\.|Mrd\.|Md\.|Bio\.|
    (?:Tsd|Tausend|Mio|Millionen|Million|Mrd|Milliarden|Milliarde|Bio|Billionen|Billion)(?![\w]))"""
)

CURRENCIES = {
    "euro": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
    "euro-cent": "EUR/100",
    "cent": "EUR/100",
    "cents": "EUR/100",
    "us-dollar": "USD",
    "us dollar": "USD",
    "us-$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "usd": "USD",
    "$": "USD",
    "us-dollars": "USD",
    "dollars": "USD",
    "pfund": "GBP",
    "pfund sterling": "GBP",
    "britische pfund": "GBP",
    "£": "GBP",
    "gbp": "GBP",
    "franken": "CHF",
    "schweizer franken": "CHF",
    "chf": "CHF",
    "fr.": "CHF",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "rubel": "RUB",
    "rupien": "INR",
    "won": "KRW",
    "kronen": "SEK",
    "schwedische kronen": "SEK",
    "dänische kronen": "DKK",
    "norwegische kronen": "NOK",
    "zloty": "PLN",
    "hongkong-dollar": "HKD",
    "hk$": "HKD",
    "kanadische dollar": "CAD",
    "australische dollar": "AUD",
    "sek": "SEK",
    "dkk": "DKK",
    "nok": "NOK",
    "pln": "PLN",
    "hkd": "HKD",
    "cad": "CAD",
    "aud": "AUD",
    "inr": "INR",
    "krw": "KRW",
    "rub": "RUB",
    "czk": "CZK",
    "tschechische kronen": "CZK",
    "forint": "HUF",
    "huf": "HUF",
    "taiwan-dollar": "TWD",
    "nt$": "TWD",
    "twd": "TWD",
    "singapur-dollar": "SGD",
    "sgd": "SGD",
    "real": "BRL",
    "brasilianische real": "BRL",
    "brl": "BRL",
    "rand": "ZAR",
    "zar": "ZAR",
    "türkische lira": "TRY",
    "lira": "TRY",
    "nzd": "NZD",
}
_CUR_ALTS = "|".join(
    sorted((re.escape(c).replace(r"\ ", r"[\s\u00a0]") for c in CURRENCIES), key=len, reverse=True)
)
CURRENCY_AFTER = re.compile(rf"[\s\u00a0]{{0,2}}(?P<cur>{_CUR_ALTS})(?![\w$€£¥])", IC)
CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|US-\$|HK\$|NT\$|\$|€|£|¥|EUR|USD|CHF|GBP|CNY|JPY|HKD|CAD|AUD|DKK|SEK|NOK|PLN"
    r"|CZK|INR|KRW|TWD|SGD|BRL)[\s\u00a0]?$"
)

UNIT_AFTER = (
    Rule("<n> Prozentpunkte", rx(r"[\s\u00a0]?(?:Prozentpunkte?n?|%-Punkte?n?|PP\b|Pp\.)"), "pp"),
    Rule("<n> Basispunkte", rx(r"[\s\u00a0]?Basispunkte?n?"), "bp"),
    Rule("<n> Prozent", rx(r"[\s\u00a0]?(?:Prozent(?![\w-])|%|v\.\s?H\.|vH\b)"), "percent"),
    Rule(
        "<n>-prozentig",
        rx(r"[\s\u00a0]?-?(?:prozentige[nmrs]?|prozentig|Prozent-|%-)"),
        "percent_adj",
    ),
    # Only a comparison: `dreimal so viel wie`, `zehnmal mehr als`; `zweimal im Jahr` is not.
    Rule(
        "<n> Mal (so viel)",
        rx(
            r"[\s\u00a0]?-?(?:Mal|mal)(?![\w])(?=[\s\u00a0]+(?:so|mehr|höher|größer|grösser|"
            r"stärker|schneller|teurer|weniger|soviel)(?![\w]))"
        ),
        "times",
    ),
    Rule("<n>-fach", rx(r"[\s\u00a0]?-?fache[nmrs]?(?![\w])|-?fach(?![\w])"), "fold"),
    Rule(
        "<n> pro Sekunde",
        rx(r"[\s\u00a0]?(?:[\w-]+[\s\u00a0]){0,1}(?:pro|je)[\s\u00a0]Sekunde", IC),
        "per_second",
    ),
    Rule("<n> Quadratmeter", rx(r"[\s\u00a0]?(?:Quadratmetern?|qm|m²|m2)(?![\w])"), "m2"),
)

QUALIFIERS = (
    Rule("rund <n>", rx(r"rund"), "approx"),
    Rule("etwa <n>", rx(r"etwa"), "approx"),
    Rule("ca. <n>", rx(r"ca\.|circa|zirka"), "approx"),
    Rule("ungefähr <n>", rx(r"ungefähr|annähernd|nahezu|beinahe|gegen"), "approx"),
    Rule("knapp <n>", rx(r"knapp|fast|gut|gute[nmrs]?|runde[nmrs]?|etwas\s+über"), "approx"),
    Rule(
        "mehr als <n>",
        rx(
            r"mehr\s+als|über|etwas\s+mehr\s+als|mindestens|wenigstens|"
            r"zumindest|ab|oberhalb\s+von|jenseits\s+von|über\s+die"
        ),
        "lower",
    ),
    Rule(
        "bis zu <n>",
        rx(
            r"bis\s+zu|maximal|höchstens|weniger\s+als|unter|knapp\s+unter|"
            r"nicht\s+mehr\s+als|bis\s+auf"
        ),
        "upper",
    ),
    Rule("insgesamt <n>", rx(r"insgesamt|genau|exakt|gesamt"), "exact"),
)
_Q_ALTS = "|".join(f"(?:{r.pattern.pattern})" for r in QUALIFIERS)
# A qualifier right before the number, maybe with an article or `den Faktor` between.
QUALIFIER_BEFORE = re.compile(
    rf"(?<![\w])(?P<q>{_Q_ALTS})[\s\u00a0]+(?:(?:eine[nmrs]?|den|die|das|einem)[\s\u00a0]+)?$",
    IC,
)
RATIO_BEFORE = rx(r"(?P<r>(?:(?:den|dem|einen|einem)\s+)?Faktor\s+)$", IC)

RANGE_JOINT = rx(r"^[\s\u00a0]*(?:bis(?:\s+zu)?|-|–|—|und|bzw\.|oder)[\s\u00a0]*$")
RANGE_OPEN = rx(r"(?:zwischen|von)[\s\u00a0]+(?:(?:rund|etwa|ca\.|knapp|gut)[\s\u00a0]+)?$", IC)
FROM_TO = rx(
    r"^[\s\u00a0]*(?:auf|(?:\)\s*)?auf|,\s*nach|nach|von|gegenüber|nach\s+zuvor|"
    r"(?:im|nach)?\s*Vorjahr(?:eszeitraum|esquartal)?:?)[\s\u00a0]*(?:(?:rund|etwa|knapp|gut)\s+)?$",
    IC,
)

_DENOM = {
    "zweite": 2,
    "dritte": 3,
    "vierte": 4,
    "fünfte": 5,
    "sechste": 6,
    "siebte": 7,
    "achte": 8,
    "zehnte": 10,
    "zwanzigste": 20,
    "hundertste": 100,
}
_PARTS = {
    "hälfte": 2,
    "drittel": 3,
    "viertel": 4,
    "fünftel": 5,
    "sechstel": 6,
    "siebtel": 7,
    "achtel": 8,
    "zehntel": 10,
}
FRACTIONS = (
    Rule(
        "jeder dritte",
        rx(
            r"(?<![\w])(?:jede[rs]?|jeden)\s+(?P<den>{})[nrs]?(?![\w])".format("|".join(_DENOM)), IC
        ),
        _DENOM,
    ),
    Rule(
        "ein Viertel",
        rx(
            r"(?<![\w])(?P<num>ein|eine|einem|einen|einer|zwei|drei|vier|fünf|sieben|neun)\s+(?P<part>Drittel|Viertel|Fünftel|Sechstel|Siebtel|Achtel|Zehntel)(?![\w])",
            IC,
        ),
        _PARTS,
    ),
    Rule(
        "die Hälfte",
        rx(
            r"(?<![\w])(?:(?:die|der|zur)\s+)?(?P<part>Hälfte)(?![\w])",
            IC,
        ),
        _PARTS,
    ),
)
MULTIPLES = (
    Rule("verdoppelt", rx(r"(?<![\w])(?:verdoppel\w*|verdoppl\w*|Verdopp\w+)", IC), Decimal(100)),
    Rule("verdreifacht", rx(r"(?<![\w])(?:verdreifach\w*|Verdreifachung)", IC), Decimal(200)),
    Rule("vervierfacht", rx(r"(?<![\w])(?:vervierfach\w*|Vervierfachung)", IC), Decimal(300)),
    Rule("verfünffacht", rx(r"(?<![\w])(?:verfünffach\w*|Verfünffachung)", IC), Decimal(400)),
    Rule("versechsfacht", rx(r"(?<![\w])(?:versechsfach\w*|Versechsfachung)", IC), Decimal(500)),
    Rule("versiebenfacht", rx(r"(?<![\w])(?:versiebenfach\w*)", IC), Decimal(600)),
    Rule("verachtfacht", rx(r"(?<![\w])(?:verachtfach\w*)", IC), Decimal(700)),
    Rule("verneunfacht", rx(r"(?<![\w])(?:verneunfach\w*)", IC), Decimal(800)),
    Rule("verzehnfacht", rx(r"(?<![\w])(?:verzehnfach\w*|Verzehnfachung)", IC), Decimal(900)),
    Rule("halbiert", rx(r"(?<![\w])(?:halbiert\w*|Halbierung)", IC), Decimal(-50)),
)
MAGNITUDES = (
    Rule(
        "zweistelliger Millionenbetrag",
        rx(r"(?<![\w])zweistellige[nmrs]?\s+Millionen(?:betrag|betrags|summe|höhe)", IC),
        (Decimal(10) ** 7, "money"),
    ),
    Rule(
        "dreistelliger Millionenbetrag",
        rx(r"(?<![\w])dreistellige[nmrs]?\s+Millionen(?:betrag|betrags|summe|höhe)", IC),
        (Decimal(10) ** 8, "money"),
    ),
    Rule(
        "zweistelliger Milliardenbetrag",
        rx(r"(?<![\w])zweistellige[nmrs]?\s+Milliarden(?:betrag|betrags|summe|höhe)", IC),
        (Decimal(10) ** 10, "money"),
    ),
    Rule(
        "zweistellig (Prozent)",
        rx(
            r"(?<![\w])zweistellig(?:e[nmrs]?)?(?!\s+Milli)(?=\s+(?:\w+\s+)?(?:Wachstum|Plus|Zuwachs|Prozent|gewachsen|wachsen|zulegen|zugelegt|gestiegen|steigen)|[\s.,])",
            IC,
        ),
        (Decimal(10), "percent"),
    ),
    Rule(
        "dreistellig (Prozent)",
        rx(
            r"(?<![\w])dreistellig(?:e[nmrs]?)?(?!\s+Milli)(?=\s+(?:\w+\s+)?(?:Wachstum|Plus|Zuwachs|Prozent|gewachsen|wachsen|zulegen|zugelegt|gestiegen|steigen)|[\s.,])",
            IC,
        ),
        (Decimal(100), "percent"),
    ),
)
UP = rx(
    r"""(?<![\w])(?:stieg\w*|steig\w*|gestiegen|wuchs|wächst|wachs\w*|gewachsen|leg\w*\s+(?:[^\s;]+\s+){0,10}?zu\b|
    zugelegt|zulegen|kletter\w*|geklettert|erhöh\w*|verbesser\w*|steiger\w*|gesteigert|
    Höhe\s+geschossen|schoss|sprang|gesprungen|zog\s+\w*\s*an|angezogen|plus|Plus|Zuwachs\w*|
    Anstieg\w*|Wachstum\w*|Steigerung\w*|ausgebaut|ausgeweitet|mehr\s+als\s+im\s+Vorjahr|
    im\s+Vergleich\s+zum\s+Vorjahr|gegenüber\s+dem\s+Vorjahr|im\s+Jahresvergleich)""",
    IC,
)
DOWN = rx(
    r"""(?<![\w])(?:sank|sinkt|sinken|gesunken|fiel|fällt|fallen|gefallen|ging\w*\s+(?:[^\s;]+\s+){0,16}?zurück|
    gehen\s+(?:\w+\s+){0,4}?zurück|zurückgegangen|zurückgehen|schrumpf\w*|geschrumpft|verringer\w*|
    reduzier\w*|verlor\w*|verloren|brach\w*\s+(?:[^\s;]+\s+){0,16}?ein\b|eingebrochen|einbrechen|rutscht\w*|gerutscht|
    Rückgang\w*|Minus|minus|Einbruch|Einbußen|abgebaut|abbauen|baut\s+(?:\w+\s+){0,4}?ab|streich\w*|
    gestrichen|schwächer|weniger)""",
    IC,
)
CHANGE_BEFORE = rx(
    r"(?<![\w])um[\s\u00a0]+(?:(?:rund|etwa|ca\.|knapp|fast|gut|mehr\s+als|über|bis\s+zu)[\s\u00a0]+)?$",
    IC,
)

_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
_MONTH_ALTS = "|".join(m.capitalize() for m in _MONTHS)
# A four-digit number before a count noun is a count, not a year: `bis zu 2000 Stellen`.
_COUNT_NOUNS = (
    r"(?:Stellen|Arbeitsplätze\w*|Jobs|Mitarbeite\w*|Beschäftigte\w*|Menschen|Angestellte\w*|"
    r"Filialen|Standorte\w*|Kunden|Fahrzeuge\w*|Autos|Geschäfte\b|Läden|Kliniken|Patienten|"
    r"Bestellungen|Flugzeuge\w*|Granaten|Wohnungen|Ladepunkte\w*|Lkw|Busse|Züge|Tonnen)"
)
NOT_A_FIGURE = (
    Rule(
        "date dd.mm.",
        rx(
            r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?![\d])|(?<![\d.])\d{1,2}\.\d{1,2}(?![\d.,])"
        ),
    ),
    Rule("date dd. Monat", rx(rf"(?<![\d.])\d{{1,2}}\.?\s*(?:{_MONTH_ALTS})(?![\w])")),
    Rule(
        "ordinal",
        rx(
            r"(?<![\d.,])\d{{1,3}}\.(?=\s+(?!(?:{})\b)[A-ZÄÖÜ][a-zäöüß])".format(
                "|".join(sorted(STARTERS))
            )
        ),
    ),
    Rule(
        "year",
        rx(
            r"(?<![\d.,])(?:19[0-9]\d|20[0-9]\d)(?:/\d{2,4})?(?![\d%]|[.,]\d|\s*(?:Mio|Mrd|Millionen|Milliarden|Prozent|Euro|Dollar)|\s+"
            + _COUNT_NOUNS
            + ")"
        ),
    ),
    Rule("time", rx(r"\d{1,2}[:.]\d{2}\s*Uhr|\d{1,2}\s*Uhr")),
    Rule("age", rx(r"\d+\s*-?\s*[Jj]ährige\w*|\d+\s+Jahre\s+alt")),
    # `seit mehr als 350 Jahren`, `in 14 Monaten`: durations.
    Rule(
        "duration",
        rx(r"\d[\d.,]*\s+(?:Jahren?|Jahrzehnten?|Monaten?|Wochen|Tagen?|Stunden|Minuten)\b"),
    ),
    # `eine Stadt mit 590.000 Einwohnern`, `12.000 Teilnehmer`: people who are not the company's.
    Rule(
        "population",
        rx(
            r"\d[\d.,]*\s+(?:(?:Millionen|Mio\.)\s+)?(?:Einwohner|Bewohner|Teilnehmer|Aussteller|"
            r"Zuschauer)\w*"
        ),
    ),
)
NOT_A_FIGURE_BEFORE = rx(
    r"(?:Foto|Bild|Seite|Nr\.|Nummer|Platz|Rang|Kapitel|Artikel|Paragraf|§|Q|H)\s*$"
)
COMPARISON_NEEDLES = (
    "wie",
    "als",
    "gegen",
    "vor",
    "hinter",
    "onkurren",
    "latzhirsch",
    "rößen",
    "nbieter",
    "etwa",
    ",",
)
HYPOTHETICAL = rx(
    r"(?<![\w])(?:in\s+jede[mr]\s+\w+ten|würde|würden|hätte|hätten|könnte\s+\w+\s+\w+\s+wenn|falls|angenommen|"
    r"drohen\s+(?:\w+\s+){0,3}(?:Bußgelder?|Strafen?|Geldstrafen?))",
    IC,
)
COMPARISON_CONTEXT = rx(
    r"""(?:(?<![\w])(?:wie|als|gegen|gegenüber|vor|hinter|
    Konkurrenz\s+(?:zu|von)|Platzhirsche[n]?|Tech-Größen|Größen|Anbieter\w*|etwa)
    (?:\s+(?:dem|den|der|die|das|zu|von|wie|etwa|US-|chinesischen|amerikanischen|deutschen))*\s+$)
    |(?:,\s*$)""",
    IC,
)
COUNTERPARTY_BEFORE = rx(
    r"(?<![\w])(?:an|bei|in|am|von|für|des|mit)"
    r"\s+(?:(?:de[mnrs]|die|das|de[rs]\s+\w+)\s+)?(?:[a-zäöüß][\w-]*e[nmrs]?\s+)?"
    r"(?:[A-ZÄÖÜ][\w-]+\s+)?$",
    IC,
)

# Head nouns of descriptions and the kinds of company they fit ("*" fits any company).
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "maschinenbauer": ("engineering", "industrial"),
    "anlagenbauer": ("engineering", "industrial"),
    "baukonzern": ("construction",),
    "lebensmittelkonzern": ("food",),
    "kochboxenversender": ("mealkit",),
    "kochboxversender": ("mealkit",),
    "kochboxenanbieter": ("mealkit",),
    "kochboxanbieter": ("mealkit",),
    "essenslieferdienst": ("delivery",),
    "dialysekonzern": ("dialysis",),
    "dialyseanbieter": ("dialysis",),
    "dialysetochter": ("dialysis",),
    "logistiker": ("logistics",),
    "waffenhersteller": ("defense",),
    "sportwagenbauer": ("sportscar",),
    "sportwagenhersteller": ("sportscar",),
    "konsumgüterkonzern": ("consumer",),
    "klebstoffkonzern": ("consumer", "chemicals"),
    "energieversorger": ("utility", "energy"),
    "konzern": ("*",),
    "unternehmen": ("*",),
    "gesellschaft": ("*",),
    "familienbetrieb": ("*",),
    "versandapotheke": ("pharmacy",),
    "onlineapotheke": ("pharmacy",),
    "familienunternehmen": ("*",),
    "mittelständler": ("*",),
    "traditionsunternehmen": ("*",),
    "start-up": ("*",),
    "startup": ("*",),
    "jungunternehmen": ("*",),
    "jungunternehmens": ("*",),
    "start-ups": ("*",),
    "firma": ("*",),
    "gruppe": ("*",),
    "weltkonzern": ("*",),
    "riese": ("*",),
    "gigant": ("*",),
    "player": ("*",),
    "anbieter": ("*",),
    "hersteller": ("*",),
    "mutterkonzern": ("*",),
    "dax-konzern": ("*",),
    "händler": ("retail", "online", "ecommerce", "mailorder"),
    "onlinehändler": ("online", "ecommerce", "retail"),
    "online-händler": ("online", "ecommerce"),
    "versandhändler": ("mailorder", "online", "ecommerce"),
    "versandhandelsriese": ("mailorder", "online", "ecommerce"),
    "onlinegigant": ("online", "ecommerce"),
    "online-riese": ("online", "ecommerce"),
    "onlineriese": ("online", "ecommerce"),
    "internetriese": ("internet", "online", "tech"),
    "internetkonzern": ("internet", "online", "tech"),
    "e-commerce-riese": ("ecommerce",),
    "softwarekonzern": ("software",),
    "softwarehersteller": ("software",),
    "softwareriese": ("software",),
    "cloud-anbieter": ("cloud",),
    "cloudanbieter": ("cloud",),
    "technologiekonzern": ("tech",),
    "tech-konzern": ("tech",),
    "techkonzern": ("tech",),
    "tech-riese": ("tech",),
    "techriese": ("tech",),
    "it-konzern": ("it", "tech"),
    "autobauer": ("carmaker",),
    "autohersteller": ("carmaker",),
    "autokonzern": ("carmaker",),
    "elektroautobauer": ("electric",),
    "zulieferer": ("supplier",),
    "autozulieferer": ("supplier",),
    "chiphersteller": ("chip",),
    "chipkonzern": ("chip",),
    "halbleiterkonzern": ("semiconductor",),
    "halbleiterhersteller": ("semiconductor",),
    "telekomkonzern": ("telecom",),
    "mobilfunker": ("mobile", "telecom"),
    "mobilfunkanbieter": ("mobile", "telecom"),
    "netzbetreiber": ("telecom",),
    "fluggesellschaft": ("airline",),
    "airline": ("airline",),
    "fluglinie": ("airline",),
    "lufthansa-konzern": ("airline",),
    "versicherer": ("insurance",),
    "rückversicherer": ("reinsurance",),
    "bank": ("bank",),
    "geldhaus": ("bank",),
    "institut": ("bank",),
    "chemiekonzern": ("chemicals",),
    "pharmakonzern": ("pharma",),
    "energiekonzern": ("energy", "utility"),
    "versorger": ("utility",),
    "stromkonzern": ("utility", "energy"),
    "ölkonzern": ("oil",),
    "modekonzern": ("fashion",),
    "sportartikelhersteller": ("sportswear",),
    "discounter": ("discounter",),
    "lebensmittelhändler": ("supermarket",),
    "handelskonzern": ("retail",),
    "einzelhändler": ("retail",),
    "elektronikkonzern": ("electronics",),
    "smartphone-hersteller": ("electronics",),
    "industriekonzern": ("industrial",),
    "technologieriese": ("tech",),
    "suchmaschinenriese": ("search",),
    "suchmaschinenkonzern": ("search",),
    "logistikkonzern": ("logistics",),
    "reisekonzern": ("travel", "tourism"),
    "medienkonzern": ("media",),
    "streamingdienst": ("streaming",),
    "zahlungsdienstleister": ("payment",),
    "rüstungskonzern": ("defence",),
    "stahlkonzern": ("steel",),
    "flugzeugbauer": ("aircraft",),
    "immobilienkonzern": ("real estate",),
    "essenslieferant": ("delivery",),
    "lieferdienst": ("delivery",),
    "netzwerkausrüster": ("network",),
}
DESCRIPTION_RE = rx(
    r"""(?<![\w])(?P<det>[Dd]er|[Dd]ie|[Dd]as|[Dd]em|[Dd]en|[Dd]es|[Dd]ieser|[Dd]iese|[Dd]ieses|
    [Dd]iesem|[Dd]iesen|[Ss]eine[rnm]?|[Ii]hre[rnm]?|[Ss]einem|[Ii]hrem|[Ss]ein|[Ii]hr)
    \s+(?P<adj>(?:[a-zäöüß][\w-]*e[nmrs]?\s+){0,3})(?P<noun>[A-ZÄÖÜ][\w-]*)"""
)
DESCRIPTION_LEFT = rx(
    r"""(?<![\w])(?P<det>[Dd]er|[Dd]ie|[Dd]as|[Dd]em|[Dd]en|[Dd]es|[Dd]ieser|[Dd]iese|[Dd]ieses|
    [Dd]iesem|[Dd]iesen|[Ss]eine[rnm]?|[Ii]hre[rnm]?|[Ss]einem|[Ii]hrem|[Ss]ein|[Ii]hr)
    \s+(?P<adj>(?:(?:[a-zäöüß][\w-]*e[nmrs]?|(?:Bad\s+|Sankt\s+)?[A-ZÄÖÜ][\w-]+er|
    [A-ZÄÖÜ][\w]*-\s+(?:und|oder))\s+){0,3})$"""
)
NATIONALITIES = {
    "chinesisch": "CN",
    "amerikanisch": "US",
    "us-amerikanisch": "US",
    "us": "US",
    "deutsch": "DE",
    "japanisch": "JP",
    "französisch": "FR",
    "britisch": "GB",
    "schweizer": "CH",
    "schweizerisch": "CH",
    "koreanisch": "KR",
    "südkoreanisch": "KR",
    "schwedisch": "SE",
    "niederländisch": "NL",
    "spanisch": "ES",
    "italienisch": "IT",
    "taiwanisch": "TW",
    "finnisch": "FI",
    "dänisch": "DK",
    "irisch": "IE",
    "österreichisch": "AT",
    "indisch": "IN",
}
DEMONSTRATIVE_EVENT = rx(
    r"^(?:Dieser|Der|An\s+diesem|An\s+dem)\s+(?:Tag|Aktionstag|Shoppingtag|Einkaufstag|Feiertag|Rabatttag|Event|Shoppingfestival)\b|^Dieses\s+(?:Event|Shoppingfestival|Ereignis)\b"
)
CONVERTED = rx(r"(?<![\w])(?:umgerechnet|umgerechnete[nmrs]?|entspricht|entsprechend)\s+$", IC)
TOTAL_WORDS = rx(r"(?<![\w])(?:insgesamt|zusammen|gesamt)\s+$", IC)


def _ordinal(word: str) -> int:
    w = word.lower().rstrip(".")
    table = {
        "ersten": 1,
        "erste": 1,
        "1": 1,
        "zweiten": 2,
        "zweite": 2,
        "2": 2,
        "dritten": 3,
        "dritte": 3,
        "3": 3,
        "vierten": 4,
        "vierte": 4,
        "4": 4,
        "letzten": 4,
    }
    return table.get(w, 0)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text.strip("'’"))
    return y + 2000 if y < 100 else y


def _quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    q = _ordinal(m.group("q"))
    year = _year(m.group("y"))
    fiscal = bool(m.group("fy")) or "Geschäftsjahr" in m.group() or "Fiskaljahr" in m.group()
    if year is not None and (m.re.groupindex.get("y2") and m.group("y2")):
        # `im ersten Quartal des Geschäftsjahres 2024/25`: FY2025, named by its end year.
        y2 = m.group("y2")
        year = int(y2) if len(y2) == 4 else int(str(year)[:2] + y2)
        fiscal = True
    if year is not None:
        return f"FY{year}-Q{q}" if fiscal else f"{year}-Q{q}"
    if ref is None:
        return None
    if fiscal:
        end = _ENDED.search(m.string, m.end(), m.end() + 60)
        return P.fiscal_quarter(q, ref, _MONTHS[end.group("m").lower()] if end else None)
    return P.named_quarter(q, ref)


_ENDED = re.compile(
    r"(?:bis|Ende|endete\w*|zum)\s+(?:Ende\s+)?(?P<m>Januar|Februar|März|April|Mai|Juni|Juli|"
    r"August|September|Oktober|November|Dezember)"
)


def _q4(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.named_quarter(4, ref)


def _half(m: re.Match[str], ref: Ref | None) -> str | None:
    h = _ordinal(m.group("h"))
    year = _year(m.group("y"))
    if year is not None:
        return f"{year}-H{h}"
    return None if ref is None else P.named_half(h, ref)


def _months_of_year(m: re.Match[str], ref: Ref | None) -> str | None:
    n = {"drei": 3, "sechs": 6, "neun": 9, "3": 3, "6": 6, "9": 9}[m.group("n").lower()]
    year = _year(m.group("y"))
    if year is None:
        if ref is None:
            return None
        year = ref.year if ref.month > n else ref.year - 1
    return {3: f"{year}-Q1", 6: f"{year}-H1", 9: f"{year}-Q1/{year}-Q3"}[n]


def _months_until(m: re.Match[str], ref: Ref | None) -> str | None:
    """`in den drei Monaten bis Ende Juni`: the span of n months that ends with that month."""
    n = {"drei": 3, "sechs": 6, "neun": 9, "zwölf": 12}.get(m.group("n").lower()) or int(
        m.group("n")
    )
    return P.months_ending(n, _MONTHS[m.group("m").lower()], _year(m.group("y")), ref)


def _fiscal(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.fiscal_year(m.group("y"))


def _plain_year(m: re.Match[str], ref: Ref | None) -> str | None:
    return str(_year(m.group("y")))


def _year_interval(m: re.Match[str], ref: Ref | None) -> str | None:
    return f"{m.group('a')}/{m.group('b')}"


def _year_end(m: re.Match[str], ref: Ref | None) -> str | None:
    """`zum Jahresende 2022`, `Ende des vergangenen Jahres`: the year's last month."""
    if m.group("y"):
        return f"{_year(m.group('y'))}-12"
    return None if ref is None else f"{ref.year - 1}-12"


def _rel_year(offset: int) -> PeriodResolver:
    def resolve(m: re.Match[str], ref: Ref | None) -> str | None:
        return None if ref is None else str(ref.year + offset)

    return resolve


def _rel_fy(offset: int) -> PeriodResolver:
    def resolve(m: re.Match[str], ref: Ref | None) -> str | None:
        return None if ref is None else f"FY{ref.year + offset}"

    return resolve


def _new_fy(m: re.Match[str], ref: Ref | None) -> str | None:
    """`im neuen Geschäftsjahr`: the one that began most recently (a company with a split
    fiscal year is re-read in its own calendar)."""
    if ref is None:
        return None
    return f"FY{ref.year if ref.month <= 3 else ref.year + 1}"


def _last_quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.last_completed_quarter(ref)


def _this_quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.quarter(ref.year, ref.quarter)


def _month(m: re.Match[str], ref: Ref | None) -> str | None:
    month = _MONTHS[m.group("m").lower()]
    year = _year(m.group("y"))
    if year is not None:
        return f"{year}-{month:02d}"
    if ref is None:
        return None
    return P.named_month(month, ref, past=bool(m.group("past")))


def _month_span(m: re.Match[str], ref: Ref | None) -> str | None:
    a, b = _MONTHS[m.group("a").lower()], _MONTHS[m.group("b").lower()]
    year = _year(m.group("y"))
    if year is None:
        if ref is None:
            return None
        year = ref.year if b < ref.month or a < ref.month else ref.year - 1
    return P.month_span(year, a, b)


def _day(m: re.Match[str], ref: Ref | None) -> str | None:
    day = int(m.group("d"))
    mo = m.group("m").rstrip(".")
    month = int(mo) if mo.isdigit() else _MONTHS[mo.lower()]
    year = _year(m.group("y"))
    if year is None:
        return None if ref is None else P.latest_day(month, day, ref)
    return f"{year}-{month:02d}-{day:02d}"


def _quarter_ending(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.quarter_ending(_MONTHS[m.group("m").lower()], ref, _year(m.group("y")))


def _until(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.until(int(m.group("y")), ref)


def _next_years(m: re.Match[str], ref: Ref | None) -> str | None:
    n = parse_word(m.group("n"), "de") if not m.group("n").isdigit() else int(m.group("n"))
    if ref is None or not n:
        return None
    return f"{ref.year}/{ref.year + int(n) - 1}"


def _full_year(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.full_year(ref)


def _none(m: re.Match[str], ref: Ref | None) -> str | None:
    return None


_ORD = r"(?P<q>ersten?|zweiten?|dritten?|vierten?|letzten|[1-4]\.)"
_PERIOD_RULES: tuple[PeriodRule, ...] = (
    PeriodRule(
        "im Quartal, das Ende Juni endete",
        rx(
            rf"[Qq]uartal(?:s|es)?,\s+(?:das|welches)\s+(?:am\s+[0-3]?\d\.\s*|Ende\s+)"
            rf"(?P<m>{_MONTH_ALTS})(?:\s+(?P<y>(?:19|20)\d\d))?\s+(?:endete|zu\s+Ende\s+ging)"
        ),
        _quarter_ending,
    ),
    PeriodRule(
        "im Dezemberquartal",
        rx(r"(?P<m>März|Juni|September|Dezember)-?[Qq]uartal(?:s|es)?(?:\s+(?P<y>(?:19|20)\d\d))?"),
        _quarter_ending,
    ),
    PeriodRule(
        "im abgelaufenen Quartal",
        rx(
            r"(?:abgelaufenen|vergangenen|zurückliegenden|letzten|jüngsten|gerade\s+beendeten)\s+(?:Geschäfts)?[Qq]uartal",
            IC,
        ),
        _last_quarter,
    ),
    PeriodRule(
        "im Quartal",
        rx(
            r"(?<![\w])(?:im|während\s+des|in\s+dem|für\s+das|fürs)\s+Quartal(?:s)?(?![\w-])"
            r"(?!\s+(?:19|20)\d\d)"
        ),
        _none,
        "frame_quarter",
    ),
    PeriodRule("im Weihnachtsquartal", rx(r"(?:Weihnachts|Schluss|Jahresend)quartal", IC), _q4),
    PeriodRule(
        "im laufenden Quartal", rx(r"(?:laufenden|aktuellen|diesem)\s+Quartal", IC), _this_quarter
    ),
    PeriodRule(
        "im dritten Quartal 2019",
        rx(
            rf"{_ORD}\s+(?P<fy>Geschäfts|Fiskal)?[Qq]uartal(?:s|es)?"
            r"(?:\s+(?:des|seines|ihres)\s+(?:laufenden\s+|neuen\s+)?(?:Geschäfts|Fiskal)?[Jj]ahres)?"
            rf"(?:\s+(?P<y>(?:19|20)\d\d)(?:/(?P<y2>\d{{2,4}}))?)?"
        ),
        _quarter,
    ),
    PeriodRule(
        "Q3 2019",
        rx(r"(?<![\w])(?P<fy>)Q(?P<q>[1-4])(?:[\s/]*(?P<y>(?:19|20)\d\d|['’]\d\d))?(?![\w])"),
        _quarter,
    ),
    PeriodRule(
        "im ersten Halbjahr",
        rx(
            r"(?P<h>ersten|zweiten|[12]\.)\s+(?:Geschäfts)?(?:Halbjahr|Jahreshälfte)(?:es|s)?(?:\s+(?:(?:des\s+)?(?:Geschäfts)?[Jj]ahres\s+)?(?P<y>(?:19|20)\d\d))?"
        ),
        _half,
    ),
    PeriodRule(
        "in den drei Monaten bis Ende Juni",
        rx(
            rf"(?P<n>drei|sechs|neun|zwölf|3|6|9|12)\s+Monate[n]?\s+(?:bis|zum|per)\s+"
            rf"(?:(?:zum\s+)?Ende\s+(?:des\s+Monats\s+)?)?(?P<m>{_MONTH_ALTS})(?:\s+(?P<y>(?:19|20)\d\d))?",
            IC,
        ),
        _months_until,
    ),
    PeriodRule(
        "in den ersten drei Monaten",
        rx(
            r"(?:ersten|(?<![\w])[Nn]ach)\s+(?P<n>drei|sechs|neun|[369])\s+Monate[n]?(?:\s+(?:des\s+(?:laufenden\s+|vergangenen\s+)?(?:Geschäfts)?[Jj]ahres|(?:von\s+)?(?P<y>(?:19|20)\d\d)))?",
            IC,
        ),
        _months_of_year,
    ),
    PeriodRule(
        "von Juli bis September",
        rx(
            rf"(?:[Vv]on|[Zz]wischen)\s+(?P<a>{_MONTH_ALTS})\s+(?:bis|und)\s+(?P<b>{_MONTH_ALTS})(?:\s+(?P<y>(?:19|20)\d\d))?"
        ),
        _month_span,
    ),
    PeriodRule(
        "im Geschäftsjahr 2015/16",
        rx(
            r"(?:Geschäfts|Fiskal|Wirtschafts)jahr(?:es|s)?\s+(?P<y>(?:19|20)\d\d(?:\s*/\s*\d{2,4})?)"
        ),
        _fiscal,
    ),
    PeriodRule(
        "im abgelaufenen Geschäftsjahr",
        rx(r"(?:abgelaufenen|vergangenen|letzten)\s+(?:Geschäfts|Fiskal)jahr", IC),
        _rel_fy(-1),
    ),
    PeriodRule(
        "im neuen Geschäftsjahr",
        rx(r"(?:neuen?|neues)\s+(?:Geschäfts|Fiskal)jahr(?:es|s)?(?!\w)", IC),
        _new_fy,
    ),
    PeriodRule(
        "im kommenden Geschäftsjahr",
        rx(r"(?:nächsten?|kommenden?|nächstes|kommendes)\s+(?:Geschäfts|Fiskal)jahr", IC),
        _rel_fy(1),
    ),
    PeriodRule(
        "im laufenden Geschäftsjahr",
        rx(r"(?:laufenden?|aktuellen?|diesem|dieses)\s+(?:Geschäfts|Fiskal)jahr", IC),
        _rel_fy(0),
    ),
    PeriodRule(
        "am 11. November",
        rx(
            rf"(?<![\w.])(?P<d>[0-3]?\d)\.\s*(?P<m>{_MONTH_ALTS}|1[0-2]\.|0?[1-9]\.)(?:\s*(?P<y>(?:19|20)\d\d))?"
        ),
        _day,
    ),
    PeriodRule(
        "im vergangenen Oktober",
        rx(
            rf"(?:(?P<past>vergangenen|letzten|im\s+vergangenen|im\s+letzten)\s+|[Ii]m\s+|Ende\s+|Anfang\s+|Mitte\s+|seit\s+)(?P<m>{_MONTH_ALTS})(?:\s+(?P<y>(?:19|20)\d\d))?"
        ),
        _month,
    ),
    PeriodRule(
        "zwischen 2024 und 2030",
        rx(
            r"(?:[Zz]wischen|[Vv]on)\s+(?P<a>(?:19|20)\d\d)\s+(?:und|bis)\s+(?P<b>(?:19|20)\d\d)(?![\d])"
        ),
        _year_interval,
    ),
    PeriodRule(
        "2023 bis 2025",
        rx(r"(?<![\d.,])(?P<a>(?:19|20)\d\d)\s*(?:bis|-|–)\s*(?P<b>(?:19|20)\d\d)(?![\d])"),
        _year_interval,
    ),
    PeriodRule(
        "bis 2026",
        rx(r"(?<![\w])[Bb]is\s+(?:(?:Ende|zum\s+Jahr|spätestens)\s+)?(?P<y>(?:19|20)\d\d)(?![\d])"),
        _until,
    ),
    PeriodRule(
        "zum Jahresende 2022",
        rx(
            r"(?:(?:zum\s+|am\s+)?Jahresende|Ende\s+des\s+Jahres)\s+(?P<y>(?:19|20)\d\d)(?![\d])"
            r"|(?:Ende|Schluss)\s+(?:des\s+)?(?:vergangenen|letzten|abgelaufenen|vorigen)\s+Jahres"
        ),
        _year_end,
    ),
    PeriodRule(
        "in den nächsten fünf Jahren",
        rx(
            r"(?:nächsten|kommenden)\s+(?P<n>\d{1,2}|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)\s+Jahre",
            IC,
        ),
        _next_years,
    ),
    PeriodRule(
        "im Gesamtjahr",
        rx(
            r"Gesamtjahr(?:es)?(?!\s+(?:19|20)\d\d)|"
            r"(?:gesamten?|ganzen?)\s+(?:Geschäfts)?[Jj]ahr(?:es)?(?!\s+(?:19|20)\d\d)"
        ),
        _full_year,
    ),
    PeriodRule(
        "im Jahr 2016",
        rx(
            r"(?:(?<![\w])(?:Gesamt|Kalender)?[Jj]ahr(?:es)?|(?<![\w])(?:in|im|für|Ende|Anfang|Mitte|per|zum)|(?:des|dem)\s+Jahr(?:es)?)\s+(?P<y>(?:19|20)\d\d)(?![\d])"
        ),
        _plain_year,
    ),
    PeriodRule(
        "seit 2016",
        rx(
            r"(?:seit|ab|gegründet|Gründung)\s+(?:\w+\s+)?(?P<y>(?:19|20)\d\d)|"
            r"(?P<y2>(?:19|20)\d\d)\s+(?:[\w.-]+\s+){0,6}?gegründet",
            IC,
        ),
        _none,
    ),
    PeriodRule(
        "2016",
        rx(
            r"(?<![\d.,/])(?P<y>(?:19[5-9]|20[0-4])\d)(?![\d.,/]|\s*(?:Mio|Mrd|Million|Milliard|Prozent|%|Euro|Dollar)|\s+"
            + _COUNT_NOUNS
            + ")"
        ),
        _plain_year,
    ),
    PeriodRule(
        "im vergangenen Jahr",
        rx(
            r"(?:vergangenen|letzten|abgelaufenen)\s+Jahr(?:es)?|(?:vergangenes|letztes)\s+Jahr", IC
        ),
        _rel_year(-1),
    ),
    PeriodRule(
        "in diesem Jahr",
        rx(
            r"(?:diesem|diesen|laufenden|laufende|dieses|aktuellen|aktuelle)\s+Jahr(?:es)?|(?<![\w])heuer(?![\w])",
            IC,
        ),
        _rel_year(0),
    ),
    PeriodRule(
        "im nächsten Jahr",
        rx(r"(?:nächsten?|kommenden?|nächstes|kommendes)\s+Jahr(?:es)?(?!\w)", IC),
        _rel_year(1),
    ),
    PeriodRule(
        "(Vorjahr: X)",
        rx(
            r"Vorjahr(?:es|s)?(?:zeitraum|quartal|monat)?s?|vor\s+einem\s+Jahr|Jahr\s+zuvor|Vorjahresniveau"
        ),
        _none,
        "prior_year",
    ),
    PeriodRule(
        "(Vorquartal: X)", rx(r"Vorquartal(?:s|es)?|Quartal\s+zuvor"), _none, "prior_period"
    ),
    PeriodRule("im Vormonat", rx(r"Vormonat(?:s|es)?|Monat\s+zuvor"), _none, "prior_period"),
)

# Needles: a rule is tried only on sentences containing one of these (see PeriodRule).
_NEEDLES: dict[str, tuple[str, ...]] = {
    "im Quartal": ("uartal",),
    "bis 2026": ("19", "20"),
    "in den nächsten fünf Jahren": ("Jahre",),
    "im Gesamtjahr": ("Gesamtjahr", "gesamte", "ganze"),
    "im Quartal, das Ende Juni endete": ("uartal",),
    "im Dezemberquartal": ("uartal",),
    "im abgelaufenen Quartal": ("uartal",),
    "im Weihnachtsquartal": ("uartal",),
    "im laufenden Quartal": ("uartal",),
    "im dritten Quartal 2019": ("uartal",),
    "Q3 2019": ("Q",),
    "im ersten Halbjahr": ("Halbjahr", "Jahreshälfte"),
    "in den ersten drei Monaten": ("Monate",),
    "in den drei Monaten bis Ende Juni": ("Monate",),
    "von Juli bis September": (
        "Januar",
        "Jänner",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "im Geschäftsjahr 2015/16": ("jahr",),
    "im abgelaufenen Geschäftsjahr": ("jahr",),
    "im laufenden Geschäftsjahr": ("jahr",),
    "im neuen Geschäftsjahr": ("jahr",),
    "im kommenden Geschäftsjahr": ("jahr",),
    "am 11. November": ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    "im vergangenen Oktober": (
        "Januar",
        "Jänner",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "2023 bis 2025": ("19", "20"),
    "zwischen 2024 und 2030": ("wischen", "on 19", "on 20"),
    "zum Jahresende 2022": ("Jahresende", "Ende ", "Schluss "),
    "im Jahr 2016": ("19", "20"),
    "seit 2016": ("19", "20"),
    "2016": ("19", "20"),
    "im vergangenen Jahr": ("Jahr",),
    "in diesem Jahr": ("Jahr", "heuer"),
    "im nächsten Jahr": ("Jahr",),
    "(Vorjahr: X)": ("Vorjahr", "zuvor", "vor einem Jahr"),
    "(Vorquartal: X)": ("uartal",),
    "im Vormonat": ("Vormonat", "zuvor"),
}
PERIODS = tuple(replace(r, needles=_NEEDLES[r.name]) for r in _PERIOD_RULES)

# Words that can start a figure without a digit (see LangPack.figure_words).
FIGURE_WORDS = (
    german_number_words()
    | {f"{w}mal" for w in german_number_words()}
    | {
        "million",
        "millionen",
        "milliarde",
        "milliarden",
        "billion",
        "billionen",
        "drittel",
        "viertel",
        "fünftel",
        "sechstel",
        "siebtel",
        "achtel",
        "zehntel",
        "hälfte",
    }
)
FIGURE_PREFIXES = (
    "jede",
    "zweistellig",
    "dreistellig",
    "verdopp",
    "verdreifach",
    "vervierfach",
    "verzehnfach",
    "verfünffach",
    "versechsfach",
    "versiebenfach",
    "verachtfach",
    "verneunfach",
    "halbier",
    "millionen",
    "milliarden",
)

# Every rule of the language by name, in the order the engine applies them within a group.
RULES: tuple[str, ...] = (
    *(r.name for r in (*UNIT_AFTER, *QUALIFIERS, *FRACTIONS, *MULTIPLES, *MAGNITUDES)),
    *(r.name for r in NOT_A_FIGURE),
    *(r.name for r in PERIODS),
)

PACK = LangPack(
    code="de",
    # `dreimal so viel wie`: a number word joined to `mal` (not `einmal`, which is an adverb).
    number_word=re.compile(
        rf"(?<![\w-])(?:{DE_WORD_RE.pattern})(?:(?![\w])|(?<!ein)(?=mal(?![\w])))", IC
    ),
    scales=SCALES,
    scale_after=SCALE_AFTER,
    currencies=CURRENCIES,
    currency_after=CURRENCY_AFTER,
    currency_before=CURRENCY_BEFORE,
    unit_after=UNIT_AFTER,
    qualifiers=QUALIFIERS,
    qualifier_before=QUALIFIER_BEFORE,
    ratio_before=RATIO_BEFORE,
    range_joint=RANGE_JOINT,
    range_open=RANGE_OPEN,
    from_to=FROM_TO,
    fractions=FRACTIONS,
    multiples=MULTIPLES,
    magnitudes=MAGNITUDES,
    up=UP,
    down=DOWN,
    change_before=CHANGE_BEFORE,
    not_a_figure=NOT_A_FIGURE,
    not_a_figure_before=NOT_A_FIGURE_BEFORE,
    comparison_needles=COMPARISON_NEEDLES,
    hypothetical=HYPOTHETICAL,
    comparison_context=COMPARISON_CONTEXT,
    counterparty_before=COUNTERPARTY_BEFORE,
    descriptions=DESCRIPTIONS,
    description_re=DESCRIPTION_RE,
    description_left=DESCRIPTION_LEFT,
    nationalities=NATIONALITIES,
    demonstrative_event=DEMONSTRATIVE_EVENT,
    periods=PERIODS,
    converted=CONVERTED,
    total_words=TOTAL_WORDS,
    figure_words=frozenset(FIGURE_WORDS),
    figure_prefixes=FIGURE_PREFIXES,
    rules=RULES,
)
