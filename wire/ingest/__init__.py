"""Continuous ingest: sources (feeds polled, folders watched, pushes received) whose files are
spooled and handed to ``wire.pipeline.run_import`` by Celery tasks (wire/tasks.py)."""
