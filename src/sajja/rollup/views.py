"""Pages of the roll-up: a network's home for its coordinator, a province's and the nation's for
administrators. They only read the figures kept for each fund (selectors); nothing is worked out here."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sajja.rollup import attention, selectors

# the thresholds of "needs attention", said under every table
THRESHOLDS = {
    "grace": attention.CLOSE_GRACE_DAYS,
    "floor": attention.COLLECTIONS_FLOOR,
    "arrears": attention.ARREARS_CEILING,
    "risk": round(100 * attention.RISK_CEILING),
    "cofunding_grace": attention.COFUNDING_GRACE_DAYS,
}


@login_required
@require_GET
def network_home(request, network):
    rollup = selectors.network_figures(request.user, network)
    context = {"rollup": rollup, "network": rollup.body, **THRESHOLDS}
    if selectors.sees_everything(request.user):
        code = rollup.body.province_code
        context["province"] = selectors.province_names(code) if code else None
        context["sees_everything"] = True
    return render(request, "rollup/network.html", context)


@login_required
@require_GET
def province_page(request, province):
    rollup = selectors.province_figures(request.user, province)
    return render(request, "rollup/province.html", {"rollup": rollup, **THRESHOLDS})


@login_required
@require_GET
def national_page(request):
    rollup = selectors.national_figures(request.user)
    return render(request, "rollup/national.html", {"rollup": rollup, **THRESHOLDS})
