"""The Slack bot: slack-bolt behind ``/slack/events`` turning transcripts into runs."""
