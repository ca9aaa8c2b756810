"""What every transcript parser promises on any input, plus hypothesis strategies to check it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from hypothesis import settings
from hypothesis import strategies as st

from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError

# No deadline: parse time varies with machine load under pytest-xdist, and a slow example is not
# a wrong one.
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


def parse_or_error(parse: Callable[[str], list[Turn]], text: str) -> list[Turn] | Exception:
    """What ``parse(text)`` returned, or the TranscriptFormatError it raised."""
    try:
        return parse(text)
    except TranscriptFormatError as exc:
        return exc


def assert_turns_or_format_error(
    parse: Callable[[str], list[Turn]], text: str, fmt: str
) -> list[Turn]:
    """``parse(text)`` returns well-formed turns or raises TranscriptFormatError for ``fmt``.

    Returns the turns, or an empty list when the parser refused the input.
    """
    result = parse_or_error(parse, text)
    if isinstance(result, TranscriptFormatError):
        assert result.format == fmt
        assert result.line is None or result.line >= 1
        return []
    assert isinstance(result, list)
    assert [turn.index for turn in result] == list(range(len(result)))
    for turn in result:
        assert isinstance(turn, Turn)
        assert turn.line >= 1
        assert turn.speaker.strip()
        assert turn.text.strip()
    return result


def lines_from(pool: Sequence[str]) -> st.SearchStrategy[str]:
    """Documents built from ``pool`` lines mixed with arbitrary ones, so parsers get past line 1."""
    line = st.sampled_from(pool) | st.text(max_size=30)
    return st.lists(line, max_size=40).map("\n".join)


JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)


def mostly(
    valid: st.SearchStrategy[object], odd: st.SearchStrategy[object]
) -> st.SearchStrategy[object]:
    """``valid`` nine times in ten, else ``odd``: shaped documents that still sometimes break."""
    return st.integers(0, 9).flatmap(lambda n: odd if n == 0 else valid)


def json_values(keys: Sequence[str]) -> st.SearchStrategy[object]:
    """Arbitrary JSON values whose objects favour ``keys``, so validation goes past the root."""
    words = st.sampled_from(keys)
    scalars = (
        JSON_SCALARS
        | words
        | st.sampled_from(["1712345678.000100", "message", "Internal", "External", "<@U1>"])
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(words | st.text(max_size=6), children, max_size=6)
        ),
        max_leaves=40,
    )


def json_documents(keys: Sequence[str]) -> st.SearchStrategy[str]:
    """``json_values(keys)`` serialised, NaN and Infinity included as Python's json writes them."""
    return json_values(keys).map(json.dumps)
