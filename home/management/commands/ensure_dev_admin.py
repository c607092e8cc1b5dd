import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Development only: create the 'admin' superuser with a random password and print it."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development (DEBUG=True) only.")
        user_model = get_user_model()
        if user_model.objects.filter(username="admin").exists():
            self.stdout.write("Dev admin exists: user 'admin' (password printed when it was created).")
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(self.style.WARNING(f"Dev admin created: user 'admin', password '{password}'"))
