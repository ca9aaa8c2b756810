"""Slack use cases: turn a mention, DM, slash command or upload into one run, or one help reply.

Slack redelivers an event it thinks we missed (``X-Slack-Retry-Num``) and may send the same
message as both ``app_mention`` and ``message``. Each trigger has a dedupe key — the message
(team, channel, ts), the file (team, channel, file id) or the command's ``trigger_id`` — claimed in
``slack_requests`` in the same transaction that creates the run, so a repeat starts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.runs.schemas import RunOut
from api.slack import summary
from api.slack.text import file_is_text, message_text, transcript_in
from devbizops.db import Database
from devbizops.logging import get_logger
from devbizops.settings import Settings
from graphs.techtranslator.state import TranslatorRequest
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from memory.repositories.runs import RunRepository
from memory.repositories.slack import SlackRequestRepository
from tools.slack import SlackApi, SlackError

log = get_logger(__name__)
GRAPH_ID = "techtranslator"
MAX_FILE_BYTES = 5 * 1024 * 1024
UNREADABLE = "Sorry, I could only read text files (UTF-8) as transcripts."


@dataclass(frozen=True)
class Trigger:
    """One thing a person did in Slack, answered once: where to reply and who asked."""

    dedupe_key: str
    channel: str
    thread_ts: str | None
    user: str

    @property
    def actor(self) -> str:
        return f"slack:{self.user}"


def message_key(team: str, channel: str, ts: str) -> str:
    return f"msg:{team}:{channel}:{ts}"


def file_key(team: str, channel: str, file_id: str) -> str:
    return f"file:{team}:{channel}:{file_id}"


def command_key(trigger_id: str) -> str:
    return f"cmd:{trigger_id}"


class SlackService:
    def __init__(self, settings: Settings, db: Database, api: SlackApi) -> None:
        self.settings = settings
        self.db = db
        self.api = api
        self.org = settings.slack_org or settings.org

    def handle_text(
        self,
        trigger: Trigger,
        text: str,
        *,
        thread_of: str | None = None,
        bot_user_id: str | None = None,
    ) -> RunOut | None:
        """A run for a transcript, else a polite help reply; None when nothing new started.

        A mention inside a thread (``thread_of``: the thread's ts) without a transcript of its
        own translates the message that started the thread: paste the call, then ask for it.
        """
        transcript = transcript_in(text)
        if transcript is None and thread_of is not None and not self.seen(trigger.dedupe_key):
            transcript = self._thread_transcript(trigger.channel, thread_of, bot_user_id)
        if transcript is None:
            self.reply_once(trigger, summary.HELP)
            return None
        return self.translate(trigger, transcript)

    def _thread_transcript(
        self, channel: str, thread_ts: str, bot_user_id: str | None
    ) -> str | None:
        try:
            start = self.api.thread_start(channel, thread_ts)
        except SlackError as exc:  # e.g. the app lacks the history scope: answer with help
            log.warning("slack.thread_unreadable", channel=channel, error=exc.message)
            return None
        return transcript_in(message_text(start, bot_user_id))

    def handle_file(self, team: str, channel: str, file_id: str, user: str) -> RunOut | None:
        """A run for an uploaded transcript file; other uploads (images, PDFs) are left alone."""
        key = file_key(team, channel, file_id)
        if self.seen(key):
            return None  # a redelivery: do not download again
        file = self.api.file_info(file_id)
        if not file_is_text(file.name, file.mimetype, file.filetype):
            return None
        trigger = Trigger(key, channel, file.share_ts(channel), user)
        try:
            content = self.api.download(file, max_bytes=MAX_FILE_BYTES).decode("utf-8-sig")
        except UnicodeDecodeError:
            self.reply_once(trigger, UNREADABLE)
            return None
        return self.handle_text(trigger, content)

    def translate(self, trigger: Trigger, transcript: str) -> RunOut | None:
        """Claim the trigger and create its queued run together; None when claimed before."""
        payload = TranslatorRequest(transcript=transcript).model_dump(
            mode="json", exclude_none=True
        )
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(self.org)
            requests = SlackRequestRepository(session)
            if not requests.claim(trigger.dedupe_key, org_id, trigger.channel, trigger.thread_ts):
                return None
            runs = RunRepository(session)
            run, _ = runs.create(
                org_id,
                GRAPH_ID,
                payload,
                idempotency_key=f"slack:{trigger.dedupe_key}",
                created_by=trigger.actor,
            )
            runs.add_event(run.id, "run.created", {"graph_id": GRAPH_ID, "source": "slack"})
            requests.attach(trigger.dedupe_key, run.id)
            AuditRepository(session).record(
                org_id,
                trigger.actor,
                "run.create",
                target=GRAPH_ID,
                run_id=run.id,
                details={"source": "slack", "channel": trigger.channel},
            )
            return RunOut.model_validate(run)

    def reply_once(self, trigger: Trigger, text: str) -> bool:
        """Post ``text`` for a trigger not answered before; False when it was.

        The claim and the post share a transaction: if Slack refuses the post, the claim rolls
        back and Slack's retry of the event gets another chance.
        """
        with self.db.transaction() as session:
            org_id = OrgRepository(session).ensure(self.org)
            requests = SlackRequestRepository(session)
            if not requests.claim(trigger.dedupe_key, org_id, trigger.channel, trigger.thread_ts):
                return False
            self.api.post_message(trigger.channel, text, thread_ts=trigger.thread_ts)
            requests.mark_replied(trigger.dedupe_key)
            return True

    def seen(self, dedupe_key: str) -> bool:
        with self.db.transaction() as session:
            return SlackRequestRepository(session).get(dedupe_key) is not None
