"""Why the registry refuses an enrolment, a change of status or a group: a stable code and the English
message id that the project's catalogue says in Thai (`sajja.reasons`).

The Thai of a misplaced district or subdistrict says "not in this province" where the English names the
province: that placeholder is given as `Both("", code)`, and the Thai ends with it.

>>> SHARES_NOT_100.problem("beneficiaries").message_th
'สัดส่วนผู้รับผลประโยชน์รวมต้องเท่ากับ 100%'
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

MEMBER_NOT_FOUND = Reason("not_found", _("member not found"))

# the person enrolled
NAME_REQUIRED = Reason("name_required", _("first and last name are required"))
INVALID_SEX = Reason("invalid_sex", _("sex must be F or M"))
BIRTH_IN_FUTURE = Reason("birth_in_future", _("birth date is in the future"))
JOINED_BEFORE_BIRTH = Reason("joined_before_birth", _("joined before being born"))
JOINED_IN_CLOSED_MONTH = Reason(
    "joined_in_closed_month", _("the books are closed up to %(month)s: the joining day must come after")
)
UNKNOWN_GROUP = Reason("unknown_group", _("unknown group %(group)s"))
ALREADY_MEMBER = Reason("already_member", _("this person is already a member of this fund"))
# says nothing of the stored person: not the name, the birth date, nor which details differ
OTHER_DETAILS = Reason(
    "national_id_other_details",
    _(
        "this national ID is registered with other details and nothing was written: check the title, names,"
        " birth date, sex and address against the ID card, or ask a network coordinator"
    ),
)

# the address (DOPA codes, nested); the Thai says "this province", "this district"
UNKNOWN_PROVINCE = Reason("unknown_province", _("unknown province code %(province)s"))
UNKNOWN_DISTRICT = Reason("unknown_district", _("district %(district)s is not in province %(province)s"))
UNKNOWN_SUBDISTRICT = Reason(
    "unknown_subdistrict", _("subdistrict %(subdistrict)s is not in district %(district)s")
)

# beneficiaries
BENEFICIARY_NAME_REQUIRED = Reason(
    "beneficiary_name_required", _("beneficiary %(n)s: name and relationship are required")
)
INVALID_SHARE = Reason("invalid_share", _("beneficiary %(n)s: share must be a whole number from 1 to 100%%"))
TOO_MANY_BENEFICIARIES = Reason("too_many_beneficiaries", _("at most %(limit)s beneficiaries"))
SHARES_NOT_100 = Reason("shares_not_100", _("beneficiary shares must add up to 100%"))

# a member's status
INVALID_STATUS = Reason("invalid_status", _("invalid status: %(status)s"))
MEMBER_DECEASED = Reason("member_deceased", _("a deceased member's status cannot change"))
SAME_STATUS = Reason("same_status", _("the member is already %(status)s"))
STATUS_DATE_BEFORE_LAST = Reason(
    "status_date_before_last", _("effective date is before the previous status change")
)

# groups
GROUP_CODE_REQUIRED = Reason("group_code_required", _("a group needs a code and a name"))
GROUP_CODE_INVALID = Reason(
    "group_code_invalid",
    _("group code %(code)s must not hold spaces or / ? # %% \\ (it is part of the group's web address)"),
)
GROUP_EXISTS = Reason("group_exists", _("group code %(code)s is already used in this fund"))
