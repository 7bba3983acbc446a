from minuted.record.models.attendance import Attendance, AttendanceStatus, OtherAttendee
from minuted.record.models.interests import (
    Declaration,
    InterestKind,
    RegisterCategory,
    RegisterChange,
    RegisterEntry,
)
from minuted.record.models.minutes import (
    CONFIDENTIAL_DECISIONS,
    Action,
    ActionNote,
    Decision,
    LockedError,
    MinuteItem,
    Minutes,
    MinutesVersion,
    RecordedVote,
)

__all__ = [
    "CONFIDENTIAL_DECISIONS",
    "Action",
    "ActionNote",
    "Attendance",
    "AttendanceStatus",
    "Decision",
    "Declaration",
    "InterestKind",
    "LockedError",
    "MinuteItem",
    "Minutes",
    "MinutesVersion",
    "OtherAttendee",
    "RecordedVote",
    "RegisterCategory",
    "RegisterChange",
    "RegisterEntry",
]
