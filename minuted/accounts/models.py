"""Users and their roles. Which boards a clerk serves and which person a member is are held by
the governance app (``Board.clerks``, ``Person.user``); the policy module reads both."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    CLERK = "clerk", "Clerk"
    OFFICER = "officer", "Officer"
    MEMBER = "member", "Member"


class User(AbstractUser):
    """A person who signs in. Sign-in is by e-mail address."""

    email = models.EmailField("e-mail address", unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.ADMINISTRATOR)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Administrators run the Django admin at /admin/; nobody else needs it.
        if self.role == Role.ADMINISTRATOR:
            self.is_staff = True
        super().save(*args, **kwargs)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_administrator or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_administrator or super().has_module_perms(app_label)
