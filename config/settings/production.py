"""Production: everything that differs between servers comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL). Optional: EMAIL_*, DEFAULT_FROM_EMAIL,
REDIS_URL. The app runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]

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

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
