"""Template filters for Thai display: amounts in baht, Buddhist-era dates, masked IDs."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from sajja.core.money import format_baht, format_number
from sajja.core.thai_dates import format_period, format_thai_date

register = template.Library()


@register.filter
def baht(satang):
    """123450 -> '1,234.50 บาท'."""
    return "" if satang is None else format_baht(int(satang))


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
def neg(satang):
    """The credit side shown as a positive amount (a contribution credited to the member)."""
    return -int(satang)
