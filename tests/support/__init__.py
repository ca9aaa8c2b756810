"""Test infrastructure shared by the suite (real PostgreSQL, network guard)."""
