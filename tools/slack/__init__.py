"""Slack Web API adapter: the ``SlackApi`` protocol and its slack_sdk-based client."""

from tools.slack.client import SlackWebApi, web_client
from tools.slack.errors import SlackError
from tools.slack.models import PostedMessage, SlackFile
from tools.slack.protocol import SlackApi

__all__ = ["PostedMessage", "SlackApi", "SlackError", "SlackFile", "SlackWebApi", "web_client"]
