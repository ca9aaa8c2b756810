"""Gong JSON parsing: parties and affiliations, both response shapes, field-path errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.techtranslator.parsers.gong import parse_gong
from agents.techtranslator.schemas import Turn
from devbizops.errors import TranscriptFormatError
from tests.agents.techtranslator.parser_contract import (
    PROPERTY_SETTINGS,
    assert_turns_or_format_error,
    json_documents,
    json_values,
    mostly,
)
from tests.conftest import read_sample

SAM, GRACE, IT_OPS = "6432345678555530067", "2245167789001234567", "9900112233445566778"

DISCOVERY_CALL: dict[str, Any] = {
    "callId": "7782342274025937895",
    "metaData": {"title": "Lumen Bank <> Relay discovery", "started": "2024-04-08T15:00:00Z"},
    "parties": [
        {
            "speakerId": SAM,
            "name": "Sam Patel",
            "emailAddress": "sam@relay.io",
            "affiliation": "Internal",
            "title": "Account Executive",
        },
        {
            "speakerId": GRACE,
            "name": "Grace Kim",
            "emailAddress": "gkim@lumenbank.com",
            "affiliation": "External",
            "title": "Head of Security",
        },
        {"speakerId": IT_OPS, "emailAddress": "it-ops@lumenbank.com", "affiliation": "Unknown"},
        {"speakerId": None, "name": "Silent Observer", "affiliation": "External"},
    ],
    "transcript": [
        {
            "speakerId": SAM,
            "topic": "Call Setup",
            "sentences": [
                {"start": 460, "end": 2100, "text": "Hey Grace, thanks for hopping on."},
                {"start": 2100, "end": 4010, "text": "Is now still good?"},
            ],
        },
        {
            "speakerId": GRACE,
            "topic": "Security",
            "sentences": [
                {"start": 4520, "end": 9800, "text": "Yeah, so, before anything else:"},
                {
                    "start": 9800,
                    "end": 15200,
                    "text": "we need SAML SSO and audit logs we can export.",
                },
            ],
        },
        {
            "speakerId": IT_OPS,
            "topic": None,
            "sentences": [{"start": 3723000, "end": 3725000, "text": "  Sorry,  joining late. "}],
        },
        {
            "speakerId": "1111",
            "sentences": [{"start": 3730000, "end": 3731000, "text": "Who's that?"}],
        },
        {"speakerId": SAM, "topic": "Wrap-up", "sentences": []},
    ],
}

GONG_KEYS = [
    "callId", "metaData", "parties", "transcript", "callTranscripts", "speakerId", "name",
    "emailAddress", "affiliation", "title", "topic", "sentences", "start", "end", "text",
]  # fmt: skip


_ODD = json_values(GONG_KEYS)
_SENTENCE = st.fixed_dictionaries(
    {
        "start": mostly(st.integers(0, 10**9) | st.floats(0, 1e308), _ODD),
        "text": mostly(st.text(), _ODD),
    },
    optional={"end": mostly(st.integers(0, 10**9), _ODD)},
)
_MONOLOGUE = st.fixed_dictionaries(
    {
        "speakerId": mostly(st.sampled_from(["1", "2", "3", 2]), _ODD),
        "sentences": mostly(st.lists(_SENTENCE, max_size=3), _ODD),
    },
    optional={"topic": mostly(st.text(max_size=8) | st.none(), _ODD)},
)
_PARTY = st.fixed_dictionaries(
    {},
    optional={
        key: mostly(valid, _ODD)
        for key, valid in {
            "speakerId": st.sampled_from(["1", "2", 3]) | st.none(),
            "name": st.text(max_size=8) | st.none(),
            "emailAddress": st.text(max_size=8),
            "affiliation": st.sampled_from(["Internal", "External", "Unknown", "internal", ""]),
            "title": st.text(max_size=8),
        }.items()
    },
)
_CALL = st.fixed_dictionaries(
    {"transcript": mostly(st.lists(_MONOLOGUE, max_size=4), _ODD)},
    optional={"parties": mostly(st.lists(_PARTY, max_size=3), _ODD), "callId": st.text()},
)
GONG_DOCUMENTS = (
    _CALL
    | st.fixed_dictionaries(
        {"callTranscripts": st.lists(_CALL, max_size=2)},
        optional={"parties": st.lists(_PARTY, max_size=3)},
    )
).map(json.dumps)


def monologue(speaker_id: str | int, start: int, text: str) -> dict[str, Any]:
    return {
        "speakerId": speaker_id,
        "sentences": [{"start": start, "end": start + 1, "text": text}],
    }


def test_each_monologue_becomes_a_turn_with_party_name_role_and_side() -> None:
    assert parse_gong(json.dumps(DISCOVERY_CALL)) == [
        Turn(
            index=0,
            line=1,
            speaker="Sam Patel",
            role="Account Executive (Internal)",
            party="internal",
            text="Hey Grace, thanks for hopping on. Is now still good?",
            timestamp="00:00:00",
        ),
        Turn(
            index=1,
            line=2,
            speaker="Grace Kim",
            role="Head of Security (External)",
            party="customer",
            text="Yeah, so, before anything else: we need SAML SSO and audit logs we can export.",
            timestamp="00:00:04",
        ),
        Turn(
            index=2,
            line=3,
            speaker="it-ops@lumenbank.com",
            role=None,
            party="unknown",
            text="Sorry, joining late.",
            timestamp="01:02:03",
        ),
        Turn(
            index=3,
            line=4,
            speaker="1111",
            role=None,
            party="unknown",
            text="Who's that?",
            timestamp="01:02:10",
        ),
    ]


def test_call_transcripts_response_shape_concatenates_calls_and_uses_top_level_parties() -> None:
    document = {
        "requestId": "4al018gzaztcr8nbukw",
        "records": {"totalRecords": 2, "currentPageSize": 2, "currentPageNumber": 0},
        "callTranscripts": [
            {"callId": "1", "transcript": [monologue(42, 1000, "First call.")]},
            {"callId": "2", "transcript": [monologue("7", 61000, "Second call.")]},
        ],
        "parties": [
            {"speakerId": "42", "name": "Ana Silva", "affiliation": "External"},
            {"speakerId": 7, "name": "Ben Osei", "affiliation": "Internal", "title": "CSM"},
        ],
    }

    turns = parse_gong(json.dumps(document))

    assert [(t.line, t.speaker, t.role, t.party, t.text, t.timestamp) for t in turns] == [
        (1, "Ana Silva", "External", "customer", "First call.", "00:00:01"),
        (2, "Ben Osei", "CSM (Internal)", "internal", "Second call.", "00:01:01"),
    ]


def test_lumen_bank_sample_tells_bank_speakers_from_ours() -> None:
    turns = parse_gong(read_sample("lumen_bank_discovery.gong.json"))

    assert len(turns) == 32
    assert {t.speaker: t.party for t in turns} == {
        "Jordan Reyes": "internal",
        "Mei Tanaka": "internal",
        "Daniel Okoro": "customer",
        "Sarah Lindqvist": "customer",
        "Tom Hale": "unknown",
    }
    keys = next(t for t in turns if "customer-managed keys" in t.text)
    assert (keys.line, keys.speaker, keys.role, keys.timestamp) == (
        19,
        "Daniel Okoro",
        "VP, Information Security (External)",
        "00:03:16",
    )


def test_invalid_json_is_reported_with_the_decoder_line() -> None:
    text = '{\n  "transcript": [\n    {"speakerId": "1",, }\n  ]\n}'

    with pytest.raises(TranscriptFormatError, match="invalid JSON") as caught:
        parse_gong(text)

    assert (caught.value.format, caught.value.line, caught.value.field) == ("gong", 3, None)


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"parties": []}, "transcript"),
        ({"transcript": {}}, "transcript"),
        (
            {"transcript": [{"speakerId": "1", "sentences": [{"start": 0}]}]},
            "transcript[0].sentences[0].text",
        ),
        (
            {"transcript": [{"speakerId": "1", "sentences": [{"start": "0", "text": "hi"}]}]},
            "transcript[0].sentences[0].start",
        ),
        ({"transcript": [monologue("1", -5, "hi")]}, "transcript[0].sentences[0].start"),
        (
            {"transcript": [monologue("1", 0, "a")] * 3 + [{"sentences": []}]},
            "transcript[3].speakerId",
        ),
        ({"transcript": [{"speakerId": True, "sentences": []}]}, "transcript[0].speakerId"),
        ({"transcript": [], "parties": [{"speakerId": "1", "name": 5}]}, "parties[0].name"),
        (
            {"callTranscripts": [{"callId": "1", "transcript": [monologue("1", 0, 7)]}]},  # type: ignore[arg-type]
            "callTranscripts[0].transcript[0].sentences[0].text",
        ),
    ],
)
def test_missing_or_ill_typed_field_is_reported_by_its_path(document: object, field: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_gong(json.dumps(document))

    assert (caught.value.format, caught.value.field, caught.value.line) == ("gong", field, None)


def test_non_finite_sentence_start_is_reported_by_its_path() -> None:
    text = '{"transcript": [{"speakerId": "1", "sentences": [{"start": NaN, "text": "x"}]}]}'

    with pytest.raises(TranscriptFormatError) as caught:
        parse_gong(text)

    assert caught.value.field == "transcript[0].sentences[0].start"


def test_json_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="expected a JSON object") as caught:
        parse_gong("[1, 2, 3]")

    assert caught.value.format == "gong"


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text_gives_turns_or_a_gong_format_error(text: str) -> None:
    assert_turns_or_format_error(parse_gong, text, "gong")


@PROPERTY_SETTINGS
@given(json_documents(GONG_KEYS))
def test_arbitrary_json_gives_turns_or_a_gong_format_error(text: str) -> None:
    assert_turns_or_format_error(parse_gong, text, "gong")


@PROPERTY_SETTINGS
@given(GONG_DOCUMENTS)
def test_gong_shaped_json_gives_one_turn_per_spoken_monologue_or_a_gong_format_error(
    text: str,
) -> None:
    turns = assert_turns_or_format_error(parse_gong, text, "gong")

    assert all(t.timestamp is not None and t.timestamp.count(":") == 2 for t in turns)
