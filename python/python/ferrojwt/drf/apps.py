"""App configuration: lets ``ferrojwt.drf`` (or ``rest_framework_jwt`` through the alias) sit in
``INSTALLED_APPS``.

The label is ``ferrojwt_drf``, not Django's default ``drf`` (the last part of the dotted name),
so that a project's own app called ``drf`` never clashes with it. The app has no models, no
migrations and no signals; it exists so ``manage.py test`` and translations find the package,
as with the original ``rest_framework_jwt``.
"""

from django.apps import AppConfig


class FerroJWTDRFConfig(AppConfig):
    name = "ferrojwt.drf"
    label = "ferrojwt_drf"
    verbose_name = "ferrojwt (djangorestframework_jwt compatible)"
    default = True
