"""Scoring extracted claims against hand-labelled gold claims (docs/eval.md).

A gold claim and an extracted claim *match* when they are about the same document and agree on
entity (case and spacing ignored), metric and unit, and the values are within 0.5 % of the gold
value (exactly equal when the gold value is 0). An extracted claim with bound `range` stands for
its two ends, the low end with bound `lower` and the high end with bound `upper`, because that is
how the gold files write a range.

Several gold claims can be compatible with several extracted ones (the same figure mentioned
twice, a figure and its currency conversion). Each gold claim is matched at most once, by an
optimal assignment per (document, entity, metric, unit) group: first as many matches as
possible, then, among those, the pairs that agree best on figure (overlapping spans or one
figure text inside the other), bound, period, segment, counterparty and exact value. Bound and
period accuracy are then measured on the matches; segment and counterparty agreement are
reported as well, for information.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from facts.articles import load_documents
from facts.errors import ArticleError, UsageError
from facts.model import BOUNDS, Article, Claim

__all__ = [
    "TOLERANCE",
    "EvalReport",
    "GoldFileError",
    "Match",
    "ScoredClaim",
    "Scores",
    "evaluate",
    "evaluate_files",
    "read_gold",
    "values_match",
]

# Relative tolerance between an extracted value and the gold value.
TOLERANCE = Decimal("0.005")

# Preference among compatible pairs; the figure outweighs all the rest together.
_SAME_FIGURE = 8
_SAME_BOUND = 4
_SAME_PERIOD = 2
_SAME_SEGMENT = 1
_SAME_COUNTERPARTY = 1
_SAME_VALUE = 1
_BEST_PAIR = (
    _SAME_FIGURE + _SAME_BOUND + _SAME_PERIOD + _SAME_SEGMENT + _SAME_COUNTERPARTY + _SAME_VALUE
)

_GOLD_REQUIRED = ("doc", "entity", "metric", "value", "unit", "bound")
_GOLD_OPTIONAL_STRINGS = ("segment", "period", "counterparty", "figure", "quote", "note")


class GoldFileError(ArticleError):
    """A gold file that cannot be read, reported like an article file: `path:line: message`."""


@attrs.frozen
class ScoredClaim:
    """A gold or extracted claim as the scorer sees it: one value with one bound.

    `part` is `low` or `high` for the ends of an extracted range, else None. `line` is the gold
    file's line; `span` is the figure's character span in the article text, where known.
    """

    doc: str
    entity: str
    metric: str
    value: Decimal
    unit: str
    bound: str
    segment: str | None = None
    period: str | None = None
    counterparty: str | None = None
    figure: str = ""
    sentence: str = ""
    span: tuple[int, int] | None = None
    line: int | None = None
    part: str | None = None

    @classmethod
    def from_claim(cls, doc: str, claim: Claim) -> tuple[ScoredClaim, ...]:
        """One scored claim, or two for a range (its low and high ends)."""
        quantity = claim.quantity
        base = cls(
            doc=doc,
            entity=claim.entity,
            metric=claim.metric,
            value=quantity.value,
            unit=quantity.unit,
            bound=quantity.bound,
            segment=claim.segment,
            period=claim.period,
            counterparty=claim.counterparty,
            figure=quantity.text,
            sentence=claim.source.sentence,
            span=(claim.source.start, claim.source.end),
        )
        if quantity.bound != "range":
            return (base,)
        low = quantity.low if quantity.low is not None else quantity.value
        ends = [attrs.evolve(base, value=low, bound="lower", part="low")]
        if quantity.high is not None:
            ends.append(attrs.evolve(base, value=quantity.high, bound="upper", part="high"))
        return tuple(ends)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "figure": self.figure,
            "entity": self.entity,
            "segment": self.segment,
            "metric": self.metric,
            "value": _number(self.value),
            "unit": self.unit,
            "bound": self.bound,
            "period": self.period,
            "counterparty": self.counterparty,
            "sentence": self.sentence,
            "span": list(self.span) if self.span is not None else None,
            "line": self.line,
            "part": self.part,
        }


@attrs.frozen
class Match:
    """A gold claim and the extracted claim assigned to it."""

    gold: ScoredClaim
    extracted: ScoredClaim

    @property
    def same_bound(self) -> bool:
        return self.gold.bound == self.extracted.bound

    @property
    def same_period(self) -> bool:
        return _same_optional(self.gold.period, self.extracted.period)

    @property
    def same_segment(self) -> bool:
        return _same_optional(self.gold.segment, self.extracted.segment)

    @property
    def same_counterparty(self) -> bool:
        return _same_optional(self.gold.counterparty, self.extracted.counterparty)

    def differences(self) -> dict[str, tuple[str | None, str | None]]:
        """Field -> (gold, extracted) for each field that disagrees on this match."""
        found: dict[str, tuple[str | None, str | None]] = {}
        for field, same in (
            ("bound", self.same_bound),
            ("period", self.same_period),
            ("segment", self.same_segment),
            ("counterparty", self.same_counterparty),
        ):
            if not same:
                found[field] = (getattr(self.gold, field), getattr(self.extracted, field))
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold.to_dict(),
            "extracted": self.extracted.to_dict(),
            "differences": {k: list(v) for k, v in self.differences().items()},
        }


@attrs.frozen
class Scores:
    """Counts and the rates derived from them.

    An empty denominator gives 1.0 when the other side is empty too (nothing to find and
    nothing found is a perfect score) and 0.0 otherwise, so the rates are always numbers.
    """

    gold: int
    extracted: int
    matched: int

    @property
    def precision(self) -> float:
        return _rate(self.matched, self.extracted, empty=1.0 if self.gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return _rate(self.matched, self.gold, empty=1.0 if self.extracted == 0 else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "extracted": self.extracted,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@attrs.frozen
class DocumentScore:
    doc: str
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, **self.scores.to_dict()}


@attrs.frozen
class EvalReport:
    """The outcome of one evaluation.

    Accuracies are measured on the matches and are None when nothing matched.
    `unscored_documents` are documents the gold file names but that were not evaluated (no
    extracted claims were supplied for them); their gold claims count nowhere.
    `undated_documents` and `errors` (articles that could not be loaded) are filled in by
    `evaluate_files`, which reads the articles.
    """

    totals: Scores
    documents: tuple[DocumentScore, ...]
    matches: tuple[Match, ...]
    misses: tuple[ScoredClaim, ...]
    false_alarms: tuple[ScoredClaim, ...]
    unscored_documents: tuple[str, ...] = ()
    undated_documents: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def bound_accuracy(self) -> float | None:
        return self._agreement(lambda m: m.same_bound)

    @property
    def period_accuracy(self) -> float | None:
        return self._agreement(lambda m: m.same_period)

    @property
    def segment_agreement(self) -> float | None:
        return self._agreement(lambda m: m.same_segment)

    @property
    def counterparty_agreement(self) -> float | None:
        return self._agreement(lambda m: m.same_counterparty)

    def _agreement(self, same: Callable[[Match], bool]) -> float | None:
        if not self.matches:
            return None
        return sum(1 for m in self.matches if same(m)) / len(self.matches)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.totals.to_dict(),
            "bound_accuracy": self.bound_accuracy,
            "period_accuracy": self.period_accuracy,
            "segment_agreement": self.segment_agreement,
            "counterparty_agreement": self.counterparty_agreement,
            "documents": [d.to_dict() for d in self.documents],
            "misses": [c.to_dict() for c in self.misses],
            "false_alarms": [c.to_dict() for c in self.false_alarms],
            "mismatches": [m.to_dict() for m in self.matches if m.differences()],
            "unscored_documents": list(self.unscored_documents),
            "undated_documents": list(self.undated_documents),
            "errors": list(self.errors),
        }


# --- reading gold files ---------------------------------------------------------------------


def read_gold(path: str | Path) -> list[ScoredClaim]:
    """The gold claims of a JSON Lines file; the first bad line raises GoldFileError.

    Gold is the yardstick, so unlike articles a bad line is not skipped: a silently smaller
    gold set would inflate precision. A gold range (bound `range` with `low` and `high`) is
    split into its ends like an extracted one.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GoldFileError(name, f"cannot read: {exc.strerror or exc}") from None
    claims: list[ScoredClaim] = []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFileError(
                name, f"not UTF-8: byte 0x{raw[exc.start]:02X} cannot be decoded", number
            ) from None
        try:
            obj = json.loads(line, parse_float=Decimal, parse_int=Decimal, parse_constant=Decimal)
        except json.JSONDecodeError as exc:
            raise GoldFileError(name, f"invalid JSON: {exc.msg}", number) from None
        claims.extend(_gold_claims(obj, name, number))
    if not claims:
        raise GoldFileError(name, "no gold claims in the file")
    return claims


