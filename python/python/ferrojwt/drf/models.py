"""Empty on purpose: lets ``ferrojwt.drf`` sit in ``INSTALLED_APPS`` (the original shipped the same
empty module so that ``manage.py test`` found an app)."""
