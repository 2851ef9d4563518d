"""`sajja sweep`: project many funds at once, on this machine or on a Dask cluster.

    sajja sweep --network CODE [--as-of YYYY-MM-DD] [--years 30] [--paths 1000] [--seed S]
                [--scheduler ADDRESS] [--workers W] [--json OUT]
    sajja sweep --national [--funds 7255] ...      a synthetic national population of tambon funds

Each fund's row: members, starting reserve, ruin probability over the horizon, expected depletion
year, reserve at the end (P5, P50, P95). The same seed gives the same rows locally and on Dask.
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sajja.core.thai_dates import buddhist_year
from sajja.registry.models import Network
from sajja.simulate import SimulationError
from sajja.simulate.project import MAX_YEARS, START_YEAR
from sajja.simulate.sweep import NATIONAL_FUNDS, national_funds, overview, sweep
from sajja.sustainability.management.output import as_of_day, check_output, refuse, write_whole


class Command(BaseCommand):
    help = "Project every fund of a network, or a synthetic national population, locally or on Dask"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--network", help="a network's code: each of its funds with active members")
        which.add_argument("--national", action="store_true", help="a synthetic national population")
        parser.add_argument(
            "--funds", type=int, default=NATIONAL_FUNDS, help="funds in the national population"
        )
        parser.add_argument("--as-of", help="YYYY-MM-DD: the day the network's funds are read")
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--paths", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--scheduler", help="a Dask scheduler's address (tcp://HOST:8786)")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes when run locally (default: one per core)",
        )
        parser.add_argument("--json", dest="json_out", help="write every fund's row and the overview as JSON")

    def handle(self, *args, **o):
        json_out = check_output(o["json_out"])
        if not 1 <= o["years"] <= MAX_YEARS:
            raise refuse(
                f"จำนวนปีที่คาดการณ์ต้องอยู่ระหว่าง 1 ถึง {MAX_YEARS} ปี ไม่ใช่ {o['years']}",
                f"--years must be between 1 and {MAX_YEARS}, not {o['years']}",
            )
        if o["paths"] < 1 or o["funds"] < 1:
            raise refuse("--paths และ --funds ต้องอย่างน้อย 1", "--paths and --funds must be at least 1")
        start_year = START_YEAR
        try:
            if o["national"]:
                funds = national_funds(o["funds"], o["seed"])
                label = f"national synthetic population, {o['funds']:,} funds"
            else:
                network = Network.objects.filter(code=o["network"]).first()
                if network is None:
                    raise refuse(f"ไม่พบเครือข่าย {o['network']}", f"network not found: {o['network']}")
                from sajja.sustainability.inputs import network_inputs

                funds = network_inputs(network, as_of=as_of_day(o["as_of"]) if o["as_of"] else None)
                if not funds:
                    raise refuse(
                        "เครือข่ายนี้ไม่มีกองทุนที่มีสมาชิก", f"network {network.code} has no fund with members"
                    )
                start_year = funds[0].start_year
                label = f"network {network.code}, {len(funds)} funds"
            client = self.client(o["scheduler"])
            started = time.perf_counter()
            with tqdm(total=len(funds), unit="fund", delay=1.0, disable=None, leave=False) as bar:
                rows = sweep(
                    funds,
                    years=o["years"],
                    paths=o["paths"],
                    seed=o["seed"],
                    client=client,
                    workers=o["workers"],
                    processes=True,
                    progress=bar.update,
                )
            seconds = time.perf_counter() - started
        except SimulationError as exc:
            raise CommandError(exc.both()) from None
        result = {"overview": overview(rows, start_year), "funds": rows, "seconds": round(seconds, 3)}
        self.report(label, result, o, seconds)
        if json_out:
            write_whole(json_out, json.dumps(result, ensure_ascii=False, indent=1))

    def client(self, address: str | None):
        if not address:
            return None
        from distributed import Client

        try:
            return Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise refuse(
                f"ติดต่อ Dask scheduler ที่ {address} ไม่ได้",
                f"cannot reach the Dask scheduler at {address}: {exc}",
            ) from None

    def report(self, label: str, result: dict, o, seconds: float) -> None:
        v = result["overview"]
        where = f"Dask {o['scheduler']}" if o["scheduler"] else "this machine"
        depletion = v["median_depletion_year"]
        self.stdout.write(
            "\n".join(
                [
                    f"{label}: {o['years']} ปี/years, {o['paths']:,} เส้นทาง/paths, seed {o['seed']}, "
                    f"{where}, {seconds:.1f} s",
                    f"กองทุน/funds {v['funds']:,} · สมาชิก/members {v['members']:,}",
                    f"โอกาสเงินหมด > 50% / ruin probability over 50%: {v['funds_ruin_over_50pct']:,} funds "
                    f"({v['members_in_funds_ruin_over_50pct']:,} members)",
                    f"โอกาสเงินหมด > 5% / ruin probability over 5%: {v['funds_ruin_over_5pct']:,} funds",
                    f"คาดว่าเงินหมดในช่วงนี้ / expected to run dry within the horizon: {v['funds_depleted']:,} funds"
                    + (f", median year {buddhist_year(depletion)}" if depletion else ""),
                    f"ทุนสำรองรวมตั้งต้น / reserves at the start: {v['reserve_start']:,.0f} บาท/baht; "
                    f"sum of the funds' median reserves at the end: {v['reserve_end_p50_sum']:,.0f} บาท/baht",
                ]
            )
        )
