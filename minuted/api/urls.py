"""The JSON API, version 1, under /api/v1/."""

from django.urls import path

from minuted.api.api import api

urlpatterns = [path("api/v1/", api.urls)]
