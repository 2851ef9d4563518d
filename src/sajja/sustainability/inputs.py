"""A fund's real members, reserve and scheme, read from the database into `sajja.simulate.FundInputs`.

The contract (what the pages, the background recompute and `sajja simulate --fund` rely on):

- `fund_inputs(fund, *, as_of=None) -> FundInputs`, `as_of` defaulting to today;
  `network_inputs(network, *, as_of=None) -> list[FundInputs]`, one per fund, ordered by fund code.
  Neither checks access: callers (selectors, tasks, the CLI) have done so. Reads only, set-based
  (a few `values_list` queries per fund, no per-member ORM objects).
- **Members projected**: the fund's *active* members who joined on or before `as_of`, each with
  their age in whole years on `as_of`, their sex, and their whole years of *paid* membership: the
  days their contributions buy (what they paid, net, ÷ the daily rate in force on `as_of`,
  `rules_for`) in whole years of 365 days, never more than the whole years since they joined
  (stored totals: a past `as_of` counts what was paid since too). A member who came back after a
  lapse under a fresh start counts from that day: what they paid since, and the years since. Lapsed members pay
  nothing and are not projected (they are counted in `notes`); resigned and deceased ones are gone.
- **Reserve**: the fund's reserve in baht, as on every page (`sajja.ledger.selectors.reserve`): the
  balances of its cash and bank accounts (stored running totals today; the lines dated on or before
  `as_of` for a past day).
- **Scheme**: the fund's own scheme (`sajja.welfare.selectors.scheme_of`: every published version,
  so a version in force later in the horizon applies from its date); a fund without one is projected
  under the template it would adopt, `FALLBACK_TEMPLATE`, and `scheme_source` / `notes` say so.
- **Start**: the projection's first year is `as_of`'s year.
- **Own history**: when the fund has at least `HISTORY_EXPOSURE` member-years in the whole calendar
  years before `as_of` (up to three), its joining and leaving rates replace the defaults
  (`sajja.simulate.rates_from_history`; leaving = resigning, not dying).

A fund with no active member raises `sajja.simulate.SimulationError` (a projection needs members).
"""

from __future__ import annotations

import datetime

import numpy as np

from sajja.contributions.fresh_start import restarts
from sajja.contributions.month_end.derive import MemberRow
from sajja.contributions.rules import rules_for
from sajja.core import thai_dates
from sajja.ledger.models import Account
from sajja.ledger.selectors import reserve
from sajja.registry.models import Member, MemberStatus
from sajja.schemes import load_template
from sajja.simulate import Population, SimulationError, rates_from_history
from sajja.simulate.assumptions import FEMALE, MALE, OMEGA
from sajja.simulate.fund import FundInputs
from sajja.welfare.selectors import scheme_of

FALLBACK_TEMPLATE = "codi"
HISTORY_EXPOSURE = 100
HISTORY_YEARS = 3
ENDED = (MemberStatus.RESIGNED, MemberStatus.DECEASED)


def _days(dates) -> np.ndarray:
    return np.array(dates, dtype="datetime64[D]").astype(np.int64)


def _whole_years(born: np.ndarray, day: datetime.date) -> np.ndarray:
    """Completed years from each date of `born` (day numbers) to `day`: birthdays counted exactly."""
    b = born.astype("datetime64[D]")
    years = b.astype("datetime64[Y]").astype(np.int64) + 1970
    month_day = (b - b.astype("datetime64[M]")).astype(np.int64) + 100 * (
        b.astype("datetime64[M]").astype(np.int64) % 12
    )
    before = (month_day > 100 * (day.month - 1) + day.day - 1).astype(np.int64)
    return day.year - years - before


def _history(joined: np.ndarray, ended: np.ndarray, resigned: np.ndarray, as_of: datetime.date) -> dict:
    """Joining and leaving rates from the whole calendar years before `as_of`, if there are enough."""
    members, joiners, leavers = [], [], []
    for year in range(as_of.year - HISTORY_YEARS, as_of.year):
        start, end = _days([datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)])
        members.append(int(((joined < start) & (ended >= start)).sum()))
        joiners.append(int(((joined >= start) & (joined < end)).sum()))
        leavers.append(int(((resigned >= start) & (resigned < end)).sum()))
    if sum(members) < HISTORY_EXPOSURE:
        return {}
    return rates_from_history(members, joiners, leavers)


