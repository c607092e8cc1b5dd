"""`make lighthouse`: Lighthouse (npm) in Debian's Chromium on every page type a patient meets, in every language.

The site runs as in `make bench` (production settings, gunicorn, loopback). Fails unless every category
scores 100, printing the audits that cost points.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PAGES, Server, environment, prepare  # noqa: E402

TOOLS = Path(__file__).resolve().parent
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = "performance,accessibility,best-practices,seo"
# Every page type a patient meets, in every language: the bench's pages plus these.
MORE_PAGES = {
    "condition": {
        "nl": "/nl/androgenetische-alopecia/",
        "fr": "/fr/alopecie-androgenetique/",
        "en": "/en/androgenetic-alopecia/",
    },
    "quote form": {"nl": "/nl/offerte-aanvragen/", "fr": "/fr/demande-de-devis/", "en": "/en/ask-for-a-quote/"},
    # Not for search engines (noindex): Lighthouse's "is crawlable" audit is skipped there, every other one runs.
    "thank-you": {
        "nl": "/nl/offerte-aanvragen/bedankt/",
        "fr": "/fr/demande-de-devis/merci/",
        "en": "/en/ask-for-a-quote/thank-you/",
    },
    "contact": {"nl": "/nl/contact/", "fr": "/fr/contact/", "en": "/en/contact/"},
}


NOT_INDEXED = {"thank-you"}


def audit(url, report_path, attempts=3, skip=()):
    """Scores and the binary audits that cost points. Chromium's start in a fresh profile now and then fails to
    connect (seen twice in a row once): up to three attempts, each failure's last words shown, then it stands."""
    for attempt in range(1, attempts + 1):
        try:
            return _audit(url, report_path, skip)
        except subprocess.CalledProcessError as failure:
            print(f"lighthouse attempt {attempt} on {url} failed: {(failure.stderr or '').strip()[-400:]}")
            if attempt == attempts:
                raise
    return None


def _audit(url, report_path, skip):
    subprocess.run(
        [
            str(TOOLS / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={CATEGORIES}",
            "--output=json",
            *([f"--skip-audits={','.join(skip)}"] if skip else []),
            f"--output-path={report_path}",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=240,
        stderr=subprocess.PIPE,
        text=True,
    )
    report = json.loads(Path(report_path).read_text())
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    losses = [
        f"{name} ({audit.get('displayValue', audit['score'])})"
        for name, audit in report["audits"].items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores, losses


def main():
    workdir = Path(tempfile.mkdtemp(prefix="faceclinic-lighthouse-"))
    failed = False
    try:
        env = environment(workdir)
        # Lighthouse checks the page a patient gets over HTTPS in production; on loopback it is plain HTTP.
        prepare(env)
        with Server(env, page_cache=True) as server:
            for name, paths in {**PAGES, **MORE_PAGES}.items():
                for language, path in paths.items():
                    skip = ["is-crawlable"] if name in NOT_INDEXED else []
                    scores, losses = audit(server.url(path), workdir / f"{name}-{language}.json", skip=skip)
                    print(f"{name:<12}{language:<4}" + "  ".join(f"{key} {value}" for key, value in scores.items()))
                    if any(value < 100 for value in scores.values()):
                        failed = True
                        print("    costs points:", ", ".join(losses) or "(numeric audits)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
