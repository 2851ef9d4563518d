"""Forms of the contributions pages. They parse shapes; the services check the rules."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sajja.contributions.models import Channel, Purpose
from sajja.contributions.reading import parse_day
from sajja.core import thai_dates
from sajja.reasons import current_language, in_language
from sajja.web.fields import BahtField

MAX_UPLOAD = 20 * 1024 * 1024  # bytes


class DayField(forms.DateField):
    """A day as a phone's date picker sends it (2026-11-16), or as typed where there is none: in the
    Buddhist or common era, Thai digits allowed (16/11/2569, ๑๖/๑๑/๒๕๖๙), read as a payments file is."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, datetime.date):
            return super().to_python(value)
        day, problem = parse_day(str(value))
        if problem:
            raise forms.ValidationError(problem[1] if current_language().startswith("th") else problem[2])
        return day


class PaymentForm(forms.Form):
    """One payment. The hidden token is the payment's idempotency key: sending twice records once."""

    token = forms.CharField(widget=forms.HiddenInput)
    member = forms.CharField(
        label=_("Member number or national ID"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date = DayField(label=_("Date paid"))
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
    data: QueryDict  # the bound form's: the request's (Django's Form sets it)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("date", thai_dates.today())

    # the column a payment's check names -> the field of this form that holds it
    FIELD_OF = {
        "member": "member",
        "amount": "amount",
        "date": "date",
        "channel": "channel",
        "purpose": "purpose",
        "receipt": "book_number",
    }

    def refused(self, errors) -> None:
        """Show the service's refusal beside the fields it concerns. A key already used for another
        payment (the form sent, then Back, changed and sent again) gets the form a new key, so sending
        it once more records it as a new payment instead of clashing with the first."""
        for error in errors:
            text = in_language(error, place=False)
            field = self.FIELD_OF.get(error.where)
            self.add_error(field, text if field or not error.where else f"{error.where}: {text}")
        if any(error.code == "key_reused" for error in errors):
            data = self.data.copy()  # the request's data cannot be changed in place
            data["token"] = uuid.uuid4().hex
            self.data = data


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
    date = DayField(label=_("Meeting date"))


class PromptPayForm(forms.Form):
    promptpay_id = forms.CharField(
        label=_("The fund's PromptPay ID (phone, citizen or tax ID, e-wallet ID)"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
