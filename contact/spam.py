"""Spam defences that need no third party: a honeypot, a minimum fill time and a per-IP rate limit.

No reCAPTCHA: it would send patients' requests and behaviour to Google (docs/architecture.md). The rate limit counts
accepted requests only, so a patient who corrects a typo is never blocked.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

FILL_TIME_SALT = "contact.quote-form.started"
# A form left open longer than this is re-issued rather than trusted: a token is not a permanent pass.
FILL_TIME_MAX_AGE = 24 * 60 * 60


def min_fill_seconds():
    return getattr(settings, "QUOTE_MIN_FILL_SECONDS", 3)


def rate_limit():
    return getattr(settings, "QUOTE_RATE_LIMIT", 5)


def rate_limit_window():
    return getattr(settings, "QUOTE_RATE_LIMIT_WINDOW", 60 * 60)


def fill_time_token(started_at=None):
    """A signed timestamp for the form's hidden field: when the patient was shown the form."""
    return signing.dumps(int(started_at if started_at is not None else time.time()), salt=FILL_TIME_SALT)


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
    if not isinstance(started_at, int):
        raise FillTimeError("invalid")
    if now - started_at < min_fill_seconds():
        raise FillTimeError("too_fast")


def client_ip(request):
    """The visitor's address. Behind a proxy, QUOTE_CLIENT_IP_HEADER names the header it sets (e.g. X-Real-IP)."""
    header = getattr(settings, "QUOTE_CLIENT_IP_HEADER", "")
    if header:
        forwarded = request.META.get(header, "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    # Hashed with the secret key: the cache never holds a patient's IP address in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]
    return f"quote-rate:{digest}"


def is_rate_limited(request):
    limit = rate_limit()
    return bool(limit) and (cache.get(_rate_key(request)) or 0) >= limit


def count_accepted_request(request):
    """Called once a request is stored: only accepted requests count against the limit."""
    key = _rate_key(request)
    if cache.add(key, 1, timeout=rate_limit_window()):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate_limit_window())
