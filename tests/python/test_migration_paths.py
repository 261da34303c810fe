"""The migration paths of docs/migrating.md.

(a) imports and setting strings changed to ``ferrojwt.drf``: tested here in-process, with the
    project's REST_FRAMEWORK and JWT_AUTH naming ferrojwt.drf only.
(b) ``import ferrojwt.drf.compat_alias`` in settings.py: migration_alias/ is a project that only
    knows ``rest_framework_jwt``; it runs here in a subprocess under its own settings.
(c) the original package with ferrojwt's handlers: migration_original/, run by
    ``make test-migration-original`` (part of ``make test-matrix``) on Django 3.2.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest
from django.test import override_settings

TESTS_DIR = pathlib.Path(__file__).parent
#: Tokens issued by the original djangorestframework-jwt 1.11.0 handlers (tests/fixtures/gen_drfjwt.py).
FIXTURES = TESTS_DIR.parent / "fixtures" / "drfjwt_tokens.json"
FIXTURE_SECRET = "django-insecure-5x!w@k2#kq3vz8$h+9^p(0u&3)b7-demo-secret-50-chars-xx"

PATH_A_REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "ferrojwt.drf.authentication.JSONWebTokenAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
}
PATH_A_JWT_AUTH = {
    "JWT_ENCODE_HANDLER": "ferrojwt.drf.utils.jwt_encode_handler",
    "JWT_DECODE_HANDLER": "ferrojwt.drf.utils.jwt_decode_handler",
    "JWT_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_payload_handler",
    "JWT_RESPONSE_PAYLOAD_HANDLER": "ferrojwt.drf.utils.jwt_response_payload_handler",
    "JWT_SECRET_KEY": FIXTURE_SECRET,
    "JWT_ALLOW_REFRESH": True,
}


def fixture(name="HS256 refresh on"):
    return next(c for c in json.loads(FIXTURES.read_text())["cases"] if c["name"] == name)


@override_settings(REST_FRAMEWORK=PATH_A_REST_FRAMEWORK, JWT_AUTH=PATH_A_JWT_AUTH)
def test_path_a_project_on_ferrojwt_names(api_client, user):
    from ferrojwt.drf import utils
    from ferrojwt.drf.settings import api_settings

    assert api_settings.JWT_RESPONSE_PAYLOAD_HANDLER is utils.jwt_response_payload_handler
    response = api_client.get("/default-auth/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'JWT realm="api"'

    response = api_client.post(
        "/api-token-auth/", {"username": "jpueblo", "password": "password"}, format="json"
    )
    token = response.data["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"JWT {token}")
    assert api_client.get("/default-auth/").data == {"username": "jpueblo"}


@override_settings(REST_FRAMEWORK=PATH_A_REST_FRAMEWORK, JWT_AUTH=PATH_A_JWT_AUTH)
def test_path_a_token_issued_before_the_migration(api_client, user, monkeypatch):
    """A token the original djangorestframework_jwt 1.11 handlers issued (on PyJWT 1.7.1, with the
    same secret) still authenticates."""
    monkeypatch.setattr(time, "time", lambda: fixture()["now"] + 100.5)
    api_client.credentials(HTTP_AUTHORIZATION=f"JWT {fixture()['token']}")
    response = api_client.get("/default-auth/")
    assert response.status_code == 200, response.data


def test_path_a_no_rest_framework_jwt_needed():
    assert "rest_framework_jwt" not in sys.modules


def test_path_b_alias_project():
    """Runs migration_alias/ (settings with `import ferrojwt.drf.compat_alias` and only
    rest_framework_jwt names) in a fresh interpreter."""
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=TESTS_DIR / "migration_alias",
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "failed" not in result.stdout


ALIAS_TOO_LATE = """
import sys, types
sys.modules["rest_framework_jwt"] = types.ModuleType("rest_framework_jwt")
try:
    import ferrojwt.drf.compat_alias
except ImportError as exc:
    print("refused:", exc)
"""


def test_path_b_alias_refuses_after_the_original_was_imported():
    result = subprocess.run(
        [sys.executable, "-c", ALIAS_TOO_LATE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.startswith("refused: rest_framework_jwt"), result.stderr


def test_path_c_handlers_are_ferrojwt_handlers_on_our_settings_too(user):
    """handlers_for_original reads the original's api_settings; under the alias that object is
    ferrojwt.drf's, so the shim also works after a later switch to path (b)."""
    from ferrojwt.drf import handlers_for_original, utils

    token = utils.jwt_encode_handler(utils.jwt_payload_handler(user))
    code = (
        "import ferrojwt.drf.compat_alias, django; django.setup();"
        "from ferrojwt.drf import handlers_for_original as h;"
        f"print(h.jwt_decode_handler({token!r})['username'])"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="testproject.settings")
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS_DIR), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env,
        cwd=TESTS_DIR, timeout=60, check=False,
    )
    assert result.stdout.strip() == "jpueblo", result.stderr
    assert handlers_for_original.install_pyjwt1_aliases() in (True, False)


def test_app_label_cannot_clash_with_a_drf_app():
    from django.apps import apps

    config = apps.get_app_config("ferrojwt_drf")
    assert config.name == "ferrojwt.drf"
    assert config.label != "drf"


USER_APP_NAMED_DRF = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "rest_framework",
                    "ferrojwt.drf", "drf"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
from django.apps import apps
print(apps.get_app_config("drf").name, apps.get_app_config("ferrojwt_drf").name)
"""


def test_a_project_app_named_drf_does_not_clash(tmp_path):
    (tmp_path / "drf").mkdir()
    (tmp_path / "drf" / "__init__.py").write_text("")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", USER_APP_NAMED_DRF], capture_output=True, text=True,
        env=env, cwd=tmp_path, timeout=60, check=False,
    )
    assert result.stdout.split() == ["drf", "ferrojwt.drf"], result.stderr
