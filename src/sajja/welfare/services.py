"""Every write to a fund's scheme: adopting a template, publishing a new version. Checked by
sajja.schemes, in one transaction, audited. A published version is never changed.

Claims are written by `sajja.welfare.claims`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.chain import digest_of
from sajja.audit.services import record, serialise_audited_writes
from sajja.schemes import SchemeInvalid, load_scheme_data, load_template, scheme_to_data
from sajja.schemes.errors import SchemeError
from sajja.schemes.loading import line_of, read_yaml
from sajja.welfare import reasons
from sajja.welfare.models import FundScheme, FundSchemeVersion
from sajja.welfare.selectors import scheme_header, version_definitions


def scheme_code(fund_code: str) -> str:
    """A fund's code as a scheme code (lower case, digits and _, starting with a letter).

    >>> scheme_code("songkhla-khuanlang"), scheme_code("9-fund")
    ('songkhla_khuanlang', 'f_9_fund')
    """
    code = re.sub(r"[^a-z0-9_]", "_", fund_code.lower())
    return code if code[:1].isalpha() else f"f_{code}"


@transaction.atomic
def adopt_template(
    actor, fund, template: str, *, effective_from: datetime.date, resolution: str = ""
) -> FundScheme:
    """Give the fund its own copy of a template's current rules, in force from `effective_from`.

    The fund then edits its copy by publishing new versions; the template itself never changes.
    """
    require(actor, fund, "manage_scheme")
    source = load_template(template)
    version = dict(scheme_to_data(source)["versions"][-1])
    version["effective_from"] = effective_from.isoformat()
    if resolution.strip():
        version["reference"] = resolution.strip()
    serialise_audited_writes()
    if FundScheme.objects.filter(fund=fund).exists():
        raise reasons.SCHEME_EXISTS.conflict()
    header = {"code": scheme_code(fund.code), "name_th": fund.name_th, "name_en": fund.name_en or fund.code}
    scheme = load_scheme_data({**header, "versions": [version]}, source=f"{fund.code}/{template}")
    row = FundScheme.objects.create(
        fund=fund,
        template=template,
        adopted_at=timezone.now(),
        adopted_by=_user(actor),
        **header,
    )
    _store_version(actor, row, 1, scheme_to_data(scheme)["versions"][0], resolution)
    record(
        actor,
        "welfare.scheme.adopt",
        "welfare_scheme",
        row.pk,
        fund_id=fund.pk,
        data={"template": template, "effective_from": effective_from},
    )
    return row


def check_version(fund, version: Mapping | str, source: str = "version.yaml") -> dict:
    """The new version as it would be stored (normalised data), validated together with the versions
    before it (so it must be dated after the last one). Nothing is written.

    A refusal is a `SchemeInvalid` whose errors name the place in the version as written
    (`benefits[1].tiers[0].amount`, and the line when YAML text was given).
    """
    root = None
    if isinstance(version, str):
        version, root = read_yaml(version, source)
    if not isinstance(version, Mapping):
        not_a_mapping = reasons.VERSION_NOT_A_MAPPING
        raise SchemeInvalid([SchemeError("", not_a_mapping.code, *not_a_mapping.words(), source=source)])
    row = FundScheme.objects.filter(fund=fund).first()
    if row is None:
        raise reasons.NO_SCHEME_TO_REVISE.conflict()
    previous = version_definitions(row)
    n = len(previous)
    try:
        scheme = load_scheme_data({**scheme_header(row), "versions": [*previous, dict(version)]})
    except SchemeInvalid as exc:
        raise _as_written(exc, n, source, root) from None
    return scheme_to_data(scheme)["versions"][n]


def publish_version(
    actor, fund, version: Mapping | str, *, resolution: str = "", source: str = "version.yaml"
) -> FundSchemeVersion:
    """Publish a new version of the fund's rules: a mapping, or the YAML text of one version, checked
    by `check_version`. Published versions are never changed: a change is another new version."""
    require(actor, fund, "manage_scheme")
    with transaction.atomic():
        serialise_audited_writes()
        definition = check_version(fund, version, source)
        row = FundScheme.objects.get(fund=fund)
        stored = _store_version(actor, row, row.versions.count() + 1, definition, resolution)
        record(
            actor,
            "welfare.scheme.publish",
            "welfare_scheme_version",
            stored.pk,
            fund_id=fund.pk,
            digest=stored.digest,
        )
        return stored


def _as_written(exc: SchemeInvalid, n: int, source: str, root) -> SchemeInvalid:
    """The errors of version `n` with paths (and lines) as the version itself is written."""
    prefix = f"versions[{n}]."
    errors = []
    for error in exc.errors:
        path = error.path.removeprefix(prefix) if error.path.startswith(prefix) else error.path
        line = line_of(root, path) if root is not None else None
        errors.append(
            SchemeError(path, error.code, error.message_th, error.message_en, source=source, line=line)
        )
    return SchemeInvalid(errors)


def _store_version(
    actor, row: FundScheme, number: int, definition: dict, resolution: str
) -> FundSchemeVersion:
    return FundSchemeVersion.objects.create(
        scheme=row,
        number=number,
        effective_from=datetime.date.fromisoformat(str(definition["effective_from"])),
        definition=definition,
        digest=digest_of(definition),
        resolution=resolution.strip()[:300],
        published_at=timezone.now(),
        published_by=_user(actor),
    )


def _user(actor):
    """The actor as a user row (None for the command line's SYSTEM)."""
    return actor if getattr(actor, "pk", None) else None
