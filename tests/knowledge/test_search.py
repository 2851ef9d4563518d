"""Knowledge notes: found by Thai words (not by pieces of a run of Thai letters), ranked by how much they
say about the word, shared only as far as their writer chose. Runs on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.core.errors import NotFound, ValidationFailed
from sajja.knowledge.selectors import note_for, search_notes
from sajja.knowledge.services import NoteData, write_note
from tests.factories import make_fund, token_for


def note(fund, title, body, sharing="everyone", kind="lesson", tags=()):
    return write_note(SYSTEM, fund, NoteData(kind, title, body, sharing, tuple(tags)))


@pytest.fixture
def notes(own):
    return {
        "one": note(own, "ตั้งกองทุน", "การตั้งกองทุนสวัสดิการชุมชนเริ่มจากการออมวันละ 1 บาท"),
        "many": note(
            own,
            "สวัสดิการผู้สูงอายุ",
            "กองทุนสวัสดิการชุมชนจ่ายสวัสดิการผู้สูงอายุ และสวัสดิการคนพิการ ตามระเบียบกองทุน",
            tags=("สวัสดิการ",),
        ),
        "greeting": note(own, "การต้อนรับ", "สวัสดีครับ ยินดีต้อนรับสมาชิกใหม่ทุกคนในกองทุน"),
        "reserve": note(own, "ทุนสำรอง", "กองทุนควรมีทุนสำรองไม่น้อยกว่าหนึ่งปีของการจ่าย", kind="practice"),
    }


def test_a_thai_word_is_found_inside_a_run_of_thai_letters_and_more_matches_rank_first(notes, treasurer):
    hits = search_notes(treasurer, "สวัสดิการ")
    assert [h.note for h in hits] == [notes["many"], notes["one"]]
    # the greeting says สวัสดี, a different word sharing its first letters: not found
    assert notes["greeting"] not in [h.note for h in hits]
    assert "<mark>สวัสดิการ</mark>" in hits[1].snippet


def test_every_word_of_the_query_must_be_there(notes, treasurer):
    assert [h.note for h in search_notes(treasurer, "สวัสดิการผู้สูงอายุ")] == [notes["many"]]
    assert [h.note for h in search_notes(treasurer, "ทุนสำรอง")] == [notes["reserve"]]
    assert search_notes(treasurer, "ประกันภัย") == []


@pytest.mark.parametrize("query", ["และ ของ ที่", "!!! ???", "   ", "การ ใน"])
def test_a_query_of_only_stop_words_or_symbols_is_refused_clearly(notes, treasurer, query):
    with pytest.raises(ValidationFailed) as refused:
        search_notes(treasurer, query)
    assert refused.value.code == "query_without_words" and "คำทั่วไป" in refused.value.message_th


def test_notes_reach_only_as_far_as_they_are_shared(own, foreign, users):
    sibling = make_fund("sibling-fund", "net-a")
    own_only = note(own, "เฉพาะกองทุน", "บทเรียนสวัสดิการภายในกองทุน", sharing="fund")
    network = note(own, "ในเครือข่าย", "บทเรียนสวัสดิการของเครือข่าย", sharing="network")
    everyone = note(foreign, "ทุกคน", "บทเรียนสวัสดิการเพื่อทุกคน", sharing="everyone")
    foreign_only = note(foreign, "ของเขา", "บทเรียนสวัสดิการของกองทุนอื่น", sharing="fund")
    assert {h.note for h in search_notes(users["treasurer"], "บทเรียน")} == {own_only, network, everyone}
    # the coordinator reaches every fund of the network; the sibling fund's people see the network's notes
    assert {h.note for h in search_notes(users["coordinator"], "บทเรียน")} == {own_only, network, everyone}
    sibling_treasurer = _user_in(sibling, "sib-treasurer")
    assert {h.note for h in search_notes(sibling_treasurer, "บทเรียน")} == {network, everyone}
    foreign_treasurer = _user_in(foreign, "far-treasurer")
    assert {h.note for h in search_notes(foreign_treasurer, "บทเรียน")} == {everyone, foreign_only}
    with pytest.raises(NotFound, match="note not found"):
        note_for(foreign_treasurer, own_only.pk)


def _user_in(fund, name):
    from django.contrib.auth import get_user_model

    from sajja.access.models import Role, RoleAssignment

    user = get_user_model().objects.create_user(name, password="x")
    RoleAssignment.objects.create(user=user, role=Role.TREASURER, fund=fund)
    return user


def test_the_search_page_the_api_and_the_cli(client, notes, treasurer, capsys):
    client.force_login(treasurer)
    page = client.get(reverse("knowledge:knowledge-search"), {"q": "สวัสดิการ"})
    assert page.status_code == 200 and "<mark>สวัสดิการ</mark>" in page.content.decode()
    refused = client.get(reverse("knowledge:knowledge-search"), {"q": "และ"})
    assert refused.status_code == 400 and "คำทั่วไป" in refused.content.decode()
    api = client.get(
        reverse("api:knowledge-search"),
        {"q": "สวัสดิการ"},
        headers={"Authorization": f"Bearer {token_for(treasurer)}"},
    )
    assert [hit["id"] for hit in api.json()] == [notes["many"].pk, notes["one"].pk]
    call_command("knowledge", "search", "สวัสดิการ")
    out = capsys.readouterr().out
    assert out.index("สวัสดิการผู้สูงอายุ") < out.index("ตั้งกองทุน") and "*สวัสดิการ*" in out
    with pytest.raises(CommandError, match=r"only common words \(stop words\)"):
        call_command("knowledge", "search", "ที่ และ")


def test_a_note_needs_a_title_and_a_text_and_officers_write(own, users):
    with pytest.raises(ValidationFailed) as empty:
        write_note(SYSTEM, own, NoteData("lesson", "", "", "fund"))
    assert empty.value.code == "note_empty"
    from sajja.core.errors import NotPermitted

    with pytest.raises(NotPermitted, match="your role does not allow this"):
        write_note(users["member"], own, NoteData("lesson", "ชื่อ", "เนื้อหา", "fund"))
