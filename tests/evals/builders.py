"""Small builders for eval tests: requirements and gold items with only the fields that matter."""

from __future__ import annotations

from agents.techtranslator.schemas import Category, Evidence, Priority, Requirement
from evals.suites.techtranslator_dataset import GoldRequirement


def req(
    title: str,
    *,
    story: str = "As a user, I want it so that work gets done.",
    criteria: tuple[str, ...] = ("Given a user, when they use it, then it works.",),
    category: Category = "feature",
    priority: Priority = "should",
    quotes: tuple[str, ...] = ("we need this",),
) -> Requirement:
    """A valid Requirement."""
    return Requirement(
        title=title,
        user_story=story,
        acceptance_criteria=list(criteria),
        category=category,
        priority=priority,
        evidence=[Evidence(speaker="Dana", quote=q) for q in quotes],
    )


def gold(
    *terms: str, category: Category = "feature", priority: Priority = "should"
) -> GoldRequirement:
    """A gold requirement matched by any of ``terms``."""
    return GoldRequirement(any_of=list(terms), category=category, priority=priority)
