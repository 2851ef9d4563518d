"""Pages of the registry: home, funds, members."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from sajja.access.policy import can
from sajja.ledger.selectors import member_lines
from sajja.registry import selectors


@login_required
def home(request):
    funds = selectors.funds_for(request.user)
    return render(request, "web/home.html", {"funds": funds})


@login_required
def fund_detail(request, code):
    fund = selectors.fund_for(request.user, code)
    context = {
        "fund": fund,
        "groups": fund.groups.all(),
        "member_count": selectors.members_for(request.user, fund).count(),
        "can_books": can(request.user, fund, "view_books"),
        "can_members": can(request.user, fund, "view_members"),
    }
    return render(request, "web/fund_detail.html", context)


@login_required
def member_list(request, code):
    fund = selectors.fund_for(request.user, code)
    query = request.GET.get("q", "")
    members = selectors.members_for(request.user, fund, query)
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "web/member_list.html", {"fund": fund, "page": page, "q": query})


@login_required
def member_detail(request, code, number):
    fund = selectors.fund_for(request.user, code)
    member = selectors.member_for(request.user, fund, number)
    context = {
        "fund": fund,
        "member": member,
        "national_id": selectors.national_id_shown(request.user, member),
        "beneficiaries": member.beneficiaries.all(),
        "status_changes": member.status_changes.all(),
        "lines": member_lines(member),
    }
    return render(request, "web/member_detail.html", context)
