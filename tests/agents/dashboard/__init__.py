"""Tests for dashboard."""
