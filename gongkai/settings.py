"""Django settings, read from GONGKAI_* environment variables with safe defaults.

Reading is strict (gongkai.environment): a malformed value or an unknown GONGKAI_* variable stops the process
with a Chinese ImproperlyConfigured message. Importing this module writes nothing: directories and the generated
secret key are made by gongkai.core.startup.prepare(), which the commands that serve or migrate call.
"""

from pathlib import Path

from gongkai.environment import LOG_LEVELS, Environment, cache_config, database_config

env = Environment()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("GONGKAI_VAR_DIR", str(BASE_DIR / "var")))

# GONGKAI_SECRET_KEY, else the key generated once into var/secret_key (mode 600) by start-up. With neither,
# SECRET_KEY stays empty and Django refuses to sign anything: a key must never silently differ between processes.
SECRET_KEY_FILE = VAR_DIR / "secret_key"
SECRET_KEY = env.optional("GONGKAI_SECRET_KEY") or (SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else "")
DEBUG = env.flag("GONGKAI_DEBUG")
ALLOWED_HOSTS = env.items("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.items("GONGKAI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "gongkai.core",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.privacy",
    "gongkai.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.core.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": database_config(env.text("GONGKAI_DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions expire after GONGKAI_SESSION_HOURS of inactivity (default 8) and with the browser.
SESSION_COOKIE_AGE = env.integer("GONGKAI_SESSION_HOURS", 8, minimum=1) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.flag("GONGKAI_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Served over HTTPS (GONGKAI_SECURE_COOKIES on): browsers are told to come back only over HTTPS for a year.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0

# Content-Security-Policy (django-csp): our own scripts only (an inline one needs the request's nonce), no plugins,
# no framing, forms post only here, images only from this site (item bodies keep no external images either).
# Inline style attributes stay allowed: the published report tables and rich-text bodies carry them, and the
# sanitizer already strips anything else a body could bring.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Lockout: this many failed logins for one account within the window lock it for the window.
LOGIN_MAX_FAILURES = env.integer("GONGKAI_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env.integer("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Login attempts from one client address within the lockout window, over all accounts (password spraying).
LOGIN_MAX_PER_ADDRESS = env.integer("GONGKAI_LOGIN_MAX_PER_ADDRESS", 20, minimum=1)

# Separation of duties: the reviewer (保密审查) of a catalogue item is not its author. A one-person office may allow
# self-review explicitly; every such approval is still audited under the reviewer's name.
ALLOW_SELF_REVIEW = env.flag("GONGKAI_ALLOW_SELF_REVIEW", False)

# How many reverse proxies in front of gongkai append to X-Forwarded-For. 0 (the default): the header is ignored and
# the client is REMOTE_ADDR, so nobody can pick their own address to dodge a rate limit.
TRUSTED_PROXIES = env.integer("GONGKAI_TRUSTED_PROXIES", 0, minimum=0)
# Behind our own proxy, it tells us whether the client came over HTTPS (for secure cookies, HSTS, redirects).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = env.text("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.text("GONGKAI_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("GONGKAI_MEDIA_ROOT", str(VAR_DIR / "media")))
# Restricted storage (originals of redacted files, identity proofs): never served by URL.
PRIVATE_ROOT = Path(env.text("GONGKAI_PRIVATE_ROOT", str(VAR_DIR / "private")))
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env.text("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.text("GONGKAI_FROM_EMAIL", "noreply@gongkai.invalid")

SITE_NAME = env.text("GONGKAI_SITE_NAME", "政府信息公开平台")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.choice("GONGKAI_LOG_LEVEL", "WARNING", LOG_LEVELS)},
}

# Local memory per process unless GONGKAI_CACHE_URL names a Redis server shared by all processes. So a cached
# value may differ between processes: security limits (login lockout, rate limits) and anything processes must
# agree on belong in the database (gongkai.core.ratelimit), never in this cache.
CACHES = {"default": cache_config(env.optional("GONGKAI_CACHE_URL"))}

# Full-text search (gongkai.search): the index directory and the backend class.
SEARCH_DIR = Path(env.text("GONGKAI_SEARCH_DIR", str(VAR_DIR / "search")))
SEARCH_BACKEND = env.text("GONGKAI_SEARCH_BACKEND", "gongkai.search.tantivy_backend.TantivyBackend")

# A TrueType/TTC font to embed in PDFs instead of the Debian CJK fonts gongkai.core.pdf looks for.
PDF_FONT = env.optional("GONGKAI_PDF_FONT")

# The job queue (gongkai.core.jobs): what happens to a job once its change commits. INLINE: the committing thread runs
# it (commands, tests); THREAD: a background thread of the same process runs it, so a request answers at once
# (`gongkai serve` uses this unless the variable is set); OFF: it waits for a worker (`gongkai jobs work --forever`),
# as on a cluster where web processes should not do slow work.
JOBS_RUN_AFTER_COMMIT = env.choice("GONGKAI_JOBS_RUN_AFTER_COMMIT", "INLINE", ("INLINE", "THREAD", "OFF"))

env.check_unknown()
