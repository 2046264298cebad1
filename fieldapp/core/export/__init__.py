"""Export for analysts: one typed workbook (or a zip of CSVs) with codebook and about.

``write_export`` streams any interviews into a file; ``export_workbook`` reads them from a
fieldapp database. Both write atomically and accept a progress callback and a cancel check,
so the app can run them off the GUI thread.
"""

from fieldapp.core.export.from_store import ExportChoices, export_choices, export_workbook
from fieldapp.core.export.run import (
    CancelCheck,
    ExportCancelled,
    ExportInterview,
    ExportOptions,
    ExportResult,
    FormSource,
    Progress,
    SheetCount,
    write_export,
)

__all__ = [
    "CancelCheck",
    "ExportCancelled",
    "ExportChoices",
    "ExportInterview",
    "ExportOptions",
    "ExportResult",
    "FormSource",
    "Progress",
    "SheetCount",
    "export_choices",
    "export_workbook",
    "write_export",
]
