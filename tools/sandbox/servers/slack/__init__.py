"""A loopback Slack Web API: auth.test, chat.postMessage, conversations.replies, files.info."""

from tools.sandbox.servers.slack.app import DEFAULT_BOT_TOKEN, create_app, sandbox_of, serve
from tools.sandbox.servers.slack.store import SlackSandbox, StoredFile

__all__ = ["DEFAULT_BOT_TOKEN", "SlackSandbox", "StoredFile", "create_app", "sandbox_of", "serve"]
