"""The CLI shows what an interrupted run proposes, for TechTranslator and Roadmap requests."""

from __future__ import annotations

from rich.console import Console

from agents.roadmap.writeback import KIND
from devbizops.cli_runs import proposal_table


def _text(request: dict[str, object]) -> str:
    console = Console(width=200, record=True)
    console.print(proposal_table(request))
    return console.export_text()


def test_roadmap_proposal_lists_each_change_with_its_target_and_the_skipped_items() -> None:
    text = _text(
        {
            "kind": KIND,
            "versions": ["2026-Q4", "2027-Q1"],
            "changes": [
                {
                    "position": 1,
                    "key": "DBO-12",
                    "title": "SSO with Okta",
                    "rank": 1,
                    "target_version": "2026-Q4",
                    "p85_date": "2026-12-18",
                    "current": {"summary": "SSO", "status": "To Do", "fix_versions": []},
                }
            ],
            "skipped": [
                {"key": "REQ-3", "title": "CSV export", "rank": 2, "reason": "not in Jira yet"}
            ],
        }
    )
    assert "offered: 2026-Q4, 2027-Q1" in text
    assert "DBO-12" in text and "SSO with Okta" in text and "2026-12-18" in text
    assert "REQ-3" in text and "not in Jira yet" in text


def test_techtranslator_proposal_lists_issues_and_duplicates() -> None:
    text = _text(
        {
            "project": "DBO",
            "proposed": [{"position": 1, "title": "Audit log", "labels": ["security"]}],
            "duplicates": [{"title": "SSO", "duplicate_of": {"key": "DBO-7"}}],
        }
    )
    assert "Proposed Jira issues for DBO" in text
    assert "Audit log" in text and "duplicate of DBO-7" in text
