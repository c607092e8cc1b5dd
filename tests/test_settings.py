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
