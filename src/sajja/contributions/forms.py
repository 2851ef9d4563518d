"""Forms of the contributions pages. They parse shapes; the services check the rules."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.contributions.models import Channel, Purpose
from sajja.web.forms import BahtField

MAX_UPLOAD = 20 * 1024 * 1024  # bytes


class PaymentForm(forms.Form):
    """One payment. The hidden token is the payment's idempotency key: sending twice records once."""

    token = forms.CharField(widget=forms.HiddenInput)
    member = forms.CharField(
        label=_("Member number or national ID"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date = forms.DateField(
        label=_("Date paid"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = BahtField(label=_("Amount (baht)"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.CASH)
    purpose = forms.TypedChoiceField(  # not sent (an older page, a script): a contribution
        label=_("For"),
        choices=Purpose.choices,
        initial=Purpose.CONTRIBUTION,
        required=False,
        empty_value=Purpose.CONTRIBUTION,
    )
    book_number = forms.CharField(label=_("Paper receipt number (if any)"), max_length=32, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("date", datetime.date.today())


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=200)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB"))
        return upload


class SheetDateForm(forms.Form):
    date = forms.DateField(
        label=_("Meeting date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PromptPayForm(forms.Form):
    promptpay_id = forms.CharField(
        label=_("The fund's PromptPay ID (phone, citizen or tax ID, e-wallet ID)"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
