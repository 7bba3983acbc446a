from django.contrib import admin
from django.urls import include, path

from minuted.audit.views import audit_csv

urlpatterns = [
    # Sign-in, reset, two-factor; first, so that /admin/login/ goes to the sign-in page.
    path("", include("minuted.accounts.urls")),
    path("admin/", admin.site.urls),
    path("manage/audit.csv", audit_csv, name="audit-csv"),
    path("manage/", include("minuted.staff.urls")),
    # Open data first: its addresses (calendar.ics, papers.atom, …) sit beside public pages.
    path("", include("minuted.interop.urls")),
    path("", include("minuted.api.urls")),
    path("", include("minuted.search.urls")),
    path("", include("minuted.publicsite.urls")),
]
