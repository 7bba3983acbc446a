from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "minuted.programme"
    label = "programme"
    verbose_name = "Improvement programmes"
