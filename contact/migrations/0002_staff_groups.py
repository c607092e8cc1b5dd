"""The two staff groups: the front desk handles quote requests, marketing edits the site but never sees them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FRONT_DESK = "Front desk"
MARKETING = "Marketing"

FRONT_DESK_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("contact", "quoterequest", "view_quoterequest"),
    ("contact", "quoterequest", "change_quoterequest"),
    # Deleting a request answers a patient's GDPR erasure request.
    ("contact", "quoterequest", "delete_quoterequest"),
]

MARKETING_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    *[
        (app, model, f"{action}_{model}")
        for app, model in [
            ("home", "menu"),
            ("home", "footer"),
            ("home", "disclaimer"),
            ("treatments", "faq"),
            ("treatments", "practitioner"),
        ]
        for action in ("add", "change", "delete")
    ],
]
MARKETING_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MARKETING_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def ensure_permissions(apps):
    """Permissions are normally created after all migrations; these groups need them now (fresh database)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, content_type__model=model, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
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
                    group=marketing,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[FRONT_DESK, MARKETING]).delete()


class Migration(migrations.Migration):
    # Named migrations, not "__latest__": a later migration of any of these apps would otherwise make every
    # database that already ran this one inconsistent ("applied before its dependency").
    dependencies = [
        ("contact", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0002_clinicsettings_quote_page"),
        ("treatments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
