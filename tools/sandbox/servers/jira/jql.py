"""The small JQL subset the sandbox understands, with Jira's error messages for the rest.

Supported: clauses joined by ``AND`` — ``project = KEY``, ``key in (A-1, "A-2")``/``key = A-1``,
``labels = x``/``labels in (...)``, ``updated``/``created`` compared (``>= > <= < =``) with
``"yyyy-MM-dd HH:mm"``, ``"yyyy/MM/dd HH:mm"`` or a bare date — then ``ORDER BY`` on ``updated``,
``created`` or ``key`` with ``ASC``/``DESC``. Dates are read in UTC (the bot user's time zone) and
name the start of their minute, so ``updated >= "… 10:05"`` includes 10:05:59.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from tools.sandbox.model import JiraIssue

_TOKEN = re.compile(
    r"""\s*(?:
        "((?:[^"\\]|\\.)*)"          # double-quoted string
      | '((?:[^'\\]|\\.)*)'          # single-quoted string
      | (>=|<=|!=|[=<>(),])           # operator or punctuation
      | ([^\s=<>!(),"']+)            # bare word
    )""",
    re.VERBOSE,
)
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")
_ORDER_FIELDS = {"updated", "created", "key"}
_EQUALITY = ("=", "in")
_SUPPORTED: dict[str, tuple[str, ...]] = {
    "project": _EQUALITY,
    "key": _EQUALITY,
    "issuekey": _EQUALITY,
    "id": _EQUALITY,
    "labels": _EQUALITY,
    "updated": tuple(_COMPARE),
    "created": tuple(_COMPARE),
}


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool

    def keyword(self, *words: str) -> bool:
        """Whether this is one of ``words`` as an unquoted, case-insensitive keyword."""
        return not self.quoted and self.text.lower() in words


class JqlError(ValueError):
    """The query is invalid (or outside the subset); the message is Jira's wording."""


@dataclass
class Query:
    predicates: list[Callable[[JiraIssue], bool]] = field(default_factory=list)
    order: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)

    def matches(self, issue: JiraIssue) -> bool:
        return all(p(issue) for p in self.predicates)

    def sort(self, issues: list[JiraIssue]) -> list[JiraIssue]:
        """Sorted by ORDER BY, ties (and the default order) by issue number, newest first."""
        ordered = sorted(issues, key=_number, reverse=True)
        for name, descending in reversed(self.order):
            ordered.sort(key=partial(_sort_key, name=name), reverse=descending)
        return ordered


def parse(jql: str, *, project_key: str) -> Query:
    """Parse ``jql``; raise ``JqlError`` with Jira's message when it is unusable."""
    tokens = _tokens(jql)
    query = Query()
    pos = 0
    where: list[list[Token]] = [[]]
    while pos < len(tokens) and not tokens[pos].keyword("order"):
        token = tokens[pos]
        if token.keyword("and"):
            where.append([])
        elif token.keyword("or", "not"):
            raise JqlError(f"The sandbox JQL supports only AND; got '{token.text.upper()}'.")
        else:
            where[-1].append(token)
        pos += 1
    if len(where) > 1 and not all(where):
        raise JqlError("Error in the JQL Query: Expecting a field name around 'AND'.")
    for clause in where:
        if clause:
            _clause(clause, query, project_key)
    if pos < len(tokens):
        _order_by(tokens[pos:], query)
    if not query.predicates:
        raise JqlError(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your "
            "query."
        )
    return query


def _clause(words: list[Token], query: Query, project_key: str) -> None:
    name = words[0].text.lower()
    op = words[1].text.lower() if len(words) > 1 and not words[1].quoted else ""
    if op not in _SUPPORTED.get(name, ()):
        shown = words[1].text if len(words) > 1 else ""
        raise JqlError(f"Field '{words[0].text}' with operator '{shown}' is not supported here.")
    values = _values(words, op)
    if name == "project":
        if project_key.upper() not in {v.upper() for v in values}:
            raise JqlError(f"The value '{values[0]}' does not exist for the field 'project'.")
        prefix = f"{project_key}-"
        query.predicates.append(lambda i: i.key.startswith(prefix))
    elif name in ("key", "issuekey", "id"):
        keys = {v.upper() for v in values}
        query.predicates.append(lambda i: i.key in keys or i.id in keys)
    elif name == "labels":
        labels = set(values)
        query.predicates.append(lambda i: bool(labels & set(i.labels)))
    else:
        query.predicates.append(_compare_date(name, _COMPARE[op], _date(values[0], name)))


def _values(words: list[Token], op: str) -> list[str]:
    rest = words[2:]
    if op != "in":
        if len(rest) != 1:
            raise JqlError(f"Error in the JQL Query: Expecting a value after '{words[1].text}'.")
        return [rest[0].text]
    if len(rest) < 3 or not rest[0].keyword("(") or not rest[-1].keyword(")"):
        raise JqlError(f"Error in the JQL Query: Expecting '(' after 'in' for '{words[0].text}'.")
    return [v.text for v in rest[1:-1] if not v.keyword(",")]


def _compare_date(
    name: str, compare: Callable[[Any, Any], bool], when: datetime
) -> Callable[[JiraIssue], bool]:
    return lambda issue: compare(getattr(issue, name), when)


def _order_by(words: list[Token], query: Query) -> None:
    if len(words) < 3 or not words[1].keyword("by"):
        raise JqlError("Error in the JQL Query: Expecting 'BY' after 'ORDER'.")
    spec = " ".join(w.text for w in words[2:]).split(",")
    if len(spec) > 7:
        raise JqlError("The ORDER BY clause can contain a maximum of 7 fields.")
    for part in spec:
        bits = part.split()
        if not bits or bits[0].lower() not in _ORDER_FIELDS or len(bits) > 2:
            raise JqlError(f"Not able to sort using field '{part.strip()}'.")
        direction = bits[1].lower() if len(bits) == 2 else "asc"
        if direction not in ("asc", "desc"):
            raise JqlError(f"Error in the JQL Query: Expecting ASC or DESC but got '{bits[1]}'.")
        query.order.append((bits[0].lower(), direction == "desc"))


def _tokens(jql: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    text = jql.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise JqlError(f"Error in the JQL Query: unexpected character at position {pos + 1}.")
        quoted = m.group(1) if m.group(1) is not None else m.group(2)
        if quoted is not None:
            tokens.append(Token(re.sub(r"\\(.)", r"\1", quoted), quoted=True))
        else:
            tokens.append(Token(m.group(3) or m.group(4), quoted=False))
        pos = m.end()
    return tokens


def _date(value: str, name: str) -> datetime:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise JqlError(
        f"Date value '{value}' for field '{name}' is invalid. Valid formats include: "
        "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format "
        "e.g. '-5d', '4w 2d'."
    )


def _number(issue: JiraIssue) -> int:
    tail = issue.key.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _sort_key(issue: JiraIssue, name: str) -> Any:
    return _number(issue) if name == "key" else getattr(issue, name)
