"""The test suite. DATABASE_URL still picks the database, so CI runs the same suite on PostgreSQL."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the source folders: the suite never runs collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Admin tests sign in with a password; tests/test_two_factor.py turns the second factor on and goes through it.
WAGTAIL_2FA_REQUIRED = False
