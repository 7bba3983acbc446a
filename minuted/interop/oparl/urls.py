"""OParl 1.1 under /oparl/v1/ (mounted by minuted/interop/urls.py); see docs/oparl.md."""

from django.urls import URLPattern, URLResolver, path

from minuted.interop.oparl import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.system, name="oparl-system"),
    path("bodies/", views.body_list, name="oparl-bodies"),
    path("body/<uuid:uid>/", views.body_detail, name="oparl-body"),
    path("body/<uuid:uid>/<slug:name>/", views.body_sublist, name="oparl-body-list"),
    path(
        "organization/<uuid:uid>/meetings/",
        views.organization_meetings,
        name="oparl-organization-meetings",
    ),
    path("file/<str:key>/download/", views.file_download, name="oparl-file-download"),
    path("<slug:type_slug>/<str:key>/", views.object_detail, name="oparl-object"),
]
