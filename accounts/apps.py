from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """How staff accounts are born and kept safe: second-factor enrolment by link, throttled password resets."""

    name = "accounts"
    verbose_name = "Staff accounts"
