from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data spanning every domain app (a face: it may import them all)."""

    name = "minuted.demo"
    label = "demo"
    verbose_name = "Demonstration data"
