"""User models the tests swap in with ``override_settings(AUTH_USER_MODEL=...)``."""

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models


class EmailUser(AbstractBaseUser):
    """Logs in with its email (``USERNAME_FIELD = 'email'``)."""

    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)

    objects = BaseUserManager()
    USERNAME_FIELD = "email"


class HandleUser(AbstractBaseUser):
    """Logs in with a field that is neither ``username`` nor ``email``, and has an email too."""

    handle = models.CharField(max_length=40, unique=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    objects = BaseUserManager()
    USERNAME_FIELD = "handle"


class UUIDUser(AbstractBaseUser):
    """A UUID primary key and no email attribute at all."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    username = models.CharField(max_length=40, unique=True)
    secret = models.UUIDField(default=uuid.uuid4)
    is_active = models.BooleanField(default=True)

    objects = BaseUserManager()
    USERNAME_FIELD = "username"
