"""Pages of the welfare area: the fund's rules, its claims, a claim's path, a member's entitlements.

Views parse, call a selector or a service, and render. A refused action comes back to the claim's page
with the reason in the page's language.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sajja.access.policy import capabilities, require
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.reasons import in_language
from sajja.registry.selectors import fund_for, member_for
from sajja.schemes import SchemeInvalid
from sajja.welfare import selectors
from sajja.welfare import services as scheme_services
from sajja.welfare.assess import member_entitlements
from sajja.welfare.describe import benefit_lines, contribution_lines
from sajja.welfare.drafting import differences, version_yaml
from sajja.welfare.forms import DraftForm


@login_required
def scheme_page(request, code):
    fund = fund_for(request.user, code)
    row = selectors.scheme_for(request.user, fund)
    scheme = selectors.scheme_of(fund)
    today = thai_dates.today()
    version = scheme.version_on(today) if scheme else None
    upcoming = [v for v in scheme.versions if v.effective_from > today] if scheme else []
    shown = version or (upcoming[0] if upcoming else None)
    language = get_language() or "th"
    context = {
        "fund": fund,
        "row": row,
        "scheme": scheme,
        "version": shown,
        "in_force": version is not None,
        "benefits": [(b, benefit_lines(b, language)) for b in shown.benefits] if shown else [],
        "contributions": contribution_lines(shown, language) if shown else [],
        "history": selectors.versions_for(request.user, fund),
        "caps": capabilities(request.user, fund),
    }
    return render(request, "welfare/scheme.html", context)


@login_required
def scheme_draft(request, code):
    """A new version of the rules: edit, see what changes side by side, publish."""
    fund = fund_for(request.user, code)
    require(request.user, fund, "manage_scheme")
    selectors.require_scheme(fund)
    row = selectors.scheme_row(fund)
    latest = row.versions.order_by("-number").first()
    current = (selectors.version_in_force(fund, thai_dates.today()) or latest).definition
    initial = {
        "effective_from": datetime.date(max(thai_dates.today(), latest.effective_from).year + 1, 1, 1),
        "definition": version_yaml(latest.definition),
    }
    form = DraftForm(request.POST or None, initial=initial)
    rows, problems = None, []
    if request.method == "POST" and form.is_valid():
        try:
            draft = scheme_services.check_version(fund, form.version_text(), source="draft")
        except SchemeInvalid as exc:
            problems = [str(e) for e in exc.errors]
        except DomainError as exc:
            problems = [in_language(exc)]
        else:
            if request.POST.get("action") == "publish":
                version = scheme_services.publish_version(
                    request.user, fund, draft, resolution=form.cleaned_data["resolution"]
                )
                messages.success(
                    request,
                    _("Version %(n)s of the rules is published, in force from %(day)s")
                    % {"n": version.number, "day": version.effective_from.isoformat()},
                )
                return redirect("welfare:welfare-scheme", code=fund.code)
            rows = differences(current, draft)
    context = {
        "fund": fund,
        "form": form,
        "rows": rows,
        "problems": problems,
        "caps": capabilities(request.user, fund),
    }
    return render(request, "welfare/scheme_draft.html", context)


@login_required
def member_welfare(request, code, number):
    """What the member would get today for each benefit, and why."""
    fund = fund_for(request.user, code)
    member = member_for(request.user, fund, number)
    today = thai_dates.today()
    scheme = selectors.scheme_of(fund)
    rows = member_entitlements(fund, member, today) if scheme else []
    language = get_language() or "th"
    context = {
        "fund": fund,
        "member": member,
        "today": today,
        "scheme": scheme,
        "entitlements": [
            (e, e.unit_label(language), [s.text(language) for s in e.decision.steps[1:]]) for e in rows
        ],
        "claims": selectors.claims_for(request.user, fund).filter(member=member)[:20],
        "caps": capabilities(request.user, fund),
    }
    return render(request, "welfare/member_welfare.html", context)
