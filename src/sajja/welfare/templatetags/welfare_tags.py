"""Template filters of the welfare pages."""

from django import template

register = template.Library()


@register.filter
def who(user):
    """A user as people know them: their full name, else their login; '—' for nobody (the command line)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username
