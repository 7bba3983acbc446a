"""The ModernGov-compatible web service under /mgWebService.asmx/ (see views.py)."""

from django.urls import path

from minuted.interop.moderngov import views

urlpatterns = [
    path("GetCommittees", views.get_committees, name="moderngov-committees"),
    path("GetMeetings", views.get_meetings, name="moderngov-meetings"),
    path("GetMeeting", views.get_meeting, name="moderngov-meeting"),
]
