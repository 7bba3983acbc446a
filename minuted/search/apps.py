from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "minuted.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from minuted.search import receivers

        receivers.connect()
        post_migrate.connect(receivers.on_migrated, sender=self, dispatch_uid="search.migrated")
