"""The shared number check: rounding, scales, kinds and quoted identifiers."""

from __future__ import annotations

from tools.llm.numbers import Kind, flatten, invented_numbers


def _kind(key: str) -> Kind:
    return "rate" if key.endswith("_rate") else "money" if "arr" in key else "plain"


FACTS = flatten({"arr": 1234567.0, "win_rate": 0.5135, "deals": [{"key": "PROJ-12", "n": 7}]})


def test_renderings_of_computed_numbers_pass() -> None:
    text = "ARR $1.2M ($1,234,567), win rate 51.35% or 51%, 7 deals, PROJ-12 first, net -$0."
    assert invented_numbers(text, FACTS, _kind) == ["-$0"]


def test_invented_and_mis_kinded_numbers_are_reported_in_order() -> None:
    text = "ARR grew 40% to $2M with 8 deals; 7% of deals were lost."
    assert invented_numbers(text, FACTS, _kind) == ["40%", "$2M", "8", "7%"]


def test_flatten_numbers_list_positions_from_one() -> None:
    assert FACTS["deals.1.key"] == "PROJ-12" and FACTS["deals.1.n"] == 7