def fund_inputs(fund, *, as_of: datetime.date | None = None) -> FundInputs:
    """The fund as the engines see it on `as_of` (today by default): see the module's contract."""
    day = as_of or thai_dates.today()
    rows = list(
        Member.objects.filter(fund=fund, joined_on__lte=day).values_list(
            "id", "person__birth_date", "person__sex", "joined_on", "status", "status_since"
        )
    )
    if rows:
        ids, born, sex, joined, status, since = (np.array(c, dtype=object) for c in zip(*rows, strict=True))
    else:
        ids = born = sex = joined = status = since = np.array([], dtype=object)
    joined_d = _days(list(joined))
    far = np.iinfo(np.int64).max
    is_ended = np.isin(status, ENDED)
    ended_d = np.where(is_ended, _days(list(since)) if rows else joined_d, far)
    resigned_d = np.where(status == MemberStatus.RESIGNED, ended_d, far)
    overrides = _history(joined_d, ended_d, resigned_d, day)

    active = status == MemberStatus.ACTIVE
    lapsed = int((status == MemberStatus.LAPSED).sum())
    if not active.any():
        raise SimulationError(
            f"fund {fund.code} has no active member on {day.isoformat()} to project",
            f"กองทุน {fund.code} ไม่มีสมาชิกที่ยังเป็นสมาชิกอยู่ ณ {day.isoformat()} ให้คาดการณ์",
        )
    # what each member paid in, net: credits less debits on their sub-account (one query for all)
    paid = {
        member: credit - debit
        for member, debit, credit in Account.objects.filter(fund=fund, member__isnull=False).values_list(
            "member_id", "debit_total", "credit_total"
        )
    }
    rules = rules_for(fund, on=day)
    # after a fresh start, paid membership counts from the day a member came back (contributions.fresh_start)
    back = restarts(
        [MemberRow(int(i), None, j, st, si) for i, j, st, si in zip(ids, joined, status, since, strict=True)],
        rules.contributions,
        day,
        until=day,
    )
    paid.update({pk: satang for pk, (_, satang) in back.items()})
    counts_from = [back[int(i)][0] if int(i) in back else j for i, j in zip(ids, joined, strict=True)]
    net = np.array([paid.get(int(i), 0) for i in ids[active]], dtype=np.int64)
    paid_years = np.maximum(net, 0) // rules.daily_rate // 365
    membership_years = _whole_years(_days(counts_from)[active] if rows else joined_d[active], day)
    ages = np.minimum(_whole_years(_days(list(born[active])), day), OMEGA)  # a typo'd 1800 birth
    sexes = np.where(sex[active] == "F", FEMALE, MALE)
    population = Population.from_members(ages, sexes, np.minimum(paid_years, membership_years))

    scheme = scheme_of(fund)
    notes = []
    source = "fund"
    if scheme is None:
        scheme = load_template(FALLBACK_TEMPLATE)
        source = f"template {FALLBACK_TEMPLATE}"
        notes.append(
            f"the fund has no scheme of its own yet: projected under the {FALLBACK_TEMPLATE} template"
        )
    if lapsed:
        notes.append(f"{lapsed} lapsed member(s) not projected")
    if overrides:
        notes.append(
            f"joining {overrides['joining_rate']:.1%} and leaving {overrides['leaving_rate']:.1%} a year, "
            "from the fund's own history"
        )
    return FundInputs(
        code=fund.code,
        name=fund.name_th,
        scheme=scheme,
        population=population,
        initial_reserve=reserve(fund, as_of) / 100,
        start_year=day.year,
        overrides=overrides,
        scheme_source=source,
        notes=tuple(notes),
    )


def network_inputs(network, *, as_of: datetime.date | None = None) -> list[FundInputs]:
    """`fund_inputs` for every fund of the network with active members, by fund code."""
    funds = network.funds.filter(members__status=MemberStatus.ACTIVE).distinct().order_by("code")
    return [fund_inputs(fund, as_of=as_of) for fund in funds]
