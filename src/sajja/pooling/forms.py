"""Forms of the network's pooling page. They parse shapes (an amount in baht, a day in either era, a rate);
the services check the rules. A money form's hidden token is its write's idempotency key: sending it twice
records once."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sajja.cofunding.reasons import MoneyAccount
from sajja.contributions.forms import DayField
from sajja.core import thai_dates
from sajja.core.money import MoneyError, parse_baht
from sajja.pooling.reasons import BasisChoice
from sajja.reasons import in_language
from sajja.schemes.cofunding.fiscal import FiscalYearInvalid, parse_fiscal_year
from sajja.schemes.pooling import BASIS_POINTS
from sajja.web.fields import BahtField


class OptionalBahtField(BahtField):
    """An amount in baht that may be left empty (None)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        return super().clean(value)


class _Refusing(forms.Form):
    """A form that shows each of the service's problems beside the field it names (the others above)."""

    FIELD_OF: dict[str, str] = {}
    data: QueryDict

    def refused(self, errors) -> None:
        for error in errors:
            self.add_error(self.FIELD_OF.get(error.where), in_language(error, place=False))


class _Keyed(_Refusing):
    """A money form whose hidden token keys its write. A key already used for another write gets a new
    one, so sending once more records it anew."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("paid_on", thai_dates.today())

    def refused(self, errors) -> None:
        super().refused(errors)
        if any(error.code.endswith("key_reused") for error in errors):
            data = self.data.copy()
            data["token"] = uuid.uuid4().hex
            self.data = data


_MONEY_FIELDS = {"amount": "amount", "paid_on": "paid_on", "paid_from": "paid_from", "paid_into": "paid_into"}


class RemitForm(_Keyed):
    """Money one of the network's funds sent to the pool for the fiscal year."""

    fund = forms.ChoiceField(label=_("Fund remitting"))
    amount = BahtField(label=_("Amount (baht)"))
    paid_on = DayField(label=_("Paid on"))
    paid_from = forms.ChoiceField(
        label=_("Paid from"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK
    )
    paid_into = forms.ChoiceField(
        label=_("Paid into"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK
    )
    note = forms.CharField(label=_("Note (e.g. the transfer's reference)"), max_length=200, required=False)
    FIELD_OF = {**_MONEY_FIELDS, "note": "note", "fund": "fund", "network": "fund"}

    def __init__(self, *args, funds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].choices = list(funds)


class TopUpForm(_Keyed):
    """The pool pays back part of a large claim of one of the network's funds."""

    claim = forms.IntegerField(label=_("Claim number"), min_value=1, max_value=2**63 - 1)
    amount = OptionalBahtField(label=_("Amount (baht; empty: the most the rule allows)"))
    paid_on = DayField(label=_("Paid on"))
    paid_from = forms.ChoiceField(
        label=_("Paid from"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK
    )
    paid_into = forms.ChoiceField(
        label=_("Paid into"), choices=MoneyAccount.choices, initial=MoneyAccount.BANK
    )
    FIELD_OF = {**_MONEY_FIELDS, "claim": "claim"}


class RuleForm(_Refusing):
    """The network's pooling rule from a fiscal year on."""

    from_fy = forms.CharField(label=_("From fiscal year (e.g. 2569 or 2026)"), max_length=6)
    pool_fund = forms.ChoiceField(label=_("Fund that holds the pool"))
    basis = forms.ChoiceField(label=_("Remitted on"), choices=BasisChoice.choices)
    rate = forms.CharField(
        label=_("Rate: a percentage (e.g. 10%) or, per member, baht (e.g. 20)"), max_length=20
    )
    top_up_threshold = OptionalBahtField(label=_("Claims topped up above (baht)"))
    top_up_percent = forms.IntegerField(
        label=_("Top-up: % of the part above"), min_value=0, max_value=100, required=False
    )
    top_up_cap = OptionalBahtField(label=_("Top-up at most (baht per claim; empty: no cap)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    FIELD_OF = {
        "pool_fund": "pool_fund",
        "basis": "basis",
        "rate": "rate",
        "top_up_threshold": "top_up_threshold",
        "top_up_percent": "top_up_percent",
        "top_up_cap": "top_up_cap",
        "note": "note",
        "from_fiscal_year": "from_fy",
    }

    def __init__(self, *args, funds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool_fund"].choices = list(funds)

    def clean_from_fy(self):
        try:
            return parse_fiscal_year(self.cleaned_data["from_fy"])
        except FiscalYearInvalid as exc:
            raise forms.ValidationError(in_language(exc, place=False)) from None

    def clean(self):
        data = super().clean()
        text = (data.get("rate") or "").strip()
        if not text or "basis" not in data:
            return data
        try:
            data["rate"] = parse_rate(text, data["basis"])
        except ValueError:
            self.add_error(
                "rate", _("Enter a percentage (e.g. 10 or 2.5%) or, per member, an amount in baht")
            )
        return data


def parse_rate(text: str, basis: str) -> int:
    """A rate as the services hold it: basis points of a percentage ("10%" -> 1000), or satang per member
    ("20" -> 2000). ValueError when it is neither.

    >>> parse_rate("10%", "contributions"), parse_rate("2.5", "surplus"), parse_rate("20", "per_member")
    (1000, 250, 2000)
    """
    text = text.strip()
    if basis == BasisChoice.PER_MEMBER:
        try:
            return parse_baht(text.removesuffix("บาท").strip())
        except MoneyError:
            raise ValueError(text) from None
    try:
        percent = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not percent.is_finite():
        raise ValueError(text)
    points = percent * BASIS_POINTS / 100
    if points != points.to_integral_value():
        raise ValueError(text)
    return int(points)
