"""GitHub REST v3 loopback server for the sandbox company, plus signed webhook deliveries."""

from tools.sandbox.servers.github.app import DEFAULT_TOKEN, create_app, serve
from tools.sandbox.servers.github.state import GitHubSandbox, sandbox_of
from tools.sandbox.servers.github.webhooks import WebhookDelivery, build_delivery, deliver

__all__ = [
    "DEFAULT_TOKEN",
    "GitHubSandbox",
    "WebhookDelivery",
    "build_delivery",
    "create_app",
    "deliver",
    "sandbox_of",
    "serve",
]
