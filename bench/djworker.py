"""One Django stack under test, driven by bench/run.py over stdin/stdout (JSON lines).

Usage: djworker.py STACK DBPATH   with STACK in ferrojwt, ferrojwt-stateless, drfjwt.
Same Django, DRF, SQLite database file and views for every stack; only the authentication class
and the refresh view differ. Requests go through Django's test client (the whole
middleware/URL/view/DRF stack, no sockets). djangorestframework-jwt 1.11 runs on PyJWT 2 with
the shims below (bench only): ugettext/smart_text aliases and PyJWT 2 encode/decode handlers.
"""

import json
import sys
import time
from importlib import import_module

import django
from django.conf import settings

STACK, DB = sys.argv[1], sys.argv[2]
SECRET = "bench-secret-key-" + "k" * 33  # 50 characters, used as the HS256 secret

if STACK == "drfjwt":
    import django.utils.encoding as _enc
    import django.utils.translation as _tr

    _tr.ugettext = _tr.gettext
    _tr.ugettext_lazy = _tr.gettext_lazy
    _enc.smart_text = _enc.smart_str
    PKG = "rest_framework_jwt"
    jwt_auth = {
        "JWT_ENCODE_HANDLER": "__main__.pyjwt2_encode_handler",
        "JWT_DECODE_HANDLER": "__main__.pyjwt2_decode_handler",
        "JWT_ALLOW_REFRESH": True,
    }
else:
    PKG = "ferrojwt.drf"
    jwt_auth = {"JWT_ALLOW_REFRESH": True}

# ferrojwt.drf's opt-in (docs/compatibility.md): request.user built from the claims, no query.
STATELESS_KEY = "JWT_STATELESS_USER" if STACK == "ferrojwt-stateless" else None
if STATELESS_KEY:
    jwt_auth[STATELESS_KEY] = True

settings.configure(
    SECRET_KEY=SECRET,
    DEBUG=False,
    ALLOWED_HOSTS=["testserver"],
    USE_TZ=True,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "rest_framework"]
    + (["ferrojwt.drf"] if PKG == "ferrojwt.drf" else []),
    MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"],
    ROOT_URLCONF="__main__",
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DB}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    REST_FRAMEWORK={"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]},
    JWT_AUTH=jwt_auth,
)
django.setup()

if STATELESS_KEY and STATELESS_KEY not in import_module("ferrojwt.drf.settings").DEFAULTS:
    # An unknown JWT_AUTH key is silently ignored, which would time the ordinary stack twice.
    print(json.dumps({"unavailable": f"this ferrojwt.drf has no {STATELESS_KEY} setting"}), flush=True)
    raise SystemExit(0)


def pyjwt2_encode_handler(payload):
    import jwt
    from rest_framework_jwt.settings import api_settings
    from rest_framework_jwt.utils import jwt_get_secret_key

    key = api_settings.JWT_PRIVATE_KEY or jwt_get_secret_key(payload)
    return jwt.encode(payload, key, api_settings.JWT_ALGORITHM)  # PyJWT 2 returns str


def pyjwt2_decode_handler(token):
    import jwt
    from rest_framework_jwt.settings import api_settings
    from rest_framework_jwt.utils import jwt_get_secret_key

    options = {"verify_exp": api_settings.JWT_VERIFY_EXPIRATION}
    unverified = jwt.decode(token, options={"verify_signature": False})
    secret_key = jwt_get_secret_key(unverified)
    return jwt.decode(
        token,
        api_settings.JWT_PUBLIC_KEY or secret_key,
        options=options,
        leeway=api_settings.JWT_LEEWAY,
        audience=api_settings.JWT_AUDIENCE,
        issuer=api_settings.JWT_ISSUER,
        algorithms=[api_settings.JWT_ALGORITHM],
    )


from django.test import Client  # noqa: E402  (needs the settings configured above)
from django.urls import path  # noqa: E402
from rest_framework.permissions import IsAuthenticated  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

auth_mod = import_module(PKG + ".authentication")
views_mod = import_module(PKG + ".views")
utils_mod = import_module(PKG + ".utils")


class Me(APIView):
    authentication_classes = (auth_mod.JSONWebTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def get(self, request):
        return Response({"username": request.user.username})


urlpatterns = [
    path("me", Me.as_view()),
    path("refresh", views_mod.refresh_jwt_token),
]


def rss_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    if "--migrate" in sys.argv:
        call_command("migrate", verbosity=0, run_syncdb=True)
        User = get_user_model()
        if not User.objects.filter(username="alice").exists():
            User.objects.create_user("alice", "alice@example.com", "pw")
        return
    User = get_user_model()
    user = User.objects.get(username="alice")
    api_settings = import_module(PKG + ".settings").api_settings
    token = api_settings.JWT_ENCODE_HANDLER(api_settings.JWT_PAYLOAD_HANDLER(user))
    if isinstance(token, bytes):
        token = token.decode()
    client = Client()
    auth = {"HTTP_AUTHORIZATION": "JWT " + token}
    r = client.get("/me", **auth)
    assert r.status_code == 200 and r.json()["username"] == "alice", (r.status_code, r.content)
    r = client.post("/refresh", {"token": token}, content_type="application/json")
    assert r.status_code == 200 and "token" in r.json(), (r.status_code, r.content)
    body = json.dumps({"token": token})
    import rest_framework

    print(json.dumps({"ready": True, "django": django.get_version(), "drf": rest_framework.VERSION,
                      "stateless_key": STATELESS_KEY}), flush=True)
    peaks = {}
    perf = time.perf_counter
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            break
        if cmd["cmd"] == "peaks":
            print(json.dumps({"peaks": peaks}), flush=True)
            continue
        n = cmd["n"]
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        if cmd["op"] == "get":
            t0 = perf()
            for _ in range(n):
                client.get("/me", **auth)
        else:
            t0 = perf()
            for _ in range(n):
                client.post("/refresh", body, content_type="application/json")
        dt = perf() - t0
        peaks[cmd["op"]] = max(peaks.get(cmd["op"], 0), rss_kib("VmHWM"))
        print(json.dumps({"rps": n / dt}), flush=True)


if __name__ == "__main__":
    main()
