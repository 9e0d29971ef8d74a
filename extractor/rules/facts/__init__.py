"""Facts of one clause or one table: fees, totals, terms, notice, capacity, GPU counts, each
with its evidence span.

findings (the fact types), amounts (what a money amount is: a fee for a period, a total, a
prepayment), terms (term end and length, capacity, counts, facilities), clause (every fact of
one clause from its spaCy spans), tables (term sheets and contract tables read as tables).
Imports ``normalize`` and ``nlp``.
"""
