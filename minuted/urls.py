from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from minuted.audit.views import audit_csv

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="accounts/sign_in.html"),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("manage/audit.csv", audit_csv, name="audit-csv"),
    path("manage/", include("minuted.staff.urls")),
    # Open data first: its addresses (calendar.ics, papers.atom, …) sit beside public pages.
    path("", include("minuted.interop.urls")),
    path("", include("minuted.api.urls")),
    path("", include("minuted.search.urls")),
    path("", include("minuted.publicsite.urls")),
]
