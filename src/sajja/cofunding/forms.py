"""Forms of the co-funding pages. They parse shapes (an amount in baht, a day in either era); the services
check the rules. Each form's hidden token is its write's idempotency key: sending it twice records once."""

from __future__ import annotations

import uuid

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sajja.cofunding.reasons import MoneyAccount, PartyChoice
from sajja.contributions.forms import DayField
from sajja.core import thai_dates
from sajja.reasons import in_language
from sajja.web.fields import BahtField


class _Keyed(forms.Form):
    """A form whose hidden token keys its write; a refusal is shown beside the field it names."""

    token = forms.CharField(widget=forms.HiddenInput)
    FIELD_OF: dict[str, str] = {}
    data: QueryDict  # the bound form's: the request's (Django's Form sets it)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)

    def refused(self, errors) -> None:
        """Each of the service's problems beside its field (the others above the form). A key already used
        for another write (sent, then Back, changed and sent again) gets a new key, so sending once more
        records it anew."""
        for error in errors:
            text = in_language(error, place=False)
            field = self.FIELD_OF.get(error.where)
            self.add_error(field, text)
        if any(error.code.endswith("key_reused") for error in errors):
            data = self.data.copy()
            data["token"] = uuid.uuid4().hex
            self.data = data


class RequestForm(_Keyed):
    """Request the year's co-funding (a button: the entitlement as computed when it is pressed)."""

    due_on = DayField(label=_("Due by (empty: the end of this fiscal year)"), required=False)
    FIELD_OF = {"due_on": "due_on"}


def _parties(parties) -> list[tuple[str, str]]:
    labels = dict(PartyChoice.choices)
    return [(p, labels.get(p, p)) for p in parties]


class ReceiptForm(_Keyed):
    """Money one party paid against the year's request."""

    party = forms.ChoiceField(label=_("Paid by"))
    amount = BahtField(label=_("Amount (baht)"))
    received_on = DayField(label=_("Date received"))
    into = forms.ChoiceField(label=_("Into"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK)
    note = forms.CharField(label=_("Note (e.g. the transfer's reference)"), max_length=200, required=False)
    FIELD_OF = {
        "party": "party",
        "amount": "amount",
        "received_on": "received_on",
        "into": "into",
        "note": "note",
    }

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _parties(parties)
        if not self.is_bound:
            self.initial.setdefault("received_on", thai_dates.today())


class RefundForm(_Keyed):
    """Give back to one party what it paid more than it owed."""

    party = forms.ChoiceField(label=_("Refund to"))
    amount = BahtField(label=_("Amount (baht)"))
    refunded_on = DayField(label=_("Date refunded"))
    paid_from = forms.ChoiceField(
        label=_("Paid from"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    FIELD_OF = {
        "party": "party",
        "amount": "amount",
        "refunded_on": "refunded_on",
        "paid_from": "paid_from",
        "note": "note",
    }

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _parties(parties)
        if not self.is_bound:
            self.initial.setdefault("refunded_on", thai_dates.today())
