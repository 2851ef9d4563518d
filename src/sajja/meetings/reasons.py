"""Why the meetings area refuses what it is asked: a stable code and the English message id that the
meetings catalogue says in Thai (`sajja.reasons`).

A few Thai messages name something their English leaves out (the rule in words, the schedule's first
day): that placeholder is given as `Both(thai, "")`.

>>> from django.utils import translation
>>> with translation.override("th"):
...     MEETING_NOT_FOUND.not_found().message_th
'ไม่พบการประชุม'
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

# what is asked for is not there (or not the user's to see)
SCHEDULE_NOT_FOUND = Reason("not_found", _("meeting schedule not found"))
CALENDAR_NOT_FOUND = Reason("not_found", _("calendar not found"))
MEETING_NOT_FOUND = Reason("not_found", _("meeting not found"))
RESOLUTION_NOT_FOUND = Reason("not_found", _("resolution not found"))
FILE_NOT_FOUND = Reason("not_found", _("file not found"))

# schedules and meetings on the calendar
TITLE_REQUIRED = Reason("title_required", _("the meeting needs a title"))
ENDS_BEFORE_START = Reason("ends_before_start", _("the meeting must end after it starts"))
MEETINGS_OVERLAP = Reason(
    "meetings_overlap",
    _('on %(day)s %(start)s-%(end)s overlaps "%(title)s" (%(other_start)s-%(other_end)s) of the same body'),
)
NEVER_OCCURS = Reason(
    "never_occurs",
    _("from %(start)s to %(until)s this rule never meets%(rule)s: extend the end or choose another day"),
)
NOT_AN_OCCURRENCE = Reason(
    "not_an_occurrence", _("this schedule has no meeting on %(day)s (or it was already cancelled or moved)")
)
TO_DATE_REQUIRED = Reason("to_date_required", _("give the date to move to"))
BAD_END = Reason(
    "bad_end", _("the new end must fall between the schedule's start%(start)s and its present end")
)
HELD_AFTER_END = Reason(
    "held_after_end", _("a meeting after this day already has its record: end the schedule after it")
)

# a meeting's record: its number, who came, what it resolved
NOT_ON_THAT_DAY = Reason(
    "not_an_occurrence", _("this schedule has no meeting on that day (or it was cancelled)")
)
BAD_NUMBER = Reason(
    "bad_number", _("the number must be 1 or more and the term a Buddhist-era year, e.g. 4/2569")
)
MEETING_NUMBER_TAKEN = Reason(
    "meeting_number_taken",
    _("meeting number %(number)s/%(term)s is already used in this term: use the next one"),
)
MEETING_DETAILS_REQUIRED = Reason(
    "meeting_details_required", _("give the meeting's title, start and end time")
)
NOT_A_RECORD = Reason("not_a_record", _("this meeting has no record yet"))
BAD_ATTENDEE_KIND = Reason("bad_kind", _("the attendee must be committee, member or guest"))
GUEST_NAME_REQUIRED = Reason("guest_name_required", _("give the guest's name"))
NOT_A_MEMBER_OF_THE_NETWORK = Reason(
    "not_a_member_of_the_network",
    _("no member number %(number)s in fund %(fund)s of this network: an outsider may sign in as a guest"),
)
NOT_A_MEMBER_OF_THE_FUND = Reason(
    "not_a_member_of_the_fund",
    _("member number %(number)s is not a member of this fund: an outsider may sign in as a guest"),
)
ALREADY_PRESENT = Reason("already_present", _("this member is already signed in"))
RESOLUTION_TEXT_REQUIRED = Reason("resolution_text_required", _("give the resolution's text"))
LINK_INCOMPLETE = Reason("link_incomplete", _("a link needs both a kind and what it points at"))
RESOLUTION_NUMBER_TAKEN = Reason(
    "resolution_number_taken", _("resolution %(number)s of meeting %(meeting)s already exists")
)
BAD_QUORUM = Reason("bad_quorum", _("the committee needs at least one seat and the quorum 1-100 percent"))

# what a resolution links to
BAD_LINK_KIND = Reason("bad_link_kind", _("the link must be members, claims, scheme_version or cofunding"))
LINK_NEEDS_A_FUND = Reason(
    "link_needs_a_fund",
    _("members, claims and scheme versions are decided by a fund's meeting, not a network's"),
)
LINK_TOO_LONG = Reason("link_too_long", _("a request's reference is over 100 characters"))
LINK_NOT_A_MEMBER = Reason("link_not_a_member", _("no member number %(numbers)s in this fund"))
LINK_NOT_A_CLAIM = Reason("link_not_a_claim", _("no claim %(claim)s in this fund"))
LINK_NOT_A_VERSION = Reason("link_not_a_version", _("no scheme version %(numbers)s of this fund"))
LINK_NOT_A_FISCAL_YEAR = Reason(
    "link_not_a_fiscal_year", _("'%(year)s' is not a fiscal year (2569 in the Buddhist era, or 2026)")
)
CLAIM_NOT_VERIFIED = Reason(
    "claim_not_verified", _("claim %(claim)s is '%(status)s': the meeting approves only verified claims")
)

# approving the claims a meeting resolved to approve
NO_CLAIMS_TO_APPROVE = Reason("no_claims_to_approve", _("this resolution approves no claims"))
NOT_PRESENT = Reason(
    "not_present", _("only committee members signed in at this meeting approve what it resolved")
)
# a claim's refusal, said with the claim it is about (the code stays the refusal's own)
CLAIM_REFUSED = Reason("claim_refused", _("claim %(claim)s (%(label)s): %(reason)s"))

# attached files (of a meeting's record, and of a knowledge note: sajja.knowledge)
FILE_EMPTY = Reason("file_empty", _("the file is empty"))
FILE_TOO_BIG = Reason("file_too_big", _("the file is larger than %(mb)s MB: shrink or split it first"))
FILE_TYPE = Reason(
    "file_type", _("only PDF, JPEG or PNG files may be attached (judged by the content, not the name)")
)
