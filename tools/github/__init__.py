"""GitHub REST v3 adapter: `GitHubSource`, its httpx client, wire models and webhook checks."""

from tools.github.client import API_URL, API_VERSION, GitHubClient
from tools.github.delivery_models import Deployment, DeploymentStatus, Release
from tools.github.errors import (
    GitHubAuthError,
    GitHubError,
    GitHubNotFound,
    GitHubUnavailable,
    RateLimited,
    WebhookReplayError,
    WebhookSignatureError,
)
from tools.github.etags import EtagStore, MemoryEtagStore
from tools.github.models import Commit, Issue, PullRequest, Repository, User
from tools.github.policy import ClientStats, RetryPolicy
from tools.github.protocol import GitHubSource
from tools.github.ratelimit import RateLimitHeaders, RateLimitStatus

__all__ = [
    "API_URL",
    "API_VERSION",
    "ClientStats",
    "Commit",
    "Deployment",
    "DeploymentStatus",
    "EtagStore",
    "GitHubAuthError",
    "GitHubClient",
    "GitHubError",
    "GitHubNotFound",
    "GitHubSource",
    "GitHubUnavailable",
    "Issue",
    "MemoryEtagStore",
    "PullRequest",
    "RateLimitHeaders",
    "RateLimitStatus",
    "RateLimited",
    "Release",
    "Repository",
    "RetryPolicy",
    "User",
    "WebhookReplayError",
    "WebhookSignatureError",
]
