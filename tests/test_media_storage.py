"""Media on object storage (S3 API) when AWS_STORAGE_BUCKET_NAME is set: uploads and renditions in the bucket,
pictures on pages served from it. Against moto's S3 server on loopback, spoken to over HTTP."""

import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from tests.conftest import html
from tests.object_storage import ObjectStorage, jpeg_bytes

pytestmark = pytest.mark.django_db

FRENCH_PRP = "/fr/traitements/prp-chute-de-cheveux/"


@pytest.fixture(scope="module")
def bucket():
    with ObjectStorage() as storage:
        yield storage


def test_an_image_uploaded_in_the_admin_and_its_renditions_live_in_the_bucket(bucket, admin_client):
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from treatments.models import TreatmentPage

    with override_settings(**bucket.settings()):
        response = admin_client.post(
            "/admin/images/add/",
            {
                "title": "Salle de soins",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("salle.jpg", jpeg_bytes(), content_type="image/jpeg"),
            },
        )
        assert response.status_code == 302, response.content[:500]
        image = get_image_model().objects.get(title="Salle de soins")
        assert f"original_images/{image.file.name.rsplit('/', 1)[-1]}" in bucket.keys()

        page = TreatmentPage.objects.get(locale__language_code="fr", slug="prp-chute-de-cheveux")
        page.hero_image = image
        page.save_revision().publish()
        picture = html(Client().get(FRENCH_PRP)).select_one("picture img")

    assert picture["src"].startswith(f"{bucket.endpoint}/{bucket.bucket}/images/")
    assert any(key.startswith("images/") for key in bucket.keys()), "renditions are written to the bucket"
    with urllib.request.urlopen(picture["src"], timeout=10) as served:  # noqa: S310 - loopback only
        assert served.status == 200
        assert served.read()[:2] == b"\xff\xd8"