def _gold_claims(obj: object, path: str, line: int) -> tuple[ScoredClaim, ...]:
    if not isinstance(obj, dict):
        raise GoldFileError(path, f"expected a JSON object, got {type(obj).__name__}", line)
    missing = [key for key in _GOLD_REQUIRED if obj.get(key) is None]
    if missing:
        raise GoldFileError(path, f"missing {', '.join(repr(k) for k in missing)}", line)
    for key in ("doc", "entity", "metric", "unit", "bound", *_GOLD_OPTIONAL_STRINGS):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise GoldFileError(path, f"{key!r} must be a string, got {type(value).__name__}", line)
    for key in ("doc", "entity", "metric", "unit"):
        if not obj[key].strip():
            raise GoldFileError(path, f"{key!r} is empty", line)
    bound = obj["bound"]
    if bound not in BOUNDS:
        raise GoldFileError(path, f"bound {bound!r} is not one of {', '.join(BOUNDS)}", line)
    value = _gold_number(obj, "value", path, line)
    claim = ScoredClaim(
        doc=obj["doc"].strip(),
        entity=obj["entity"],
        metric=obj["metric"],
        value=value,
        unit=obj["unit"],
        bound=bound,
        segment=obj.get("segment"),
        period=obj.get("period"),
        counterparty=obj.get("counterparty"),
        figure=obj.get("figure") or "",
        sentence=obj.get("quote") or "",
        line=line,
    )
    if bound != "range":
        return (claim,)
    low, high = _gold_number(obj, "low", path, line), _gold_number(obj, "high", path, line)
    return (
        attrs.evolve(claim, value=low, bound="lower", part="low"),
        attrs.evolve(claim, value=high, bound="upper", part="high"),
    )


