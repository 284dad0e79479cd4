"""Peak memory of the exports over 100,000 rows, each in its own process.

Run by scripts/bench.sh (`make bench`) on the seeded database; writes the
rows of the table as JSON (``--out``), which bench_run.py prints.

    python bench_export.py -c odoo.conf -d DB --rows 100000 --out rows.json

Each export runs in a fresh subprocess (``--one NAME``) that loads the
registry, notes its resident memory, resets the kernel's high-water mark
(``/proc/self/clear_refs``) and builds the file; the peak (VmHWM) is read
afterwards. The figure is the whole process's peak (a loaded Odoo with
every add-on included); the export's own growth over it is given beside.
Nothing is committed: the extra acknowledgement rows are inserted in the
export's transaction and rolled back.

- governance evidence pack (shaqra_complaints, when installed): every
  request answered over the whole ten years;
- policy compliance workbook (ART4): the acknowledgements, topped up to
  ``--rows`` rows.
"""

import argparse
import json
import os
import subprocess
import sys
import time


def vm(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def run_one(args):
    sys.path.insert(0, os.environ["ODOO_SRC"])
    import odoo
    from odoo import api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        root = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = root.ref("base.user_admin")
        # The association works in Arabic: the sheets are written in Arabic
        # (the language is switched on if the database does not have it yet).
        if not root["res.lang"]._lang_get("ar_001"):
            root["res.lang"]._activate_lang("ar_001")
        env = api.Environment(cr, admin.id, {"lang": "ar_001", "tz": "Asia/Riyadh"})
        rows = 0
        if args.one == "compliance":
            Ack = env["shaqra.policy.acknowledgement"]
            have = Ack.sudo().search_count([])
            missing = max(0, args.rows - have)
            if missing:
                # The employees acknowledge the same version again: only the
                # row count matters here, and the rows are rolled back.
                cr.execute(
                    "ALTER TABLE shaqra_policy_acknowledgement"
                    " DROP CONSTRAINT shaqra_policy_acknowledgement_employee_policy_uniq"
                )
                cr.execute(
                    """INSERT INTO shaqra_policy_acknowledgement (policy_id, company_id,
                           policy_version, employee_id, person_name, audience, state,
                           distributed_on, acknowledged_on, create_uid, write_uid,
                           create_date, write_date)
                       SELECT a.policy_id, a.company_id, a.policy_version, a.employee_id,
                              a.person_name, a.audience, a.state, a.distributed_on,
                              a.acknowledged_on, 1, 1, now(), now()
                         FROM generate_series(1, %s) g
                         JOIN LATERAL (SELECT * FROM shaqra_policy_acknowledgement
                                        WHERE employee_id IS NOT NULL
                                        ORDER BY id OFFSET (g %% %s) LIMIT 1) a ON true""",
                    [missing, max(1, min(have, 2000))],
                )
            rows = Ack.sudo().search_count([])
            env.invalidate_all()
            before = vm("VmRSS")
            reset_peak()
            start = time.perf_counter()
            content = Ack._compliance_xlsx()
        else:
            Export = env["shaqra.governance.export"]
            wizard = Export.create({"date_from": "2000-01-01", "date_to": "2100-12-31"})
            rows = env["shaqra.request"].search_count(wizard._deadline_domain())
            env.invalidate_all()
            before = vm("VmRSS")
            reset_peak()
            start = time.perf_counter()
            wizard.action_export()
            content = wizard.file
        elapsed = time.perf_counter() - start
        peak = vm("VmHWM")
        cr.rollback()
    print(
        json.dumps(
            {
                "rows": rows,
                "before": before,
                "peak": peak,
                "seconds": elapsed,
                "size": len(content or b""),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--one")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.one:
        run_one(args)
        return
    sys.path.insert(0, os.environ["ODOO_SRC"])
    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    with odoo.modules.registry.Registry(args.database).cursor() as cr:
        cr.execute("SELECT 1 FROM ir_model WHERE model = 'shaqra.governance.export'")
        exports = (["governance"] if cr.fetchone() else []) + ["compliance"]
    labels = {
        "governance": "governance evidence pack xlsx",
        "compliance": "policy compliance xlsx",
    }
    result_rows = []
    for name in exports:
        output = subprocess.run(
            [
                *(sys.executable, __file__, "-c", args.config, "-d", args.database),
                *("--rows", str(args.rows), "--one", name),
            ],
            check=False,
            capture_output=True,
            text=True,
        )
        if output.returncode:
            # The export's own error, not only its exit status.
            sys.stderr.write(output.stderr[-4000:])
            output.check_returncode()
        result = json.loads(output.stdout.strip().splitlines()[-1])
        growth = max(0.0, result["peak"] - result["before"])
        result_rows.append(
            {
                "figure": (
                    f"{labels[name]}, {result['rows']} rows: peak RSS of the process, MB "
                    f"(the export's own growth {growth:.0f} MB, {result['seconds']:.1f} s, "
                    f"{result['size'] / 1e6:.1f} MB file)"
                ),
                "value": f"{result['peak']:.0f}",
                "anchor": "",
                "anchor_value": "",
                "ratio": "",
                "target": "<= 200 MB",
                "result": "PASS" if result["peak"] <= 200 else "FAIL",
            }
        )
    with open(args.out, "w") as handle:
        json.dump({"rows": result_rows, "notes": []}, handle)


if __name__ == "__main__":
    main()
