"""Tests for roadmap."""
