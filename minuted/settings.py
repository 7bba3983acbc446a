"""Minuted's settings: one module, driven by environment variables (see docs/settings.md).

With ``DEBUG`` off (the default) this is the production profile: a real ``SECRET_KEY`` is
required and HTTPS, HSTS and secure cookies are on, so ``manage.py check --deploy`` passes.
``minuted demo`` and the test suite turn ``DEBUG`` on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from minuted.env import (
    SettingError,
    database_from_url,
    env_bool,
    env_int,
    env_json,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else None)
if not DEBUG and (
    SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
):
    raise SettingError("SECRET_KEY must be a random string of at least 50 characters")
# Former keys, still accepted for sessions and signed links while a new key takes over.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASES = {
    "default": {
        **database_from_url(env_str("DATABASE_URL", "sqlite:///var/minuted.sqlite3"), BASE_DIR),
        # Keep connections between requests (checked before reuse): opening one per request
        # cost more than serving a cached page (measured with make bench-http).
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # sign-in lock-outs, counted in the database so every app server sees them
    "django_otp",
    "django_otp.plugins.otp_totp",
    "minuted.core",
    "minuted.accounts",
    "minuted.governance",
    "minuted.meetings",
    "minuted.papers",
    "minuted.record",
    "minuted.staff",
    "minuted.search",
    "minuted.publicsite",
    "minuted.interop",
    "minuted.api",
    "ninja",  # serves the API docs page's Swagger UI from static files, not a CDN
    "minuted.demo",
    "minuted.audit",
    "minuted.programme",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "minuted.core.security.ContentSecurityPolicyMiddleware",  # SECURE_CSP on every response
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "minuted.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "minuted.audit.context.AuditContextMiddleware",  # who and from where, for the audit trail
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lock-out into the 429 page (accounts/views.py)
]

# Public pages for anonymous visitors are cached this many seconds (core/pagecache.py); 0 = off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)

# Let the front web server send published files: the prefix of an internal location that
# aliases MEDIA_ROOT (nginx: X-Accel-Redirect). Empty: Django sends them (core/files.py).
MINUTED_ACCEL_REDIRECT = env_str("MINUTED_ACCEL_REDIRECT", "")

ROOT_URLCONF = "minuted.urls"
WSGI_APPLICATION = "minuted.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "minuted" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minuted.publicsite.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# AxesStandaloneBackend refuses a locked-out address+IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Lock-outs (django-axes, docs/settings.md): this many wrong passwords for one address from one
# IP address lock that pair for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_USERNAME_CALLABLE = "minuted.accounts.services.lockout_username"
AXES_CLIENT_IP_CALLABLE = "minuted.accounts.services.lockout_ip"
AXES_LOCKOUT_CALLABLE = "minuted.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True  # signing in (both steps) clears earlier failures
AXES_VERBOSE = False
# No table of every successful sign-in (IP, browser) kept for ever: the audit trail records what
# matters, and personal data not needed is not kept (UK GDPR art. 5(1)(c)).
AXES_DISABLE_ACCESS_LOG = True
# A password-reset link works once, for one hour: e-mail arrives in minutes, and a link left in
# a mailbox or a forwarded message should not stay a way into an account (docs/settings.md).
PASSWORD_RESET_TIMEOUT = 3600
# Two-factor (django-otp): the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Minuted")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Front-end packages from package-lock.json are built into minuted/static/build by `make`.
STATICFILES_DIRS = [BASE_DIR / "minuted" / "static"]
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Where uploaded files and published PDFs are kept: MEDIA_ROOT on the filesystem by default, or
# any Django storage backend, e.g. object storage through django-storages (docs/operations.md).
# Minuted reads and writes files only through the storage API.
STORAGES = {
    "default": {
        "BACKEND": env_str("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("FILE_STORAGE_OPTIONS", {}),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "minuted@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS and cookies: on by default outside DEBUG; a deployment behind a TLS-terminating proxy
# sets SECURE_PROXY_SSL_HEADER_ENABLED so Django trusts X-Forwarded-Proto.
SECURE = env_bool("SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (core/security.py; the shape of Django 6.0's
# setting). No inline script or style anywhere: templates load them from files.
_SELF = "'self'"
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [_SELF],
    "script-src": [_SELF],
    "style-src": [_SELF],
    "img-src": [_SELF, "data:"],  # GOV.UK Frontend and Swagger UI draw icons from data: URLs
    "font-src": [_SELF],
    "connect-src": [_SELF],  # htmx requests
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": ["'none'"],
}
# Uploads (people's photos): largest accepted size in bytes; the type is checked by content.
MINUTED_UPLOAD_MAX_BYTES = env_int("MINUTED_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)

# The organisation whose boards the public site shows first (its slug); blank = the first one.
MINUTED_ORGANISATION = env_str("MINUTED_ORGANISATION", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
