"""Welfare claims, a part of the welfare area: a member's claim from entry through verification and two
committee approvals to payout, with its evidence. services (the workflow), validation, evidence, payout,
claimants (who may enter a claim), shapes (the API's view of a claim), api, views."""
