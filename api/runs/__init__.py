"""Runs: create, execute inline, resume, inspect."""
