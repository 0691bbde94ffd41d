"""The database: schema and contract views, opening it, writes and reads. The only package that imports sqlalchemy."""

from pipeline.store.engine import connect, database_url, masked  # noqa: F401
from pipeline.store.reads import (Stored, database_info, known_documents, record_settings, remove_documents,  # noqa: F401
                                  stored_roots, under_root, view_rows, view_where)
from pipeline.store.schema import SCHEMA_VERSION, VIEW_NAMES, VIEWS  # noqa: F401
from pipeline.store.writes import Refusal, event_ids, mark_error, save, save_batch, write_documents  # noqa: F401
from pipeline.store.groups import Regrouped, regroup  # noqa: F401
from pipeline.store.stream import ViewColumn, stream_view  # noqa: F401
