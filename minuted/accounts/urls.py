"""Sign-in, password reset and the two-factor screen (included at the root by minuted/urls.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from minuted.accounts import views

urlpatterns = [
    path("admin/login/", views.admin_login, name="admin-login-redirect"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views.code, name="account-code"),
    path("sign-in/set-up/", views.set_up, name="account-set-up"),
    path(
        "sign-in/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/reset_form.html",
            email_template_name="accounts/reset_email.txt",
            subject_template_name="accounts/reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "sign-in/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "sign-in/reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sign-in/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/reset_done.html"),
        name="password_reset_complete",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("manage/me/two-factor/", views.two_factor, name="account-two-factor"),
]
