"""Normalizers: a piece of text to a value, with no idea of contracts or passages.

numerals (words and figures to numbers), money (amounts, currencies, scales), durations
(months, days, dates), periods (per month/quarter/year), capacity (kW/MW/GW), notice
(termination notice and who may give it), names (what a company's name looks like and its
cleaned, longest written form). Nothing here imports from the other rules packages.
"""
