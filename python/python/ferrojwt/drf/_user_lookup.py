"""The natural-key user lookup of every authenticated request, compiled once.

``manager.get_by_natural_key(username)`` builds, compiles and then executes the same ``SELECT``
on every request; the building and compiling is Django ORM work worth several times the query
itself, and most of the cost of an authenticated GET. For a user model whose default manager is
Django's own (no custom ``get_by_natural_key``, ``get_queryset`` or QuerySet class) and whose
``USERNAME_FIELD`` is a plain ``CharField``/``EmailField``/``TextField``, the query is compiled
once per model and database and afterwards only executed: the same SQL text (``LIMIT 21``
included, as ``QuerySet.get`` writes it), one query, the backend's value converters, an instance
made by ``Model.from_db`` (so ``post_init`` fires), and the same ``DoesNotExist`` /
``MultipleObjectsReturned``. Anything else goes through the ORM unchanged.
"""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.db import connections
from django.db.models import CharField, EmailField, Manager, QuerySet, TextField
from django.db.models.query import MAX_GET_RESULTS

__all__ = ["get_by_natural_key"]

#: Stands for the username while the query is compiled; found again in the parameters.
_PLACEHOLDER = "\x00ferrojwt-username-placeholder\x00"
_PLAIN_FIELDS = (CharField, EmailField, TextField)

#: (model, database alias) -> _Prepared, or None where the ORM must be used.
_prepared: dict = {}


class _Prepared:
    __slots__ = ("sql", "params", "index", "field_names", "converters")

    def __init__(self, manager, db):
        model = manager.model
        queryset = manager.using(db).filter(**{model.USERNAME_FIELD: _PLACEHOLDER}).order_by()
        queryset.query.set_limits(high=MAX_GET_RESULTS)
        compiler = queryset.query.get_compiler(db)
        sql, params = compiler.as_sql()
        self.sql = sql
        self.params = list(params)
        self.index = self.params.index(_PLACEHOLDER)
        columns = [column[0] for column in compiler.select]
        self.field_names = [column.target.attname for column in columns]
        # {position: ([converter, ...], expression)}, as SQLCompiler.apply_converters reads it.
        self.converters = list(compiler.get_converters(columns).items())


def _is_plain(manager) -> bool:
    cls = type(manager)
    own = vars(manager)
    return (
        cls.get_by_natural_key is BaseUserManager.get_by_natural_key
        and cls.get_queryset is Manager.get_queryset
        and manager._queryset_class is QuerySet
        and "get_by_natural_key" not in own
        and "get_queryset" not in own
    )


def _prepare(manager, db):
    model = manager.model
    if not _is_plain(manager):
        return None
    field = model._meta.get_field(model.USERNAME_FIELD)
    if type(field) not in _PLAIN_FIELDS:
        return None
    try:
        prepared = _Prepared(manager, db)
    except ValueError:  # the placeholder did not come out as one parameter
        return None
    if prepared.params.count(_PLACEHOLDER) != 1:
        return None
    return prepared


def get_by_natural_key(manager, username):
    """``manager.get_by_natural_key(username)``, executing a query compiled once where that is
    exactly equivalent (see the module docstring) and delegating to the manager otherwise."""
    if type(username) is not str or not _is_plain(manager):
        return manager.get_by_natural_key(username)
    model = manager.model
    db = manager.db
    key = (model, db)
    try:
        prepared = _prepared[key]
    except KeyError:
        prepared = _prepared[key] = _prepare(manager, db)
    if prepared is None:
        return manager.get_by_natural_key(username)

    params = prepared.params.copy()
    params[prepared.index] = username
    connection = connections[db]  # this thread's connection, as the ORM would use
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, params)
        rows = cursor.fetchall()  # at most MAX_GET_RESULTS, by the query's LIMIT
    name = model._meta.object_name
    if not rows:
        raise model.DoesNotExist(f"{name} matching query does not exist.")
    if len(rows) > 1:
        count = len(rows) if len(rows) < MAX_GET_RESULTS else f"more than {MAX_GET_RESULTS - 1}"
        raise model.MultipleObjectsReturned(
            f"get() returned more than one {name} -- it returned {count}!"
        )
    row = list(rows[0])
    for position, (converters, expression) in prepared.converters:
        value = row[position]
        for converter in converters:
            value = converter(value, expression, connection)
        row[position] = value
    return model.from_db(db, prepared.field_names, row)
