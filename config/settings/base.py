"""Settings shared by every environment: safe by default (DEBUG off, no secret in code).

The environment decides the rest (design.md, "Fixed interfaces"): DATABASE_URL picks the database,
a set EMAIL_HOST means real SMTP.
"""

import datetime
import hashlib
import os
import tempfile
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
    # Two-factor login for the admin (TOTP), before wagtail.admin so its login step is found first.
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
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
    "django.middleware.security.SecurityMiddleware",
    # Security headers are added outside the page cache, so cached pages get them on every response too.
    "csp.middleware.CSPMiddleware",
    "core.security.EditorUserbarPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # Static files before anything that touches the session or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RevalidateCachedPagesMiddleware",
    # Stores anonymous page responses; its partner FetchFromCacheMiddleware is last, after authentication.
    # Forgets pages another process purged (per-process cache only), before they could be served.
    "core.cache.PurgedElsewhereMiddleware",
    "wagtailcache.cache.UpdateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware needs the session (a language chosen earlier) and must run before
    # CommonMiddleware, so that the APPEND_SLASH redirect lands on the language-prefixed URL.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff who signed in with a password but not yet with their authenticator are sent to that step first.
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "wagtailcache.cache.FetchFromCacheMiddleware",
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
# The Wagtail admin uses inline scripts and is left out (design.md); so are Wagtail's own previews under /admin.
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

# "pages" holds whole anonymous responses and the data every page shows (menus, footer); it is cleared
# whenever published content changes (core/cache.py). "default" holds the rest (rate limits, renditions).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"faceclinic-{alias}",
            # A cache outage must slow the site down, not take it down.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
# The local-memory cache is per process: a purge also rewrites this file, which every process of the site on this
# server reads before answering (core/cache.py). One per database, so two sites on one machine never share it.
_database_identity = "{ENGINE}|{HOST}|{PORT}|{NAME}".format(**{"HOST": "", "PORT": "", **DATABASES["default"]})
PAGE_CACHE_PURGE_MARKER = os.environ.get("PAGE_CACHE_PURGE_MARKER") or str(
    Path(tempfile.gettempdir())
    / f"faceclinic-pages-purged-{hashlib.sha256(_database_identity.encode()).hexdigest()[:16]}"
)
# An hour at most, even if a purge were missed; every publish clears it at once.
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
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # One configuration for three languages: language-specific stemming would favour one of them.
        "SEARCH_CONFIG": "simple",
    }
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

# Quote requests (contact app). The rate limit counts accepted requests per IP address and window, so a patient
# who corrects a typo is never blocked; load tests raise it through the environment.
QUOTE_RATE_LIMIT = int(os.environ.get("QUOTE_RATE_LIMIT", "5"))
QUOTE_RATE_LIMIT_WINDOW = 60 * 60
# Seconds between showing the form and accepting it: faster is a robot (design.md: at most 3).
QUOTE_MIN_FILL_SECONDS = 3
# Behind a proxy, the header holding the visitor's address (e.g. "HTTP_X_REAL_IP"); empty: REMOTE_ADDR.
# The admin login lockout reads the same header (CLIENT_IP_HEADER).
QUOTE_CLIENT_IP_HEADER = CLIENT_IP_HEADER = os.environ.get("QUOTE_CLIENT_IP_HEADER", "")
# The language of the front desk's e-mail alerts.
QUOTE_STAFF_LANGUAGE = LANGUAGE_CODE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
