"""Sources: readers that yield label records from files (openFDA bulk format, snapshot JSON lines)."""

from rxscoop.sources.discover import label_files, read_records
from rxscoop.sources.record import LabelRecord, RecordProblem

__all__ = ["LabelRecord", "RecordProblem", "label_files", "read_records"]
