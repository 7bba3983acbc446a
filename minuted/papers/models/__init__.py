from minuted.papers.models.pack import PackEdition, PackKind, PackVersion
from minuted.papers.models.report import (
    Appendix,
    BackgroundPaper,
    Purpose,
    Report,
    ReportContact,
    ReportParagraph,
    ReportRevision,
    ReportSection,
    ReportStatus,
    StandardSection,
)
from minuted.papers.models.settings import BoardReportSettings

__all__ = [
    "Appendix",
    "BackgroundPaper",
    "BoardReportSettings",
    "PackEdition",
    "PackKind",
    "PackVersion",
    "Purpose",
    "Report",
    "ReportContact",
    "ReportParagraph",
    "ReportRevision",
    "ReportSection",
    "ReportStatus",
    "StandardSection",
]
