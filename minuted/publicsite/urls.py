from django.urls import path, register_converter

from minuted.publicsite import decisions, packs, programmes, sitemap, views


class ItemNumber:
    """An agenda item's number as the agenda prints it: "5", or "5.1" for a sub-item."""

    regex = r"[0-9]+(?:\.[0-9]+)?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(ItemNumber, "item")

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/", views.board_list, name="board-list"),
    path("boards/<slug:board>/", views.board_detail, name="board"),
    path("boards/<slug:board>/<slug:term>/", views.board_detail, name="board-term"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:person>/", views.person_detail, name="person"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", sitemap.robots, name="robots"),
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("programmes/<slug:programme>/", programmes.programme_detail, name="programme"),
    path(
        "programmes/<slug:programme>/<slug:what>.csv",
        programmes.programme_csv,
        name="programme-csv",
    ),
    path("meetings/<slug:board>/<slug:meeting>/", packs.meeting_detail, name="meeting"),
    path(
        "meetings/<slug:board>/<slug:meeting>/items/<item:number>/",
        packs.item_detail,
        name="item",
    ),
    path(
        "meetings/<slug:board>/<slug:meeting>/minutes/v<int:number>/<slug:edition>/",
        packs.minutes_edition,
        name="minutes-edition",
    ),
    path(
        "meetings/<slug:board>/<slug:meeting>/minutes/v<int:number>/<slug:edition>.pdf",
        packs.minutes_pdf,
        name="minutes-pdf",
    ),
]

# Published packs: /meetings/<board>/<meeting>/pack/v1/public/ (agenda page), …/reports/<id>/,
# and …/pack/v1/public.pdf; supplementary packs the same under supplementary/.
for prefix, kind in (("pack", "main"), ("supplementary", "supplementary")):
    base = f"meetings/<slug:board>/<slug:meeting>/{prefix}/v<int:number>/"
    name = "pack" if kind == "main" else "supplementary"
    urlpatterns += [
        path(f"{base}<slug:edition>/", packs.pack_edition, {"kind": kind}, name=f"{name}-edition"),
        path(
            f"{base}<slug:edition>/reports/<slug:report>/",
            packs.pack_report,
            {"kind": kind},
            name=f"{name}-report",
        ),
        path(f"{base}<slug:edition>.pdf", packs.pack_pdf, {"kind": kind}, name=f"{name}-pdf"),
    ]
