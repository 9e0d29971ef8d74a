"""``extractor schema``: the JSON Schema of FilingResult, generated from the models."""

from __future__ import annotations

import json
import sys


def add_parser(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of FilingResult", description="Print the JSON Schema of the FilingResult output (schema version 1).")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.models import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
