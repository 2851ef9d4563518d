"""Links to the Sustainability pages, shown only to those who may open them."""

from django import template

from sajja.access.policy import may

register = template.Library()


@register.filter
def sees_projection(user, body) -> bool:
    """`{% if user|sees_projection:network %}`: whether the user may open the body's Sustainability page."""
    return may(user, body, "view_projection")
