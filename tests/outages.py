"""Services failing, inside the test process: a Redis nobody answers at, a database that refuses.

For the same outages against real servers under gunicorn, see tests/servers.py.
"""

import socket
from contextlib import contextmanager

from django.db import OperationalError, connection


def unreachable_redis_caches():
    """A ``CACHES`` setting naming a Redis port where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@contextmanager
def database_down():
    """Every query fails as it does when the server is gone (Django's execute wrappers)."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield
