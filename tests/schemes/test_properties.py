"""Property tests: the vectorised engine gives the scalar engine's amounts and reasons, always."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sajja.schemes import Reason, adjudicate, adjudicate_batch, batch_from
from sajja.schemes.coverage import paid_through_for, paid_through_many
from sajja.schemes.periods import age_on, anniversary, paid_months, whole_months
from sajja.schemes.periods_np import age_on as np_age_on
from sajja.schemes.periods_np import anniversary as np_anniversary
from sajja.schemes.periods_np import day_number, day_numbers, to_date
from sajja.schemes.periods_np import paid_months as np_paid_months
from sajja.schemes.periods_np import whole_months as np_whole_months
from tests.schemes.strategies import schemes, situation

pytestmark = pytest.mark.slow

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATES = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@SLOW
@given(data=st.data(), scheme=schemes)
def test_vectorised_and_scalar_engines_agree(data, scheme):
    codes = scheme.benefit_codes()
    rows = data.draw(st.lists(situation(scheme), min_size=1, max_size=25))
    batch = adjudicate_batch(scheme, batch_from(scheme, rows))
    for i, (member, event, used) in enumerate(rows):
        scalar = adjudicate(scheme, member, event, used)
        by_code = {d.code: d for d in scalar.decisions}
        assert int(batch.total[i]) == scalar.total, (i, event)
        assert Reason.from_mask(int(batch.event_reasons[i])) == scalar.reasons
        for code in codes:
            decision = by_code.get(code)
            assert int(batch.amounts[code][i]) == (decision.amount if decision else 0), (i, code)
            assert Reason.from_mask(int(batch.reasons[code][i])) == (
                decision.reasons if decision else frozenset()
            )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), scheme=schemes, chunk=st.integers(1, 7))
def test_a_batch_adjudicated_in_chunks_gives_what_it_gives_whole(data, scheme, chunk):
    """Large batches are cut into chunks for speed; where the cuts fall must change nothing."""
    from sajja.schemes import vector

    batch = batch_from(scheme, data.draw(st.lists(situation(scheme), min_size=1, max_size=25)))
    whole = adjudicate_batch(scheme, batch)
    default, vector.CHUNK = vector.CHUNK, chunk
    try:
        cut = adjudicate_batch(scheme, batch)
    finally:
        vector.CHUNK = default
    assert cut.total.tolist() == whole.total.tolist()
    assert cut.event_reasons.tolist() == whole.event_reasons.tolist()
    assert cut.version.tolist() == whole.version.tolist()
    for code in scheme.benefit_codes():
        assert cut.amounts[code].tolist() == whole.amounts[code].tolist()
        assert cut.reasons[code].tolist() == whole.reasons[code].tolist()


@SLOW
@given(data=st.data(), scheme=schemes)
def test_paid_through_from_contributions_agrees(data, scheme):
    starts = data.draw(st.lists(st.dates(date(2000, 1, 1), date(2035, 12, 31)), min_size=1, max_size=20))
    paid = data.draw(st.lists(st.integers(0, 5_000_000), min_size=len(starts), max_size=len(starts)))
    many = paid_through_many(scheme, day_numbers(starts), np.array(paid))
    assert [to_date(n) for n in many] == [
        paid_through_for(scheme, s, p) for s, p in zip(starts, paid, strict=True)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(DATES, DATES), min_size=1, max_size=50))
def test_date_rules_agree_over_arrays(pairs):
    starts = day_numbers(a for a, _ in pairs)
    ends = day_numbers(b for _, b in pairs)
    assert np_whole_months(starts, ends).tolist() == [whole_months(a, b) for a, b in pairs]
    assert np_age_on(starts, ends).tolist() == [age_on(a, b) for a, b in pairs]
    paid_to = ends - 100
    assert np_paid_months(starts, paid_to, ends).tolist() == [
        paid_months(a, b - timedelta(days=100), b) for a, b in pairs
    ]


@settings(max_examples=300, deadline=None)
@given(DATES, st.integers(0, 1200))
def test_anniversaries_agree_and_whole_months_inverts_them(start, months):
    reached = anniversary(start, months)
    assert to_date(np_anniversary(np.array([day_number(start)]), np.array([months]))[0]) == reached
    assert whole_months(start, reached) == months
    assert whole_months(start, reached - timedelta(days=1)) == max(months - 1, 0) or months == 0


@settings(max_examples=300, deadline=None)
@given(DATES, st.integers(0, 2_000_000), st.sampled_from([50, 100, 125, 200]))
def test_coverage_is_bought_by_the_day(start, satang, rate):
    from sajja.schemes.periods import days_covered, paid_through

    end = paid_through(start, satang, rate)
    assert (end - start).days + 1 == days_covered(satang, rate) == satang // rate
