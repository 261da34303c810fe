"""``TokenUser``: the ``request.user`` of the stateless mode (``JWT_AUTH['JWT_STATELESS_USER']``).

In that mode the authentication class trusts the verified claims and queries no database: the
user is whatever the token says, as of the moment it was issued. Trade-offs (docs/compatibility.md):
a user disabled, deleted or renamed after the token was issued keeps access until ``exp``;
``request.user`` is not a model instance (no ``save()``, cannot be assigned to a foreign key),
and has no staff/superuser flags, groups or permissions, so permission classes that rely on them
refuse it. The obtain, verify and refresh endpoints still check the database.
"""

from __future__ import annotations

__all__ = ["TokenUser"]


class TokenUser:
    """A read-only user made from a verified JWT payload."""

    is_active = True
    is_staff = False
    is_superuser = False
    is_authenticated = True
    is_anonymous = False

    def __init__(self, payload: dict, username) -> None:
        self.payload = payload
        self.pk = self.id = payload.get("user_id")
        self.username = username
        self.email = payload.get("email")

    def get_username(self):
        return self.username

    def __str__(self) -> str:
        return str(self.username)

    def __repr__(self) -> str:
        return f"<TokenUser {self.username!r} pk={self.pk!r}>"

    def __eq__(self, other) -> bool:
        return isinstance(other, TokenUser) and (self.pk, self.username) == (other.pk, other.username)

    def __hash__(self) -> int:
        return hash((self.pk, self.username))

    @property
    def groups(self):
        return _EmptyManager()

    @property
    def user_permissions(self):
        return _EmptyManager()

    def get_all_permissions(self, obj=None):
        return set()

    def get_group_permissions(self, obj=None):
        return set()

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def has_perms(self, perm_list, obj=None) -> bool:
        return False

    def has_module_perms(self, module) -> bool:
        return False

    def save(self, *args, **kwargs):
        raise NotImplementedError("A TokenUser (JWT_STATELESS_USER) is not stored in the database.")

    def delete(self, *args, **kwargs):
        raise NotImplementedError("A TokenUser (JWT_STATELESS_USER) is not stored in the database.")


class _EmptyManager:
    def all(self):
        return []

    def exists(self) -> bool:
        return False

    def count(self) -> int:
        return 0
