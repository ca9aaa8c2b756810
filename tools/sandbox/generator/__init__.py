"""A deterministic fictional B2B SaaS startup over 18 months: GitHub, Jira and CRM records.

``generate(seed, size)`` returns the same ``SandboxCompany`` for the same arguments, on any
machine: every part draws from its own seeded stream and dates come from a fixed calendar.
Volume grows about linearly with ``size``; size 1 is ~940 Jira issues, ~600 PRs, 150 companies,
~300 deals and ~10,500 events in all (see ``truth.event_count``).
"""

from __future__ import annotations

from tools.sandbox.generator.clock import END, START, stream
from tools.sandbox.generator.crm import build_companies, build_pipeline, touch_companies
from tools.sandbox.generator.deals import build_deals
from tools.sandbox.generator.github import build_github
from tools.sandbox.generator.jira import build_issues
from tools.sandbox.generator.links import link_requests
from tools.sandbox.generator.names import STARTUPS, slug
from tools.sandbox.generator.notes import company_notes, deal_notes, note_models
from tools.sandbox.generator.people import build_team
from tools.sandbox.generator.sprints import build_sprints, build_versions
from tools.sandbox.model import SandboxCompany

__all__ = ["END", "PROJECT_KEY", "SIZE_FOR_100K_EVENTS", "START", "generate"]

PROJECT_KEY = "DBO"
# The smallest size whose truth.total_events reaches 100,000 (for the ingestion benchmark).
SIZE_FOR_100K_EVENTS = 11


def generate(seed: int = 7, size: int = 1) -> SandboxCompany:
    """The sandbox company for ``seed`` at ``size`` (≥ 1), identical on every call."""
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    name = stream(seed, size, "name").choice(STARTUPS)
    org = slug(name)
    team = build_team(stream(seed, size, "team"), size, f"{org.replace('-', '')}.io")
    sprints = build_sprints(stream(seed, size, "sprints"), PROJECT_KEY)
    versions = build_versions()
    issues = build_issues(stream(seed, size, "jira"), team, size, PROJECT_KEY, sprints, versions)
    github = build_github(
        seed,
        size,
        team=team,
        issues=issues,
        sprints=sprints,
        org=org,
        jira_site=f"{org}.atlassian.net",
    )
    companies = build_companies(stream(seed, size, "companies"), size)
    deals = build_deals(stream(seed, size, "deals"), companies)
    notes = deal_notes(stream(seed, size, "notes"), deals)
    notes += company_notes(stream(seed, size, "company-notes"), companies)
    notes += link_requests(stream(seed, size, "links"), issues, deals, companies)
    return SandboxCompany(
        seed=seed,
        size=size,
        name=name,
        github_org=org,
        jira_project_key=PROJECT_KEY,
        jira_project_name=f"{name} Platform",
        start=START,
        end=END,
        gh_users=team.gh_users(),
        repos=github.repos,
        commits=github.commits,
        pull_requests=github.pull_requests,
        releases=github.releases,
        deployments=github.deployments,
        gh_issues=github.issues,
        jira_users=team.jira_users(),
        sprints=sprints,
        versions=versions,
        jira_issues=issues,
        pipelines=[build_pipeline()],
        companies=touch_companies(companies, deals),
        deals=deals,
        notes=note_models(notes),
    )
