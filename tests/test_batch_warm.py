"""The forkserver warm-up must really load the whole pipeline, spaCy included."""

from __future__ import annotations

import subprocess
import sys


def test_warm_up_builds_the_spacy_pipeline_and_finds_its_contract():
    code = (
        "import extractor.batch.warm as warm\n"
        "from extractor.rules.nlp.pipeline import get_nlp\n"
        "from extractor.pipeline import process_bytes\n"
        "assert get_nlp.cache_info().currsize == 1, get_nlp.cache_info()\n"
        "result = process_bytes(warm.SAMPLE, source='warm-up')\n"
        "assert len(result.contracts) == 1, result.contracts\n"
        "assert result.contracts[0].monthly_fee.amount == 1.25e9\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
