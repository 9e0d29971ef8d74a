"""Capacity normalizer: power in MW/GW/kW and chip counts."""

import pytest

from extractor.rules.normalize.capacity import CapacityValue, parse_capacity


@pytest.mark.parametrize(
    "text, value",
    [
        ("300 megawatts", CapacityValue(300, "MW", 300)),
        ("300MW", CapacityValue(300, "MW", 300)),
        ("1.2 GW", CapacityValue(1.2, "GW", 1200)),
        ("1.2-gigawatt", CapacityValue(1.2, "GW", 1200)),
        ("one gigawatt", CapacityValue(1, "GW", 1000)),
        ("150 KW (the KW Amount)", CapacityValue(150, "kW", 0.15)),
        ("5MW (IT load)", CapacityValue(5, "MW", 5)),
        ("20,000 GPUs", CapacityValue(20000, "GPUs", None)),
        ("10,000 GPU servers", CapacityValue(10000, "GPU servers", None)),
        ("one million TPUs", CapacityValue(1_000_000, "TPUs", None)),
        ("3,000 H100s", CapacityValue(3000, "GPUs", None)),
    ],
)
def test_parse_capacity(text, value):
    assert parse_capacity(text) == value


def test_not_a_capacity():
    assert parse_capacity("300 employees") is None
