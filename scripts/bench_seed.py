"""Seed a throw-away database with the association's ten-year volumes.

Run by scripts/bench.sh (`make bench`), never against a real database.

    python bench_seed.py -c odoo.conf -d DB --n 100000

``--n`` is the number of service requests; the rest follows it:
100,000 requests, 100,000 CRM leads (the anchor), 10,000 beneficiaries,
20,000 complaints (when shaqra_complaints is installed), 50,000 notices and
2,000 employees with a policy acknowledgement each.

The few configuration records (users, officers, categories, fields of work,
service types, a policy) are created with the ORM. The bulk rows are
inserted with one ``INSERT ... SELECT generate_series`` per table: creating
100,000 requests through the ORM (sequence, requirement lines, followers,
tracking, activities) takes hours on a small machine, while the benchmarks
only need the rows as the ORM would have stored them. Every bulk column is
one the ORM stores, including the stored related/computed ones
(stage_key, liaison_user_id, category_id, field_id, partner_id, and on the
complaints also committee_id and settled_rate).
"""

import argparse
import datetime
import os
import sys
import time

CATEGORIES = 5
WORK_FIELDS = 4
OFFICERS = 10  # liaison officers: each handles 1/10 of the requests
SALESMEN = 10  # salesmen: each owns 1/10 of the CRM leads
PASSWORD = "bench-Passw0rd"  # a throw-away database only

# Share of the requests per situation (per mille), as in a ten-year registry.
LATE = 138  # open and past their deadline, not flagged yet: the cron's work
OPEN_ON_TIME = 62
CANCELLED = 60
# The same for the complaints (open past their deadline, open on time, cancelled).
COMPLAINT_LATE = 120
COMPLAINT_OPEN = 80
COMPLAINT_CANCELLED = 40


def log(msg):
    print(f"[seed] {msg}", file=sys.stderr, flush=True)


def make_user(env, login, name, groups, employee=False):
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    user = Users.search([("login", "=", login)])
    if not user:
        user = Users.create(
            {
                "login": login,
                "name": name,
                "password": PASSWORD,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
            }
        )
    if employee and not user.employee_ids:
        env["hr.employee"].create({"name": name, "user_id": user.id})
    return user


