"""Production takes its secrets from the environment and refuses to start without them."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_check(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
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


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        {"SECRET_KEY": "x" * 64 + "-not-a-real-secret-but-long-and-varied-0123456789", "ALLOWED_HOSTS": "example.be"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )

    assert result.returncode == 0, result.stderr
