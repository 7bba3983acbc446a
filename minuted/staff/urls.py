from django.urls import path

from minuted.staff.views import (
    actions,
    attendance,
    me,
    meeting,
    memberships,
    minutes,
    plan,
    programme,
    report,
    workspace,
)

app_name = "staff"

urlpatterns = [
    path("", workspace.workspace, name="workspace"),
    path("me/", me.my_meetings, name="me"),
    path("boards/<slug:board>/plan/", plan.plan, name="plan"),
    path("meetings/<uuid:meeting>/", meeting.meeting_detail, name="meeting"),
    path("meetings/<uuid:meeting>/items/", meeting.item_add, name="item-add"),
    path("meetings/<uuid:meeting>/items/<uuid:item>/", meeting.item_edit, name="item-edit"),
    path("meetings/<uuid:meeting>/items/<uuid:item>/move/", meeting.item_move, name="item-move"),
    path(
        "meetings/<uuid:meeting>/items/<uuid:item>/reports/add/",
        meeting.report_add,
        name="report-add",
    ),
    path("meetings/<uuid:meeting>/preview/<str:edition>/", meeting.preview, name="meeting-preview"),
    path("meetings/<uuid:meeting>/publish/", meeting.publish, name="meeting-publish"),
    path(
        "meetings/<uuid:meeting>/publish-supplementary/",
        meeting.publish_supplementary,
        name="meeting-publish-supplementary",
    ),
    path("meetings/<uuid:meeting>/attendance/", attendance.attendance, name="attendance"),
    path(
        "meetings/<uuid:meeting>/attendance/others/",
        attendance.other_add,
        name="attendance-other-add",
    ),
    path("meetings/<uuid:meeting>/apologies/", attendance.apologies, name="apologies"),
    path("reports/<uuid:report>/", report.report_edit, name="report"),
    path("boards/<slug:board>/actions/", actions.actions, name="actions"),
    path("boards/<slug:board>/memberships/", memberships.memberships, name="memberships"),
]

# The programme screens (minuted.staff.views.programme).
urlpatterns += [
    path("programmes/<uuid:programme>/", programme.programme_screen, name="programme"),
    path(
        "programmes/<uuid:programme>/import/",
        programme.programme_import,
        name="programme-import",
    ),
    path(
        "programmes/<uuid:programme>/<slug:what>.csv",
        programme.programme_export,
        name="programme-export",
    ),
    path("programmes/<uuid:programme>/embed/", programme.programme_embed, name="programme-embed"),
    path(
        "programmes/<uuid:programme>/activity/", programme.activity_add, name="programme-activity"
    ),
    path(
        "programmes/<uuid:programme>/activity/compile/",
        programme.activity_compile,
        name="programme-activity-compile",
    ),
    path(
        "programmes/<uuid:programme>/returns/<uuid:output>/<uuid:period>/",
        programme.return_screen,
        name="programme-return",
    ),
]

# The clerk's minutes screen (minuted.staff.views.minutes).
urlpatterns += [
    path("meetings/<uuid:meeting>/minutes/", minutes.minutes_screen, name="minutes"),
    path(
        "meetings/<uuid:meeting>/minutes/publish/",
        minutes.minutes_publish,
        name="minutes-publish",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/approve/",
        minutes.minutes_approve,
        name="minutes-approve",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/",
        minutes.item_save,
        name="minutes-item",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/decisions/",
        minutes.decision_add,
        name="minutes-decision-add",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/actions/",
        minutes.action_add,
        name="minutes-action-add",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/declarations/",
        minutes.declaration_add,
        name="minutes-declaration-add",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/release/",
        minutes.decisions_release,
        name="minutes-release",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/decisions/<uuid:decision>/",
        minutes.decision_edit,
        name="minutes-decision",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/decisions/<uuid:decision>/delete/",
        minutes.decision_delete,
        name="minutes-decision-delete",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/decisions/<uuid:decision>/vote/",
        minutes.decision_vote,
        name="minutes-decision-vote",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/decisions/<uuid:decision>/vote/remove/",
        minutes.decision_vote_remove,
        name="minutes-decision-vote-remove",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/actions/<uuid:action>/",
        minutes.action_edit,
        name="minutes-action",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/actions/<uuid:action>/delete/",
        minutes.action_delete,
        name="minutes-action-delete",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/declarations/<uuid:declaration>/",
        minutes.declaration_edit,
        name="minutes-declaration",
    ),
    path(
        "meetings/<uuid:meeting>/minutes/<uuid:minute>/declarations/<uuid:declaration>/delete/",
        minutes.declaration_delete,
        name="minutes-declaration-delete",
    ),
]

# Registers of interests, and matters arising on the agenda.
from minuted.staff.views import interests  # noqa: E402

urlpatterns += [
    path("me/interests/", interests.my_register, name="my-interests"),
    path("me/interests/<uuid:entry>/", interests.my_entry, name="my-interest"),
    path("people/<slug:person>/interests/", interests.register, name="interests"),
    path("people/<slug:person>/interests/<uuid:entry>/", interests.entry, name="interest"),
    path(
        "meetings/<uuid:meeting>/matters-arising/",
        meeting.matters_arising_add,
        name="matters-arising-add",
    ),
]

# My API tokens (minuted.staff.views.api_tokens).
from minuted.staff.views import api_tokens  # noqa: E402

urlpatterns += [
    path("me/api-tokens/", api_tokens.token_list, name="api-tokens"),
    path("me/api-tokens/new/", api_tokens.token_new, name="api-token-new"),
    path("me/api-tokens/<uuid:token>/revoke/", api_tokens.token_revoke, name="api-token-revoke"),
]
