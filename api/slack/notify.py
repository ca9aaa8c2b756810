"""The finish hook that answers in Slack: a stopped run's requirements, posted once per request.

Register an instance on ``RunService.hooks``; the service calls it with every run that stops
(succeeded, failed, cancelled or interrupted). Runs that did not come from Slack have no
``slack_requests`` row and are ignored.
"""

from __future__ import annotations

from api.runs.schemas import RunOut
from api.slack import summary
from devbizops.db import Database
from devbizops.logging import get_logger
from devbizops.settings import Settings
from memory.models import STOPPED_STATUSES
from memory.repositories.slack import SlackRequestRepository
from tools.slack import SlackApi, SlackWebApi, web_client

log = get_logger(__name__)


class SlackNotifier:
    """``SlackNotifier(settings, db)(run)`` posts the run's summary in its Slack thread."""

    def __init__(self, settings: Settings, db: Database, api: SlackApi | None = None) -> None:
        self.settings = settings
        self.db = db
        self._api = api

    def __call__(self, run: RunOut) -> None:
        if run.status not in STOPPED_STATUSES:
            return
        # The rows stay locked until the post is recorded: a second notifier of the same run
        # waits, then finds them replied. A failed post rolls back and leaves them for a retry.
        with self.db.transaction() as session:
            requests = SlackRequestRepository(session)
            pending = requests.unreplied_for_run(run.id)
            if not pending:
                return
            api = self._client()
            if api is None:
                log.warning("slack.no_bot_token", run_id=str(run.id))
                return
            text = summary.reply(run, self.settings.public_url)
            for request in pending:
                api.post_message(request.channel, text, thread_ts=request.thread_ts)
                requests.mark_replied(request.dedupe_key)
            log.info("slack.replied", run_id=str(run.id), status=run.status)

    def _client(self) -> SlackApi | None:
        if self._api is None and self.settings.slack_bot_token is not None:
            token = self.settings.slack_bot_token.get_secret_value()
            self._api = SlackWebApi(web_client(self.settings.slack_api_url, token))
        return self._api
