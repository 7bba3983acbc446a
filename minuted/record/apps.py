from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "minuted.record"
    label = "record"
    verbose_name = "The meeting record"
