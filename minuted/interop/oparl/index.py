"""A meeting's OParl entries, read from its published versions.

Everything here comes from the public editions of the latest published versions, through
minuted/papers/public.py and minuted/record/public.py; report, minute and decision rows are
never read. An agenda item is matched to its row only for its uid (the document carries the
item's number and title): when a version is published the rows are exactly what the
document was built from, and the match is remembered, so the item keeps its id when the
agenda is renumbered later.

Entries are refreshed when a version is published (signals.py) and, should that have failed
or the version have been loaded without signals, whenever a list or object is served and a
newer version exists than the one last indexed (:func:`refresh_stale`)."""

from __future__ import annotations

import hashlib
import logging
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from minuted.interop.models import OParlEntry, OParlMeetingState, OParlType
from minuted.meetings.models import AgendaItem, Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackKind, PackVersion
from minuted.papers.models.pack import PublishedEditions
from minuted.papers.public import latest_packs, public_papers
from minuted.record.models import MinutesVersion
from minuted.record.public import latest_minutes, public_actions, public_decisions
from minuted.record.register import agenda_numbers
from minuted.rendering.blocks import plain_text

log = logging.getLogger(__name__)


@dataclass
class Computed:
    type: str
    key: str
    position: int
    data: dict[str, Any]


class _Matcher:
    """Finds the agenda item row behind an item of a published document."""

    def __init__(self, meeting: Meeting, rows: list[AgendaItem], keys: dict[str, str]) -> None:
        self.meeting = meeting
        self.rows = list(zip(agenda_numbers(rows), [r.title for r in rows], rows, strict=True))
        self.keys = keys
        self.used: dict[str, set[str]] = {}

    def key(self, source: str, number: str, title: str) -> str:
        remembered = f"{source}:{number}"
        used = self.used.setdefault(source, set())
        key = self.keys.get(remembered)
        if key is None or key in used:
            key = self._match(number, title, used)
            self.keys[remembered] = key
        used.add(key)
        return key

    def _match(self, number: str, title: str, used: set[str]) -> str:
        free = [(n, t, str(r.uid)) for n, t, r in self.rows if str(r.uid) not in used]
        exact = [uid for n, t, uid in free if n == number and t == title]
        by_title = [uid for n, t, uid in free if t == title]
        by_number = [uid for n, t, uid in free if n == number]
        if exact:
            return exact[0]
        if len(by_title) == 1:
            return by_title[0]
        if by_number:
            return by_number[0]
        return f"{self.meeting.uid}-{number}"


def _text_of_runs(runs: Iterable[dict[str, Any]]) -> str:
    return "".join(str(run.get("text", "")) for run in runs if isinstance(run, dict))


def _file_data(version: PublishedEditions, kind: str, known: dict[str, Any] | None) -> dict:
    """A version's public PDF: its checksum and size are read from the stored bytes once."""
    label = {"main": "Agenda pack", "supplementary": "Supplementary pack", "minutes": "Minutes"}
    data: dict[str, Any] = {
        "kind": kind,
        "number": version.number,
        "name": f"{label[kind]}, version {version.number} (public edition)",
        "fileName": posixpath.basename(str(version.public_pdf.name)),
        "date": timezone.localtime(version.published_at).date().isoformat(),
    }
    if known and known.get("sha512Checksum"):
        data["size"] = known["size"]
        data["sha512Checksum"] = known["sha512Checksum"]
        return data
    digest = hashlib.sha512()
    size = 0
    try:
        with version.public_pdf.open("rb") as stored:
            for chunk in stored.chunks():
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        log.warning("The public PDF of %s cannot be read; its checksum waits.", version)
        return data
    data["size"] = size
    data["sha512Checksum"] = digest.hexdigest()
    return data


