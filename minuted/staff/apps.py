from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "minuted.staff"
    label = "staff"
    verbose_name = "Staff screens"