def _gold_number(obj: Mapping[str, object], key: str, path: str, line: int) -> Decimal:
    raw = obj.get(key)
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip())
        except InvalidOperation:
            raise GoldFileError(path, f"{key!r} {raw!r} is not a number", line) from None
    else:
        shown = "missing" if raw is None else type(raw).__name__
        raise GoldFileError(path, f"{key!r} must be a number, got {shown}", line)
    if not number.is_finite():
        raise GoldFileError(path, f"{key!r} must be a finite number", line)
    return number


# --- scoring --------------------------------------------------------------------------------


def values_match(extracted: Decimal, gold: Decimal) -> bool:
    """Within TOLERANCE of the gold value, relatively; exactly, for a gold value of 0."""
    return abs(extracted - gold) <= TOLERANCE * abs(gold)


def evaluate(
    gold: Iterable[ScoredClaim],
    extracted: Mapping[str, Sequence[Claim]],
    texts: Mapping[str, str] | None = None,
) -> EvalReport:
    """Score the claims extracted per document against the gold claims.

    `extracted` maps each evaluated document's name to its claims (an empty list for a document
    where nothing was found: its gold claims are then misses). Gold claims of documents not in
    `extracted` are not scored; they are listed as `unscored_documents`. `texts` (document
    name -> article text) lets a gold figure be located by its quote, so that pairs are
    preferred by overlapping spans rather than by figure wording alone.
    """
    gold_by_doc: dict[str, list[ScoredClaim]] = defaultdict(list)
    for claim in gold:
        gold_by_doc[claim.doc].append(claim)
    texts = texts or {}

    documents: list[DocumentScore] = []
    matches: list[Match] = []
    misses: list[ScoredClaim] = []
    false_alarms: list[ScoredClaim] = []
    for doc in sorted(extracted):
        text = texts.get(doc)
        doc_gold = [_with_span(g, text) for g in gold_by_doc.get(doc, [])]
        doc_extracted = [s for c in extracted[doc] for s in ScoredClaim.from_claim(doc, c)]
        doc_matches, doc_misses, doc_false = _match_document(doc_gold, doc_extracted)
        matches += doc_matches
        misses += doc_misses
        false_alarms += doc_false
        documents.append(
            DocumentScore(doc, Scores(len(doc_gold), len(doc_extracted), len(doc_matches)))
        )
    totals = Scores(
        gold=sum(d.scores.gold for d in documents),
        extracted=sum(d.scores.extracted for d in documents),
        matched=len(matches),
    )
    return EvalReport(
        totals=totals,
        documents=tuple(documents),
        matches=tuple(matches),
        misses=tuple(misses),
        false_alarms=tuple(false_alarms),
        unscored_documents=tuple(sorted(set(gold_by_doc) - set(extracted))),
    )


def evaluate_files(
    gold_path: str | Path,
    paths: Sequence[str | Path],
    extract: Callable[[Article], Sequence[Claim]],
    *,
    date: str | None = None,
) -> EvalReport:
    """Read the gold file and the articles, run `extract` on each article and score it.

    Articles that cannot be loaded are listed in `errors` and scored nowhere (their gold claims
    are unscored, not misses), so that one bad file does not hide the scores of the others.
    Raises GoldFileError for a bad gold file and UsageError when two articles have the same
    document name, since gold claims could not tell them apart.
    """
    gold = read_gold(gold_path)
    extracted: dict[str, Sequence[Claim]] = {}
    texts: dict[str, str] = {}
    undated: list[str] = []
    errors: list[str] = []
    for item in load_documents(paths, date=date):
        if isinstance(item, ArticleError):
            errors.append(str(item))
            continue
        if item.name in extracted:
            raise UsageError(
                f"two articles are both named {item.name!r}; gold claims refer to documents "
                "by name, so evaluate them separately"
            )
        extracted[item.name] = extract(item.article)
        texts[item.name] = item.article.text
        if item.article.published is None:
            undated.append(item.name)
    report = evaluate(gold, extracted, texts)
    return attrs.evolve(report, undated_documents=tuple(sorted(undated)), errors=tuple(errors))


