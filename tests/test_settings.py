"""Production takes its secrets from the environment and refuses to start without them."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_check(env_overrides, *args):
    unset = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=config.settings.production", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_shell(env_overrides, script):
    unset = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SENTRY_DSN"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--settings=config.settings.production", "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check({})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


SECRET = "x" * 64 + "-not-a-real-secret-but-long-and-varied-0123456789"
SERVICES = {"DATABASE_URL": "postgres://clinic@db.example.be/clinic", "REDIS_URL": "redis://cache.example.be:6379/0"}


def test_production_refuses_to_start_without_a_database_url_rather_than_fall_back_to_sqlite():
    result = run_check({"SECRET_KEY": SECRET, "REDIS_URL": SERVICES["REDIS_URL"]})

    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_production_refuses_to_start_without_redis_rather_than_keep_a_cache_per_process():
    result = run_check({"SECRET_KEY": SECRET, "DATABASE_URL": SERVICES["DATABASE_URL"]})

    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "example.be", **SERVICES},
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stderr


def test_errors_go_to_sentry_only_with_a_dsn_and_without_patient_data():
    script = (
        "import sentry_sdk; from django.conf import settings\n"
        "options = sentry_sdk.get_client().options\n"
        "print(settings.SENTRY_ENABLED, options.get('send_default_pii'), options.get('max_request_body_size'),"
        " options.get('include_local_variables'), getattr(options.get('before_send'), '__name__', None))\n"
    )
    env = {"SECRET_KEY": SECRET, **SERVICES}
    with_dsn = run_shell({**env, "SENTRY_DSN": "http://public@127.0.0.1:9/1"}, script)
    without = run_shell(env, script)

    assert with_dsn.stdout.splitlines()[-1].split() == ["True", "False", "never", "False", "scrub"], with_dsn.stderr
    assert without.stdout.splitlines()[-1].split()[0] == "False"


def test_an_error_report_keeps_no_patient_data():
    from core.error_reporting import scrub

    event = {
        "request": {
            "url": "https://www.faceclinic.be/fr/demande-de-devis/?email=camille@example.be",
            "method": "POST",
            "data": {"name": "Camille Dubois", "message": "Alopécie depuis deux ans"},
            "cookies": {"sessionid": "abc"},
            "query_string": "email=camille@example.be",
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Firefox", "X-Forwarded-For": "198.51.100.4"},
        },
        "user": {"email": "frontdesk@faceclinic.be", "ip_address": "198.51.100.4"},
        "exception": {"values": [{"stacktrace": {"frames": [{"function": "serve", "vars": {"email": "c@e.be"}}]}}]},
        "breadcrumbs": {"values": [{"category": "query", "message": "INSERT … Camille"}]},
    }

    scrubbed = str(scrub(event))

    for secret in ("Camille", "camille@", "Alopécie", "sessionid", "198.51.100.4", "frontdesk@", "c@e.be"):
        assert secret not in scrubbed
    assert "https://www.faceclinic.be/fr/demande-de-devis/" in scrubbed and "serve" in scrubbed
