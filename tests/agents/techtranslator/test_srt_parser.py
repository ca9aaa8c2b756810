"""SubRip parsing: speaker conventions, merging across subtitles, errors and robustness."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.techtranslator.parsers.srt import parse_srt
from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError
from tests.agents.techtranslator.parser_contract import (
    PROPERTY_SETTINGS,
    assert_turns_or_format_error,
    lines_from,
)
from tests.conftest import read_sample

SUPPORT_SRT = """1
00:00:00,840 --> 00:00:03,200
Tom Becker: Kestrel support, this is Tom.
How can I help?

2
00:00:03,500 --> 00:00:07,900
- Ines Duarte: Hi Tom, it's Ines from Vantage Freight.

3
00:00:08,100 --> 00:00:12,400
Our route exports have been failing
<i>since Tuesday's update</i>. [sighs]

4
00:00:12,600 --> 00:00:15,000
[Tom Becker] Okay, sorry about that.
[typing]

5
00:00:15,200 --> 00:00:18,900
Which browser are you on?
- Ines Duarte: Chrome, latest.
"""

SRT_LINES = [
    "",
    "1",
    "42",
    "00:00:01,000 --> 00:00:02,000",
    "00:00:01.5 --> 00:00:02,000 X1:10 X2:20",
    "00:00:05,000 --> 00:00:04,000",
    "00:00:01 --> 00:00:02",
    "-->",
    "Jane Doe: hello",
    "- Bob Lee: hi",
    "- ok then",
    "[Ana Silva] sure",
    "[MUSIC]",
    "[laughs]",
    "<i>italic</i> {\\an8}top",
    "so the thing is: exports",
]


def turn(index: int, line: int, speaker: str, text: str, timestamp: str) -> Turn:
    return Turn(index=index, line=line, speaker=speaker, text=text, timestamp=timestamp)


def test_speakers_come_from_prefixes_brackets_and_dashes_and_carry_across_subtitles() -> None:
    assert parse_srt(SUPPORT_SRT) == [
        turn(0, 2, "Tom Becker", "Kestrel support, this is Tom. How can I help?", "00:00:00"),
        turn(
            1,
            7,
            "Ines Duarte",
            "Hi Tom, it's Ines from Vantage Freight. Our route exports have been failing"
            " since Tuesday's update. [sighs]",
            "00:00:03",
        ),
        turn(
            2,
            16,
            "Tom Becker",
            "Okay, sorry about that. [typing] Which browser are you on?",
            "00:00:12",
        ),
        turn(3, 21, "Ines Duarte", "Chrome, latest.", "00:00:15"),
    ]


def test_bracketed_sound_descriptions_stay_text_instead_of_becoming_speakers() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAna Silva: hi\n[MUSIC]\n[Laughter]\n[door closes]\n"

    assert [(t.speaker, t.text) for t in parse_srt(text)] == [
        ("Ana Silva", "hi [MUSIC] [Laughter] [door closes]")
    ]


def test_text_before_anyone_is_named_belongs_to_unknown() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nhello?\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nAna Silva: hi\n"
    )

    assert [(t.speaker, t.text) for t in parse_srt(text)] == [
        ("Unknown", "hello?"),
        ("Ana Silva", "hi"),
    ]


def test_missing_blank_line_between_subtitles_still_starts_a_new_subtitle() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nAna Silva: one\n"
        "2\n00:00:03,000 --> 00:00:04,000\nBen Osei: two\n"
    )

    assert parse_srt(text) == [
        turn(0, 2, "Ana Silva", "one", "00:00:01"),
        turn(1, 5, "Ben Osei", "two", "00:00:03"),
    ]


def test_dot_milliseconds_short_fractions_and_crlf_are_accepted() -> None:
    text = "\ufeff7\r\n01:01:02.5 --> 01:01:03,000\r\nAna Silva: hi\r\n"

    assert parse_srt(text) == [turn(0, 2, "Ana Silva", "hi", "01:01:02")]


def test_kestrel_support_sample_attributes_the_bug_report_to_the_customer() -> None:
    turns = parse_srt(read_sample("kestrel_support.srt"))

    assert {t.speaker for t in turns} == {"Ollie Grant", "Marco Bianchi"}
    assert len(turns) == 27
    report = turns[5]
    assert (report.line, report.speaker, report.timestamp) == (25, "Marco Bianchi", "00:00:30")
    assert report.text.endswith(
        "And since, I think, last Tuesday's update, it's been missing Sunday. So the one that came"
        " this morning stops on Saturday night. The depot managers build the weekly roster off it,"
        " so..."
    )
    assert [(t.speaker, t.text[:29]) for t in turns if t.line == 67] == [
        ("Marco Bianchi", "Only the scheduled one, yeah."),
        ("Ollie Grant", "Got it. I think I know what t"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("1\n00:00:01 --> 00:00:02,000\nhi\n", 2, "malformed timing"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n", 5, "number without a timing line"),
        ("1\nhello there\n", 2, "expected a timing line"),
        ("Jane: hello\n", 1, "expected a subtitle number"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n", 1, "expected a subtitle number"),
        ("1\n00:00:05,000 --> 00:00:04,000\nhi\n", 2, "ends before it starts"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n\nstray words\n", 6, "subtitle number"),
    ],
)
def test_malformed_subtitle_is_reported_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message) as caught:
        parse_srt(text)

    assert (caught.value.format, caught.value.line, caught.value.field) == ("srt", line, None)


def _srt_clock(millis: int) -> str:
    hours, rest = divmod(millis, 3_600_000)
    return f"{hours:02d}:{rest // 60_000:02d}:{rest // 1000 % 60:02d},{millis % 1000:03d}"


_TIMINGS = st.tuples(st.integers(0, 10**8), st.integers(0, 10**5)).map(
    lambda span: f"{_srt_clock(span[0])} --> {_srt_clock(sum(span))}"
)
_ODD_TIMINGS = st.sampled_from(["00:00:05,000 --> 00:00:04,000", "00:00:01 --> 2", "-->", "hi"])
_PAYLOAD = st.sampled_from(
    ["Ana Silva: a", "- Ben Osei: b", "- c", "[Cleo Park] d", "[MUSIC]", "<i>e</i>", "f"]
)
_SUBTITLES = st.tuples(
    st.sampled_from(["", "1", "27"]),
    st.integers(0, 9).flatmap(lambda n: _ODD_TIMINGS if n == 0 else _TIMINGS),  # mostly valid
    st.lists(_PAYLOAD | st.text(st.characters(exclude_characters="\r\n"), max_size=20), max_size=3),
).map(lambda cue: "\n".join([*cue[:2], *cue[2]]).lstrip("\n"))
SRT_DOCUMENTS = st.lists(_SUBTITLES, max_size=12).map("\n\n".join)


@PROPERTY_SETTINGS
@given(st.text() | lines_from(SRT_LINES))
def test_arbitrary_text_gives_turns_or_an_srt_format_error(text: str) -> None:
    assert_turns_or_format_error(parse_srt, text, "srt")


@PROPERTY_SETTINGS
@given(SRT_DOCUMENTS)
def test_srt_documents_give_merged_turns_or_an_srt_format_error(text: str) -> None:
    speakers = [t.speaker for t in assert_turns_or_format_error(parse_srt, text, "srt")]

    assert all(a != b for a, b in pairwise(speakers))
