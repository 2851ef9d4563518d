"""Forms of the knowledge pages: a new note (its writer and links offered from what the user may use) and a
file for a note. They read what was typed; the services judge it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sajja.knowledge.models import NoteKind, Sharing


class NoteForm(forms.Form):
    author = forms.ChoiceField(label=_("written by"))
    kind = forms.ChoiceField(label=_("kind of note"), choices=NoteKind.choices)
    title = forms.CharField(label=_("note title"), max_length=200)
    body = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 8}))
    tags = forms.CharField(label=_("tags (separated by commas)"), max_length=300, required=False)
    sharing = forms.ChoiceField(label=_("shared with"), choices=Sharing.choices, initial=Sharing.NETWORK)
    about_fund = forms.ChoiceField(label=_("about the fund"), required=False)
    meeting = forms.ChoiceField(label=_("from the meeting"), required=False)
    resolution = forms.ChoiceField(label=_("about the resolution"), required=False)
    scheme_version = forms.ChoiceField(label=_("about the scheme version"), required=False)
    file = forms.FileField(label=_("attachment (PDF, JPEG or PNG)"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in choices.items():
            blank = [] if name == "author" else [("", "—")]
            self.fields[name].choices = blank + options


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("attachment (PDF, JPEG or PNG)"))
