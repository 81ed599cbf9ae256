import hashlib
from datetime import timedelta
from itertools import count
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from articles.models import Author, Byline, Section, Story
from tests.workers import worker_name

_numbers = count(1)
# Several checkouts (and CI) may test against one PostgreSQL and one Redis at once;
# what the suite names there carries this checkout's mark.
CHECKOUT = hashlib.sha256(str(Path(__file__).resolve().parents[1]).encode()).hexdigest()[:8]


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (./dev test): a worker per core, except for one file or named tests.

    Workers each start Django and set up a test database; for a test or a file
    that costs more than it saves, so those run in this one process.
    """
    named = [arg for arg in config.args if not arg.startswith("-")]
    if named and (all("::" in arg for arg in named) or (len(named) == 1 and named[0].endswith(".py"))):
        return 0
    return None  # pytest-xdist's own answer: the number of CPUs


@pytest.fixture(scope="session", autouse=True)
def _child_processes_keep_files_in_a_temporary_folder(tmp_path_factory):
    # Processes the tests start (manage.py, gunicorn, celery) read the environment:
    # unless a test names its own, their page cache, uploads and ingest spool are a
    # folder of this worker's, never the checkout's, which every worker shares.
    folder = tmp_path_factory.mktemp("child-processes")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSROOM_CACHE_DIR", str(folder / "page-cache"))
        patch.setenv("MEDIA_ROOT", str(folder / "uploads"))
        patch.setenv("NEWSROOM_INGEST_DIR", str(folder / "ingest"))
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # A test database named after this checkout (and, under xdist, the worker:
    # pytest-django's suffix, _gw0...) keeps them from dropping each other's.
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"].endswith("postgresql"):
            test = database.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{CHECKOUT}"


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    # Uploaded pictures and renditions go to the default storage; never into the checkout.
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def picture(db):
    """A library picture with everything publishing needs: 1600×1000, alt text and credit."""
    from tests.pictures import add_picture

    return add_picture("harbour-at-dawn.jpg", size=(1600, 1000))


@pytest.fixture(autouse=True)
def _public_site_address(settings):
    # Production names its public address; so do the tests, so that absolute
    # links differ from the test client's host. Tests of the unset default clear it.
    settings.NEWSROOM_SITE_URL = "https://news.example.org"


@pytest.fixture(scope="session", autouse=True)
def _redis_keys_of_this_worker():
    # On Redis (CACHE_URL), each xdist worker keeps its keys under a prefix of its own
    # and clears only those (tests/worker_cache.py): parallel tests never see each
    # other's pages. From the session's start, before migrations bump versions.
    from django.conf import settings

    default = settings.CACHES["default"]
    if default["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        yield
        return
    keyed = {
        **default,
        "BACKEND": "tests.worker_cache.WorkerRedisCache",
        "KEY_PREFIX": f"newsroom-test-{CHECKOUT}-{worker_name()}",
    }
    with override_settings(CACHES={**settings.CACHES, "default": keyed}):
        yield
        cache.clear()  # leave nothing behind in the shared Redis database


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    # Each test starts with an empty cache: Redis when CACHE_URL names one (CI's second
    # run), else memory of its own. The default, files in the checkout, is shared by
    # every process: tests/frontend/test_cache_processes.py proves that with processes of its own.
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    # Transactional tests (live server, row locks) flush the database, which
    # gives content types new ids; forget the ids cached by earlier tests.
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def s3_server():
    """The endpoint of an S3 server (moto's) on 127.0.0.1, started for the tests that ask."""
    from tests.servers import ThrowawayS3

    server = ThrowawayS3()
    yield server.endpoint
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A redis-server of this test process's own on 127.0.0.1, started for the tests that ask."""
    import shutil

    from tests.servers import ThrowawayRedis

    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (Debian's redis-server package; .ci/run installs it)")
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The page cache on Redis, as in production: empty, this test's own."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_server.url}
    }
    cache.clear()
    return redis_server


@pytest.fixture
def world(db):
    return Section.objects.create(name="World", slug="world", order=1)


@pytest.fixture
def europe(world):
    return Section.objects.create(name="Europe", slug="europe", order=2, parent=world)


@pytest.fixture
def make_story(world):
    """Build a story; published an hour ago unless told otherwise."""

    def make(headline=None, *, section=None, status=Story.Status.PUBLISHED, hours_ago=1, **fields):
        number = next(_numbers)
        publish_at = fields.pop("publish_at", timezone.now() - timedelta(hours=hours_ago))
        authors = fields.pop("authors", [])
        tags = fields.pop("tags", [])
        story = Story.objects.create(
            headline=headline or f"Story number {number}",
            body=fields.pop("body", f"<p>Body of story {number}.</p>"),
            section=section or world,
            status=status,
            publish_at=publish_at,
            **fields,
        )
        for position, name in enumerate(authors):
            author, _ = Author.objects.get_or_create(
                slug=name.lower().replace(" ", "-"), defaults={"name": name}
            )
            Byline.objects.create(story=story, author=author, position=position)
        if tags:
            story.tags.set(tags)
        return story

    return make


# Editorial personas (articles/roles.py): Rita reports, Otto reports too, Edna
# edits, Sam is a superuser. Groups come from a data migration; sync_roles makes
# them certain even after a transactional test has flushed the database.


def _member_of(role, username):
    from django.contrib.auth.models import Group, Permission, User

    from articles.roles import sync_roles

    sync_roles(Group, Permission)
    user = User.objects.create_user(
        username, f"{username}@example.org", "correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The personas' passwords need not resist cracking; hashing them fast keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reporter(db):
    return _member_of("Reporter", "rita")


@pytest.fixture
def other_reporter(db):
    return _member_of("Reporter", "otto")


@pytest.fixture
def editor(db):
    return _member_of("Editor", "edna")


@pytest.fixture
def superuser(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("sam", "sam@example.org", "correct-horse-battery")
