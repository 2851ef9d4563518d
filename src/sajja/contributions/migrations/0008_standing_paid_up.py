"""A member's standing at a month's end says `paid_up`, as schemes' `Standing` does (and the statement,
the meeting sheet and the list of members behind), no longer `active`, the word of the registry's
status; the member counts of a close are named by the standings' words.

The audit chain covers the words: the digest of a close's latest audit event covers every standing of
the close (audit.records.MONTH_CLOSE), and `audit verify` recomputes it from the rows. So each close
whose words change gets a new event with its digest as stored now, as any audited write appends one
(actor: none, the migration): verify keeps passing, the events before stay as they were written, and
the chain says when the words changed. A close that does not match its latest event before the change
(edited outside Sajja, or never recorded) is left exactly as it is: the migration seals nothing it has
not checked, and verify goes on naming it. Backwards, the same with the words swapped.
"""

from django.db import migrations, models
from django.utils import timezone

ACTION = "contributions.month.close.standing_renamed"
OBJECT_TYPE = "month_close"
# audit.records.MONTH_CLOSE as it is at this migration: the digest `audit verify` recomputes.
CLOSE_COLUMNS = (
    "fund_id",
    "period",
    "month_end",
    "rules_version",
    "expected",
    "collected",
    "members_active",
    "members_in_arrears",
    "members_lapsed",
    "status_changes",
    "closed_at",
    "closed_by_id",
)
PARTS = (
    ("MemberMonthStanding", ("id", "member_id", "paid_total", "paid_through", "standing", "arrears")),
    (
        "GroupMonthSummary",
        ("id", "group_id", "expected", "collected", "members_active", "members_in_arrears", "members_lapsed"),
    ),
)
BATCH = 20  # closes at a time: a close holds a standing for each of the fund's members


def _digests(apps, close_ids: list[int]) -> dict[int, tuple[int, str]]:
    """Each close's (fund id, digest) as stored now, by the canonical form of audit.records."""
    from sajja.audit.records import Kind, Part, digest_row

    kind = Kind(
        OBJECT_TYPE,
        "contributions.MonthClose",
        CLOSE_COLUMNS,
        tuple(Part(f"contributions.{model}", "close_id", columns) for model, columns in PARTS),
    )
    found = []
    for model, columns in PARTS:
        rows: dict[int, list[tuple]] = {}
        part = apps.get_model("contributions", model).objects.filter(close_id__in=close_ids).order_by()
        for close_id, *values in part.values_list("close_id", *columns):
            rows.setdefault(close_id, []).append(values)
        found.append(rows)
    closes = apps.get_model("contributions", "MonthClose").objects.filter(pk__in=close_ids)
    return {
        row["pk"]: (row["fund_id"], digest_row(kind, row, [rows.get(row["pk"], []) for rows in found]))
        for row in closes.values("pk", *CLOSE_COLUMNS)
    }


def _latest(apps, close_ids: list[int]) -> dict[str, str]:
    """The digest of each close's latest audit event, by the close's id as the event names it."""
    events = apps.get_model("audit", "AuditEvent").objects.filter(
        object_type=OBJECT_TYPE, object_id__in=[str(pk) for pk in close_ids]
    )
    return dict(events.order_by("seq").values_list("object_id", "digest"))  # the latest of each wins


def _rename(apps, old: str, new: str) -> None:
    from sajja.audit.chain import event_hash

    MemberMonthStanding = apps.get_model("contributions", "MemberMonthStanding")
    AuditEvent, ChainHead = apps.get_model("audit", "AuditEvent"), apps.get_model("audit", "ChainHead")
    named = MemberMonthStanding.objects.filter(standing=old).order_by("close_id")
    close_ids = list(named.values_list("close_id", flat=True).distinct())
    head = ChainHead.objects.select_for_update().filter(pk=1).first() if close_ids else None
    if head is None:  # no close holds the old word, or no event recorded any close: nothing is sealed
        return
    seq, prev, at = head.last_seq, head.last_hash, timezone.now()
    for start in range(0, len(close_ids), BATCH):
        batch = close_ids[start : start + BATCH]
        latest = _latest(apps, batch)
        sealed = [pk for pk, (_, digest) in _digests(apps, batch).items() if latest.get(str(pk)) == digest]
        if not sealed:
            continue
        MemberMonthStanding.objects.filter(close_id__in=sealed, standing=old).update(standing=new)
        events = []
        for pk, (fund_id, digest) in sorted(_digests(apps, sealed).items()):
            seq += 1
            hash_ = event_hash(prev, seq, at, None, ACTION, OBJECT_TYPE, pk, fund_id, digest)
            events.append(
                AuditEvent(
                    seq=seq,
                    at=at,
                    actor_id=None,
                    action=ACTION,
                    object_type=OBJECT_TYPE,
                    object_id=str(pk),
                    fund_id=fund_id,
                    digest=digest,
                    prev_hash=prev,
                    hash=hash_,
                )
            )
            prev = hash_
        AuditEvent.objects.bulk_create(events)
    ChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)


def paid_up(apps, schema_editor):
    _rename(apps, "active", "paid_up")


def active_again(apps, schema_editor):
    _rename(apps, "paid_up", "active")


class Migration(migrations.Migration):
    dependencies = [("contributions", "0007_receipt_digest"), ("audit", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="membermonthstanding",
            name="standing",
            field=models.CharField(
                choices=[("paid_up", "paid up"), ("in_arrears", "in arrears"), ("lapsed", "lapsed")],
                max_length=12,
                verbose_name="standing",
            ),
        ),
        migrations.RunPython(paid_up, active_again),
        *(
            migrations.AlterField(
                model_name=model,
                name=f"members_{name}",
                field=models.PositiveIntegerField(verbose_name=f"members {words}"),
            )
            for model in ("monthclose", "groupmonthsummary")
            for name, words in (("active", "paid up"), ("in_arrears", "in arrears"), ("lapsed", "lapsed"))
        ),
    ]
