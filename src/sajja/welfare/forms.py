"""Forms of the welfare pages. They parse shapes; the services check the rules."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.core import thai_dates
from sajja.core.thai_dates import in_common_era
from sajja.schemes.vocabulary import Level
from sajja.welfare.reasons import PaySource, RejectionReason

PHONE_WIDE = "width:100%;max-width:28rem;font:inherit;padding:.45rem"
"""A text area as wide as the inputs beside it (the site's style sizes inputs, not text areas, and a
text area's default 40 columns are wider than a 360-px phone)."""


def _common_era(day):
    """A day typed with a Buddhist-era year (2569) or a common-era one (2026), in the common era."""
    try:
        return in_common_era(day)
    except ValueError:
        raise forms.ValidationError(
            _("Enter a year in the Buddhist era (2569) or the common era (2026).")
        ) from None


def _name(benefit, english: bool) -> str:
    return benefit.name_en if english else benefit.name_th


class ClaimForm(forms.Form):
    """A new claim. The hidden one-time token makes a form sent twice one claim."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=100)
    member = forms.CharField(label=_("Member number"), max_length=16)
    benefit = forms.ChoiceField(label=_("Benefit"))
    event_date = forms.DateField(
        label=_("Date of the event"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    nights = forms.IntegerField(
        label=_("Nights in hospital"), min_value=0, max_value=366, initial=0, required=False
    )
    level = forms.ChoiceField(label=_("School level (education grants)"), required=False)
    details = forms.CharField(
        label=_("Details (hospital, place, evidence seen)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "style": PHONE_WIDE}),
    )

    def __init__(self, *args, benefits=(), language="th", member_number="", **kwargs):
        super().__init__(*args, **kwargs)
        english = language.startswith("en")
        self.fields["benefit"].choices = [("", "—")] + [(b.code, _name(b, english)) for b in benefits]
        self.fields["level"].choices = [("", "—")] + [(lv.value, lv.label(language)) for lv in Level]
        if member_number:
            self.fields["member"].initial = member_number
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("event_date", thai_dates.today())

    def clean_event_date(self):
        return _common_era(self.cleaned_data["event_date"])

    def clean_nights(self):
        return self.cleaned_data.get("nights") or 0


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *RejectionReason.choices])
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class PayForm(forms.Form):
    source = forms.ChoiceField(label=_("Paid from"), choices=PaySource.choices, initial=PaySource.CASH)
    date = forms.DateField(
        label=_("Date paid"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )

    def clean_date(self):
        return self.cleaned_data.get("date") or thai_dates.today()


class DraftForm(forms.Form):
    """A new version of the rules: the date it takes effect, the resolution, and the rules as YAML."""

    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    resolution = forms.CharField(label=_("Resolution that adopts it"), max_length=300, required=False)
    definition = forms.CharField(
        label=_("The rules (YAML, amounts in baht)"),
        widget=forms.Textarea(
            attrs={
                "rows": 24,
                "spellcheck": "false",
                "style": "width:100%;max-width:none;font-family:monospace",
            }
        ),
    )

    def clean_effective_from(self):
        return _common_era(self.cleaned_data["effective_from"])

    def clean_definition(self):
        text = self.cleaned_data["definition"]
        if any(line.startswith("effective_from:") for line in text.splitlines()):
            raise forms.ValidationError(_("Set the date in the date field, not in the rules"))
        return text

    def version_text(self) -> str:
        """The rules with their date, the date on a line after the text so the text's line numbers hold."""
        day = self.cleaned_data["effective_from"].isoformat()
        return f"{self.cleaned_data['definition'].rstrip()}\neffective_from: {day}\n"


class PensionForm(forms.Form):
    day = forms.DateField(
        label=_("Payment day (the monthly meeting)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("day", thai_dates.today())
