"""Spam defences that need no third party: a honeypot, a minimum fill time and a per-IP rate limit.

No reCAPTCHA: it would send patients' requests and behaviour to Google (docs/architecture.md). The rate limit counts
accepted requests only, so a patient who corrects a typo is never blocked.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from core.security import client_ip

FILL_TIME_SALT = "contact.quote-form.started"
# A form left open longer than this is re-issued rather than trusted: a token is not a permanent pass. Two hours
# leave a patient time to think; a bot cannot farm tokens for a day.
FILL_TIME_MAX_AGE = 2 * 60 * 60


def min_fill_seconds():
    return getattr(settings, "QUOTE_MIN_FILL_SECONDS", 3)


def rate_limit():
    return getattr(settings, "QUOTE_RATE_LIMIT", 5)


def rate_limit_window():
    return getattr(settings, "QUOTE_RATE_LIMIT_WINDOW", 60 * 60)


def fill_time_token(started_at=None):
    """A signed timestamp for the form's hidden field: when the patient was shown the form.

    With a random part, so that every form shown has its own token and one accepted request uses it up.
    """
    started_at = int(started_at if started_at is not None else time.time())
    return signing.dumps([started_at, secrets.token_urlsafe(9)], salt=FILL_TIME_SALT)


class FillTimeError(Exception):
    """The token is missing, forged, expired, or the form came back faster than a person can fill it."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def check_fill_time(token, now=None):
    now = now if now is not None else time.time()
    try:
        started_at = signing.loads(token or "", salt=FILL_TIME_SALT, max_age=FILL_TIME_MAX_AGE)
    except signing.SignatureExpired:
        raise FillTimeError("expired") from None
    except signing.BadSignature:
        raise FillTimeError("invalid") from None
    if isinstance(started_at, list) and len(started_at) == 2:
        started_at = started_at[0]
    if not isinstance(started_at, int) or isinstance(started_at, bool):
        raise FillTimeError("invalid")
    if now - started_at < min_fill_seconds():
        raise FillTimeError("too_fast")
    if now - started_at > FILL_TIME_MAX_AGE:
        raise FillTimeError("expired")
    if cache.get(_used_token_key(token)):
        raise FillTimeError("used")


def _used_token_key(token):
    return "quote-token-used:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def use_fill_time_token(token):
    """Called once a request is stored: the same token never sends a second request (shared cache)."""
    cache.set(_used_token_key(token), 1, timeout=FILL_TIME_MAX_AGE + 60)


def _rate_key(request):
    # Hashed with the secret key: the cache never holds a patient's IP address in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]
    return f"quote-rate:{digest}"


def is_rate_limited(request):
    limit = rate_limit()
    return bool(limit) and (cache.get(_rate_key(request)) or 0) >= limit


def take_request_slot(request):
    """Count one accepted request for this address; False when it is over the limit (then nothing is stored).

    Counted before storing, with the cache's atomic increment: concurrent posts from one address, on any
    process or server sharing the cache, cannot all slip under the limit together.
    """
    limit = rate_limit()
    key = _rate_key(request)
    if cache.add(key, 1, timeout=rate_limit_window()):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate_limit_window())
        count = 1
    return not limit or count <= limit
