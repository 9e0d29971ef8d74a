"""``extractor batch SOURCE...``: many filings in parallel into JSON Lines, SQL and Parquet."""

from __future__ import annotations

import logging
import sys

from extractor.batch.defaults import DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_OUT, DEFAULT_TIMEOUT, default_jobs
from extractor.commands import ENV_DB, ENV_OUT, add_input_options, env_default, form_name
from extractor.sinks import DEFAULT_DB

log = logging.getLogger("extractor.batch")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "batch",
        help="process many filings in parallel into JSON Lines, SQLite/PostgreSQL and Parquet",
        description="Process files, folders, a filing store (from `extractor fetch`) and .tar/.tar.gz/.zip "
        "archives in parallel. Incremental: a filing already processed (same sha256, same extractor "
        "version) is skipped. A failed input is recorded (failures.jsonl and the failures table) and "
        "never stops the batch. Files that are not filings (READMEs, JSON, EDGAR index pages, manifests) are "
        "left out and counted. Every output place is checked before any work. Exit 0 all good, 1 some inputs "
        "failed, 2 bad arguments or an output that cannot be written, 3 nearly all failed.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a filing, a folder, a filing store, an archive, or - (standard input)")
    add_input_options(p)
    p.add_argument("--only-form", action="append", type=form_name, metavar="F",
                   help="keep only submissions of this form, repeatable: read from each .nc/.txt header (a feed archive's "
                   "members too) before anything is copied or parsed; inputs without such a header are kept")
    p.add_argument("--out", default=env_default(ENV_OUT, DEFAULT_OUT), metavar="DIR", help=f"JSON Lines folder: filings.jsonl, failures.jsonl (default output/, or {ENV_OUT}); - writes the FilingResult lines to standard output")
    p.add_argument("--all-files", action="store_true", help="read every file as a filing, even READMEs, JSON and EDGAR index pages")
    db = p.add_mutually_exclusive_group()
    db.add_argument("--db", default=env_default(ENV_DB, DEFAULT_DB), metavar="URL", help=f"database URL: sqlite:///FILE or postgresql://USER@HOST/DB (default {DEFAULT_DB}, or {ENV_DB})")
    db.add_argument("--no-db", action="store_true", help="write no database, only the JSON Lines (and Parquet)")
    p.add_argument("--parquet", metavar="DIR", help="also write filings/sections/contracts/evidence/failures.parquet in DIR")
    p.add_argument("--jobs", "-j", type=int, default=default_jobs(), metavar="N", help="worker processes (default: the number of cores)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on this Dask distributed scheduler (e.g. tcp://10.0.0.5:8786); workers must see the same paths")
    p.add_argument("--force", action="store_true", help="process again filings already processed by this extractor version")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help="a filing that takes longer than this has its worker stopped and is tried once more in a fresh "
                   "worker; if it takes longer again it fails (default %(default)g; 0 = never; local workers only)")
    p.add_argument("--max-archive-bytes", type=int, default=DEFAULT_MAX_ARCHIVE_BYTES, metavar="N", help="stop expanding an archive past N decompressed bytes (default 16 GiB)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="show a progress bar (default: on a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="plain log lines, even on a terminal")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.batch import BatchOptions, make_progress, run_batch

    options = BatchOptions(
        sources=tuple(args.sources),
        out=args.out,
        db=None if args.no_db else args.db,
        parquet=args.parquet,
        jobs=args.jobs,
        dask=args.dask,
        force=args.force,
        form=args.form,
        only_forms=frozenset(args.only_form) if args.only_form else None,
        max_bytes=args.max_bytes,
        max_archive_bytes=args.max_archive_bytes,
        timeout=args.timeout if args.timeout and args.timeout > 0 else None,
        all_files=args.all_files,
    )
    quiet = getattr(args, "verbosity", 0) < 0
    summary = run_batch(options, make_progress(False if quiet else args.progress, sys.stderr, quiet=quiet))
    log.info(f"batch: {summary.line()}")
    return summary.exit_code
