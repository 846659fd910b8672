"""Events to JSON text and back: the one place that knows how an event looks on disk.

One private cattrs converter turns events into plain data and back. An event is tagged by its
stable `TYPE` string and `VERSION` number, never by a Python path, so classes can be renamed
freely. The canonical payload is compact JSON (`separators=(",", ":")`, `ensure_ascii=False`,
keys in field order, `Decimal` as a string, tuples as lists, nested attrs classes as objects).
The store hashes and keeps that text byte for byte, so it must never depend on anything but the
event itself.

Old payloads are upcast on read: `UPCASTERS[(type, n)]` turns the plain data of version `n` into
version `n + 1`. Bumping an event type is two lines: raise its `VERSION` in `facts.events` and
register the step here, e.g.::

    @upcast("ArticleIngested", 1)
    def _article_ingested_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "url": None}

Encoding is the hot path of ingestion, so beside the reference encoder (`to_data` followed by
`json.dumps`) each event class gets a generated encoder that writes the same bytes straight from
the attrs fields, without building the intermediate dicts. A test holds the two byte-identical;
an event the fast encoder cannot handle (a value of an unexpected type) falls back to the
reference encoder.

`python -m facts.codec --write-schemas schema/events` writes the JSON Schema of the current
version of every event type; `tests/store/test_codec.py` fails when those files drift from code.
"""

from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import attrs
import cattrs

from facts.errors import SchemaVersionError
from facts.events import EVENT_TYPES, Event

Data = dict[str, Any]
Upcaster = Callable[[Data], Data]

UPCASTERS: dict[tuple[str, int], Upcaster] = {}
"""(event type, from version) -> function turning that version's data into the next version's."""

_converter = cattrs.Converter()
_converter.register_unstructure_hook(Decimal, str)
_converter.register_structure_hook(Decimal, lambda value, _: Decimal(str(value)))

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
_loads = json.loads
# The C scanner that json.loads ends in, called directly: payloads are compact JSON objects, so
# the whitespace and trailing-data handling around it only costs time (it is still checked).
_decoder: Any = json.decoder.JSONDecoder()
_scan_json: Callable[[str, int], tuple[Any, int]] = _decoder.scan_once


