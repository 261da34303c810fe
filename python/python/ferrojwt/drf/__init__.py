"""Drop-in replacement for ``rest_framework_jwt`` (djangorestframework_jwt 1.11) on ferrojwt.

The submodules mirror the original package one for one (``settings``, ``utils``,
``authentication``, ``serializers``, ``views``, ``compat``, ``test``, ``models``), so a project
switches by replacing ``rest_framework_jwt`` with ``ferrojwt.drf`` in its imports and import
strings. This module imports nothing itself: the submodules need configured Django settings, and
some of them a ready app registry, exactly as the original did.
"""
