"""Loopback fakes of outside services for tests."""
