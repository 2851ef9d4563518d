"""`sajja scheme ...`: welfare schemes at the command line.

sajja scheme check FILE                  validate a scheme file; exit 1 listing every error
sajja scheme test FILE CASES.yaml        run the committee's YAML cases; exit 1 showing each difference
sajja scheme quote --fund CODE --member NUMBER --event KIND --date YYYY-MM-DD [--nights N] [--json]
                                         what the fund's rules give that member for that event, and why
sajja scheme adopt --fund CODE --template NAME --from YYYY-MM-DD [--resolution TEXT]
sajja scheme publish --fund CODE FILE [--resolution TEXT]     FILE: one version, as YAML
sajja scheme show --fund CODE            the fund's scheme as a scheme file (every version)
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sajja.access.policy import SYSTEM
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import format_baht
from sajja.registry.selectors import fund_for, member_for
from sajja.schemes import SchemeInvalid, load_scheme_data, load_scheme_file, run_case_file, scheme_to_yaml
from sajja.schemes.loading import read_text, template_names
from sajja.schemes.vocabulary import EventKind
from sajja.welfare import services
from sajja.welfare.assess import quote
from sajja.welfare.selectors import scheme_header, scheme_row, version_definitions


def parse_day(text: str) -> datetime.date:
    """YYYY-MM-DD, with a common-era or Buddhist-era year (core's parse_day), or a clean refusal."""
    try:
        return thai_dates.parse_day(text)
    except ValueError as wrong:
        raise CommandError(str(wrong)) from None


class Command(BaseCommand):
    help = "Welfare schemes: check and test scheme files, quote a member's benefit, adopt and publish"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="validate a scheme file")
        check.add_argument("file")
        test = sub.add_parser("test", help="run YAML test cases against a scheme file")
        test.add_argument("file")
        test.add_argument("cases")
        q = sub.add_parser("quote", help="amount and explanation for a member and an event")
        q.add_argument("--fund", required=True)
        q.add_argument("--member", required=True, help="member number")
        q.add_argument("--event", required=True, choices=[k.value for k in EventKind])
        q.add_argument("--date", required=True, help="YYYY-MM-DD")
        q.add_argument("--nights", type=int, default=0)
        q.add_argument("--level", default="", help="school level, for education grants")
        q.add_argument("--json", action="store_true", dest="as_json")
        q.add_argument("--language", choices=["th", "en"], default="th")
        adopt = sub.add_parser("adopt", help="give a fund its own copy of a template")
        adopt.add_argument("--fund", required=True)
        adopt.add_argument("--template", required=True, choices=template_names())
        adopt.add_argument("--from", required=True, dest="effective_from", help="YYYY-MM-DD")
        adopt.add_argument("--resolution", default="")
        publish = sub.add_parser("publish", help="publish a new version of a fund's scheme")
        publish.add_argument("--fund", required=True)
        publish.add_argument("file", help="one version, as YAML")
        publish.add_argument("--resolution", default="")
        show = sub.add_parser("show", help="print a fund's scheme as a scheme file")
        show.add_argument("--fund", required=True)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except SchemeInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} error(s) / พบข้อผิดพลาด {len(exc.errors)} รายการ") from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    def _read(self, name: str) -> Path:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"no such file: {name}")
        return path

    def _check(self, file, **_):
        scheme = load_scheme_file(self._read(file))
        benefits = sum(len(v.benefits) for v in scheme.versions)
        self.stdout.write(
            self.style.SUCCESS(
                f"OK {file}: scheme '{scheme.code}', {len(scheme.versions)} version(s), {benefits} benefit(s)"
            )
        )

    def _test(self, file, cases, **_):
        scheme = load_scheme_file(self._read(file))
        results = run_case_file(self._read(cases), scheme)
        failed = [r for r in results if not r.passed]
        for result in results:
            self.stdout.write(("PASS  " if result.passed else "FAIL  ") + result.name)
            for difference in result.differences:
                self.stdout.write(f"      {difference.th} / {difference.en}")
        summary = f"{len(results)} case(s): {len(results) - len(failed)} passed, {len(failed)} failed"
        if failed:
            self.stdout.write(summary)
            raise CommandError(f"{len(failed)} case(s) failed / ไม่ผ่าน {len(failed)} กรณี")
        self.stdout.write(self.style.SUCCESS(summary))

    def _quote(self, fund, member, event, date, nights, level, as_json, language, **_):
        if nights < 0:
            raise CommandError("--nights must be 0 or more")
        fund_obj = fund_for(SYSTEM, fund)
        member_obj = member_for(SYSTEM, fund_obj, member)
        result = quote(fund_obj, member_obj, event, parse_day(date), nights, level)
        if as_json:
            data = {"fund": fund_obj.code, "member": member_obj.number, **result.to_dict()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{fund_obj.code} / {member_obj.number}: {format_baht(result.total)}")
        for line in result.lines(language):
            self.stdout.write(line)

    def _adopt(self, fund, template, effective_from, resolution, **_):
        fund_obj = fund_for(SYSTEM, fund)
        row = services.adopt_template(
            SYSTEM, fund_obj, template, effective_from=parse_day(effective_from), resolution=resolution
        )
        self.stdout.write(self.style.SUCCESS(f"{fund_obj.code}: adopted '{template}' as scheme '{row.code}'"))

    def _publish(self, fund, file, resolution, **_):
        fund_obj = fund_for(SYSTEM, fund)
        path = self._read(file)
        text = read_text(path)
        version = services.publish_version(SYSTEM, fund_obj, text, resolution=resolution, source=path.name)
        self.stdout.write(
            self.style.SUCCESS(
                f"{fund_obj.code}: version {version.number} in force from {version.effective_from}"
            )
        )

    def _show(self, fund, **_):
        row = scheme_row(fund_for(SYSTEM, fund))
        if row is None:
            raise CommandError(f"{fund} has no welfare scheme yet: sajja scheme adopt --fund {fund} ...")
        scheme = load_scheme_data({**scheme_header(row), "versions": version_definitions(row)})
        self.stdout.write(scheme_to_yaml(scheme))
