"""Tables of the knowledge area: what a fund or a network learned, written for the others.

The notes were first kept by the meetings area: the table keeps its name (`meetings_knowledgenote`), and so
do its search indexes (migrations of sajja.meetings, 0003). A note's files are rows of the meetings area's
`Attachment`, which a meeting's record shares.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sajja.meetings.models import Meeting, Resolution
from sajja.registry.models import Fund, Network

_ONE_BODY = (Q(fund__isnull=False) & Q(network__isnull=True)) | (
    Q(fund__isnull=True) & Q(network__isnull=False)
)


class NoteKind(models.TextChoices):
    LESSON = "lesson", _("lesson learned")
    PRACTICE = "practice", _("good practice")
    CASE = "case", _("case story")
    ANSWER = "answer", _("answer to a common question")


class Sharing(models.TextChoices):
    FUND = "fund", _("own fund only")
    NETWORK = "network", _("the network")
    EVERYONE = "everyone", _("everyone")


class KnowledgeNote(models.Model):
    """What a fund or a network learned, written for the others; found by Thai full-text search."""

    fund = models.ForeignKey(Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="notes")
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    kind = models.CharField(_("kind of note"), max_length=10, choices=NoteKind.choices)
    title = models.CharField(_("note title"), max_length=200)
    body = models.TextField(_("note"))
    tags = models.JSONField(_("tags"), default=list)
    sharing = models.CharField(_("shared with"), max_length=10, choices=Sharing.choices, default=Sharing.FUND)
    about_fund = models.ForeignKey(Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    scheme_version = models.ForeignKey(
        "welfare.FundSchemeVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    words = models.TextField(editable=False)  # the text's Thai words, space-separated: what search indexes
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "meetings_knowledgenote"
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=_ONE_BODY, name="note_has_one_body")]
        verbose_name = _("knowledge note")

    def __str__(self):
        return self.title

    @property
    def body_owner(self):
        return self.fund or self.network
