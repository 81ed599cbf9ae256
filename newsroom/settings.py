"""Newsroom settings.

Every setting that differs between a laptop and production comes from the
environment, with a safe development default. The helpers below fail loudly on
values they cannot understand rather than guessing.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default, *, minimum=0):
    value = os.environ.get(name, str(default)).strip()
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name, default):
    """A comma-separated list: ``ALLOWED_HOSTS=example.org,www.example.org``."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", "False")

DEVELOPMENT_SECRET_KEY = "django-insecure-newsroom-development-key-do-not-use-in-production"


def secret_key(*, debug):
    """SECRET_KEY from the environment; refuse a guessable one unless DEBUG is on.

    Everything signed (sessions, preview links, password resets) is only as
    secret as this key, and the development key is in the source. `./dev`
    exports a random per-checkout key kept in the ignored file `.secret-key`,
    so the demo and the tests run with DEBUG off, as production does.
    """
    key = os.environ.get("SECRET_KEY", "")
    if debug:
        return key or DEVELOPMENT_SECRET_KEY
    if not key:
        problem = "is not set"
    elif key == DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure-"):
        problem = "is the development key"
    elif len(key) < 50 or len(set(key)) < 5:
        problem = f"is too short or too simple ({len(key)} characters)"
    else:
        return key
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}: with DEBUG off it must be a random string of at least 50 characters, "
        "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )


SECRET_KEY = secret_key(debug=DEBUG)
# Old keys still accepted for signatures made before a rotation (comma-separated).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "csp",
    "axes",
    # The content core first; every app after it depends on it, never the reverse.
    "articles",
    "media",  # the picture library, which stories refer to
    "fronts",  # curated home and section fronts, the breaking-news banner
    "frontend",
    "desk",
    "wire",
    "ops",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers every page carries, set on the way out, above the page cache's hits.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ops.headers.PermissionsPolicyMiddleware",
    # A fresh cached page for a reader is answered here, with no session,
    # CSRF, authentication or messages work, and the CSP headers its view's
    # pages were last given (frontend/caching.py).
    "frontend.caching.CachedPageMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Database unreachable: 503 with Retry-After, the admin's maintenance page (frontend/errors.py).
    "frontend.errors.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontend.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Give up on an unreachable server after a few seconds (the reader gets the
    # 503 page) rather than holding a worker; ?connect_timeout= in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# CACHE_URL (or REDIS_URL) selects Redis, the production cache. Without it the
# cache is files in NEWSROOM_CACHE_DIR: every process of the machine (gunicorn
# workers, runserver, import_stories, a shell) reads and writes the same pages
# and versions, so a change made by any of them is seen by the next request of
# every other. A local-memory cache would be each process's own, and wrong as
# soon as there are two. Why files rather than the database cache: a page
# served from the cache costs no database query (one file for the page, one per
# key it shows, about 0.1 ms together against about 0.15 ms from SQLite's
# table; README, Page cache), and a busy cache never locks the SQLite file
# editors write to.
_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            # A Redis that stops answering costs a request half a second, not a hung
            # worker; the page cache then serves uncached (frontend/safe_cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.caches.CullingFileBasedCache",
            "LOCATION": env_str("NEWSROOM_CACHE_DIR", str(BASE_DIR / ".page-cache")),
            # Pages and the versions of the keys they show (one small file per story
            # shown recently). Past this, a third of the files are dropped at random:
            # a page whose versions went with them is simply rendered again.
            "OPTIONS": {"MAX_ENTRIES": env_int("NEWSROOM_CACHE_MAX_ENTRIES", 20000, minimum=100)},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every account here is a staff account that can publish: 12 characters at least.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# One date and time format across the admin (newsroom/formats/en/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]
# The demo is a US city paper; a newsroom elsewhere sets its own zone.
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures and their renditions. On the filesystem by default (served by
# media/views.py, or by the web server in front); S3_BUCKET moves them to any
# S3-compatible object store (django-storages), with credentials from the usual
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "uploads"))
MEDIA_URL = env_str("MEDIA_URL", "/uploads/")


