"""What every OParl object shares: its id and type, its times, and its tombstone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import DateTimeField, Expression, F, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from minuted.governance.models import Organisation
from minuted.interop.models import OParlEntry, OParlType
from minuted.interop.oparl.ids import Ids, moment, oparl_type

Json = dict[str, Any]


def served_organisations() -> QuerySet[Organisation]:
    """The bodies the API serves: the organisation the public site shows when
    MINUTED_ORGANISATION names one, else every organisation of the deployment."""
    organisations = Organisation.objects.order_by("pk")
    slug = settings.MINUTED_ORGANISATION
    return organisations.filter(slug=slug) if slug else organisations


def head(type_name: str, key: object, ids: Ids) -> Json:
    return {"id": ids.of(type_name, key), "type": oparl_type(type_name)}


def stamps(row: Any) -> Json:
    """created and modified; ``oparl_modified`` (when annotated) counts the changes of what
    the object embeds or lists, so that ``modified_since`` finds it."""
    modified = getattr(row, "oparl_modified", None) or row.modified
    return {"created": moment(row.created), "modified": moment(modified)}


def put(out: Json, key: str, value: Any) -> None:
    """Sets an optional property only when it has a value: OParl leaves absent what is
    unknown, rather than giving an empty string."""
    if value not in (None, "", [], {}):
        out[key] = value


def latest(rows: QuerySet[Any], field: str = "modified") -> Subquery:
    """The newest ``field`` among ``rows`` (filtered on an OuterRef), as a subquery."""
    return Subquery(rows.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def newest_of(*subqueries: Expression | Subquery) -> Greatest:
    """The row's own ``modified`` or any newer time among ``subqueries`` (each may be
    empty: SQLite's MAX() of a NULL is NULL, so each falls back to ``modified``)."""
    return Greatest(
        F("modified"),
        *(Coalesce(s, F("modified"), output_field=DateTimeField()) for s in subqueries),
        output_field=DateTimeField(),
    )


def tombstones(type_name: str) -> QuerySet[OParlEntry]:
    return OParlEntry.objects.filter(type=type_name, deleted=True)


def tombstone_modified(**match: Any) -> Subquery:
    """The newest tombstone of a membership that an object listed (matched on OuterRef)."""
    return latest(OParlEntry.objects.filter(type=OParlType.MEMBERSHIP, deleted=True, **match))


def render_tombstones(entries: list[OParlEntry], ids: Ids) -> list[Json]:
    out = []
    for entry in entries:
        gone = head(entry.type, entry.key, ids)
        if entry.type == OParlType.AGENDA_ITEM:  # the schema requires it even of a tombstone
            gone["order"] = int(entry.data.get("order", entry.position))
        gone.update(
            {"created": moment(entry.created), "modified": moment(entry.modified), "deleted": True}
        )
        out.append(gone)
    return out
