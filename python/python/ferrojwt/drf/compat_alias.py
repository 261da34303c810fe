"""Migration path (b): ``rest_framework_jwt`` becomes another name for ``ferrojwt.drf``.

Add one line at the top of ``settings.py`` (before anything imports ``rest_framework_jwt``)::

    import ferrojwt.drf.compat_alias  # noqa: F401  (rest_framework_jwt -> ferrojwt.drf)

From then on ``import rest_framework_jwt.utils`` (and ``.settings``, ``.authentication``,
``.serializers``, ``.views``, ``.compat``, ``.test``, ``.models``, ``.apps``) returns the very
module object ``ferrojwt.drf.utils``, so:

* import strings in ``JWT_AUTH`` (``'rest_framework_jwt.utils.jwt_response_payload_handler'``) and
  in ``REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES']`` resolve to ferrojwt's objects;
* ``mock.patch('rest_framework_jwt.views.jwt_response_payload_handler')`` patches the global that
  ``ferrojwt.drf.views`` reads, and the other way round;
* ``'rest_framework_jwt'`` may stay in ``INSTALLED_APPS`` (its app label becomes ``ferrojwt_drf``).

Installing the alias imports nothing from Django: the submodules are loaded only when first
imported, exactly as the original's were, so the line is safe in ``settings.py``. It is
idempotent. If the real ``rest_framework_jwt`` was already imported in this process, the alias
refuses (``ImportError``) rather than leave two copies of its settings and handlers around.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

import ferrojwt.drf as _target

ALIAS = "rest_framework_jwt"
TARGET = "ferrojwt.drf"

__all__ = ["ALIAS", "TARGET", "install", "installed"]


class _AliasLoader(importlib.abc.Loader):
    """Hands back the already imported ``ferrojwt.drf.<name>`` module instead of a new one."""

    def __init__(self, target_name: str) -> None:
        self.target_name = target_name

    def create_module(self, spec):
        module = importlib.import_module(self.target_name)
        self._own_spec = getattr(module, "__spec__", None)
        return module

    def exec_module(self, module) -> None:
        # The target module was executed by its own import; running it again would create
        # a second set of handlers and settings. The import system has just stamped the
        # alias's spec on it: give it back its own, so reload() and tooling see ferrojwt.drf.
        if self._own_spec is not None:
            module.__spec__ = self._own_spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Resolves ``rest_framework_jwt.<x>`` to ``ferrojwt.drf.<x>`` (same module object)."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith(ALIAS + "."):
            return None
        target_name = TARGET + fullname[len(ALIAS) :]
        if importlib.util.find_spec(target_name) is None:
            return None
        return importlib.machinery.ModuleSpec(
            fullname, _AliasLoader(target_name), is_package=False
        )


_FINDER = _AliasFinder()


def installed() -> bool:
    """True when ``rest_framework_jwt`` currently names ``ferrojwt.drf`` in this process."""
    return sys.modules.get(ALIAS) is _target and _FINDER in sys.meta_path


def install() -> None:
    """Makes ``rest_framework_jwt`` and its submodules aliases of ``ferrojwt.drf``. Idempotent."""
    existing = sys.modules.get(ALIAS)
    if existing is not None and existing is not _target:
        raise ImportError(
            "rest_framework_jwt (the original djangorestframework-jwt) was imported before "
            "ferrojwt.drf.compat_alias: put `import ferrojwt.drf.compat_alias` at the top of "
            "settings.py, before anything imports rest_framework_jwt"
        )
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    sys.modules[ALIAS] = _target
    # Submodules ferrojwt.drf already loaded answer under the alias too.
    prefix = TARGET + "."
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix) and module is not None:
            sys.modules.setdefault(ALIAS + name[len(TARGET) :], module)


install()
