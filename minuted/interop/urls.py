"""Open data: OParl 1.1 under /oparl/v1/, the ModernGov-compatible web service under
/mgWebService.asmx/, and the calendars, feeds and CSV downloads beside the public pages."""

from django.urls import include, path

urlpatterns = [
    path("oparl/v1/", include("minuted.interop.oparl.urls")),
    path("mgWebService.asmx/", include("minuted.interop.moderngov.urls")),
    path("", include("minuted.interop.exports_urls")),
]
