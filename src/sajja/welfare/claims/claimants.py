"""Who may enter a claim for whom: a bookkeeper for any member of the fund, a member only for themself.

The capabilities (enter_claims, enter_own_claim) are welfare's, registered in sajja.welfare.apps; this adds
the one rule the policy cannot know: which member the claim is for.
"""

from __future__ import annotations

from sajja.access.policy import capabilities, not_found, own_member_ids
from sajja.welfare import reasons


def may_enter_for(user, fund, member) -> bool:
    """A bookkeeper enters a claim for any member; a member only for themself."""
    caps = capabilities(user, fund)
    return "enter_claims" in caps or ("enter_own_claim" in caps and member.pk in own_member_ids(user))


def require_enter_for(user, fund, member) -> None:
    """NotFound outside the user's funds (as if the fund did not exist), NotPermitted for another's claim."""
    caps = capabilities(user, fund)
    if not caps:
        raise not_found(fund)
    if "enter_claims" in caps:
        return
    if "enter_own_claim" in caps and member.pk in own_member_ids(user):
        return
    raise reasons.ENTER_NOT_PERMITTED.not_permitted()