def media_storage():
    """The default storage's settings, from the environment (tests call it with their own)."""
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
        # Public pictures: plain, cacheable URLs rather than signed ones that expire.
        "querystring_auth": env_bool("S3_SIGNED_URLS", "False"),
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("NEWSROOM_PLAIN_STATIC", "False")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve files straight from the finders when collectstatic has not run (dev, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Only staff have accounts (readers never log in), so every session can publish.
# A session lasts one working shift at most, counted from sign-in, and ends
# when the browser closes, which matters on the shared machines of a newsroom.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", "True")
SESSION_COOKIE_HTTPONLY = True

# BEHIND_TLS_PROXY=true: an HTTPS proxy in front sets X-Forwarded-Proto. Then
# plain HTTP is redirected, browsers are told to use HTTPS only (HSTS) and
# cookies are sent over HTTPS only; each can still be set on its own.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", "False")
_on_behind_tls = "True" if BEHIND_TLS_PROXY else "False"
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _on_behind_tls)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if BEHIND_TLS_PROXY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _on_behind_tls)
# Joining the browsers' preload list is a promise for the whole domain that
# takes months to undo, so it is the operator's choice; security.W021 only
# reminds of that choice and is silenced below.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "False")
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", _on_behind_tls)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts come
# from this site only; no inline script runs unless it carries the response's
# nonce ({{ CSP_NONCE }}); nothing may frame a page. JSON-LD blocks are data,
# which browsers never execute, so CSP does not apply to them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features no page here uses (ops/headers.py sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

