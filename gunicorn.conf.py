"""gunicorn settings for production: `gunicorn config.wsgi`. The environment overrides each."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Slow clients are the proxy's problem; a stuck request should not hold a worker forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
