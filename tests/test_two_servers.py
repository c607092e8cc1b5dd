"""Two app servers (gunicorn, production settings) on one database, one Redis and one bucket, as the clinic runs
them behind a load balancer. Each has a media folder of its own on its disk, so nothing is shared but the three
services: a publish from a third process shows on both at the next request, an image uploaded through one is
served to visitors of the other, and the quote limit counts a patient's requests on both."""

import re
import urllib.request
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.load_site import LoadSite, Server
from tests.object_storage import ObjectStorage, jpeg_bytes

FRENCH_PRP = "/fr/traitements/prp-chute-de-cheveux/"
EDITOR, PASSWORD = "editor", "a-long-editor-password-2026"


class TwoServers(LoadSite):
    def __init__(self, storage):
        super().__init__(task_worker=False)
        self.env.update(storage.environment())
        self.env.update({"QUOTE_RATE_LIMIT": "2", "WAGTAIL_2FA_REQUIRED": "false"})
        self.first = self.second = None

    def __enter__(self):
        super().__enter__()
        self.first = self.server
        second_media = Path(self.workdir) / "media-of-the-second-server"
        self.second = Server({**self.env, "MEDIA_ROOT": str(second_media)}, page_cache=True).__enter__()
        return self

    def __exit__(self, *exc):
        if self.second is not None:
            self.second.__exit__(*exc)
        super().__exit__(*exc)


@pytest.fixture(scope="module")
def servers():
    with ObjectStorage() as storage, TwoServers(storage) as running:
        running.storage = storage
        created = running.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model\n"
            f"get_user_model().objects.create_superuser({EDITOR!r}, 'editor@faceclinic.be', {PASSWORD!r})\n",
        )
        assert created.returncode == 0, created.stderr
        yield running


def title_on(servers, server):
    status, _headers, body = servers.request("GET", FRENCH_PRP, server=server)
    assert status == 200
    return re.search(r"<title>([^<]*)</title>", body).group(1)


def publish_from_a_third_process(servers, **fields):
    script = (
        "from treatments.models import TreatmentPage\n"
        "from wagtail.images import get_image_model\n"
        "page = TreatmentPage.objects.get(locale__language_code='fr', slug='prp-chute-de-cheveux')\n"
        f"for name, value in {fields!r}.items():\n"
        "    if name == 'hero_image':\n"
        "        value = get_image_model().objects.get(title=value)\n"
        "    setattr(page, name, value)\n"
        "page.save_revision().publish()\n"
    )
    published = servers.manage("shell", "-c", script)
    assert published.returncode == 0, published.stderr


def test_a_publish_from_a_third_process_shows_on_both_servers_at_the_next_request(servers):
    for server in (servers.first, servers.second):
        title_on(servers, server)  # cached by now on both

    publish_from_a_third_process(servers, seo_title="PRP : titre corrigé")

    # French pages set a no-break space before the colon (core/typography.py).
    assert title_on(servers, servers.first) == "PRP\u00a0: titre corrigé | Face Clinic Belgium"
    assert title_on(servers, servers.second) == "PRP\u00a0: titre corrigé | Face Clinic Belgium"


class Browser:
    """An editor's browser session on one server: cookies kept by hand (they are Secure, the proxy's HTTPS)."""

    def __init__(self, servers, server):
        self.servers, self.server, self.cookies = servers, server, {}

    def request(self, method, path, body=None, headers=None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        status, response_headers, text = self.servers.request(
            method, path, body=body, headers={**(headers or {}), "Cookie": cookie}, server=self.server
        )
        for name, value in re.findall(r"(csrftoken|sessionid)=([^;]+)", response_headers.get("set-cookie", "")):
            self.cookies[name] = value
        return status, response_headers, text

    def csrf_token(self, path):
        status, _headers, body = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def sign_in(self):
        from urllib.parse import urlencode

        token = self.csrf_token("/admin/login/")
        data = urlencode({"csrfmiddlewaretoken": token, "username": EDITOR, "password": PASSWORD, "next": "/admin/"})
        status, _headers, _body = self.request(
            "POST", "/admin/login/", body=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302 and "sessionid" in self.cookies, status

    def upload_image(self, title, content):
        token = self.csrf_token("/admin/images/add/")
        collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', self._last_add_form())
        boundary = uuid.uuid4().hex
        parts = [
            ("csrfmiddlewaretoken", token),
            ("title", title),
            ("collection", collection.group(1) if collection else "1"),
        ]
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in parts
        )
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="salle.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        body += content + f"\r\n--{boundary}--\r\n".encode()
        status, _headers, text = self.request(
            "POST",
            "/admin/images/add/",
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert status == 302, text[:2000]

    def _last_add_form(self):
        _status, _headers, body = self.request("GET", "/admin/images/add/")
        return body


def test_an_image_uploaded_through_one_server_is_served_to_visitors_of_the_other(servers):
    editor = Browser(servers, servers.first)
    editor.sign_in()
    editor.upload_image("Salle de soins", jpeg_bytes(colour=(30, 140, 200)))

    publish_from_a_third_process(servers, hero_image="Salle de soins")
    _status, _headers, page = servers.request("GET", FRENCH_PRP, server=servers.second)

    picture = BeautifulSoup(page, "html.parser").select_one("picture img")["src"]
    assert picture.startswith(f"{servers.storage.endpoint}/{servers.storage.bucket}/"), picture
    with urllib.request.urlopen(picture, timeout=10) as served:  # noqa: S310 - loopback only
        assert served.status == 200
        assert served.read()[:2] == b"\xff\xd8"


def test_the_quote_limit_counts_a_patients_requests_on_both_servers(servers):
    statuses = []
    for number, server in enumerate((servers.first, servers.second, servers.first, servers.second)):
        servers.server = server  # open_form and post_form speak to self.server
        statuses.append(servers.post_form(servers.open_form(), f"both-{number}@example.be"))
    servers.server = servers.first

    assert statuses == [303, 303, 429, 429], "a limit of 2 an hour, counted across the two servers"
