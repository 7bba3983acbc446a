from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "minuted.governance"
    label = "governance"
    verbose_name = "Governance"
