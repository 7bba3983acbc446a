from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "minuted.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from minuted.audit import receivers

        receivers.connect()
