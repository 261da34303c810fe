"""Django settings for the ferrojwt.drf test suite: SQLite in memory, fast password hashing.

There is deliberately no ``JWT_AUTH`` here: the suite checks the defaults of spec §1.2 and
changes settings per test by assigning ``api_settings`` attributes, as 1.11's own suite did.
"""

SECRET_KEY = "ferrojwt-test-suite-secret-key-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "ferrojwt.drf",
    "testapp",
]
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
ROOT_URLCONF = "testproject.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Keys here must never leak into ``api_settings`` (DRF's APISettings falls back to REST_FRAMEWORK
# when it is given no user settings; ferrojwt's subclass must not).
REST_FRAMEWORK = {
    "JWT_AUTH_HEADER_PREFIX": "Leaked",
}
