from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "minuted.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from minuted.accounts.services import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="accounts.lockout_audit")
