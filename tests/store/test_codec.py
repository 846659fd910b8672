"""The codec: canonical payloads, the fast encoder, upcasting, and the committed JSON Schemas."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from facts import codec
from facts.errors import SchemaVersionError
from facts.events import EVENT_TYPES, ArticleIngested, ClaimReviewed, Event
from tests.store.events import article, claim_extracted, events

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema" / "events"


@settings(max_examples=300, deadline=None)
@given(events)
def test_fast_encoder_writes_the_reference_bytes(event: Event) -> None:
    """The generated encoder and unstructure + json.dumps agree byte for byte."""
    type_name, version, payload = codec.encode(event)
    assert (type_name, version) == (type(event).TYPE, type(event).VERSION)
    assert payload == codec.encode_reference(event)
    assert codec.decode(type_name, version, payload) == event
    assert codec.load_data(type_name, version, payload) == codec.to_data(event)


def test_payload_is_canonical_json() -> None:
    """Compact, UTF-8 text kept as is, Decimals as strings, tuples as lists, fields in order."""
    _, _, payload = codec.encode(claim_extracted(3))
    assert payload.startswith('{"claim":{"entity":"Alibaba","metric":"revenue_growth","quantity"')
    assert '"value":"56.5"' in payload and '"notes":[]' in payload
    assert '", "' not in payload and '": ' not in payload
    _, _, text = codec.encode(article(1, "Größe „x“"))
    assert "Größe „x“" in text


def test_decimals_keep_every_digit() -> None:
    """No float ever touches a quantity on its way through the codec."""
    event = claim_extracted(1)
    value = Decimal("12345678901234567890.000000000001")
    quantity = event.claim.quantity.__class__(value=value, unit="EUR")
    claim = event.claim.__class__(
        entity="X", metric="revenue", quantity=quantity, source=event.claim.source
    )
    decoded = codec.decode(*codec.encode(event.__class__(claim=claim, extractor_version="1")))
    assert isinstance(decoded, event.__class__)
    assert decoded.claim.quantity.value == value
    assert str(decoded.claim.quantity.value) == str(value)


def test_unexpected_value_types_fall_back_to_the_reference_encoder() -> None:
    """A value the generated encoder does not expect still encodes the canonical way."""
    odd = ClaimReviewed(claim_id="c", verdict="confirmed", reviewer=True)  # type: ignore[arg-type]
    assert codec.encode(odd)[2] == codec.encode_reference(odd)
    assert '"reviewer":true' in codec.encode(odd)[2]


def test_bool_in_an_int_field_is_written_as_json_would() -> None:
    """True is an int to Python but not to JSON: the fast path defers to the reference."""
    event = claim_extracted(1)
    source = event.claim.source.__class__(article_id="a", start=True, end=2, sentence="s")
    claim = event.claim.__class__(
        entity="X", metric="revenue", quantity=event.claim.quantity, source=source
    )
    odd = event.__class__(claim=claim, extractor_version="1")
    assert codec.encode(odd)[2] == codec.encode_reference(odd)
    assert '"start":true' in codec.encode(odd)[2]


def test_payload_parsing_tolerates_whitespace_and_rejects_trailing_data() -> None:
    """The fast parser falls back to json for anything but one bare JSON object."""
    assert codec.load_data("ClaimWithdrawn", 1, ' {"claim_id":"c"} ') == {"claim_id": "c"}
    with pytest.raises(json.JSONDecodeError):
        codec.load_data("ClaimWithdrawn", 1, '{"claim_id":"c"} x')
    with pytest.raises(json.JSONDecodeError):
        codec.load_data("ClaimWithdrawn", 1, "")


def test_unregistered_types_are_refused() -> None:
    """Only registered event classes are written."""
    with pytest.raises(TypeError):
        codec.encode(object())  # type: ignore[arg-type]


def test_upcaster_brings_old_payloads_to_the_current_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bumping a VERSION plus registering one upcaster makes old payloads decode as new."""
    _, _, v1_payload = codec.encode(article(1))
    monkeypatch.setattr(ArticleIngested, "VERSION", 2)
    monkeypatch.setattr(codec, "UPCASTERS", dict(codec.UPCASTERS))

    @codec.upcast("ArticleIngested", 1)
    def _v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "title": (data["title"] or "").upper()}

    decoded = codec.decode("ArticleIngested", 1, v1_payload)
    assert isinstance(decoded, ArticleIngested)
    assert decoded.title == "ARTIKEL 1"
    assert codec.load_data("ArticleIngested", 1, v1_payload)["title"] == "ARTIKEL 1"
    assert codec.encode(article(1))[1] == 2
    with pytest.raises(ValueError, match="already registered"):
        codec.upcast("ArticleIngested", 1)(_v1_v2)


