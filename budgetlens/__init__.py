"""Budget Lens core: ingest a budget disclosure into Parquet snapshots, check it, query it.

This package never imports streamlit, so it runs in batch jobs, notebooks and tests alike.
"""

SCHEMA_VERSION = "1.0"
