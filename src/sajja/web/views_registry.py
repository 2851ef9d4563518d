"""Pages of the registry: home, funds, members."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from sajja.access.policy import capabilities
from sajja.ledger.selectors import member_lines
from sajja.registry import selectors

PAGE_SIZE = 50


@login_required
def home(request):
    # grouped by network on the page, so ordered by network first
    funds = selectors.funds_for(request.user).order_by("network__code", "code")
    return render(request, "web/home.html", {"funds": funds})


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
    }
    return render(request, "web/fund_detail.html", context)


@login_required
def member_list(request, code):
    fund = selectors.fund_for(request.user, code)
    query = request.GET.get("q", "").strip()
    members = selectors.members_for(request.user, fund, query)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/member_list.html", {"fund": fund, "page": page, "q": query})


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
    return render(request, "web/member_detail.html", context)
