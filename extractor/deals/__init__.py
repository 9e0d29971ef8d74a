"""Deals across filings: the same deal told in an S-1, its amendments, the 424B4, each 10-Q
and 8-K becomes one ``Deal`` with a stable ``deal_id``, each filing's statement of it,
the current value of each field and an event for each change.

names.py (name keys), identity.py (which contracts are one deal), history.py
(statements, current values, events), models.py (the typed values). Pure functions:
the result depends on the set of contracts given, never on their order.
"""

from extractor.deals.history import build_deals
from extractor.deals.identity import ContractFact, facts_from_results

__all__ = ["ContractFact", "build_deals", "facts_from_results"]
