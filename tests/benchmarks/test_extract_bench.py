"""Extraction throughput on a generated corpus of business text (target: 2 MB/s on one core).

Run with `.venv/bin/pytest --run-benchmarks tests/benchmarks/test_extract_bench.py -s`; MB/s
(bytes of UTF-8 article text per second, best of the rounds) is printed and attached to the
benchmark's extra_info, both in CPU time of the process (what one core does, unaffected by other
processes on the machine; the target is checked against it) and wall-clock.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from facts.articles import Document, load_documents
from facts.extractor import extract
from facts.model import Article

REPO = Path(__file__).resolve().parents[2]

_COMPANIES = ["Siemens", "Amazon", "Alibaba", "BASF", "Zalando", "SAP", "Lufthansa", "Bayer"]
_DE = [
    "{c} steigerte den Umsatz im dritten Quartal um {p} Prozent auf {m} Milliarden Euro.",
    "Der Konzern beschäftigt weltweit rund {n}.000 Mitarbeiter.",
    "Das bereinigte EBIT lag bei {m} Mrd. Euro (Vorjahr: {m2} Mrd. Euro).",
    "Im vergangenen Geschäftsjahr investierte {c} mehr als {n} Millionen Euro in neue Werke.",
    "Die Aktie von {c} legte am Mittwoch um {p} Prozent zu.",
    "Der Vorstandschef sagte, man sehe sich gut aufgestellt für die kommenden Jahre.",
    "Analysten hatten mit einem Gewinn von {m} Milliarden Euro gerechnet.",
    "In den ersten drei Monaten des Jahres sank der Nettogewinn um {p} Prozent.",
    "{c} hält eine Beteiligung von {p} Prozent an dem Start-up.",
    "Die Zahl der Kunden stieg auf {n},{p} Millionen, teilte das Unternehmen mit.",
]
# Most sentences of business news state no figure; these stand for them.
_DE_PROSE = [
    "Der Vorstandschef sagte, man sehe sich gut aufgestellt für die kommenden Jahre und wolle "
    "die Digitalisierung weiter vorantreiben.",
    "{c} setzt dabei vor allem auf das Geschäft mit Geschäftskunden, das zuletzt deutlich an "
    "Bedeutung gewonnen hat.",
    "Kritiker werfen dem Konzern vor, die Umstellung auf neue Technologien zu lange verschleppt "
    "zu haben.",
    "Die Gewerkschaft kündigte Widerstand gegen die geplanten Umbaupläne an, die Verhandlungen "
    "sollen in der kommenden Woche beginnen.",
    "Auch die Konkurrenz aus Asien setzt dem Unternehmen zu, vor allem im Geschäft mit "
    "günstigen Geräten.",
    "Wie es mit der Sparte weitergeht, ist offen; ein Verkauf gilt in Branchenkreisen als "
    "wahrscheinlich.",
]
_EN_PROSE = [
    "The chief executive said the group remained confident about the outlook and would keep "
    "investing in its digital business.",
    "Critics say {c} has been slow to adapt to changing customer habits and rising competition.",
    "The company declined to comment on reports that it was exploring a sale of the unit.",
]
_EN = [
    "{c}'s revenue rose {p}% to ${m}bn in the third quarter.",
    "The company employs about {n},000 people worldwide.",
    "Net income fell to €{m} billion from €{m2} billion a year earlier.",
    "Shares of {c} gained {p} percent in early trading on Tuesday.",
    "The chief executive said the group remained confident about next year.",
]


def corpus(size: int, seed: int = 7) -> list[Article]:
    """German and English articles of about `size` bytes in total; about a third of the
    sentences state figures, the rest is prose, as in business news."""
    rng = random.Random(seed)
    articles: list[Article] = []
    total = 0
    while total < size:
        german = rng.random() < 0.75
        templates = _DE if german else _EN
        prose = _DE_PROSE if german else _EN_PROSE
        sentences = []
        for _ in range(rng.randint(15, 40)):
            t = rng.choice(templates) if rng.random() < 0.35 else rng.choice(prose)
            sentences.append(
                t.format(
                    c=rng.choice(_COMPANIES),
                    p=rng.randint(1, 60),
                    m=f"{rng.randint(1, 90)},{rng.randint(1, 9)}"
                    if german
                    else f"{rng.randint(1, 90)}.{rng.randint(1, 9)}",
                    m2=rng.randint(1, 90),
                    n=rng.randint(2, 900),
                )
            )
            if rng.random() < 0.2:
                sentences.append("\n\n")
        text = " ".join(sentences)
        month = rng.randint(1, 12)
        language = "de" if german else "en"
        articles.append(Article(text=text, published=f"2016-{month:02d}", language=language))
        total += len(text.encode("utf-8"))
    return articles


def _measure(benchmark: Any, articles: list[Article], rounds: int) -> tuple[float, float, int]:
    """Extract every article `rounds` times; CPU and wall MB/s of the best round, claims."""
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    cpu: list[float] = []

    def run() -> int:
        start = time.process_time()
        claims = sum(len(extract(a)) for a in articles)
        cpu.append(time.process_time() - start)
        return claims

    claims = benchmark.pedantic(run, rounds=rounds, iterations=1, warmup_rounds=1)
    cpu_mb_s = size / 1e6 / min(cpu)
    wall_mb_s = size / 1e6 / benchmark.stats.stats.min
    benchmark.extra_info["MB"] = round(size / 1e6, 3)
    benchmark.extra_info["MB/s"] = round(cpu_mb_s, 2)
    benchmark.extra_info["MB/s (CPU)"] = round(cpu_mb_s, 2)
    benchmark.extra_info["MB/s (wall)"] = round(wall_mb_s, 2)
    benchmark.extra_info["claims"] = claims
    print(
        f"\n{size / 1e6:.2f} MB, {claims} claims: {cpu_mb_s:.2f} MB/s CPU time, "
        f"{wall_mb_s:.2f} MB/s wall-clock"
    )
    return cpu_mb_s, wall_mb_s, claims


def test_extraction_throughput(benchmark: Any) -> None:
    """At least 2 MB of article text per second on one core."""
    cpu_mb_s, _, claims = _measure(benchmark, corpus(1_000_000), rounds=3)
    assert claims > 0
    assert cpu_mb_s >= 2.0


def test_extraction_throughput_real_articles(benchmark: Any) -> None:
    """The seed and development articles (real wording, denser in figures than the generated
    corpus): reported for comparison, no target."""
    docs = load_documents([REPO / "seeds", REPO / "tests" / "data" / "dev"])
    articles = [d.article for d in docs if isinstance(d, Document)]
    _, _, claims = _measure(benchmark, articles * 10, rounds=3)
    assert claims > 0
