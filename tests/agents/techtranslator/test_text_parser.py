"""The plain-text transcript parser and the format registry in front of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agents.techtranslator.parsers import PARSERS, parse_transcript
from agents.techtranslator.parsers.text import parse_text
from agents.techtranslator.schemas import Transcript
from devbizops.errors import TranscriptFormatError


def test_speaker_role_and_text_are_split_and_lines_are_one_based() -> None:
    turns = parse_text(
        "Call notes, Tuesday\n"
        "\n"
        "Dana Whitfield (our AE): Hi all.\n"
        "Marcus Chen (Acme Logistics, VP Engineering): Morning.\n"
    )
    assert [(t.index, t.line, t.speaker, t.role, t.text) for t in turns] == [
        (0, 3, "Dana Whitfield", "our AE", "Hi all."),
        (1, 4, "Marcus Chen", "Acme Logistics, VP Engineering", "Morning."),
    ]


@pytest.mark.parametrize(
    ("line", "timestamp"),
    [
        ("[00:01:23] Jane Doe: we need SSO", "00:01:23"),
        ("00:01:23 Jane Doe: we need SSO", "00:01:23"),
        ("(12:03) Jane Doe: we need SSO", "12:03"),
        ("[1:02:03.500] - Jane Doe: we need SSO", "1:02:03.500"),
        ("Jane Doe (00:01:23): we need SSO", "00:01:23"),
        ("Jane Doe [00:01:23]: we need SSO", "00:01:23"),
    ],
)
def test_timestamps_before_or_after_the_speaker_are_recognised(line: str, timestamp: str) -> None:
    (turn,) = parse_text(line)
    assert (turn.speaker, turn.timestamp, turn.text, turn.role) == (
        "Jane Doe",
        timestamp,
        "we need SSO",
        None,
    )


def test_continuation_lines_join_the_previous_turn_and_blank_lines_are_ignored() -> None:
    turns = parse_text(
        "Priya: So the thing is: we retype everything.\n"
        "\n"
        "Every single order, twice.\n"
        "Raj: Got it.\n"
    )
    assert [t.text for t in turns] == [
        "So the thing is: we retype everything. Every single order, twice.",
        "Got it.",
    ]
    assert turns[1].line == 4


def test_a_timestamp_on_its_own_line_belongs_to_the_next_speaker_line() -> None:
    (turn,) = parse_text("[00:03:12]\nKevin Osei: it times out\n")
    assert (turn.timestamp, turn.line) == ("00:03:12", 2)


def test_emails_and_numbered_speakers_are_speakers_but_labels_are_not() -> None:
    turns = parse_text(
        "Note: recorded with consent\n"
        "jane.doe@acme.com: hello\n"
        "Speaker 2: hi\n"
        "Bottom line: this is prose, not a speaker\n"
    )
    assert [t.speaker for t in turns] == ["jane.doe@acme.com", "Speaker 2"]
    assert turns[-1].text == "hi Bottom line: this is prose, not a speaker"


def test_crlf_and_byte_order_mark_are_tolerated() -> None:
    turns = parse_text("\ufeffA: one\r\nB: two\r\n")
    assert [(t.speaker, t.text) for t in turns] == [("A", "one"), ("B", "two")]


@pytest.mark.parametrize(("text", "line"), [("", 1), ("   \n\n", 1), ("\n\njust prose here\n", 3)])
def test_text_without_speaker_lines_is_a_format_error_naming_the_line(text: str, line: int) -> None:
    with pytest.raises(TranscriptFormatError) as raised:
        parse_text(text)
    assert raised.value.format == "text"
    assert raised.value.line == line


def test_unknown_format_names_the_allowed_formats() -> None:
    with pytest.raises(TranscriptFormatError) as raised:
        parse_transcript("A: hi", "docx")
    assert "text" in raised.value.message
    assert set(PARSERS) <= set(raised.value.message.replace(",", " ").split())


def test_parse_transcript_returns_the_raw_text_format_and_parties() -> None:
    transcript = parse_transcript("Rep (our AE): hello\nAmy (Acme, CTO): hi", "txt")
    assert transcript.format == "text"
    assert transcript.raw == "Rep (our AE): hello\nAmy (Acme, CTO): hi"
    assert [t.party for t in transcript.turns] == ["internal", "customer"]


def test_every_sample_transcript_parses_with_roles_for_every_speaker(
    sample: Callable[[str], Transcript],
) -> None:
    for name, turns in [
        ("acme_logistics_discovery", 51),
        ("brightpath_health_renewal", 42),
        ("northwind_smalltalk_checkin", 38),
        ("fintrack_escalation", 40),
    ]:
        transcript = sample(name)
        assert len(transcript.turns) == turns
        assert all(turn.role for turn in transcript.turns)
    assert sample("fintrack_escalation").turns[-1].timestamp == "00:04:25"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_parses_or_fails_only_with_a_format_error(text: str) -> None:
    try:
        transcript = parse_transcript(text)
    except TranscriptFormatError as error:
        failure: TranscriptFormatError | None = error
    else:
        failure = None
        assert transcript.turns
        assert all(turn.text for turn in transcript.turns)
    assert failure is None or (failure.format == "text" and failure.line is not None)


_NAMES = st.sampled_from(["Ana", "Bo Li", "Speaker 1", "Dr. Kim", "ops@acme.io"])
_WORDS = st.lists(
    st.text(alphabet="abcdefghij XYZ,.?'", min_size=1, max_size=30).filter(str.strip),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_NAMES, _WORDS), min_size=1, max_size=12))
def test_well_formed_transcripts_keep_every_speaker_and_their_words(
    script: list[tuple[str, list[str]]],
) -> None:
    lines = [f"{name}: {' '.join(words)}" for name, words in script]
    turns = parse_text("\n".join(lines))
    assert [t.speaker for t in turns] == [name for name, _ in script]
    assert [t.line for t in turns] == list(range(1, len(script) + 1))
    assert [t.text for t in turns] == [" ".join(words).strip() for _, words in script]
