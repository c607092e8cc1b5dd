"""Optional error reporting to Sentry (SENTRY_DSN). Quote requests are health data (GDPR art. 9): an error report
carries the error, where it happened and the URL path, never what a patient typed, their cookies, their address or
who they are. The SDK is told not to collect those (send_default_pii, request bodies, local variables), and
`scrub` removes them again from every event before it leaves the server, whatever an integration added."""

import os

SENSITIVE_HEADERS = {"cookie", "authorization", "x-csrftoken", "x-forwarded-for", "x-real-ip", "referer"}


def init_sentry():
    dsn = os.environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0,
        before_send=scrub,
        before_breadcrumb=scrub_breadcrumb,
    )
    return True


def scrub(event, hint=None):
    request = event.get("request")
    if request:
        for field in ("data", "cookies", "query_string", "env"):
            request.pop(field, None)
        headers = request.get("headers") or {}
        request["headers"] = {name: value for name, value in headers.items() if name.lower() not in SENSITIVE_HEADERS}
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
    event.pop("user", None)
    for value in (event.get("exception") or {}).get("values", []):
        for frame in (value.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    event.pop("breadcrumbs", None)
    return event


def scrub_breadcrumb(crumb, hint=None):
    """SQL and HTTP breadcrumbs could quote a patient's answers: keep only that something happened."""
    crumb.pop("data", None)
    if crumb.get("category") == "query":
        return None
    return crumb
