"""The shape every approval decision shares, and the rules it follows whatever is proposed.

A proposal numbers its entries 1..n (``position``). The reviewer approves all of them or some
(``positions``; None = all), may change an approved entry's one editable value (``edits``: a
new issue's title, a roadmap change's target version), or rejects the proposal whole. Each
agent subclasses ``ApprovalDecision`` to check its edits and apply the decision to its entries;
the run service and the API see one decision format for every graph.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from devbizops.errors import InvalidInput

D = TypeVar("D", bound="ApprovalDecision")


class ApprovalDecision(BaseModel):
    """A reviewer's answer to a write-back proposal."""

    action: Literal["approve", "reject"]
    positions: list[int] | None = Field(
        default=None, description="positions to apply (1-based); None approves every proposal"
    )
    edits: dict[int, str] = Field(
        default_factory=dict, description="position → the reviewer's value for that entry"
    )

    def check_positions(self, known: Collection[int], entry: str) -> None:
        """InvalidInput when the decision names positions the proposal lacks, or rejects with
        picks; ``entry`` words what sits at a position ("proposed issue")."""
        unknown = sorted((set(self.positions or ()) | set(self.edits)) - set(known))
        if unknown:
            listed = ", ".join(map(str, sorted(known))) or "none"
            raise InvalidInput(
                f"no {entry} at position {', '.join(map(str, unknown))}; positions are {listed}"
            )
        if self.action == "reject" and (self.positions or self.edits):
            raise InvalidInput("a rejection takes no positions or edits")

    def approves(self, position: int) -> bool:
        """Whether the entry at ``position`` is to be applied."""
        return self.action == "approve" and (self.positions is None or position in self.positions)


def parse_decision(model: type[D], answer: Any) -> D:
    """``answer`` as ``model``; InvalidInput with the first problem when it does not fit."""
    try:
        return model.model_validate(answer)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        prefix = f"{where}: " if where else ""
        raise InvalidInput(f"invalid decision: {prefix}{error['msg']}") from exc
