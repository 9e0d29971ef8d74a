"""Who provides and who buys.

The rules, strongest first: defined roles ("Customer", "Host"); who pays whom
("X shall pay Y", "we pay X", "X pays us"); who supplies whom ("we provide ...
to X", "X will host ... for Y", "X provides us with"); who contracted for
capacity ("X has contracted for 5 MW ... with Y"); the filer's own selling words
("our largest customer", "backlog", "tenant ... at our campus"); the filer buying
("we committed to spend ... with X"); and between two third parties, the subject
buys unless it leases out data-center space. A side named only by its role
("the Customer") stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.models import Party
from extractor.rules.link.parties import FILER_WORDS, PartyContext, role_kind
from extractor.rules.nlp.pipeline import BULLET, canonical_org
from extractor.rules.normalize.names import (
    COMPANY_SUFFIX, NAME_WORD, SENTENCE_JOIN, clean_name, expand_name, looks_like_name, proper_names,
)

# the space inside a name: a wrapped line is fine, a blank line (a heading above) is not
_GAP = r"(?:[ \t]+|(?<!\n)[ \t]*\n(?![ \t]*\n)[ \t]*)"
_NAME = r"(" + NAME_WORD + r"(?:" + _GAP + r"(?:[A-Z0-9][\w&.\-]*|of|&(?=\s+[A-Z]))){0,6}" + COMPANY_SUFFIX + ")"
_ROLE = r"(?:the\s+|such\s+|our\s+)?(?:[Cc]ustomer|[Cc]ounterparty|[Pp]rovider|[Ss]ervice\s+[Pp]rovider|[Hh]ost|[Ll]essor|[Ll]essee|[Tt]enant|[Ll]andlord|[Ll]icensee|[Ll]icensor)"
_WHO = (
    r"((?:[Ww]e|us|[Tt]he\s+Company|[Tt]he\s+Registrant|[Tt]he\s+Corporation|[Tt]he\s+Group|" + _ROLE + r")\b|"
    + NAME_WORD + r"(?:" + _GAP + r"(?:[A-Z0-9][\w&.\-]*|of)){0,6}" + COMPANY_SUFFIX + ")"
)
_FILER = re.compile(r"\b(?:[Ww]e|us|[Oo]ur|[Tt]he\s+Company|[Tt]he\s+Registrant|[Tt]he\s+Group|[Tt]he\s+Corporation)\b")  # foreign issuers
_PAYMENT = re.compile(
    r"(?<!\bwith\s)(?<!\bfrom\s)(?<!\bon\s)(?<!\bto\s)(?<!\bby\s)" + _WHO + r"(?:['\u2019]s)?(?:\s*\([^()]{0,40}\))?(?:,(?=\s+(?:has|have|had|will|shall|agreed|committed|also)\b))?\s+(?:[a-z]\w*\s+){0,4}?(?:pay|pays|paid|paying)(?:\s+|(?=,))(?:to\s+)?(?:" + _WHO + r")?"
)
_SUPPLY = re.compile(
    _WHO + r"\s+(?:[a-z0-9][\w-]*\s+){0,6}?(?:provide|provides|supply|supplies|host|hosts|deliver|delivers|sell|sells|"
    r"lease|leases|offer|offers|make|makes|grant|grants|granted)\b(?:\s+(" + NAME_WORD + r"(?:\s+[A-Z0-9][\w&.\-]*){0,6}"
    + COMPANY_SUFFIX + r"),?\s+"
    r"(?:with\b|an?\s+(?:\d+%\s+)?(?:discount|credit|abatement))|(?:[^.;]|(?<=\d)\.(?=\d)){0,140}?\b(?:to|for)\s+(?:the\s+(?:tenant|customer),\s+)?"
    + _WHO + r")"
)
_LANDS = re.compile(_NAME + r"\s+(?:lands|wins|signs)\s+" + _NAME + r"\s+as\s+(?:an?\s+)?(?:anchor\s+)?(?:tenant|customer)")
_AGREEMENT_TO_PROVIDE = re.compile(r"\b(?:agreement|contract)\s+to\s+(?:provide|supply|deliver)\s+" + _NAME + r"\s+with\b")
# "announced a three-year, $670 million agreement to provide dedicated GPU cloud capacity to Lumenfield AI, Inc."
_AGREEMENT_TO_PROVIDE_TO = re.compile(r"\b(?:agreement|contract|deal)\s+to\s+(?:provide|supply|deliver|host|lease)\b"
                                      r"(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\bto\s+" + _NAME)
_AGREEMENT_TO_SUPPLY = re.compile(r"\bwith\s+" + _NAME + r"(?:\s*\([^()]{0,40}\))?,?\s+to\s+(?:deliver|provide|supply|host|lease)\b")
# "Our Ohio facility is leased in its entirety to Amazon Web Services, Inc.": the filer leases out
_LEASED_TO = re.compile(r"\b(?:[Oo]ur|[Tt]he\s+Company['\u2019]s)\s+(?:[\w,-]+\s+){0,4}?(?:is|are|was|were|has\s+been|have\s+been)\s+"
                        r"(?:fully\s+|entirely\s+)?leased\s+(?:in\s+(?:its|their)\s+entirety\s+)?to\s+" + _NAME)
# Passive voice: "capacity provided by us to X", "will be made available to X by Y".
# "payable to us", "fees ... are payable by Heliograph", "paid to X by Y"
_PASSIVE_PAYMENT = re.compile(r"\b(?:payable|paid|owed|due)\s+(?:(?:monthly|quarterly|annually|in\s+advance|in\s+arrears)\s+)?"
                              r"(?:to\s+" + _WHO + r"(?:\s+by\s+" + _WHO + r")?|by\s+" + _WHO + r"(?:\s+to\s+" + _WHO + r")?)")
# "X has committed to purchase compute from us", "we buy capacity from Y"
_PURCHASE_FROM = re.compile(
    _WHO + r"(?:\s*\([^()]{0,40}\))?\s+(?:[a-z]\w*\s+){0,4}?(?:purchase|purchases|purchased|buy|buys|bought|procure|procures|"
    r"consume|consumes|acquire|acquires|contract|contracts|reserve|reserves|rent|rents|lease|leases)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\bfrom\s+" + _WHO
)
_PASSIVE_SUPPLY = re.compile(
    r"\b(?:provided|supplied|delivered|hosted|made\s+available|leased|sold|offered)\s+(?:(?:exclusively|solely|directly)\s+)?"
    r"(?:by\s+" + _WHO + r"\s+(?:to|for)\s+" + _WHO + r"|(?:to|for)\s+" + _WHO + r"\s+by\s+" + _WHO + r")"
)
# one side of the passive: "capacity at our sites is being made available to Northgate AI Systems, Inc."
_PASSIVE_TO = re.compile(
    r"\b(?:is|are|was|were|will\s+be|would\s+be|has\s+been|have\s+been)\s+(?:being\s+)?(?:provided|supplied|delivered|hosted|"
    r"made\s+available|leased|sold|offered)\s+(?:(?:exclusively|solely|directly)\s+)?to\s+" + _NAME + r"(?!\s*,?\s+by\b)")
# a description between a name and its verb: ", a Swedish automotive software company,"
_APPOSITIVE = re.compile(
    r"(?<=[\w.)]),\s+(?:a|an)\s+(?:[\w&'-]+\s+){0,8}?(?:company|firm|developer|provider|operator|laboratory|lab|start-?up|maker|"
    r"manufacturer|designer|subsidiary|affiliate|corporation|business|group|platform|institution|leader|bank|insurer|retailer|"
    r"studio|publisher)(?:\s+(?:of|in|for|based\s+in|headquartered\s+in)\s+[^,;()]{1,60})?,(?=\s+(?:has|have|had|will|shall|is|"
    r"agreed|committed|contracted|signed|entered|pays|leases|occupies|reserved|purchased)\b)")
_WHICH_PAYS_US = re.compile(_NAME + r",?\s+(?:which|who)\b,?\s+(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\b(?:pays|paid|will\s+pay|has\s+agreed\s+to\s+pay)\s+us\b")
_PROVIDES_US = re.compile(_NAME + r"\s+(?:provides|supplies|hosts|offers|sells|leases)\s+(?:us|the\s+Company)\b")
_CONTRACTED_FOR = re.compile(_WHO + r"\s+(?:has\s+|have\s+)?contracted\s+for\b(?:(?:[^.;]|(?<=\d)\.(?=\d)){0,120}?\bwith\s+" + _NAME + r")?")
_OCCUPIES = re.compile(_WHO + r",?\s+(?:which\s+|who\s+)?(?:will\s+|shall\s+|has\s+agreed\s+to\s+|is\s+expected\s+to\s+)?(?:occupy|occupies|occupied|lease|leases|leased|"
                       r"rent|rents|rented|take|takes|took|reserve|reserves|reserved)\s+(?:approximately\s+|up\s+to\s+|an\s+additional\s+)?[\d.,]+\s*"
                       r"(?:MW|megawatts?|kW|GPUs)\b(?!(?:[^.;]|(?<=\d)\.(?=\d)){0,60}\bto\s+(?!us\b)[A-Z])")
_POSSESSIVE_BUYER = re.compile(_NAME + r"['\u2019]s\s+(?:aggregate\s+|minimum\s+|total\s+|fixed\s+|monthly\s+|annual\s+|quarterly\s+)?"
                               r"(?:commitment|payments|obligations?|fees?)\b")
_FILER_SELLS = re.compile(
    r"\bmonetiz\w+\s+(?:\w+\s+){0,3}?(?:capacity|compute|infrastructure)|\bour\s+(?:largest\s+|anchor\s+)?"
    r"(?:customers?|tenants?)\b|\b(?:contracted|committed|expected|future)\s+revenues?\b|\bwith\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:customer|tenant|company|hyperscaler|laboratory|lab|developer|enterprise|client)\b|"
    r"\b(?:agreement|contract)\s+to\s+(?:provide|supply|deliver|host)\b|"
    r"\b(?:from|across|at)\s+its\s+(?:[\w,.-]+\s+){0,4}?(?:data\s+cent(?:er|re)s?|campus(?:es)?|facilit(?:y|ies)|sites?)\b|\bbacklog\b|\b(?:at|in|of)\s+our\s+(?:[\w,.-]+\s+){0,4}?(?:campus|campuses|facility|facilities|data\s+cent(?:er|re)s?|site|capacity|clusters?|fleet)\b|"
    r"\b(?:we|[Tt]he\s+Company|[Tt]he\s+Registrant)\s+(?:will\s+|shall\s+|agreed\s+to\s+|has\s+agreed\s+to\s+)?(?:provide|deliver|host|supply|make\s+available)\b|"
    r"\bcontract\s+revenues?\b|\bgenerate\b(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?\brevenues?\b|"
    # the counterparty described as a buyer: ", a U.S. developer of large language models", ", an AI research lab"
    r",\s+an?\s+(?:[\w.-]+\s+){0,3}?(?:developer|builder|maker)s?\s+of\s+(?:[\w-]+\s+){0,3}?(?:models?|AI)\b|"
    r",\s+an?\s+(?:[\w.-]+\s+){0,2}?(?:AI|artificial\s+intelligence)\s+(?:research\s+)?(?:lab|laboratory|company|startup|developer)\b",
    re.I,
)
_SITE = r"(?:[\w-]+\s+){0,3}?(?:campus|campuses|facility|facilities|data\s+cent(?:er|re)s?|site)\b"
_OUR_CUSTOMER = re.compile(r"\b[Oo]ur\s+(?:[\w-]+\s+){0,3}?(?:customer|client|tenant|lessee),?\s+" + _NAME)
_HOSTED_AT = re.compile(r"\b(?:hosted|housed|located|racked|colocated)\s+(?:at|by|in)\s+" + _NAME + r"(?:['\u2019]s)?")
_OUR_PROVIDER = re.compile(r"\bour\s+(?:[\w-]+\s+){0,3}?(?:provider|vendor|host|landlord|lessor),?\s+" + _NAME)
_FROM_NAME = re.compile(r"\b(?:from|with|on|through|by)\s+(?:the\s+)?" + _NAME)
_SUBJECT_VERBS = re.compile(
    # after a company suffix and a defined name: "Kinloch Data Centers, Inc. ("Kinloch") entered into"
    r"^(?:,?\s+(?:Inc|Corp|Corporation|Ltd|LLC|L\.P|PBC|plc|N\.V|S\.A|AG|SE|AB|ASA|K\.K|Limited)\b\.?(?:\s*\([^)]{0,40}\))?\s+"
    r"(?:has|have|had|agreed|committed|signed|entered|reached|announced|today|also|signs|agrees|commits|contracted)\b)|"
    r"^(?:['\u2019]s\b|\s+(?:\([^)]{0,30}\)\s+)?(?:has|have|had|said|disclosed|agreed|committed|signed|entered|reached|made|"
    r"announced|will|is|was|contracted|today|also|then|shared|may|can|chooses|holds|says|expects|plans|"
    r"signs|agrees|commits)\b)"
)
_LEASE_OUT = re.compile(r"\blease\b|\bcolocation\b|\bco-location\b|\bdata\s+cent(?:er|re)\s+campus\b|\bdeliver\b", re.I)
_MONTHS = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Section|Note|Item)\b")
_AFTER_SUFFIX = re.compile(r"(?:(?<=\bInc)|(?<=\bCorp)|(?<=\bLtd)|(?<=\bLLC)|(?<=\bL\.P))\.\s+(?=[A-Z][a-z])")
# "The principal terms of the Master Capacity Agreement with OpenAI ...": the filer's own agreement, by
# its defined name, with one counterparty (the filer speaks without saying "we")
_DEFINED_AGREEMENT_WITH = re.compile(r"\b(?:[Tt]he|[Oo]ur)\s+(?:[A-Z][\w-]*\s+){1,4}(?:Agreement|Contract|Lease|MSA|Order)\s+with\s+[A-Z]")
_UNNAMED = Party(name=None, is_filer=False)  # a side the text names only by its role


@dataclass(frozen=True)
class Sides:
    provider: Party | None
    customer: Party | None

    def fill(self, provider: Party | None, customer: Party | None) -> Sides:
        return Sides(self.provider or provider, self.customer or customer)

    @property
    def complete(self) -> bool:
        return self.provider is not None and self.customer is not None

    def public(self) -> Sides:
        """Role-only sides become None in the output."""
        return Sides(None if self.provider is _UNNAMED else self.provider, None if self.customer is _UNNAMED else self.customer)


_ITEM_MARKER = re.compile(r"(?<![\w)])\((?:i{1,3}|iv|v|vi|[a-e]|[1-6])\)\s+")
_LATER_ITEM = re.compile(r"^\s*(?:and\s+)?\((?:ii|iii|iv|v|vi|[b-e]|[2-6])\)\s+" + _NAME)


def resolve_sides(text: str, orgs: tuple, ctx: PartyContext, kind: str, context: str | None = None) -> Sides:
    """The provider and customer a frame's text states (None where it does not say).
    ``context`` (the whole sentences) tells whether the filer speaks ("we") when a clause does not."""
    # "agreements with (i) X for ... and (ii) Y for ...": the markers stand between a verb and its party,
    # and a frame that starts at a later item is the deal with the party that item names
    item = _LATER_ITEM.match(text)
    text = _APPOSITIVE.sub(" ", _ITEM_MARKER.sub("", text))  # "Lindqvist AB, a Swedish software company, has contracted ..."
    context = _ITEM_MARKER.sub("", context or text)
    filer = Party(name=_filer_entity(context, ctx) or ctx.filer_name, is_filer=True)
    sides = Sides(_named(ctx.roles.get("provider"), ctx, filer), _named(ctx.roles.get("customer"), ctx, filer))
    for m in _AS_ROLE.finditer(text):  # "Northgate AI Systems, Inc., as customer, and Helix Basin Energy & Compute, Inc., as provider"
        named = _named(m.group(1), ctx, filer)
        kind = role_kind(m.group(2))
        if named is not None and kind == "provider":
            sides = sides.fill(named, None)
        elif named is not None and kind == "customer":
            sides = sides.fill(None, named)
    m = re.search(r"Customer\s+Name\s*:\s*([^\n]+?)(?:\s{2,}|$|\n)", text)
    if m:
        sides = sides.fill(None, _named(m.group(1).strip(" ."), ctx, filer))
    for rule in (_by_payment, _by_supply, _by_contracting, _by_filer_selling):
        if sides.complete:
            break
        if rule is _by_filer_selling and not (_FILER.search(text) or _names_filer(text, ctx)) and _names_filer(context, ctx):
            # the filer tells of the deal ("Talon Ridge ... today announced ..."): its selling words are its own
            sides = sides.fill(*rule(context, ctx, filer))
        else:
            sides = sides.fill(*rule(text, ctx, filer))
    if not sides.complete and (_FILER.search(context) or _names_filer(context, ctx) or _DEFINED_AGREEMENT_WITH.search(context)):
        if sides.provider is None and sides.customer is None and _filer_sells(context, orgs, ctx, text):
            sides = sides.fill(filer, None)
        if sides.customer is None and (sides.provider is None or not sides.provider.is_filer):
            sides = sides.fill(None, filer)
        if sides.provider is None and sides.customer is not None and sides.customer.is_filer:
            sides = sides.fill(_seller_named(text, orgs, ctx, filer), None)
        if sides.customer is None and sides.provider is not None and sides.provider.is_filer:
            sides = sides.fill(None, _counterpart(text, ctx, filer) or (
                _counterpart(context, ctx, filer) if context != text and not _WITH_UNNAMED.search(text) else None))
        if sides.provider is None and sides.customer is not None and not sides.customer.is_filer:
            sides = sides.fill(filer, None)  # the filer tells of its customer, by name or by role ("the counterparty has committed to pay")
    if not sides.complete:
        third = _third_parties(text, orgs, ctx, kind, filer)
        taken = {p.name for p in (sides.provider, sides.customer) if p is not None and p.name}
        sides = sides.fill(*(p if p is not None and p.name not in taken else None for p in (third.provider, third.customer)))
    sides = _name_the_roles(sides, context, orgs, ctx, filer, text)
    named = _named(item.group(1), ctx, filer) if item else None
    if named is not None and not named.is_filer:
        if sides.provider is not None and sides.provider.is_filer:
            sides = Sides(sides.provider, named)
        elif sides.customer is not None and sides.customer.is_filer:
            sides = Sides(named, sides.customer)
    sides = Sides(*(_longest_form(p, context, ctx, filer) for p in (sides.provider, sides.customer)))
    if sides.provider is not None and sides.customer is not None and sides.provider.name == sides.customer.name:
        sides = Sides(sides.provider, None)
    return sides.public()


def _longest_form(party: Party | None, context: str, ctx: PartyContext, filer: Party) -> Party | None:
    """A counterparty the frame names short ("Nimbus AI") by its full name in the paragraph ("Nimbus AI, Inc.")."""
    if party is None or party is _UNNAMED or party.is_filer or not party.name:
        return party
    longer = _named(expand_name(context, party.name), ctx, filer)
    if longer is None or longer.is_filer or not longer.name.startswith(party.name) or not _ENDS_WITH_SUFFIX.search(longer.name):
        return party  # only "Nimbus AI" -> "Nimbus AI, Inc.", never "Veridane AI SAS" -> "Veridane AI SAS Total"
    return longer


_ENDS_WITH_SUFFIX = re.compile(r"\b(?:Inc|Corp|Corporation|Ltd|LLC|L\.P|LP|PBC|plc|N\.V|S\.A|SAS|AG|SE|AB|ASA|K\.K|GmbH|Limited|Co)\.?$")


def _names_filer(context: str, ctx: PartyContext) -> bool:
    """Whether the filer is named ("Obsidian Reach Compute, Inc. (the "Company") entered into ...")."""
    if not ctx.filer_name:
        return False
    head = clean_name(ctx.filer_name).split(",")[0].strip()
    return len(head) > 3 and re.search(r"\b" + re.escape(head) + r"(?!\w)", context) is not None


_SELLER_NAME = re.compile(r"\b(?:Compute|Cloud|Data\s+Cent(?:er|re)s?|Hosting|Digital|Infrastructure|Neocloud|Hyperscale|GPU|AI\s+Cloud|"
                          r"Datacenters?|Colo|Mining|Hashing|Power|Energy)\b")


def _filer_sells(context: str, orgs: tuple, ctx: PartyContext, text: str | None = None) -> bool:
    """With no verb to go by: the filer sells when its one counterparty is a typical buyer (an AI
    lab) or when its own name says it sells capacity ("Quillon Compute", "Cobalt Ridge Data Centers")
    and the counterparty is no typical seller (AWS, Azure)."""
    roles = {role for _, name, role in orgs if name not in ctx.filer_entities}
    if roles == {"customer"} and not (text is not None and _BUYER_WORDS.search(text)):
        return True  # "we signed a build-to-suit lease with OpenAI OpCo, LLC for a 1.2 GW campus": an AI lab is no landlord
    if text is not None and (_TENANT_WORDS.search(text) or _BUYER_WORDS.search(text)) and not _FILER_SELLS.search(text):
        return False  # the clause itself: "we entered into a 10-year lease with Halcyon for the facility"
    if _FILER_SELLS.search(context) or _at_filer_site(context, ctx):  # "leases with two tenants at our campus"
        return True  # the filer's own selling words outweigh a counterparty's usual role (hyperscalers buy too)
    if "provider" in roles:
        return False
    if "customer" in roles:
        return True
    if _TENANT_WORDS.search(context) or _BUYER_WORDS.search(context):  # "a lease with X", "we committed to spend"
        return False
    if _OUR_HOSTING.search(context):  # "our HPC hosting agreement with Cinder AI": the speaker hosts, when nothing says it pays
        return True
    # "the period of notice the customer must give": the speaker names the other side by its role
    customer_noun, provider_noun = _CUSTOMER_NOUN.search(context), _PROVIDER_NOUN.search(context)
    if customer_noun or provider_noun:
        return bool(customer_noun) and not provider_noun
    return bool(ctx.filer_name and _SELLER_NAME.search(ctx.filer_name))


_WITH_UNNAMED = re.compile(r"\bwith\s+(?:a|an|one)\s+(?:[\w-]+\s+){0,4}?(?:customer|company|institution|hyperscaler|laboratory|"
                           r"lab|developer|enterprise|client|firm|bank|provider|operator|tenant)\b")
_BULLET_LEAD = re.compile(r"^\s*" + BULLET + r"\s+" + _NAME + r"\s*:")
_WE_AND = re.compile(r"\b(?:[Ww]e|[Tt]he\s+Company)\s+and\s+" + _NAME + r"\s+(?:\([^()]{0,40}\)\s+)?(?:have\s+|has\s+)?(?:amended|entered|signed|agreed|executed)\b")
_AS_ROLE = re.compile(_NAME + r",?\s+as\s+(?:the\s+)?(customer|provider|service\s+provider|lessor|lessee|tenant|landlord|host|"
                      r"licensor|licensee|supplier|purchaser)\b")
_CUSTOMER_NOUN = re.compile(r"\b(?:the|such|that)\s+(?:customer|tenant|lessee|licensee|client)\b")
_PROVIDER_NOUN = re.compile(r"\b(?:the|such|that)\s+(?:provider|service\s+provider|host|lessor|landlord|licensor|vendor|supplier)\b")
_OUR_HOSTING = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}?(?:hosting|colocation|co-location)\s+(?:services?\s+)?"
                          r"(?:agreements?|contracts?|arrangements?)\s+with\b", re.I)
_BUYER_WORDS = re.compile(r"\bspend\w*\b|\b(?:we|the\s+Company)\s+(?:have\s+|has\s+)?(?:purchase|buy|procure|rely|use|obtain|consume|"
                          r"reserved?|rent(?:ed)?|secured?)\b|\bat\s+a\s+cost\s+(?:to\s+us\s+)?of\b|\bwe\s+will\s+receive\b|"
                          r"\bfrom\s+(?!us\b)(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Q[1-4])\b)(?-i:[A-Z])", re.I)  # "from Microsoft", not "from acceptance" or "from December 31"
_TENANT_WORDS = re.compile(r"\b(?:lease|leases|leased|rent|sublease|landlord|lessor)\b", re.I)


def _name_the_roles(sides: Sides, context: str, orgs: tuple, ctx: PartyContext, filer: Party, text: str = "") -> Sides:
    """A side the text names only by its role ("the customer", "the counterparty"), across from
    the filer, is the one counterparty the paragraph names ("... an agreement with Helix AI ...
    The customer has agreed to pay us ...")."""
    provider, customer = sides.provider, sides.customer
    filer_provides = provider is not None and provider.is_filer and customer in (None, _UNNAMED)
    filer_buys = customer is not None and customer.is_filer and provider in (None, _UNNAMED)
    if not ((filer_provides and customer is _UNNAMED) or (filer_buys and provider is _UNNAMED)):
        return sides
    if _WITH_UNNAMED.search(text):
        return sides  # "(3) ... with a Fortune 100 financial institution under which the customer has committed to pay"
    appositive = (_OUR_CUSTOMER if filer_provides else _OUR_PROVIDER).search(context)
    named = _named(appositive.group(1), ctx, filer) if appositive else None
    if named is None or named.is_filer:
        named = _counterpart(context, ctx, filer)
    if named is None:
        others = [n for _, n, _ in orgs if n not in ctx.filer_entities]
        named = _named(others[0], ctx, filer) if others else None
    if named is None or named.is_filer:
        return sides
    return Sides(provider, named) if filer_provides else Sides(named, customer)


def _party(mention: str | None, ctx: PartyContext, filer: Party, text: str = "", subject: bool = False) -> Party | None:
    """A mention as a party: we/us/the Company -> the filer; a role word -> its defined name (or unnamed).
    A ``subject`` mention that runs over a sentence end ("Wyoming. Orbital") keeps its last part."""
    if not mention:
        return None
    if subject:
        mention = SENTENCE_JOIN.split(mention)[-1]
        mention = _AFTER_SUFFIX.split(mention)[-1]  # "Tiberion AI, Inc. Tiberion" (leases ...): the new sentence's subject
    else:
        cut = _AFTER_SUFFIX.search(mention)
        if cut:  # "with Coriolan AI, Inc. Coriolan has signed": the name ends with its suffix
            mention = mention[: cut.start() + 1]
    low = clean_name(mention).lower()
    if mention.strip().lower() in ("we", "us", "our") or low in ("company", "registrant", "corporation", "group"):
        return filer  # "the Company", "the Registrant", a foreign issuer's "the Corporation" and "the Group"
    kind = role_kind(mention)
    if kind:
        return _named(ctx.roles.get(kind), ctx, filer) or _UNNAMED
    return _named(expand_name(text, clean_name(mention)) if text else mention, ctx, filer)


def _named(name: str | None, ctx: PartyContext, filer: Party | None = None) -> Party | None:
    if not name:
        return None
    name = canonical_org(clean_name(name))
    name = clean_name(ctx.aliases.get(name, name))
    if name.lower() in FILER_WORDS or not looks_like_name(name):
        return None
    if name in ctx.filer_entities:
        return Party(name=name, is_filer=True)
    if is_filer_name(name, ctx.filer_name):
        return Party(name=ctx.filer_name, is_filer=True)
    return Party(name=name, is_filer=False)


_ENTITY_TYPES = {
    "partnership": r"\b(?:Partners|Partnership|L\.\s?P\.?|LP)(?!\w)", "trust": r"\bTrust\b", "corporation": r"\b(?:Corp|Corporation)\b",
    "group": r"\bGroup\b", "fund": r"\bFund\b", "bank": r"\bBank\b",
}


def is_filer_name(name: str, filer_name: str | None) -> bool:
    """"Oracle" is the filer "Oracle Corporation"; "Snap" is "Snap Inc."."""
    if not filer_name:
        return False
    a, b = name.lower().strip(" .,"), filer_name.lower().strip(" .,")
    if a.startswith("the "):
        a = a[4:]
    if a in _ENTITY_TYPES:  # "the Partnership" of Redhollow Infrastructure Partners, L.P.; "the Trust" of a trust
        return re.search(_ENTITY_TYPES[a], filer_name) is not None
    return a == b or b.startswith(a + " ") or b.startswith(a + ",") or a.startswith(b)


def _filer_entity(text: str, ctx: PartyContext) -> str | None:
    return next((name for name in sorted(ctx.filer_entities) if name in text), None)


def _by_payment(text: str, ctx: PartyContext, filer: Party) -> tuple[Party | None, Party | None]:
    """The payer is the customer, the payee the provider."""
    m = _PASSIVE_PAYMENT.search(text)
    if m:
        payee = _party(m.group(1) or m.group(4), ctx, filer, text)
        payer = _party(m.group(2) or m.group(3), ctx, filer, text)
        if payee is not None or payer is not None:
            if payee is None and payer is not None and not payer.is_filer and _FILER.search(text):
                payee = filer
            if payer is None and payee is not None and payee.is_filer:
                payer = _UNNAMED
            return payee, payer
    m = _WHICH_PAYS_US.search(text)
    if m:  # "... to serve Brisk Otter AI, Inc., which, under a three-year agreement signed in January 2027, pays us ..."
        payer = _party(m.group(1), ctx, filer, text)
        if payer is not None and not payer.is_filer:
            return filer, payer
    m = _PURCHASE_FROM.search(text)
    if m:
        buyer, seller = _party(m.group(1), ctx, filer, text, subject=True), _party(m.group(2), ctx, filer, text)
        if buyer is not None and seller is not None and buyer.name != seller.name:
            return seller, buyer
    for m in _PAYMENT.finditer(text):
        payer = _party(m.group(1), ctx, filer, text, subject=True)
        payee = _party(m.group(2), ctx, filer, text)
        if payer is not None or payee is not None:
            if payer is not None and payee is None and not payer.is_filer and _FILER.search(text):
                payee = filer
            return payee, payer
    return None, None


def _by_supply(text: str, ctx: PartyContext, filer: Party) -> tuple[Party | None, Party | None]:
    """The supplier is the provider, the one supplied the customer."""
    m = _LANDS.search(text)
    if m:
        return _party(m.group(1), ctx, filer, text), _party(m.group(2), ctx, filer, text)
    m = _LEASED_TO.search(text)
    if m:
        return filer, _party(m.group(1), ctx, filer, text)
    m = _AGREEMENT_TO_PROVIDE.search(text) or _AGREEMENT_TO_PROVIDE_TO.search(text)
    if m:  # "... has signed a definitive agreement to provide Microsoft with dedicated AI compute capacity"
        subjects = [n for pos, n in proper_names(text[: m.start()]) if _SUBJECT_VERBS.match(text[pos + len(n) :])]
        supplier = _party(subjects[0], ctx, filer, text) if subjects else (
            filer if _FILER.search(text[: m.start()]) or _names_filer(text[: m.start()], ctx) else None)
        return supplier, _party(m.group(1), ctx, filer, text)
    m = _AGREEMENT_TO_SUPPLY.search(text)
    if m:
        subjects = [n for pos, n in proper_names(text[: m.start()]) if _SUBJECT_VERBS.match(text[pos + len(n) :])]
        supplier = _party(subjects[0], ctx, filer, text) if subjects else (filer if _FILER.search(text[: m.start()]) else None)
        return supplier, _party(m.group(1), ctx, filer, text)
    m = _PASSIVE_SUPPLY.search(text)
    if m:
        supplier, taker = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        return _party(supplier, ctx, filer, text), _party(taker, ctx, filer, text)
    m = _PASSIVE_TO.search(text)
    if m and not re.search(r"\bby\s+(?!us\b)[A-Z]", text[m.end() : m.end() + 80]):
        supplier = filer if _FILER.search(text[: m.start()]) else None
        return supplier, _party(m.group(1), ctx, filer, text)
    m = _PROVIDES_US.search(text)
    if m:
        return _party(m.group(1), ctx, filer, text, subject=True), filer
    for m in _SUPPLY.finditer(text):
        supplier = _party(m.group(1), ctx, filer, text, subject=True)
        taker = _party(m.group(2) or m.group(3), ctx, filer, text)
        if supplier is not None and taker is not None and supplier.name == taker.name and supplier is not _UNNAMED:
            continue
        return supplier, taker
    return None, None


def _by_contracting(text: str, ctx: PartyContext, filer: Party) -> tuple[Party | None, Party | None]:
    """"X has contracted for capacity (with Y)": X buys; "X's aggregate commitment": X buys."""
    m = _OCCUPIES.search(text)
    if m:  # "Ironbark AI Corp. will occupy 5 MW", "Tiberion leases 9 MW": the occupant buys
        buyer = _party(m.group(1), ctx, filer, text, subject=True)
        if buyer is not None and buyer is not _UNNAMED:
            return None, buyer
    m = _CONTRACTED_FOR.search(text)
    if m:
        buyer = _party(m.group(1), ctx, filer, text, subject=True)
        seller = _party(m.group(2), ctx, filer, text) if m.group(2) else (filer if buyer and not buyer.is_filer else None)
        return seller, buyer
    m = _POSSESSIVE_BUYER.search(text)
    if m:
        buyer = _party(m.group(1), ctx, filer, text)
        return (filer if buyer is not None and not buyer.is_filer else None), buyer
    return None, None


def _by_filer_selling(text: str, ctx: PartyContext, filer: Party) -> tuple[Party | None, Party | None]:
    """"our largest customer", "backlog", "with a hyperscale tenant": the speaker sells."""
    m = _OUR_CUSTOMER.search(text)
    if m:
        return filer, _party(m.group(1), ctx, filer, text)
    if not (_FILER_SELLS.search(text) or _at_filer_site(text, ctx)):
        return None, None
    if _FILER.search(text) or _names_filer(text, ctx):  # "we", or the filer by its name
        return filer, _counterpart(text, ctx, filer)
    subjects = [n for pos, n in proper_names(text) if _SUBJECT_VERBS.match(text[pos + len(n) :])]
    return (_party(subjects[0], ctx, filer, text) if subjects else None), None


def _at_filer_site(text: str, ctx: PartyContext) -> bool:
    """Capacity "at Nordlys's Stavanger campus", "at the Company's Rjukan facility": the filer
    named in the third person owns the site, so it sells."""
    owners = [r"the\s+Company['\u2019]s"]
    if ctx.filer_name:
        head = clean_name(ctx.filer_name).split()[0].strip(",")
        if len(head) > 3:
            owners.append(re.escape(head) + r"['\u2019]s")
    owners += [re.escape(alias) + r"['\u2019]s" for alias, name in ctx.aliases.items() if name == ctx.filer_name]
    return re.search(r"\b(?:at|in|of|from|across)\s+(?:" + "|".join(owners) + r")\s+" + _SITE, text) is not None


def _counterpart(text: str, ctx: PartyContext, filer: Party) -> Party | None:
    for m in _FROM_NAME.finditer(text):
        party = _party(m.group(1), ctx, filer, text)
        if party is not None and party is not _UNNAMED and not party.is_filer and not _MONTHS.match(m.group(1)):
            return party
    m = _BULLET_LEAD.match(text)  # "- Kallisto Robotics Pty Ltd: 1,024 GPUs for 24 months" under "announced two new contracts:"
    if m:
        party = _party(m.group(1), ctx, filer, text)
        if party is not None and party is not _UNNAMED and not party.is_filer and looks_like_name(m.group(1)):
            return party
    m = _WE_AND.search(text)  # "we and Juniper Reasoning Corp. amended SOW No. 3"
    if m:
        party = _party(m.group(1), ctx, filer, text)
        if party is not None and party is not _UNNAMED and not party.is_filer:
            return party
    return None


def _seller_named(text: str, orgs: tuple, ctx: PartyContext, filer: Party) -> Party | None:
    m = _OUR_PROVIDER.search(text) or _HOSTED_AT.search(text)
    if m:
        party = _named(m.group(1), ctx, filer)
        if party is not None:
            return party
    providers = [name for _, name, role in orgs if role == "provider" and name not in ctx.filer_entities]
    if providers:
        return _named(providers[0], ctx, filer)
    return _counterpart(text, ctx, filer)


def _third_parties(text: str, orgs: tuple, ctx: PartyContext, kind: str, filer: Party) -> Sides:
    names = [(pos, n) for pos, n in proper_names(text) if _SUBJECT_VERBS.match(text[pos + len(n) :])]
    subject = canonical_org(names[0][1]) if names else None
    m = re.search(r"\bfrom\s+(?:the\s+)?" + _NAME, text)
    if m and looks_like_name(clean_name(m.group(1))):
        return Sides(_named(m.group(1), ctx, filer), _named(subject, ctx, filer))
    candidates = [clean_name(m.group(1)) for m in _FROM_NAME.finditer(text)] + [name for _, name, _ in orgs]
    counterpart = next((canonical_org(n) for n in candidates if looks_like_name(n) and canonical_org(n) != subject), None)
    typical = {name: role for _, name, role in orgs}
    if subject is None:
        by_role = {role: name for _, name, role in reversed(orgs)}
        return Sides(_named(by_role.get("provider"), ctx, filer), _named(by_role.get("customer"), ctx, filer))
    subject_sells = kind == "colocation" and _LEASE_OUT.search(text) and typical.get(subject) != "customer"
    if typical.get(subject) == "provider" and typical.get(counterpart or "") == "customer":
        subject_sells = True
    if subject_sells:
        return Sides(_named(subject, ctx, filer), _named(counterpart, ctx, filer))
    return Sides(_named(counterpart, ctx, filer), _named(subject, ctx, filer))
