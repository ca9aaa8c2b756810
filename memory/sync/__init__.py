"""Incremental sync of GitHub, Jira and the CRM into typed tables and the events timeline."""
