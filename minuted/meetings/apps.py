from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "minuted.meetings"
    label = "meetings"
    verbose_name = "Meetings"
