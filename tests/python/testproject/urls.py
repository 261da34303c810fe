from django.urls import re_path
from ferrojwt.drf import views as jwt_views

from . import views

urlpatterns = [
    re_path(r"^api-token-auth/$", jwt_views.obtain_jwt_token),
    re_path(r"^api-token-refresh/$", jwt_views.refresh_jwt_token),
    re_path(r"^api-token-verify/$", jwt_views.verify_jwt_token),
    re_path(r"^protected/$", views.ProtectedView.as_view()),
    re_path(r"^basic-then-jwt/$", views.BasicThenJWTView.as_view()),
    re_path(r"^session-first/$", views.SessionFirstView.as_view()),
    re_path(r"^default-auth/$", views.DefaultAuthView.as_view()),
]
