"""System checks of the welfare area: a fund without rules cannot pay anything by them.

Run with the database: `sajja check --database default` (the check reads the funds).
"""

from django.core.checks import Tags, Warning, register


@register(Tags.database)
def check_funds_have_a_scheme(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    from django.db import DatabaseError

    from sajja.registry.models import Fund

    try:
        missing = list(Fund.objects.filter(welfare_scheme__isnull=True).values_list("code", flat=True)[:20])
    except DatabaseError:  # not migrated yet
        return []
    if not missing:
        return []
    return [
        Warning(
            f"funds without a welfare scheme: {', '.join(missing)}",
            hint="Give each its own copy of a template: sajja scheme adopt --fund CODE --template NAME --from DATE",
            id="sajja.W101",
        )
    ]
