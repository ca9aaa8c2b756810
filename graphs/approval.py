"""Check a reviewer's decision against the approval request it answers, by the request's kind.

Every approval interrupt carries ``kind``; the run service calls ``check_decision`` before it
resumes a run, so a decision the graph would refuse is refused up front and the run keeps
waiting. The graphs' approve nodes run the same checks on resume.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from agents.approval import parse_decision
from agents.roadmap import writeback as roadmap
from agents.techtranslator import writeback as techtranslator
from agents.techtranslator.enrich import ProposedIssue
from devbizops.errors import InvalidInput


def _techtranslator(request: Mapping[str, Any], answer: Any) -> None:
    decision = parse_decision(techtranslator.Decision, answer)
    decision.check([ProposedIssue.model_validate(p) for p in request.get("proposed", [])])


def _roadmap(request: Mapping[str, Any], answer: Any) -> None:
    roadmap.decision_for(request, answer)


CHECKS: dict[str, Callable[[Mapping[str, Any], Any], None]] = {
    techtranslator.KIND: _techtranslator,
    roadmap.KIND: _roadmap,
}


def check_decision(request: Mapping[str, Any], answer: Any) -> None:
    """InvalidInput when ``answer`` is not a valid decision for ``request``."""
    check = CHECKS.get(str(request.get("kind")))
    if check is None:
        raise InvalidInput(f"the run waits for an approval of unknown kind {request.get('kind')!r}")
    check(request, answer)
