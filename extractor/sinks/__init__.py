"""Where batch results go: JSON Lines (jsonl.py), SQLite/PostgreSQL (sql.py), Parquet (parquet.py).

The tables are declared once (schema.py) and filled from one row builder (rows.py).
"""

DEFAULT_DB = "sqlite:///output/extractor.sqlite"  # a file, no server needed
