"""Why the knowledge area refuses what it is asked: a stable code and the English message id that the
knowledge catalogue says in Thai (`sajja.reasons`). A refused file is the meetings area's (the files of
notes and of meeting records are kept alike: sajja.meetings.attachments).

>>> from django.utils import translation
>>> with translation.override("th"):
...     NOTE_NOT_FOUND.not_found().message_th
'ไม่พบบันทึก'
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

# what is asked for is not there (or not the user's to see)
NOTE_NOT_FOUND = Reason("not_found", _("note not found"))
MODEL_NOT_FOUND = Reason("not_found", _("model not found"))

# writing a note
WRITING_NOTES_NOT_PERMITTED = Reason("not_permitted", _("your role does not allow writing notes"))
BAD_NOTE_KIND = Reason("bad_kind", _("unknown kind of note"))
BAD_SHARING = Reason("bad_sharing", _("unknown sharing"))
NOTE_EMPTY = Reason("note_empty", _("a note needs a title and a text"))
LINK_OUTSIDE_BODY = Reason(
    "link_outside_body", _("a note links only to its own body's meetings and resolutions")
)
VERSION_OUTSIDE_BODY = Reason(
    "version_outside_body",
    _("a note links only to its own fund's scheme versions (or its network's funds')"),
)

# searching
QUERY_WITHOUT_WORDS = Reason(
    "query_without_words",
    _("the query holds only common words (stop words) or symbols: type a meaningful word"),
)
