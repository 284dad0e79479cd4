"""The public forms under load, side by side with Odoo's own website form.

Run by scripts/bench.sh against an ``odoo-bin --workers=2 --proxy-mode``
server on the bench database; writes the rows of the table as JSON
(``--out``), which bench_run.py prints with the others.

1. locust (headless, its own virtualenv) with ``--users`` visitors, each
   sending ``--forms`` forms, one every ``--pacing`` seconds, the visitors
   arriving one after the other over the first period: ``ShaqraVisitor``
   (``/complaint`` and ``/volunteer``, GET + POST), then ``AnchorVisitor``
   (``/contactus`` GET and ``/website/form/crm.lead`` POST), alternated
   ``--repeat`` times: the requests completed in time per second, and the
   95th percentile of the response times; then the same visitors sending
   back to back for ``--capacity-seconds``: how many requests a second the
   server can take (for information); each visitor comes from its own
   address of the declared test network (``--net``, allowed by
   ``shaqra.public_limit_allow``);
2. every accepted submission is looked up in the database: stored exactly
   once;
3. one burst from a single address outside the list: the first
   ``shaqra.public_limit_ip_hour`` complaints are accepted, the rest refused.
"""

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import requests

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
ABUSIVE_IP = "203.0.113.66"  # TEST-NET-3: never a real visitor


def run_locust(args, user_class, run_id, workdir, forms=0, seconds=0):
    """One locust run of ``user_class``.

    Paced (``forms``): each of the ``--users`` visitors sends ``forms`` forms,
    one every ``--pacing`` seconds, the visitors arriving one after the other
    over the first period; the throughput is the requests completed within
    (forms + 1) periods, per second (a server that keeps up completes all of
    them). Back to back (``seconds``): no pause between forms for that long;
    the throughput is then what the server can take.
    """
    prefix = os.path.join(workdir, f"{user_class}-{run_id}")
    out = prefix + "-accepted.json"
    pacing = args.pacing if forms else 0
    env = dict(
        os.environ,
        LOAD_RUN=str(run_id),
        LOAD_OUT=out,
        LOAD_NET=args.net,
        LOAD_PACING=str(pacing),
        LOAD_FORMS=str(forms),
        LOAD_USERS=str(args.users),
    )
    window = (forms + 1) * pacing if forms else seconds
    # Paced, the run ends when the last visitor has sent its forms; the run
    # time is only a ceiling then.
    run_time = window + 60 if forms else seconds
    spawn_rate = args.users / pacing if pacing else args.users
    command = [
        args.locust,
        "-f",
        args.locustfile,
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        f"{spawn_rate:g}",
        "--run-time",
        f"{run_time:g}s",
        "--stop-timeout",
        "10",
        "--host",
        args.url,
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    subprocess.run(
        command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    # Counted from every request the visitors made (locust's own CSV may be
    # written before the last ones are in).
    with open(out) as handle:
        written = json.load(handle)
    done = written["done"]
    ok = [request for request in done if request[3] is None]
    if forms:
        rps = sum(1 for request in ok if request[1] <= window) / window
    else:
        rps = len(ok) / seconds
    by_name = {}
    for name, _end, response_time, _error in done:
        by_name.setdefault(name, []).append(response_time)
    reasons = {}
    for name, _end, _response_time, error in done:
        if error is not None:
            reasons[f"{name}: {error}"] = reasons.get(f"{name}: {error}", 0) + 1
    return {
        "p95_by_name": {name: p95(times) for name, times in by_name.items()},
        "failure_reasons": [f"{reason} ({count})" for reason, count in reasons.items()],
        "requests": len(done),
        "failures": len(done) - len(ok),
        "rps": rps,
        "p95": p95([request[2] for request in done]),
        "accepted": written["accepted"],
    }


def p95(times):
    """The 95th percentile (nearest rank) of response times, in ms."""
    if not times:
        return 0.0
    ordered = sorted(times)
    return float(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)])


def stored_once(cr, accepted):
    """(accepted, stored exactly once) over the three kinds of submission."""
    checks = [
        (
            "complaint",
            "SELECT description, count(*) FROM shaqra_complaint"
            " WHERE description = ANY(%s) GROUP BY 1",
        ),
        (
            "volunteer",
            "SELECT national_id, count(*) FROM shaqra_volunteer"
            " WHERE national_id = ANY(%s) GROUP BY 1",
        ),
        (
            "lead",
            "SELECT contact_name, count(*) FROM crm_lead"
            " WHERE contact_name = ANY(%s) GROUP BY 1",
        ),
    ]
    total = once = 0
    for kind, query in checks:
        markers = accepted.get(kind) or []
        if not markers:
            continue
        cr.execute(query, [markers])
        counts = dict(cr.fetchall())
        total += len(markers)
        once += sum(1 for marker in set(markers) if counts.get(marker) == 1)
        # A marker accepted twice would be two submissions with one marker.
        once -= len(markers) - len(set(markers))
    return total, once


