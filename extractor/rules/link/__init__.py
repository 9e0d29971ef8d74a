"""Frame building and linking: clauses to contracts.

parties (defined terms, role nouns, the filer's own names), frames (a paragraph's clauses
grouped into one frame per agreement, later sentences that refer back filling it, several deals
kept apart), direction (who provides and who pays, from the verb and its arguments), contracts
(a frame to a Contract with evidence), merge (one contract told in several places becomes one),
vetoes (frames whose contract shows it is none: a rented building, the book of business in the
plural, a notice or megawatts alone).
Imports every other rules package; nothing there imports this one.
"""