# Login throttling (django-axes). Failures are counted in the database, so
# every process sees them. After AXES_FAILURE_LIMIT failures for one account,
# or from one address, further logins there are refused for the cool-off time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "ops.login.lockout_response"
# Behind a proxy every request comes from the proxy's address; ops/login.py
# takes the client's from the X-Forwarded-For entry the proxy itself added.
AXES_CLIENT_IP_CALLABLE = "ops.login.client_address"
# How many proxies in front append to X-Forwarded-For (a CDN and a proxy: 2).
NEWSROOM_PROXY_HOPS = env_int("NEWSROOM_PROXY_HOPS", 1 if BEHIND_TLS_PROXY else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

TAGGIT_CASE_INSENSITIVE = True

# Newsroom's own knobs; read through django.conf.settings where used.
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "The Newsroom Daily")
# The public origin for canonical links, feeds and sitemaps, e.g. https://news.example.org.
# Empty: the address each request came to (ops/checks.py warns about that in production).
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "")
NEWSROOM_STORIES_PER_PAGE = env_int("NEWSROOM_STORIES_PER_PAGE", 20, minimum=1)
# Imported stories that name no known section land here (created if missing).
NEWSROOM_DEFAULT_SECTION = env_str("NEWSROOM_DEFAULT_SECTION", "news")
NEWSROOM_IMPORT_MAX_BYTES = env_int("NEWSROOM_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
# Processes that parse import files while the command saves (0 or 1: none); see
# articles/importers/parallel.py. Default: one per core, at most 4.
NEWSROOM_IMPORT_WORKERS = env_int("NEWSROOM_IMPORT_WORKERS", min(os.cpu_count() or 1, 4))
# How long a shared preview link of an unpublished story stays valid, in seconds.
NEWSROOM_PREVIEW_MAX_AGE = env_int("NEWSROOM_PREVIEW_MAX_AGE", 3 * 24 * 3600, minimum=1)
# Autosaved working copies of stories (desk/autosave.py) untouched this many days are
# deleted by `manage.py clear_old_autosaves` (run it daily, e.g. from cron).
NEWSROOM_AUTOSAVE_KEEP_DAYS = env_int("NEWSROOM_AUTOSAVE_KEEP_DAYS", 30, minimum=1)
# Anonymous public pages are cached this long at most (0 turns the page cache off);
# see frontend/caching.py for what keeps cached pages honest.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 60)
# Pages whose every part is forgotten by the keys of what changed (articles; see
# frontend/caching.py; "More on this" too: articles/suggestions.py) are kept this long
# at most. Browsers and CDNs are told the shorter lifetime above.
NEWSROOM_TRACKED_PAGE_CACHE_SECONDS = env_int("NEWSROOM_TRACKED_PAGE_CACHE_SECONDS", 3600)
# An article's own parts (frontend/article_parts.py) are kept this long at most while
# nothing they show changes, whether or not the page is cached (0 turns it off).
NEWSROOM_ARTICLE_PARTS_SECONDS = env_int("NEWSROOM_ARTICLE_PARTS_SECONDS", 3600, minimum=0)
# ...pages are kept this much longer, to be served when the database is down (stale-if-error).
NEWSROOM_PAGE_STALE_SECONDS = env_int("NEWSROOM_PAGE_STALE_SECONDS", 3600)
# Each process keeps the cached pages it served lately in memory, up to this many bytes,
# and answers them from there while the shared cache says they are current
# (frontend/hot_pages.py; 0 turns it off).
NEWSROOM_HOT_PAGES_BYTES = env_int("NEWSROOM_HOT_PAGES_BYTES", 32 * 1024 * 1024, minimum=0)
# A change touching more lists of one kind (topics, authors, sections) than this bumps
# one key for them all (frontend/cache_keys.py): one cache write instead of hundreds.
NEWSROOM_PAGE_CACHE_COARSE_AFTER = env_int("NEWSROOM_PAGE_CACHE_COARSE_AFTER", 100)
# How often a live story's page first asks for new updates (static/js/live.js backs off from there).
NEWSROOM_LIVE_POLL_SECONDS = env_int("NEWSROOM_LIVE_POLL_SECONDS", 20, minimum=1)
# Where the page cache's keys are sent to be purged from a CDN (frontend/purge.py):
# frontend.purge.NoPurge (nothing in front keeps pages longer than max-age) or
# frontend.purge.HttpPurge (PURGE to NEWSROOM_CDN_PURGE_URL with a Surrogate-Key header).
NEWSROOM_CDN_PURGE_BACKEND = env_str("NEWSROOM_CDN_PURGE_BACKEND", "frontend.purge.NoPurge")
NEWSROOM_CDN_PURGE_URL = env_str("NEWSROOM_CDN_PURGE_URL", "")
NEWSROOM_CDN_PURGE_METHOD = env_str("NEWSROOM_CDN_PURGE_METHOD", "PURGE")
NEWSROOM_CDN_PURGE_TIMEOUT = env_int("NEWSROOM_CDN_PURGE_TIMEOUT", 2, minimum=1)
# One story's body, after conversion to HTML; a larger one is refused on its own.
NEWSROOM_IMPORT_MAX_ITEM_BYTES = env_int("NEWSROOM_IMPORT_MAX_ITEM_BYTES", 2 * 1024 * 1024, minimum=1)
# The system account imports act as (wire/accounts.py): its role decides what an import may do.
NEWSROOM_WIRE_USERNAME = env_str("NEWSROOM_WIRE_USERNAME", "wire")
# The read API's answers are cached (by a CDN, a client) this long at most; see api/responses.py.
NEWSROOM_API_CACHE_SECONDS = env_int("NEWSROOM_API_CACHE_SECONDS", 60)

# Ingest sources (wire/ingest): where delivered files are kept, and the limits of a feed fetch.
NEWSROOM_INGEST_DIR = env_str("NEWSROOM_INGEST_DIR", str(BASE_DIR / "var" / "ingest"))
NEWSROOM_INGEST_TIMEOUT = env_int("NEWSROOM_INGEST_TIMEOUT", 20, minimum=1)
NEWSROOM_INGEST_MAX_BYTES = env_int("NEWSROOM_INGEST_MAX_BYTES", 5 * 1024 * 1024, minimum=1)

# Celery (newsroom/celery.py). With no broker, tasks run in the calling process, so the
# two-command quick start works without Redis; production sets CELERY_BROKER_URL=redis://…
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis keeps a task a worker took until the worker acknowledges it: if the worker dies
# (killed, machine lost), the task is delivered again this many seconds after it was taken.
# Longer than the slowest import, since a task still running then runs twice (harmless, as
# imports are idempotent, but wasted); swept for every tenth of it, at most every 10 s. A
# worker killed during a sweep leaves the sweep's lock in Redis until it expires: no longer
# than the timeout itself, so the next worker's sweep is not held up for five minutes.
_redelivery = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _redelivery,
    "unacked_restore_interval": max(1, min(10, _redelivery // 10)),
    "unacked_restore_throttle": 1,
    "unacked_mutex_expire": min(300, _redelivery),
}
CELERY_BEAT_SCHEDULE = {
    "poll-due-sources": {"task": "wire.tasks.poll_due_sources", "schedule": 60.0},
}

# Uploaded pictures (media/uploads.py): the largest file, and the most pixels, accepted.
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 25 * 1024 * 1024, minimum=1)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 60_000_000, minimum=1)
# Hosts imports may fetch an item's remote pictures from (wire/pictures.py), exact names,
# comma-separated; empty: remote pictures are reported in the summary and never fetched.
NEWSROOM_WIRE_PICTURE_HOSTS = [host.lower() for host in env_list("NEWSROOM_WIRE_PICTURE_HOSTS", "")]
NEWSROOM_WIRE_PICTURE_TIMEOUT = env_int("NEWSROOM_WIRE_PICTURE_TIMEOUT", 10, minimum=1)


def env_levels(name, default=""):
    """``check=level`` pairs, comma-separated: ``NEWSROOM_PUBLISH_CHECKLIST=standfirst=block,byline=warn``."""
    levels = {}
    for pair in env_list(name, default):
        key, sep, level = pair.partition("=")
        if not sep:
            raise ImproperlyConfigured(f"{name} takes check=level pairs separated by commas, not {pair!r}.")
        levels[key.strip()] = level.strip().lower()
    return levels


# What the publish checklist (articles/checklist.py) does with each check: block, warn or off.
# Unset checks keep their defaults: headline, body and internal_links block; byline,
# standfirst and seo_headline warn (wire copy often has neither standfirst nor byline).
NEWSROOM_PUBLISH_CHECKLIST = env_levels("NEWSROOM_PUBLISH_CHECKLIST")
