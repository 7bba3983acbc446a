from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "minuted.api"
    label = "api"
    verbose_name = "JSON API"
