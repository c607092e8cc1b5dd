"""`make screenshots`: every public page type at phone and desktop width, for a person to look at.

Not a test module (its name does not start with `test_`), so `make test` never collects it; the make target
names the file, and pytest runs a file it is given. It reuses the end-to-end fixtures: the live server with the
clinic's content, Debian's Chromium, and the page catalogue of the accessibility sweep.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.browser import E2E
from tests.e2e.pages import public_pages, visit

pytestmark = E2E

# SCREENSHOTS_DIR puts them elsewhere (e.g. a folder shared with reviewers).
OUTPUT = Path(os.environ.get("SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "screenshots")
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_screenshots(open_page, language):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for width_name, viewport in WIDTHS.items():
        page = open_page(locale=f"{language}-BE", viewport=viewport)
        for public_page in public_pages(language):
            visit(page, public_page)
            # Lazy images below the fold load when scrolled to: load them before the full-page shot.
            for image in page.locator("img[loading=lazy]").all():
                image.scroll_into_view_if_needed()
            page.evaluate("() => Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
            page.screenshot(path=OUTPUT / f"{language}-{public_page.name}-{width_name}.png", full_page=True)
