"""The site without the open-data and search apps: pages must not depend on them."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("manage/", include("minuted.staff.urls")),
    path("", include("minuted.publicsite.urls")),
]
