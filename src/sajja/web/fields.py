"""Form fields every area's pages share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.core.money import MoneyError, parse_baht


class BahtField(forms.CharField):
    """An amount typed in baht ("1,234.50", Thai digits allowed), cleaned to integer satang."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "30.00"})

    def clean(self, value):
        value = super().clean(value)
        try:
            satang = parse_baht(value)
        except MoneyError:
            raise forms.ValidationError(
                _("Enter an amount in baht with at most two decimals, e.g. 1,234.50")
            ) from None
        if satang <= 0:
            raise forms.ValidationError(_("The amount must be more than zero"))
        return satang
