"""Roles as permissions, and the medical review every English treatment page goes through before publishing.

- Translators: translate pages and snippets (the translation editor, PO files, machine translation) and save page
  drafts; never publish. Snippet translations go live on saving, so editorial/wagtail_hooks.py keeps that step for
  those who may submit translations (Marketing).
- Medical reviewers: approve or reject the "Medical review" task of treatment pages.
- Marketing and Front desk come from contact/0002 and are left as they are.
- Wagtail's default "Moderators approval" workflow on the root would put every page under a workflow nobody here
  uses; it is unassigned, so that the medical review is the one workflow of the site.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = "Translators"
MEDICAL_REVIEWERS = "Medical reviewers"
# treatments.models.MEDICAL_REVIEW: the content loader assigns it to a new English treatment index by this name.
MEDICAL_REVIEW = "Medical review"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

TRANSLATABLE_SNIPPETS = [
    ("home", "menu"),
    ("home", "footer"),
    ("home", "disclaimer"),
    ("treatments", "faq"),
    ("treatments", "practitioner"),
]
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    # Snippet translation editors open through the snippet's edit view; publishing is guarded separately.
    *[(app, model, f"change_{model}") for app, model in TRANSLATABLE_SNIPPETS],
]
# "change" without "publish": drafts and translations, never a live page.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page"]
TRANSLATOR_COLLECTION_PERMISSIONS = [("wagtailimages", "image", "choose_image")]
MEDICAL_REVIEWER_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")]


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; these groups need them now (fresh database)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)


def create_translators(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(*[permission(apps, *spec) for spec in TRANSLATOR_PERMISSIONS])
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=translators, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codename in TRANSLATOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=translators, collection=root_collection, permission=permission(apps, app_label, model, codename)
            )


def create_medical_review(apps):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    reviewers, _created = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    reviewers.permissions.add(*[permission(apps, *spec) for spec in MEDICAL_REVIEWER_PERMISSIONS])

    # Historical models skip Task.__init__, which normally sets the specific content type.
    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=MEDICAL_REVIEW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MEDICAL_REVIEW, content_type=task_type, active=True)
    task.groups.add(reviewers)
    workflow, created = Workflow.objects.get_or_create(name=MEDICAL_REVIEW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    # A database that already has the content; on a fresh one, load_clinic_content assigns it.
    for index in Page.objects.filter(
        content_type__app_label="treatments",
        content_type__model="treatmentindexpage",
        locale__language_code=settings.SOURCE_LANGUAGE_CODE,
    ):
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})

    WorkflowPage.objects.filter(page__depth=1, workflow__name=WAGTAIL_DEFAULT_WORKFLOW).delete()


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    create_translators(apps)
    create_medical_review(apps)


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if default is not None and root_page is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(page=root_page, defaults={"workflow": default})
    Workflow.objects.filter(name=MEDICAL_REVIEW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=MEDICAL_REVIEW).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[TRANSLATORS, MEDICAL_REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_staff_groups"),
        ("home", "0002_clinicsettings_quote_page"),
        ("treatments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
