"""Welfare schemes as versioned data, and the one engine that evaluates them. Pure Python, no Django.

- a scheme (`Scheme`) has dated versions (`SchemeVersion`), each with contribution rules and benefits;
- `load_scheme_file` / `load_scheme_text` / `load_scheme_data` / `load_template` read and validate
  one, refusing a bad one with `SchemeInvalid` (every error with its file, line and path);
- `adjudicate` decides one event for one member, with an explanation in Thai and English;
  `adjudicate_batch` decides arrays of events at once, with the same amounts;
- `entitlements` says what a member would get today for each benefit, and why;
- `run_case_file` runs a committee's YAML test cases.

Boundary semantics (waiting periods, anniversaries, paid membership) are defined in `periods`.
"""

from sajja.schemes.batch import Batch, batch_from
from sajja.schemes.cases import CaseResult, load_cases_text, run_case_file, run_cases
from sajja.schemes.decision import Adjudication, BenefitDecision, Status
from sajja.schemes.engine import adjudicate
from sajja.schemes.entitlements import Entitlement, entitlements
from sajja.schemes.errors import SchemeError, SchemeInvalid
from sajja.schemes.loading import (
    load_scheme_data,
    load_scheme_file,
    load_scheme_text,
    load_template,
    scheme_to_data,
    scheme_to_yaml,
    template_names,
    template_path,
)
from sajja.schemes.reasons import Reason
from sajja.schemes.situation import Event, MemberHistory, Payment, Usage
from sajja.schemes.vector import BatchResult, adjudicate_batch
from sajja.schemes.versions import Scheme, SchemeVersion

__all__ = [
    "Adjudication",
    "Batch",
    "BatchResult",
    "BenefitDecision",
    "CaseResult",
    "Entitlement",
    "Event",
    "MemberHistory",
    "Payment",
    "Reason",
    "Scheme",
    "SchemeError",
    "SchemeInvalid",
    "SchemeVersion",
    "Status",
    "Usage",
    "adjudicate",
    "adjudicate_batch",
    "batch_from",
    "entitlements",
    "load_cases_text",
    "load_scheme_data",
    "load_scheme_file",
    "load_scheme_text",
    "load_template",
    "run_case_file",
    "run_cases",
    "scheme_to_data",
    "scheme_to_yaml",
    "template_names",
    "template_path",
]
