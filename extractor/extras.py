"""Optional parts of the install: Parquet (pyarrow), PostgreSQL (psycopg) and Dask (distributed).

``pip install extractor`` reads, extracts and writes JSON Lines and SQLite; the
heavier libraries come with extras (``extractor[parquet]``, ``[postgres]``,
``[dask]``, or ``[all]``). A feature whose library is missing says in one line
which extra to install, before any work starts.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from extractor.errors import MissingExtra

EXTRAS = {  # extra -> (the module that proves it is installed, what needs it)
    "parquet": ("pyarrow.parquet", "--parquet"),
    "postgres": ("psycopg", "a postgresql:// database"),
    "dask": ("distributed", "--dask"),
}


def require(extra: str) -> ModuleType:
    """The extra's module, or MissingExtra naming the pip command that installs it."""
    module, feature = EXTRAS[extra]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{feature} needs the optional {extra!r} extra: pip install 'extractor[{extra}]' (or 'extractor[all]')"
        ) from None
