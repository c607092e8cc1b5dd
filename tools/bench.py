"""`make bench`: the site under production settings and gunicorn (2 workers) on loopback, measured.

For home, a treatment page, the FAQ page and the quote form page in each language it prints requests per
second and p50/p99 latency with the page cache on and off, each as a ratio to a static file served by the
same server just before; SQL queries of an uncached render, and the queries and time of the first render
after a publish (every cache emptied); compressed HTML, CSS and JS bytes.
It uses wrk when installed (Debian's), a bounded Python load generator otherwise, and stops all it started.
"""

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
PAGES = {
    "home": {"nl": "/nl/", "fr": "/fr/", "en": "/en/"},
    "treatment": {
        "nl": "/nl/behandelingen/prp-bij-haaruitval/",
        "fr": "/fr/traitements/prp-chute-de-cheveux/",
        "en": "/en/treatments/prp-hair-loss/",
    },
    "faq": {"nl": "/nl/veelgestelde-vragen/", "fr": "/fr/questions-frequentes/", "en": "/en/faq/"},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir):
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    # Production needs Redis; the run's keys live under a prefix of its own, deleted at the end (forget_cache).
    env.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
    env["CACHE_KEY_PREFIX"] = f"bench-{workdir.name}"
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SERVE_MEDIA": "true",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def forget_cache(env):
    """Delete this run's keys, and only those, from the shared Redis database."""
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}-*", count=1000):
        client.delete(key)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_clinic_content", "--if-empty")
    manage(env, "collectstatic", "--noinput")


class Server:
    """gunicorn with the production settings; stopped on exit whatever happens."""

    def __init__(self, env, page_cache):
        self.port = free_port()
        self.env = {**env, "PAGE_CACHE": "on" if page_cache else "off"}

    def __enter__(self):
        command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*command, "--access-logfile", "/dev/null"],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                urllib.request.urlopen(self.url("/robots.txt"), timeout=1)  # noqa: S310 - loopback only
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def load(url, seconds=None):
    """(requests per second, p50 ms, p99 ms) of `url` over `seconds` (SECONDS) with CONNECTIONS connections."""
    seconds = seconds or SECONDS
    if shutil.which("wrk"):
        return load_with_wrk(url, seconds)
    return load_with_python(url, seconds)


def paired_load(static_url, page_url):
    """The static file and the page, measured in turn ROUNDS times for SECONDS / ROUNDS each; the median of each.

    A shared machine's speed drifts by a third within a minute (seen here): a ratio of two runs far apart
    measured the machine. Alternating short runs and taking medians measures the page."""
    statics, pages = [], []
    for _ in range(ROUNDS):
        statics.append(load(static_url, SECONDS / ROUNDS))
        pages.append(load(page_url, SECONDS / ROUNDS))
    return median_run(statics), median_run(pages)


def median_run(runs):
    return sorted(runs)[len(runs) // 2]


def load_with_wrk(url, seconds):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, wrk_latency(output, "50%"), wrk_latency(output, "99%")


def wrk_latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def load_with_python(url, seconds):
    latencies, deadline, lock = [], time.monotonic() + seconds, threading.Lock()

    def worker():
        while time.monotonic() < deadline:
            start = time.monotonic()
            urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 - loopback only
            with lock:
                latencies.append((time.monotonic() - start) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return len(latencies) / seconds, latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99)]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode()


def page_weight(server, path):
    """Compressed bytes of the page's HTML (gzip, as the proxy would send it) and of its CSS and JS."""
    page = fetch(server.url(path))
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)
    asset_bytes = sum(len(gzip.compress(fetch(server.url(asset)).encode())) for asset in assets)
    return len(gzip.compress(page.encode())), asset_bytes


