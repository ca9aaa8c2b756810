"""Only requests Slack signed, recently, reach the bot; without a signing secret it is off."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.settings import Settings
from tests.api.slack.conftest import SECRET, signature_headers

CHALLENGE = json.dumps(
    {
        "token": "legacy",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }
)


def test_url_verification_with_a_valid_signature_answers_the_challenge(bot: TestClient) -> None:
    headers = {"Content-Type": "application/json", **signature_headers(CHALLENGE)}
    response = bot.post("/slack/events", content=CHALLENGE, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"challenge": json.loads(CHALLENGE)["challenge"]}


def test_a_wrong_signature_is_refused_with_401(bot: TestClient) -> None:
    headers = {
        "Content-Type": "application/json",
        **signature_headers(CHALLENGE, secret="x" + SECRET),
    }
    response = bot.post("/slack/events", content=CHALLENGE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_signature"


def test_a_body_changed_after_signing_is_refused(bot: TestClient) -> None:
    headers = {"Content-Type": "application/json", **signature_headers(CHALLENGE)}
    response = bot.post("/slack/events", content=CHALLENGE.replace("3eZ", "4eZ"), headers=headers)
    assert response.status_code == 401


def test_a_signature_older_than_five_minutes_is_a_replay(bot: TestClient) -> None:
    headers = {
        "Content-Type": "application/json",
        **signature_headers(CHALLENGE, at=time.time() - 6 * 60),
    }
    response = bot.post("/slack/events", content=CHALLENGE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["details"] == {"source": "slack", "reason": "invalid"}


def test_unsigned_requests_are_refused(bot: TestClient) -> None:
    response = bot.post(
        "/slack/events", content=CHALLENGE, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["details"]["reason"] == "missing"


def test_without_a_signing_secret_the_bot_is_off(slack_settings: Settings) -> None:
    off = slack_settings.model_copy(update={"slack_signing_secret": None})
    with TestClient(create_app(off)) as api:
        for path in ("/slack/events", "/slack/commands"):
            headers = {"Content-Type": "application/json", **signature_headers(CHALLENGE)}
            response = api.post(path, content=CHALLENGE, headers=headers)
            assert response.status_code == 404
            assert response.json()["error"]["code"] == "slack_disabled"
