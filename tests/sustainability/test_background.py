"""A fund's projection is recomputed in the background when its members, rules or money change, by the
task library's real worker, and never inside a request.

These tests commit for real (transaction=True): the hook runs when a change commits, as in production.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sajja.access.policy import SYSTEM
from sajja.contributions.services import record_payment
from sajja.contributions.validation import Payment
from sajja.registry.models import MemberStatus
from sajja.registry.services import change_member_status
from sajja.sustainability.models import Projection, Status
from tests.sustainability.factories import fund_with_members, join, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def rows(**body):
    return Projection.objects.filter(**body).order_by("pk")


def test_a_member_change_queues_after_commit_and_the_worker_stores_a_fresh_result(own, small):
    fund_with_members(own)
    # every change committed: one waiting projection for the fund and one for its network, however many changes
    waiting = rows(fund=own)
    assert [r.status for r in waiting] == [Status.QUEUED]
    assert [r.status for r in rows(network=own.network)] == [Status.QUEUED]
    task = DBTaskResult.objects.get(id=waiting[0].task_id)
    assert task.task_path == "sajja.sustainability.tasks.recompute" and task.args_kwargs["args"] == [
        waiting[0].pk
    ]

    run_worker()
    first = rows(fund=own).get()
    assert first.status == Status.DONE and first.finished_at is not None
    assert first.inputs["members"] == 8 and first.inputs["reserve"] == 20_000.0
    assert len(first.summary["reserve_p50"]) == 21 and first.summary["reserve_p50"][0] == 20_000.0
    assert len(first.summary["ruin_probability"]) == 20 and first.paths == 200
    assert first.fixes["break_even_rate"] is not None
    assert rows(network=own.network).get().status == Status.DONE
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2

    # a new member commits: the stored result is now out of date, and a recompute waits for the worker
    join(own, 99, 2001, "M")
    assert [r.status for r in rows(fund=own)] == [Status.DONE, Status.QUEUED]
    run_worker()
    second = rows(fund=own).last()
    assert second.status == Status.DONE and second.inputs["members"] == 9
    assert second.digest != first.digest and second.through_seq > first.through_seq


def test_a_change_that_rolls_back_queues_nothing_and_money_paid_in_queues(own, small):
    fund_with_members(own)
    run_worker()
    before = rows(fund=own).count()
    with pytest.raises(RuntimeError, match="the import failed half-way"), transaction.atomic():
        join(own, 98)
        raise RuntimeError("the import failed half-way")
    assert rows(fund=own).count() == before and not rows(fund=own, status=Status.QUEUED).exists()
    # a member's contribution changes the reserve and the paid membership: the projection is redone
    member = own.members.order_by("number").first()
    record_payment(SYSTEM, own, Payment(member.number, 36500, datetime.date(2026, 1, 5), key="year-2026"))
    assert rows(fund=own, status=Status.QUEUED).count() == 1
    assert rows(network=own.network, status=Status.QUEUED).count() == 1


def test_a_status_change_queues_and_a_fund_with_nobody_active_fails_with_a_reason(own, small, client, users):
    adopt_template(own)
    member = own.members.get()
    run_worker()  # the enrolments' projection
    change_member_status(SYSTEM, member, MemberStatus.RESIGNED, datetime.date(2026, 3, 1))
    assert rows(fund=own, status=Status.QUEUED).exists()
    run_worker()
    failed = rows(fund=own).last()
    assert failed.status == Status.FAILED and "no active member" in failed.error_en
    client.force_login(users["treasurer"])
    page = client.get(reverse("sustainability:fund-sustainability", args=[own.code])).content.decode()
    assert failed.error_th in page


def adopt_template(fund):
    from sajja.welfare.services import adopt_template as adopt

    adopt(SYSTEM, fund, "songkhla", effective_from=datetime.date(2025, 1, 1))


def test_asking_queues_and_the_page_says_so_the_request_computes_nothing(own, small, client, users):
    fund_with_members(own)
    run_worker()
    done = rows(fund=own, status=Status.DONE).count()
    client.force_login(users["committee"])
    response = client.post(reverse("sustainability:fund-sustainability-recompute", args=[own.code]))
    assert response.status_code == 302
    waiting = rows(fund=own, status=Status.QUEUED).get()
    assert waiting.reason == "request" and waiting.requested_by == users["committee"]
    assert rows(fund=own, status=Status.DONE).count() == done  # nothing was computed by the request

    page = client.get(reverse("sustainability:fund-sustainability", args=[own.code])).content.decode()
    assert "รอคำนวณ" in page  # "queued", in Thai
    # asking again while it waits joins the same request
    client.post(reverse("sustainability:fund-sustainability-recompute", args=[own.code]))
    assert rows(fund=own, status=Status.QUEUED).count() == 1

    run_worker()
    assert rows(fund=own, status=Status.DONE).count() == done + 1
    assert not rows(fund=own, status=Status.QUEUED).exists()
