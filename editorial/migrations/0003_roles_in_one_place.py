"""All roles in one app, each described; Wagtail's default groups gone; FAQs and practitioners under the review.

- Marketing and Front desk were created by contact/0002; their definition lives here now (re-applied, idempotent:
  contact/0002 stays as it was, since applied migrations are never edited). Marketing may publish FAQ and
  practitioner *translations* (wagtail-localize's editor needs the publish permission); source-language ones are
  published by the medical review only (editorial/wagtail_hooks.py).
- Wagtail's default "Editors" and "Moderators" groups had rights on every page and sat beside the clinic's roles
  undescribed: removed, with Wagtail's unused "Moderators approval" workflow and task deactivated.
- The "Medical review" workflow also covers FAQs and practitioners (Wagtail's workflows for snippets).
- Every group gets a description (editorial.GroupDescription, texts from editorial/roles.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MARKETING = "Marketing"
FRONT_DESK = "Front desk"
TRANSLATORS = "Translators"
MEDICAL_REVIEWERS = "Medical reviewers"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
MEDICAL_REVIEW = "Medical review"
REVIEWED_SNIPPETS = [("treatments", "faq"), ("treatments", "practitioner")]

# A copy, not an import: a migration must keep meaning what it meant when it was written (editorial/roles.py).
DESCRIPTIONS = {
    MARKETING: (
        "Edits pages, menus, FAQs and images; submits treatments and FAQs to the medical review; sends pages to "
        "translation and publishes translations. Never sees quote requests."
    ),
    FRONT_DESK: (
        "Answers quote requests: the inbox, notes, status and export; erases a patient's requests on demand. "
        "Cannot edit the site."
    ),
    TRANSLATORS: (
        "Translates pages and snippets in the translation editor and saves drafts. Cannot publish, delete or "
        "convert a translation to an alias."
    ),
    MEDICAL_REVIEWERS: (
        "Doctors who approve or reject medical content (treatments, conditions, FAQs, practitioners). Their "
        "approval is recorded on the page as its medical review."
    ),
}

FRONT_DESK_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("contact", "quoterequest", "view_quoterequest"),
    ("contact", "quoterequest", "change_quoterequest"),
    # Deleting a request answers a patient's GDPR erasure request.
    ("contact", "quoterequest", "delete_quoterequest"),
]
MARKETING_SNIPPETS = [
    ("home", "menu"),
    ("home", "footer"),
    ("home", "disclaimer"),
    ("treatments", "faq"),
    ("treatments", "practitioner"),
]
MARKETING_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    *[(app, model, f"{action}_{model}") for app, model in MARKETING_SNIPPETS for action in ("add", "change", "delete")],
    *[(app, model, f"publish_{model}") for app, model in REVIEWED_SNIPPETS],
]
MARKETING_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MARKETING_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]
# Doctors open what they review (FAQs and practitioners are snippets) without being able to change it.
MEDICAL_REVIEWER_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")] + [
    (app, model, f"view_{model}") for app, model in REVIEWED_SNIPPETS
]


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; these groups need them now (fresh database).
    Wagtail's snippet "publish" permissions are made after migrating too (wagtail.snippets.apps): made here."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in REVIEWED_SNIPPETS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        verbose = apps.get_model(app_label, model)._meta.verbose_name_raw
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"publish_{model}", defaults={"name": f"Can publish {verbose}"}
        )


def permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)


def define_staff_groups(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    front_desk, _created = Group.objects.get_or_create(name=FRONT_DESK)
    front_desk.permissions.add(*[permission(apps, *spec) for spec in FRONT_DESK_PERMISSIONS])

    marketing, _created = Group.objects.get_or_create(name=MARKETING)
    marketing.permissions.add(*[permission(apps, *spec) for spec in MARKETING_PERMISSIONS])
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in MARKETING_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=marketing, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codenames in MARKETING_COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=marketing, collection=root_collection, permission=permission(apps, app_label, model, codename)
                )

    reviewers, _created = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    reviewers.permissions.add(*[permission(apps, *spec) for spec in MEDICAL_REVIEWER_PERMISSIONS])


def remove_wagtail_default_groups(apps):
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)
    apps.get_model("wagtailcore", "Task").objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)


def review_medical_snippets(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=MEDICAL_REVIEW).first()
    if workflow is None:
        return
    for app_label, model in REVIEWED_SNIPPETS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def describe_groups(apps):
    Group = apps.get_model("auth", "Group")
    GroupDescription = apps.get_model("editorial", "GroupDescription")
    for name, description in DESCRIPTIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            GroupDescription.objects.update_or_create(group=group, defaults={"description": description})


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    define_staff_groups(apps)
    remove_wagtail_default_groups(apps)
    review_medical_snippets(apps)
    describe_groups(apps)


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in REVIEWED_SNIPPETS:
        apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
            content_type__in=ContentType.objects.filter(app_label=app_label, model=model)
        ).delete()
    apps.get_model("editorial", "GroupDescription").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_group_descriptions"),
        ("contact", "0002_staff_groups"),
        ("treatments", "0002_faq_and_practitioner_drafts_revisions_review"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
