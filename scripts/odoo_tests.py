"""Run the add-ons' Odoo tests on a fresh database and judge the log.

Odoo's own exit code misses too much for us: a tour is *skipped*, not
failed, when Chromium or websocket-client is missing, and an ERROR logged
outside a test does not fail the run. So this runs odoo-bin, copies its log
to the console and to a file, and fails on:

- any failed or erroring test (Odoo's own count);
- any skipped test or tour;
- any ERROR or CRITICAL line;
- any WARNING that is not on the allow-list below;
- no test at all, or no tour at all.

It ends with one summary line.
"""

import argparse
import re
import subprocess
import sys

# WARNINGs that Odoo itself logs in a healthy test run. Each entry says why
# it is harmless; anything else fails the run.
WARNING_ALLOW_LIST = [
    # Odoo warns when the database has no outgoing mail server.
    re.compile(r"No outgoing mail server|Unable to connect to SMTP Server"),
    # wkhtmltopdf from Debian is the unpatched build: PDFs still render.
    re.compile(r"You need Wkhtmltopdf to print a pdf version|wkhtmltopdf.*unpatched qt"),
    # Chromium prints this on machines without a GPU.
    re.compile(r"Failed to connect to the bus|GPU"),
]

# ERRORs that are not the application's. Each entry says why.
ERROR_ALLOW_LIST = [
    # Headless Chromium opens speculative connections (preconnect) that never
    # send a request; Odoo's test server closes them after 5 s on purpose
    # (odoo/service/server.py, RequestHandler.setup) and werkzeug logs it.
    re.compile(r"^\S+ - - \[[^\]]+\] Request timed out: TimeoutError\('timed out'\)"),
]

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r"^skipped ")
TOUR_START = re.compile(r"start_tour|Starting tour|odoo\.startTour\(")
TOUR_OK = re.compile(r"tour succeeded")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--min-tours", type=int, default=1)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    errors, warnings, skipped = [], [], []
    tours_ok = 0
    result = None
    current_level = None
    with open(args.log, "w", encoding="utf-8") as log_file:
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        for line in proc.stdout:
            log_file.write(line)
            sys.stdout.write(line)
            match = LINE.match(line.rstrip("\n"))
            if not match:
                # Continuation lines (tracebacks) belong to the last record.
                continue
            current_level = match["level"]
            msg = match["msg"]
            if current_level in ("ERROR", "CRITICAL"):
                if not (
                    match["logger"] == "werkzeug" and any(p.search(msg) for p in ERROR_ALLOW_LIST)
                ):
                    errors.append(line.strip())
            elif current_level == "WARNING":
                if not any(p.search(msg) for p in WARNING_ALLOW_LIST):
                    warnings.append(line.strip())
            if SKIPPED.match(msg):
                skipped.append(line.strip())
            if TOUR_OK.search(msg):
                tours_ok += 1
            found = RESULT.search(msg)
            if found:
                result = tuple(int(x) for x in found.groups())
        returncode = proc.wait()

    failed, errored, run = result or (0, 0, 0)
    problems = []
    if result is None:
        problems.append("Odoo did not report a test result (did it crash? see the log)")
    if returncode:
        problems.append(f"odoo-bin exited with {returncode}")
    if failed or errored:
        problems.append(f"{failed} failed and {errored} erroring test(s)")
    if skipped:
        problems.append(
            f"{len(skipped)} skipped test(s): a skipped test or tour is a failure here"
        )
    if errors:
        problems.append(f"{len(errors)} ERROR/CRITICAL log line(s)")
    if warnings:
        problems.append(f"{len(warnings)} WARNING log line(s) not on the allow-list")
    if result is not None and run == 0:
        problems.append("no test ran")
    if tours_ok < args.min_tours:
        problems.append(
            f"{tours_ok} browser tour(s) succeeded, at least {args.min_tours} expected"
        )

    print()
    for title, lines in (
        ("ERROR lines", errors),
        ("WARNING lines", warnings),
        ("Skipped", skipped),
    ):
        if lines:
            print(f"--- {title} ---")
            for entry in lines[:50]:
                print(entry)
    for problem in problems:
        print(f"FAIL: {problem}")
    print(
        f"Odoo tests: {run} run, {failed} failed, {errored} errors, "
        f"{len(skipped)} skipped, {tours_ok} tours run"
    )
    with open(args.log + ".summary", "w", encoding="utf-8") as handle:
        handle.write(f"{run} {failed} {errored} {len(skipped)} {tours_ok} {len(problems)}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
