"""A project still on the original djangorestframework-jwt 1.11.0 (Django 3.2) that took migration
path (c): only the two handler strings in JWT_AUTH point at ferrojwt."""

SECRET_KEY = "django-insecure-5x!w@k2#kq3vz8$h+9^p(0u&3)b7-demo-secret-50-chars-xx"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework_jwt",
]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "origproject.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "rest_framework_jwt.authentication.JSONWebTokenAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
}

JWT_AUTH = {
    "JWT_ENCODE_HANDLER": "ferrojwt.drf.handlers_for_original.jwt_encode_handler",
    "JWT_DECODE_HANDLER": "ferrojwt.drf.handlers_for_original.jwt_decode_handler",
    "JWT_ALLOW_REFRESH": True,
}
