"""Keeping the index in step: a published pack or minutes reindexes its meeting; saving a
person, a membership, a political group or a board reindexes what shows it; a meeting that
moves carries its entries along. Connected in ``SearchConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from minuted.governance.models import Board, Membership, Person, PoliticalGroup
from minuted.meetings.models import Meeting
from minuted.papers.signals import pack_published
from minuted.record.signals import minutes_published
from minuted.search import indexing
from minuted.search.models import Entry


def on_published(sender: Any, version: Any, **kwargs: Any) -> None:
    indexing.reindex_meeting(version.meeting)


def on_person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        indexing.reindex_people([instance])


def on_membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if Person.objects.filter(pk=instance.person_id).exists():
        indexing.reindex_people(Person.objects.filter(pk=instance.person_id))


def on_group_saved(sender: Any, instance: PoliticalGroup, raw: bool = False, **kwargs: Any) -> None:
    if not raw and not kwargs.get("created"):
        indexing.reindex_people(Person.objects.filter(memberships__political_group=instance))


def on_board_saved(sender: Any, instance: Board, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    indexing.reindex_boards([instance])
    if not kwargs.get("created"):  # its people's entries name it
        indexing.reindex_people(Person.objects.filter(memberships__board=instance).distinct())


def on_meeting_saved(sender: Any, instance: Meeting, raw: bool = False, **kwargs: Any) -> None:
    if not raw and not kwargs.get("created"):
        indexing.follow_meeting(instance)


def on_migrated(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Build the index once, for a database that had data before search existed."""
    if not Entry.objects.using(using).exists() and Board.objects.using(using).exists():
        indexing.reindex_all()


def connect() -> None:
    pack_published.connect(on_published, dispatch_uid="search.pack_published")
    minutes_published.connect(on_published, dispatch_uid="search.minutes_published")
    post_save.connect(on_person_saved, sender=Person, dispatch_uid="search.person")
    post_save.connect(on_membership_changed, sender=Membership, dispatch_uid="search.membership")
    post_delete.connect(
        on_membership_changed, sender=Membership, dispatch_uid="search.membership_deleted"
    )
    post_save.connect(on_group_saved, sender=PoliticalGroup, dispatch_uid="search.group")
    post_save.connect(on_board_saved, sender=Board, dispatch_uid="search.board")
    post_save.connect(on_meeting_saved, sender=Meeting, dispatch_uid="search.meeting")
