"""Format sniffing: each supported format is recognised, and nothing makes detection raise."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.techtranslator.parsers.detect import detect_format
from agents.techtranslator.parsers.gong import parse_gong
from agents.techtranslator.parsers.slack import parse_slack
from agents.techtranslator.parsers.srt import parse_srt
from agents.techtranslator.parsers.vtt import parse_vtt
from agents.techtranslator.schemas import Turn
from tests.agents.techtranslator.parser_contract import PROPERTY_SETTINGS, json_values
from tests.conftest import read_sample

FORMATS = {"vtt", "srt", "gong", "slack", "text"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: hi\n", "vtt"),
        ("\ufeffWEBVTT - Teams export\r\n", "vtt"),
        ("\n\nWEBVTT\n", "vtt"),
        ("WEBVTT", "vtt"),
        ("1\n00:00:01,000 --> 00:00:04,000\nJane: hi\n", "srt"),
        ("\ufeff12\r\n00:00:01.000 --> 00:00:04.000\r\n", "srt"),
        ('{"callId": "1", "parties": [], "transcript": []}', "gong"),
        ('{"requestId": "x", "callTranscripts": []}', "gong"),
        ('{"ok": true, "messages": [{"type": "message", "user": "U1", "ts": "1.0"}]}', "slack"),
        ('[{"user": "U1", "text": "hi", "ts": "1712345678.000100"}]', "slack"),
        ("Jane Doe: hi\nBob Lee: hello\n", "text"),
        ("[00:00:01] Jane: hi\n", "text"),
        ('{"title": "meeting notes"}', "text"),
        ("[1, 2, 3]", "text"),
        ("{not json", "text"),
        ("WEBVTTX\n", "text"),
        ("1\nhello\n", "text"),
        ("", "text"),
    ],
)
def test_format_is_recognised_from_content(text: str, expected: str) -> None:
    assert detect_format(text) == expected


@pytest.mark.parametrize(
    ("name", "expected", "parse"),
    [
        ("orbit_media_qbr.vtt", "vtt", parse_vtt),
        ("kestrel_support.srt", "srt", parse_srt),
        ("lumen_bank_discovery.gong.json", "gong", parse_gong),
        ("harbor_retail_thread.slack.json", "slack", parse_slack),
    ],
)
def test_every_sample_transcript_is_detected_and_parses_into_a_conversation(
    name: str, expected: str, parse: Callable[[str], list[Turn]]
) -> None:
    text = read_sample(name)

    assert detect_format(text) == expected
    turns = parse(text)
    assert len(turns) >= 10
    assert len({t.speaker for t in turns}) >= 2


@PROPERTY_SETTINGS
@given(st.text())
def test_detection_never_raises_on_arbitrary_text(text: str) -> None:
    assert detect_format(text) in FORMATS


@PROPERTY_SETTINGS
@given(json_values(["messages", "ts", "type", "transcript", "parties", "callTranscripts"]))
def test_detection_never_raises_on_arbitrary_json(value: object) -> None:
    assert detect_format(json.dumps(value)) in FORMATS
    assert detect_format(json.dumps(value, indent=2)[:-1]) in FORMATS  # truncated documents too
