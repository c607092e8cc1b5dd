from django.core.management.base import BaseCommand

from contact.retention import expired_requests, purge_expired, retention_cutoff, schedule_next_purge


class Command(BaseCommand):
    help = (
        "Delete the quote requests (with their notes) older than the retention period of the clinic details "
        "(default 12 months). --schedule also queues the daily purge on the task worker (production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many requests would be deleted.")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also make sure the worker (manage.py db_worker) purges once a day from now on.",
        )

    def handle(self, *args, dry_run=False, schedule=False, **options):
        cutoff = retention_cutoff()
        if dry_run:
            count = expired_requests().count()
            self.stdout.write(f"{count} quote request(s) received before {cutoff:%Y-%m-%d %H:%M} would be deleted.")
            return
        count = purge_expired()
        self.stdout.write(f"Deleted {count} quote request(s) received before {cutoff:%Y-%m-%d %H:%M}.")
        if schedule:
            if schedule_next_purge():
                self.stdout.write("The worker will purge again in a day, then every day.")
            else:
                self.stdout.write("A daily purge is already queued, or this task backend cannot wait (nothing queued).")