def burst(url, count):
    """``count`` complaints from one address outside the list: (accepted, refused)."""
    session = requests.Session()
    session.headers.update(
        {
            "X-Forwarded-For": ABUSIVE_IP,
            "X-Forwarded-Host": url.split("//", 1)[-1],
            "X-Forwarded-Proto": "http",
        }
    )
    accepted = refused = 0
    for n in range(count):
        page = session.get(url + "/complaint", timeout=60)
        token = CSRF_RE.search(page.text).group(1)
        response = session.post(
            url + "/complaint",
            data={
                "csrf_token": token,
                "shaqra_hp": "",
                "kind": "complaint",
                "complainant_name": f"Burst {n}",
                # a new mobile each time: only the address repeats
                "complainant_mobile": f"0570{int(time.time()) % 100000:05d}{n % 10}",
                "description": f"Burst {n}",
            },
            timeout=60,
        )
        if "o_shaqra_complaint_number" in response.text:
            accepted += 1
        elif "Many forms were sent from your connection" in response.text:
            refused += 1
    return accepted, refused


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--locust", required=True)
    parser.add_argument("--locustfile", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--pacing", type=float, default=4.0)
    parser.add_argument("--forms", type=int, default=7)
    parser.add_argument("--capacity-seconds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--net", default="198.51.100")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    sys.path.insert(0, os.environ["ODOO_SRC"])
    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)

    results = {"ShaqraVisitor": [], "AnchorVisitor": []}
    capacity = {}
    run_id = int(time.time()) % 100000
    with tempfile.TemporaryDirectory() as workdir:
        # Warm both workers (templates, assets, caches) before measuring.
        for user_class in results:
            run_id += 1
            run_locust(args, user_class, run_id, workdir, forms=1)
        for _ in range(args.repeat):
            for user_class in results:
                run_id += 1
                results[user_class].append(
                    run_locust(args, user_class, run_id, workdir, forms=args.forms)
                )
        for user_class in results:
            run_id += 1
            capacity[user_class] = run_locust(
                args, user_class, run_id, workdir, seconds=args.capacity_seconds
            )
    total = once = 0
    for result in [*(r for runs in results.values() for r in runs), *capacity.values()]:
        with registry.cursor() as cr:
            t, o = stored_once(cr, result["accepted"])
        total, once = total + t, once + o
    b_accepted, b_refused = burst(args.url, args.limit + 5)

    def median(user_class, key):
        return statistics.median(r[key] for r in results[user_class])

    s_rps, a_rps = median("ShaqraVisitor", "rps"), median("AnchorVisitor", "rps")
    s_p95, a_p95 = median("ShaqraVisitor", "p95"), median("AnchorVisitor", "p95")
    s_req = sum(r["requests"] for r in results["ShaqraVisitor"])
    s_fail = sum(r["failures"] for r in results["ShaqraVisitor"])
    a_req = sum(r["requests"] for r in results["AnchorVisitor"])
    a_fail = sum(r["failures"] for r in results["AnchorVisitor"])
    what = (
        f"{args.users} visitors, one form every {args.pacing:g} s each, {args.forms} "
        f"form{'s' if args.forms != 1 else ''}, "
        f"x{args.repeat}, --workers=2"
    )
    c_rps, ca_rps = capacity["ShaqraVisitor"]["rps"], capacity["AnchorVisitor"]["rps"]
    rows = [
        {
            "figure": (
                f"public forms /complaint + /volunteer, GET + POST, req/s completed in time "
                f"({what})"
            ),
            "value": f"{s_rps:.2f}",
            "anchor": "/contactus + /website/form/crm.lead, req/s",
            "anchor_value": f"{a_rps:.2f}",
            "ratio": f"{s_rps / a_rps if a_rps else 0:.2f}x",
            "target": ">= 1.0x",
            "result": "PASS" if a_rps and s_rps / a_rps >= 1.0 else "FAIL",
        },
        {
            "figure": f"public forms, p95 latency ms ({s_req} requests, {s_fail} errors)",
            "value": f"{s_p95:.0f}",
            "anchor": f"website form, p95 latency ms ({a_req} requests, {a_fail} errors)",
            "anchor_value": f"{a_p95:.0f}",
            "ratio": f"{s_p95 / a_p95 if a_p95 else 0:.2f}x",
            "target": "<= 500 ms, 0 errors",
            "result": "PASS" if s_p95 <= 500 and not s_fail else "FAIL",
        },
        {
            "figure": (
                f"capacity: req/s of the same visitors sending back to back "
                f"({args.capacity_seconds} s, --workers=2)"
            ),
            "value": f"{c_rps:.1f}",
            "anchor": "the website form's visitors back to back, req/s",
            "anchor_value": f"{ca_rps:.1f}",
            "ratio": f"{c_rps / ca_rps if ca_rps else 0:.2f}x",
            "target": "information",
            "result": "-",
        },
        {
            "figure": f"accepted submissions stored exactly once ({once} of {total})",
            "value": str(total - once),
            "anchor": "",
            "anchor_value": "",
            "ratio": "",
            "target": "0 missing or twice",
            "result": "PASS" if total and once == total else "FAIL",
        },
        {
            "figure": (
                f"rate limit: {args.limit + 5} complaints from one address outside the "
                f"allow-list ({b_accepted} accepted, {b_refused} refused)"
            ),
            "value": str(b_refused),
            "anchor": "",
            "anchor_value": "",
            "ratio": "",
            "target": f"{args.limit} accepted, 5 refused",
            "result": "PASS" if (b_accepted, b_refused) == (args.limit, 5) else "FAIL",
        },
    ]
    p95_by_name = {}
    for runs in results.values():
        for result in runs:
            for name, p95 in result["p95_by_name"].items():
                p95_by_name.setdefault(name, []).append(p95)
    notes = [
        "public forms under load, p95 ms by request (median of the runs): "
        + ", ".join(
            f"{name} {statistics.median(v):.0f}" for name, v in sorted(p95_by_name.items())
        )
    ]
    reasons = [
        reason for runs in results.values() for r in runs for reason in r["failure_reasons"]
    ]
    if reasons:
        notes.append("public forms under load, errors: " + "; ".join(reasons))
    with open(args.out, "w") as handle:
        json.dump({"rows": rows, "notes": notes}, handle)


if __name__ == "__main__":
    main()
