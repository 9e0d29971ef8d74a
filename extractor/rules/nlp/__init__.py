"""The spaCy plumbing and the gate.

pipeline (the blank English pipeline: sentencizer, value and cue rulers, span index, patterns
loaded from ``rules/patterns/*.jsonl``), prefilter (a first-character lookahead that lets the
regex engine skip text fast), gate (which passages of a document are worth reading at all).
Imports only ``normalize``, except that the gate asks the table reader (``facts.tables``)
whether a table is a term sheet.
"""
