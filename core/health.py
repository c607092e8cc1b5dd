"""`/health/` for the load balancer: 200 when this server can reach its database and its cache, 503 otherwise.

Answered before every other middleware: the balancer probes over plain HTTP by the server's own address, which
the HTTPS redirect and the ALLOWED_HOSTS check would otherwise refuse; and the answer is never cached.
"""

import json
import logging
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health/"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        checks = {"database": _database_answers(), "cache": _cache_answers()}
        healthy = all(checks.values())
        body = json.dumps(
            {"status": "ok" if healthy else "failing", **{k: "ok" if v else "failing" for k, v in checks.items()}}
        )
        response = HttpResponse(body, status=200 if healthy else 503, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response


def _database_answers():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer.")
        return False


def _cache_answers():
    """A write and a read in the shared cache. django-redis is set to ignore outages (the site keeps serving
    uncached), so only reading back what was written tells whether Redis is there."""
    cache, token = caches["default"], uuid.uuid4().hex
    try:
        cache.set("health-check", token, 30)
        return cache.get("health-check") == token
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        return False
