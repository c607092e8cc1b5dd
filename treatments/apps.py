from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "treatments"

    def ready(self):
        from core.cache import purge_pages_when_changed

        from .models import FAQ, FAQTreatment, Practitioner

        purge_pages_when_changed(FAQ, FAQTreatment, Practitioner)
