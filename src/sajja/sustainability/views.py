"""Pages of the sustainability area: a fund's and a network's stored projection, and the button to redo it.

The pages only read what the worker stored; the button only queues (the projection runs in the worker).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sajja.access.policy import network_for
from sajja.registry.selectors import fund_for
from sajja.sustainability import selectors, services
from sajja.sustainability.presenting import present


@login_required
@require_GET
def fund_page(request, code):
    fund = fund_for(request.user, code)
    standing = selectors.projection_state(request.user, fund)
    context = {"fund": fund, "body": fund, "standing": standing, **present(standing, is_fund=True)}
    return render(request, "sustainability/fund.html", context)


@login_required
@require_GET
def network_page(request, network):
    body = network_for(request.user, network, "view_projection")
    standing = selectors.projection_state(request.user, body)
    context = {"network": body, "body": body, "standing": standing, **present(standing, is_fund=False)}
    return render(request, "sustainability/network.html", context)


@login_required
@require_POST
def fund_recompute(request, code):
    fund = fund_for(request.user, code)
    services.request_recompute(request.user, fund)
    messages.success(request, _("The projection is queued; it is computed in the background."))
    return redirect("sustainability:fund-sustainability", code=fund.code)


@login_required
@require_POST
def network_recompute(request, network):
    body = network_for(request.user, network, "view_projection")
    services.request_recompute(request.user, body)
    messages.success(request, _("The projection is queued; it is computed in the background."))
    return redirect("sustainability:network-sustainability", network=body.code)
