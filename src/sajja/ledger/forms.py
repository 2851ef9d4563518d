"""The books' forms: a simple two-line entry and a month to close. They parse and check shapes; the
services check the rules."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.ledger.selectors import parse_period
from sajja.web.fields import BahtField


class SimpleEntryForm(forms.Form):
    """A two-line entry: one account debited, one credited, by the same amount."""

    token = forms.CharField(widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    memo = forms.CharField(label=_("Description"), max_length=300)
    debit = forms.ChoiceField(label=_("Debit account (money goes to)"))
    credit = forms.ChoiceField(label=_("Credit account (money comes from)"))
    amount = BahtField(label=_("Amount (baht)"))
    authorised_by = forms.TypedChoiceField(
        label=_(
            "Allowed by the resolution (only for what needs one, such as administration costs past the limit)"
        ),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, accounts=(), language="th", authorisers=(), **kwargs):
        super().__init__(*args, **kwargs)
        if authorisers:
            self.fields["authorised_by"].choices = [("", "—")] + list(authorisers)
        else:
            del self.fields["authorised_by"]
        english = language.startswith("en")
        choices = [("", "—")] + [
            (a.code, f"{a.code} {a.name_en if english and a.name_en else a.name_th}") for a in accounts
        ]
        self.fields["debit"].choices = choices
        self.fields["credit"].choices = choices
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("date", thai_dates.today())

    def clean(self):
        data = super().clean()
        if data.get("debit") and data.get("debit") == data.get("credit"):
            raise forms.ValidationError(_("Debit and credit accounts must differ"))
        return data


class PeriodForm(forms.Form):
    """A month, typed YYYY-MM (a Buddhist-era year such as 2569-01 is understood), cleaned to (year, month)."""

    period = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"}),
    )

    def clean_period(self):
        text = self.cleaned_data["period"]
        try:
            year, month = parse_period(text)
        except DomainError:
            raise forms.ValidationError(_("Enter the month as YYYY-MM, e.g. 2026-01 (or 2569-01)")) from None
        if not 2000 <= year <= 2200:
            raise forms.ValidationError(_("Enter the month as YYYY-MM, e.g. 2026-01 (or 2569-01)"))
        return year, month