def test_missing_upcaster_newer_version_and_unknown_type_are_clear_errors() -> None:
    """Each names what is missing instead of decoding garbage."""
    _, _, payload = codec.encode(article(1))
    with pytest.raises(SchemaVersionError, match="newer"):
        codec.decode("ArticleIngested", 9, payload)
    with pytest.raises(SchemaVersionError, match="unknown event type"):
        codec.decode("SomethingNew", 1, "{}")
    with pytest.raises(SchemaVersionError, match="no upcaster"):
        codec.upcast_data("ArticleIngested", 0, {})


@pytest.mark.parametrize("type_name", sorted(EVENT_TYPES))
def test_committed_schema_matches_code(type_name: str) -> None:
    """schema/events/<Type>.v<N>.json is what the code writes; regenerate with
    `python -m facts.codec --write-schemas schema/events` after a deliberate change."""
    version = EVENT_TYPES[type_name].VERSION
    path = SCHEMA_DIR / codec.schema_file_name(type_name, version)
    assert path.exists(), f"missing {path}: run python -m facts.codec --write-schemas schema/events"
    assert path.read_text(encoding="utf-8") == codec.render_schema(type_name), (
        f"{path} differs from the code: bump {type_name}.VERSION and add an upcaster if the "
        "payload changed, then regenerate the schemas"
    )


def test_every_schema_version_is_reachable() -> None:
    """Every committed version exists for a type the code knows, and upcasts to the current one."""
    files = sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
    expected = []
    for type_name, cls in EVENT_TYPES.items():
        for version in range(1, cls.VERSION + 1):
            expected.append(codec.schema_file_name(type_name, version))
            if version < cls.VERSION:
                assert (type_name, version) in codec.UPCASTERS, (type_name, version)
    assert files == sorted(expected)


def test_write_schemas_cli(tmp_path: Path) -> None:
    """The generator writes one file per type, identical to the committed ones."""
    assert codec.main(["--write-schemas", str(tmp_path)]) == 0
    for path in tmp_path.iterdir():
        assert path.read_text(encoding="utf-8") == (SCHEMA_DIR / path.name).read_text("utf-8")


@settings(max_examples=100, deadline=None)
@given(events)
def test_payloads_match_their_schema_shape(event: Event) -> None:
    """Every payload has exactly the properties its schema requires, of the declared kinds."""
    _, _, payload = codec.encode(event)
    schema = json.loads(codec.render_schema(type(event).TYPE))
    _check(json.loads(payload), schema, schema)


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    """A small JSON Schema check covering exactly the keywords the generator emits."""
    if "$ref" in schema:
        _check(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root)
        return
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                _check(value, option, root)
                return
            except AssertionError as exc:
                errors.append(exc)
        raise AssertionError(f"{value!r} matches no option: {errors}")
    kind = schema["type"]
    python = {"string": str, "integer": int, "boolean": bool, "null": type(None)}
    if kind == "object":
        assert isinstance(value, dict)
        if "properties" in schema:
            assert set(value) == set(schema["required"]) == set(schema["properties"])
            for key, sub in schema["properties"].items():
                _check(value[key], sub, root)
        else:
            for sub_value in value.values():
                _check(sub_value, schema["additionalProperties"], root)
    elif kind == "array":
        assert isinstance(value, list)
        for item in value:
            _check(item, schema["items"], root)
    else:
        assert type(value) is python[kind], (value, kind)
    if "enum" in schema:
        assert value in schema["enum"]
    if "pattern" in schema:
        import re

        assert re.match(schema["pattern"], value), (value, schema["pattern"])


def test_encode_into_matches_encode() -> None:
    """The batch encoder writes what `encode` writes, fallbacks and refusals included."""
    odd = ClaimReviewed(claim_id="c", verdict="confirmed", reviewer=True)  # type: ignore[arg-type]
    batch: list[Event] = [article(1), claim_extracted(2), odd]
    types: list[str] = []
    versions: list[int] = []
    payloads: list[str] = []
    codec.encode_into(batch, types, versions, payloads)
    assert list(zip(types, versions, payloads, strict=True)) == [codec.encode(e) for e in batch]
    with pytest.raises(TypeError):
        codec.encode_into([object()], types, versions, payloads)  # type: ignore[list-item]
