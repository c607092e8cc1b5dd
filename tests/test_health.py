"""The load balancer's health check: the app server answers 200 only while its database and its cache answer."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_healthy_server_says_so_to_the_load_balancer_by_any_address_over_plain_http(settings):
    settings.SECURE_SSL_REDIRECT = True  # production's

    response = Client(HTTP_HOST="10.0.0.12:8000").get("/health/")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_a_server_that_lost_its_cache_is_taken_out_of_the_pool(settings):
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache_backends.PrefixedRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        },
    }
    caches["default"]  # noqa: B018 - the new configuration in use

    response = Client().get("/health/")

    assert response.status_code == 503
    assert json.loads(response.content)["cache"] == "failing"


def test_a_server_that_lost_its_database_is_taken_out_of_the_pool(monkeypatch):
    from core import health

    def refused():
        raise health.connections["default"].Database.OperationalError("connection refused")

    monkeypatch.setattr(health.connections["default"], "cursor", refused)

    response = Client().get("/health/")

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "failing"
