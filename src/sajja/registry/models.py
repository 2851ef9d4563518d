"""Network -> Fund -> Group -> Member, and the Person behind each membership."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A member's number in their fund: six digits, 000001 onwards (a spreadsheet may drop the zeros).
MEMBER_NUMBER_DIGITS = 6


class Network(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    province_code = models.CharField(max_length=2, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("network")

    def __str__(self):
        return self.name_th

    def natural_key(self):
        return (self.code,)


class FundKind(models.TextChoices):
    TAMBON = "tambon", _("tambon fund")
    MUNICIPALITY = "municipality", _("municipal fund")
    PROVINCIAL = "provincial", _("provincial fund")
    SAVINGS_GROUP = "savings_group", _("savings-group fund")
    VILLAGE_FUND = "village_fund", _("village-fund network fund")
    NETWORK_POOL = "network_pool", _("network pool fund")


class Fund(models.Model):
    """The accounting entity: one tambon or municipality, or a provincial fund."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="funds")
    code = models.SlugField(max_length=32, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=FundKind.choices, default=FundKind.TAMBON)
    province_code = models.CharField(max_length=2, blank=True)
    district_code = models.CharField(max_length=4, blank=True)
    subdistrict_code = models.CharField(max_length=6, blank=True)
    founded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("fund")

    def __str__(self):
        return self.name_th

    def natural_key(self):
        return (self.code,)


class Group(models.Model):
    """A collection point: a village (moo), a savings group, a community."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="groups")
    code = models.CharField(max_length=32)
    name = models.CharField(_("name"), max_length=200)
    moo = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["fund", "code"]
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="group_code_unique_in_fund")]
        verbose_name = _("group")

    def __str__(self):
        return self.name


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class Person(models.Model):
    """A person, once nationally. The national ID is stored encrypted and found by a keyed hash."""

    national_id_encrypted = models.BinaryField()
    national_id_hash = models.CharField(max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=32, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    province_code = models.CharField(max_length=2, blank=True)
    district_code = models.CharField(max_length=4, blank=True)
    subdistrict_code = models.CharField(max_length=6, blank=True)
    moo = models.PositiveSmallIntegerField(_("moo"), null=True, blank=True)
    house_number = models.CharField(_("house number"), max_length=32, blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("person")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.title}{self.first_name} {self.last_name}".strip()


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    LAPSED = "lapsed", _("lapsed")
    RESIGNED = "resigned", _("resigned")
    DECEASED = "deceased", _("deceased")


class Member(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="members")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="members", null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    number = models.CharField(_("member number"), max_length=16)
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    status_since = models.DateField(_("status since"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )

    class Meta:
        ordering = ["fund", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "number"], name="member_number_unique_in_fund"),
            models.UniqueConstraint(fields=["fund", "person"], name="one_membership_per_fund"),
        ]
        verbose_name = _("member")

    def __str__(self):
        return f"{self.number} {self.person}"


class MemberStatusChange(models.Model):
    """The history of a member's status, with the date each change took effect."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(max_length=10, choices=MemberStatus.choices)
    effective_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "effective_on", "id"]

    def __str__(self):
        return f"{self.status} from {self.effective_on}"


class Beneficiary(models.Model):
    """A person the member names to receive benefits paid on their death, with a share in percent."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="beneficiaries")
    full_name = models.CharField(_("full name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=64)
    share_percent = models.PositiveSmallIntegerField(_("share (%)"))
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["member", "position"]

    def __str__(self):
        return f"{self.full_name} ({self.share_percent}%)"