def upcast(type_name: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register `fn` as the step from `from_version` to `from_version + 1` of `type_name`."""

    def register(fn: Upcaster) -> Upcaster:
        key = (type_name, from_version)
        if key in UPCASTERS:
            raise ValueError(f"an upcaster for {type_name} v{from_version} is already registered")
        UPCASTERS[key] = fn
        return fn

    return register


def current_version(type_name: str) -> int:
    """The version this program writes for `type_name`."""
    return _event_class(type_name).VERSION


def _event_class(type_name: str) -> type[Event]:
    try:
        return EVENT_TYPES[type_name]
    except KeyError:
        raise SchemaVersionError(
            f"unknown event type {type_name!r}: the store was written by a newer version of facts"
        ) from None


def upcast_data(type_name: str, version: int, data: Data) -> Data:
    """Bring plain data of `type_name` at `version` up to the current version."""
    target = _event_class(type_name).VERSION
    if version == target:
        return data
    if version > target:
        raise SchemaVersionError(
            f"{type_name} v{version} is newer than this program understands (v{target}): "
            "upgrade facts"
        )
    while version < target:
        try:
            step = UPCASTERS[(type_name, version)]
        except KeyError:
            raise SchemaVersionError(
                f"no upcaster registered from {type_name} v{version} to v{version + 1}"
            ) from None
        data = step(data)
        version += 1
    return data


def to_data(event: Event) -> Data:
    """The event as plain JSON-ready data (the reference form the payload is made from)."""
    data: Data = _converter.unstructure(event)
    return data


def from_data(type_name: str, version: int, data: Data) -> Event:
    """Build the typed event from plain data of any known version."""
    cls = _event_class(type_name)
    event: Event = _converter.structure(upcast_data(type_name, version, data), cls)
    return event


def load_data(type_name: str, version: int, payload: str) -> Data:
    """Parse a stored payload and upcast it to the current version."""
    try:
        data, end = _scan_json(payload, 0)
    except StopIteration:
        end = -1
    if end != len(payload):
        data = _loads(payload)  # not one plain JSON value: let json say why
    cls = EVENT_TYPES.get(type_name)
    if cls is not None and version == cls.VERSION:
        return data  # type: ignore[no-any-return]
    return upcast_data(type_name, version, data)


def encode_reference(event: Event) -> str:
    """The canonical payload, built the plain way: unstructure, then `json.dumps`."""
    return _dumps(to_data(event))


def encode(event: Event) -> tuple[str, int, str]:
    """(type, version, payload JSON text) for storing `event`."""
    cls = type(event)
    fast = _FAST_ENCODERS.get(cls)  # holds registered event classes only
    if fast is None:
        if EVENT_TYPES.get(getattr(cls, "TYPE", "")) is not cls:
            raise TypeError(f"{cls.__name__} is not a registered event type")
        return cls.TYPE, cls.VERSION, encode_reference(event)
    try:
        return cls.TYPE, cls.VERSION, fast(event)
    except (TypeError, AttributeError, ValueError):
        # a value of an unexpected type: the reference path writes it or says why not
        return cls.TYPE, cls.VERSION, encode_reference(event)


def encode_into(
    events: Iterable[Event], types: list[str], versions: list[int], payloads: list[str]
) -> None:
    """`encode` for many events, appending to three flat lists (the store's batch layout)."""
    add_type, add_version, add_payload = types.append, versions.append, payloads.append
    fast_encoder = _FAST_ENCODERS.get
    for event in events:
        cls = type(event)
        fast = fast_encoder(cls)
        if fast is None:
            type_name, version, payload = encode(event)  # raises for unregistered classes
        else:
            type_name, version = cls.TYPE, cls.VERSION
            try:
                payload = fast(event)
            except (TypeError, AttributeError, ValueError):
                payload = encode_reference(event)
        add_type(type_name)
        add_version(version)
        add_payload(payload)


def decode(type_name: str, version: int, payload: str) -> Event:
    """The typed event (at the current version) from a stored payload."""
    return from_data(type_name, version, _loads(payload))


# --- generated fast encoders -----------------------------------------------------------------


class _Unsupported(Exception):
    """A field type the generated encoder does not handle; the class uses the reference path."""


def _encode_bool(value: object) -> str:
    if type(value) is not bool:
        raise TypeError("not a bool")
    return "true" if value else "false"


def _encode_str_tuple(value: object) -> str:
    if type(value) is not tuple:
        raise TypeError("not a tuple")
    return "[" + ",".join(map(encode_basestring, value)) + "]"


def _encode_str_dict(value: object) -> str:
    if type(value) is not dict or not all(
        type(k) is str and type(v) is str for k, v in value.items()
    ):
        raise TypeError("not a dict[str, str]")
    return _dumps(value)


# Each maps a field type to a template of an f-string expression over `{v}` (the attribute).
# `Decimal.__str__` raises TypeError for anything but a Decimal, and its text never needs
# escaping; `encode_basestring` (C) raises TypeError for anything but a str; an int field must
# hold exactly an int (True is an int to Python, but `true` to JSON).
_TEMPLATES: dict[object, str] = {
    str: "_s({v})",
    int: "_ir({v}) if {v}.__class__ is int else _bad({v})",
    bool: "_b({v})",
    Decimal: "_Q + _d({v}) + _Q",
    tuple[str, ...]: "(_EMPTY if {v} == () else _t({v}))",
    dict[str, str]: "_m({v})",
}


def _bad(value: object) -> str:
    raise TypeError(f"unexpected {type(value).__name__}")


_HELPERS: dict[str, Any] = {
    "_s": encode_basestring,
    "_ir": int.__repr__,
    "_bad": _bad,
    "_b": _encode_bool,
    "_d": Decimal.__str__,
    "_t": _encode_str_tuple,
    "_m": _encode_str_dict,
    "_Q": '"',
    "_NULL": "null",
    "_EMPTY": "[]",
}


def _optional_of(tp: object) -> object | None:
    """`X` when `tp` is `X | None`, else None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest: list[object] = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return rest[0]
    return None


def _expression(
    tp: object, attr: str, namespace: dict[str, Any], built: dict[type, Callable[[Any], str]]
) -> str:
    if tp in _TEMPLATES:
        return _TEMPLATES[tp].format(v=attr)
    inner = _optional_of(tp)
    if inner is not None:
        return f"_NULL if {attr} is None else {_expression(inner, attr, namespace, built)}"
    if isinstance(tp, type) and attrs.has(tp):
        name = f"_enc_{tp.__name__}"
        namespace[name] = _class_encoder(tp, built)
        return f"{name}({attr})"
    raise _Unsupported(repr(tp))


def _template(
    cls: type,
    var: str,
    lines: list[str],
    namespace: dict[str, Any],
    built: dict[type, Callable[[Any], str]],
) -> str:
    """The f-string body writing `{"a":<a>,"b":<b>}` for the attrs object in variable `var`.

    A field holding another attrs object (always present) is written inline: the object is
    bound to a local variable, its exact class checked, and its fields join the same f-string,
    so a whole event costs one function call.
    """
    hints = typing.get_type_hints(cls)
    pieces: list[str] = []
    for i, field in enumerate(attrs.fields(cls)):
        key = ("{" if i == 0 else ",") + json.dumps(field.name) + ":"
        pieces.append(key.replace("{", "{{"))
        tp = hints[field.name]
        attr = f"{var}.{field.name}"
        if isinstance(tp, type) and attrs.has(tp):
            local = f"v{len(lines)}"
            namespace[f"_{local}_cls"] = tp
            lines.append(f"    {local} = {attr}")
            lines.append(
                f"    if type({local}) is not _{local}_cls:\n"
                f"        raise TypeError('not exactly ' + _{local}_cls.__name__)"
            )
            pieces.append(_template(tp, local, lines, namespace, built))
        elif tp is Decimal:
            pieces.append(f'"{{_d({attr})}}"')  # the quotes as literal text of the f-string
        else:
            pieces.append("{" + _expression(tp, attr, namespace, built) + "}")
    return "".join(pieces) + "}}" if pieces else "{{}}"


def _class_encoder(cls: type, built: dict[type, Callable[[Any], str]]) -> Callable[[Any], str]:
    """Compile the encoder of the attrs class `cls`: a type check, then one f-string."""
    if cls in built:
        return built[cls]
    namespace: dict[str, Any] = {"_cls": cls, **_HELPERS}
    lines: list[str] = []
    template = _template(cls, "o", lines, namespace, built)
    source = "\n".join(
        [
            "def encode(o):",
            "    if type(o) is not _cls:",
            "        raise TypeError('not exactly ' + _cls.__name__)",
            *lines,
            f"    return f'{template}'",
            "",
        ]
    )
    exec(compile(source, f"<facts.codec encoder for {cls.__qualname__}>", "exec"), namespace)
    fn: Callable[[Any], str] = namespace["encode"]
    built[cls] = fn
    return fn


def _build_fast_encoders() -> dict[type, Callable[[Any], str]]:
    built: dict[type, Callable[[Any], str]] = {}
    encoders: dict[type, Callable[[Any], str]] = {}
    for cls in EVENT_TYPES.values():
        try:
            encoders[cls] = _class_encoder(cls, built)
        except _Unsupported:
            continue  # this class takes the reference path
    return encoders


_FAST_ENCODERS = _build_fast_encoders()


# --- JSON Schema ----------------------------------------------------------------------------

_DECIMAL_PATTERN = r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$"


def _schema_of(tp: object, defs: dict[str, Any]) -> dict[str, Any]:
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is Decimal:
        return {"type": "string", "pattern": _DECIMAL_PATTERN}
    inner = _optional_of(tp)
    if inner is not None:
        return {"anyOf": [_schema_of(inner, defs), {"type": "null"}]}
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_of(args[0], defs)}
    if origin is dict:
        key, value = typing.get_args(tp)
        if key is str:
            return {"type": "object", "additionalProperties": _schema_of(value, defs)}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserve the name before recursing
            defs[tp.__name__] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        prop = _schema_of(hints[field.name], defs)
        options = getattr(field.validator, "options", None)
        if isinstance(options, tuple | list | frozenset | set):
            prop = {**prop, "enum": sorted(options)}
        properties[field.name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in attrs.fields(cls)],
        "additionalProperties": False,
    }


def json_schema(type_name: str) -> dict[str, Any]:
    """The JSON Schema of the payload this program writes for `type_name`."""
    cls = _event_class(type_name)
    defs: dict[str, Any] = {}
    body = _object_schema(cls, defs)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"facts:event:{cls.TYPE}:v{cls.VERSION}",
        "title": f"{cls.TYPE} v{cls.VERSION}",
        "description": " ".join((cls.__doc__ or "").split()),
        **body,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def schema_file_name(type_name: str, version: int) -> str:
    return f"{type_name}.v{version}.json"


def render_schema(type_name: str) -> str:
    """The exact text of the committed schema file (stable, so a diff means a real change)."""
    return json.dumps(json_schema(type_name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write the current version's schema of every event type; older versions stay as they are."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for type_name, cls in sorted(EVENT_TYPES.items()):
        path = directory / schema_file_name(type_name, cls.VERSION)
        path.write_text(render_schema(type_name), encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m facts.codec", description="Write the JSON Schema of every event type."
    )
    parser.add_argument(
        "--write-schemas", metavar="DIR", type=Path, required=True, help="e.g. schema/events"
    )
    args = parser.parse_args(argv)
    for path in write_schemas(args.write_schemas):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
