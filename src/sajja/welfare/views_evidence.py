"""Evidence files on a claim's page: attaching one, and opening one (only for those who may see the claim)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sajja.core.errors import DomainError
from sajja.reasons import in_language
from sajja.registry.selectors import fund_for
from sajja.welfare import selectors
from sajja.welfare.claimants import require_enter_for
from sajja.welfare.evidence import attach_evidence, evidence_for, max_bytes


@login_required
@require_POST
def evidence_add(request, code, pk):
    fund = fund_for(request.user, code)
    claim = selectors.claim_for(request.user, fund, pk)
    require_enter_for(request.user, fund, claim.member)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach"))
    elif upload.size > max_bytes():
        messages.error(request, _("The file is too large"))
    else:
        try:
            attach_evidence(request.user, claim, upload.name, upload.read())
        except DomainError as exc:
            messages.error(request, in_language(exc))
        else:
            messages.success(request, _("File attached: the claim goes back to verification"))
    return redirect("claim-detail", code=fund.code, pk=claim.pk)


@login_required
def evidence_file(request, code, pk, evidence_id):
    fund = fund_for(request.user, code)
    claim = selectors.claim_for(request.user, fund, pk)  # 404 for anyone who may not see the claim
    evidence, path = evidence_for(claim, evidence_id)
    response = FileResponse(path.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_quoted(evidence.name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
