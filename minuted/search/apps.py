from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "minuted.search"
    label = "search"
    verbose_name = "Search"
