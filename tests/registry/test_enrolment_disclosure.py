"""Enrolling by a national ID that another network's fund already holds (issue 15, item 5).

The stored person is outside the treasurer's scope: enrolling them must never hand back their name, birth
date or sex, nor silently swap the details typed for the stored ones. Typed details that differ from the
stored person's are refused with a neutral message and nothing is written; the same details enrol (one
person, two funds). The API, the web form (with its entry fee) and the service behave alike.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from sajja.access.models import IdempotentRequest
from sajja.audit.models import AuditEvent, ChainHead
from sajja.contributions.models import Receipt
from sajja.core.errors import Conflict
from sajja.ledger.models import Account, Entry
from sajja.registry.models import Beneficiary, Member, MemberStatusChange, Person
from sajja.registry.services import Enrolment, PersonData, enrol_member
from tests.factories import token_for

# The foreign fund's member (tests/conftest.py foreign_member): known only to network net-b.
FOREIGN_ID = "3100600123450"
STORED = {"first_name": "บุญมี", "last_name": "ต่างถิ่น", "birth_date": "1960-05-01", "sex": "M"}
# What would tell the stored person apart: their names and birth date (ISO or Thai forms). Their sex is
# checked where an answer could carry it (the API's body); a web form lists both sexes as its choices.
STORED_TRACES = ("บุญมี", "ต่างถิ่น", "1960", "2503", "05-01", "1 พ.ค.")

TYPED = {
    "national_id": "3-1006-00123-45-0",
    "title": "นาง",
    "first_name": "สมปอง",
    "last_name": "แก้วใส",
    "birth_date": "1971-09-12",
    "sex": "F",
    "joined_on": "2025-04-01",
    "group": "G01",
}


def everything_written() -> dict:
    """Rows of every table an enrolment writes to, and the audit chain's head."""
    head = ChainHead.objects.values_list("last_seq", "last_hash").first()
    return {
        "people": Person.objects.count(),
        "members": Member.objects.count(),
        "status_changes": MemberStatusChange.objects.count(),
        "beneficiaries": Beneficiary.objects.count(),
        "accounts": Account.objects.count(),
        "entries": Entry.objects.count(),
        "receipts": Receipt.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "replays": IdempotentRequest.objects.count(),
        "chain_head": head,
    }


def assert_reveals_nothing(text: str) -> None:
    for trace in STORED_TRACES:
        assert trace not in text, f"the answer reveals {trace!r} of a person outside the caller's scope"


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def enrol_by_api(client: Client, body: dict, key: str):
    return client.post(
        reverse("api:enrol", kwargs={"code": "own-fund"}),
        body,
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


@pytest.fixture
def web(treasurer):
    client = Client()
    client.force_login(treasurer)
    return client


def web_form(**changes) -> dict:
    data = {"token": "disclosure-1", **{k: v for k, v in TYPED.items() if k != "joined_on"}}
    return {**data, "joined_on": TYPED["joined_on"], "moo": "1", **changes}


# --- the API ---------------------------------------------------------------------------------------


def test_the_api_refuses_other_details_and_reveals_nothing(treasurer, foreign_member):
    before = everything_written()
    answer = enrol_by_api(api(treasurer), TYPED, "disclose-1")
    assert answer.status_code == 409, answer.content
    body = answer.json()
    assert body["code"] == "national_id_other_details"
    assert body["errors"][0]["where"] == "national_id"
    assert "ข้อมูลอื่น" in body["message_th"] and "other details" in body["message_en"]
    assert_reveals_nothing(answer.content.decode())
    assert not {"sex", "full_name", "birth_date", "number"} & set(body)
    assert everything_written() == before
    assert Member.objects.filter(person=foreign_member.person).count() == 1  # only the foreign membership


@pytest.mark.parametrize(
    "change",
    [
        {"first_name": "บุญมา"},
        {"last_name": "ต่างแดน"},
        {"birth_date": "1960-05-02"},
        {"sex": "F"},
        {"title": "นาย"},
        {"moo": 3},
        {"house_number": "12/1"},
    ],
    ids=["first name", "last name", "birth date", "sex", "title", "moo", "house number"],
)
def test_any_one_detail_differing_is_refused(treasurer, foreign_member, change):
    before = everything_written()
    answer = enrol_by_api(api(treasurer), {**TYPED, **STORED, **change}, "one-detail")
    assert answer.status_code == 409 and answer.json()["code"] == "national_id_other_details"
    # the stored values it holds are the ones the caller typed; beyond them, nothing of the person
    assert "บุญมี ต่างถิ่น" not in answer.content.decode()
    assert everything_written() == before


def test_the_same_details_enrol_the_same_person_in_a_second_fund(treasurer, foreign_member):
    typed = {**TYPED, **STORED, "title": "", "first_name": " บุญมี ", "national_id": FOREIGN_ID}
    before = everything_written()
    answer = enrol_by_api(api(treasurer), typed, "same-person")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["full_name"], body["birth_date"], body["sex"]) == ("บุญมี ต่างถิ่น", "1960-05-01", "M")
    assert Person.objects.count() == before["people"]  # one person, now in two funds
    assert Member.objects.filter(person=foreign_member.person).count() == 2


# --- the web form (with the entry fee at the same desk) --------------------------------------------


def test_the_web_form_refuses_other_details_and_reveals_nothing(web, own, foreign_member):
    before = everything_written()
    page = web.post(reverse("registry:member-new", args=[own.code]), web_form(fee_channel="cash"))
    assert page.status_code == 200  # the form again, with the refusal: no redirect to a member page
    text = page.content.decode()
    assert "ลงทะเบียนไว้แล้วด้วยข้อมูลอื่น" in text
    assert_reveals_nothing(text)
    assert everything_written() == before


def test_the_web_form_refuses_the_same_person_at_another_address(web, own, foreign_member):
    """Joined at another address, the member's page would show the stored one, or drop the one typed."""
    before = everything_written()
    page = web.post(
        reverse("registry:member-new", args=[own.code]), web_form(title="", national_id=FOREIGN_ID, **STORED)
    )
    assert "ลงทะเบียนไว้แล้วด้วยข้อมูลอื่น" in page.content.decode()
    assert everything_written() == before


def test_the_web_form_enrols_the_same_person_with_the_same_details(web, own, foreign_member):
    same = web_form(title="", national_id=FOREIGN_ID, moo="", **STORED)  # the stored person has no address
    answer = web.post(reverse("registry:member-new", args=[own.code]), same, follow=True)
    member = Member.objects.get(fund=own, person=foreign_member.person)
    assert answer.redirect_chain[-1][0] == reverse("registry:member-detail", args=[own.code, member.number])


# --- the service, as every other path (CLI, demo) calls it ----------------------------------------


def test_the_service_refuses_other_details_with_a_neutral_message(own, treasurer, foreign_member):
    before = everything_written()
    typed = PersonData(
        national_id=FOREIGN_ID,
        first_name="สมปอง",
        last_name="แก้วใส",
        birth_date=datetime.date(1971, 9, 12),
        sex="F",
    )
    with pytest.raises(Conflict) as refused:
        enrol_member(treasurer, own, Enrolment(typed, datetime.date(2025, 4, 1), "G01"))
    error = refused.value
    assert (error.code, error.where) == ("national_id_other_details", "national_id")
    assert_reveals_nothing(f"{error.message_th} {error.message_en}")
    assert everything_written() == before
    foreign_member.person.refresh_from_db()
    assert (foreign_member.person.first_name, foreign_member.person.sex) == ("บุญมี", "M")  # untouched
