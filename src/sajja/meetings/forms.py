"""Forms of the meetings pages: they read what was typed (dates, hours, numbers); the services judge it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.meetings import recurrence
from sajja.meetings.models import ShortMonth
from sajja.meetings.services import MeetingData, ScheduleData

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = [(str(n), name) for n, name in enumerate(recurrence.WEEKDAYS_TH)]
WEEKS = [("1", _("first")), ("2", _("second")), ("3", _("third")), ("4", _("fourth")), ("-1", _("last"))]


class ScheduleForm(forms.Form):
    title_th = forms.CharField(label=_("meeting title"), max_length=200)
    pattern = forms.ChoiceField(
        label=_("repeats"),
        choices=[("day", _("on a day of the month")), ("weekday", _("on the n-th weekday"))],
        widget=forms.RadioSelect,
        initial="day",
    )
    day = forms.IntegerField(label=_("day of month"), required=False, min_value=1, max_value=31)
    nth = forms.TypedChoiceField(label=_("week of month"), choices=WEEKS, coerce=int, required=False)
    weekday = forms.TypedChoiceField(label=_("weekday"), choices=WEEKDAYS, coerce=int, required=False)
    short_month = forms.ChoiceField(
        label=_("months without that day"), choices=ShortMonth.choices, initial=ShortMonth.EXACT
    )
    start_on = forms.DateField(label=_("from"), widget=DATE)
    until = forms.DateField(label=_("until (optional)"), widget=DATE, required=False)
    start_time = forms.TimeField(label=_("starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("ends at"), widget=TIME)
    venues = forms.CharField(
        label=_("venue (several, one a line: taken in turn)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def data_for_service(self) -> ScheduleData:
        d = self.cleaned_data
        by_day = d["pattern"] == "day"
        return ScheduleData(
            title_th=d["title_th"],
            start_on=d["start_on"],
            start_time=d["start_time"],
            end_time=d["end_time"],
            venues=tuple(d["venues"].splitlines()),
            day=d["day"] if by_day else None,
            nth=None if by_day else d["nth"],
            weekday=None if by_day else d["weekday"],
            until=d["until"],
            short_month=d["short_month"],
        )


class MeetingForm(forms.Form):
    title_th = forms.CharField(label=_("meeting title"), max_length=200)
    date = forms.DateField(label=_("date"), widget=DATE)
    start_time = forms.TimeField(label=_("starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("ends at"), widget=TIME)
    venue = forms.CharField(label=_("venue"), max_length=200, required=False)

    def data_for_service(self) -> MeetingData:
        d = self.cleaned_data
        return MeetingData(d["title_th"], d["date"], d["start_time"], d["end_time"], d["venue"])


class ChangeForm(forms.Form):
    """Cancel one meeting of a schedule, or move it."""

    date = forms.DateField(label=_("the meeting planned for"), widget=DATE)
    action = forms.ChoiceField(
        label=_("change"),
        choices=[("cancel", _("cancel it")), ("move", _("move it"))],
        widget=forms.RadioSelect,
        initial="cancel",
    )
    to_date = forms.DateField(label=_("moved to"), widget=DATE, required=False)
    start_time = forms.TimeField(label=_("starts at"), widget=TIME, required=False)
    end_time = forms.TimeField(label=_("ends at"), widget=TIME, required=False)
    venue = forms.CharField(label=_("venue"), max_length=200, required=False)
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def clean(self):
        d = super().clean()
        if d.get("action") == "move" and not d.get("to_date"):
            self.add_error("to_date", _("A moved meeting needs its new date"))
        return d


class EndForm(forms.Form):
    """End a schedule (to change its rule: end it, then make the new one)."""

    until = forms.DateField(label=_("last day of this schedule"), widget=DATE)
