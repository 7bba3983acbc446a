from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces with no domain: the abstract record, Markdown rendering, template tags,
    and the public page cache."""

    name = "minuted.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from minuted.core import pagecache

        pagecache.connect()
