"""An event as it sits in the log, and the hash chain that links each event to the one before."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from facts import codec
from facts.events import Event

GENESIS_HASH = "0" * 64
"""The `previous hash` of the first event."""

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def canonical_time(moment: datetime) -> str:
    """UTC, microseconds, fixed width: the form hashed, and stored as text on SQLite.

    Fixed width makes text order equal time order, so SQLite can compare it in an index; a naive
    datetime is taken to be UTC already.
    """
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(_TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)


def chain_hash(
    previous: str,
    position: int,
    stream_id: str,
    stream_version: int,
    type_name: str,
    version: int,
    recorded_at: str,
    payload: str,
) -> str:
    """SHA-256 over the previous event's hash and every stored field of this one.

    Fields are joined by newlines; none but the payload (which comes last) may contain one,
    so the encoding is unambiguous.
    """
    text = (
        f"{previous}\n{position}\n{stream_id}\n{stream_version}\n{type_name}\n{version}\n"
        f"{recorded_at}\n{payload}"
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_set = object.__setattr__


class RecordedEvent:
    """One row of the log: what was stored, exactly, plus lazily decoded views of it.

    `payload` is the JSON text as stored and `version` the payload version it was written at;
    `data` (plain dict) and `event` (typed) are upcast to the current version and cached.
    Immutable. Reading a million events must stay cheap, so an instance keeps the driver's row
    tuple as it came and exposes its columns as read-only properties; `recorded_at` is parsed
    on first use.
    """

    __slots__ = ("_data", "_event", "_row", "_time")

    _row: tuple[int, str, int, str, int, str, datetime | str, str]
    _data: dict[str, Any] | None
    _event: Event | None
    _time: datetime | None

    def __init__(
        self,
        position: int,
        stream_id: str,
        stream_version: int,
        type: str,
        version: int,
        payload: str,
        recorded_at: datetime | str,
        hash: str,
    ) -> None:
        _set(
            self,
            "_row",
            (position, stream_id, stream_version, type, version, payload, recorded_at, hash),
        )
        _set(self, "_data", None)
        _set(self, "_event", None)
        _set(self, "_time", None)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> list[RecordedEvent]:
        """Wrap driver rows (columns in table order) without copying them."""
        new = object.__new__
        set_row = _ROW.__set__
        set_data = _DATA.__set__
        set_event = _EVENT.__set__
        set_time = _TIME.__set__
        out = []
        for row in rows:
            recorded = new(cls)
            set_row(recorded, row if type(row) is tuple else tuple(row))
            set_data(recorded, None)
            set_event(recorded, None)
            set_time(recorded, None)
            out.append(recorded)
        return out

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RecordedEvent is immutable (tried to set {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"RecordedEvent is immutable (tried to delete {name})")

    @property
    def position(self) -> int:
        """Global position in the log: 1, 2, 3, ... in commit order, without gaps."""
        return self._row[0]

    @property
    def stream_id(self) -> str:
        return self._row[1]

    @property
    def stream_version(self) -> int:
        """1, 2, 3, ... within the stream, without gaps."""
        return self._row[2]

    @property
    def type(self) -> str:
        return self._row[3]

    @property
    def version(self) -> int:
        """The payload version the event was written at (before any upcasting)."""
        return self._row[4]

    @property
    def payload(self) -> str:
        """The JSON text exactly as stored."""
        return self._row[5]

    @property
    def hash(self) -> str:
        return self._row[7]

    @property
    def recorded_at(self) -> datetime:
        """When the event was committed (UTC, aware)."""
        moment = self._time
        if moment is None:
            raw = self._row[6]
            moment = parse_time(raw) if isinstance(raw, str) else raw.astimezone(UTC)
            _set(self, "_time", moment)
        return moment

    @property
    def recorded_at_text(self) -> str:
        """`recorded_at` in the canonical text form that the hash covers."""
        raw = self._row[6]
        return raw if isinstance(raw, str) else canonical_time(raw)

    @property
    def data(self) -> dict[str, Any]:
        """The payload as plain data, upcast to the current version of its type."""
        data = self._data
        if data is None:
            row = self._row
            data = codec.load_data(row[3], row[4], row[5])
            _set(self, "_data", data)
        return data

    @property
    def event(self) -> Event:
        """The typed event (current version)."""
        event = self._event
        if event is None:
            event = codec.from_data(self.type, codec.current_version(self.type), self.data)
            _set(self, "_event", event)
        return event

    def expected_hash(self, previous: str) -> str:
        """The hash this event must carry if `previous` is the hash of the event before it."""
        return chain_hash(
            previous,
            self.position,
            self.stream_id,
            self.stream_version,
            self.type,
            self.version,
            self.recorded_at_text,
            self.payload,
        )

    def as_dict(self) -> dict[str, Any]:
        """Every stored column, for audit output (`facts log --json`)."""
        return {
            "position": self.position,
            "stream_id": self.stream_id,
            "stream_version": self.stream_version,
            "type": self.type,
            "version": self.version,
            "recorded_at": self.recorded_at.isoformat(),
            "hash": self.hash,
            "payload": self.payload,
        }

    def _key(self) -> tuple[object, ...]:
        return (
            self.position,
            self.stream_id,
            self.stream_version,
            self.type,
            self.version,
            self.payload,
            self.recorded_at,
            self.hash,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordedEvent):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self._row[0], self._row[7]))

    def __repr__(self) -> str:
        return (
            f"RecordedEvent(position={self.position}, stream_id={self.stream_id!r}, "
            f"stream_version={self.stream_version}, type={self.type!r}, version={self.version}, "
            f"recorded_at={self.recorded_at.isoformat()!r}, hash={self.hash[:12]!r}...)"
        )


# The slots' descriptors, for building instances without going through __setattr__.
_ROW: Any = RecordedEvent.__dict__["_row"]
_DATA: Any = RecordedEvent.__dict__["_data"]
_EVENT: Any = RecordedEvent.__dict__["_event"]
_TIME: Any = RecordedEvent.__dict__["_time"]
