from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces with no domain: the abstract record, Markdown rendering, template tags."""

    name = "minuted.core"
    label = "core"
    verbose_name = "Core"
