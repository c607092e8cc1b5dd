"""Debian's Chromium for the end-to-end tests (design.md: no browser download works here), and axe-core."""

import os
import shutil

import pytest

# design.md, "Browser tests": the arguments that make Debian's Chromium start quietly in a container.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path():
    """CHROMIUM overrides; otherwise Debian's package."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def chromium_available():
    path = chromium_path()
    return os.path.isfile(path) and os.access(path, os.X_OK)


# Every end-to-end module: marked, skipped with the reason when there is no browser, and transactional with the
# clinic content restored before each test (see conftest.py).
E2E = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not chromium_available(),
        reason=f"Chromium not found at {chromium_path()}: apt-get install chromium (or set CHROMIUM)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one readable line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) {node['target']}: {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]
