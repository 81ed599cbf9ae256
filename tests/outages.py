"""Services failing, inside the test process: a Redis nobody answers at, a database that refuses.

For the same outages against real servers under gunicorn, see tests/servers.py.
"""

import socket
from contextlib import contextmanager

from django.db import OperationalError, connection

_refusing = None


def refused_port():
    """A port of 127.0.0.1 that refuses connections for as long as this process runs.

    A socket bound and never listening holds it: no other process (another xdist
    worker's server) can be given it, as it could a port bound and closed again.
    """
    global _refusing
    if _refusing is None:
        _refusing = socket.socket()
        _refusing.bind(("127.0.0.1", 0))
    return _refusing.getsockname()[1]


def unreachable_redis_caches():
    """A ``CACHES`` setting naming a Redis port where nothing listens (connections are refused)."""
    port = refused_port()
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
