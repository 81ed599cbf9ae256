"""Reading and parsing import files in a small process pool, while the command saves.

Why: about a third of an import is reading, decoding and parsing files and
converting and sanitising bodies, pure CPU with no database; saving needs the
one database connection. So, for a large run, worker processes parse the next
files while the main process saves the current batch.

Workers only parse: they never touch the database, and they return each file's
items, or the ``InvalidSource`` saying why the file cannot be read, to the main
process, which reports and saves them in file order exactly as without a pool.
Workers are forked (on Linux), so they start with the command's settings and
loaded apps; elsewhere, or when other threads run, they are spawned and set
Django up themselves (settings from the environment). At most a
few chunks of files are in flight, so memory stays flat however many files a
run has. ``NEWSROOM_IMPORT_WORKERS`` (0 or 1: no pool) sets the pool's size.
"""

import multiprocessing
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings

from wire.formats import get_importer
from wire.items import InvalidSource

# Below this many files a pool costs more to start than it saves.
MIN_FILES = 200
CHUNK = 25  # files per task sent to a worker
CHUNKS_AHEAD_PER_WORKER = 4


def parse_file(path, format_name):
    """The items of the file at ``path``, or the ``InvalidSource`` saying why it cannot be read."""
    try:
        return _read_and_parse(path, format_name)
    except InvalidSource as error:
        return error


def parsed_files(paths, format_name, workers):
    """``(path, items or InvalidSource)`` for each path, in order; parsed in ``workers`` processes."""
    if workers < 2 or len(paths) <= MIN_FILES:
        return ((path, parse_file(path, format_name)) for path in paths)
    return _parsed_in_pool(paths, format_name, workers)


def _parsed_in_pool(paths, format_name, workers):
    chunks = iter([paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)])
    pool = ProcessPoolExecutor(workers, **_start_method())
    try:
        in_flight = deque()
        for chunk in chunks:
            in_flight.append((chunk, pool.submit(_parse_chunk, chunk, format_name)))
            if len(in_flight) >= workers * CHUNKS_AHEAD_PER_WORKER:
                break
        while in_flight:
            chunk, future = in_flight.popleft()
            results = future.result()
            following = next(chunks, None)
            if following is not None:
                in_flight.append((following, pool.submit(_parse_chunk, following, format_name)))
            yield from zip(chunk, results, strict=True)
    finally:
        pool.shutdown(cancel_futures=True)


def _parse_chunk(paths, format_name):
    return [parse_file(path, format_name) for path in paths]


def _start_method():
    # Forking a process that runs other threads can deadlock the children.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return {"mp_context": multiprocessing.get_context("fork")}
    return {"mp_context": multiprocessing.get_context("spawn"), "initializer": _setup_django}


def _setup_django():
    import django

    django.setup()


def _read_and_parse(path, format_name):
    if not path.exists():
        raise InvalidSource("no such file or folder")
    if not path.is_file():
        raise InvalidSource("not a regular file")
    size = path.stat().st_size
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    if size > limit:
        raise InvalidSource(f"the file is {size:,} bytes, over the {limit:,}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidSource(f"cannot read the file ({error.strerror})") from None
    if not data.strip():
        raise InvalidSource("the file is empty")
    return get_importer(format_name, str(path), data).parse(data, str(path))
