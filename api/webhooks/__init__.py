"""Webhook receivers for GitHub, Jira and HubSpot: verify, de-duplicate, apply like the sync."""
