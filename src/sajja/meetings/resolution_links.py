"""What a resolution decided, checked against the body's own records before the resolution is written:
the members it admitted, the claims it approves (each bound to its content as the meeting saw it), the
scheme version it published, the co-funding request it made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sajja.core.errors import Problem, ValidationFailed
from sajja.core.money import format_baht
from sajja.meetings import reasons
from sajja.meetings.models import LinkKind, Resolution, ResolutionLink
from sajja.reasons import Both
from sajja.registry.models import Fund, Member
from sajja.schemes.cofunding.fiscal import FiscalYearInvalid, parse_fiscal_year
from sajja.welfare.models import Claim, FundSchemeVersion
from sajja.welfare.reasons import ClaimStatus

FUND_ONLY = {LinkKind.MEMBERS, LinkKind.CLAIMS, LinkKind.SCHEME_VERSION, LinkKind.ADMIN_COST}


@dataclass(frozen=True)
class Link:
    kind: str
    ref: str
    label: str
    digest: str = ""


def _members(fund: Fund, refs: list[str]) -> tuple[list[Link], list[Problem]]:
    found = {m.number: m for m in Member.objects.filter(fund=fund, number__in=refs).select_related("person")}
    links = [Link(str(LinkKind.MEMBERS), r, f"{r} {found[r].person.full_name}") for r in refs if r in found]
    missing = [r for r in refs if r not in found]
    errors = [reasons.LINK_NOT_A_MEMBER.problem("link_id", numbers=", ".join(missing))]
    return links, errors if missing else []


def _claims(fund: Fund, refs: list[str]) -> tuple[list[Link], list[Problem]]:
    ids = [int(r) for r in refs if r.isdigit()]
    found = {str(c.pk): c for c in Claim.objects.filter(fund=fund, pk__in=ids).select_related("member")}
    errors, links = [], []
    for ref in refs:
        claim = found.get(ref)
        if claim is None:
            errors.append(reasons.LINK_NOT_A_CLAIM.problem("link_id", claim=ref))
        elif claim.status != ClaimStatus.VERIFIED:
            status = Both(str(ClaimStatus(claim.status).label), claim.status)
            errors.append(reasons.CLAIM_NOT_VERIFIED.problem("link_id", claim=ref, status=status))
        else:
            label = f"{claim.member.number} {claim.benefit_name_th} {format_baht(claim.amount)}"
            links.append(Link(str(LinkKind.CLAIMS), ref, label, claim.digest))
    return links, errors


def _scheme_versions(fund: Fund, refs: list[str]) -> tuple[list[Link], list[Problem]]:
    numbers = [int(r) for r in refs if r.isdigit()]
    found = {
        str(v.number): v
        for v in FundSchemeVersion.objects.filter(scheme__fund=fund, number__in=numbers).select_related(
            "scheme"
        )
    }
    links = [
        Link(
            str(LinkKind.SCHEME_VERSION),
            r,
            f"{found[r].scheme.code} v{r} ({found[r].effective_from})",
            found[r].digest,
        )
        for r in refs
        if r in found
    ]
    missing = [r for r in refs if r not in found]
    errors = [reasons.LINK_NOT_A_VERSION.problem("link_id", numbers=", ".join(missing))]
    return links, errors if missing else []


def _fiscal_years(fund: Fund, refs: list[str]) -> tuple[list[Link], list[Problem]]:
    """Fiscal years whose administration costs the committee allows past the limit, typed in either era
    and kept in the Buddhist era (the co-funding area's guard looks them up so)."""
    links: list[Link] = []
    errors: list[Problem] = []
    for ref in refs:
        try:
            year = parse_fiscal_year(ref).fiscal_year
        except FiscalYearInvalid:
            errors.append(reasons.LINK_NOT_A_FISCAL_YEAR.problem("link_id", year=ref))
        else:
            if all(link.ref != str(year.be) for link in links):  # 2569 and 2026 are one year
                links.append(Link(str(LinkKind.ADMIN_COST), str(year.be), year.label("th")))
    return links, errors


# each kind of link a fund's records check, by the kind's value
CHECKS: dict[str, Callable[[Fund, list[str]], tuple[list[Link], list[Problem]]]] = {
    str(LinkKind.MEMBERS): _members,
    str(LinkKind.CLAIMS): _claims,
    str(LinkKind.SCHEME_VERSION): _scheme_versions,
    str(LinkKind.ADMIN_COST): _fiscal_years,
}


def check_links(body, kind: str, refs: list[str]) -> list[Link]:
    """The links, or ValidationFailed naming each reference that is not the body's."""
    if kind not in LinkKind.values:
        raise reasons.BAD_LINK_KIND.invalid("link_kind")
    if kind in FUND_ONLY and not isinstance(body, Fund):
        raise reasons.LINK_NEEDS_A_FUND.invalid("link_kind")
    if kind == LinkKind.COFUNDING:
        too_long = [r for r in refs if len(r) > 100]
        if too_long:
            raise reasons.LINK_TOO_LONG.invalid("link_id")
        return [Link(kind, r, r) for r in refs]
    links, errors = CHECKS[kind](body, refs)
    if errors:
        raise ValidationFailed(errors)
    return links


def store_links(resolution: Resolution, links: list[Link]) -> None:
    ResolutionLink.objects.bulk_create(
        ResolutionLink(
            resolution=resolution, kind=link.kind, ref=link.ref, label=link.label, digest=link.digest
        )
        for link in links
    )