def _match_document(
    gold: list[ScoredClaim], extracted: list[ScoredClaim]
) -> tuple[list[Match], list[ScoredClaim], list[ScoredClaim]]:
    groups: dict[tuple[str, str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, g in enumerate(gold):
        groups[_group_key(g)][0].append(i)
    for j, e in enumerate(extracted):
        groups[_group_key(e)][1].append(j)

    pairs: list[tuple[int, int]] = []
    for gold_ids, extracted_ids in groups.values():
        if not gold_ids or not extracted_ids:
            continue
        # A compatible pair is worth more than all preferences of a full matching together,
        # so the assignment maximises the number of matches first.
        base = _BEST_PAIR * (min(len(gold_ids), len(extracted_ids)) + 1) + 1
        weights = [
            [
                base + _preference(gold[i], extracted[j])
                if values_match(extracted[j].value, gold[i].value)
                else 0
                for j in extracted_ids
            ]
            for i in gold_ids
        ]
        for row, col in _assign(weights):
            if weights[row][col]:
                pairs.append((gold_ids[row], extracted_ids[col]))

    pairs.sort()
    matched_gold = {i for i, _ in pairs}
    matched_extracted = {j for _, j in pairs}
    return (
        [Match(gold[i], extracted[j]) for i, j in pairs],
        [g for i, g in enumerate(gold) if i not in matched_gold],
        [e for j, e in enumerate(extracted) if j not in matched_extracted],
    )


def _group_key(claim: ScoredClaim) -> tuple[str, str, str]:
    return (_fold(claim.entity), _fold(claim.metric), _fold(claim.unit))


def _preference(gold: ScoredClaim, extracted: ScoredClaim) -> int:
    match = Match(gold, extracted)
    return (
        _SAME_FIGURE * _same_figure(gold, extracted)
        + _SAME_BOUND * match.same_bound
        + _SAME_PERIOD * match.same_period
        + _SAME_SEGMENT * match.same_segment
        + _SAME_COUNTERPARTY * match.same_counterparty
        + _SAME_VALUE * (gold.value == extracted.value)
    )


def _same_figure(gold: ScoredClaim, extracted: ScoredClaim) -> bool:
    if gold.span is not None and extracted.span is not None:
        return gold.span[0] < extracted.span[1] and extracted.span[0] < gold.span[1]
    g, e = _fold(gold.figure), _fold(extracted.figure)
    return bool(g and e) and (g in e or e in g)


def _with_span(claim: ScoredClaim, text: str | None) -> ScoredClaim:
    """The gold claim with its figure's span, found through its quote, when the text has it."""
    if text is None or not claim.sentence or not claim.figure:
        return claim
    quote_at = text.find(claim.sentence)
    figure_at = claim.sentence.find(claim.figure)
    if quote_at < 0 or figure_at < 0:
        return claim
    start = quote_at + figure_at
    return attrs.evolve(claim, span=(start, start + len(claim.figure)))


def _assign(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment (Hungarian algorithm): (row, column) pairs.

    Every row of the smaller side is assigned; callers drop pairs of weight 0. O(n^2 m), run
    per group of compatible claims, which are small.
    """
    rows, cols = len(weights), len(weights[0])
    if rows > cols:
        transposed = [[weights[r][c] for r in range(rows)] for c in range(cols)]
        return [(r, c) for c, r in _assign(transposed)]
    # Minimise cost = -weight; potentials u (rows) and v (columns), 1-based with a sentinel.
    inf = 1 << 62
    u = [0] * (rows + 1)
    v = [0] * (cols + 1)
    owner = [0] * (cols + 1)
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        col0 = 0
        min_reduced = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta = inf
            col1 = 0
            for col in range(1, cols + 1):
                if used[col]:
                    continue
                reduced = -weights[row0 - 1][col - 1] - u[row0] - v[col]
                if reduced < min_reduced[col]:
                    min_reduced[col] = reduced
                    way[col] = col0
                if min_reduced[col] < delta:
                    delta = min_reduced[col]
                    col1 = col
            for col in range(cols + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    min_reduced[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    return [(owner[col] - 1, col - 1) for col in range(1, cols + 1) if owner[col]]


# --- helpers --------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same_optional(a: str | None, b: str | None) -> bool:
    return _fold(a or "") == _fold(b or "")


def _rate(part: int, whole: int, *, empty: float) -> float:
    return part / whole if whole else empty


def _number(value: Decimal) -> int | float:
    """A JSON number for display; the scoring itself never leaves Decimal."""
    return int(value) if value == value.to_integral_value() else float(value)
