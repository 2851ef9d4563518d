"""Forms of the co-funding pages. They parse shapes (an amount in baht, a day in either era); the services
check the rules. Each form's hidden token is its write's idempotency key: sending it twice records once."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sajja.cofunding.reasons import AreaKindChoice, MoneyAccount, PartyChoice
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


# --- the fund's profile and policy -----------------------------------------------------------------

# "3 บ้านนาทวี", "3. บ้านนาทวี", "๓ บ้านนาทวี" (Thai digits), "3" (no name yet); not "3บ้าน", not "3/1"
VILLAGE_LINE = re.compile(r"(\d+)(?:(?:[.:)]|\s)\s*(.*))?")
NUMBER_DIGITS = 9  # a longer number is no village's: read as one past the limit, which the service refuses
LINES_LIMIT = 20_000  # characters of the villages' box: a thousand villages with long names


class ProfileForm(forms.Form):
    """The fund's area, registration and villages (or communities), one a line: "3 บ้านนาทวี". A line
    that is not a number and a name is named by its line number; the service checks the rest (numbers
    from 1 to 999, none twice, a registration date not after today), and its problems about a village
    are named by the line it was typed on."""

    area_kind = forms.ChoiceField(label=_("Area"), choices=AreaKindChoice.choices)
    registered_on = DayField(label=_("Registered on (empty: not registered)"), required=False)
    registered_with = forms.CharField(label=_("Registered with (e.g. CODI)"), max_length=200, required=False)
    registration_number = forms.CharField(label=_("Registration number"), max_length=64, required=False)
    villages = forms.CharField(
        label=_("Villages (หมู่) or communities (ชุมชน), one a line"),
        help_text=_("The number, a space, then the name, e.g. 3 บ้านนาทวี"),
        required=False,
        strip=False,  # the lines keep their numbers
        max_length=LINES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off", "spellcheck": "false"}),
    )
    FIELD_OF = {
        "area_kind": "area_kind",
        "registered_on": "registered_on",
        "registered_with": "registered_with",
        "registration_number": "registration_number",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_villages: tuple[tuple[int, str], ...] = ()  # the lines that parsed, even beside bad ones
        self.village_lines: list[int] = []  # the line each of them was typed on

    def clean_villages(self) -> tuple[tuple[int, str], ...]:
        """(number, name) of each line that is not empty; every malformed line named, by its number."""
        found, lines, bad = [], [], []
        for n, line in enumerate(self.cleaned_data["villages"].splitlines(), start=1):
            if not line.strip():
                continue
            match = VILLAGE_LINE.fullmatch(line.strip())
            if match is None:
                text = line.strip()
                bad.append(
                    forms.ValidationError(
                        _("Line %(line)s is not a number and a name (e.g. 3 บ้านนาทวี): “%(text)s”"),
                        params={"line": n, "text": text if len(text) <= 40 else f"{text[:40]}…"},
                    )
                )
                continue
            digits = match.group(1)
            number = int(digits) if len(digits) <= NUMBER_DIGITS else 10**NUMBER_DIGITS
            found.append((number, (match.group(2) or "").strip()))
            lines.append(n)
        self.parsed_villages, self.village_lines = tuple(found), lines
        if bad:
            raise forms.ValidationError(bad)
        return self.parsed_villages

    def refused(self, problems) -> None:
        """Each of the service's problems beside its field: a village's named by the line it was typed on
        (its place in the list the form gave, `villages[2].number`), the others above the form."""
        for problem in problems:
            text = in_language(problem, place=False)
            where = getattr(problem, "where", "") or ""
            if where.startswith("villages["):
                index = int(where[len("villages[") : where.index("]")])
                line = self.village_lines[index] if index < len(self.village_lines) else index + 1
                self.add_error("villages", _("Line %(line)s: %(problem)s") % {"line": line, "problem": text})
            else:
                self.add_error(self.FIELD_OF.get(where), text)


class PolicyForm(forms.Form):
    """Which of the shipped policies the fund follows, by name. A fund with its own policy (set from the
    command line) has no choice here."""

    policy = forms.ChoiceField(label=_("Co-funding policy"))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = list(choices)

    def refused(self, problems) -> None:
        for problem in problems:
            self.add_error("policy" if problem.where == "policy" else None, in_language(problem, place=False))
