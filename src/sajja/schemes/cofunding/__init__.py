"""Co-funding ("1:1:1"): what the local and central governments (and other parties) owe a fund for a
Thai fiscal year, as versioned policy data and pure rules. No Django: the co-funding area reads the
register and the books into plain values (`FundFacts`, `MemberRow`) and calls `compute_entitlement`.

| module | concept |
| --- | --- |
| `fiscal.py` | the Thai fiscal year (1 October - 30 September), typed in either era |
| `parties.py` | who puts money in: members, local and central government, province, other donors |
| `policy.py`, `checks.py`, `errors.py`, `loading.py` | policies as dated data per fiscal year, checked and loaded safely |
| `welfare.py` | which benefit categories count as the basic welfare types |
| `rules.py` | the fund-level rules (age, registration, coverage, books, audit chain, basic welfare) |
| `reasons.py`, `entitlement.py` | who counts, why the others do not, and each party's amount |
"""

from sajja.schemes.cofunding.entitlement import (
    ROUNDING,
    Entitlement,
    MemberLine,
    MemberRow,
    PartyTotal,
    compute_entitlement,
)
from sajja.schemes.cofunding.errors import MemberRowInvalid, NoPolicyInForce, PolicyInvalid
from sajja.schemes.cofunding.fiscal import (
    Era,
    FiscalYear,
    FiscalYearInvalid,
    ReadFiscalYear,
    fiscal_year_of,
    parse_fiscal_year,
)
from sajja.schemes.cofunding.loading import (
    load_policy,
    load_policy_data,
    load_policy_file,
    load_policy_text,
    national_policy,
    policy_names,
    policy_to_data,
    policy_to_yaml,
)
from sajja.schemes.cofunding.parties import Party
from sajja.schemes.cofunding.policy import CofundingPolicy, Coverage, PartyRule, PolicyVersion, Thresholds
from sajja.schemes.cofunding.reasons import Exclusion, MemberState
from sajja.schemes.cofunding.rules import RULES, AreaKind, FundFacts, RuleResult, check_fund
from sajja.schemes.cofunding.welfare import BasicWelfare, basic_welfare_of, welfare_categories

__all__ = [
    "ROUNDING",
    "RULES",
    "AreaKind",
    "BasicWelfare",
    "CofundingPolicy",
    "Coverage",
    "Entitlement",
    "Era",
    "Exclusion",
    "FiscalYear",
    "FiscalYearInvalid",
    "FundFacts",
    "MemberLine",
    "MemberRow",
    "MemberRowInvalid",
    "MemberState",
    "NoPolicyInForce",
    "Party",
    "PartyRule",
    "PartyTotal",
    "PolicyInvalid",
    "PolicyVersion",
    "ReadFiscalYear",
    "RuleResult",
    "Thresholds",
    "basic_welfare_of",
    "check_fund",
    "compute_entitlement",
    "fiscal_year_of",
    "load_policy",
    "load_policy_data",
    "load_policy_file",
    "load_policy_text",
    "national_policy",
    "parse_fiscal_year",
    "policy_names",
    "policy_to_data",
    "policy_to_yaml",
    "welfare_categories",
]
