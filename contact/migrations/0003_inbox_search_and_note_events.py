"""Phone numbers in E.164, a folded search column (trigram-indexed on PostgreSQL), the preferred contact time as a
column, a case-insensitive e-mail index, and notes as events: existing rows are converted."""

import re

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

from contact import search

STATUS_LABELS = {
    "New": "new",
    "Contacted": "contacted",
    "Quote sent": "quote_sent",
    "Booked": "booked",
    "Closed": "closed",
    "Spam": "spam",
}
STATUS_NOTE = re.compile(r"^Status changed from (?P<old>.+) to (?P<new>.+)\.$")
ASSIGNMENT_NOTE = re.compile(r"^Assigned to (?P<person>.+)\.$")


def normalise_requests(apps, schema_editor):
    QuoteRequest = apps.get_model("contact", "QuoteRequest")
    Page = apps.get_model("wagtailcore", "Page")
    for request in QuoteRequest.objects.iterator(chunk_size=2000):
        titles = (
            list(Page.objects.filter(translation_key=request.treatment_key).values_list("title", flat=True))
            if request.treatment_key
            else []
        )
        request.phone = search.e164(request.phone)
        answer = next((a for a in request.answers or [] if a.get("name") == "preferred_contact_time"), None)
        request.preferred_contact_time = (answer or {}).get("value") or ""
        request.search_text = search.search_text(request.name, request.email, request.phone, titles)
        request.save(update_fields=["phone", "preferred_contact_time", "search_text"])


def notes_to_events(apps, schema_editor):
    """The English sentences the inbox wrote before become events every reader sees in their language."""
    QuoteRequestNote = apps.get_model("contact", "QuoteRequestNote")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for note in QuoteRequestNote.objects.filter(kind="note").iterator(chunk_size=2000):
        status = STATUS_NOTE.match(note.text)
        assignment = ASSIGNMENT_NOTE.match(note.text)
        if status and {status["old"], status["new"]} <= set(STATUS_LABELS):
            note.kind = "status"
            note.data = {"old": STATUS_LABELS[status["old"]], "new": STATUS_LABELS[status["new"]]}
        elif assignment:
            user = User.objects.filter(username=assignment["person"]).first()
            full_name = f"{user.first_name} {user.last_name}".strip() if user else ""
            name = "" if assignment["person"] == "—" else (full_name or assignment["person"])
            note.kind = "assignment"
            note.data = {"user": user.pk if user else None, "name": name}
        else:
            continue
        note.text = ""
        note.save(update_fields=["kind", "data", "text"])


def add_trigram_index(apps, schema_editor):
    """PostgreSQL only: `LIKE '%word%'` on the folded column uses this index; SQLite scans (small clinics' dev)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contact_quote_search_trgm ON contact_quoterequest "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS contact_quote_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_staff_groups"),
        ("treatments", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="quoterequest",
            name="preferred_contact_time",
            field=models.CharField(blank=True, editable=False, max_length=40, verbose_name="preferred contact time"),
        ),
        migrations.AddField(
            model_name="quoterequest",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="search text"),
        ),
        migrations.AddField(
            model_name="quoterequestnote",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AddField(
            model_name="quoterequestnote",
            name="kind",
            field=models.CharField(
                choices=[("note", "Note"), ("status", "Status change"), ("assignment", "Assignment")],
                default="note",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="quoterequest",
            name="phone",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=40, verbose_name="phone"),
        ),
        migrations.AlterField(
            model_name="quoterequestnote",
            name="text",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AddIndex(
            model_name="quoterequest",
            index=models.Index(django.db.models.functions.text.Upper("email"), name="contact_quote_email_ci_idx"),
        ),
        migrations.RunPython(normalise_requests, migrations.RunPython.noop),
        migrations.RunPython(notes_to_events, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
