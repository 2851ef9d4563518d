"""Tables of the meetings area: when a fund or a network meets, and the exceptions to its rule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sajja.meetings import recurrence
from sajja.registry.models import Fund, Member, Network

_ONE_BODY = (Q(fund__isnull=False) & Q(network__isnull=True)) | (
    Q(fund__isnull=True) & Q(network__isnull=False)
)


class ShortMonth(models.TextChoices):
    EXACT = recurrence.EXACT, _("only months that have the day")
    SKIP = recurrence.SKIP, _("skip months without the day")
    LAST_DAY = recurrence.LAST_DAY, _("meet on the month's last day instead")


class Schedule(models.Model):
    """A body's recurring meeting: every month on a day, or on the n-th weekday; one venue or several in turn."""

    fund = models.ForeignKey(Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="schedules")
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.PROTECT, related_name="schedules"
    )
    title_th = models.CharField(_("meeting title"), max_length=200)
    day = models.PositiveSmallIntegerField(_("day of month"), null=True, blank=True)
    nth = models.SmallIntegerField(_("week of month"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)
    short_month = models.CharField(max_length=10, choices=ShortMonth.choices, default=ShortMonth.EXACT)
    start_on = models.DateField(_("from"))
    until = models.DateField(_("until"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    venues = models.JSONField(_("venues"), default=list)  # one: a fixed venue; several: taken in turn
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=_ONE_BODY, name="schedule_has_one_body")]
        verbose_name = _("meeting schedule")

    def __str__(self):
        return self.title_th

    @property
    def body(self):
        return self.fund or self.network

    @property
    def rule(self) -> recurrence.MonthlyRule:
        return recurrence.MonthlyRule(
            start=self.start_on,
            day=self.day,
            nth=self.nth,
            weekday=self.weekday,
            until=self.until,
            short_month=self.short_month,
        )


class ChangeKind(models.TextChoices):
    CANCEL = "cancel", _("cancelled")
    MOVE = "move", _("moved")


class ScheduleChange(models.Model):
    """One occurrence of a schedule cancelled, or moved to another day, hour or venue."""

    schedule = models.ForeignKey(Schedule, on_delete=models.PROTECT, related_name="changes")
    original_date = models.DateField(_("planned for"))
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    new_date = models.DateField(_("moved to"), null=True, blank=True)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["schedule", "original_date"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "original_date"], name="one_change_per_occurrence")
        ]
        verbose_name = _("change to a meeting schedule")

    def __str__(self):
        return f"{self.schedule} {self.original_date} {self.kind}"


class Meeting(models.Model):
    """A single meeting of a fund or a network, outside any schedule."""

    fund = models.ForeignKey(Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    title_th = models.CharField(_("meeting title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    # a held meeting of a schedule stands for that occurrence
    schedule = models.ForeignKey(
        Schedule, null=True, blank=True, on_delete=models.PROTECT, related_name="held"
    )
    original_date = models.DateField(null=True, blank=True)
    # its number in the committee's term: ครั้งที่ 4/2569 (term in the Buddhist era)
    term = models.PositiveSmallIntegerField(_("term (BE year)"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("meeting number"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=_ONE_BODY, name="meeting_has_one_body"),
            models.UniqueConstraint(fields=["fund", "term", "number"], name="meeting_number_unique_in_term"),
            models.UniqueConstraint(
                fields=["network", "term", "number"], name="network_meeting_number_unique_in_term"
            ),
            models.UniqueConstraint(fields=["schedule", "original_date"], name="one_record_per_occurrence"),
        ]
        verbose_name = _("meeting")

    def __str__(self):
        return f"{self.title_th} {self.date}"

    @property
    def reference(self) -> str:
        return f"ครั้งที่ {self.number}/{self.term}" if self.number else ""

    @property
    def body(self):
        return self.fund or self.network


class QuorumRule(models.Model):
    """A fund's rule for a valid meeting: at least `percent` of its committee of `committee_size` present."""

    fund = models.OneToOneField(Fund, on_delete=models.PROTECT, related_name="quorum_rule")
    committee_size = models.PositiveSmallIntegerField(_("committee size"))
    percent = models.PositiveSmallIntegerField(_("quorum (percent of the committee)"), default=50)

    class Meta:
        verbose_name = _("quorum rule")

    def __str__(self):
        return f"{self.fund}: {self.percent}% of {self.committee_size}"

    @property
    def needed(self) -> int:
        return -(-self.committee_size * self.percent // 100)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("agenda item"), max_length=300)
    notes = models.TextField(_("minutes of this item"), blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="agenda_order_unique")]
        verbose_name = _("agenda item")

    def __str__(self):
        return f"{self.order}. {self.title}"


class AttendeeKind(models.TextChoices):
    COMMITTEE = "committee", _("committee")
    MEMBER = "member", _("member")
    GUEST = "guest", _("guest")


class Attendance(models.Model):
    """Who came: a member or committee member of the fund (by membership), or a named guest."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=10, choices=AttendeeKind.choices)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attend_once")]
        verbose_name = _("attendance")

    def __str__(self):
        return self.guest_name or str(self.member)


class Resolution(models.Model):
    """A decision of a held meeting, numbered within it; it may point at what it decided (a link only)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    number = models.PositiveSmallIntegerField(_("resolution number"))
    text = models.TextField(_("resolution"))
    link_kind = models.CharField(_("decides on (kind)"), max_length=40, blank=True)
    link_id = models.CharField(_("decides on (id)"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="resolution_number_unique")]
        verbose_name = _("resolution")

    def __str__(self):
        return f"{self.meeting.reference} ข้อ {self.number}"


class LinkKind(models.TextChoices):
    MEMBERS = "members", _("admitting members")
    CLAIMS = "claims", _("approving claims")
    SCHEME_VERSION = "scheme_version", _("publishing a scheme version")
    COFUNDING = "cofunding", _("a co-funding request")
    ADMIN_COST = "admin_cost", _("administration costs past the limit (fiscal years)")


class ResolutionLink(models.Model):
    """One thing a resolution decided on: a member admitted, a claim approved (bound to its content then),
    a scheme version published, a co-funding request (by its reference), administration costs allowed
    past the limit in a fiscal year (by the year, in the Buddhist era)."""

    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="links")
    kind = models.CharField(_("decides on"), max_length=20, choices=LinkKind.choices)
    ref = models.CharField(_("reference"), max_length=100)  # member number, claim id, version number, text
    label = models.CharField(max_length=300, blank=True)  # what it was when decided, for the record
    digest = models.CharField(max_length=64, blank=True)  # a claim's content when the meeting decided

    class Meta:
        ordering = ["resolution", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "kind", "ref"], name="resolution_link_once")
        ]
        verbose_name = _("what a resolution decided")

    def __str__(self):
        return f"{self.kind}:{self.ref}"


_ONE_PLACE = (Q(note__isnull=False) & Q(meeting__isnull=True)) | (
    Q(note__isnull=True) & Q(meeting__isnull=False)
)


class Attachment(models.Model):
    """A file of a meeting's record or of a knowledge note. The file is kept outside the database, named
    by its SHA-256 (attachments.py); it is served only to those who may see the meeting or the note.

    The knowledge area (sajja.knowledge) sits above this one and links its notes to meetings; the one table
    of files is kept here, below, for both. Its `note` names the knowledge area's model by its label only:
    nothing of this area imports sajja.knowledge."""

    note = models.ForeignKey(
        "knowledge.KnowledgeNote", null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=_ONE_PLACE, name="attachment_in_one_place")]
        verbose_name = _("attachment")

    def __str__(self):
        return self.name
