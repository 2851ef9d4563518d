"""`sajja simulate`: will the fund still pay? A projection of one fund at the command line.

    sajja simulate --fund CODE [--as-of YYYY-MM-DD] ...
    sajja simulate --template NAME --members N [--age-profile thai-2020 | FILE.csv] [--reserve BAHT] ...
        [--years 30] [--paths 10000] [--seed S] [--engine cohort|expected|micro] [--workers W]
        [--scenario FILE] [--target 0.05] [--json OUT] [--chart OUT.svg] [--lang th|en]

Everything is checked before anything runs (horizon, paths against memory, the scenario's values
and benefits, the age profile's total); bad input stops with a Thai and English message and exit
status 1, and nothing is written. The JSON and the chart are written only once the run succeeded,
each whole or not at all. Long runs show a progress bar on stderr.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sajja.core.errors import DomainError
from sajja.registry.models import Fund
from sajja.schemes import SchemeInvalid, load_template
from sajja.simulate import ENGINES, FundInputs, Population, SimulationError, fan_chart, summarise
from sajja.simulate.files import read_age_profile, read_scenario
from sajja.simulate.project import MAX_YEARS
from sajja.simulate.report import table
from sajja.simulate.solver import break_even_rate
from sajja.sustainability.management.output import as_of_day, check_output, refuse, write_whole


class Command(BaseCommand):
    help = "Project a fund (or a template on N members): reserve, ruin probability, indicators, fixes"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--fund", help="a fund's code: its real members, reserve and scheme")
        who.add_argument("--template", help="a scheme template, on --members synthetic new members")
        parser.add_argument("--members", type=int, help="number of members (with --template)")
        parser.add_argument(
            "--age-profile", default="thai-2020", help="a named profile or an age,male,female CSV"
        )
        parser.add_argument(
            "--reserve", type=float, default=0.0, help="starting reserve in baht (with --template)"
        )
        parser.add_argument(
            "--as-of", help="YYYY-MM-DD: the day the fund is read (with --fund; default today)"
        )
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--paths", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--engine", choices=ENGINES, default="cohort")
        parser.add_argument("--workers", type=int, default=None, help="threads (default: every core)")
        parser.add_argument("--scenario", help="a YAML or JSON scenario file (template, assumptions, caps)")
        parser.add_argument(
            "--target", type=float, default=0.05, help="ruin probability for the break-even rate"
        )
        parser.add_argument("--json", dest="json_out", help="write the indicators as JSON to this file")
        parser.add_argument("--chart", help="write the reserve's fan chart as SVG to this file")
        parser.add_argument("--lang", choices=("th", "en"), default="th", help="language of the chart")

    def handle(self, *args, **o):
        json_out, chart_out = check_output(o["json_out"]), check_output(o["chart"])
        if not 1 <= o["years"] <= MAX_YEARS:
            raise refuse(
                f"จำนวนปีที่คาดการณ์ต้องอยู่ระหว่าง 1 ถึง {MAX_YEARS} ปี ไม่ใช่ {o['years']}",
                f"--years must be between 1 and {MAX_YEARS}, not {o['years']}",
            )
        if not 0 <= o["target"] < 1:
            raise refuse(
                "--target ต้องอยู่ระหว่าง 0 ถึงน้อยกว่า 1", f"--target must be in [0, 1), not {o['target']}"
            )
        try:
            inputs = self.inputs(o)
            if o["scenario"]:
                inputs = inputs.with_scenario(read_scenario(o["scenario"]))
            bar = tqdm(total=o["paths"], unit="path", delay=1.0, disable=None, leave=False)
            start = time.perf_counter()
            with bar:
                p = inputs.project(
                    years=o["years"],
                    paths=o["paths"],
                    seed=o["seed"],
                    engine=o["engine"],
                    workers=o["workers"],
                    progress=bar.update,
                )
            summary = summarise(p)
            break_even = break_even_rate(p, o["target"])
            seconds = time.perf_counter() - start
        except SimulationError as exc:
            raise CommandError(exc.both()) from None
        except SchemeInvalid as exc:
            raise refuse(
                "; ".join(e.message_th for e in exc.errors), "; ".join(e.message_en for e in exc.errors)
            ) from None
        except DomainError as exc:
            raise refuse(exc.message_th, exc.message_en) from None
        summary.update(
            fund=inputs.code,
            name=inputs.name,
            scheme_source=inputs.scheme_source,
            notes=list(inputs.notes),
            break_even_rate=break_even,
            target=o["target"],
            seconds=round(seconds, 3),
        )
        title = f"{inputs.name} ({inputs.scheme_source})"
        self.stdout.write(
            table(summary, title=title, break_even=break_even, target=o["target"], seconds=seconds)
        )
        for note in inputs.notes:
            self.stdout.write(f"* {note}")
        if json_out:
            write_whole(json_out, json.dumps(summary, ensure_ascii=False, indent=1))
        if chart_out:
            write_whole(chart_out, fan_chart(summary, lang=o["lang"], title=inputs.name))

    def inputs(self, o) -> FundInputs:
        if o["fund"]:
            if o["members"] is not None:
                raise refuse("--members ใช้กับ --template เท่านั้น", "--members goes with --template, not --fund")
            fund = Fund.objects.filter(code=o["fund"]).first()
            if fund is None:
                raise refuse(f"ไม่พบกองทุน {o['fund']}", f"fund not found: {o['fund']}")
            from sajja.sustainability.inputs import fund_inputs

            return fund_inputs(fund, as_of=as_of_day(o["as_of"]) if o["as_of"] else None)
        if o["members"] is None:
            raise refuse("ต้องระบุ --members คู่กับ --template", "--template needs --members N")
        profile = o["age_profile"]
        if profile.endswith(".csv") or os.sep in profile:
            population = read_age_profile(profile, o["members"])
        else:
            population = Population.synthetic(o["members"], profile)
        return FundInputs(
            code=o["template"],
            name=f"template {o['template']}, {o['members']:,} members ({Path(profile).name})",
            scheme=load_template(o["template"]),
            population=population,
            initial_reserve=o["reserve"],
            scheme_source=f"template {o['template']}",
        )
