"""Which pytest-xdist worker this process is, for what each worker needs a copy of.

`./dev test` runs the suite in several worker processes at once (gw0, gw1, ...);
anything they would otherwise share (a Redis database, a port, a folder) is
told apart by the worker's name or number. Without xdist the process is worker 0.
"""

import os


def worker_name():
    return os.environ.get("PYTEST_XDIST_WORKER", "gw0")


def worker_number():
    return int(worker_name().removeprefix("gw"))
