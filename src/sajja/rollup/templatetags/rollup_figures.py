"""Filters of the roll-up's pages: a flag's words and a benefit category in the page's language, a share
in percent.

    {% load rollup_figures %}
    {{ flag|said }}            the reason a fund needs attention, in Thai or English
    {{ "funeral"|category }}   ฌาปนกิจ / funeral
    {{ "province"|party }}     จังหวัด/องค์การบริหารส่วนจังหวัด / province (PAO)
    {{ f.month_percent|pct }}  62% (— when nothing was expected)
    {{ f.ruin_probability|chance }}  14% (— without a projection)
    {{ n|number_of }}          1,234 (a count, not an amount)
    {{ rollup.fiscal_year|fiscal }}  ปีงบประมาณ พ.ศ. 2570 / FY 2570 BE (1 Oct 2026 - 30 Sep 2027)
"""

from django import template
from django.utils.translation import get_language

from sajja.schemes.cofunding import Party
from sajja.schemes.vocabulary import Category

register = template.Library()


def _english() -> bool:
    return (get_language() or "th").startswith("en")


@register.filter
def said(flag) -> str:
    thai, english = flag.words()
    return english if _english() else thai


@register.filter
def category(code: str) -> str:
    try:
        return Category(code).label("en" if _english() else "th")
    except ValueError:
        return code


@register.filter
def pct(value) -> str:
    return "—" if value is None else f"{value}%"


@register.filter
def chance(value) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


@register.filter
def number_of(value) -> str:
    return "—" if value is None else f"{int(value):,}"


@register.filter
def fiscal(year) -> str:
    return year.label("en" if _english() else "th")


@register.filter
def party(code: str) -> str:
    """A co-funding party in the page's language: local_government -> องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)."""
    try:
        return Party(code).label("en" if _english() else "th")
    except ValueError:
        return code
