from sajja.ledger.services import post_entry
from tests.factories import contribution


def test_treasurer_posts_a_contribution(treasurer, own):
    entry = post_entry(treasurer, own, contribution("k1"))
    assert entry.lines.count() == 2