def seed(env, n):
    cr = env.cr
    company = env.company
    n = max(n, 100)
    n_beneficiaries = max(20, n // 10 // 20 * 20)  # a multiple of 20: see below
    n_notices = n // 2
    n_employees = max(10, n // 50)

    # --- configuration (ORM) ------------------------------------------------
    t0 = time.time()
    env.ref("base.user_admin").password = PASSWORD
    manager = make_user(
        env, "bench_manager", "Bench Manager", ["shaqra_beneficiary.group_manager"], True
    )
    company.shaqra_escalation_user_id = manager
    reception = make_user(
        env, "bench_reception", "Bench Reception", ["shaqra_beneficiary.group_reception"]
    )
    officers = [
        make_user(
            env,
            f"bench_liaison_{i}",
            f"Bench Liaison {i}",
            ["shaqra_beneficiary.group_liaison_officer"],
            True,
        )
        for i in range(OFFICERS)
    ]
    salesmen = [
        make_user(
            env, f"bench_salesman_{i}", f"Bench Salesman {i}", ["sales_team.group_sale_salesman"]
        )
        for i in range(SALESMEN)
    ]
    # The anchor of the manager: a sales manager sees every lead.
    make_user(env, "bench_sales_manager", "Bench Sales Manager", ["sales_team.group_sale_manager"])
    categories = env["shaqra.beneficiary.category"].create(
        [{"name": f"Bench category {i}", "code": f"BC{i}"} for i in range(CATEGORIES)]
    )
    work_fields = env["shaqra.work.field"].create(
        [{"name": f"Bench field {i}", "code": f"BF{i}"} for i in range(WORK_FIELDS)]
    )
    service_types = env["shaqra.service.type"].create(
        [{"name": f"Bench service {i}", "field_id": f.id} for i, f in enumerate(work_fields)]
    )
    # Assignment k = (category k % 5, field k // 5) goes to officer k % 10.
    assignment_officer = {}
    vals = []
    for c, category in enumerate(categories):
        for f, field in enumerate(work_fields):
            k = f * CATEGORIES + c
            officer = officers[k % OFFICERS]
            assignment_officer[(c, f)] = officer
            vals.append(
                {
                    "category_id": category.id,
                    "field_id": field.id,
                    "employee_id": officer.employee_ids[0].id,
                }
            )
    env["shaqra.liaison.assignment"].create(vals)
    stages = {s.key: s.id for s in env["shaqra.request.stage"].search([])}
    env.flush_all()
    log(f"configuration in {time.time() - t0:.1f}s")

    # Lookup tables for the bulk inserts: position -> id.
    def values_table(name, rows):
        cr.execute(f"CREATE TEMP TABLE {name} (k int PRIMARY KEY, a int, b int, c int)")
        cr.execute(
            f"INSERT INTO {name} VALUES "
            + ",".join(cr.mogrify("(%s,%s,%s,%s)", r).decode() for r in rows)
        )

    values_table(
        "bench_assign",
        [
            (
                f * CATEGORIES + c,
                assignment_officer[(c, f)].employee_ids[0].id,
                assignment_officer[(c, f)].id,
                service_types[f].id,
            )
            for c in range(CATEGORIES)
            for f in range(WORK_FIELDS)
        ],
    )
    values_table("bench_cat", [(i, c.id, 0, 0) for i, c in enumerate(categories)])
    values_table("bench_field", [(i, f.id, 0, 0) for i, f in enumerate(work_fields)])

    # --- beneficiaries (SQL) ----------------------------------------------------
    t0 = time.time()
    params = {
        "company": company.id,
        "uid": reception.id,
        "nb": n_beneficiaries,
        "n": n,
        "cats": CATEGORIES,
        "fields": WORK_FIELDS,
    }
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, type, company_id, lang,
                                 create_uid, write_uid, create_date, write_date)
        SELECT 'Bench Beneficiary ' || j, 'Bench Beneficiary ' || j, true, 'contact',
               %(company)s, 'ar_001', %(uid)s, %(uid)s, now(), now()
          FROM generate_series(0, %(nb)s - 1) j
        RETURNING id
        """,
        params,
    )
    partner_ids = [r[0] for r in cr.fetchall()]
    values_table("bench_partner", [(j, pid, 0, 0) for j, pid in enumerate(partner_ids)])
    # Beneficiary j: category j % 5, field (j // 5) % 4, officer of that assignment.
    cr.execute(
        """
        INSERT INTO shaqra_beneficiary (partner_id, company_id, category_id, field_id,
            liaison_officer_id, liaison_user_id, national_id, preferred_channel,
            mobile_normalized, household_size, active, consent_given,
            create_uid, write_uid, create_date, write_date)
        SELECT p.a, %(company)s, cat.a, fld.a, asg.a, asg.b,
               (1000000000 + j)::text, 'whatsapp', '9665' || lpad(j::text, 8, '0'),
               1 + j %% 8, true, true, %(uid)s, %(uid)s, now(), now()
          FROM generate_series(0, %(nb)s - 1) j
          JOIN bench_partner p ON p.k = j
          JOIN bench_cat cat ON cat.k = j %% %(cats)s
          JOIN bench_field fld ON fld.k = (j / %(cats)s) %% %(fields)s
          JOIN bench_assign asg ON asg.k = ((j / %(cats)s) %% %(fields)s) * %(cats)s + j %% %(cats)s
        RETURNING id
        """,
        params,
    )
    values_table(
        "bench_benef", [(j, r[0], partner_ids[j], 0) for j, r in enumerate(cr.fetchall())]
    )
    log(f"{n_beneficiaries} beneficiaries in {time.time() - t0:.1f}s")

    # --- requests (SQL) ------------------------------------------------------------
    # Request i belongs to beneficiary i % nb (nb is a multiple of 20, so the
    # request has its beneficiary's category and field of work, hence its
    # officer, from i % 20). Situations by a scrambled per-mille r: late /
    # open on time / cancelled / answered; the stage within a situation from
    # i / 20, so that every officer has requests in every stage.
    t0 = time.time()
    params.update(
        {
            "late": LATE,
            "open": LATE + OPEN_ON_TIME,
            "cancelled": LATE + OPEN_ON_TIME + CANCELLED,
            "received": stages["received"],
            "completeness": stages["completeness"],
            "awaiting": stages["awaiting_committee"],
            "review": stages["committee_review"],
            "decided": stages["decided"],
            "notified": stages["notified"],
            "closed": stages["closed"],
            "cancel": stages["cancelled"],
        }
    )
    cr.execute(
        """
        WITH base AS (
            SELECT i, (i * 7919) %% 1000 AS r,
                   now() - make_interval(mins => ((%(n)s - i)::float / %(n)s * 3650 * 1440)::int)
                       AS created
              FROM generate_series(0, %(n)s - 1) i
        ), situ AS (
            SELECT i, r,
                   CASE WHEN r < %(late)s THEN now() - make_interval(days => 22 + i %% 300)
                        WHEN r < %(open)s THEN now() - make_interval(days => i %% 20)
                        ELSE created END AS created,
                   CASE WHEN r < %(late)s THEN (ARRAY[%(awaiting)s, %(review)s])[1 + (i / 20) %% 2]
                        WHEN r < %(open)s THEN (ARRAY[%(received)s, %(completeness)s,
                                                       %(awaiting)s, %(review)s])[1 + (i / 20) %% 4]
                        WHEN r < %(cancelled)s THEN %(cancel)s
                        ELSE (ARRAY[%(decided)s, %(notified)s, %(closed)s, %(closed)s,
                                    %(closed)s])[1 + (i / 20) %% 5] END AS stage_id
              FROM base
        )
        INSERT INTO shaqra_request (name, company_id, beneficiary_id, partner_id,
            service_type_id, field_id, category_id, channel, stage_id, stage_key,
            liaison_officer_id, liaison_user_id, date_complete, date_deadline,
            date_reminder, date_answered, working_days_taken, deadline_met,
            is_overdue, is_escalated, create_uid, write_uid, create_date, write_date)
        SELECT 'REQ/B' || lpad(s.i::text, 7, '0'), %(company)s, b.a, b.b, asg.c, fld.a,
               cat.a, (ARRAY['meeting','letter','whatsapp','portal'])[1 + s.i %% 4],
               s.stage_id, st.key, asg.a, asg.b,
               CASE WHEN st.key IN ('received', 'completeness') THEN NULL
                    ELSE s.created + interval '1 day' END,
               CASE WHEN st.key IN ('received', 'completeness') THEN NULL
                    ELSE (s.created + interval '22 days')::date END,
               CASE WHEN st.key IN ('received', 'completeness') THEN NULL
                    ELSE (s.created + interval '18 days')::date END,
               CASE WHEN st.key IN ('decided', 'notified', 'closed')
                    THEN s.created + make_interval(days => 5 + s.i %% 20) END,
               CASE WHEN st.key IN ('decided', 'notified', 'closed') THEN 3 + s.i %% 15 END,
               st.key IN ('decided', 'notified', 'closed') AND s.i %% 20 < 14,
               false, false, %(uid)s, %(uid)s, s.created, s.created
          FROM situ s
          JOIN shaqra_request_stage st ON st.id = s.stage_id
          JOIN bench_benef b ON b.k = s.i %% %(nb)s
          JOIN bench_cat cat ON cat.k = (s.i %% %(nb)s) %% %(cats)s
          JOIN bench_field fld ON fld.k = ((s.i %% %(nb)s) / %(cats)s) %% %(fields)s
          JOIN bench_assign asg
            ON asg.k = (((s.i %% %(nb)s) / %(cats)s) %% %(fields)s) * %(cats)s
                       + (s.i %% %(nb)s) %% %(cats)s
        """,
        params,
    )
    log(f"{n} requests in {time.time() - t0:.1f}s")

    # --- notices (SQL) ---------------------------------------------------------------
    t0 = time.time()
    params["notices"] = n_notices
    cr.execute(
        """
        INSERT INTO shaqra_notification (request_id, beneficiary_id, company_id, author_id,
            channel, kind, subject, body, state, date,
            create_uid, write_uid, create_date, write_date)
        SELECT r.id, r.beneficiary_id, %(company)s, %(uid)s,
               (ARRAY['meeting','letter','whatsapp','portal'])[1 + r.id %% 4],
               (ARRAY['completion','decision','other'])[1 + r.id %% 3],
               'Bench notice ' || r.name, '<p>Bench notice</p>', 'sent', r.create_date,
               %(uid)s, %(uid)s, r.create_date, r.create_date
          FROM shaqra_request r
         WHERE r.name LIKE 'REQ/B%%'
         ORDER BY r.id
         LIMIT %(notices)s
        """,
        params,
    )
    log(f"{n_notices} notices in {time.time() - t0:.1f}s")

    # --- complaints (SQL) ------------------------------------------------------------
    if "shaqra.complaint" in env:
        seed_complaints(env, params, n // 5, manager)

    # --- CRM leads, the anchor (SQL) -------------------------------------------------
    t0 = time.time()
    crm_stages = env["crm.stage"].search([], order="sequence, id")
    won = crm_stages.filtered("is_won")[:1] or crm_stages[-1:]
    open_stages = crm_stages - won
    team = env.ref("sales_team.team_sales_department", raise_if_not_found=False) or env[
        "crm.team"
    ].search([], limit=1)
    values_table("bench_salesman", [(i, u.id, 0, 0) for i, u in enumerate(salesmen)])
    params.update(
        {
            "open_stages": open_stages.ids,
            "won": won.id,
            "team": team.id,
            "salesmen": SALESMEN,
        }
    )
    # Spread like a pipeline: 10% in each open stage, the rest won, 1 in 10 lost
    # (archived, as Odoo marks lost opportunities); the salesman from i % 10,
    # the stage from i / 10, so that every salesman has leads in every stage.
    cr.execute(
        """
        WITH base AS (
            SELECT i, ((i / %(salesmen)s) * 7919) %% 10 AS r,
                   now() - make_interval(mins => ((%(n)s - i)::float / %(n)s * 3650 * 1440)::int)
                       AS created
              FROM generate_series(0, %(n)s - 1) i
        )
        INSERT INTO crm_lead (name, type, active, stage_id, user_id, team_id, company_id,
            partner_id,
            priority, probability, expected_revenue, prorated_revenue, partner_name,
            contact_name, email_from, date_open, date_last_stage_update, date_closed,
            create_uid, write_uid, create_date, write_date)
        SELECT 'Bench opportunity ' || i, 'opportunity', r <> 9,
               CASE WHEN r < cardinality(%(open_stages)s::int[])
                    THEN (%(open_stages)s::int[])[1 + r] ELSE %(won)s END,
               sm.a, %(team)s, %(company)s, p.a, (i %% 4)::text,
               CASE WHEN r < cardinality(%(open_stages)s::int[]) THEN 10 + 20 * r ELSE 100 END,
               1000 + i %% 9000, 1000 + i %% 9000,
               'Bench company ' || (i %% 5000), 'Bench contact ' || i,
               'bench' || i || '@example.com', created, created,
               CASE WHEN r >= cardinality(%(open_stages)s::int[]) THEN created END,
               sm.a, sm.a, created, created
          FROM base
          JOIN bench_salesman sm ON sm.k = i %% %(salesmen)s
          -- a customer on every card, as the beneficiary on every request card
          JOIN bench_partner p ON p.k = (i / %(salesmen)s) %% %(nb)s
        """,
        params,
    )
    log(f"{n} CRM leads in {time.time() - t0:.1f}s")

    # --- employees and their policy acknowledgements -----------------------------------
    t0 = time.time()
    # Through the ORM each employee also gets a work contact and generated
    # avatars (minutes for 2,000): the benchmarks need the rows only.
    params.update({"employees": n_employees, "calendar": company.resource_calendar_id.id})
    cr.execute(
        """
        WITH res AS (
            INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active,
                company_id, calendar_id, create_uid, write_uid, create_date, write_date)
            SELECT 'Bench Employee ' || i, 'user', 'Asia/Riyadh', 100, true,
                   %(company)s, %(calendar)s, 1, 1, now(), now()
              FROM generate_series(0, %(employees)s - 1) i
            RETURNING id, name
        )
        INSERT INTO hr_employee (resource_id, name, company_id, resource_calendar_id, active,
            marital, distance_home_work_unit, employee_type,
            create_uid, write_uid, create_date, write_date)
        SELECT id, name, %(company)s, %(calendar)s, true, 'single', 'kilometers', 'employee',
               1, 1, now(), now()
          FROM res ORDER BY id
        RETURNING id
        """,
        params,
    )
    employee_ids = [r[0] for r in cr.fetchall()]
    policy = env["shaqra.policy"].search([("state", "=", "published")], limit=1)
    if policy:
        values_table("bench_employee", [(i, e, 0, 0) for i, e in enumerate(employee_ids)])
        params.update({"policy": policy.id, "version": policy.version})
        cr.execute(
            """
            INSERT INTO shaqra_policy_acknowledgement (policy_id, company_id, policy_version,
                employee_id, person_name, audience, state, distributed_on, acknowledged_on,
                create_uid, write_uid, create_date, write_date)
            SELECT %(policy)s, %(company)s, %(version)s, e.a, 'Bench Employee ' || e.k,
                   'employee', CASE WHEN e.k %% 3 = 0 THEN 'pending' ELSE 'acknowledged' END,
                   now() - interval '30 days',
                   CASE WHEN e.k %% 3 = 0 THEN NULL ELSE now() - interval '20 days' END,
                   1, 1, now(), now()
              FROM bench_employee e
            """,
            params,
        )
    log(f"{n_employees} employees in {time.time() - t0:.1f}s")

    # The sequences and the statistics the planner needs after a bulk load.
    cr.execute("ANALYZE")
    env.invalidate_all()


def seed_complaints(env, params, nc, manager):
    """``nc`` complaints over ten years, every stage, kind and channel.

    Complaint j comes from beneficiary j % nb (4 in 5; the 5th is a walk-in
    or website complainant without a file, anonymous when it is a
    complaint), so it has that beneficiary's category and field of work and
    is routed to the same liaison officer as the requests (the assignment of
    category x field); ethics concerns (E4) have no liaison officer. The
    tracking numbers follow the register (SHK-<year>-<number of the year>).
    """
    cr = env.cr
    t0 = time.time()
    committee = env["shaqra.committee"].search([("committee_type", "=", "follow_up")], limit=1)
    if not committee:
        committee = env["shaqra.committee"].create(
            {
                "name": "Bench follow-up committee",
                "committee_type": "follow_up",
                "chair_id": manager.id,
                "member_ids": [(6, 0, [manager.id])],
            }
        )
    params = dict(
        params,
        nc=nc,
        late=COMPLAINT_LATE,
        open=COMPLAINT_LATE + COMPLAINT_OPEN,
        cancelled=COMPLAINT_LATE + COMPLAINT_OPEN + COMPLAINT_CANCELLED,
        committee=committee.id,
    )
    # kind from a scrambled twentieth: 10 complaint, 2 dispute, 4 support,
    # 3 inquiry, 1 ethics; the short-path kinds (support, inquiry, ethics)
    # never sit in the committee's stages, so those become screening.
    cr.execute(
        """
        WITH base AS (
            SELECT j, (j * 7919) %% 1000 AS r,
                   (ARRAY['complaint','complaint','complaint','complaint','complaint',
                          'complaint','complaint','complaint','complaint','complaint',
                          'dispute','dispute','support','support','support','support',
                          'inquiry','inquiry','inquiry','ethics'])[1 + (j * 13) %% 20] AS kind,
                   now() - make_interval(mins => ((%(nc)s - j)::float / %(nc)s * 3650 * 1440)::int)
                       AS created
              FROM generate_series(0, %(nc)s - 1) j
        ), situ AS (
            SELECT j, r, kind, kind IN ('support', 'inquiry', 'ethics') AS short,
                   CASE WHEN r < %(late)s THEN now() - make_interval(days => 25 + j %% 300)
                        WHEN r < %(open)s THEN now() - make_interval(days => j %% 14)
                        ELSE created END AS received,
                   CASE WHEN r < %(late)s THEN (ARRAY['received','screening','follow_up',
                                                     'settlement'])[1 + (j / 20) %% 4]
                        WHEN r < %(open)s THEN (ARRAY['received','screening','waiting',
                                                     'follow_up','settlement'])[1 + (j / 20) %% 5]
                        WHEN r < %(cancelled)s THEN 'cancelled'
                        ELSE (ARRAY['resolved','closed','closed','closed'])[1 + (j / 20) %% 4]
                   END AS key0
              FROM base
        ), rows AS (
            SELECT s.*,
                   CASE WHEN s.short AND s.key0 IN ('follow_up', 'settlement') THEN 'screening'
                        ELSE s.key0 END AS key,
                   s.r >= %(cancelled)s AS answered,
                   j %% 5 <> 4 AS has_file,
                   s.received + make_interval(days => CASE WHEN s.short THEN 7 ELSE 21 END)
                       AS deadline,
                   -- the register's year is the association's (Riyadh) year
                   extract(year FROM s.received AT TIME ZONE 'Asia/Riyadh')::int AS year
              FROM situ s
        ), prev AS (
            -- numbers already given (demo or earlier complaints) are not given again
            SELECT split_part(name, '-', 2)::int AS year, max(split_part(name, '-', 3)::int) AS last
              FROM shaqra_complaint WHERE name ~ '^SHK-[0-9]{4}-[0-9]+$'
             GROUP BY 1
        )
        INSERT INTO shaqra_complaint (name, company_id, kind, channel, date_received,
            is_anonymous, beneficiary_id, partner_id, complainant_name, complainant_mobile,
            description, service_type_id, field_id, category_id, liaison_officer_id,
            liaison_user_id, stage_id, stage_key, committee_id, date_ack_due,
            date_acknowledged, date_deadline, date_reminder, is_overdue, is_escalated,
            date_answered, working_days_taken, deadline_met, date_paused, paused_working_days,
            outcome, settlement_state, settled_rate,
            create_uid, write_uid, create_date, write_date)
        SELECT 'SHK-' || x.year || '-'
                   || lpad((coalesce(prev.last, 0) + row_number() OVER (PARTITION BY x.year
                                                   ORDER BY x.received, x.j))::text, 5, '0'),
               %(company)s, x.kind,
               (ARRAY['website','fax','email','portal','meeting','letter','whatsapp',
                      'phone'])[1 + x.j %% 8],
               x.received,
               NOT x.has_file AND x.kind = 'complaint' AND x.j %% 2 = 0,
               CASE WHEN x.has_file THEN b.a END,
               CASE WHEN x.has_file THEN b.b END,
               CASE WHEN x.has_file THEN 'Bench Beneficiary ' || (x.j %% %(nb)s)
                    WHEN NOT (x.kind = 'complaint' AND x.j %% 2 = 0)
                    THEN 'Bench Complainant ' || x.j END,
               CASE WHEN NOT (NOT x.has_file AND x.kind = 'complaint' AND x.j %% 2 = 0)
                    THEN '9665' || lpad((x.j %% 100000000)::text, 8, '0') END,
               'Bench complaint ' || x.j, asg.c, fld.a, cat.a,
               CASE WHEN x.kind <> 'ethics' THEN asg.a END,
               CASE WHEN x.kind <> 'ethics' THEN asg.b END,
               st.id, x.key,
               CASE WHEN NOT x.short THEN %(committee)s END,
               (x.received + interval '1 day')::date,
               x.received + make_interval(hours => 1 + x.j %% 20),
               x.deadline::date, (x.deadline - interval '4 days')::date,
               false, false,
               CASE WHEN x.answered
                    THEN x.received + make_interval(days => 2 + x.j %% 24) END,
               CASE WHEN x.answered THEN 2 + x.j %% 17 END,
               x.answered AND x.j %% 20 < 17,
               CASE WHEN x.key = 'waiting' THEN now() - make_interval(days => x.j %% 5) END,
               CASE WHEN x.answered THEN x.j %% 3 ELSE 0 END,
               CASE WHEN x.answered AND NOT x.short
                    THEN (ARRAY['upheld','partially_upheld','rejected','settled','settled',
                                'withdrawn','referred'])[1 + (x.j / 20) %% 7] END,
               CASE WHEN x.key = 'settlement' THEN 'proposed'
                    WHEN x.answered AND NOT x.short AND (x.j / 20) %% 7 IN (3, 4)
                    THEN 'accepted' END,
               CASE WHEN x.answered AND NOT x.short AND (x.j / 20) %% 7 IN (3, 4)
                    THEN 100 ELSE 0 END,
               %(uid)s, %(uid)s, x.received, x.received
          FROM rows x
          LEFT JOIN prev ON prev.year = x.year
          JOIN shaqra_complaint_stage st ON st.key = x.key
          JOIN bench_benef b ON b.k = x.j %% %(nb)s
          JOIN bench_cat cat ON cat.k = (x.j %% %(nb)s) %% %(cats)s
          JOIN bench_field fld ON fld.k = ((x.j %% %(nb)s) / %(cats)s) %% %(fields)s
          JOIN bench_assign asg
            ON asg.k = (((x.j %% %(nb)s) / %(cats)s) %% %(fields)s) * %(cats)s
                       + (x.j %% %(nb)s) %% %(cats)s
        """,
        params,
    )
    # The register goes on after the seeded numbers: the sequence's range of
    # each year starts after the year's last number.
    cr.execute(
        """SELECT split_part(name, '-', 2)::int, max(split_part(name, '-', 3)::int)
             FROM shaqra_complaint WHERE name ~ '^SHK-[0-9]{4}-[0-9]+$' GROUP BY 1"""
    )
    last_numbers = cr.fetchall()
    sequence = env.ref("shaqra_complaints.seq_shaqra_complaint")
    for year, last in last_numbers:
        date_range = sequence._get_current_sequence(sequence_date=datetime.date(year, 6, 30))
        date_range.number_next_actual = last + 1
    log(f"{nc} complaints in {time.time() - t0:.1f}s ({len(last_numbers)} years of the register)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--n", type=int, default=100000)
    args = parser.parse_args()

    sys.path.insert(0, os.environ["ODOO_SRC"])
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        seed(env, args.n)
    log("done")


if __name__ == "__main__":
    main()
