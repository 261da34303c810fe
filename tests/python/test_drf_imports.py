"""``ferrojwt.drf`` imports on Django 4.2–6.x / DRF 3.14–3.16 without PyJWT and exposes 1.11's names."""

from __future__ import annotations

import importlib
import os
import pathlib
import re
import subprocess
import sys

import ferrojwt
import pytest

DRF_DIR = pathlib.Path(ferrojwt.__file__).parent / "drf"
TESTS_DIR = pathlib.Path(__file__).parent

PUBLIC_NAMES = {
    "settings": ["api_settings", "DEFAULTS", "IMPORT_STRINGS", "USER_SETTINGS"],
    "utils": [
        "jwt_payload_handler",
        "jwt_encode_handler",
        "jwt_decode_handler",
        "jwt_get_secret_key",
        "jwt_get_user_id_from_payload_handler",
        "jwt_get_username_from_payload_handler",
        "jwt_response_payload_handler",
    ],
    "authentication": [
        "BaseJSONWebTokenAuthentication",
        "JSONWebTokenAuthentication",
        "jwt_decode_handler",
        "jwt_get_username_from_payload",
    ],
    "serializers": [
        "JSONWebTokenSerializer",
        "VerificationBaseSerializer",
        "VerifyJSONWebTokenSerializer",
        "RefreshJSONWebTokenSerializer",
        "User",
        "jwt_payload_handler",
        "jwt_encode_handler",
        "jwt_decode_handler",
        "jwt_get_username_from_payload",
    ],
    "views": [
        "JSONWebTokenAPIView",
        "ObtainJSONWebToken",
        "VerifyJSONWebToken",
        "RefreshJSONWebToken",
        "obtain_jwt_token",
        "refresh_jwt_token",
        "verify_jwt_token",
        "jwt_response_payload_handler",
    ],
    "compat": [
        "Serializer",
        "PasswordField",
        "get_username_field",
        "get_username",
        "get_user_model",
    ],
    "test": ["APIJWTClient", "APIJWTTestCase"],
    "models": [],
}


@pytest.mark.parametrize("module", sorted(PUBLIC_NAMES))
def test_public_names(module):
    mod = importlib.import_module(f"ferrojwt.drf.{module}")
    missing = [name for name in PUBLIC_NAMES[module] if not hasattr(mod, name)]
    assert not missing


def test_compat_reexports_get_user_model():
    from django.contrib import auth
    from ferrojwt.drf import compat

    assert compat.get_user_model is auth.get_user_model


def test_module_handlers_are_the_configured_ones():
    from ferrojwt.drf import authentication, serializers, utils, views

    assert authentication.jwt_decode_handler is utils.jwt_decode_handler
    assert serializers.jwt_encode_handler is utils.jwt_encode_handler
    assert views.jwt_response_payload_handler is utils.jwt_response_payload_handler


def test_verification_base_serializer_is_abstract():
    from ferrojwt.drf.serializers import VerificationBaseSerializer

    with pytest.raises(NotImplementedError, match="Please define a validate method."):
        VerificationBaseSerializer().validate({})


def test_password_field_style():
    from ferrojwt.drf.compat import PasswordField

    assert PasswordField().style == {"input_type": "password"}
    assert PasswordField(style={"placeholder": "x"}).style == {
        "placeholder": "x",
        "input_type": "password",
    }


@pytest.mark.parametrize("path", sorted(DRF_DIR.rglob("*.py")), ids=lambda p: p.name)
def test_no_names_removed_from_django(path):
    source = path.read_text()
    for name in ("ugettext", "smart_text", "force_text", "django.conf.urls import url"):
        assert name not in source
    # PyJWT may only be imported optionally (inside a function, guarded), never at module level.
    assert not re.search(r"^(import jwt|from jwt\b)", source, re.MULTILINE)


BLOCK_PYJWT = """
import importlib.abc, sys

class NoPyJWT(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "jwt" or name.startswith("jwt."):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)")
        return None

sys.meta_path.insert(0, NoPyJWT())
for name in [n for n in sys.modules if n == "jwt" or n.startswith("jwt.")]:
    del sys.modules[name]

import django
django.setup()
from ferrojwt.drf import apps, authentication, compat, handlers_for_original, models, serializers, settings, stateless, test, utils, views
assert not handlers_for_original.install_pyjwt1_aliases()
from django.urls import reverse
from rest_framework.test import APIClient
import ferrojwt
assert "jwt" not in sys.modules
print("ok", django.get_version())
"""


def test_imports_with_pyjwt_unavailable():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="testproject.settings")
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS_DIR), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-W", "error::ImportWarning", "-c", BLOCK_PYJWT],
        capture_output=True,
        text=True,
        env=env,
        cwd=TESTS_DIR,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok {EXPECT_DJANGO}")


#: The stack this run must be on: .venv's (Django 5.2, DRF 3.16) unless a `make test-matrix` cell
#: says otherwise, so a cell that silently installed another version fails here.
EXPECT_DJANGO = os.environ.get("FERROJWT_EXPECT_DJANGO", "5.2")
EXPECT_DRF = os.environ.get("FERROJWT_EXPECT_DRF", "3.16")


def test_stack_versions():
    import django
    import rest_framework

    assert django.get_version().startswith(EXPECT_DJANGO + ".")
    assert rest_framework.VERSION.startswith(EXPECT_DRF + ".")
