from django.urls import path
from ferrojwt.drf.views import obtain_jwt_token, refresh_jwt_token, verify_jwt_token
from posts.views import PostsView

urlpatterns = [
    path("auth/obtain_token/", obtain_jwt_token),
    path("auth/refresh_token/", refresh_jwt_token),
    path("auth/verify_token/", verify_jwt_token),
    path("api/posts/", PostsView.as_view()),
]
