from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "minuted.accounts"
    label = "accounts"
    verbose_name = "Accounts"
