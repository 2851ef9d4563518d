"""The fund's co-funding profile, kept by its officers and read by every overseer: the kind of area it
covers, its registration, the villages (หมู่) of its tambon or the communities (ชุมชน) of its municipality,
each with the active members who live or are grouped there (the coverage rule counts the villages that have
some), and the policy it follows.

A phone with no script is enough: the villages are a box of lines, "3 บ้านนาทวี" each. Bad input names
every problem (a village's by the line it was typed on) and writes nothing; what was accepted is shown after
a redirect, and sending the same form again writes nothing new (the services write only what changed). A
fund with its own policy (set from the command line, `sajja cofunding fund --policy FILE`) shows it here,
read-only.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sajja.access.policy import can, require
from sajja.cofunding import selectors, services_fund
from sajja.cofunding.forms import PolicyForm, ProfileForm
from sajja.cofunding.models import FundProfile
from sajja.cofunding.reading import ACTIVE, read_register
from sajja.cofunding.reasons import AreaKindChoice
from sajja.cofunding.services_fund import ProfileData
from sajja.cofunding.writing import ratio_text
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.reasons import current_language, in_language
from sajja.registry.selectors import fund_for
from sajja.schemes.cofunding import CofundingPolicy, fiscal_year_of, load_policy, policy_names

TEMPLATE = "cofunding/profile.html"
POLICY_PART = "policy"  # the policy form's hidden `part`; the profile form sends "profile"


def _language() -> str:
    return "en" if current_language().startswith("en") else "th"


def _members_by_village(fund) -> Counter:
    """Active members by the village they live or are grouped in (None: not known), as the coverage rule
    reads them for the current fiscal year."""
    register = read_register(fund, fiscal_year_of(thai_dates.today()))
    return Counter(register.villages[row.member_id] for row in register.rows if row.status == ACTIVE)


def _policy_lines(policy: CofundingPolicy, language: str) -> list[dict]:
    """Each version of the policy: its years and each party's ratio and cap."""
    return [
        {
            "years": version.years_text(language),
            "parties": [
                {
                    "label": rule.party.label(language),
                    "ratio": ratio_text(rule.ratio),
                    "cap": rule.cap_per_member,
                }
                for rule in version.parties
            ],
        }
        for version in policy.versions
    ]


def _shipped_choices(language: str) -> list[tuple[str, str]]:
    return [(name, f"{load_policy(name).name(language)} ({name})") for name in policy_names()]


def _initial(data: ProfileData) -> dict:
    lines = "\n".join(f"{number} {name}".rstrip() for number, name in data.villages)
    return {
        "area_kind": data.area_kind,
        "registered_on": data.registered_on,
        "registered_with": data.registered_with,
        "registration_number": data.registration_number,
        "villages": lines,
    }


def _context(request, fund, *, profile_form=None, policy_form=None) -> dict:
    language = _language()
    profile: FundProfile | None = selectors.profile_of(fund)
    data = services_fund.profile_data(fund)
    custom = bool(profile and profile.policy_definition)
    try:
        policy, policy_problem = selectors.policy_of(profile), ""
    except DomainError as exc:  # a shipped policy no longer shipped: said, and another may be chosen
        policy, policy_problem = None, in_language(exc, place=False)
    counts = _members_by_village(fund)
    listed = {number for number, _name in data.villages}
    context = {
        "fund": fund,
        "data": data,
        "area_label": dict(AreaKindChoice.choices).get(data.area_kind, data.area_kind),
        "municipality": data.area_kind == AreaKindChoice.MUNICIPALITY,
        "villages": [{"number": n, "name": name, "members": counts.get(n, 0)} for n, name in data.villages],
        "with_members": sum(1 for n in listed if counts.get(n)),
        "unlisted": sorted((n, c) for n, c in counts.items() if n is not None and n not in listed),
        "unknown": counts.get(None, 0),
        "policy": policy,
        "policy_name": policy.name(language) if policy else "",
        "policy_lines": _policy_lines(policy, language) if policy and custom else [],
        "policy_problem": policy_problem,
        "custom": custom,
        "can_manage": can(request.user, fund, "manage_cofunding"),
        "policy_part": POLICY_PART,
    }
    if context["can_manage"]:
        context["profile_form"] = (
            profile_form if profile_form is not None else ProfileForm(initial=_initial(data))
        )
        context["policy_form"] = policy_form
        if not custom and policy_form is None:
            current = profile.policy_code if profile else "national"
            choices = _shipped_choices(language)
            context["policy_form"] = PolicyForm(initial={"policy": current}, choices=choices)
    return context


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, code):
    """The profile as kept, with the forms for those who keep it; a form sent here is saved, or shown
    again with every problem named."""
    fund = fund_for(request.user, code)
    if request.method != "POST":
        require(request.user, fund, "view_cofunding")
        return render(request, TEMPLATE, _context(request, fund))
    require(request.user, fund, "manage_cofunding")
    if request.POST.get("part") == POLICY_PART:
        return _save_policy(request, fund)
    return _save_profile(request, fund)


def _back(fund):
    return redirect(reverse("cofunding:profile", args=[fund.code]))


def _save_profile(request, fund):
    form = ProfileForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        data = ProfileData(
            d["area_kind"], d["registered_on"], d["registered_with"], d["registration_number"], d["villages"]
        )
        try:
            services_fund.set_profile(request.user, fund, data)
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("The fund's area, registration and villages are saved"))
            return _back(fund)
    else:
        form.refused(_rules_of_what_parsed(form))
    return render(request, TEMPLATE, _context(request, fund, profile_form=form), status=400)


def _rules_of_what_parsed(form: ProfileForm) -> list:
    """The service's own check of the fields that parsed (a field that did not is already named), so that
    one sending names every problem: a bad line and a repeated number and a future date alike."""
    d = form.cleaned_data
    parsed = ProfileData(
        d.get("area_kind", "tambon"),  # a kind that did not parse is named already: none more here
        d.get("registered_on"),
        d.get("registered_with", ""),
        d.get("registration_number", ""),
        d.get("villages", form.parsed_villages),
    )
    problems = services_fund.check_profile(parsed, thai_dates.today())
    return [p for p in problems if p.where.startswith("villages[") or p.where not in form.errors]


def _save_policy(request, fund):
    language = _language()
    form = PolicyForm(request.POST, choices=_shipped_choices(language))
    profile = selectors.profile_of(fund)
    if profile is not None and profile.policy_definition:
        form.add_error(None, _("This fund follows its own policy: it is changed from the command line"))
    elif form.is_valid():
        try:
            services_fund.set_policy(request.user, fund, form.cleaned_data["policy"])
        except DomainError as exc:
            form.refused(getattr(exc, "errors", None) or [exc])
        else:
            messages.success(request, _("The co-funding policy is saved"))
            return _back(fund)
    return render(request, TEMPLATE, _context(request, fund, policy_form=form), status=400)
