"""Model profiles: the founding networks side by side, live figures only where the user's roles reach."""

from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.knowledge.selectors import profile
from sajja.knowledge.services import NoteData, write_note
from sajja.ledger.services import post_entry
from tests.factories import contribution


def test_figures_come_live_from_the_books_and_only_for_reached_networks(
    client, own, foreign, foreign_member, users
):
    post_entry(SYSTEM, own, contribution("p-1", satang=36500))
    post_entry(
        SYSTEM, foreign, contribution("p-2", satang=77700, member_account=f"4101-{foreign_member.number}")
    )
    write_note(SYSTEM, foreign.network, NoteData("practice", "บทเรียนเครือข่าย บี", "แบ่งปันทุกคน", "everyone"))
    mine = profile(users["coordinator"], own.network)
    assert mine.figures.collected == 36500 and mine.figures.reserve == 36500 and mine.figures.members == 1
    assert profile(users["coordinator"], foreign.network).figures is None
    client.force_login(users["treasurer"])
    page = client.get(reverse("knowledge:model-profiles")).content.decode()
    assert "365.00 บาท" in page and "777.00" not in page
    assert "บทเรียนเครือข่าย บี" in page  # a note shared with everyone is shown under its model
    one = client.get(reverse("knowledge:model-profile", kwargs={"network": foreign.network.code}))
    assert one.status_code == 200 and "777.00" not in one.content.decode()
    assert client.get(reverse("knowledge:model-profile", kwargs={"network": "no-such"})).status_code == 404
