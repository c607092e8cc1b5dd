"""A staff member's authenticator app, for the tests that sign in with the second factor (wagtail-2fa, TOTP)."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_code(device, steps_ahead=0):
    """What the app shows now (or `steps_ahead` periods of 30 s later: a code once used is refused)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def authenticator_for(user):
    """An authenticator the staff member set up earlier."""
    return TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
