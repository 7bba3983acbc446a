"""Audit entries for changes that have no single service to call from: publishing (the apps'
signals), accounts (any save of a User, from the admin or a command), attendance (the register
screen, apologies, the API all save marks) and failed sign-ins."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from minuted.audit.context import current_request
from minuted.audit.services import difference, record, snapshot

USER_FIELDS = ("role", "is_active", "is_staff", "is_superuser")


def on_pack_published(sender: Any, version: Any, **kwargs: Any) -> None:
    meeting = version.meeting
    action = "pack.publish" if version.number == 1 else "pack.republish"
    record(
        action,
        version,
        user=version.published_by,
        object_label=f"{meeting.board.name}, {meeting.date}: {version.get_kind_display()} "
        f"pack version {version.number}",
        summary=version.reason or "First publication",
        after={
            "meeting": str(meeting.uid),
            "kind": version.kind,
            "number": version.number,
            "reason": version.reason,
        },
    )


def on_minutes_published(sender: Any, version: Any, **kwargs: Any) -> None:
    meeting = version.meeting
    record(
        "minutes.publish" if version.number == 1 else "minutes.republish",
        version,
        user=version.published_by,
        object_label=f"{meeting.board.name}, {meeting.date}: minutes version {version.number}",
        summary=version.reason or "First publication",
        after={"meeting": str(meeting.uid), "number": version.number, "reason": version.reason},
    )


def _user_fields(user: Any) -> dict[str, Any]:
    return {field: getattr(user, field) for field in USER_FIELDS}


def before_user_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & set(USER_FIELDS):
        instance._audit_before = None  # e.g. last_login at every sign-in: nothing to compare
        return
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = _user_fields(old) if old is not None else None


def after_user_saved(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw:
        return  # loading fixtures
    old = getattr(instance, "_audit_before", None)
    new = _user_fields(instance)
    if not created and old is None:
        return
    if created:
        record("user.create", instance, after=new, summary="Account created")
        return
    before, after = difference(old, new)
    if not after:
        return  # a name or password change: not a role or permission change
    summary = "Account deactivated" if after.get("is_active") is False else "Role or access changed"
    record("user.change", instance, before=before, after=after, summary=summary)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    # Django has already replaced the password with stars; record only the address tried.
    tried = str(credentials.get("username") or credentials.get("email") or "")[:255]
    token = current_request.set(request) if request is not None else None
    try:
        record(
            "auth.login_failed",
            who_label=tried,
            object_type="accounts.user",
            object_label=tried,
            summary="Sign-in failed",
        )
    finally:
        if token is not None:
            current_request.reset(token)


def _after_meeting(attendance: Any) -> bool:
    return bool(attendance.meeting.date < timezone.localdate())


def before_attendance_saved(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    if raw or not _after_meeting(instance):
        return
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = snapshot(old)


def after_attendance_saved(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    if raw or not _after_meeting(instance):
        return
    before, after = difference(getattr(instance, "_audit_before", None), snapshot(instance))
    if before is not None and not after:
        return
    record(
        "attendance.change",
        instance,
        before=before,
        after=after,
        summary=f"Register of {instance.meeting} changed after the meeting",
    )


def after_attendance_deleted(sender: Any, instance: Any, **kw: Any) -> None:
    if not _after_meeting(instance):
        return
    record(
        "attendance.change",
        instance,
        before=snapshot(instance),
        summary=f"Mark removed from the register of {instance.meeting} after the meeting",
    )


def connect() -> None:
    from minuted.papers.signals import pack_published
    from minuted.record.models import Attendance
    from minuted.record.signals import minutes_published

    user_model = get_user_model()
    pack_published.connect(on_pack_published, dispatch_uid="audit.pack_published")
    minutes_published.connect(on_minutes_published, dispatch_uid="audit.minutes_published")
    pre_save.connect(before_user_saved, sender=user_model, dispatch_uid="audit.user_pre")
    post_save.connect(after_user_saved, sender=user_model, dispatch_uid="audit.user_post")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    pre_save.connect(before_attendance_saved, sender=Attendance, dispatch_uid="audit.att_pre")
    post_save.connect(after_attendance_saved, sender=Attendance, dispatch_uid="audit.att_post")
    post_delete.connect(after_attendance_deleted, sender=Attendance, dispatch_uid="audit.att_del")
