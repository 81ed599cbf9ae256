# The Celery app is loaded with Django, so @shared_task uses it (newsroom/celery.py).
from newsroom.celery import app as celery_app

__all__ = ["celery_app"]
