from django.apps import AppConfig


class PublicsiteConfig(AppConfig):
    name = "minuted.publicsite"
    label = "publicsite"
    verbose_name = "Public site"
