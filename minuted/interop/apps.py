from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "minuted.interop"
    label = "interop"
    verbose_name = "Open data and interoperability"

    def ready(self) -> None:
        from minuted.interop.oparl import signals

        signals.connect()
