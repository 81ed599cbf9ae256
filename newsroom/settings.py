"""Newsroom settings.

Every setting that differs between a laptop and production comes from the
environment, with a safe development default. The helpers below fail loudly on
values they cannot understand rather than guessing.
"""

import os
from pathlib import Path

import dj_database_url
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

# The fallback is for a laptop only; its "django-insecure-" prefix makes
# `manage.py check --deploy` flag it, and README's "Deploying" says to set it.
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-newsroom-development-key-do-not-use-in-production"
)

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
    # The content core first; every app after it depends on it, never the reverse.
    "articles",
    "media",  # the picture library, which stories refer to
    "frontend",
    "desk",
    "wire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# CACHE_URL (or REDIS_URL) selects Redis; without it each process keeps a
# small local-memory cache, which is fine on one machine.
_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", "False")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

TAGGIT_CASE_INSENSITIVE = True

# Newsroom's own knobs; read through django.conf.settings where used.
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "The Newsroom Daily")
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
NEWSROOM_STORIES_PER_PAGE = env_int("NEWSROOM_STORIES_PER_PAGE", 20, minimum=1)
# Imported stories that name no known section land here (created if missing).
NEWSROOM_DEFAULT_SECTION = env_str("NEWSROOM_DEFAULT_SECTION", "news")
NEWSROOM_IMPORT_MAX_BYTES = env_int("NEWSROOM_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
# Processes that parse import files while the command saves (0 or 1: none); see
# articles/importers/parallel.py. Default: one per core, at most 4.
NEWSROOM_IMPORT_WORKERS = env_int("NEWSROOM_IMPORT_WORKERS", min(os.cpu_count() or 1, 4))
# How long a shared preview link of an unpublished story stays valid, in seconds.
NEWSROOM_PREVIEW_MAX_AGE = env_int("NEWSROOM_PREVIEW_MAX_AGE", 3 * 24 * 3600, minimum=1)
# Anonymous public pages are cached this long at most (0 turns the page cache off);
# see frontend/caching.py for what keeps cached pages honest.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 60)
# One story's body, after conversion to HTML; a larger one is refused on its own.
NEWSROOM_IMPORT_MAX_ITEM_BYTES = env_int("NEWSROOM_IMPORT_MAX_ITEM_BYTES", 2 * 1024 * 1024, minimum=1)
# The system account imports act as (wire/accounts.py): its role decides what an import may do.
NEWSROOM_WIRE_USERNAME = env_str("NEWSROOM_WIRE_USERNAME", "wire")
# Uploaded pictures (media/uploads.py): the largest file, and the most pixels, accepted.
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 25 * 1024 * 1024, minimum=1)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 60_000_000, minimum=1)
