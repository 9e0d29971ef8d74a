"""Capacity: "300 megawatts", "300MW", "1.2 GW", "150 KW", "one gigawatt", GPU counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules.normalize.numerals import parse_number

_POWER_UNITS = (
    (re.compile(r"\b(?:GW|gigawatts?)\b", re.I), "GW", 1000.0),
    (re.compile(r"(?<![A-Za-z])(?:MW|megawatts?)\b", re.I), "MW", 1.0),
    (re.compile(r"(?<![A-Za-z])(?:kW|KW|kilowatts?)\b"), "kW", 0.001),
)
_CHIP_UNITS = {"gpu": "GPU servers", "gpus": "GPUs", "tpus": "TPUs", "accelerators": "accelerators"}
_CHIPS = re.compile(r"\b(GPU\s+servers|GPUs|TPUs|accelerators|(?:H100|H200|B200|GB200|GB300|A100)s)\b", re.I)


@dataclass(frozen=True)
class CapacityValue:
    value: float
    unit: str
    mw: float | None


def parse_capacity(text: str) -> CapacityValue | None:
    """The capacity a phrase states; ``mw`` is set for power (MW, GW, kW), None for chip counts."""
    head = re.split(r"\(", text, maxsplit=1)[0]
    value = parse_number(head)
    if value is None:
        return None
    for regex, unit, factor in _POWER_UNITS:
        if regex.search(head):
            return CapacityValue(value, unit, round(value * factor, 6))
    m = _CHIPS.search(head)
    if m:
        return CapacityValue(value, _CHIP_UNITS.get(m.group(1).split()[0].lower(), "GPUs"), None)
    return None
