"""A member's register of interests: the member keeps their own at /manage/me/interests/, a
clerk of a board they sit on keeps it at /manage/people/<person>/interests/. Both see every
entry, sensitive ones included, and the history of every change; who may is decided by the
policy's EDIT_REGISTER action, and every save goes through ``save_entry``."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from minuted.accounts.policy import Action, may
from minuted.core.formats import clock, short_date
from minuted.governance.models import Person
from minuted.record.interests import save_entry
from minuted.record.models import RegisterCategory, RegisterChange, RegisterEntry
from minuted.record.rules.interests import registration_reminder
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.interests import RegisterEntryForm


def _own_person(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("Your account is not linked to a member, so you have no register.")
    if not may(request.user, Action.EDIT_REGISTER, person=person):
        raise PermissionDenied("You may not change this register.")
    return person


def _person_by_slug(request: HttpRequest, slug: str) -> Person:
    """The person with this slug whose register the user may keep. Slugs are unique within an
    organisation, so an administrator of several organisations gets the first one."""
    people = list(Person.objects.filter(slug=slug).select_related("organisation", "user"))
    if not people:
        raise Http404("No such person.")
    for person in people:
        if may(request.user, Action.EDIT_REGISTER, person=person):
            return person
    raise PermissionDenied("Only the member or a clerk of a board they sit on may see this.")


@dataclass
class Urls:
    """Where the register's screens are, for the member's own or a clerk's view of it."""

    own: bool
    person: Person

    def register(self, anchor: str = "") -> str:
        if self.own:
            url = reverse("staff:my-interests")
        else:
            url = reverse("staff:interests", kwargs={"person": self.person.slug})
        return f"{url}#{anchor}" if anchor else url

    def entry(self, entry: RegisterEntry) -> str:
        if self.own:
            return reverse("staff:my-interest", kwargs={"entry": entry.uid})
        return reverse("staff:interest", kwargs={"person": self.person.slug, "entry": entry.uid})


@dataclass
class CategoryGroup:
    label: str
    entries: list[RegisterEntry]


@dataclass
class HistoryRow:
    when: str
    who: str
    summary: str
    category: str
    description: str


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{short_date(local.date())}, {clock(local.time())}"


def _history(changes: Any) -> list[HistoryRow]:
    labels = dict(RegisterCategory.choices)
    return [
        HistoryRow(
            when=_when(c.created),
            who=str(c.changed_by) if c.changed_by else "A user who has since been removed",
            summary=c.summary,
            category=labels.get(c.snapshot.get("category", ""), ""),
            description=c.snapshot.get("description", ""),
        )
        for c in changes.select_related("changed_by").order_by("-created", "-id")
    ]


def _became_member(person: Person) -> dt.date | None:
    days = [m.first_day for m in person.memberships.select_related("term")]
    return min(days, default=None)


def _register_page(
    request: HttpRequest, person: Person, urls: Urls, form: RegisterEntryForm | None = None
) -> HttpResponse:
    today = timezone.localdate()
    entries = list(RegisterEntry.objects.filter(person=person).order_by("registered_on", "id"))
    for entry in entries:
        entry.edit_url = urls.entry(entry)  # type: ignore[attr-defined]
        entry.current = entry.ended_on is None or entry.ended_on >= today  # type: ignore[attr-defined]
    groups = [
        CategoryGroup(label, [e for e in entries if e.category == value])
        for value, label in RegisterCategory.choices
    ]
    form = form or RegisterEntryForm(prefix="entry")
    context: dict[str, Any] = {
        "person": person,
        "own": urls.own,
        "register_url": urls.register(),
        "groups": [g for g in groups if g.entries],
        "empty_categories": [g.label for g in groups if not g.entries],
        "form": form,
        "errors": error_summary(form),
        "history": _history(RegisterChange.objects.filter(entry__person=person)),
        "reminder": registration_reminder(_became_member(person), today),
        "public_url": reverse("person", kwargs={"person": person.slug}),
    }
    return render(request, "staff/interests/register.html", context)


def _save(
    request: HttpRequest, form: RegisterEntryForm, summary: str, urls: Urls
) -> HttpResponse | None:
    """Save through the service (which checks who may and keeps the history); the redirect,
    or None with the service's objections put on the form."""
    try:
        entry = save_entry(form.instance, request.user, summary)
    except ValidationError as error:
        add_validation_error(form, error)
        return None
    messages.success(request, f"{summary}: “{entry.description}”.")
    return redirect(urls.register(f"entry-{entry.uid}"))


def _register(request: HttpRequest, person: Person, urls: Urls) -> HttpResponse:
    form = None
    if request.method == "POST":
        form = RegisterEntryForm(
            request.POST, instance=RegisterEntry(person=person), prefix="entry"
        )
        if form.is_valid():
            saved = _save(request, form, form.change_summary(), urls)
            if saved is not None:
                return saved
    return _register_page(request, person, urls, form)


def _entry(request: HttpRequest, person: Person, uid: UUID, urls: Urls) -> HttpResponse:
    entry = get_object_or_404(RegisterEntry, person=person, uid=uid)
    original = copy.copy(entry)  # validating the form changes ``entry``; the page shows this
    form = RegisterEntryForm(
        request.POST if request.method == "POST" else None, instance=entry, prefix="entry"
    )
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.success(request, "Nothing was changed.")
            return redirect(urls.register(f"entry-{entry.uid}"))
        saved = _save(request, form, form.change_summary(), urls)
        if saved is not None:
            return saved
    context = {
        "person": person,
        "own": urls.own,
        "entry": original,
        "register_url": urls.register(),
        "form": form,
        "errors": error_summary(form),
        "history": _history(entry.changes.all()),
    }
    return render(request, "staff/interests/entry.html", context)


@login_required
def my_register(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    return _register(request, person, Urls(own=True, person=person))


@login_required
def my_entry(request: HttpRequest, entry: UUID) -> HttpResponse:
    person = _own_person(request)
    return _entry(request, person, entry, Urls(own=True, person=person))


@login_required
def register(request: HttpRequest, person: str) -> HttpResponse:
    the_person = _person_by_slug(request, person)
    return _register(request, the_person, Urls(own=False, person=the_person))


@login_required
def entry(request: HttpRequest, person: str, entry: UUID) -> HttpResponse:
    the_person = _person_by_slug(request, person)
    return _entry(request, the_person, entry, Urls(own=False, person=the_person))
