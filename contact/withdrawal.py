"""A patient withdraws consent and erases their own request, from the signed link in their confirmation e-mail.

The link needs no account and no password: it is signed with the site's secret key and names one request (its
number and the moment it was received, so that a reused number never matches). Opening it only asks; erasing
takes a button (a POST), so that mail scanners following links erase nothing. The erasure is in the audit log
(`contact.quote_request.withdraw`), without the patient's name.
"""

import base64

from django.core import signing
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from . import retention

SALT = "contact.quote-request.withdraw"
# The link's last-but-one URL segment, in the page's language.
WITHDRAW_SLUGS = {"nl": "intrekken", "fr": "retirer", "en": "withdraw"}


def withdrawal_token(quote_request):
    signed = signing.dumps([quote_request.pk, int(quote_request.created_at.timestamp())], salt=SALT)
    # Wagtail routes path segments of letters, digits, "_" and "-" only: the signature's ":" is encoded away.
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def withdrawal_url(quote_request, page):
    """The absolute link for the patient's confirmation, on the form page in the patient's language."""
    if page is None:
        return ""
    slug = WITHDRAW_SLUGS.get(page.locale.language_code, WITHDRAW_SLUGS["en"])
    return f"{page.get_full_url()}{slug}/{withdrawal_token(quote_request)}/"


def requests_for_token(token):
    """The request the token names (a queryset of zero or one); Http404 for a token we did not sign."""
    from .models import QuoteRequest

    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        pk, received = signing.loads(signed, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise Http404 from None
    if not isinstance(pk, int) or not isinstance(received, int):
        raise Http404
    return QuoteRequest.objects.filter(pk=pk, created_at__gte=_moment(received), created_at__lt=_moment(received + 1))


def _moment(timestamp):
    import datetime

    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def serve_withdrawal(page, request, slug, token):
    if slug != WITHDRAW_SLUGS.get(page.locale.language_code, WITHDRAW_SLUGS["en"]):
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    quote_requests = requests_for_token(token)
    exists = quote_requests.exists()
    erased = False
    if request.method == "POST" and exists:
        erased = retention.erase(quote_requests, retention.WITHDRAW) > 0
        exists = False
    context = page.get_context(request)
    context.update({"exists": exists, "erased": erased})
    response = TemplateResponse(request, "contact/quote_withdrawal.html", context)
    # A personal page: no cache may keep it, no search engine list it.
    add_never_cache_headers(response)
    return response
