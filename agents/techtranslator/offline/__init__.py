"""Deterministic, rule-based requirement extraction (the ``offline`` provider's handler)."""

from __future__ import annotations

from agents.techtranslator.offline.engine import extract_requirements, requirements_from

__all__ = ["extract_requirements", "requirements_from"]
