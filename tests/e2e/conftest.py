"""Fixtures for the end-to-end tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

The live server needs committed data, so these tests are transactional, and pytest-django empties the database
after each of them. They declare `serialized_rollback`, and Django restores a snapshot before each test. The
snapshot is taken here, after the session fixture loaded the clinic's content, so every browser test starts from
the site patients get without re-running the content loader (and its translation imports) each time.
"""

import os
from contextlib import contextmanager

import pytest
from django.db import connections

from tests.e2e.browser import LAUNCH_ARGS, chromium_path

# Playwright's sync API keeps an asyncio loop running in the test's thread; Django refuses ORM calls from such a
# thread unless DJANGO_ALLOW_ASYNC_UNSAFE says this is deliberate. Only these tests' own setup and assertions use
# the ORM there. Set for them alone (these hooks see only the items under this folder): in the environment of the
# whole session it would reach other tests' subprocesses, e.g. the production deploy check, which warns about it.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@contextmanager
def async_unsafe_allowed():
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    os.environ[ASYNC_UNSAFE] = "true"
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        os.environ.pop(ASYNC_UNSAFE, None)


@pytest.fixture(scope="session")
def browser(django_db_blocker):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
        # With Playwright's loop running, Django keeps this thread's connections apart from the ones it opened
        # before (asgiref's Local follows the async context). Close them, or PostgreSQL refuses to drop the test
        # database while they are open. This runs at the end of the session, after the last test of any kind.
        with django_db_blocker.unblock(), async_unsafe_allowed():
            connections.close_all()


@pytest.fixture(scope="session")
def clinic_content_snapshot(browser, django_db_setup, django_db_blocker):
    """The database with the clinic content in it, serialized for pytest-django's serialized rollback.

    Taken once, before the first end-to-end test restores it (session fixtures are set up before the
    function-scoped database fixture), on the connections this thread uses once the browser runs.
    """
    with django_db_blocker.unblock():
        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def site(clinic_content_snapshot, live_server, settings):
    """The live server's address. The clinic content is there; the quote form accepts a script's speed."""
    from home.models import HomePage

    # The quote form refuses answers sent within QUOTE_MIN_FILL_SECONDS of showing it; a script types fast.
    settings.QUOTE_MIN_FILL_SECONDS = 0
    assert HomePage.objects.live().count() == 3, "the clinic content was not restored"
    return live_server.url


@pytest.fixture
def open_page(browser, site):
    """open_page(locale=..., **context options): a page in a fresh browser context (no cookies, no session)."""
    contexts = []

    def open_page(locale="en-GB", **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale=locale, base_url=site, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
