"""Repositories: all SQL lives here; they flush but never commit (services own transactions)."""
