"""Wire models read GitHub's quirks: empty-object authors, string labels, unknown fields."""

from __future__ import annotations

from typing import Any

from tools.github.models import Commit, Issue

COMMIT: dict[str, Any] = {
    "sha": "a" * 40,
    "html_url": "https://github.com/o/r/commit/aaa",
    "commit": {
        "message": "m",
        "author": {"name": "n", "email": "e", "date": "2025-01-01T00:00:00Z"},
    },
    "author": {},
    "committer": None,
    "parents": [],
    "brand_new_github_field": {"anything": True},
}


def test_an_unmapped_commit_author_reads_as_none() -> None:
    commit = Commit.model_validate(COMMIT)
    assert commit.author is None and commit.committer is None
    assert commit.commit.author is not None and commit.commit.author.name == "n"


def test_labels_given_as_bare_names_read_as_labels() -> None:
    issue = Issue.model_validate(
        {
            "id": 1,
            "number": 1,
            "title": "t",
            "state": "open",
            "html_url": "https://github.com/o/r/issues/1",
            "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-01T00:00:00Z",
            "labels": ["bug", {"name": "p1", "color": "ff0000"}],
        }
    )
    assert [label.name for label in issue.labels] == ["bug", "p1"]
    assert not issue.is_pull_request
