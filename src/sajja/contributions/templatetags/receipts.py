"""Template filters of receipts: `{% load receipts %}`, then `{{ amount|thai_words }}`."""

from django import template

from sajja.contributions.words import thai_words as _thai_words

register = template.Library()


@register.filter
def thai_words(satang):
    """Satang as a Thai receipt writes the amount in words: 3000 -> 'สามสิบบาทถ้วน'."""
    return "" if satang is None else _thai_words(int(satang))
