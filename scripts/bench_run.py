"""Run the benchmarks side by side with their Odoo anchors and print a table.

Run by scripts/bench.sh (`make bench`) on a database seeded by bench_seed.py
and served by an Odoo server at ``--url``. Each benchmark and its anchor run
in the same process, interleaved, ``--repeat`` times; the table gives the
medians. Benchmarks are not tests: nothing here fails a build on a timing,
the exit status only says whether the tool itself worked.

- kanban: the way the web client loads a kanban over JSON-RPC
  (``web_read_group`` by stage, ``read_progress_bar`` when the view has one,
  then one ``web_search_read`` of 40 cards per unfolded column, the card's
  fields as specification);
- list: one ``web_search_read`` of 80 rows with the list's fields and the
  count;
- deadline cron: the daily job on every late request (and on every late
  complaint), against the bare SQL UPDATE that flags them.

The kanban and list run for the requests and, when shaqra_complaints is
installed, for the complaints, each against the same crm.lead anchor.
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from functools import partial

import requests
from lxml import etree

PASSWORD = "bench-Passw0rd"  # a throw-away database only
TIMEOUT = 300

# (label, request user, anchor user, anchor label): the request model's
# kanban and list for a role, against the CRM pipeline of the matching role.
ROLES = [
    ("administrator", "admin", "admin", "administrator"),
    ("manager", "bench_manager", "bench_sales_manager", "sales manager, all documents"),
    (
        "liaison officer (record rules)",
        "bench_liaison_0",
        "bench_salesman_0",
        "salesman, own documents",
    ),
]
# The subjects measured for every role, with the word counting their rows.
SUBJECTS = [("shaqra.request", "requests", ""), ("shaqra.complaint", "complaints", "complaint ")]
MODELS = {
    "shaqra.request": {"domain": [], "context": {}},
    "shaqra.complaint": {"domain": [], "context": {}},
    "crm.lead": {
        "domain": [["type", "=", "opportunity"]],
        "context": {"default_type": "opportunity"},
    },
}


class Client:
    def __init__(self, url, db, login):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        result = self._post(
            "/web/session/authenticate", {"db": db, "login": login, "password": PASSWORD}
        )
        self.context = dict(result["user_context"], bin_size=True)
        self.context["allowed_company_ids"] = [result["user_companies"]["current_company"]]

    def _post(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(f"{path}: {body['error']['data'].get('message')}")
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def view_spec(client, model, view_type):
    """The fields of the default view as a web_search_read specification."""
    result = client.call(model, "get_views", [[False, view_type]], options={})
    arch = etree.fromstring(result["views"][view_type]["arch"].encode())
    model_fields = result["models"][model]["fields"]
    spec = {}
    for node in arch.iter("field"):
        # Fields of an embedded sub-view belong to the related model.
        if any(p.tag in ("list", "form", "kanban") for p in node.iterancestors() if p != arch):
            continue
        name = node.get("name")
        field = model_fields.get(name)
        if not field:
            continue
        if field["type"] in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    progressbar = arch.find(".//progressbar")
    default_order = arch.get("default_order") or ""
    return spec, progressbar, default_order


def kanban_load(client, model, spec, progressbar, order):
    domain = MODELS[model]["domain"]
    groups = client.call(
        model, "web_read_group", domain, [], ["stage_id"], limit=80, offset=0, lazy=True
    )["groups"]
    if progressbar is not None:
        bar = {"field": progressbar.get("field"), "colors": {}}
        client.call(model, "read_progress_bar", domain, "stage_id", bar)
    for group in groups:
        if group.get("__fold"):
            continue
        client.call(
            model,
            "web_search_read",
            group["__domain"],
            spec,
            offset=0,
            limit=40,
            order=order,
            count_limit=10001,
        )
    return sum(g["stage_id_count"] for g in groups)


def list_load(client, model, spec, order):
    result = client.call(
        model,
        "web_search_read",
        MODELS[model]["domain"],
        spec,
        offset=0,
        limit=80,
        order=order,
        count_limit=10001,
    )
    return result["length"]


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def side_by_side(subject, anchor, repeat):
    """Interleave subject and anchor; medians in seconds and the row counts."""
    subject(), anchor()  # warm the caches of both
    s_times, a_times = [], []
    for _ in range(repeat):
        s, s_rows = timed(subject)
        a, a_rows = timed(anchor)
        s_times.append(s)
        a_times.append(a)
    return statistics.median(s_times), statistics.median(a_times), s_rows, a_rows


def bench_views(url, db, repeat, rows):
    clients = {}

    def client(login):
        if login not in clients:
            clients[login] = Client(url, db, login)
        return clients[login]

    specs = {}
    admin = client("admin")
    subjects = [subject for subject in SUBJECTS if subject[0] in installed_models(admin)]
    for model in [subject[0] for subject in subjects] + ["crm.lead"]:
        for view_type in ("kanban", "list"):
            specs[model, view_type] = view_spec(admin, model, view_type)
    a_spec, a_bar, a_order = specs["crm.lead", "kanban"]
    b_spec, _bar, b_order = specs["crm.lead", "list"]
    for model, noun, prefix in subjects:
        for label, login, anchor_login, anchor_label in ROLES:
            me, other = client(login), client(anchor_login)
            k_spec, k_bar, k_order = specs[model, "kanban"]
            s, a, s_rows, a_rows = side_by_side(
                partial(kanban_load, me, model, k_spec, k_bar, k_order),
                partial(kanban_load, other, "crm.lead", a_spec, a_bar, a_order),
                repeat,
            )
            rows.append(
                (
                    f"{prefix}kanban, {label} ({s_rows} {noun})",
                    s,
                    f"crm.lead kanban, {anchor_label} ({a_rows} leads)",
                    a,
                    1.0,
                )
            )
            l_spec, _bar, l_order = specs[model, "list"]
            s, a, s_rows, a_rows = side_by_side(
                partial(list_load, me, model, l_spec, l_order),
                partial(list_load, other, "crm.lead", b_spec, b_order),
                repeat,
            )
            rows.append(
                (
                    f"{prefix}list, {label} ({s_rows} {noun})",
                    s,
                    f"crm.lead list, {anchor_label} ({a_rows} leads)",
                    a,
                    1.0,
                )
            )


def bench_scale(url, url2, db, seconds, rows):
    """The liaison officers' kanban from 4 concurrent clients, against one
    Odoo process, then 2 clients on each of two processes sharing the same
    PostgreSQL: kanban loads per second, combined against one process."""
    admin = Client(url, db, "admin")
    spec, bar, order = view_spec(admin, "shaqra.request", "kanban")

    def throughput(urls):
        clients = [Client(u, db, f"bench_liaison_{i}") for i, u in enumerate(urls)]
        for client in clients:  # warm each process's caches for its user
            kanban_load(client, "shaqra.request", spec, bar, order)
        counts = [0] * len(clients)
        stop = time.perf_counter() + seconds

        def loop(index):
            while time.perf_counter() < stop:
                kanban_load(clients[index], "shaqra.request", spec, bar, order)
                counts[index] += 1

        threads = [threading.Thread(target=loop, args=(i,)) for i in range(len(clients))]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(counts) / (time.perf_counter() - start)

    one = throughput([url] * 4)
    two = throughput([url, url2] * 2)
    rows.append(
        {
            "figure": "kanban loads/s, liaison officers, 4 clients on two Odoo processes, "
            "one PostgreSQL",
            "value": f"{two:.1f}",
            "anchor": "the same 4 clients on one Odoo process",
            "anchor_value": f"{one:.1f}",
            "ratio": f"{two / one if one else 0:.2f}x",
            "target": "> 1.0x",
            "result": "PASS" if one and two / one > 1.0 else "FAIL",
        }
    )


def installed_models(client):
    models = client.call(
        "ir.model", "search_read", [["model", "in", list(MODELS)]], fields=["model"]
    )
    return {m["model"] for m in models}


def bench_cron(config, db, rows, notes):
    sys.path.insert(0, os.environ["ODOO_SRC"])
    import odoo
    from odoo import SUPERUSER_ID, api, fields

    odoo.tools.config.parse_config(["-c", config, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Request = env["shaqra.request"]
        tz = env.company._shaqra_service_calendar().tz or "Asia/Riyadh"
        today = fields.Date.context_today(Request.with_context(tz=tz))
        total = Request.search_count([])
        # Anchor: the bare SQL that flags the late requests, rolled back.
        start = time.perf_counter()
        cr.execute(
            """UPDATE shaqra_request SET is_overdue = true
                WHERE date_deadline < %s AND date_answered IS NULL
                  AND stage_key NOT IN ('decided', 'notified', 'closed', 'cancelled')
                  AND NOT is_overdue""",
            [today],
        )
        late = cr.rowcount
        anchor = time.perf_counter() - start
        cr.rollback()
        # The daily job itself; called outside the scheduler it runs every batch in one call.
        count0 = cr.sql_log_count
        start = time.perf_counter()
        Request._cron_check_deadlines()
        cr.commit()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - count0
        cr.execute(
            """SELECT count(*), count(DISTINCT res_id) FROM mail_activity
                WHERE res_model = 'shaqra.request' AND activity_type_id = %s""",
            [env.ref("shaqra_beneficiary.mail_activity_type_request_escalation").id],
        )
        activities, distinct = cr.fetchone()
        cr.execute(
            """SELECT count(*) FROM shaqra_request
                WHERE date_deadline < %s AND date_answered IS NULL AND NOT is_escalated
                  AND stage_key NOT IN ('decided', 'notified', 'closed', 'cancelled')""",
            [today],
        )
        left = cr.fetchone()[0]

        # The policy acknowledgement reminders and escalation (ART4).
        Ack = env["shaqra.policy.acknowledgement"]
        pending = Ack.search_count([("state", "=", "pending")])
        start = time.perf_counter()
        cr.execute(
            """UPDATE shaqra_policy_acknowledgement SET reminded_on = now() AT TIME ZONE 'UTC'
                WHERE state = 'pending' AND reminded_on IS NULL"""
        )
        ack_anchor = time.perf_counter() - start
        cr.rollback()
        count0 = cr.sql_log_count
        start = time.perf_counter()
        Ack._cron_remind()
        cr.commit()
        ack_elapsed = time.perf_counter() - start
        ack_queries = cr.sql_log_count - count0
        complaint = bench_complaint_cron(env, today) if "shaqra.complaint" in env else None
    # The check escalates 1,000 requests per batch (ESCALATION_BATCH_SIZE).
    per_batch = queries / max(1, -(-late // 1000))
    rows.append(
        (
            f"deadline cron, {late} of {total} late ({queries} queries, "
            f"{per_batch:.0f} per batch of 1,000)",
            elapsed,
            "bare SQL UPDATE flagging them",
            anchor,
            None,
        )
    )
    rows.append(
        (
            f"policy reminders and escalation, {pending} pending ({ack_queries} queries)",
            ack_elapsed,
            "bare SQL UPDATE marking them reminded",
            ack_anchor,
            None,
        )
    )
    if complaint:
        c_late, c_total, c_queries, c_elapsed, c_anchor, c_ok = complaint
        rows.append(
            (
                f"complaint deadline cron, {c_late} of {c_total} late ({c_queries} queries)",
                c_elapsed,
                "bare SQL UPDATE flagging them",
                c_anchor,
                None,
            )
        )
        notes.append(
            f"complaint deadline cron: {c_late} late complaints flagged and escalated "
            f"({'one escalation each' if c_ok else 'NOT one escalation each'})"
        )
    notes.append(
        f"deadline cron: target <= 10 s and <= 50 queries per 1,000 late requests: "
        f"{'PASS' if elapsed <= 10 and per_batch <= 50 else 'FAIL'}; "
        f"{activities} escalation activities on {distinct} requests, {left} late request(s) "
        f"not escalated ({'one each' if activities == distinct and not left else 'NOT one each'})"
    )


def bench_complaint_cron(env, today):
    """The complaints' daily deadline check (the deadline mixin's, D2/G6)."""
    cr = env.cr
    Complaint = env["shaqra.complaint"]
    total = Complaint.with_context(active_test=False).sudo().search_count([])
    start = time.perf_counter()
    cr.execute(
        """UPDATE shaqra_complaint c SET is_overdue = true
             FROM shaqra_complaint_stage st
            WHERE st.id = c.stage_id AND st.is_final IS NOT TRUE
              AND c.date_deadline < %s AND c.date_answered IS NULL
              AND c.date_paused IS NULL AND NOT c.is_overdue""",
        [today],
    )
    late = cr.rowcount
    anchor = time.perf_counter() - start
    cr.rollback()
    count0 = cr.sql_log_count
    start = time.perf_counter()
    Complaint._cron_deadline_check()
    cr.commit()
    elapsed = time.perf_counter() - start
    queries = cr.sql_log_count - count0
    cr.execute(
        """SELECT count(*), count(DISTINCT res_id) FROM mail_activity
            WHERE res_model = 'shaqra.complaint' AND activity_type_id = %s""",
        [env.ref(Complaint._deadline_activity_escalation).id],
    )
    activities, distinct = cr.fetchone()
    cr.execute("SELECT count(*) FROM shaqra_complaint WHERE is_overdue AND NOT is_escalated")
    left = cr.fetchone()[0]
    return late, total, queries, elapsed, anchor, activities == distinct and not left


def print_table(rows, notes, n):
    print()
    print(f"Benchmark, {n} requests (BENCH_N), medians")
    print()
    print("| figure | s | anchor | s | ratio | target | result |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        if isinstance(row, dict):
            print(
                f"| {row['figure']} | {row['value']} | {row['anchor']} | {row['anchor_value']} "
                f"| {row['ratio']} | {row['target']} | {row['result']} |"
            )
            continue
        figure, s, anchor, a, target = row
        ratio = s / a if a else float("inf")
        if target is None:
            target_text, result = "<= 10 s", "PASS" if s <= 10 else "FAIL"
        else:
            target_text = f"<= {target:.1f}x"
            result = "PASS" if ratio <= target else "FAIL"
        print(
            f"| {figure} | {s:.3f} | {anchor} | {a:.3f} | {ratio:.2f}x | {target_text} | {result} |"
        )
    print()
    for note in notes:
        print(f"- {note}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url2", help="a second Odoo process on the same database")
    parser.add_argument("--scale-seconds", type=int, default=15)
    parser.add_argument("--extra", action="append", default=[], help="rows of another bench")
    args = parser.parse_args()
    rows, notes = [], []
    bench_views(args.url, args.database, args.repeat, rows)
    if args.url2:
        bench_scale(args.url, args.url2, args.database, args.scale_seconds, rows)
    for path in args.extra:
        if os.path.exists(path):
            with open(path) as handle:
                extra = json.load(handle)
            rows.extend(extra["rows"])
            notes.extend(extra["notes"])
    bench_cron(args.config, args.database, rows, notes)
    print_table(rows, notes, args.n)


if __name__ == "__main__":
    main()
