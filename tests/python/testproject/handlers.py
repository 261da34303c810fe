"""Custom handlers referenced by import string from tests."""


def response_with_user(token, user=None, request=None):
    return {"token": token, "user": user.get_username() if user else None}


def no_token_response(token, user=None, request=None):
    return {"ok": True}
