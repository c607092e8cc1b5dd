from django.core.management.base import BaseCommand

from home.content_loading import ContentLoader


class Command(BaseCommand):
    help = (
        "Load Face Clinic Belgium's content in English with its Dutch and French translations. "
        "Idempotent: what exists is kept, translations editors made are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-po",
            action="store_true",
            help="Write the content PO files from the English source (keeping existing translations) "
            "instead of importing them.",
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the site already has a home page.")

    def handle(self, *args, update_po=False, if_empty=False, **options):
        from home.models import HomePage

        if if_empty and HomePage.objects.exists():
            self.stdout.write("The site already has content; nothing loaded.")
            return
        loader = ContentLoader(stdout=self.stdout, update_po=update_po)
        loader.run()
        self.stdout.write(self.style.SUCCESS(f"Clinic content loaded ({loader.created} objects created)."))
