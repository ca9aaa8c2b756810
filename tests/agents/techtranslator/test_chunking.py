"""Long calls are split into overlapping windows of whole turns."""

from __future__ import annotations

from itertools import pairwise

from agents.techtranslator.chunking import windows
from agents.techtranslator.schemas import Transcript, Turn


def _call(turns: int, words_per_turn: int) -> Transcript:
    body = [
        Turn(index=i, line=i + 1, speaker=f"S{i % 2}", text=" ".join(["word"] * words_per_turn))
        for i in range(turns)
    ]
    return Transcript(format="text", turns=body, raw="")


def test_short_call_is_one_window() -> None:
    call = _call(10, 50)
    assert windows(call, max_words=1000) == [call]


def test_long_call_windows_cover_every_turn_with_overlap_and_respect_the_size() -> None:
    call = _call(100, 100)
    parts = windows(call, max_words=1000, overlap=2)
    assert len(parts) > 1
    seen = [t.index for part in parts for t in part.turns]
    assert set(seen) == set(range(100))
    for part in parts:
        assert sum(len(t.text.split()) for t in part.turns) <= 1000
    for before, after in pairwise(parts):
        assert before.turns[-2].index == after.turns[0].index  # two turns of overlap


def test_a_turn_longer_than_the_window_still_gets_a_window() -> None:
    call = _call(3, 5000)
    parts = windows(call, max_words=1000, overlap=1)
    assert [t.index for p in parts for t in p.turns] == [0, 1, 2]
