"""HubSpot search filters: OR of ``filterGroups``, AND within one, typed comparisons."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tools.sandbox.servers.hubspot.errors import ApiError
from tools.sandbox.servers.hubspot.render import EPOCH, parse_moment
from tools.sandbox.servers.hubspot.schema import PropertyType
from tools.sandbox.servers.hubspot.store import Record

# HubSpot's documented limits (its 2024 changelog: 5 groups, 10 filters each, 25 in all).
MAX_GROUPS, MAX_PER_GROUP, MAX_FILTERS = 5, 10, 25
Value = int | float | str
_TOKEN_SPLIT = re.compile(r"[;\s]+")


@dataclass(frozen=True)
class Filter:
    name: str
    operator: str
    value: Value | None
    high: Value | None
    values: tuple[Value, ...]


def comparable(kind: PropertyType, raw: str) -> Value:
    """A property or filter value in comparable form; ValueError when it does not fit the type."""
    if kind == "datetime":
        # Milliseconds, HubSpot's precision; integer arithmetic so equal instants compare equal.
        return (parse_moment(raw) - EPOCH) // timedelta(milliseconds=1)
    if kind == "number":
        return float(raw)
    return raw.casefold()


def parse_groups(body: Mapping[str, Any], types: Mapping[str, PropertyType]) -> list[list[Filter]]:
    """Checked filter groups; 400 for unknown properties/operators, bad values or too many."""
    groups = body.get("filterGroups") or []
    if not isinstance(groups, list) or len(groups) > MAX_GROUPS:
        raise ApiError(400, f"filterGroups must be a list of at most {MAX_GROUPS} groups")
    parsed = [[_filter(f, types) for f in _filters_of(group)] for group in groups]
    if sum(len(group) for group in parsed) > MAX_FILTERS:
        raise ApiError(400, f"A search may use at most {MAX_FILTERS} filters in all")
    return parsed


def matches(record: Record, groups: list[list[Filter]], types: Mapping[str, PropertyType]) -> bool:
    """Whether a record passes: any group whose filters all hold (no groups: everything)."""
    return not groups or any(all(_holds(record, f, types) for f in group) for group in groups)


def _filters_of(group: Any) -> list[Any]:
    filters = group.get("filters") if isinstance(group, dict) else None
    if not isinstance(filters, list) or len(filters) > MAX_PER_GROUP:
        raise ApiError(400, f"Each filter group needs 'filters', at most {MAX_PER_GROUP}")
    return filters


def _filter(raw: Any, types: Mapping[str, PropertyType]) -> Filter:
    if not isinstance(raw, dict):
        raise ApiError(400, "Invalid input JSON: a filter must be an object")
    name, operator = str(raw.get("propertyName", "")), str(raw.get("operator", ""))
    if name not in types:
        raise ApiError(400, f"Property {name!r} does not exist or cannot be searched")
    if operator not in _CHECKS:
        raise ApiError(400, f"Unsupported filter operator: {operator!r}")
    kind = types[name]
    try:
        value = None if raw.get("value") is None else comparable(kind, str(raw["value"]))
        high = None if raw.get("highValue") is None else comparable(kind, str(raw["highValue"]))
        values = tuple(comparable(kind, str(v)) for v in raw.get("values") or [])
    except ValueError:
        raise ApiError(400, f"Invalid filter value for {name} ({kind})") from None
    return Filter(name, operator, value, high, values)


def _holds(record: Record, f: Filter, types: Mapping[str, PropertyType]) -> bool:
    raw = record.properties.get(f.name)
    if f.operator in ("HAS_PROPERTY", "NOT_HAS_PROPERTY"):
        return (raw is not None) == (f.operator == "HAS_PROPERTY")
    if raw is None:
        return f.operator in ("NEQ", "NOT_IN", "NOT_CONTAINS_TOKEN")
    if f.operator in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        pattern = str(f.value)
        found = any(fnmatch.fnmatchcase(t, pattern) for t in _TOKEN_SPLIT.split(raw.casefold()))
        return found == (f.operator == "CONTAINS_TOKEN")
    return _CHECKS[f.operator](comparable(types[f.name], raw), f)


def _cmp(op: Callable[[Any, Any], bool]) -> Callable[[Value, Filter], bool]:
    return lambda have, f: f.value is not None and op(have, f.value)


def _between(have: Any, f: Filter) -> bool:
    return f.value is not None and f.high is not None and bool(f.value <= have <= f.high)


_CHECKS: dict[str, Callable[[Value, Filter], bool]] = {
    "EQ": _cmp(lambda a, b: a == b),
    "NEQ": _cmp(lambda a, b: a != b),
    "LT": _cmp(lambda a, b: a < b),
    "LTE": _cmp(lambda a, b: a <= b),
    "GT": _cmp(lambda a, b: a > b),
    "GTE": _cmp(lambda a, b: a >= b),
    "BETWEEN": lambda have, f: _between(have, f),
    "IN": lambda have, f: have in f.values,
    "NOT_IN": lambda have, f: have not in f.values,
    "HAS_PROPERTY": lambda have, f: True,
    "NOT_HAS_PROPERTY": lambda have, f: False,
    "CONTAINS_TOKEN": lambda have, f: True,
    "NOT_CONTAINS_TOKEN": lambda have, f: True,
}
