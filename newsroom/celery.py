"""The Celery app: ``celery -A newsroom worker -B`` runs the ingest tasks (wire/tasks.py).

Configured from Django settings with the ``CELERY_`` prefix. Without ``CELERY_BROKER_URL``,
tasks run in the calling process (``task_always_eager``), so ``./dev demo`` needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
