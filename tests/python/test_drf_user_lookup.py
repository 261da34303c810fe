"""The prepared natural-key lookup (ferrojwt/drf/_user_lookup.py) is the ORM's
``get_by_natural_key`` to the letter: same SQL, one query, same instance, same exceptions, and
the ORM itself wherever a manager, field or username could make them differ."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from ferrojwt.drf import _user_lookup
from testapp.models import EmailUser, HandleUser, UUIDUser

pytestmark = pytest.mark.django_db


def fields(user):
    return {f.attname: getattr(user, f.attname) for f in type(user)._meta.concrete_fields}


def sql_of(callable_):
    with CaptureQueriesContext(connection) as queries:
        result = callable_()
    return result, [q["sql"] for q in queries.captured_queries]


def test_same_sql_same_instance_as_the_orm(user):
    manager = get_user_model()._default_manager
    user.last_login = user.date_joined  # an aware datetime column the backend converts
    user.save()
    expected, orm_sql = sql_of(lambda: manager.get_by_natural_key("jpueblo"))
    got, fast_sql = sql_of(lambda: _user_lookup.get_by_natural_key(manager, "jpueblo"))
    assert fast_sql == orm_sql and len(fast_sql) == 1
    assert "LIMIT 21" in fast_sql[0]
    assert type(got) is type(expected)
    assert fields(got) == fields(expected)
    assert got.last_login.tzinfo is not None
    assert got._state.db == "default" and got._state.adding is False
    # Used twice: the second call runs the prepared query again, with the new parameter.
    assert _user_lookup.get_by_natural_key(manager, "jpueblo").pk == user.pk


def test_unknown_username_is_does_not_exist(user):
    User = get_user_model()
    with pytest.raises(User.DoesNotExist, match="User matching query does not exist."):
        _user_lookup.get_by_natural_key(User._default_manager, "nobody")


def test_username_is_a_parameter_never_sql(user):
    User = get_user_model()
    for hostile in ["jpueblo' OR '1'='1", 'jpueblo" --', "%", "\x00"]:
        with pytest.raises(User.DoesNotExist):
            _user_lookup.get_by_natural_key(User._default_manager, hostile)


def test_post_init_fires_as_for_the_orm(user):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=get_user_model())
    try:
        got = _user_lookup.get_by_natural_key(get_user_model()._default_manager, "jpueblo")
    finally:
        post_init.disconnect(receiver, sender=get_user_model())
    assert seen == [got]


@pytest.mark.parametrize("model", [EmailUser, HandleUser, UUIDUser])
def test_custom_user_models(model):
    username_field = model.USERNAME_FIELD
    other = {"email": "e@example.com", "handle": "h", "username": "u"}
    created = model._default_manager.create(**{username_field: other[username_field]})
    got = _user_lookup.get_by_natural_key(model._default_manager, other[username_field])
    assert fields(got) == fields(created)


def test_non_string_usernames_go_through_the_orm(user, monkeypatch):
    calls = []
    manager = get_user_model()._default_manager
    original = BaseUserManager.get_by_natural_key

    def spy(self, username):
        calls.append(username)
        return original(self, username)

    # Patched where the plain-manager test looks, so the manager still counts as plain: only
    # the non-string username may reach the ORM method.
    monkeypatch.setattr(BaseUserManager, "get_by_natural_key", spy)
    with pytest.raises(get_user_model().DoesNotExist):
        _user_lookup.get_by_natural_key(manager, 42)
    assert _user_lookup.get_by_natural_key(manager, "jpueblo").pk == user.pk
    assert calls == [42]


def test_a_custom_manager_method_is_honoured(user):
    class LowerCaseManager(BaseUserManager):
        def get_by_natural_key(self, username):
            return self.get(username=username.lower())

    manager = LowerCaseManager()
    manager.model = get_user_model()
    manager.name = "objects"
    assert _user_lookup.get_by_natural_key(manager, "JPUEBLO").pk == user.pk


def test_an_instance_patch_is_honoured(user, monkeypatch):
    manager = get_user_model()._default_manager
    monkeypatch.setattr(manager, "get_by_natural_key", lambda username: "patched", raising=False)
    assert _user_lookup.get_by_natural_key(manager, "jpueblo") == "patched"
