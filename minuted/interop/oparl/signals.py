"""Keeping the OParl entries current: a meeting's entries are rebuilt when a version of its
pack or minutes is published, and a deleted row leaves a tombstone so that harvesters asking
what changed since a moment learn that it went.

Nothing here may stop a publication or a deletion: a failure is logged, and the entries are
rebuilt from the versions the next time they are served (index.refresh_stale)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from minuted.governance.models import Board, Membership, Organisation, Person, PoliticalGroup, Term
from minuted.interop.models import OParlEntry, OParlMeetingState, OParlType
from minuted.meetings.models import Meeting
from minuted.papers.models import PackVersion
from minuted.record.models import Attendance, MinutesVersion, OtherAttendee

log = logging.getLogger(__name__)


def _uid(model: type[models.Model], pk: Any) -> uuid.UUID | None:
    if pk is None:
        return None
    return model._default_manager.filter(pk=pk).values_list("uid", flat=True).first()  # type: ignore[attr-defined]


def _tombstone(
    type_name: str,
    instance: Any,
    body_uid: uuid.UUID | None,
    person_uid: uuid.UUID | None = None,
    organization_uid: uuid.UUID | None = None,
) -> None:
    if body_uid is None:
        return
    OParlEntry.objects.update_or_create(
        type=type_name,
        key=str(instance.uid),
        defaults={
            "body_uid": body_uid,
            "meeting": None,
            "person_uid": person_uid,
            "organization_uid": organization_uid,
            "data": {},
            "deleted": True,
            "created": instance.created or timezone.now(),
            "modified": timezone.now(),
        },
    )


def _guarded(what: str, work: Any) -> None:
    try:
        with transaction.atomic():
            work()
    except Exception:
        log.exception("OParl: %s failed; the entries catch up when next served.", what)


def version_published(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    from minuted.interop.oparl.index import refresh_meeting

    _guarded("indexing a published version", lambda: refresh_meeting(instance.meeting))


def board_deleted(sender: Any, instance: Board, **kwargs: Any) -> None:
    body = _uid(Organisation, instance.organisation_id)
    _guarded("a tombstone", lambda: _tombstone(OParlType.ORGANIZATION, instance, body))


def group_deleted(sender: Any, instance: PoliticalGroup, **kwargs: Any) -> None:
    body = _uid(Organisation, instance.organisation_id)
    _guarded("a tombstone", lambda: _tombstone(OParlType.ORGANIZATION, instance, body))


def person_deleted(sender: Any, instance: Person, **kwargs: Any) -> None:
    body = _uid(Organisation, instance.organisation_id)
    _guarded("a tombstone", lambda: _tombstone(OParlType.PERSON, instance, body))


def term_deleted(sender: Any, instance: Term, **kwargs: Any) -> None:
    body = _uid(Organisation, instance.organisation_id)
    _guarded("a tombstone", lambda: _tombstone(OParlType.LEGISLATIVE_TERM, instance, body))


def membership_deleted(sender: Any, instance: Membership, **kwargs: Any) -> None:
    def work() -> None:
        board = Board.objects.filter(pk=instance.board_id).values("uid", "organisation__uid")
        found = board.first()
        if found is None:
            return
        _tombstone(
            OParlType.MEMBERSHIP,
            instance,
            found["organisation__uid"],
            person_uid=_uid(Person, instance.person_id),
            organization_uid=found["uid"],
        )

    _guarded("a tombstone", work)


def meeting_deleted(sender: Any, instance: Meeting, **kwargs: Any) -> None:
    def work() -> None:
        board = Board.objects.filter(pk=instance.board_id).values("uid", "organisation__uid")
        found = board.first()
        if found is None:
            return
        body = found["organisation__uid"]
        _tombstone(OParlType.MEETING, instance, body, organization_uid=found["uid"])
        if instance.room or instance.address:
            _tombstone(OParlType.LOCATION, instance, body)

    _guarded("a tombstone", work)


def register_line_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    def work() -> None:
        if not Meeting.objects.filter(pk=instance.meeting_id).exists():
            return
        OParlMeetingState.objects.update_or_create(
            meeting_id=instance.meeting_id, defaults={"register_changed": timezone.now()}
        )

    _guarded("noting a change to the register", work)


def connect() -> None:
    for published in (PackVersion, MinutesVersion):
        post_save.connect(
            version_published, sender=published, dispatch_uid=f"oparl-{published.__name__}"
        )
    deletions: list[tuple[type[models.Model], Any]] = [
        (Board, board_deleted),
        (PoliticalGroup, group_deleted),
        (Person, person_deleted),
        (Term, term_deleted),
        (Membership, membership_deleted),
        (Meeting, meeting_deleted),
        (Attendance, register_line_deleted),
        (OtherAttendee, register_line_deleted),
    ]
    for model, receiver in deletions:
        post_delete.connect(receiver, sender=model, dispatch_uid=f"oparl-{model.__name__}-deleted")
