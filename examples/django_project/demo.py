#!/usr/bin/env python
"""The ferrojwt demo: the djangorestframework_jwt 1.11 flow, over real HTTP, against a real server.

Run from the repository root with the project's virtualenv (``make demo`` does exactly this)::

    .venv/bin/python examples/django_project/demo.py

It migrates the SQLite database next to this file, creates (or resets) the user ``demo``, starts
``manage.py runserver`` on a free port of 127.0.0.1 and then runs

    obtain -> GET posts (200) -> GET without a token (401 + challenge)
    -> GET with a tampered token (401) -> refresh (same orig_iat) -> verify (200)

printing every request and response. The server is always stopped. The exit status is 0 only if
every step answered exactly as djangorestframework_jwt 1.11 would.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
USERNAME = "demo"
PASSWORD = "demo-password-1234"
EMAIL = "demo@example.com"
SERVER_START_TIMEOUT = 60.0


class StepFailed(Exception):
    """A response differed from what 1.11 answers."""


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise StepFailed(what)
    print(f"    ok: {what}")


def prepare_database() -> None:
    """Migrations, the demo user (password reset on every run) and a few posts."""
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_project.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from posts.models import Post

    call_command("migrate", interactive=False, verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.email = EMAIL
    user.is_active = True
    user.set_password(PASSWORD)
    user.save()
    if not Post.objects.exists():
        Post.objects.create(
            title="Hello, ferrojwt", body="Tokens signed and checked in Rust."
        )
        Post.objects.create(
            title="Still djangorestframework_jwt", body="Same settings, same tokens."
        )
    print(f"database ready: {HERE / 'db.sqlite3'} (user {USERNAME!r})")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise StepFailed(f"the server exited early with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise StepFailed(
        f"the server did not listen on port {port} within {SERVER_START_TIMEOUT:.0f} s"
    )


class Client:
    """A tiny JSON client on urllib that prints each exchange."""

    def __init__(self, base: str) -> None:
        self.base = base

    def call(self, method: str, path: str, body=None, authorization: str | None = None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if authorization is not None:
            request.add_header("Authorization", authorization)

        print(f"\n> {method} {self.base}{path}")
        if authorization is not None:
            print(f"> Authorization: {authorization}")
        if body is not None:
            print(f"> {json.dumps(body)}")
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                status, headers, raw = (
                    response.status,
                    response.headers,
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, error.headers, error.read()

        print(f"< {status}")
        for name in ("Content-Type", "WWW-Authenticate"):
            if headers.get(name):
                print(f"< {name}: {headers.get(name)}")
        text = raw.decode("utf-8", "replace")
        print(f"< {text}")
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = None
        return status, headers, payload


def claims(token: str) -> dict:
    import ferrojwt

    return ferrojwt.decode(token, options={"verify_signature": False})


def tamper(token: str) -> str:
    """The same token with one character of its signature changed."""
    header, payload, signature = token.split(".")
    replacement = "A" if signature[0] != "A" else "B"
    return f"{header}.{payload}.{replacement}{signature[1:]}"


def run_flow(client: Client) -> None:
    print("\n== 1. obtain a token")
    status, _, body = client.call(
        "POST", "/auth/obtain_token/", {"username": USERNAME, "password": PASSWORD}
    )
    expect(status == 200, "obtain answers 200")
    expect(
        isinstance(body, dict) and isinstance(body.get("token"), str),
        'body is {"token": "..."}',
    )
    token = body["token"]
    first = claims(token)
    print(f"    claims: {json.dumps(first)}")
    expect(
        list(first) == ["user_id", "username", "exp", "email", "orig_iat"],
        "claims in 1.11's order, with orig_iat (JWT_ALLOW_REFRESH)",
    )
    expect(first["exp"] - first["orig_iat"] == 3600, "exp is one hour after orig_iat")

    print("\n== 2. the protected list, with the token")
    status, _, body = client.call("GET", "/api/posts/", authorization=f"JWT {token}")
    expect(status == 200, "posts answer 200")
    expect(isinstance(body, list) and len(body) > 0, "posts are listed")

    print("\n== 3. the protected list, without a token")
    status, headers, body = client.call("GET", "/api/posts/")
    expect(status == 401, "answers 401")
    expect(
        headers.get("WWW-Authenticate") == 'JWT realm="api"',
        'WWW-Authenticate: JWT realm="api"',
    )
    expect(
        body == {"detail": "Authentication credentials were not provided."},
        "detail as 1.11",
    )

    print("\n== 4. the protected list, with a tampered token")
    status, headers, body = client.call(
        "GET", "/api/posts/", authorization=f"JWT {tamper(token)}"
    )
    expect(status == 401, "answers 401")
    expect(
        body == {"detail": "Error decoding signature."}, '"Error decoding signature."'
    )
    expect(
        headers.get("WWW-Authenticate") == 'JWT realm="api"',
        'WWW-Authenticate: JWT realm="api"',
    )

    # A refresh within the second of issue yields the very same token (1.11 does that too), so
    # let the server's clock pass the second the first token was issued in.
    wait = first["orig_iat"] + 1 - time.time()
    if wait > 0:
        time.sleep(wait)

    print("\n== 5. refresh")
    status, _, body = client.call("POST", "/auth/refresh_token/", {"token": token})
    expect(status == 200, "refresh answers 200")
    refreshed = body["token"] if isinstance(body, dict) else None
    expect(isinstance(refreshed, str) and refreshed != token, "a new token")
    second = claims(refreshed)
    print(f"    claims: {json.dumps(second)}")
    expect(second["orig_iat"] == first["orig_iat"], "the same orig_iat")
    expect(second["exp"] > first["exp"], "a later exp")

    print("\n== 6. verify the new token")
    status, _, body = client.call("POST", "/auth/verify_token/", {"token": refreshed})
    expect(status == 200, "verify answers 200")
    expect(body == {"token": refreshed}, "the same token comes back")

    print("\n== 7. the protected list, with the refreshed token")
    status, _, body = client.call(
        "GET", "/api/posts/", authorization=f"JWT {refreshed}"
    )
    expect(status == 200, "posts answer 200")


def main() -> int:
    prepare_database()
    port = free_port()
    env = dict(
        os.environ, PYTHONUNBUFFERED="1", DJANGO_SETTINGS_MODULE="demo_project.settings"
    )
    with tempfile.TemporaryFile("w+") as log:
        command = [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
        ]
        print(f"starting: {' '.join(command)} (in {HERE})")
        server = subprocess.Popen(
            command, cwd=HERE, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port, server)
            print(f"server listening on http://127.0.0.1:{port} (pid {server.pid})")
            run_flow(Client(f"http://127.0.0.1:{port}"))
        except StepFailed as failure:
            print(f"\nFAILED: {failure}", file=sys.stderr)
            log.seek(0)
            print(
                "---- server log ----\n" + log.read() + "--------------------",
                file=sys.stderr,
            )
            return 1
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            print(f"server stopped (exit status {server.returncode})")

    print(
        "\nPASSED: obtain, protected GET, 401 without token, 401 tampered, refresh, verify."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
