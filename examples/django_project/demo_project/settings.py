"""Settings of the ferrojwt demo: a djangorestframework_jwt 1.11 project after the switch.

The ``JWT_AUTH`` block is exactly what such a project already has; only the import paths in
``urls.py`` and ``posts/views.py`` changed from ``rest_framework_jwt`` to ``ferrojwt.drf``.
"""

import datetime
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A demo secret. A real project keeps its existing SECRET_KEY (tokens stay valid across the switch).
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "ferrojwt-demo-only-secret-key-do-not-deploy"
)
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "posts",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "demo_project.urls"
WSGI_APPLICATION = "demo_project.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

JWT_AUTH = {
    "JWT_ALLOW_REFRESH": True,
    "JWT_EXPIRATION_DELTA": datetime.timedelta(hours=1),
    "JWT_REFRESH_EXPIRATION_DELTA": datetime.timedelta(days=7),
}

# Server errors go to the console (the demo prints the server log when a step fails).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
