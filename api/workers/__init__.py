"""Celery executor: app, tasks, outbox dispatcher and relay."""
