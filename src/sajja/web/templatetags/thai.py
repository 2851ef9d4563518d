"""Template filters for Thai display: amounts in baht, Buddhist-era dates, masked IDs."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sajja.access.policy import capabilities
from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_period, format_thai_date
from sajja.ledger.selectors import normal_balance

register = template.Library()


@register.filter
def baht(satang):
    """123450 -> '1,234.50 บาท' (in English '1,234.50 baht')."""
    return "" if satang is None else format_baht(int(satang), get_language() or "th")


@register.filter
def number(satang):
    return "" if satang is None else format_number(int(satang))


@register.filter
def be_date(value):
    """A date in the Buddhist era: '26 พ.ย. 2569' (Thai) or '26 Nov 2569 BE' (English)."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_thai_date(value, get_language() or "th")


@register.filter
def period(yyyymm):
    """202601 -> 'ม.ค. 2569'."""
    yyyymm = int(yyyymm)
    return format_period(yyyymm // 100, yyyymm % 100, get_language() or "th")


@register.filter
def local_name(obj):
    """name_en when the page is in English and the object has one, name_th otherwise."""
    if (get_language() or "th").startswith("en") and getattr(obj, "name_en", ""):
        return obj.name_en
    return getattr(obj, "name_th", str(obj))


@register.filter
def balance(account):
    """An account's balance on its normal side: cash 30.00 and contributions received 30.00, not -30.00."""
    return normal_balance(account.kind, account.debit_total, account.credit_total)


@register.filter
def neg(satang):
    """The credit side shown as a positive amount (a contribution credited to the member)."""
    return -int(satang)


ENTRY_KINDS = {
    "general": _("general"),
    "contribution": _("contribution"),
    "reversal": _("reversal"),
    "benefit": _("benefit"),
    "cofunding": _("co-funding"),
    "opening": _("opening balance"),
    "closing": _("closing"),
}


@register.filter
def entry_kind(kind):
    """The kind of an entry in words ('contribution' -> 'เงินสัจจะ'); unknown kinds are shown as they are."""
    return ENTRY_KINDS.get(kind, kind)


@register.simple_tag(takes_context=True)
def fund_caps(context, fund):
    """The capabilities of the page's user in `fund` (view_books, post_entries...), once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None:
        return frozenset()
    cache = request.__dict__.setdefault("_sajja_caps", {})
    if fund.pk not in cache:
        cache[fund.pk] = capabilities(user, fund)
    return cache[fund.pk]
