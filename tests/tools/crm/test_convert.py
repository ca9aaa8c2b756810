"""Parsing HubSpot's property strings: datetimes both ways, numbers, multi-value keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tools.crm.convert import parse_datetime, split_keys, to_epoch_ms, to_hubspot_datetime

moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


@given(moments)
def test_datetimes_survive_hubspots_iso_and_epoch_ms_forms_at_ms_precision(
    moment: datetime,
) -> None:
    truncated = moment - timedelta(microseconds=moment.microsecond % 1000)

    assert parse_datetime(to_hubspot_datetime(moment)) == truncated
    assert parse_datetime(str(to_epoch_ms(moment))) == truncated
    assert to_hubspot_datetime(moment).endswith("Z")


@given(st.lists(st.from_regex(r"[A-Z]{2,5}-[1-9][0-9]{0,4}", fullmatch=True), max_size=6))
def test_requested_issue_keys_round_trip_through_hubspots_semicolon_form(keys: list[str]) -> None:
    assert split_keys(";".join(keys)) == keys


def test_blank_values_parse_to_none_and_spaces_around_keys_are_dropped() -> None:
    assert parse_datetime("") is None and parse_datetime(None) is None
    assert split_keys(" DBO-1 ; ;DBO-2 ") == ["DBO-1", "DBO-2"]
