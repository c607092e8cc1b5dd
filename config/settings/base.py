"""Settings shared by every environment: safe by default (DEBUG off, no secret in code).

The environment decides the rest (docs/architecture.md, "Fixed interfaces"): DATABASE_URL picks the database,
a set EMAIL_HOST means real SMTP.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [host for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host]

INSTALLED_APPS = [
    "core",
    "home",
    "treatments",
    "contact",
    "editorial",
    # Before wagtail_2fa and wagtailcache: its admin URLs replace some of theirs (accounts/wagtail_hooks.py).
    "accounts",
    # Two-factor login for the admin (TOTP), before wagtail.admin so its login step is found first.
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes (single-use), accepted by wagtail-2fa's code step: accounts/views.py makes them.
    "django_otp.plugins.otp_static",
    # wagtail_localize.locales replaces wagtail.locales: same locale admin, plus sync settings.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtailcache",
    "wagtail.embeds",
    "wagtail.sites",
    "editorial.apps.ClinicUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The load balancer's /health/ (database and cache), before the HTTPS redirect and the host check.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers are added outside the page cache, so cached pages get them on every response too.
    "csp.middleware.CSPMiddleware",
    "core.security.EditorUserbarPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # The visitor's address behind the clinic's proxies, before anything reads it (quote limit, login lockout);
    # after the header middlewares, so that its 400 for a request that skipped a proxy carries them too.
    "core.security.TrustedProxyMiddleware",
    # Static files before anything that touches the session or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RevalidateCachedPagesMiddleware",
    # Stores complete anonymous page responses (wagtail-cache's, noting each one's page for a selective purge),
    # with the headers every middleware below has set.
    "core.cache.UpdatePageCacheMiddleware",
    # Answers a stored page before sessions, language, CSRF and authentication are loaded: a cached page costs
    # little more than a static file. wagtail-cache documents it last, to see `request.user`; here a request
    # carrying a session cookie (an editor, a visitor who unlocked a page) is never answered from the cache nor
    # stored (core.cache.is_request_cacheable), which covers every signed-in user. docs/decisions/0008.
    "core.cache.FetchPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session (a language chosen earlier) and must run before
    # CommonMiddleware, so that the APPEND_SLASH redirect lands on the language-prefixed URL.
    # core's subclass never sends an admin 404 into a language prefix.
    "core.middleware.LocaleMiddleware",
    # French spacing before ? ! ; : in every French page, inside the page cache so it is stored typeset.
    "core.typography.FrenchTypographyMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A body that cannot be read (another charset, a broken multipart, too large) is a 400/413 page, read before
    # the CSRF check, which would otherwise fail on it with a 500.
    "core.middleware.MalformedRequestMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff who signed in with a password but not yet with their authenticator are sent to that step first.
    # An account without one sets it up only from its enrolment link (accounts/middleware.py, on wagtail-2fa's).
    "accounts.middleware.EnrolmentMiddleware",
    # The admin in each signed-in user's language, error pages included.
    "accounts.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Gives Wagtail the page of a URL from the page cache instead of four queries (core/routing.py).
    "core.routing.CachedPageRouteMiddleware",
    # Turns django-axes' lockout of the admin login into its response; last, as axes documents.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account/address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.clinic",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A connection that died with a database restart is replaced, not reused.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cookies: none on public pages for anonymous visitors except the CSRF cookie of the quote form. No script of
# ours reads a cookie, so all are HttpOnly; SameSite=Lax keeps them off cross-site posts. Production adds Secure.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp) for everything patients see. Public pages run no script of their own and
# no inline script: JSON-LD blocks are data, which CSP does not govern, so they need no nonce. NONCE is listed
# so that a template *could* use {{ request.csp_nonce }}; the header carries a nonce only when one was used,
# and a page that uses one must not be cached (the page cache would replay a stale nonce).
# The Wagtail admin uses inline scripts and is left out (docs/architecture.md); so are its previews under /admin.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Admin login (django-axes): after 5 failed attempts for one account from one address, that pair is locked for
# 15 minutes. Per pair, not per account alone, so nobody can lock a colleague out from elsewhere by guessing.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.login_lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Only failures are kept (who tried which account, from where, when); successful logins are in the audit log.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Dutch is the default: most Belgian patients of the clinic read Dutch.
# English is the language the clinic's source content is written in (home/content.py).
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
SOURCE_LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "").lower() in {"1", "true", "yes"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media on object storage (S3 API, django-storages) when a bucket is named: uploads and Wagtail's renditions then
# live in one place that every app server reads and writes, and visitors fetch them from the bucket (or its CDN
# domain). The names are django-storages' own, read from the environment as they are.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Images and documents of public pages are public: plain URLs (cacheable by browsers and a CDN), read through
    # the bucket's public-read policy, never the object ACLs; an upload never overwrites another file of that name.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    else:
        from urllib.parse import urlsplit

        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL or f"https://s3.{AWS_S3_REGION_NAME or 'us-east-1'}.amazonaws.com")
        MEDIA_ORIGIN = f"{_endpoint.scheme}://{_endpoint.netloc}"
else:
    MEDIA_ORIGIN = ""
if MEDIA_ORIGIN:
    # Pictures now come from the bucket: the page's Content-Security-Policy must allow that origin.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)

# E-mail: a set EMAIL_HOST means real SMTP; otherwise mail goes to the console (never lost silently).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in {"1", "true", "yes"}
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Face Clinic Belgium <noreply@faceclinic.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks run immediately unless an environment names a queue (production does).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# "pages" holds whole anonymous responses and what pages repeat (routes, main content, menus, footer); a publish
# deletes what it changed (core/cache.py). "default" holds the rest: the quote limit and the login lockout counters,
# which no publish ever touches. With REDIS_URL (production requires it) both live in Redis, shared by every
# process and server; each under its own key prefix, so a purge deletes its own keys and nothing else in that
# Redis database (core/cache_backends.py). Without it (`make run`, the tests) each process keeps its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "faceclinic")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "core.cache_backends.PrefixedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-{alias}",
            # A cache outage must slow the site down, not take it down.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
        for alias in ("default", "pages")
    }
    # The admin login lockout counts failures in the shared cache, like the quote limit: every app server sees
    # the same count. (Without Redis, django-axes keeps them in the database: a per-process cache would not do.)
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AXES_CACHE = "default"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
# An hour at most, even if a purge were missed; a publish deletes what it changed at once.
CACHES["pages"]["TIMEOUT"] = 3600
WAGTAIL_CACHE_BACKEND = "pages"
# PAGE_CACHE=off serves every page uncached (make bench measures both).
WAGTAIL_CACHE = os.environ.get("PAGE_CACHE", "on") != "off"

# A CDN in front purges per URL when Wagtail publishes (wagtail.contrib.frontend_cache), when configured.
if os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
            "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
        }
    }

# Every staff account signs in with a password and a code from an authenticator app (TOTP): staff see quote
# requests, which are health data (GDPR art. 9). On by default; only `make run` and the test suite turn it off.
WAGTAIL_2FA_REQUIRED = os.environ.get("WAGTAIL_2FA_REQUIRED", "true").lower() != "false"
WAGTAIL_2FA_OTP_TOTP_NAME = "Face Clinic Belgium"

# Wagtail
WAGTAIL_SITE_NAME = "Face Clinic Belgium"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Gravatar would send staff e-mail hashes to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# On PostgreSQL one backend per language (Dutch, French, English stemming, accents ignored); the search page asks
# the reader's. See core/search_backends.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # The default backend indexes what has no language (images, documents) and serves the admin's search.
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backends", "SEARCH_CONFIG": "simple"}}
    for _code, _config in {"nl": "clinic_dutch", "fr": "clinic_french", "en": "clinic_english"}.items():
        WAGTAILSEARCH_BACKENDS[_code] = {
            "BACKEND": "core.search_backends",
            "SEARCH_CONFIG": _config,
            "LANGUAGE_CODE": _code,
        }
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The admin speaks the staff's language: each user picks nl, fr or en in their account (Dutch by default).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Approving a workflow's last task records the medical review and publishes, also for a reviewer without publish
# permission (editorial/workflow_actions.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflow_actions.publish_approved"

# wagtail-localize publishes a new translation at once, with the source's untranslated text, when the source is live
# (its default). Here a translation is a draft until a person has translated it and Marketing publishes it. Snippets
# get the same only with draft state: FAQs and practitioners have it (treatments/models.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation (wagtail-localize) only with a DeepL key: it fills the translation editor, and a person
# reviews and publishes. Without a key there is no machine translation at all (never the dummy translator).
DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        # The site addresses patients formally (u, vous).
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "FORMALITY": "prefer_more", "TIMEOUT": 30},
    }

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Whole request bodies (files included, which DATA_UPLOAD_MAX_MEMORY_SIZE does not count): no public form takes
# files, so a public body is refused (413) past the same 2.5 MB; the admin takes image and document uploads.
PUBLIC_REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
ADMIN_REQUEST_MAX_BYTES = 64 * 1_048_576

# Quote requests (contact app). The rate limit counts accepted requests per IP address and window, so a patient
# who corrects a typo is never blocked; load tests raise it through the environment.
QUOTE_RATE_LIMIT = int(os.environ.get("QUOTE_RATE_LIMIT", "5"))
QUOTE_RATE_LIMIT_WINDOW = 60 * 60
# Seconds between showing the form and accepting it: faster is a robot (docs/architecture.md: at most 3).
QUOTE_MIN_FILL_SECONDS = 3
# How many reverse proxies of the clinic's stand between the internet and the app, each appending to
# X-Forwarded-For (core.security.TrustedProxyMiddleware, django-xff). 0: none, REMOTE_ADDR is the visitor. The quote
# limit and the admin login lockout both read the address it yields; production defaults to one proxy.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
XFF_TRUSTED_PROXY_DEPTH = TRUSTED_PROXY_COUNT
# Fewer entries than proxies means a request that skipped one: refused (400), never trusted.
XFF_ALWAYS_PROXY = True
# A request without the header (a health check from the proxy's own host) keeps REMOTE_ADDR.
XFF_HEADER_REQUIRED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
