"""Slack thread parsing: names, parties, skipped bots, rendered markup, field-path errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.techtranslator.parsers.slack import parse_slack
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

THREAD_TS = "1712345678.000100"
MAYA_PROFILE = {"real_name": "Maya Chen", "display_name": "maya", "title": "Ops Lead"}

REPLIES: dict[str, Any] = {
    "ok": True,
    "messages": [
        {
            "type": "message",
            "user": "U01CUST",
            "text": "Hey <@U02CSM> :wave: quick q &amp; a bug",
            "ts": THREAD_TS,
            "thread_ts": THREAD_TS,
            "reply_count": 5,
            "user_profile": MAYA_PROFILE,
        },
        {
            "type": "message",
            "subtype": "channel_join",
            "user": "U03NEW",
            "text": "<@U03NEW> has joined the channel",
            "ts": "1712345690.000200",
        },
        {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": "B01JIRA",
            "username": "Jira Cloud",
            "text": "Created HRB-118: Export to CSV",
            "ts": "1712345700.000300",
            "thread_ts": THREAD_TS,
        },
        {
            "type": "message",
            "user": "U02CSM",
            "text": "Thanks Maya! Is it this one? <https://status.example.com/i/42|status page>"
            " or <https://docs.example.com/export>",
            "ts": "1712349278.000400",
            "thread_ts": THREAD_TS,
        },
        {
            "type": "message",
            "user": "U01CUST",
            "text": "Yes. Also <!here> &lt;3 exports to <mailto:ops@hb.example|ops@hb.example>",
            "ts": "1712352878.000500",
            "thread_ts": THREAD_TS,
            "user_profile": MAYA_PROFILE,
        },
        {
            "type": "message",
            "user": "U04GUEST",
            "text": "+1 from <#C0123|harbor-ops>",
            "ts": "1712352900.000600",
            "thread_ts": THREAD_TS,
        },
        {
            "type": "message",
            "user": "U01CUST",
            "text": "",
            "ts": "1712352960.000700",
            "files": [{"name": "dashboard.png"}],
        },
    ],
    "users": {
        "U01CUST": {"real_name": "Maya Chen", "is_internal": False, "team": "T0HARBOR"},
        "U02CSM": {
            "name": "devon",
            "real_name": "Devon Brooks",
            "is_internal": True,
            "profile": {"title": "Customer Success Manager"},
        },
    },
    "has_more": False,
}

SLACK_KEYS = [
    "ok", "messages", "users", "type", "subtype", "user", "text", "ts", "thread_ts", "bot_id",
    "user_profile", "real_name", "display_name", "title", "id", "is_internal", "profile", "name",
]  # fmt: skip


def test_human_messages_become_turns_with_names_sides_and_rendered_markup() -> None:
    assert parse_slack(json.dumps(REPLIES)) == [
        Turn(
            index=0,
            line=1,
            speaker="Maya Chen",
            role="Ops Lead",
            party="customer",
            text="Hey @Devon Brooks :wave: quick q & a bug",
            timestamp="19:34:38",
        ),
        Turn(
            index=1,
            line=4,
            speaker="Devon Brooks",
            role="Customer Success Manager",
            party="internal",
            text="Thanks Maya! Is it this one? status page or https://docs.example.com/export",
            timestamp="20:34:38",
        ),
        Turn(
            index=2,
            line=5,
            speaker="Maya Chen",
            role="Ops Lead",
            party="customer",
            text="Yes. Also @here <3 exports to ops@hb.example",
            timestamp="21:34:38",
        ),
        Turn(
            index=3,
            line=6,
            speaker="U04GUEST",
            role=None,
            party="unknown",
            text="+1 from #harbor-ops",
            timestamp="21:35:00",
        ),
    ]


def test_bare_message_list_names_people_from_profiles_found_anywhere_in_the_thread() -> None:
    messages = [
        {"user": "U1", "text": "ping <@U2> and <@U9|ana>", "ts": "86399.9"},
        {"user": "U2", "text": "pong", "ts": "86400", "user_profile": {"display_name": "bo"}},
    ]

    turns = parse_slack(json.dumps(messages))

    assert [(t.line, t.speaker, t.text, t.timestamp) for t in turns] == [
        (1, "U1", "ping @bo and @ana", "23:59:59"),
        (2, "bo", "pong", "00:00:00"),
    ]


def test_user_directory_may_be_a_list_of_users() -> None:
    document = {
        "messages": [{"user": "U1", "text": "hi", "ts": "1.0"}],
        "users": [{"id": "U1", "real_name": "Ana Silva", "is_internal": True, "title": "SE"}],
    }

    [only] = parse_slack(json.dumps(document))

    assert (only.speaker, only.role, only.party) == ("Ana Silva", "SE", "internal")


def test_harbor_retail_sample_keeps_only_what_people_wrote() -> None:
    turns = parse_slack(read_sample("harbor_retail_thread.slack.json"))

    assert [t.line for t in turns] == [1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14]
    assert {t.speaker: t.party for t in turns} == {
        "Lucía Romero": "customer",
        "Ben Whitaker": "customer",
        "Aisha Khan": "internal",
        "Felix Wagner": "internal",
        "Noor Haddad": "unknown",
    }
    assert turns[0].text.startswith("Hi @Aisha Khan :wave: two things from our side")
    assert "the right place & not too long" in turns[0].text
    assert "tracked in incident 8841. A fix" in turns[5].text
    assert turns[8].text.endswith("otherwise the macros downstream break >_<")
    assert turns[0].timestamp == "08:23:32"


def test_slack_api_error_response_is_reported() -> None:
    with pytest.raises(TranscriptFormatError, match="thread_not_found") as caught:
        parse_slack('{"ok": false, "error": "thread_not_found"}')

    assert (caught.value.format, caught.value.field) == ("slack", "ok")


def test_invalid_json_is_reported_with_the_decoder_line() -> None:
    with pytest.raises(TranscriptFormatError, match="invalid JSON") as caught:
        parse_slack('[\n  {"user": "U1"\n   "text": "x"}\n]')

    assert (caught.value.format, caught.value.line) == ("slack", 3)


HUMAN = {"user": "U1", "text": "hi", "ts": "1.0"}
BOT = {"subtype": "bot_message", "bot_id": "B1", "text": "beep", "ts": "1.0"}


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"messages": [HUMAN, BOT, {"user": "U1", "ts": "2.0"}]}, "messages[2].text"),
        ({"messages": [HUMAN, {**HUMAN, "ts": "yesterday"}]}, "messages[1].ts"),
        ({"messages": [{**HUMAN, "text": 5}]}, "messages[0].text"),
        ({"messages": {}}, "messages"),
        ([{"text": "hi", "ts": "1.0"}], "[0].user"),
        ({"messages": [HUMAN], "users": {"U1": {"is_internal": "yes"}}}, "users.U1.is_internal"),
        ({"messages": [HUMAN], "users": [{"real_name": "Ana"}]}, "users[0].id"),
        ({"messages": [HUMAN], "users": "U1"}, "users"),
    ],
)
def test_missing_or_ill_typed_field_is_reported_by_its_path(document: object, field: str) -> None:
    with pytest.raises(TranscriptFormatError) as caught:
        parse_slack(json.dumps(document))

    assert (caught.value.format, caught.value.field, caught.value.line) == ("slack", field, None)


def test_json_without_messages_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="expected a list of messages") as caught:
        parse_slack('{"channel": "C1"}')

    assert caught.value.format == "slack"


_ODD = json_values(SLACK_KEYS)
_PROFILE = st.fixed_dictionaries(
    {},
    optional={
        key: mostly(st.text(max_size=8), _ODD) for key in ("real_name", "display_name", "title")
    },
)
_MESSAGE = st.fixed_dictionaries(
    {
        "user": mostly(st.sampled_from(["U1", "U2", "USLACKBOT"]), _ODD),
        "text": mostly(
            st.text() | st.sampled_from(["<@U1> &amp; <http://x|y>", "<!here>", "<>"]), _ODD
        ),
        "ts": mostly(st.sampled_from(["1712345678.000100", "0", "99999999999999.9"]), _ODD),
    },
    optional={
        "type": mostly(st.just("message"), _ODD),
        "subtype": mostly(st.sampled_from(["channel_join", "thread_broadcast"]), _ODD),
        "bot_id": mostly(st.just("B1"), _ODD),
        "user_profile": mostly(_PROFILE, _ODD),
    },
)
_USER = st.fixed_dictionaries(
    {}, optional={"real_name": st.text(max_size=8), "is_internal": mostly(st.booleans(), _ODD)}
)
SLACK_DOCUMENTS = (
    st.lists(_MESSAGE, max_size=5)
    | st.fixed_dictionaries(
        {"messages": st.lists(_MESSAGE, max_size=5)},
        optional={
            "ok": st.booleans(),
            "users": st.dictionaries(st.sampled_from(["U1", "U2"]), _USER),
        },
    )
).map(json.dumps)


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text_gives_turns_or_a_slack_format_error(text: str) -> None:
    assert_turns_or_format_error(parse_slack, text, "slack")


@PROPERTY_SETTINGS
@given(json_documents(SLACK_KEYS) | SLACK_DOCUMENTS)
def test_arbitrary_json_gives_turns_or_a_slack_format_error(text: str) -> None:
    assert_turns_or_format_error(parse_slack, text, "slack")
