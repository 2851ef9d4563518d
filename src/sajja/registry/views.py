"""Pages of the registry: home (the funds you reach), a fund, its members, enrolling one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sajja.access.policy import capabilities, may, require
from sajja.contributions.enrolment import enrol_taking_entry_fee, entry_fee_on
from sajja.contributions.models import Channel
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.ledger.selectors import member_lines, reserve
from sajja.registry import selectors
from sajja.registry.forms import EnrolForm

PAGE_SIZE = 50


@login_required
def home(request):
    # A user whose roles cover one network, over the whole of it (its coordinator), lands on its home.
    networks = list(selectors.networks_for(request.user)[:2])
    if len(networks) == 1 and may(request.user, networks[0], "view_network_figures"):
        return redirect("rollup:network-home", network=networks[0].code)
    # grouped by network on the page, so ordered by network first
    funds = selectors.funds_for(request.user).order_by("network__code", "code")
    return render(request, "registry/home.html", {"funds": funds})


@login_required
def fund_detail(request, code):
    fund = selectors.fund_for(request.user, code)
    caps = capabilities(request.user, fund)
    members = selectors.members_for(request.user, fund)
    context = {
        "fund": fund,
        "groups": fund.groups.all() if "view_members" in caps else [],
        # Overseers see how many members the fund has; a member sees their own record, not a count of one.
        "member_count": members.count() if "view_members" in caps else None,
        "my_membership": members.filter(user=request.user).first(),
        "caps": caps,
        # the reserve as every page shows it (cash and bank in the books), to who may see the books
        "reserve": reserve(fund) if "view_books" in caps else None,
    }
    return render(request, "registry/fund_detail.html", context)


@login_required
def member_list(request, code):
    fund = selectors.fund_for(request.user, code)
    query = request.GET.get("q", "").strip()
    members = selectors.members_for(request.user, fund, query)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/member_list.html", {"fund": fund, "page": page, "q": query})


@login_required
def member_detail(request, code, number):
    fund = selectors.fund_for(request.user, code)
    member = selectors.member_for(request.user, fund, number)
    lines = list(member_lines(member))
    context = {
        "fund": fund,
        "member": member,
        "national_id": selectors.national_id_shown(request.user, member),
        "beneficiaries": member.beneficiaries.all(),
        "status_changes": member.status_changes.all(),
        "lines": lines,
        # Contributions are credits on the member's account: shown as positive amounts paid in.
        "paid_total": -sum(line.amount for line in lines),
    }
    return render(request, "registry/member_detail.html", context)


@login_required
def member_new(request, code):
    """Enrol a member, taking the entry fee at the same time where the fund charges one."""
    fund = selectors.fund_for(request.user, code)
    require(request.user, fund, "manage_members")
    fee = entry_fee_on(fund, thai_dates.today())
    form = EnrolForm(
        request.POST or None,
        fund=fund,
        groups=fund.groups.order_by("code"),
        fee=fee,
        channels=Channel.choices,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            done = enrol_taking_entry_fee(
                request.user,
                fund,
                form.enrolment(),
                channel=d.get("fee_channel") or None,
                token=f"web:{d['token']}",
            )
        except DomainError as exc:
            form.show_refusal(exc)
        else:
            _tell(request, done)
            return redirect("registry:member-detail", code=fund.code, number=done.member.number)
    return render(request, "registry/member_new.html", {"fund": fund, "form": form, "fee": fee})


def _tell(request, done) -> None:
    number = done.member.number
    if not done.created:
        messages.info(
            request, _("This form was already sent: member %(n)s was enrolled once") % {"n": number}
        )
    elif done.receipt is not None:
        messages.success(
            request,
            _("Member %(n)s enrolled; entry fee received, receipt no. %(r)s")
            % {"n": number, "r": done.receipt.number},
        )
    else:
        messages.success(request, _("Member %(n)s enrolled") % {"n": number})
