"""What the sandbox startup builds: epic themes with their stories, bug and task phrasings."""

from __future__ import annotations

from typing import NamedTuple


class Theme(NamedTuple):
    epic: str
    area: str  # "backend" | "frontend" | "data" | "infra" | "sdk": picks the repository
    stories: tuple[str, ...]


THEMES = (
    Theme("Enterprise SSO", "backend", (
        "Add SAML SSO", "Support Okta SCIM provisioning", "Enforce SSO-only login",
        "Map Azure AD groups to roles", "Audit log for SSO sign-ins",
    )),
    Theme("Usage-based billing", "backend", (
        "Meter API calls per workspace", "Show usage on the billing page",
        "Sync invoices to Stripe", "Email overage alerts", "Prorate seat changes",
    )),
    Theme("Dashboard exports", "frontend", (
        "Export dashboards to PDF", "Export charts as CSV", "Schedule weekly report emails",
        "Share dashboards via public link",
    )),
    Theme("Slack integration", "backend", (
        "Post metric alerts to Slack", "Slash command to query metrics", "Slack OAuth install flow",
    )),
    Theme("Data connectors", "data", (
        "Snowflake connector", "BigQuery connector", "Incremental sync for Postgres sources",
        "Salesforce connector", "Retry failed syncs automatically",
    )),
    Theme("Role-based access control", "backend", (
        "Custom roles", "Read-only viewer role", "Restrict exports to admins",
        "Workspace-level permissions",
    )),
    Theme("Onboarding revamp", "frontend", (
        "Guided setup checklist", "Sample data workspace", "Invite teammates during signup",
    )),
    Theme("Alerting", "data", (
        "Threshold alerts on metrics", "Anomaly detection alerts", "Daily alert digest email",
        "Mute alerts per metric",
    )),
    Theme("Public API v2", "sdk", (
        "Paginated metrics endpoint", "Per-workspace API keys", "Python SDK retries on 429",
        "Webhooks for metric updates",
    )),
    Theme("Query performance", "backend", (
        "Cache dashboard queries", "Speed up CSV export for large workspaces",
        "Index events by workspace and time",
    )),
    Theme("EU data residency", "infra", (
        "Provision the EU region", "Route EU workspaces to the EU database",
        "Keep backups in the EU region",
    )),
    Theme("SOC 2 readiness", "infra", (
        "Encrypt backups at rest", "Centralised audit logging", "Quarterly access review export",
    )),
    Theme("HubSpot integration", "data", (
        "Import HubSpot deals", "Attribute revenue to campaigns", "Two-way HubSpot field sync",
    )),
    Theme("Custom metrics", "frontend", (
        "Formula editor for custom metrics", "Metric definitions catalogue",
        "Version history for metrics",
    )),
    Theme("Forecasting", "data", (
        "Revenue forecast chart", "Seasonality in forecasts", "Forecast accuracy report",
    )),
    Theme("Localization", "frontend", (
        "German translation", "Locale-aware number formats", "French translation",
    )),
    Theme("Embedded analytics", "frontend", (
        "Embed dashboards with signed tokens", "Theme embedded dashboards",
        "Row-level filters for embeds",
    )),
)  # fmt: skip

# Later uses of a story phrase become its slices, as teams split work in real backlogs.
STORY_SLICES = (
    ("", None), (": API", "backend"), (": UI", "frontend"), (": tests and docs", None),
    (" (follow-up)", None), (": admin settings", "frontend"), (": edge cases", None),
    (": migration", "backend"), (": metrics and logging", None),
)  # fmt: skip

# (component, area) for bugs and tasks.
COMPONENTS = (
    ("Dashboard", "frontend"), ("CSV export", "backend"), ("Login", "backend"),
    ("Billing page", "frontend"), ("Slack alerts", "backend"), ("Sync worker", "data"),
    ("Metrics API", "backend"), ("Invite flow", "frontend"), ("Chart tooltip", "frontend"),
    ("Search", "backend"), ("Settings page", "frontend"), ("Webhook delivery", "data"),
    ("PDF export", "frontend"), ("Python SDK", "sdk"), ("Terraform modules", "infra"),
)  # fmt: skip

BUG_SYMPTOMS = (
    "times out for large workspaces", "shows the wrong timezone", "returns 500 on empty input",
    "double-counts events after a retry", "breaks on Safari 17", "loses filters after refresh",
    "fails silently when the token expires", "renders blank on first load",
    "shows stale data after a sync", "rounds currency incorrectly", "ignores the workspace locale",
    "leaks memory under load", "sends duplicate notifications",
)  # fmt: skip

TASKS = (
    "Upgrade PostgreSQL to 16", "Bump Python to 3.12", "Rotate production API keys",
    "Add Sentry release tracking", "Write a runbook for {c}", "Load test {c}",
    "Clean up stale feature flags in {c}", "Upgrade React to 19", "Document {c} architecture",
    "Reduce Docker image size", "Pin dependency versions", "Remove unused {c} endpoints",
    "Add tracing to {c}", "Set up staging snapshots",
)  # fmt: skip

COMMIT_MESSAGES = (
    "Address review comments", "Add tests", "Fix lint", "Update docs", "Handle empty state",
    "Refactor for readability", "Add migration", "Tidy up naming", "Cover edge cases",
    "Fix flaky test", "Add logging",
)  # fmt: skip