def compute(meeting: Meeting, keys: dict[str, str], known_files: dict[str, dict]) -> list[Computed]:
    """The meeting's objects as its latest published versions show them to the public."""
    packs = latest_packs(meetings=[meeting])
    minutes = latest_minutes(meetings=[meeting])
    matcher = _Matcher(meeting, agenda_items(meeting), keys)
    main = next((v for v in packs if v.kind == PackKind.MAIN), packs[0] if packs else None)

    items: dict[str, dict[str, Any]] = {}
    report_items: dict[tuple[int, str], str] = {}
    for version in packs:
        for row in version.public_document.get("agenda", []):
            if row.get("type") != "item":
                continue
            key = matcher.key(f"pack:{version.pk}", str(row["number"]), str(row["title"]))
            for report in row.get("reports", []):
                report_items[(version.pk, str(report))] = key
            if version is main:
                items[key] = {
                    "number": str(row["number"]),
                    "name": str(row["title"]),
                    "public": not row.get("exempt"),
                    "note": str(row.get("note", "")),
                }

    record: dict[str, Any] = {}
    minutes_version = minutes[0] if minutes else None
    if minutes_version is not None:
        document = minutes_version.public_document
        decisions: dict[str, list[dict[str, Any]]] = {}
        for decision in public_decisions([minutes_version]):
            said = {"number": decision.number, "text": decision.text}
            if decision.vote:
                said["vote"] = decision.vote
            decisions.setdefault(decision.item_number, []).append(said)
        actions: dict[str, list[dict[str, Any]]] = {}
        for action in public_actions([minutes_version]):
            actions.setdefault(action.item_number, []).append(
                {"text": action.text, "owner": action.owner}
            )
        for row in document.get("items", []):
            number, title = str(row.get("number", "")), str(row.get("title", ""))
            key = matcher.key(f"minutes:{minutes_version.pk}", number, title)
            item = items.setdefault(
                key,
                {
                    "number": number,
                    "name": title,
                    "public": not row.get("exclusion"),
                    "note": "",
                },
            )
            item["minutes"] = {
                "introducedBy": str(row.get("introduced_by", "")),
                "discussion": plain_text(row.get("discussion", [])),
                "exclusion": str(row.get("exclusion", "")),
                "urgencyReason": str(row.get("urgency_reason", "")),
                "declarations": [str(d) for d in row.get("declarations", [])],
                "decisions": decisions.get(number, []),
                "decisionsWithheld": str(row.get("decisions_withheld", "")),
                "actions": actions.get(number, []),
            }
        record["declarations"] = [
            {"item": str(d.get("item", "")), "text": str(d.get("text", ""))}
            for d in document.get("declarations", [])
        ]
        record["inquorate"] = str(document.get("inquorate", ""))

    # Papers: a report sent again in a supplementary pack is read from there (later).
    papers: dict[str, tuple[Any, str]] = {}
    for paper in public_papers(packs):
        item_key = report_items.get((paper.version.pk, paper.id))
        if item_key is None or not items.get(item_key, {}).get("public", False):
            continue
        papers[paper.uid or f"{paper.version.uid}-{paper.id}"] = (paper, item_key)
    for item in items.values():
        item["papers"] = []
    out: list[Computed] = []
    for position, (uid, (paper, item_key)) in enumerate(papers.items()):
        items[item_key]["papers"].append(uid)
        content = paper.content
        pages = paper.version.public_document.get("page_numbers", {}).get(paper.id)
        data = {
            "name": paper.title,
            "item": item_key,
            "itemNumber": paper.item_number,
            "report": paper.id,
            "kind": paper.version.kind,
            "version": paper.version.number,
            "file": str(paper.version.uid),
            "date": timezone.localtime(paper.version.published_at).date().isoformat(),
            "purpose": str(content.get("purpose", "")),
            "summary": plain_text(content.get("summary", [])),
            "recommendations": [_text_of_runs(r) for r in content.get("recommendations", [])],
            "pages": list(pages) if pages else None,
        }
        out.append(Computed(OParlType.PAPER, uid, position, data))
        out.append(
            Computed(
                OParlType.CONSULTATION,
                uid,
                position,
                {"item": item_key, "purpose": data["purpose"]},
            )
        )
    for position, (key, item) in enumerate(items.items(), start=1):
        out.append(Computed(OParlType.AGENDA_ITEM, key, position, {**item, "order": position}))

    # Files: every published version's public PDF (superseded ones stay retrievable).
    latest = {v.uid for v in packs} | ({minutes_version.uid} if minutes_version else set())
    versions: list[tuple[PublishedEditions, str]] = [
        (v, str(v.kind))
        for v in PackVersion.objects.filter(meeting=meeting)
        .defer("members_document", "public_document")
        .order_by("kind", "number")
    ] + [
        (v, "minutes")
        for v in MinutesVersion.objects.filter(meeting=meeting)
        .defer("members_document", "public_document")
        .order_by("number")
    ]
    for position, (published, kind) in enumerate(versions):
        key = str(published.uid)
        data = {
            **_file_data(published, kind, known_files.get(key)),
            "latest": published.uid in latest,
        }
        out.append(Computed(OParlType.FILE, key, position, data))
    record["invitation"] = str(main.uid) if main and main.kind == PackKind.MAIN else None
    record["auxiliary"] = [str(v.uid) for v in packs if v.kind == PackKind.SUPPLEMENTARY]
    record["resultsProtocol"] = str(minutes_version.uid) if minutes_version else None
    out.append(Computed(OParlType.MEETING_RECORD, str(meeting.uid), 0, record))
    return out


