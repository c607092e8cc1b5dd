"""Production: everything that differs between servers comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), REDIS_URL (one cache shared by every process and
server). Optional: EMAIL_*, DEFAULT_FROM_EMAIL, the AWS_* names for media on S3, SENTRY_DSN. The app runs behind
a TLS-terminating proxy that sets X-Forwarded-Proto.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from core.error_reporting import init_sentry

from .base import *  # noqa: F403


def required(name, why):
    """Refuse to start, naming the variable, rather than fall back to a default that only works on one machine."""
    if not os.environ.get(name):
        raise ImproperlyConfigured(f"{name} must be set in the environment for production: {why}.")
    return os.environ[name]


SECRET_KEY = required("SECRET_KEY", "it signs sessions, CSRF tokens and password resets")
# Without it Django would quietly use a local SQLite file: each app server its own database.
required("DATABASE_URL", "the PostgreSQL database, e.g. postgres://user:password@host:5432/name")
# Without it each process would keep its own cache: a publish, the quote limit and the login lockout would
# reach only the process that saw them.
required("REDIS_URL", "the cache every process and server shares, e.g. redis://host:6379/0")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind the TLS-terminating proxy: without a count every patient would share the proxy's address for the quote
# limit and the login lockout. Set TRUSTED_PROXY_COUNT to the real number of proxies (a CDN in front adds one).
TRUSTED_PROXY_COUNT = XFF_TRUSTED_PROXY_DEPTH = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# (nosniff, Referrer-Policy, X-Frame-Options, HttpOnly and SameSite cookies, CSP: base.py, the same everywhere.)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
if SECURE_SSL_REDIRECT:
    # Served over HTTPS only: browsers fetch every sub-resource over HTTPS too. (Not when make bench or
    # make lighthouse serve production settings over plain HTTP on loopback, with SECURE_SSL_REDIRECT=false.)
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,  # noqa: F405
        "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},  # noqa: F405
    }

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A real queue: a quote request's e-mails are sent by `manage.py db_worker`, retried, never lost.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Optional error reporting (SENTRY_DSN), scrubbed of patient data: core/error_reporting.py.
SENTRY_ENABLED = init_sentry()

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
