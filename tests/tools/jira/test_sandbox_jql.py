"""The sandbox's JQL subset selects and orders issues as Jira would, and refuses the rest."""

from __future__ import annotations

import pytest

from tests.tools.jira.company import company
from tools.jira import jql as client_jql
from tools.sandbox.servers.jira.jql import JqlError, parse

ISSUES = company(issue_count=12).jira_issues


def keys(text: str) -> list[str]:
    query = parse(text, project_key="DBO")
    return [i.key for i in query.sort([i for i in ISSUES if query.matches(i)])]


def test_key_in_list_with_quoted_and_bare_keys_orders_by_key() -> None:
    assert keys("key in (DBO-3, \"DBO-1\", 'DBO-2') ORDER BY key ASC") == [
        "DBO-1",
        "DBO-2",
        "DBO-3",
    ]


def test_default_order_is_newest_issue_first() -> None:
    assert keys("key in (DBO-3, DBO-10, DBO-1)") == ["DBO-10", "DBO-3", "DBO-1"]


def test_labels_and_created_combine_with_and() -> None:
    found = keys('project = DBO AND labels = customer-ask AND created < "2025/01/06 19:00"')
    assert found == ["DBO-8", "DBO-4"]


def test_keywords_are_case_insensitive_but_quoted_words_are_values() -> None:
    assert keys('labels = "and" and project = dbo') == []
    assert keys("PROJECT = DBO order by KEY desc")[:2] == ["DBO-12", "DBO-11"]


def test_order_by_several_fields_sorts_by_the_first_then_the_next() -> None:
    by_updated_day = keys("project = DBO ORDER BY updated DESC, key ASC")
    updated = {i.key: i.updated for i in ISSUES}
    assert [updated[k] for k in by_updated_day] == sorted(updated.values(), reverse=True)


def test_queries_built_by_the_client_are_understood() -> None:
    label = client_jql.with_label("DBO", 'dbo-idem-run"7')
    assert keys(label) == []
    assert "DBO-12" in keys(client_jql.updated_since("DBO", ISSUES[0].created))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "project = DBO AND",
        "project = DBO ORDER updated",
        "key in DBO-1",
        "status = Done",
        "updated >= -5d",
        "project = DBO ORDER BY summary",
        "project = DBO ORDER BY updated SIDEWAYS",
        'labels = "unterminated',
    ],
)
def test_queries_outside_the_subset_raise_jql_error(text: str) -> None:
    with pytest.raises(JqlError):
        parse(text, project_key="DBO")