def refresh_meeting(meeting: Meeting) -> None:
    """Bring the meeting's entries in line with its latest published versions: new objects
    are created, changed ones get a new ``modified``, and those no longer published become
    tombstones."""
    meeting = Meeting.objects.select_related("board__organisation").get(pk=meeting.pk)
    with transaction.atomic():
        OParlMeetingState.objects.get_or_create(meeting=meeting)
        state = OParlMeetingState.objects.select_for_update().get(meeting=meeting)
        newest_pack = _newest(PackVersion.objects.filter(meeting=meeting))
        newest_minutes = _newest(MinutesVersion.objects.filter(meeting=meeting))
        existing = {(e.type, e.key): e for e in OParlEntry.objects.filter(meeting=meeting)}
        known_files = {k: e.data for (t, k), e in existing.items() if t == OParlType.FILE}
        keys = dict(state.keys)
        computed = compute(meeting, keys, known_files)
        _apply(meeting, computed, existing)
        state.pack_version = newest_pack
        state.minutes_version = newest_minutes
        state.keys = keys
        state.save()


def _newest(versions: QuerySet[Any]) -> int:
    top = versions.order_by("-pk").values_list("pk", flat=True).first()
    return int(top or 0)


def _apply(
    meeting: Meeting,
    computed: list[Computed],
    existing: dict[tuple[str, str], OParlEntry],
) -> None:
    now = timezone.now()
    body_uid = meeting.board.organisation.uid
    wanted = {(c.type, c.key) for c in computed}
    # An object another meeting listed (a report moved to this meeting's agenda) moves here.
    elsewhere = {
        (e.type, e.key): e
        for e in OParlEntry.objects.filter(
            type__in={c.type for c in computed}, key__in={c.key for c in computed}
        ).exclude(meeting=meeting)
        if (e.type, e.key) in wanted
    }
    for c in computed:
        entry = existing.get((c.type, c.key)) or elsewhere.get((c.type, c.key))
        if entry is None:
            OParlEntry.objects.create(
                type=c.type,
                key=c.key,
                body_uid=body_uid,
                meeting=meeting,
                position=c.position,
                data=c.data,
                created=now,
                modified=now,
            )
            continue
        changed = (
            entry.deleted
            or entry.data != c.data
            or entry.position != c.position
            or entry.meeting_id != meeting.pk
            or entry.body_uid != body_uid
        )
        if changed:
            entry.meeting = meeting
            entry.body_uid = body_uid
            entry.position = c.position
            entry.data = c.data
            entry.deleted = False
            entry.modified = now
            entry.save()
    for (type_name, key), entry in existing.items():
        if (type_name, key) not in wanted and not entry.deleted:
            entry.deleted = True
            entry.modified = now
            entry.save(update_fields=["deleted", "modified"])


def stale_meetings(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with a version newer than the one their entries were built from."""
    state = OParlMeetingState.objects.filter(meeting=OuterRef("pk"))
    zero = Value(0)
    return (
        meetings.annotate(
            newest_pack=Coalesce(
                Subquery(
                    PackVersion.objects.filter(meeting=OuterRef("pk"))
                    .order_by("-pk")
                    .values("pk")[:1]
                ),
                zero,
            ),
            newest_minutes=Coalesce(
                Subquery(
                    MinutesVersion.objects.filter(meeting=OuterRef("pk"))
                    .order_by("-pk")
                    .values("pk")[:1]
                ),
                zero,
            ),
            indexed_pack=Coalesce(Subquery(state.values("pack_version")[:1]), zero),
            indexed_minutes=Coalesce(Subquery(state.values("minutes_version")[:1]), zero),
        )
        .filter(Q(newest_pack__gt=F("indexed_pack")) | Q(newest_minutes__gt=F("indexed_minutes")))
        .order_by("pk")
    )


def refresh_stale(meetings: QuerySet[Meeting] | None = None) -> int:
    """Refresh the meetings (all, by default) whose entries lag behind their versions; one
    query when none do. Returns how many were refreshed."""
    count = 0
    for meeting in stale_meetings(meetings if meetings is not None else Meeting.objects.all()):
        try:
            refresh_meeting(meeting)
        except IntegrityError:
            # Another process indexed it at the same moment; its result stands.
            log.info("OParl entries of meeting %s were refreshed concurrently.", meeting.pk)
        except Exception:
            # Serve what is indexed rather than fail the request; the next one tries again.
            log.exception("OParl entries of meeting %s could not be refreshed.", meeting.pk)
        count += 1
    return count