def render_costs(env, urls):
    """Per URL, in-process without the response cache: SQL queries of a render on a running server (routes,
    menus and the page's main content kept); queries and median milliseconds of the first render after that
    page's content was published (what core/cache.py forgets then: the page, its translations, its parent and the
    pages referring to it); and after a change of the chrome (a title, a menu, a setting), when the whole "pages"
    cache is empty and everything is read again."""
    script = (
        "import json, statistics, sys, time, django; django.setup()\n"
        "from django.core.cache import caches\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from wagtail.models import Page\n"
        "from core.cache import forget_pages, pages_showing\n"
        "client, costs = Client(HTTP_HOST='127.0.0.1'), {}\n"
        "by_url = {page.get_url(): page for page in Page.objects.live().defer_streamfields()}\n"
        "def first_render(url, purge):\n"
        "    queries, timings = 0, []\n"
        "    for _ in range(15):\n"
        "        purge()\n"
        "        start = time.perf_counter()\n"
        "        with CaptureQueriesContext(connection) as cold:\n"
        "            client.get(url)\n"
        "        timings.append((time.perf_counter() - start) * 1000)\n"
        "        queries = len(cold)\n"
        "    return [queries, statistics.median(timings)]\n"
        "for url in json.loads(sys.argv[1]):\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as warm:\n"
        "        client.get(url)\n"
        "    showing = pages_showing(by_url[url])\n"
        "    published = first_render(url, lambda: forget_pages(showing))\n"
        "    chrome = first_render(url, caches['pages'].clear)\n"
        "    costs[url] = [len(warm), *published, *chrome]\n"
        "print(json.dumps(costs))\n"
    )
    output = subprocess.run(
        [PYTHON, "-c", script, json.dumps(urls)],
        cwd=REPO,
        env={**env, "PAGE_CACHE": "off"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def quote_form_paths(env):
    script = (
        "import django, json; django.setup()\n"
        "from django.utils import translation\n"
        "from wagtail.models import Site\n"
        "from home.models import ClinicSettings\n"
        "page = ClinicSettings.for_site(Site.objects.get(is_default_site=True)).quote_page\n"
        "paths = {}\n"
        "for code in ('nl', 'fr', 'en'):\n"
        "    with translation.override(code):\n"
        "        paths[code] = page.localized.url if page else None\n"
        "print(json.dumps(paths))\n"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True
    ).stdout
    paths = json.loads(output.strip().splitlines()[-1])
    return paths if all(paths.values()) else None


def main():
    workdir = Path(tempfile.mkdtemp(prefix="faceclinic-bench-"))
    env = environment(workdir)
    try:
        prepare(env)
        pages = dict(PAGES)
        quote = quote_form_paths(env)
        if quote:
            pages["quote form"] = quote
        urls = [path for paths in pages.values() for path in paths.values()]
        costs = render_costs(env, urls)
        results = {}
        for page_cache in (True, False):
            with Server(env, page_cache) as server:
                css = re.search(r'href="(/static/css/[^"]+\.css)"', fetch(server.url("/en/"))).group(1)
                for path in urls:
                    fetch(server.url(path))  # renditions and caches warm, as on a running site
                for path in urls:
                    results[("static", path, page_cache)], results[(path, page_cache)] = paired_load(
                        server.url(css), server.url(path)
                    )
                if page_cache:
                    weights = {path: page_weight(server, path) for path in urls}
        report(pages, results, costs, weights)
    finally:
        forget_cache(env)
        shutil.rmtree(workdir, ignore_errors=True)


def report(pages, results, costs, weights):
    statics = {
        mode: [rate for key, (rate, *_) in results.items() if key[0] == "static" and key[2] is mode]
        for mode in (True, False)
    }
    loader = "wrk" if shutil.which("wrk") else "python"
    print(
        f"\nLoad: {loader}, {CONNECTIONS} connections, {SECONDS:g} s a URL in {ROUNDS} runs alternating with the"
        " static file; gunicorn 2 workers, production settings, Redis cache"
    )
    print(
        "Static file (CSS via whitenoise), median of its runs beside each page:"
        f" {min(statics[True]):,.0f}–{max(statics[True]):,.0f} req/s (page-cache run),"
        f" {min(statics[False]):,.0f}–{max(statics[False]):,.0f} (other); ×static is against the runs beside it"
    )
    header = (
        f"{'page':<11}{'lang':<5}{'cached r/s':>11}{'p50 ms':>8}{'p99 ms':>8}{'×static':>9}"
        f"{'uncached r/s':>13}{'p50 ms':>8}{'p99 ms':>8}{'×static':>9}{'queries':>8}"
        f"{'publish: q':>11}{'ms':>6}{'chrome: q':>10}{'ms':>6}{'HTML gz':>9}{'CSS+JS gz':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, paths in pages.items():
        for language, path in paths.items():
            cached, uncached = results[(path, True)], results[(path, False)]
            static_cached, static_uncached = results[("static", path, True)][0], results[("static", path, False)][0]
            html_bytes, asset_bytes = weights[path]
            warm_queries, published_queries, published_ms, chrome_queries, chrome_ms = costs[path]
            print(
                f"{name:<11}{language:<5}{cached[0]:>11,.0f}{cached[1]:>8.1f}{cached[2]:>8.1f}"
                f"{cached[0] / static_cached:>9.3f}{uncached[0]:>13,.0f}{uncached[1]:>8.1f}{uncached[2]:>8.1f}"
                f"{uncached[0] / static_uncached:>9.3f}{warm_queries:>8}{published_queries:>11}{published_ms:>6.1f}"
                f"{chrome_queries:>10}{chrome_ms:>6.1f}"
                f"{html_bytes:>9,}{asset_bytes:>10,}"
            )

    print(
        "\ncached: the response cache on. uncached: response cache off, as for a logged-in editor or the quote form;"
        "\n  routes, menus and each page's main content are still kept, until the next publish clears them."
        "\npublish: the first render after this page's content was published (what that publish forgets);"
        "\nchrome: after a change of title, menu or setting, the whole page cache empty (in-process, median of 15)."
    )


if __name__ == "__main__":
    main()
