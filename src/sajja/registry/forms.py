"""The registry's form: enrolling a member. It parses and checks shapes; the services check the rules."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.core import thai_dates
from sajja.core.errors import DomainError, Problem
from sajja.reasons import in_language
from sajja.registry.services import BeneficiaryData, Enrolment, PersonData


class EnrolForm(forms.Form):
    """A new member: the person, the joining day and group, a beneficiary, and (where the fund charges
    one) whether the entry fee is paid now. The hidden token makes sending the form twice enrol once."""

    token = forms.CharField(widget=forms.HiddenInput)
    national_id = forms.CharField(
        label=_("National ID (13 digits)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    title = forms.CharField(label=_("Title (e.g. นาย, นาง, นางสาว)"), max_length=20, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("F", _("female")), ("M", _("male"))])
    joined_on = forms.DateField(
        label=_("Joined on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    group = forms.ChoiceField(label=_("Group"), required=False)
    house_number = forms.CharField(label=_("House number"), max_length=20, required=False)
    moo = forms.IntegerField(label=_("Moo (village no.)"), min_value=1, max_value=99, required=False)
    subdistrict_code = forms.CharField(label=_("Tambon code (DOPA)"), max_length=6, required=False)
    district_code = forms.CharField(label=_("Amphoe code (DOPA)"), max_length=4, required=False)
    province_code = forms.CharField(label=_("Province code (DOPA)"), max_length=2, required=False)
    beneficiary_name = forms.CharField(
        label=_("Beneficiary's full name (if any)"), max_length=200, required=False
    )
    beneficiary_relationship = forms.CharField(
        label=_("Beneficiary's relationship (e.g. ลูก, คู่สมรส)"), max_length=50, required=False
    )
    fee_channel = forms.ChoiceField(label=_("Entry fee"), required=False)

    def __init__(self, *args, fund, groups=(), fee: int = 0, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "—")] + [(g.code, f"{g.code} {g.name}") for g in groups]
        if fee:
            self.fields["fee_channel"].choices = [("", _("not paid now"))] + [
                (value, _("paid now: %(channel)s") % {"channel": label}) for value, label in channels
            ]
        else:
            del self.fields["fee_channel"]  # the fund charges none
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            self.initial.setdefault("joined_on", thai_dates.today())
            for place in ("province_code", "district_code", "subdistrict_code"):
                self.initial.setdefault(place, getattr(fund, place))  # a tambon fund's members live there
            if fee and channels:
                self.initial.setdefault("fee_channel", channels[0][0])

    # Where a refusal of the enrolment points (the service's `where`), as this form's fields.
    FIELD_OF = {"name": "first_name", "beneficiaries": "beneficiary_name"}

    def enrolment(self) -> Enrolment:
        """The cleaned form as the registry's enrolment (a named beneficiary takes the whole share)."""
        d = self.cleaned_data
        name = d["beneficiary_name"].strip()
        person = PersonData(
            national_id=d["national_id"],
            first_name=d["first_name"],
            last_name=d["last_name"],
            birth_date=d["birth_date"],
            sex=d["sex"],
            title=d["title"].strip(),
            province_code=d["province_code"].strip(),
            district_code=d["district_code"].strip(),
            subdistrict_code=d["subdistrict_code"].strip(),
            moo=d["moo"],
            house_number=d["house_number"].strip(),
        )
        beneficiaries = (BeneficiaryData(name, d["beneficiary_relationship"].strip(), 100),) if name else ()
        return Enrolment(person, d["joined_on"], d["group"], beneficiaries)

    def show_refusal(self, exc: DomainError) -> None:
        """Each problem of a refused enrolment, in the request's language, on the field it names; the others
        above the form, saying where they are."""
        for error in getattr(exc, "errors", None) or [exc]:
            where = error.where or ""
            field = self.FIELD_OF.get(where.split("[")[0], where.split("[")[0])
            if field in self.fields:
                self.add_error(field, in_language(Problem(error.code, error.message_th, error.message_en)))
            else:
                self.add_error(None, in_language(error))

    def clean(self):
        data = super().clean()
        if bool(data.get("beneficiary_name", "").strip()) != bool(
            data.get("beneficiary_relationship", "").strip()
        ):
            raise forms.ValidationError(_("Give the beneficiary's name and relationship, or neither"))
        return data
