from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.enrolment import LINK_MAX_AGE, enrolment_url


class Command(BaseCommand):
    help = (
        "Print a one-time link with which a staff account sets up its authenticator (valid for a day). Hand it to "
        "the person yourself, when the account has no e-mail address or the e-mail does not arrive."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {username!r}.")
        self.stdout.write(enrolment_url(user))
        self.stdout.write(f"Opens once, within {LINK_MAX_AGE // 3600} hours, in a browser signed in as {username}.")
