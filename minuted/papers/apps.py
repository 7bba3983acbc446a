from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "minuted.papers"
    label = "papers"
    verbose_name = "Reports and agenda packs"
