from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import QuoteRequest
        from .retention import forget_patient_in_audit_log

        # However a request is deleted (inbox, erasure, retention), the audit log forgets the patient's name.
        post_delete.connect(forget_patient_in_audit_log, sender=QuoteRequest, dispatch_uid="quote-request-audit-label")
